// Contract of the programs module: quotas per district (C4) and the BPNT stage.
import { z } from 'zod';
import { DataFormatSchema, DesaCodeSchema, KabCodeSchema, KecamatanCodeSchema, pageOf, pagingQuery, text } from './common.ts';
import { PROGRAMS, QUOTA_MAX, TAHAP_MAX } from './vocabulary.ts';
import { QuotaPeriodSchema } from './quotas.ts';

const QuotaSchema = z.number().int().min(0).max(QUOTA_MAX).nullable();

/** A district's quotas and BPNT stage. */
export const DistrictProgramsSchema = z.object({
  kab: z.string(),
  name: z.string(),
  period: z.string().describe('The period (YYYY-MM) the quotas are those of: the open period, else the latest'),
  quotas: z.object({ BPNT: QuotaSchema, RASTRA: QuotaSchema, PBI: QuotaSchema }).describe('Quota per programme; null when none is set'),
  tahapBpnt: z.string().nullable().describe('BPNT expansion stage; null when none'),
});

export const DistrictParamsSchema = z.object({ kab: KabCodeSchema });
/** PUT /api/v1/districts/:kab/quotas/:program */
export const QuotaParamsSchema = DistrictParamsSchema.extend({ program: z.enum(PROGRAMS) });
export const QuotaBodySchema = z.object({
  quota: QuotaSchema,
  period: QuotaPeriodSchema.optional().describe('The period (YYYY-MM) from which it holds; default the current quota period'),
});
/** PUT /api/v1/districts/:kab/bpnt-stage */
export const BpntStageBodySchema = z.object({ tahap: text().max(TAHAP_MAX).nullable() });

// ---- Programme lists (issue 10: KPM of BPNT/RASTRA, PBI participants) and quota use ----

/** Programmes with a KPM list (households); PBI is a list of members. */
export const KPM_PROGRAMS = ['BPNT', 'RASTRA'] as const;
export const MEMBERSHIP_STATUSES = ['AKTIF', 'NONAKTIF'] as const;
export const MembershipStatusSchema = z.enum(MEMBERSHIP_STATUSES);
/** Reason of a removal (format §3.2): 1 meninggal, 2 pindah, 3 mampu/tidak layak, 4 data ganda, 5 tidak ditemukan, 6 menolak. */
export const MembershipReasonSchema = z.number().int().min(1).max(6).nullable();

const listFilters = {
  kab: KabCodeSchema.optional().describe("District; default the caller's own district"),
  kecamatan: KecamatanCodeSchema.optional(),
  desa: DesaCodeSchema.optional(),
  status: MembershipStatusSchema.optional(),
  persentilMin: z.coerce.number().int().min(1).max(100).optional(),
  persentilMax: z.coerce.number().int().min(1).max(100).optional(),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
};

/** Where a household of a programme list lives: its id, its desa code and the desa's name. */
export const householdPlaceFields = { idbdt: z.string(), kode_wilayah: z.string(), nama_desa: z.string() };

/** GET /api/v1/kpm */
export const KpmListQuerySchema = z.object({ program: z.enum(KPM_PROGRAMS).optional(), ...listFilters });
export const KpmItemSchema = z.object({
  program: z.enum(KPM_PROGRAMS),
  ...householdPlaceFields,
  nama_krt: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  persentil: z.number().nullable(),
  id_pengurus: z.string().nullable(),
  nama_pengurus: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
  no_kks: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
  no_rekening: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
  status: MembershipStatusSchema,
  since: z.string().describe('YYYY-MM-DD'),
  until: z.string().nullable().describe('YYYY-MM-DD'),
  reason: MembershipReasonSchema,
});
export const KpmPageSchema = pageOf(KpmItemSchema);

/** GET /api/v1/pbi */
export const PbiListQuerySchema = z.object(listFilters);
export const PbiItemSchema = z.object({
  idartbdt: z.string(),
  ...householdPlaceFields,
  nama: z.string().describe('Masked (initials) for roles without personal:unmasked'),
  nik: z.string().describe('Masked (last 4 digits) for roles without personal:unmasked'),
  persentil: z.number().nullable(),
  no_kartu: z
    .string()
    .nullable()
    .describe('13 digits, null until the card is issued; masked (last 4 digits) for roles without personal:unmasked'),
  status: MembershipStatusSchema,
  since: z.string().describe('YYYY-MM-DD'),
  until: z.string().nullable().describe('YYYY-MM-DD'),
  reason: MembershipReasonSchema,
});
export const PbiPageSchema = pageOf(PbiItemSchema);

/** GET /api/v1/quotas */
export const QuotaUseQuerySchema = z.object({ kab: KabCodeSchema.optional().describe("District; default the caller's own district") });
export const QuotaUseSchema = z.object({
  kab: z.string(),
  name: z.string(),
  items: z.array(
    z.object({
      program: z.enum(PROGRAMS),
      quota: QuotaSchema.describe('null when none is set'),
      used: z.number().describe('AKTIF members of the list'),
    }),
  ),
});

// ---- List exports (xlsx/csv of the whole filtered list, streamed) ----

/** GET /api/v1/kpm/export: the filters of GET /api/v1/kpm (no paging) and the file format. */
export const KpmExportQuerySchema = KpmListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: DataFormatSchema });
/** GET /api/v1/pbi/export: the filters of GET /api/v1/pbi (no paging) and the file format. */
export const PbiExportQuerySchema = PbiListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: DataFormatSchema });
