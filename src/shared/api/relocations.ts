// Contract of Pemindahan Rumah Tangga (issue 11, F12): moves of a household within its district,
// hand-overs to another district (release, accept, decline, cancel), the lists of moves in, out and
// waiting, and their export.
import { z } from 'zod';
import { DataFormatSchema, DesaCodeSchema, KabCodeSchema, pageOf, pagingQuery, text } from './common.ts';

export const RELOCATION_KINDS = ['WITHIN', 'HANDOVER'] as const;
export type RelocationKind = (typeof RELOCATION_KINDS)[number];
export const RELOCATION_STATUSES = ['SELESAI', 'MENUNGGU', 'DITERIMA', 'DITOLAK', 'DIBATALKAN'] as const;
export type RelocationStatus = (typeof RELOCATION_STATUSES)[number];
/** in: moves into the district; out: moves out of it (and within it); pending: hand-overs waiting for the district to accept ("Menunggu diterima"). */
export const RELOCATION_DIRECTIONS = ['in', 'out', 'pending'] as const;
export type RelocationDirection = (typeof RELOCATION_DIRECTIONS)[number];

export const RELOCATION_REASON_MAX = 500;
const reason = () => text().trim().min(1).max(RELOCATION_REASON_MAX);
const IdbdtSchema = z.string().regex(/^[0-9]{16}$/);

/** POST /api/v1/relocations: a move within the district. */
export const RelocationMoveBodySchema = z.object({
  idbdt: IdbdtSchema,
  desa: DesaCodeSchema.describe('The desa of the same district the household moves into'),
  reason: reason(),
});

/** POST /api/v1/relocations/handovers: the origin releases a household to another district. */
export const RelocationReleaseBodySchema = z.object({
  idbdt: IdbdtSchema,
  toKab: KabCodeSchema.describe('The destination district'),
  reason: reason(),
});

/** POST /api/v1/relocations/:id/accept */
export const RelocationAcceptBodySchema = z.object({ desa: DesaCodeSchema.describe('A desa of the accepting (destination) district') });
/** POST /api/v1/relocations/:id/decline */
export const RelocationDeclineBodySchema = z.object({ reason: reason() });
/** POST /api/v1/relocations/:id/cancel */
export const RelocationCancelBodySchema = z.object({ reason: reason().optional() });

/** What the destination may see of a household before it accepts it. */
export const RelocationSummarySchema = z.object({
  krtInitials: z.string().nullable().describe("The head's initials"),
  memberCount: z.number(),
  originDesa: z.string().describe("The origin desa's name"),
});

export const RelocationSchema = z.object({
  id: z.number(),
  kind: z.enum(RELOCATION_KINDS),
  status: z.enum(RELOCATION_STATUSES),
  idbdt: z.string(),
  fromKab: z.string(),
  fromKabName: z.string(),
  fromKodeWilayah: z.string(),
  fromDesaName: z.string(),
  toKab: z.string(),
  toKabName: z.string(),
  toKodeWilayah: z.string().nullable(),
  toDesaName: z.string().nullable(),
  reason: z.string(),
  summary: RelocationSummarySchema,
  createdAt: z.date(),
  createdBy: z.string().nullable().describe('User ID'),
  decidedAt: z.date().nullable(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type Relocation = z.output<typeof RelocationSchema>;

/** GET /api/v1/relocations (and its export) */
export const RelocationListQuerySchema = z.object({
  direction: z.enum(RELOCATION_DIRECTIONS).default('out'),
  kab: KabCodeSchema.optional().describe("District; default the caller's own district, else the whole scope"),
  status: z.enum(RELOCATION_STATUSES).optional(),
  kind: z.enum(RELOCATION_KINDS).optional(),
  idbdt: IdbdtSchema.optional().describe('The moves of one household (the household page)'),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
});
export const RelocationPageSchema = pageOf(RelocationSchema);
export const RelocationExportQuerySchema = RelocationListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: DataFormatSchema,
});

/** GET /api/v1/relocations/destinations: every province and district a household may be handed over to (region reads are scoped; these are not). */
export const RelocationDestinationSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['provinsi', 'kabkota']),
});
export const RelocationDestinationsSchema = z.object({ items: z.array(RelocationDestinationSchema) });
