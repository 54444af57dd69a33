import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { buildFeedback, decideProposal, decideProposals, getProposal, listProposals } from './proposals.service.ts';

const Status = z.enum(['MENUNGGU', 'DISETUJUI', 'SEBAGIAN', 'DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI']);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const Filter = z.object({
  tab: z.enum(['PERBAIKAN', 'USULAN_BARU']).optional(),
  kecamatan: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional(),
  desa: z
    .string()
    .regex(/^[0-9]{10}$/)
    .optional(),
  importId: z.uuid().optional(),
  operator: z.string().max(64).optional(),
  result: z.coerce.number().int().min(1).max(6).optional(),
  conflict: bool.optional(),
  warning: bool.optional(),
});
const BodyFilter = Filter.extend({ conflict: z.boolean().optional(), warning: z.boolean().optional() });
const Issue = z.object({
  path: z.string(),
  code: z.string(),
  level: z.string().optional(),
  message: z.object({ id: z.string(), en: z.string() }),
});
const Record_ = z.record(z.string(), z.unknown());
const Change = z.object({ field: z.string(), current: z.unknown(), proposed: z.unknown() });
const ProposalView = z.object({
  proposal: z.object({
    id: z.string(),
    type: z.enum(['PERBAIKAN', 'USULAN_BARU']),
    idbdt: z.string().nullable(),
    kodeWilayah: z.string(),
    status: Status,
    vervalResult: z.number().nullable(),
    duplicateOf: z.string().nullable(),
    mergeInto: z.string().nullable(),
    visitedAt: z.string().nullable(),
    musdesAt: z.string().nullable(),
    note: z.string().nullable(),
    operator: z.string().nullable(),
    importId: z.string(),
    fileName: z.string(),
    errors: z.array(Issue),
    warnings: z.array(Issue),
    conflict: z.boolean(),
    conflictChanges: z.object({ fields: z.array(z.string()), members: z.array(z.string()) }).nullable(),
    changePaths: z.array(z.string()),
    decision: z
      .object({
        decidedAt: z.date(),
        decidedBy: z.string().nullable(),
        reason: z.string().nullable(),
        acceptedFields: z.array(z.string()).nullable(),
        rejectedFields: z.array(z.string()).nullable(),
        assigned: z.object({ idbdt: z.string(), members: z.record(z.string(), z.string()) }).nullable(),
      })
      .nullable(),
    pendingOthers: z.array(z.string()),
  }),
  current: z.object({ household: Record_, members: z.array(Record_) }).nullable(),
  changes: z.object({
    household: z.array(Change),
    members: z.array(
      z.object({
        index: z.number(),
        op: z.enum(['update', 'add']),
        idartbdt: z.string().nullable(),
        tempId: z.string().nullable(),
        nama: z.string().nullable(),
        fields: z.array(Change),
      }),
    ),
  }),
});

/** Routes of Verifikasi Usulan (F7) and feedback. */
export function proposalsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/proposals',
    {
      schema: {
        operationId: 'listProposals',
        summary: "Proposals of the supervisor's district, filtered and paged, with counts per status",
        tags: ['proposals'],
        querystring: Filter.extend({
          status: Status.optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                type: z.enum(['PERBAIKAN', 'USULAN_BARU']),
                idbdt: z.string().nullable(),
                kodeWilayah: z.string(),
                namaDesa: z.string().nullable(),
                namaKrt: z.string().nullable(),
                vervalResult: z.number().nullable(),
                status: Status,
                conflict: z.boolean(),
                hasWarning: z.boolean(),
                pendingOthers: z.number(),
                operator: z.string().nullable(),
                importId: z.string(),
                fileName: z.string(),
                importedAt: z.date(),
              }),
            ),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            counts: z.object({ byStatus: z.record(z.string(), z.number()), conflict: z.number(), warning: z.number() }),
          }),
        },
      },
    },
    async (req) => listProposals(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/proposals/:id',
    {
      schema: {
        operationId: 'getProposal',
        summary: 'One proposal: current and proposed values side by side, warnings, conflicts, decision',
        tags: ['proposals'],
        params: z.object({ id: z.uuid() }),
        response: { 200: ProposalView },
      },
    },
    async (req) => (await getProposal(ctx, actorOf(req), req.params.id)) as z.infer<typeof ProposalView>,
  );

  app.post(
    '/api/v1/proposals/:id/decision',
    {
      schema: {
        operationId: 'decideProposal',
        summary: 'Approve, reject (reason), approve part (accepted paths, reason) or return for correction (reason)',
        tags: ['proposals'],
        params: z.object({ id: z.uuid() }),
        body: z.object({
          decision: z.enum(['APPROVE', 'REJECT', 'PARTIAL', 'RETURN']),
          reason: z.string().max(1000).optional(),
          acceptedFields: z.array(z.string().max(100)).max(200).optional(),
          confirmConflict: z.boolean().optional(),
        }),
        response: { 200: ProposalView },
      },
    },
    async (req) => (await decideProposal(ctx, actorOf(req), req.params.id, req.body)) as z.infer<typeof ProposalView>,
  );

  app.post(
    '/api/v1/proposals/decisions',
    {
      schema: {
        operationId: 'decideProposals',
        summary: 'Decide every waiting proposal of a filter at once (dryRun counts first); conflicts are skipped',
        tags: ['proposals'],
        body: z.object({
          filter: BodyFilter,
          decision: z.enum(['APPROVE', 'REJECT']),
          reason: z.string().max(1000).optional(),
          dryRun: z.boolean().optional(),
        }),
        response: { 200: z.object({ matched: z.number(), conflicts: z.number(), decided: z.number() }) },
      },
    },
    async (req) => decideProposals(ctx, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/imports/:id/feedback',
    {
      schema: {
        operationId: 'downloadFeedback',
        summary: 'Unduh umpan balik: the .siksfb of an import with every decided proposal',
        tags: ['imports'],
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req, reply) => {
      const f = await buildFeedback(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${f.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(f.bytes));
    },
  );
}
