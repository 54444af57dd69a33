// Client calls of the quota screen of Ditjen PFM (C4): the districts with quota and use in a
// period, setting one quota, and the xlsx quota sheet (template download, all-or-nothing import).
import type { Wire } from '../../shared/api/common.ts';
import type { DistrictProgramsSchema } from '../../shared/api/programs.ts';
import type * as contract from '../../shared/api/quotas.ts';
import type { Program } from '../../shared/api/vocabulary.ts';
import { ApiError, queryString, request } from './client.ts';
import { fetchAndSave } from './finalisasi.ts';

export { PROGRAMS, QUOTA_MAX, type Program } from '../../shared/api/vocabulary.ts';
export { QUOTA_SHEET_MAX_BYTES } from '../../shared/api/quotas.ts';
type Page = Wire<typeof contract.QuotaDistrictPageSchema>;
/** A district with quota and use per programme. */
export type QuotaDistrict = Page['items'][number];
export type QuotaCell = QuotaDistrict['BPNT'];
export type QuotaImportResult = Wire<typeof contract.QuotaImportResultSchema>;
/** A fault of a refused quota sheet, by row. */
export type QuotaSheetIssue = Wire<typeof contract.QuotaSheetIssueSchema>;
/** The filter of the screen (and of the template it downloads). */
export type QuotaFilter = Pick<Partial<Wire<typeof contract.QuotaDistrictsQuerySchema>>, 'period' | 'provinsi' | 'q'>;

/** The rows a refused quota sheet names (400 QUOTA_SHEET_INVALID), or [] for any other error. */
export function sheetIssuesOf(err: unknown): QuotaSheetIssue[] {
  if (!(err instanceof ApiError) || err.code !== 'QUOTA_SHEET_INVALID' || !Array.isArray(err.details)) return [];
  return err.details as QuotaSheetIssue[];
}

export const quotasApi = {
  /** One page of the districts in the caller's scope with quota and use per programme. */
  districts(query: QuotaFilter & { page: number; pageSize: number }, signal?: AbortSignal): Promise<Page> {
    return request<Page>('GET', `/api/v1/quotas/districts${queryString(query)}`, { signal });
  },

  /** Sets (null: removes) one quota of a district from `period` on. */
  set(kab: string, program: Program, quota: number | null, period: string): Promise<Wire<typeof DistrictProgramsSchema>> {
    return request('PUT', `/api/v1/districts/${encodeURIComponent(kab)}/quotas/${program}`, { body: { quota, period } });
  },

  /** Applies a quota sheet for `period`; a refused sheet is an ApiError whose rows sheetIssuesOf() reads. */
  importSheet(file: File, period: string): Promise<QuotaImportResult> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<QuotaImportResult>('POST', `/api/v1/quotas/import${queryString({ period })}`, { form });
  },

  /** Downloads the sheet to fill: the districts of the filter with their quotas in the period. */
  downloadTemplate(filter: QuotaFilter): Promise<void> {
    return fetchAndSave(`/api/v1/quotas/template.xlsx${queryString(filter)}`, `Kuota_${filter.period ?? 'kini'}.xlsx`);
  },
};
