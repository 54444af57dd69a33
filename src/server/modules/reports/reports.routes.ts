import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { sendDownload } from '../finalisations/index.ts';
import { exportRecap, getFinalisationMonitoring, getRecapDesa, getRecapKecamatan } from './reports.service.ts';

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
  level: z.enum(['kecamatan', 'desa']),
  kab: Area,
  period: Area,
  kecamatan: Area.nullable(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kecamatan: Area.nullable(),
      households: z.number(),
      members: z.number(),
      counts: Counts,
    }),
  ),
  totals: z.object({ households: z.number(), members: z.number(), counts: Counts }),
});
const kab = z
  .string()
  .regex(/^\d{4}$/)
  .optional();
const period = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .optional();
const kecamatan = z
  .string()
  .regex(/^\d{6}$/)
  .optional();

/** Routes of Rekapitulasi (F9) and finalisation monitoring (C5). */
export function reportsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/reports/recap/kecamatan',
    {
      schema: {
        operationId: 'getRecapKecamatan',
        summary:
          'Rekapitulasi Kecamatan: households, members, verval results and proposals by status per kecamatan, with totals (own district; `kab` for province and Pusdatin)',
        tags: ['reports'],
        querystring: z.object({ kab, period }),
        response: { 200: Recap },
      },
    },
    async (req) => getRecapKecamatan(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/reports/recap/desa',
    {
      schema: {
        operationId: 'getRecapDesa',
        summary: 'Rekapitulasi Desa: the same per desa/kelurahan (of one `kecamatan` if given), with totals',
        tags: ['reports'],
        querystring: z.object({ kab, period, kecamatan }),
        response: { 200: Recap },
      },
    },
    async (req) => getRecapDesa(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/reports/recap/export',
    {
      schema: {
        operationId: 'exportRecap',
        summary: 'A recap (`level` kecamatan or desa) as xlsx or csv with its totals row; streamed, logged',
        tags: ['reports'],
        querystring: z.object({
          kab,
          period,
          kecamatan,
          level: z.enum(['kecamatan', 'desa']),
          format: z.enum(['xlsx', 'csv']),
        }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => sendDownload(reply, await exportRecap(ctx, actorOf(req), req.query)),
  );

  app.get(
    '/api/v1/reports/finalisations',
    {
      schema: {
        operationId: 'getFinalisationMonitoring',
        summary: 'Finalisation status per district and period (PROVINSI: its districts; PUSDATIN: all, or one `provinsi`)',
        tags: ['reports'],
        querystring: z.object({
          period,
          provinsi: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            period: Area,
            provinsi: z.string().nullable(),
            items: z.array(
              z.object({
                kab: Area,
                provinsi: Area,
                finalisations: z.number(),
                last: z.object({ id: z.number(), number: z.number(), at: z.date() }).nullable(),
                proposals: z.number(),
                waiting: z.number(),
                openDecided: z.number(),
                state: z.enum(['BELUM_ADA_USULAN', 'BELUM_FINALISASI', 'SEBAGIAN', 'FINAL']),
              }),
            ),
            summary: z.object({
              districts: z.number(),
              finalised: z.number(),
              complete: z.number(),
              waiting: z.number(),
            }),
          }),
        },
      },
    },
    async (req) => getFinalisationMonitoring(ctx, actorOf(req), req.query),
  );
}
