// Client calls of F8 (Finalisasi, Surat Pengesahan), F9 (Rekapitulasi) and C5 (Monitoring), and
// the public letter verification. JSON calls go through request() of client.ts; files come through
// downloadFile() of mou.ts (same headers, same ApiError, name from Content-Disposition).
import { getLanguage, translate } from '../i18n/index.ts';
import { ApiError, queryString, request } from './client.ts';
import { downloadFile, saveFile } from './mou.ts';

export const PROPOSAL_STATUS_KEYS = ['MENUNGGU', 'DISETUJUI', 'SEBAGIAN', 'DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI'] as const;
export type ProposalStatusKey = (typeof PROPOSAL_STATUS_KEYS)[number];
export const VERVAL_RESULT_KEYS = ['DITEMUKAN', 'TIDAK_DITEMUKAN', 'PINDAH', 'BAGIAN_RUTA_LAIN', 'MENOLAK', 'GANDA'] as const;
export type VervalResultKey = (typeof VERVAL_RESULT_KEYS)[number];

/** Counts of proposals: by verval result (perbaikan) and by status (all). */
export interface RecapCounts {
  proposals: number;
  perbaikan: number;
  usulanBaru: number;
  result: Record<VervalResultKey, number>;
  status: Record<ProposalStatusKey, number>;
}

export interface AreaRef {
  code: string;
  name: string;
}

export interface ProposalRecap {
  totals: RecapCounts;
  kecamatan: (AreaRef & { counts: RecapCounts })[];
  desa: (AreaRef & { kecamatan: string; counts: RecapCounts })[];
}

export interface WaitingProposal {
  id: string;
  type: 'PERBAIKAN' | 'USULAN_BARU';
  idbdt: string | null;
  kode_wilayah: string;
  desa: string | null;
  kecamatan: string | null;
  operator_username: string | null;
  imported_at: string;
  conflict: boolean;
}

export type ProfileField = 'namaInstansi' | 'alamat' | 'namaBupati' | 'pengesahNama' | 'pengesahNip';

/** A finalisation as lists show it (timestamps ISO). */
export interface FinalisationSummary {
  id: number;
  publicId: string;
  kab: AreaRef;
  period: AreaRef;
  number: number;
  letterNumber: string;
  createdAt: string;
  createdBy: string;
  proposals: number;
  households: number;
  dataSha256: string;
}

export interface FinalisationDetail extends FinalisationSummary {
  recap: ProposalRecap;
}

export interface FinalisationPreview {
  kab: AreaRef;
  period: { code: string; name: string; skNumber: string | null };
  nextNumber: number;
  recap: ProposalRecap;
  waiting: { total: number; items: WaitingProposal[] };
  toFinalise: number;
  profileMissing: ProfileField[];
  canFinalise: boolean;
  previous: FinalisationSummary[];
}

export interface RecapRow {
  code: string;
  name: string;
  kecamatan: AreaRef | null;
  households: number;
  members: number;
  counts: RecapCounts;
}

export type RecapLevel = 'kecamatan' | 'desa';

export interface Recap {
  level: RecapLevel;
  kab: AreaRef;
  period: AreaRef;
  kecamatan: AreaRef | null;
  rows: RecapRow[];
  totals: { households: number; members: number; counts: RecapCounts };
}

export type MonitoringState = 'BELUM_ADA_USULAN' | 'BELUM_FINALISASI' | 'SEBAGIAN' | 'FINAL';

export interface MonitoringRow {
  kab: AreaRef;
  provinsi: AreaRef;
  finalisations: number;
  last: { id: number; number: number; at: string } | null;
  proposals: number;
  waiting: number;
  openDecided: number;
  state: MonitoringState;
}

export interface Monitoring {
  period: AreaRef;
  provinsi: string | null;
  items: MonitoringRow[];
  summary: { districts: number; finalised: number; complete: number; waiting: number };
}

/** What the public page shows of a letter. */
export interface LetterVerification {
  kab: AreaRef;
  period: AreaRef;
  number: number;
  letterNumber: string;
  finalisedAt: string;
  dataSha256: string;
  totals: { proposals: number; perbaikan: number; usulanBaru: number; approved: number; rejected: number };
  matches: boolean | null;
}

export type DataFormat = 'xlsx' | 'csv';
export type DataTable = 'usulan' | 'ruta' | 'art';

/** Approved proposals, wholly or in part. */
export const approvedOf = (c: RecapCounts) => c.status.DISETUJUI + c.status.SEBAGIAN;

/** Downloads a file of the API and offers it to the user; resolves when it was saved. */
async function fetchAndSave(path: string, fallbackName: string): Promise<void> {
  const file = await downloadFile('GET', path, { fallbackName });
  const url = saveFile(file);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const finalisasiApi = {
  preview(signal?: AbortSignal): Promise<FinalisationPreview> {
    return request<FinalisationPreview>('GET', '/api/v1/finalisations/preview', { signal });
  },

  /** Finalises; `expected` is the number of proposals the user confirmed in the preview. */
  finalise(expected: number): Promise<FinalisationDetail> {
    return request<FinalisationDetail>('POST', '/api/v1/finalisations', { body: { expected } });
  },

  list(query: { kab?: string; period?: string; page?: number; pageSize?: number } = {}, signal?: AbortSignal) {
    return request<{ items: FinalisationSummary[]; total: number; page: number; pageSize: number }>(
      'GET',
      `/api/v1/finalisations${queryString(query)}`,
      {
        signal,
      },
    );
  },

  get(id: number, signal?: AbortSignal): Promise<FinalisationDetail> {
    return request<FinalisationDetail>('GET', `/api/v1/finalisations/${encodeURIComponent(String(id))}`, { signal });
  },

  downloadLetter(f: Pick<FinalisationSummary, 'id' | 'kab' | 'period' | 'number'>): Promise<void> {
    return fetchAndSave(
      `/api/v1/finalisations/${encodeURIComponent(String(f.id))}/letter`,
      `Surat_Pengesahan_BDT_${f.kab.code}_${f.period.code}_ke-${f.number}.pdf`,
    );
  },

  downloadData(
    f: Pick<FinalisationSummary, 'id' | 'kab' | 'period' | 'number'>,
    format: DataFormat,
    table: DataTable = 'usulan',
  ): Promise<void> {
    const q = queryString({ format, table: format === 'csv' ? table : undefined });
    const name = `Finalisasi_BDT_${f.kab.code}_${f.period.code}_ke-${f.number}${format === 'csv' ? `_${table}` : ''}.${format}`;
    return fetchAndSave(`/api/v1/finalisations/${encodeURIComponent(String(f.id))}/data${q}`, name);
  },
};

export const reportsApi = {
  recap(level: RecapLevel, query: { kab?: string; period?: string; kecamatan?: string } = {}, signal?: AbortSignal): Promise<Recap> {
    return request<Recap>('GET', `/api/v1/reports/recap/${level}${queryString(query)}`, { signal });
  },

  exportRecap(level: RecapLevel, format: DataFormat, query: { kab?: string; period?: string; kecamatan?: string } = {}): Promise<void> {
    return fetchAndSave(`/api/v1/reports/recap/export${queryString({ ...query, level, format })}`, `Rekapitulasi_${level}.${format}`);
  },

  monitoring(query: { period?: string; provinsi?: string } = {}, signal?: AbortSignal): Promise<Monitoring> {
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
