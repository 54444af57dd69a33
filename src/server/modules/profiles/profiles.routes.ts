import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, langOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { IMAGE_MAX_BYTES, IMAGE_MAX_SIDE, readImageUpload, refuseOversizedUpload } from '../../platform/images.ts';
import type { ImageRow } from './profiles.queries.ts';
import {
  getDistrictLogo,
  getDistrictProfile,
  getMyPhoto,
  getMyProfile,
  updateDistrictInstansi,
  updateDistrictPengesahan,
  updateMyProfile,
  uploadDistrictLogo,
  uploadMyPhoto,
} from './profiles.service.ts';

// Bodies are checked here for their JSON shape only; the field rules (NIP, phone, e-mail,
// lengths) run in the service, whose messages name each field in the user's language.
const Text = z.string().max(2000).nullable().optional();

const ImageMetaSchema = z.object({
  contentType: z.enum(['image/png', 'image/jpeg']),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  sha256: z.string(),
  updatedAt: z.string(),
  url: z.string().describe('GET this URL for the image; it changes when the image does'),
});

const DistrictProfileSchema = z.object({
  kab: z.object({ code: z.string(), name: z.string() }),
  instansi: z.object({
    namaInstansi: z.string().nullable(),
    alamat: z.string().nullable(),
    nomorTelepon: z.string().nullable().describe('Normalised: +62…'),
    namaKepalaDinas: z.string().nullable(),
    nipKepalaDinas: z.string().nullable(),
    namaBupati: z.string().nullable(),
  }),
  pengesahan: z.object({ samaDenganKepalaDinas: z.boolean(), nama: z.string().nullable(), nip: z.string().nullable() }),
  pengesah: z.object({ nama: z.string().nullable(), nip: z.string().nullable() }).describe('Who signs the Surat Pengesahan, resolved'),
  logo: ImageMetaSchema.nullable(),
  updatedAt: z.string().nullable(),
  canEdit: z.boolean(),
});

const UserProfileSchema = z.object({
  username: z.string(),
  nama: z.string(),
  nomorHp: z.string().nullable().describe('Normalised: +62…'),
  email: z.string().nullable(),
  photo: ImageMetaSchema.nullable(),
  updatedAt: z.string().nullable(),
});

