// Contract of Verifikasi Usulan (F7): the proposal list, the side-by-side view, decisions.
import { z } from 'zod';
import {
  DataFormatSchema,
  DesaCodeSchema,
  IssueSchema,
  KecamatanCodeSchema,
  pageFields,
  pagingQuery,
  ProposalStatusSchema,
  ProposalTypeSchema,
  text,
} from './common.ts';
import { MediaRefSchema } from './media.ts';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The list filter in a query string (booleans as 'true'/'false'). */
export const ProposalFilterQuerySchema = z.object({
  tab: ProposalTypeSchema.optional(),
  kecamatan: KecamatanCodeSchema.optional(),
  desa: DesaCodeSchema.optional(),
  importId: z.uuid().optional(),
  operator: text().max(64).optional(),
  result: z.coerce.number().int().min(1).max(6).optional(),
  conflict: bool.optional(),
  warning: bool.optional(),
});
/** The same filter in a JSON body (the bulk decision). */
export const ProposalFilterSchema = ProposalFilterQuerySchema.extend({ conflict: z.boolean().optional(), warning: z.boolean().optional() });

/** GET /api/v1/proposals */
export const ProposalListQuerySchema = ProposalFilterQuerySchema.extend({
  status: ProposalStatusSchema.optional(),
  ...pagingQuery({ pageSize: 25 }),
});

/** GET /api/v1/proposals/export: the list's filters and the file format. */
export const ProposalExportQuerySchema = ProposalFilterQuerySchema.extend({
  status: ProposalStatusSchema.optional(),
  format: DataFormatSchema,
});

export const ProposalListItemSchema = z.object({
  id: z.string(),
  type: ProposalTypeSchema,
  idbdt: z.string().nullable(),
  kodeWilayah: z.string(),
  namaDesa: z.string().nullable(),
  namaKrt: z.string().nullable(),
  vervalResult: z.number().nullable(),
  status: ProposalStatusSchema,
  conflict: z.boolean(),
  hasWarning: z.boolean(),
  pendingOthers: z.number().describe('Other waiting proposals for the same household'),
  operator: z.string().nullable(),
  importId: z.string(),
  fileName: z.string(),
  importedAt: z.date(),
});

/** Counts for the list's filter without its status filter. */
export const ProposalCountsSchema = z.object({ byStatus: z.record(z.string(), z.number()), conflict: z.number(), warning: z.number() });
export const ProposalPageSchema = z.object({ ...pageFields(ProposalListItemSchema), counts: ProposalCountsSchema });

const RecordSchema = z.record(z.string(), z.unknown());
export const FieldChangeSchema = z.object({ field: z.string(), current: z.unknown(), proposed: z.unknown() });
/** A member's changes; `index` is its place in the proposal's `members` (the `members[<i>]` of paths). */
export const MemberChangeSchema = z.object({
  index: z.number(),
  op: z.enum(['update', 'add']),
  idartbdt: z.string().nullable(),
  tempId: z.string().nullable(),
  nama: z.string().nullable(),
  fields: z.array(FieldChangeSchema),
});

export const ProposalDecisionSchema = z.object({
  decidedAt: z.date(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  acceptedFields: z.array(z.string()).nullable(),
  rejectedFields: z.array(z.string()).nullable(),
  assigned: z.object({ idbdt: z.string(), members: z.record(z.string(), z.string()) }).nullable(),
});

export const ProposalSchema = z.object({
  id: z.string(),
  type: ProposalTypeSchema,
  idbdt: z.string().nullable(),
  kodeWilayah: z.string(),
  status: ProposalStatusSchema,
  vervalResult: z.number().nullable(),
  duplicateOf: z.string().nullable(),
  mergeInto: z.string().nullable(),
  visitedAt: z.string().nullable(),
  musdesAt: z.string().nullable(),
  note: z.string().nullable(),
  operator: z.string().nullable(),
  importId: z.string(),
  fileName: z.string(),
  errors: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
  conflict: z.boolean(),
  conflictChanges: z.object({ fields: z.array(z.string()), members: z.array(z.string()) }).nullable(),
  changePaths: z.array(z.string()).describe("The parts of a partial approval ('household.<field>', 'members[<i>]', 'verval')"),
  decision: ProposalDecisionSchema.nullable(),
  pendingOthers: z.array(z.string()).describe('Ids of other waiting proposals for the same household'),
  media: z.array(MediaRefSchema).describe('The photos the proposal carries (siks-format.md 3.2), each served at its url'),
});

/** GET /api/v1/proposals/:id and the answer of a decision: current and proposed values side by side. */
export const ProposalViewSchema = z.object({
  proposal: ProposalSchema,
  current: z.object({ household: RecordSchema, members: z.array(RecordSchema) }).nullable(),
  changes: z.object({ household: z.array(FieldChangeSchema), members: z.array(MemberChangeSchema) }),
});

export const DecisionKindSchema = z.enum(['APPROVE', 'REJECT', 'PARTIAL', 'RETURN']);

/** POST /api/v1/proposals/:id/decision */
export const DecisionBodySchema = z.object({
  decision: DecisionKindSchema,
  reason: text().max(1000).optional(),
  acceptedFields: z.array(text().max(100)).max(200).optional().describe('PARTIAL: the accepted paths ("household.lantai", "members[0]")'),
  confirmConflict: z.boolean().optional().describe('Approving a conflict: the reviewer confirmed it'),
});

/** POST /api/v1/proposals/decisions: one decision over every waiting proposal of a filter. */
export const BulkDecisionBodySchema = z.object({
  filter: ProposalFilterSchema,
  decision: z.enum(['APPROVE', 'REJECT']),
  reason: text().max(1000).optional(),
  dryRun: z.boolean().optional(),
});
export const BulkDecisionResultSchema = z.object({ matched: z.number(), conflicts: z.number(), decided: z.number() });
