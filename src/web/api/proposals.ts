// Client calls of Import Data (F6) and Verifikasi Usulan (F7). JSON calls go through request() of
// client.ts; the package upload uses XMLHttpRequest (fetch reports no upload progress) with the
// same language and CSRF headers and the same ApiError; the feedback file is downloaded with
// downloadFile() of mou.ts.
import type { Issue, Page, ProposalType, Wire } from '../../shared/api/common.ts';
import type * as packages from '../../shared/api/packages.ts';
import type * as proposals from '../../shared/api/proposals.ts';
import { isErrorBody } from '../../shared/api/vocabulary.ts';
import { getLanguage, translate } from '../i18n/index.ts';
import { ApiError, csrfToken, notifyUnauthorized, queryString, request } from './client.ts';
import { downloadFile, saveFile } from './mou.ts';

// ---- Imports (F6) ----

export type ImportStatus = Wire<typeof packages.ImportStatusSchema>;
/** Counts of a finished import (siks-format.md section 4.4). */
export type ImportCounts = Wire<typeof packages.ImportCountsSchema>;
/** One import (an uploaded .siks file and its background job); timestamps ISO. */
export type ImportItem = Wire<typeof packages.ImportSchema>;
/** A validation finding with its path (siks-format.md section 3.4). */
export type { Issue };
/** A proposal of an import that failed validation. */
export type FailedProposal = Wire<typeof packages.FailedProposalSchema>;
export type ImportDetail = Wire<typeof packages.ImportDetailSchema>;

/** Whether an import's job is still to finish (its page polls it). */
export function isImportActive(status: ImportStatus): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

export interface UploadProgress {
  loaded: number;
  total: number;
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

export type { ProposalType };
export { PROPOSAL_STATUSES, type ProposalStatus } from '../../shared/api/vocabulary.ts';
export type ProposalListItem = Wire<typeof proposals.ProposalListItemSchema>;
/** Counts for the same filter without the status filter. */
export type ProposalCounts = Wire<typeof proposals.ProposalCountsSchema>;
export type ProposalPage = Wire<typeof proposals.ProposalPageSchema>;
export type ProposalQuery = Wire<typeof proposals.ProposalListQuerySchema>;
/** The list filter as the API takes it (the bulk decision takes it without status, page and pageSize). */
export type ProposalFilterQuery = Omit<ProposalQuery, 'page' | 'pageSize'>;
export type ProposalDecision = Wire<typeof proposals.ProposalDecisionSchema>;
export type Proposal = Wire<typeof proposals.ProposalSchema>;
export type FieldChange = Wire<typeof proposals.FieldChangeSchema>;
export type MemberChange = Wire<typeof proposals.MemberChangeSchema>;
export type ProposalDetail = Wire<typeof proposals.ProposalViewSchema>;
export type DecisionKind = Wire<typeof proposals.DecisionKindSchema>;
export type DecisionInput = Wire<typeof proposals.DecisionBodySchema>;
export type BulkDecisionInput = Wire<typeof proposals.BulkDecisionBodySchema>;
export type BulkDecisionResult = Wire<typeof proposals.BulkDecisionResultSchema>;

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
   * / PROPOSAL_NEW_WARNING (both with details.errors) come back as ApiError.
   */
  decide(id: string, input: DecisionInput): Promise<ProposalDetail> {
    return request<ProposalDetail>('POST', `/api/v1/proposals/${encodeURIComponent(id)}/decision`, { body: input });
  },

  /** A decision over every waiting proposal of a filter; `dryRun` only counts. */
  bulk(input: BulkDecisionInput): Promise<BulkDecisionResult> {
    return request<BulkDecisionResult>('POST', '/api/v1/proposals/decisions', { body: input });
  },
};