const KabParams = z.object({
  kab: z
    .string()
    .regex(/^[0-9]{4}$/)
    .describe('Kabupaten/kota code, 4 digits'),
});
const ImageQuery = z.object({ v: z.string().max(64).optional().describe('Cache buster; ignored') });
const Binary = z.string().meta({ format: 'binary' });
const IMAGE_RESPONSES = {
  200: Binary.describe('The image as stored: image/png or image/jpeg, re-encoded by the server'),
  304: z.null().describe('Not modified (If-None-Match)'),
};

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
export function profilesRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/district-profiles/:kab',
    {
      schema: {
        operationId: 'getDistrictProfile',
        summary: 'Profil Instansi and Profil Pengesahan of a kabupaten/kota (empty before its first save)',
        tags: ['profiles'],
        params: KabParams,
        response: { 200: DistrictProfileSchema },
      },
    },
    async (req) => getDistrictProfile(ctx, actorOf(req), req.params.kab),
  );

  app.put(
    '/api/v1/district-profiles/:kab',
    {
      schema: {
        operationId: 'updateDistrictProfile',
        summary: "Save Profil Instansi (the district's supervisor, or Pusdatin)",
        description:
          'Every field is required. NIP: 18 digits. Telephone: +62, 62 or 0 followed by 8–13 digits (spaces and dashes allowed), stored as +62….',
        tags: ['profiles'],
        params: KabParams,
        body: z.object({
          namaInstansi: Text.describe('At most 150 characters'),
          alamat: Text.describe('At most 300 characters'),
          nomorTelepon: Text,
          namaKepalaDinas: Text.describe('At most 100 characters'),
          nipKepalaDinas: Text.describe('18 digits'),
          namaBupati: Text.describe('Nama Bupati/Wali Kota, at most 100 characters'),
        }),
        response: { 200: DistrictProfileSchema },
      },
    },
    async (req) => updateDistrictInstansi(ctx, actorOf(req), req.params.kab, req.body, langOf(req)),
  );

  app.put(
    '/api/v1/district-profiles/:kab/pengesahan',
    {
      schema: {
        operationId: 'updateDistrictApproval',
        summary: "Save Profil Pengesahan: who signs the Surat Pengesahan (the district's supervisor, or Pusdatin)",
        description:
          'When samaDenganKepalaDinas is true the Kepala Dinas signs and nama/nip are ignored; otherwise both are required (NIP: 18 digits).',
        tags: ['profiles'],
        params: KabParams,
        body: z.object({ samaDenganKepalaDinas: z.boolean(), nama: Text, nip: Text }),
        response: { 200: DistrictProfileSchema },
      },
    },
    async (req) => updateDistrictPengesahan(ctx, actorOf(req), req.params.kab, req.body, langOf(req)),
  );

  app.put(
    '/api/v1/district-profiles/:kab/logo',
    {
      // Refuse an announced oversize before the body is read, whoever asks.
      onRequest: async (req) => refuseOversizedUpload(req),
      schema: {
        operationId: 'uploadDistrictLogo',
        summary: 'Replace the Logo Kabupaten/Kota',
        description: UPLOAD_DESCRIPTION,
        tags: ['profiles'],
        consumes: ['multipart/form-data'],
        params: KabParams,
        response: { 200: ImageMetaSchema },
      },
    },
    async (req) => uploadDistrictLogo(ctx, actorOf(req), req.params.kab, () => readImageUpload(req)),
  );

  app.get(
    '/api/v1/district-profiles/:kab/logo',
    {
      schema: {
        operationId: 'getDistrictLogo',
        summary: 'The Logo Kabupaten/Kota (404 when there is none)',
        tags: ['profiles'],
        params: KabParams,
        querystring: ImageQuery,
        produces: ['image/png', 'image/jpeg'],
        response: IMAGE_RESPONSES,
      },
    },
    async (req, reply) => sendImage(req, reply, await getDistrictLogo(ctx, actorOf(req), req.params.kab), `logo-${req.params.kab}`),
  );

  app.get(
    '/api/v1/me/profile',
    {
      schema: {
        operationId: 'getMyProfile',
        summary: 'Profil Pengguna of the logged-in user',
        tags: ['profiles'],
        response: { 200: UserProfileSchema },
      },
    },
    async (req) => getMyProfile(ctx, actorOf(req)),
  );

  app.put(
    '/api/v1/me/profile',
    {
      schema: {
        operationId: 'updateMyProfile',
        summary: 'Save Profil Pengguna of the logged-in user (Nama Pengguna is the account name)',
        description: 'nama is required (at most 100 characters); nomorHp (+62, 62 or 0 followed by 8–13 digits) and email are optional.',
        tags: ['profiles'],
        body: z.object({ nama: Text, nomorHp: Text, email: Text }),
        response: { 200: UserProfileSchema },
      },
    },
    async (req) => updateMyProfile(ctx, actorOf(req), req.body, langOf(req)),
  );

  app.put(
    '/api/v1/me/photo',
    {
      onRequest: async (req) => refuseOversizedUpload(req),
      schema: {
        operationId: 'uploadMyPhoto',
        summary: 'Replace the Foto Profil of the logged-in user',
        description: UPLOAD_DESCRIPTION,
        tags: ['profiles'],
        consumes: ['multipart/form-data'],
        response: { 200: ImageMetaSchema },
      },
    },
    async (req) => uploadMyPhoto(ctx, actorOf(req), () => readImageUpload(req)),
  );

  app.get(
    '/api/v1/me/photo',
    {
      schema: {
        operationId: 'getMyPhoto',
        summary: 'The Foto Profil of the logged-in user (404 when there is none)',
        tags: ['profiles'],
        querystring: ImageQuery,
        produces: ['image/png', 'image/jpeg'],
        response: IMAGE_RESPONSES,
      },
    },
    async (req, reply) => sendImage(req, reply, await getMyPhoto(ctx, actorOf(req)), 'foto-profil'),
  );
}
