// Client calls of Import Data (F6) and Verifikasi Usulan (F7). JSON calls go through request() of
// client.ts; the package upload uses XMLHttpRequest (fetch reports no upload progress) with the
// same language and CSRF headers and the same ApiError; the feedback file is downloaded with
// downloadFile() of mou.ts.
import { getLanguage, translate } from '../i18n/index.ts';
import { ApiError, csrfToken, notifyUnauthorized, queryString, request, type LocalizedText, type Page } from './client.ts';
import { downloadFile, saveFile } from './mou.ts';

// ---- Imports (F6) ----

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'REFUSED' | 'ALREADY_IMPORTED';

/** Counts of a finished import (siks-format.md section 4.4). */
export interface ImportCounts {
  new: number;
  failed: number;
  duplicate: number;
  conflict: number;
  warnings: number;
}

/** One import (an uploaded .siks file and its background job); timestamps ISO. */
export interface ImportItem {
  id: string;
  fileName: string;
  fileSize: number;
  uploadedAt: string;
  status: ImportStatus;
  /** 0–1 while the job runs. */
  progress: number;
  counts: ImportCounts | null;
  /** Why the whole file was refused (REFUSED), in Indonesian. */
  reason: string | null;
  reasonCode: string | null;
  /** The import that first brought this package (ALREADY_IMPORTED). */
  firstImportId: string | null;
  packageId: string | null;
  /** The operator named in the package header. */
  operator: string | null;
  finishedAt: string | null;
}

/** A validation finding with its path (siks-format.md section 3.4). */
export interface Issue {
  path: string;
  code: string;
  level?: string;
  message: LocalizedText;
}

/** A proposal of an import that failed validation. */
export interface FailedProposal {
  proposalId: string;
  /** 1-based line of proposals.ndjson. */
  line: number;
  errors: Issue[];
}

export interface ImportDetail extends ImportItem {
  failed: FailedProposal[];
}

/** Whether an import's job is still to finish (its page polls it). */
export function isImportActive(status: ImportStatus): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

function isErrorBody(v: unknown): v is { code: string; message: string; details?: unknown } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'string'
  );
}

/**
 * Uploads one .siks file (multipart field `file`) and resolves with the id of its import job
 * (202). Reports the upload's progress; an AbortSignal cancels it (AbortError).
 */
export function uploadImport(
  file: Blob,
  fileName: string,
  onProgress?: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLanguage());
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && typeof (data as { id?: unknown } | undefined)?.id === 'string') {
        resolve(data as { id: string });
        return;
      }
      if (xhr.status === 401) notifyUnauthorized();
      if (isErrorBody(data)) reject(new ApiError(xhr.status, data.code, data.message, data.details));
      else reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, translate(xhr.status === 413 ? 'import.err.tooLarge' : 'error.generic')));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'NETWORK', translate('error.network')));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('Aborted', 'AbortError'));
    };
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}

