// Client calls of F8 (Finalisasi, Surat Pengesahan), F9 (Rekapitulasi) and C5 (Monitoring), and
// the public letter verification. JSON calls go through request() of client.ts; files come through
// downloadFile() of mou.ts (same headers, same ApiError, name from Content-Disposition).
import type { Area, DataFormat, Wire } from '../../shared/api/common.ts';
import type {
  DataTableSchema,
  FinalisationDetailSchema,
  FinalisationListQuerySchema,
  FinalisationModuleSchema,
  FinalisationPageSchema,
  FinalisationPreviewSchema,
  FinalisationSummarySchema,
  LetterVerificationSchema,
  ProfileFieldSchema,
  ProgrammeCountsSchema,
  ProgrammeRecapSchema,
  ProposalRecapSchema,
  RecapCountsSchema,
  WaitingProposalSchema,
} from '../../shared/api/finalisations.ts';
import type {
  MonitoringQuerySchema,
  MonitoringRowSchema,
  MonitoringSchema,
  MonitoringStateSchema,
  RecapDesaQuerySchema,
  RecapLevelSchema,
  RecapProvinsiQuerySchema,
  RecapRowSchema,
  RecapSchema,
  RegionRecapSchema,
} from '../../shared/api/reports.ts';
import { getLanguage, translate } from '../i18n/index.ts';
import { ApiError, queryString, request } from './client.ts';
import { downloadFile, saveFile } from './mou.ts';

export {
  PROPOSAL_STATUSES as PROPOSAL_STATUS_KEYS,
  type ProposalStatus as ProposalStatusKey,
  VERVAL_RESULT_KEYS,
  type VervalResultKey,
} from '../../shared/api/vocabulary.ts';
export type { DataFormat };

/** Counts of proposals: by verval result (perbaikan) and by status (all). */
export type RecapCounts = Wire<typeof RecapCountsSchema>;
export type AreaRef = Area;
export type ProposalRecap = Wire<typeof ProposalRecapSchema>;
/** What a finalisation covers: BDT, BSP or PBI. */
export type FinalisationModule = Wire<typeof FinalisationModuleSchema>;
/** Counts of BSP/PBI proposals as list changes. */
export type ProgrammeCounts = Wire<typeof ProgrammeCountsSchema>;
/** The recap of a BSP/PBI preview or finalisation: areas and programmes with AKTIF count and quota. */
export type ProgrammeRecap = Wire<typeof ProgrammeRecapSchema>;

/** Whether a recap is of BSP/PBI list changes (it has `programs`) rather than BDT proposals. */
export const isProgrammeRecap = (r: ProposalRecap | ProgrammeRecap): r is ProgrammeRecap => 'programs' in r;
export type WaitingProposal = Wire<typeof WaitingProposalSchema>;
export type ProfileField = Wire<typeof ProfileFieldSchema>;
/** A finalisation as lists show it (timestamps ISO). */
export type FinalisationSummary = Wire<typeof FinalisationSummarySchema>;
export type FinalisationDetail = Wire<typeof FinalisationDetailSchema>;
export type FinalisationPreview = Wire<typeof FinalisationPreviewSchema>;
export type RecapRow = Wire<typeof RecapRowSchema>;
export type RecapLevel = Wire<typeof RecapLevelSchema>;
export type Recap = Wire<typeof RecapSchema>;
/** Rekapitulasi per province: the provinces of the nation, or one province's districts. */
export type RegionRecap = Wire<typeof RegionRecapSchema>;
export type RecapProvinsiQuery = Wire<typeof RecapProvinsiQuerySchema>;
export type MonitoringState = Wire<typeof MonitoringStateSchema>;
export type MonitoringRow = Wire<typeof MonitoringRowSchema>;
export type Monitoring = Wire<typeof MonitoringSchema>;
/** What the public page shows of a letter. */
export type LetterVerification = Wire<typeof LetterVerificationSchema>;
export type DataTable = Wire<typeof DataTableSchema>;
type FinalisationQuery = Partial<Wire<typeof FinalisationListQuerySchema>>;
type RecapQuery = Partial<Wire<typeof RecapDesaQuerySchema>>;
type MonitoringQuery = Wire<typeof MonitoringQuerySchema>;
type FinalisationPage = Wire<typeof FinalisationPageSchema>;

/** Approved proposals, wholly or in part. */
export const approvedOf = (c: Pick<RecapCounts, 'status'>) => c.status.DISETUJUI + c.status.SEBAGIAN;

type LetterOf = Pick<FinalisationSummary, 'id' | 'kab' | 'period' | 'number'> & { module?: FinalisationModule };

