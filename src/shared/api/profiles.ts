// Contract of Profil (F4): the district profile and logo, the user's own profile and photo.
import { z } from 'zod';
import { KabCodeSchema, text } from './common.ts';

/** A stored image; `url` serves it and changes whenever the image does. */
export const ImageMetaSchema = z.object({
  contentType: z.enum(['image/png', 'image/jpeg']),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  sha256: z.string(),
  updatedAt: z.string(),
  url: z.string().describe('GET this URL for the image; it changes when the image does'),
});

export const InstansiFieldsSchema = z.object({
  namaInstansi: z.string().nullable(),
  alamat: z.string().nullable(),
  nomorTelepon: z.string().nullable().describe('Normalised: +62…'),
  namaKepalaDinas: z.string().nullable(),
  nipKepalaDinas: z.string().nullable(),
  namaBupati: z.string().nullable(),
});

export const PengesahanFieldsSchema = z.object({
  samaDenganKepalaDinas: z.boolean(),
  nama: z.string().nullable(),
  nip: z.string().nullable(),
});

/** GET /api/v1/district-profiles/:kab and the answer of its saves. */
export const DistrictProfileSchema = z.object({
  kab: z.object({ code: z.string(), name: z.string() }),
  instansi: InstansiFieldsSchema,
  pengesahan: PengesahanFieldsSchema,
  pengesah: z.object({ nama: z.string().nullable(), nip: z.string().nullable() }).describe('Who signs the Surat Pengesahan, resolved'),
  logo: ImageMetaSchema.nullable(),
  updatedAt: z.string().nullable(),
  canEdit: z.boolean(),
});

/** GET /api/v1/me/profile and the answer of its save. */
export const UserProfileSchema = z.object({
  username: z.string(),
  nama: z.string(),
  nomorHp: z.string().nullable().describe('Normalised: +62…'),
  email: z.string().nullable(),
  photo: ImageMetaSchema.nullable(),
  updatedAt: z.string().nullable(),
});

export const ProfileKabParamsSchema = z.object({ kab: KabCodeSchema.describe('Kabupaten/kota code, 4 digits') });
/** The query of an image URL. */
export const ImageQuerySchema = z.object({ v: text().max(64).optional().describe('Cache buster; ignored') });

// The bodies carry the field rules (lengths, NIP, phone, e-mail) and the labels that refusals name.
export {
  InstansiBodySchema,
  type InstansiInput,
  PengesahanBodySchema,
  type PengesahanInput,
  UserProfileBodySchema,
  type PenggunaInput,
} from './profile-fields.ts';

/** Answers of GET of a stored image (logo, photo): its bytes, or 304 when the ETag matches. */
export const ImageResponseSchemas = {
  200: z.string().meta({ format: 'binary' }).describe('The image as stored: image/png or image/jpeg, re-encoded by the server'),
  304: z.null().describe('Not modified (If-None-Match)'),
};
