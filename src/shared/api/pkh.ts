// Contract of Usulan PKH (issue 10, F11b): households with PKH components (candidates), the
// supervisor's nominations and Pusdatin's decisions, and the export of the nomination list.
import { z } from 'zod';
import { DataFormatSchema, DesaCodeSchema, KabCodeSchema, KecamatanCodeSchema, pageOf, pagingQuery, text } from './common.ts';
import { householdPlaceFields } from './programs.ts';

/**
 * The PKH components a household's present members give it (derived from the registry, never typed):
 * pregnant women, children under six, school-age children (6–21) in school, elderly (≥ 60), severe disability.
 */
export const PKH_COMPONENTS = ['ibu_hamil', 'anak_usia_dini', 'anak_sekolah', 'lansia', 'disabilitas_berat'] as const;
export type PkhComponent = (typeof PKH_COMPONENTS)[number];
export const PkhComponentSchema = z.enum(PKH_COMPONENTS);

export const PKH_STATUSES = ['DIUSULKAN', 'DITERIMA', 'DITOLAK'] as const;
export type PkhStatus = (typeof PKH_STATUSES)[number];
export const PkhStatusSchema = z.enum(PKH_STATUSES);
/** What Pusdatin may set. */
export const PkhDecisionSchema = z.enum(['DITERIMA', 'DITOLAK']);

/** Number of present members per component. */
export const PkhComponentsSchema = z.object({
  ibu_hamil: z.number().int(),
  anak_usia_dini: z.number().int(),
  anak_sekolah: z.number().int(),
  lansia: z.number().int(),
  disabilitas_berat: z.number().int(),
});
export type PkhComponents = z.output<typeof PkhComponentsSchema>;

/** How many IDBDTs one nomination request may carry. */
export const PKH_NOMINATE_MAX = 500;
export const PKH_REASON_MAX = 500;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** GET /api/v1/pkh/candidates */
export const PkhCandidateQuerySchema = z.object({
  kab: KabCodeSchema.optional().describe("District; default the caller's own district"),
  kecamatan: KecamatanCodeSchema.optional(),
  desa: DesaCodeSchema.optional(),
  desil: z.coerce.number().int().min(1).max(10).optional(),
  component: PkhComponentSchema.optional().describe('Only households with at least one member of this component'),
  unnominated: bool.optional().describe('true: only households without an open nomination (DIUSULKAN or DITERIMA)'),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
});

/** The open nomination of a household, if any. */
const OpenNominationSchema = z.object({ id: z.number(), status: PkhStatusSchema }).nullable();

export const PkhCandidateSchema = z.object({
  ...householdPlaceFields,
  nama_kecamatan: z.string(),
  nama_krt: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  jumlah_art: z.number().nullable(),
  persentil: z.number().nullable(),
  components: PkhComponentsSchema,
  nomination: OpenNominationSchema.describe('The open nomination (DIUSULKAN or DITERIMA); null when none'),
});
export const PkhCandidatePageSchema = pageOf(PkhCandidateSchema).extend({
  asOf: z.string().describe("The district's date (YYYY-MM-DD) the ages are counted at"),
});

/** POST /api/v1/pkh/nominations */
export const PkhNominateBodySchema = z.object({
  idbdt: z
    .array(z.string().regex(/^[0-9]{16}$/))
    .min(1)
    .max(PKH_NOMINATE_MAX)
    .describe('AKTIF households of the district with at least one PKH component and no open nomination'),
});

export const PkhNominationSchema = z.object({
  id: z.number(),
  kab_kota: z.string(),
  ...householdPlaceFields,
  nama_krt: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  persentil: z.number().nullable(),
  status: PkhStatusSchema,
  components: PkhComponentsSchema.describe('The components when the household was nominated'),
  nominated_at: z.date(),
  nominated_by: z.string().nullable().describe('User ID'),
  decided_at: z.date().nullable(),
  decided_by: z.string().nullable(),
  decision_reason: z.string().nullable(),
});
export const PkhNominatedSchema = z.object({ items: z.array(PkhNominationSchema) });

/** GET /api/v1/pkh/nominations (and its export) */
export const PkhNominationQuerySchema = z.object({
  kab: KabCodeSchema.optional().describe("District; default the caller's own district, else the whole scope"),
  kecamatan: KecamatanCodeSchema.optional(),
  desa: DesaCodeSchema.optional(),
  status: PkhStatusSchema.optional(),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
});
export const PkhNominationPageSchema = pageOf(PkhNominationSchema);
/** GET /api/v1/pkh/candidates/export: the candidate list's filters and the file format. */
export const PkhCandidateExportQuerySchema = PkhCandidateQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: DataFormatSchema,
});
export const PkhExportQuerySchema = PkhNominationQuerySchema.omit({ page: true, pageSize: true }).extend({ format: DataFormatSchema });

/** PUT /api/v1/pkh/nominations/:id/status */
export const PkhDecisionBodySchema = z.object({
  status: PkhDecisionSchema,
  reason: text().max(PKH_REASON_MAX).optional().describe('Required for DITOLAK'),
});