export const importsApi = {
  list(page: number, pageSize: number, signal?: AbortSignal): Promise<Page<ImportItem>> {
    return request<Page<ImportItem>>('GET', `/api/v1/imports${queryString({ page, pageSize })}`, { signal });
  },

  get(id: string, signal?: AbortSignal): Promise<ImportDetail> {
    return request<ImportDetail>('GET', `/api/v1/imports/${encodeURIComponent(id)}`, { signal });
  },

  /** Downloads the feedback file (.siksfb) of a finished import and offers it to the user. */
  async downloadFeedback(item: Pick<ImportItem, 'id' | 'fileName'>): Promise<void> {
    const base = item.fileName.replace(/\.siks$/i, '') || 'umpan-balik';
    const file = await downloadFile('GET', `/api/v1/imports/${encodeURIComponent(item.id)}/feedback`, {
      fallbackName: `${base}.siksfb`,
    });
    const url = saveFile(file);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};

// ---- Proposals (F7) ----

export type ProposalType = 'PERBAIKAN' | 'USULAN_BARU';
export const PROPOSAL_STATUSES = ['MENUNGGU', 'DISETUJUI', 'SEBAGIAN', 'DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalListItem {
  id: string;
  type: ProposalType;
  idbdt: string | null;
  kodeWilayah: string;
  namaDesa: string | null;
  namaKrt: string | null;
  vervalResult: number | null;
  status: ProposalStatus;
  conflict: boolean;
  hasWarning: boolean;
  /** Other waiting proposals for the same household. */
  pendingOthers: number;
  operator: string | null;
  importId: string;
  fileName: string | null;
  importedAt: string | null;
}

export interface ProposalCounts {
  byStatus: Partial<Record<ProposalStatus, number>>;
  conflict: number;
  warning: number;
}

export interface ProposalPage extends Page<ProposalListItem> {
  /** Counts for the same filter without the status filter. */
  counts: ProposalCounts;
}

/** The list filter as the API takes it (the bulk decision takes it without page/pageSize). */
export interface ProposalFilterQuery {
  tab?: ProposalType;
  kecamatan?: string;
  desa?: string;
  importId?: string;
  operator?: string;
  result?: number;
  status?: ProposalStatus;
  conflict?: boolean;
  warning?: boolean;
}

export interface ProposalQuery extends ProposalFilterQuery {
  page: number;
  pageSize: number;
}

export interface ProposalDecision {
  decidedAt: string;
  decidedBy: string | null;
  reason: string | null;
  acceptedFields: string[] | null;
  rejectedFields: string[] | null;
  assigned: { idbdt?: string | null; members?: Record<string, string> } | null;
}

export interface Proposal {
  id: string;
  type: ProposalType;
  idbdt: string | null;
  kodeWilayah: string;
  status: ProposalStatus;
  vervalResult: number | null;
  duplicateOf: string | null;
  mergeInto: string | null;
  visitedAt: string | null;
  musdesAt: string | null;
  note: string | null;
  operator: string | null;
  importId: string;
  fileName: string | null;
  errors: Issue[];
  warnings: Issue[];
  conflict: boolean;
  conflictChanges: { fields: string[]; members: string[] } | null;
  /** The parts of a partial approval ('household.<field>', 'members[<i>]', 'verval'). */
  changePaths?: string[];
  decision: ProposalDecision | null;
  /** Ids of other waiting proposals for the same household. */
  pendingOthers: string[];
}

export interface FieldChange {
  field: string;
  current: unknown;
  proposed: unknown;
}

export interface MemberChange {
  /** Index in the proposal's `members` (the `members[<i>]` of paths and acceptedFields). */
  index: number;
  op: 'update' | 'add';
  idartbdt: string | null;
  tempId: string | null;
  nama: string | null;
  fields: FieldChange[];
}

export interface ProposalDetail {
  proposal: Proposal;
  current: { household: Record<string, unknown>; members: Record<string, unknown>[] } | null;
  changes: { household: FieldChange[]; members: MemberChange[] };
}

export type DecisionKind = 'APPROVE' | 'REJECT' | 'PARTIAL' | 'RETURN';

export interface DecisionInput {
  decision: DecisionKind;
  reason?: string;
  /** PARTIAL: the accepted paths ("household.lantai", "members[0]"). */
  acceptedFields?: string[];
  /** Approving a conflict: the reviewer confirmed it. */
  confirmConflict?: boolean;
}

export interface BulkDecisionInput {
  filter: ProposalFilterQuery;
  decision: 'APPROVE' | 'REJECT';
  reason?: string;
  dryRun?: boolean;
}

export interface BulkDecisionResult {
  matched: number;
  conflicts: number;
  decided: number;
}

/** The query-string values of a proposal query (booleans as 'true'/'false'). */
function queryValues(q: ProposalFilterQuery & { page?: number; pageSize?: number }): Record<string, string | number | undefined> {
  return {
    tab: q.tab,
    kecamatan: q.kecamatan,
    desa: q.desa,
    importId: q.importId,
    operator: q.operator,
    result: q.result,
    status: q.status,
    conflict: q.conflict === undefined ? undefined : String(q.conflict),
    warning: q.warning === undefined ? undefined : String(q.warning),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export const proposalsApi = {
  list(query: ProposalQuery, signal?: AbortSignal): Promise<ProposalPage> {
    return request<ProposalPage>('GET', `/api/v1/proposals${queryString(queryValues(query))}`, { signal });
  },

  get(id: string, signal?: AbortSignal): Promise<ProposalDetail> {
    return request<ProposalDetail>('GET', `/api/v1/proposals/${encodeURIComponent(id)}`, { signal });
  },

  /**
   * One decision; 409 PROPOSAL_CONFLICT_UNCONFIRMED / PROPOSAL_NOT_PENDING / PROPOSAL_NOW_INVALID
   * (details.errors) come back as ApiError.
   */
  decide(id: string, input: DecisionInput): Promise<ProposalDetail> {
    return request<ProposalDetail>('POST', `/api/v1/proposals/${encodeURIComponent(id)}/decision`, { body: input });
  },

  /** A decision over every waiting proposal of a filter; `dryRun` only counts. */
  bulk(input: BulkDecisionInput): Promise<BulkDecisionResult> {
    return request<BulkDecisionResult>('POST', '/api/v1/proposals/decisions', { body: input });
  },
};