/** The file name of a finalisation's letter: the Surat Pengesahan (BDT) or the Berita Acara (BSP/PBI). */
export function letterFileName(f: LetterOf): string {
  const m = f.module ?? 'BDT';
  return `${m === 'BDT' ? 'Surat_Pengesahan' : 'Berita_Acara'}_${m}_${f.kab.code}_${f.period.code}_ke-${f.number}.pdf`;
}

/** Downloads a file of the API and offers it to the user; resolves when it was saved. */
export async function fetchAndSave(path: string, fallbackName: string): Promise<void> {
  const file = await downloadFile('GET', path, { fallbackName });
  const url = saveFile(file);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const finalisasiApi = {
  /** The preview of the next finalisation of a module (BDT when none is given). */
  preview(signal?: AbortSignal, module: FinalisationModule = 'BDT'): Promise<FinalisationPreview> {
    const q = module === 'BDT' ? '' : queryString({ module });
    return request<FinalisationPreview>('GET', `/api/v1/finalisations/preview${q}`, { signal });
  },

  /** Finalises a module (BDT when none is given); `expected` is the number of proposals the user confirmed in the preview. */
  finalise(expected: number, module: FinalisationModule = 'BDT'): Promise<FinalisationDetail> {
    return request<FinalisationDetail>('POST', '/api/v1/finalisations', { body: module === 'BDT' ? { expected } : { expected, module } });
  },

  list(query: FinalisationQuery = {}, signal?: AbortSignal): Promise<FinalisationPage> {
    return request<FinalisationPage>('GET', `/api/v1/finalisations${queryString(query)}`, { signal });
  },

  get(id: number, signal?: AbortSignal): Promise<FinalisationDetail> {
    return request<FinalisationDetail>('GET', `/api/v1/finalisations/${encodeURIComponent(String(id))}`, { signal });
  },

  downloadLetter(f: LetterOf): Promise<void> {
    return fetchAndSave(`/api/v1/finalisations/${encodeURIComponent(String(f.id))}/letter`, letterFileName(f));
  },

  downloadData(f: LetterOf, format: DataFormat, table: DataTable = 'usulan'): Promise<void> {
    const q = queryString({ format, table: format === 'csv' ? table : undefined });
    const name = `Finalisasi_${f.module ?? 'BDT'}_${f.kab.code}_${f.period.code}_ke-${f.number}${format === 'csv' ? `_${table}` : ''}.${format}`;
    return fetchAndSave(`/api/v1/finalisations/${encodeURIComponent(String(f.id))}/data${q}`, name);
  },
};

export const reportsApi = {
  recap(level: RecapLevel, query: RecapQuery = {}, signal?: AbortSignal): Promise<Recap> {
    return request<Recap>('GET', `/api/v1/reports/recap/${level}${queryString(query)}`, { signal });
  },

  exportRecap(level: RecapLevel, format: DataFormat, query: RecapQuery = {}): Promise<void> {
    return fetchAndSave(`/api/v1/reports/recap/export${queryString({ ...query, level, format })}`, `Rekapitulasi_${level}.${format}`);
  },

  /** Rekapitulasi per province: every province in scope, or the districts of `provinsi`. */
  recapProvinsi(query: RecapProvinsiQuery = {}, signal?: AbortSignal): Promise<RegionRecap> {
    return request<RegionRecap>('GET', `/api/v1/reports/recap/provinsi${queryString(query)}`, { signal });
  },

  exportRecapProvinsi(format: DataFormat, query: RecapProvinsiQuery = {}): Promise<void> {
    const name = `Rekapitulasi_${query.provinsi ? `Kabupaten_Kota_${query.provinsi}` : 'Provinsi'}.${format}`;
    return fetchAndSave(`/api/v1/reports/recap/provinsi/export${queryString({ ...query, format })}`, name);
  },

  monitoring(query: MonitoringQuery = {}, signal?: AbortSignal): Promise<Monitoring> {
    return request<Monitoring>('GET', `/api/v1/reports/finalisations${queryString(query)}`, { signal });
  },
};

/**
 * The public check of a letter (no login, outside /api/v1): `null` when no letter has this id.
 * Plain fetch: a 401 handler or CSRF token has no place here.
 */
export async function verifyLetter(publicId: string, hash: string | null, signal?: AbortSignal): Promise<LetterVerification | null> {
  const path = `/api/public/verifikasi/${encodeURIComponent(publicId)}${queryString({ hash })}`;
  let res: Response;
  try {
    res = await fetch(path, {
      headers: { Accept: 'application/json', 'Accept-Language': getLanguage() },
      credentials: 'omit',
      signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  // An unknown id and a malformed one read the same to the public: not found.
  if (res.status === 404 || res.status === 400) return null;
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, translate('error.generic'));
  return (await res.json()) as LetterVerification;
}
