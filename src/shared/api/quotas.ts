// Contract of the quota screen of Ditjen PFM (C4): every district's BPNT, RASTRA and PBI quota in
// a period with its use, and the xlsx quota sheet (template and all-or-nothing import).
import { z } from 'zod';
import { pageFields, pagingQuery, ProvinsiCodeSchema, text } from './common.ts';
import { PROGRAMS, QUOTA_MAX } from './vocabulary.ts';

/** A quota period: YYYY-MM with a real month (the database refuses anything else). */
export const QuotaPeriodSchema = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/);

/** The largest quota sheet accepted (a sheet of every district is about 40 KiB). */
export const QUOTA_SHEET_MAX_BYTES = 2 * 1024 * 1024;
/** The most data rows a quota sheet may have (514 districts today, room for new ones and blank lines). */
export const QUOTA_SHEET_MAX_ROWS = 2000;

/** Headers of the quota sheet, in order; the import finds its columns by these names (case and spaces ignored). */
export const QUOTA_SHEET_HEADERS = { kab: 'Kode Kab/Kota', name: 'Nama Kab/Kota', province: 'Provinsi' } as const;

const filters = {
  period: QuotaPeriodSchema.optional().describe('YYYY-MM; default the current quota period (the open period, else the latest)'),
  provinsi: ProvinsiCodeSchema.optional().describe('Only the districts of this province'),
  q: text().max(100).optional().describe('District code prefix or part of the name'),
};

/** GET /api/v1/quotas/districts */
export const QuotaDistrictsQuerySchema = z.object({ ...filters, ...pagingQuery({ pageSize: 50, maxPage: 1000 }) });
/** GET /api/v1/quotas/template.xlsx */
export const QuotaTemplateQuerySchema = z.object(filters);
/** POST /api/v1/quotas/import */
export const QuotaImportQuerySchema = z.object({ period: filters.period });

/** One programme of a district in the period. */
export const QuotaCellSchema = z.object({
  quota: z.number().int().min(0).max(QUOTA_MAX).nullable().describe('null when none is set (or it was removed)'),
  from: z
    .string()
    .nullable()
    .describe(
      'The period (YYYY-MM) whose setting holds: the period asked for, or the earlier one it is inherited from; null when never set',
    ),
  used: z.number().describe('AKTIF members of the list today'),
});

export const QuotaDistrictSchema = z.object({
  kab: z.string(),
  name: z.string(),
  provinsi: z.object({ code: z.string(), name: z.string() }),
  ...(Object.fromEntries(PROGRAMS.map((p) => [p, QuotaCellSchema])) as Record<(typeof PROGRAMS)[number], typeof QuotaCellSchema>),
});

export const QuotaDistrictPageSchema = z.object({
  ...pageFields(QuotaDistrictSchema),
  period: z.string().describe('The period (YYYY-MM) the quotas are those of'),
});

/** What an applied quota sheet did. */
export const QuotaImportResultSchema = z.object({
  period: z.string(),
  rows: z.number().describe('Data rows read'),
  changed: z.number().describe('Quotas set to a new value'),
  unchanged: z.number().describe('Quotas the sheet gives as they already were (or leaves empty)'),
});

/** One refusal of a quota sheet (details of 400 QUOTA_SHEET_INVALID), in the user's language. */
export const QuotaSheetIssueSchema = z.object({
  row: z.number().describe('1-based row of the sheet (the header is row 1)'),
  column: z.string().nullable(),
  message: z.string(),
});
