// Contract of the BSP and PBI proposals (issue 10, F10/F11): the review lists under
// /api/v1/kpm/proposals and /api/v1/pbi/proposals, the side-by-side view, decisions (one and bulk,
// the quota checked inside the approving transaction), online proposals of a supervisor, and the
// waiting lists (households, members) a replacement or a new participant is chosen from.
import { z } from 'zod';
import {
  DataFormatSchema,
  DesaCodeSchema,
  IssueSchema,
  KabCodeSchema,
  KecamatanCodeSchema,
  pageFields,
  pagingQuery,
  ProposalStatusSchema,
  text,
} from './common.ts';
import {
  BSP_TYPES,
  type BspType,
  NO_KKS_RE,
  NO_REKENING_RE,
  PBI_TYPES,
  type PbiType,
  PROGRAMME_MODULES,
  type ProgrammeModule,
  REMOVAL_REASONS,
} from './programme-line.ts';
import { KPM_PROGRAMS, MembershipReasonSchema, MembershipStatusSchema } from './programs.ts';

export { BSP_TYPES as BSP_PROPOSAL_TYPES, PBI_TYPES as PBI_PROPOSAL_TYPES, PROGRAMME_MODULES, REMOVAL_REASONS };
export type { BspType as BspProposalType, PbiType as PbiProposalType, ProgrammeModule };
export const PROGRAMME_PROPOSAL_TYPES = [...BSP_TYPES, ...PBI_TYPES] as const;
export type ProgrammeProposalType = (typeof PROGRAMME_PROPOSAL_TYPES)[number];
/** Where a proposal came from: a BSP/PBI package (import) or a supervisor online. */
export const PROPOSAL_ORIGINS = ['PACKAGE', 'ONLINE'] as const;
/** The programmes a BSP/PBI proposal names. */
export const PROPOSAL_PROGRAMS = [...KPM_PROGRAMS, 'PBI'] as const;

/** Removal reason codes (format §3.2) in order: 1 meninggal … 6 menolak (labels in REMOVAL_REASONS). */
export const REMOVAL_REASON_CODES = [1, 2, 3, 4, 5, 6] as const;
/** A removal reason (format §3.2): 1 meninggal … 6 menolak. */
export const RemovalReasonSchema = z.number().int().min(1).max(6);

function filterFields<T extends readonly [string, ...string[]]>(types: T) {
  return {
    kab: KabCodeSchema.optional().describe("District; default the caller's own district"),
    type: z.enum(types).optional(),
    kecamatan: KecamatanCodeSchema.optional(),
    desa: DesaCodeSchema.optional(),
    origin: z.enum(PROPOSAL_ORIGINS).optional(),
    importId: z.uuid().optional(),
  };
}

/** The BSP review filter in a query string (GET /api/v1/kpm/proposals) and, with `status`, the list query. */
export const KpmProposalFilterSchema = z.object({ ...filterFields(BSP_TYPES), program: z.enum(KPM_PROGRAMS).optional() });
export const KpmProposalListQuerySchema = KpmProposalFilterSchema.extend({
  status: ProposalStatusSchema.optional(),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
});
/** The PBI review filter (GET /api/v1/pbi/proposals). */
export const PbiProposalFilterSchema = z.object(filterFields(PBI_TYPES));
export const PbiProposalListQuerySchema = PbiProposalFilterSchema.extend({
  status: ProposalStatusSchema.optional(),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
});

/** GET /api/v1/kpm/proposals/export: the review list's filters and the file format. */
export const KpmProposalExportQuerySchema = KpmProposalFilterSchema.extend({
  status: ProposalStatusSchema.optional(),
  format: DataFormatSchema,
});
/** GET /api/v1/pbi/proposals/export */
export const PbiProposalExportQuerySchema = PbiProposalFilterSchema.extend({
  status: ProposalStatusSchema.optional(),
  format: DataFormatSchema,
});

