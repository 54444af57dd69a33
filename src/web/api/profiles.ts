// Client calls of Profil (F4): the district profile (Profil Instansi, Profil Pengesahan, logo)
// and the user's own profile (Profil Pengguna, photo). Built on request() of client.ts, so errors,
// language and the CSRF header behave as for every other call.
import type { Wire } from '../../shared/api/common.ts';
import type * as contract from '../../shared/api/profiles.ts';
import { ApiError, request } from './client.ts';

/** The upload limit of the server (2 MiB), checked before sending to spare a useless upload. */
export { IMAGE_MAX_BYTES } from '../../shared/api/vocabulary.ts';

/** A stored image; `url` serves it and changes whenever the image does. */
export type ImageMeta = Wire<typeof contract.ImageMetaSchema>;
export type InstansiFields = Wire<typeof contract.InstansiFieldsSchema>;
export type PengesahanFields = Wire<typeof contract.PengesahanFieldsSchema>;
/** A district's profile; `pengesah` is who signs the Surat Pengesahan, resolved by the server. */
export type DistrictProfile = Wire<typeof contract.DistrictProfileSchema>;
export type UserProfile = Wire<typeof contract.UserProfileSchema>;
export type PenggunaFields = Pick<UserProfile, 'nama' | 'nomorHp' | 'email'>;

/** What the file picker offers; the server decides by content anyway. */
export const IMAGE_ACCEPT = 'image/png,image/jpeg,.png,.jpg,.jpeg';

/** Field errors of a refused save (details of a VALIDATION answer), by API field name. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return out;
  for (const d of e.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, path, message } = d as { field?: unknown; path?: unknown; message?: unknown };
    const name = typeof field === 'string' ? field : typeof path === 'string' ? path.replace(/^\//, '').split('/')[0] : undefined;
    if (name && typeof message === 'string' && !(name in out)) out[name] = message;
  }
  return out;
}

function imageForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

const districtPath = (kab: string) => `/api/v1/district-profiles/${encodeURIComponent(kab)}`;

export const profilesApi = {
  district(kab: string, signal?: AbortSignal): Promise<DistrictProfile> {
    return request<DistrictProfile>('GET', districtPath(kab), { signal });
  },

  saveInstansi(kab: string, fields: InstansiFields): Promise<DistrictProfile> {
    return request<DistrictProfile>('PUT', districtPath(kab), { body: fields });
  },

  savePengesahan(kab: string, fields: PengesahanFields): Promise<DistrictProfile> {
    return request<DistrictProfile>('PUT', `${districtPath(kab)}/pengesahan`, { body: fields });
  },

  uploadLogo(kab: string, file: File): Promise<ImageMeta> {
    return request<ImageMeta>('PUT', `${districtPath(kab)}/logo`, { form: imageForm(file) });
  },

  me(signal?: AbortSignal): Promise<UserProfile> {
    return request<UserProfile>('GET', '/api/v1/me/profile', { signal });
  },

  saveMe(fields: PenggunaFields): Promise<UserProfile> {
    return request<UserProfile>('PUT', '/api/v1/me/profile', { body: fields });
  },

  uploadPhoto(file: File): Promise<ImageMeta> {
    return request<ImageMeta>('PUT', '/api/v1/me/photo', { form: imageForm(file) });
  },
};
