import type { FastifyReply, FastifyRequest } from 'fastify';
import * as api from '../../../shared/api/profiles.ts';
import { defineRoutes } from '../../http/routes.ts';
import { IMAGE_MAX_BYTES, IMAGE_MAX_SIDE, readImageUpload, refuseOversizedUpload } from '../../platform/images.ts';
import type { ImageRow } from './profiles.queries.ts';
import * as svc from './profiles.service.ts';

const UPLOAD_DESCRIPTION =
  `multipart/form-data with one file in field \`file\`: JPEG or PNG (decided from the bytes, never the name or declared type), ` +
  `at most ${IMAGE_MAX_BYTES / 1024 / 1024} MiB and ${IMAGE_MAX_SIDE}×${IMAGE_MAX_SIDE} pixels. It is stored re-encoded (same format, ` +
  'auto-rotated, metadata removed). Refusals: 413 IMAGE_TOO_LARGE, 415 IMAGE_NOT_JPEG_PNG, 400 IMAGE_TOO_MANY_PIXELS, IMAGE_DAMAGED, IMAGE_MISSING.';

/** Sends a stored image so that a browser can only ever show it as an image. */
function sendImage(req: FastifyRequest, reply: FastifyReply, image: ImageRow, filename: string) {
  const etag = `"${image.sha256}"`;
  reply
    .header('cache-control', 'private, no-cache')
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'")
    .header('content-disposition', `inline; filename="${filename}.${image.content_type === 'image/png' ? 'png' : 'jpg'}"`);
  const match = req.headers['if-none-match'];
  if (match?.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return reply.code(304).send();
  return reply.header('content-type', image.content_type).send(image.data);
}

/** Routes of Profil (F4): district profile and logo, the caller's own profile and photo. */
export const profilesRoutes = defineRoutes('profiles', (r, ctx) => {
  // An image upload: an announced oversize is refused before the body is read, whoever asks.
  const imageUpload = { description: UPLOAD_DESCRIPTION, onRequest: refuseOversizedUpload, consumes: ['multipart/form-data'] } as const;
  const imageAnswer = {
    produces: ['image/png', 'image/jpeg'],
    querystring: api.ImageQuerySchema,
    response: api.ImageResponseSchemas,
  } as const;
  // A district's profile, answered whole after every save.
  const districtProfile = { params: api.ProfileKabParamsSchema, response: { 200: api.DistrictProfileSchema } } as const;
  r.get('/api/v1/district-profiles/:kab', 'getDistrictProfile', districtProfile)
    .summary('Profil Instansi and Profil Pengesahan of a kabupaten/kota (empty before its first save)')
    .handle(({ actor, params }) => svc.getDistrictProfile(ctx, actor, params.kab));
  r.put('/api/v1/district-profiles/:kab', 'updateDistrictProfile', {
    description:
      'Every field is required. NIP: 18 digits. Telephone: +62, 62 or 0 followed by 8–13 digits (spaces and dashes allowed), stored as +62….',
    ...districtProfile,
    body: api.InstansiBodySchema,
  })
    .summary("Save Profil Instansi (the district's supervisor, or Pusdatin)")
    .handle(({ actor, params, body }) => svc.updateDistrictInstansi(ctx, actor, params.kab, body));
  r.put('/api/v1/district-profiles/:kab/pengesahan', 'updateDistrictApproval', {
    description:
      'When samaDenganKepalaDinas is true the Kepala Dinas signs and nama/nip are ignored; otherwise both are required (NIP: 18 digits).',
    ...districtProfile,
    body: api.PengesahanBodySchema,
  })
    .summary("Save Profil Pengesahan: who signs the Surat Pengesahan (the district's supervisor, or Pusdatin)")
    .handle(({ actor, params, body }) => svc.updateDistrictPengesahan(ctx, actor, params.kab, body));
  r.put('/api/v1/district-profiles/:kab/logo', 'uploadDistrictLogo', {
    ...imageUpload,
    params: api.ProfileKabParamsSchema,
    response: { 200: api.ImageMetaSchema },
  })
    .summary('Replace the Logo Kabupaten/Kota')
    .handle(({ actor, params, req }) => svc.uploadDistrictLogo(ctx, actor, params.kab, () => readImageUpload(req)));
  r.get('/api/v1/district-profiles/:kab/logo', 'getDistrictLogo', { ...imageAnswer, params: api.ProfileKabParamsSchema })
    .summary('The Logo Kabupaten/Kota (404 when there is none)')
    .handle(async ({ actor, params, req, reply }) =>
      sendImage(req, reply, await svc.getDistrictLogo(ctx, actor, params.kab), `logo-${params.kab}`),
    );
  r.get('/api/v1/me/profile', 'getMyProfile', { response: { 200: api.UserProfileSchema } })
    .summary('Profil Pengguna of the logged-in user')
    .handle(({ actor }) => svc.getMyProfile(ctx, actor));
  r.put('/api/v1/me/profile', 'updateMyProfile', {
    description: 'nama is required (at most 100 characters); nomorHp (+62, 62 or 0 followed by 8–13 digits) and email are optional.',
    body: api.UserProfileBodySchema,
    response: { 200: api.UserProfileSchema },
  })
    .summary('Save Profil Pengguna of the logged-in user (Nama Pengguna is the account name)')
    .handle(({ actor, body }) => svc.updateMyProfile(ctx, actor, body));
  r.put('/api/v1/me/photo', 'uploadMyPhoto', { ...imageUpload, response: { 200: api.ImageMetaSchema } })
    .summary('Replace the Foto Profil of the logged-in user')
    .handle(({ actor, req }) => svc.uploadMyPhoto(ctx, actor, () => readImageUpload(req)));
  r.get('/api/v1/me/photo', 'getMyPhoto', imageAnswer)
    .summary('The Foto Profil of the logged-in user (404 when there is none)')
    .handle(async ({ actor, req, reply }) => sendImage(req, reply, await svc.getMyPhoto(ctx, actor), 'foto-profil'));
});