/** One BSP or PBI proposal in a review list. Names are masked (initials) for roles without personal:unmasked. */
export const ProgrammeProposalItemSchema = z.object({
  id: z.string(),
  module: z.enum(PROGRAMME_MODULES),
  type: z.enum(PROGRAMME_PROPOSAL_TYPES),
  program: z.enum(PROPOSAL_PROGRAMS),
  idbdt: z.string().describe('The KPM household (BSP) or the member’s household (PBI)'),
  idartbdt: z.string().nullable().describe('PBI: the member'),
  replacementIdbdt: z.string().nullable().describe('BSP_GANTI: the household that takes the place'),
  reasonCode: MembershipReasonSchema.describe('1 meninggal, 2 pindah, 3 mampu/tidak layak, 4 data ganda, 5 tidak ditemukan, 6 menolak'),
  note: z.string().nullable(),
  kodeWilayah: z.string(),
  namaDesa: z.string().nullable(),
  namaKrt: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  nama: z.string().nullable().describe('PBI: the member’s name; masked (initials) for roles without personal:unmasked'),
  status: ProposalStatusSchema,
  origin: z.enum(PROPOSAL_ORIGINS),
  operator: z.string().nullable().describe('The operator of the package, or the supervisor who proposed online'),
  importId: z.string().nullable(),
  fileName: z.string().nullable(),
  importedAt: z.date().describe('When the proposal was imported or made online'),
  errors: z.array(IssueSchema),
});
export const ProgrammeProposalPageSchema = z.object({
  ...pageFields(ProgrammeProposalItemSchema),
  counts: z.object({ byStatus: z.record(z.string(), z.number()) }).describe("Counts for the filter without the list's status filter"),
});

/** A household in the side-by-side view (the KPM going out, the replacement coming in). */
export const HouseholdSummarySchema = z.object({
  idbdt: z.string(),
  namaKrt: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  kodeWilayah: z.string(),
  namaDesa: z.string().nullable(),
  persentil: z.number().nullable(),
  members: z.number().describe('Members present (sta_keberadaan_art 1 or 4)'),
  status: z.enum(['AKTIF', 'NONAKTIF']).describe('Registry status of the household'),
});

/** A membership as it is now, or as the proposal would leave it. */
export const MembershipStateSchema = z.object({
  status: MembershipStatusSchema.nullable().describe('null: not in the list'),
  idPengurus: z.string().nullable(),
  namaPengurus: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  noKks: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
  noRekening: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
  noKartu: z.string().nullable().describe('PBI card; masked (last 4 digits) for roles without personal:unmasked'),
  since: z.string().nullable().describe('YYYY-MM-DD'),
  until: z.string().nullable().describe('YYYY-MM-DD'),
  reason: MembershipReasonSchema,
});

/** One side of the view: a household (BSP) or member (PBI) with its membership now and after approval. */
export const MembershipSideSchema = z.object({
  household: HouseholdSummarySchema,
  idartbdt: z.string().nullable().describe('PBI: the member'),
  nama: z.string().nullable().describe('PBI: the member’s name; masked for roles without personal:unmasked'),
  current: MembershipStateSchema,
  proposed: MembershipStateSchema,
});

/** GET /api/v1/kpm/proposals/:id (and pbi): the proposal beside the memberships it changes. */
export const ProgrammeProposalViewSchema = z.object({
  proposal: ProgrammeProposalItemSchema.extend({
    idPengurus: z.string().nullable().describe('BSP_UBAH (or BSP_GANTI): the proposed pengurus'),
    noKks: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
    noRekening: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
    decision: z
      .object({ decidedAt: z.date(), decidedBy: z.string().nullable(), reason: z.string().nullable() })
      .nullable()
      .describe('null while waiting'),
  }),
  /** The household (BSP) or member (PBI) the proposal names: outgoing for BSP_GANTI. */
  subject: MembershipSideSchema,
  /** BSP_GANTI: the incoming household. */
  replacement: MembershipSideSchema.nullable(),
  quota: z
    .object({ program: z.enum(PROPOSAL_PROGRAMS), period: z.string(), quota: z.number().nullable(), used: z.number() })
    .describe('The quota the approval is checked against (null: none set, additions are refused) and its AKTIF count now'),
});

/** POST /api/v1/{kpm,pbi}/proposals/:id/decision: a reason is required to reject. */
export const ProgrammeDecisionBodySchema = z.object({
  decision: z.enum(['APPROVE', 'REJECT']),
  reason: text().max(1000).optional(),
});

