// Contract of Rekapitulasi (F9) and finalisation monitoring (C5).
import { z } from 'zod';
import { AreaSchema, DataFormatSchema, KabCodeSchema, KecamatanCodeSchema, PeriodCodeSchema, ProvinsiCodeSchema } from './common.ts';
import { RecapCountsSchema } from './finalisations.ts';
import { PROGRAMS } from './vocabulary.ts';

export const RecapLevelSchema = z.enum(['kecamatan', 'desa']);

/** AKTIF members of the programme lists in an area: KPM households of BPNT and RASTRA, PBI participants. */
export const ProgrammeCountsSchema = z
  .object({ BPNT: z.number(), RASTRA: z.number(), PBI: z.number() })
  .describe('AKTIF KPM of BPNT and RASTRA (households) and AKTIF PBI participants (members), by where the household lives');

/** A row of a recap: a kecamatan, or a desa with its kecamatan. */
export const RecapRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  kecamatan: AreaSchema.nullable(),
  households: z.number(),
  members: z.number(),
  counts: RecapCountsSchema,
  programs: ProgrammeCountsSchema,
});

/** GET /api/v1/reports/recap/kecamatan and /desa */
export const RecapSchema = z.object({
  level: RecapLevelSchema,
  kab: AreaSchema,
  period: AreaSchema,
  kecamatan: AreaSchema.nullable(),
  rows: z.array(RecapRowSchema),
  totals: z.object({ households: z.number(), members: z.number(), counts: RecapCountsSchema, programs: ProgrammeCountsSchema }),
  quotas: z
    .array(z.object({ program: z.enum(PROGRAMS), quota: z.number().nullable(), used: z.number() }))
    .describe("The district's quota of the period per programme (null when none) and its use: the AKTIF members of the list"),
});

const kab = KabCodeSchema.optional();
const period = PeriodCodeSchema.optional();
const kecamatan = KecamatanCodeSchema.optional();

export const RecapKecamatanQuerySchema = z.object({ kab, period });
export const RecapDesaQuerySchema = z.object({ kab, period, kecamatan });
/** GET /api/v1/reports/recap/export */
export const RecapExportQuerySchema = z.object({ kab, period, kecamatan, level: RecapLevelSchema, format: DataFormatSchema });

/** GET /api/v1/reports/recap/provinsi: the provinces of the nation, or the districts of one province */
export const RecapProvinsiQuerySchema = z.object({
  provinsi: ProvinsiCodeSchema.optional().describe(
    'The province whose districts to list; national roles without it: every province; others: their own province',
  ),
  period,
});
/** GET /api/v1/reports/recap/provinsi/export: the same recap as xlsx or csv */
export const RecapProvinsiExportQuerySchema = RecapProvinsiQuerySchema.extend({ format: DataFormatSchema });
export const RegionRecapSchema = z.object({
  level: z.enum(['provinsi', 'kabkota']),
  provinsi: AreaSchema.nullable(),
  period: AreaSchema,
  rows: z.array(RecapRowSchema),
  totals: z.object({ households: z.number(), members: z.number(), counts: RecapCountsSchema, programs: ProgrammeCountsSchema }),
});

export const MonitoringStateSchema = z.enum(['BELUM_ADA_USULAN', 'BELUM_FINALISASI', 'SEBAGIAN', 'FINAL']);

/** The filter of the monitoring: period, province and the districts' state. */
export const MonitoringFilterSchema = z.object({
  period,
  provinsi: ProvinsiCodeSchema.optional(),
  state: MonitoringStateSchema.optional().describe(
    "Only the districts in this state (the summary still counts the whole province's or country's)",
  ),
});
/** GET /api/v1/reports/finalisations */
export const MonitoringQuerySchema = MonitoringFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(1000).optional(),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Rows per page; without it every district of the filter in one answer'),
});
/** GET /api/v1/reports/finalisations/export: every row of the filter, not a page */
export const MonitoringExportQuerySchema = MonitoringFilterSchema.extend({ format: DataFormatSchema });
export const MonitoringRowSchema = z.object({
  kab: AreaSchema,
  provinsi: AreaSchema,
  finalisations: z.number(),
  last: z.object({ id: z.number(), number: z.number(), at: z.date() }).nullable(),
  proposals: z.number(),
  waiting: z.number(),
  openDecided: z.number(),
  state: MonitoringStateSchema,
});
export const MonitoringSchema = z.object({
  period: AreaSchema,
  provinsi: z.string().nullable(),
  items: z.array(MonitoringRowSchema),
  state: MonitoringStateSchema.nullable().describe('The state filter applied; null for all'),
  total: z.number().describe('Districts matching the filter (every page)'),
  page: z.number(),
  pageSize: z.number(),
  summary: z.object({
    districts: z.number(),
    finalised: z.number(),
    complete: z.number(),
    waiting: z.number(),
  }),
});
