import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import {
  downloadLetter,
  finalisePeriod,
  getFinalisation,
  listFinalisations,
  prepareFinalisedData,
  previewFinalisation,
  verifyLetter,
} from './finalisations.service.ts';
import { sendDownload } from './tabular.ts';

const Area = z.object({ code: z.string(), name: z.string() });
const Counts = z.object({
  proposals: z.number(),
  perbaikan: z.number(),
  usulanBaru: z.number(),
  result: z.object({
    DITEMUKAN: z.number(),
    TIDAK_DITEMUKAN: z.number(),
    PINDAH: z.number(),
    BAGIAN_RUTA_LAIN: z.number(),
    MENOLAK: z.number(),
    GANDA: z.number(),
  }),
  status: z.object({
    MENUNGGU: z.number(),
    DISETUJUI: z.number(),
    SEBAGIAN: z.number(),
    DITOLAK: z.number(),
    PERLU_PERBAIKAN: z.number(),
    GAGAL_VALIDASI: z.number(),
  }),
});
const Recap = z.object({
  totals: Counts,
  kecamatan: z.array(Area.extend({ counts: Counts })),
  desa: z.array(Area.extend({ kecamatan: z.string(), counts: Counts })),
});
const Summary = z.object({
  id: z.number(),
  publicId: z.string(),
  kab: Area,
  period: Area,
  number: z.number(),
  letterNumber: z.string(),
  createdAt: z.date(),
  createdBy: z.string(),
  proposals: z.number(),
  households: z.number(),
  dataSha256: z.string(),
});
const Detail = Summary.extend({
  recap: Recap,
  letter: z.object({
    kab: Area,
    namaInstansi: z.string(),
    alamat: z.string(),
    nomorTelepon: z.string().nullable(),
    namaBupati: z.string(),
    kepalaDinas: z.object({ nama: z.string().nullable(), nip: z.string().nullable() }),
    pengesah: z.object({ nama: z.string(), nip: z.string() }),
    pengesahIsKepalaDinas: z.boolean(),
    period: z.object({ code: z.string(), name: z.string(), skNumber: z.string().nullable() }),
  }),
});
const Preview = z.object({
  kab: Area,
  period: z.object({ code: z.string(), name: z.string(), skNumber: z.string().nullable() }),
  nextNumber: z.number(),
  recap: Recap,
  waiting: z.object({
    total: z.number(),
    items: z.array(
      z.object({
        id: z.string(),
        type: z.enum(['PERBAIKAN', 'USULAN_BARU']),
        idbdt: z.string().nullable(),
        kode_wilayah: z.string(),
        desa: z.string().nullable(),
        kecamatan: z.string().nullable(),
        operator_username: z.string().nullable(),
        imported_at: z.date(),
        conflict: z.boolean(),
      }),
    ),
  }),
  toFinalise: z.number(),
  profileMissing: z.array(z.enum(['namaInstansi', 'alamat', 'namaBupati', 'pengesahNama', 'pengesahNip'])),
  canFinalise: z.boolean(),
  previous: z.array(Summary),
});
const Verification = z.object({
  kab: Area,
  period: Area,
  number: z.number(),
  letterNumber: z.string(),
  finalisedAt: z.date(),
  dataSha256: z.string(),
  totals: z.object({
    proposals: z.number(),
    perbaikan: z.number(),
    usulanBaru: z.number(),
    approved: z.number(),
    rejected: z.number(),
  }),
  matches: z.boolean().nullable(),
});
const idParam = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** scheme://host of the request (X-Forwarded-* only when the server sits behind a trusted proxy). */
function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** Routes of Finalisasi and Surat Pengesahan (F8), and the public letter verification. */
export function finalisationsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/finalisations/preview',
    {
      schema: {
        operationId: 'previewFinalisation',
        summary:
          "Preview of the next finalisation of the supervisor's district in the open period: counts, waiting proposals (they block it), missing profile data",
        tags: ['finalisations'],
        response: { 200: Preview },
      },
    },
    async (req) => previewFinalisation(ctx, actorOf(req)),
  );

  app.post(
    '/api/v1/finalisations',
    {
      schema: {
        operationId: 'finalisePeriod',
        summary:
          'Finalisasi BDT: freeze the decided proposals of the open period (refused while proposals are MENUNGGU). `expected`: the count confirmed in the preview',
        tags: ['finalisations'],
        body: z.object({ expected: z.number().int().min(0).optional() }).nullish(),
        response: { 201: Detail },
      },
    },
    async (req, reply) => reply.code(201).send(await finalisePeriod(ctx, actorOf(req), req.body ?? {})),
  );

  app.get(
    '/api/v1/finalisations',
    {
      schema: {
        operationId: 'listFinalisations',
        summary: 'Finalisations in scope (of one district with `kab`, one period with `period`), newest first',
        tags: ['finalisations'],
        querystring: z.object({
          kab: z
            .string()
            .regex(/^\d{4}$/)
            .optional(),
          period: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional(),
          page: z.coerce.number().int().min(1).max(1_000_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({ items: z.array(Summary), total: z.number(), page: z.number(), pageSize: z.number() }),
        },
      },
    },
    async (req) => listFinalisations(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/finalisations/:id',
    {
      schema: {
        operationId: 'getFinalisation',
        summary: 'One finalisation with its recap as finalised',
        tags: ['finalisations'],
        params: idParam,
        response: { 200: Detail },
      },
    },
    async (req) => getFinalisation(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/finalisations/:id/letter',
    {
      schema: {
        operationId: 'downloadLetter',
        summary: 'The Surat Pengesahan of a finalisation (PDF); logged',
        tags: ['finalisations'],
        params: idParam,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const letter = await downloadLetter(ctx, actorOf(req), req.params.id, originOf(req));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${letter.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(letter.bytes);
    },
  );

  app.get(
    '/api/v1/finalisations/:id/data',
    {
      schema: {
        operationId: 'downloadFinalisedData',
        summary:
          'The finalised data: xlsx (sheets Usulan, Rumah Tangga, Anggota Rumah Tangga) or csv of one table (`table`, default usulan); streamed, logged',
        tags: ['finalisations'],
        params: idParam,
        querystring: z.object({
          format: z.enum(['xlsx', 'csv']),
          table: z.enum(['usulan', 'ruta', 'art']).default('usulan'),
        }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) =>
      sendDownload(reply, await prepareFinalisedData(ctx, actorOf(req), req.params.id, req.query.format, req.query.table)),
  );

  // Public (no login, outside /api/v1): anyone holding a letter checks it against the stored
  // finalisation. The id is the random public id of the QR code; nothing personal is answered.
  app.get(
    '/api/public/verifikasi/:publicId',
    {
      schema: {
        operationId: 'verifyLetter',
        summary: 'Public check of a Surat Pengesahan by the id on its QR code; `matches` compares `hash` with the stored data hash',
        tags: ['public'],
        security: [],
        params: z.object({ publicId: z.string().uuid() }),
        querystring: z.object({
          hash: z
            .string()
            .regex(/^[0-9a-fA-F]{64}$/)
            .optional(),
        }),
        response: { 200: Verification },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyLetter(ctx, req.params.publicId, req.query.hash);
    },
  );
}