/** POST /api/v1/kpm/proposals/decisions: one decision over every waiting proposal of a filter. */
export const KpmBulkDecisionBodySchema = z.object({
  filter: KpmProposalFilterSchema.omit({ kab: true }),
  decision: z.enum(['APPROVE', 'REJECT']),
  reason: text().max(1000).optional(),
  dryRun: z.boolean().optional(),
});
/** POST /api/v1/pbi/proposals/decisions */
export const PbiBulkDecisionBodySchema = KpmBulkDecisionBodySchema.extend({ filter: PbiProposalFilterSchema.omit({ kab: true }) });
/**
 * What a bulk decision did: `matched` waiting proposals; `decided`; `overQuota` approvals refused
 * because the list was full; `invalid` ones whose eligibility no longer holds (they stay waiting).
 * A dry run reports `matched` only (the rest 0).
 */
export const ProgrammeBulkResultSchema = z.object({ matched: z.number(), decided: z.number(), overQuota: z.number(), invalid: z.number() });

const IdbdtSchema = z.string().regex(/^[0-9]{16}$/);
const IdartbdtSchema = z.string().regex(/^[0-9]{18}$/);

/**
 * POST /api/v1/kpm/proposals: a supervisor's online BSP proposal, with the keys of a package line
 * (format §3.2): `replacementIdbdt` for BSP_GANTI, `reason` for GANTI/NONAKTIF, at least one of
 * the account keys for BSP_UBAH (and `id_pengurus` optionally for GANTI: default the head).
 */
export const KpmProposalCreateSchema = z.object({
  type: z.enum(BSP_TYPES),
  program: z.enum(KPM_PROGRAMS),
  idbdt: IdbdtSchema,
  replacementIdbdt: IdbdtSchema.nullable().optional(),
  reason: RemovalReasonSchema.nullable().optional(),
  note: text().max(1000).nullable().optional(),
  id_pengurus: IdartbdtSchema.nullable().optional(),
  no_kks: z.string().regex(NO_KKS_RE).nullable().optional(),
  no_rekening: z.string().regex(NO_REKENING_RE).nullable().optional(),
});
/** POST /api/v1/pbi/proposals: deactivate a participant (reason) or propose a present member. */
export const PbiProposalCreateSchema = z.object({
  type: z.enum(PBI_TYPES),
  idartbdt: IdartbdtSchema,
  reason: RemovalReasonSchema.nullable().optional(),
  note: text().max(1000).nullable().optional(),
});

/** GET /api/v1/kpm/waiting-list */
export const KpmWaitingListQuerySchema = z.object({
  program: z.enum(KPM_PROGRAMS),
  kab: KabCodeSchema.optional().describe("District; default the caller's own district"),
  kecamatan: KecamatanCodeSchema.optional(),
  desa: DesaCodeSchema.optional(),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
});
/** GET /api/v1/pbi/waiting-list */
export const PbiWaitingListQuerySchema = KpmWaitingListQuerySchema.omit({ program: true });
/** GET /api/v1/kpm/waiting-list/export: the waiting list's filters and the file format. */
export const KpmWaitingExportQuerySchema = KpmWaitingListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: DataFormatSchema,
});
/** GET /api/v1/pbi/waiting-list/export */
export const PbiWaitingExportQuerySchema = KpmWaitingExportQuerySchema.omit({ program: true });

const waitingFields = {
  idbdt: z.string(),
  kodeWilayah: z.string(),
  namaDesa: z.string().nullable(),
  namaKrt: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  persentil: z.number().nullable(),
  members: z.number().describe('Members present'),
  vulnerable: z.number().describe('Present members who are elderly (≥ 60), children (< 6), disabled or pregnant'),
};
/** An AKTIF household of desil 1–4 not yet a KPM of the programme, nor named by a waiting proposal; the first is "Ganti"'s default. */
export const KpmWaitingItemSchema = z.object({
  ...waitingFields,
  idPengurus: z.string().nullable().describe('The head (hub_krt 1), the default pengurus'),
});
/** A present member of an AKTIF household of desil 1–4, not yet PBI, nor named by a waiting proposal. */
export const PbiWaitingItemSchema = z.object({
  ...waitingFields,
  idartbdt: z.string(),
  nama: z.string().describe('Masked (initials) for roles without personal:unmasked'),
  nik: z.string().describe('Masked (last 4 digits) for roles without personal:unmasked'),
});
export const KpmWaitingPageSchema = z.object(pageFields(KpmWaitingItemSchema));
export const PbiWaitingPageSchema = z.object(pageFields(PbiWaitingItemSchema));
