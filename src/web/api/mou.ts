// Client calls of F5 (Kirim MoU & Download: the district's MoU, its releases, the offline app),
// C3 (Verifikasi MoU, Ditjen PFM) and C2 (periods, Pusdatin). JSON calls go through request() of
// client.ts; the two file downloads use fetch directly (to read the bytes with progress) but send
// the same language and CSRF headers and turn error answers into the same ApiError.
import type { Wire } from '../../shared/api/common.ts';
import type { MouQueueItemSchema, MouReviewBodySchema, MouScanSchema, MouStateSchema, MouStatusSchema } from '../../shared/api/mou.ts';
import type { OpenPeriodBodySchema, PeriodSchema } from '../../shared/api/periods.ts';
import type { ReleaseItemSchema } from '../../shared/api/releases.ts';
import { isErrorBody } from '../../shared/api/vocabulary.ts';
import { getLanguage, translate } from '../i18n/index.ts';
import { filenameFromDisposition } from '../release.ts';
import { ApiError, csrfToken, notifyUnauthorized, request } from './client.ts';

export type MouState = Wire<typeof MouStateSchema>;
/** The MoU state of a district (timestamps ISO). */
export type MouStatus = Wire<typeof MouStatusSchema>;
/** A submission waiting in the Ditjen PFM queue. */
export type MouQueueItem = Wire<typeof MouQueueItemSchema>;
export type MouScan = Wire<typeof MouScanSchema>;
export type MouReviewDecision = Wire<typeof MouReviewBodySchema>['decision'];
/** A release downloaded for the district. */
export type ReleaseItem = Wire<typeof ReleaseItemSchema>;
export type ReleaseCounts = ReleaseItem['counts'];
/** A verval period (dates 'YYYY-MM-DD', timestamps ISO). */
export type Period = Wire<typeof PeriodSchema>;
export type PeriodStatus = Period['status'];
export type OpenPeriodInput = Wire<typeof OpenPeriodBodySchema>;

/** The address of one scan of a submission (an <img src>; the session cookie authenticates it). */
export function mouScanUrl(id: number, scan: MouScan): string {
  return `/api/v1/mou/${encodeURIComponent(String(id))}/${scan}`;
}

/** Progress of a download: bytes received and, when the server said, the total. */
export interface DownloadProgress {
  phase: 'waiting' | 'receiving';
  received: number;
  total: number | null;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/**
 * Downloads a file from the API into memory, reporting progress: the same headers as request()
 * (language, CSRF on POST), the same ApiError on an error answer, the name from
 * Content-Disposition (or `fallbackName`).
 */
export async function downloadFile(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void; fallbackName: string },
): Promise<DownloadedFile> {
  const headers: Record<string, string> = {
    Accept: 'application/octet-stream, application/zip, application/json',
    'Accept-Language': getLanguage(),
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const csrf = method === 'POST' ? csrfToken() : undefined;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  options.onProgress?.({ phase: 'waiting', received: 0, total: null });
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  if (!res.ok) {
    let data: unknown;
    try {
      data = JSON.parse(await res.text());
    } catch {
      data = undefined;
    }
    if (res.status === 401) notifyUnauthorized();
    if (isErrorBody(data)) throw new ApiError(res.status, data.code, data.message, data.details);
    throw new ApiError(res.status, `HTTP_${res.status}`, translate('error.generic'));
  }
  const declared = Number(res.headers.get('content-length'));
  const total = Number.isFinite(declared) && declared > 0 ? declared : null;
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const filename = filenameFromDisposition(res.headers.get('content-disposition')) ?? options.fallbackName;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  try {
    if (!res.body) {
      const buf = new Uint8Array(await res.arrayBuffer());
      chunks.push(buf);
      received = buf.byteLength;
    } else {
      const reader = res.body.getReader();
      options.onProgress?.({ phase: 'receiving', received, total });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        options.onProgress?.({ phase: 'receiving', received, total });
      }
    }
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  if (total !== null && received !== total) throw new ApiError(0, 'NETWORK', translate('error.network'));
  return { blob: new Blob(chunks, { type }), filename };
}

/** Offers a downloaded file to the user (an object URL clicked through a temporary <a download>). */
export function saveFile(file: DownloadedFile): string {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return url; // the caller revokes it when the page no longer offers it
}

export const mouApi = {
  /** The MoU state of the supervisor's own district. */
  status(signal?: AbortSignal): Promise<MouStatus> {
    return request<MouStatus>('GET', '/api/v1/mou', { signal });
  },

  /** Uploads both scans at once. */
  upload(mou: File, permohonan: File): Promise<MouStatus> {
    const form = new FormData();
    form.append('mou', mou, mou.name);
    form.append('permohonan', permohonan, permohonan.name);
    return request<MouStatus>('POST', '/api/v1/mou', { form });
  },

  /** The PFM review queue, oldest first. */
  queue(signal?: AbortSignal): Promise<MouQueueItem[]> {
    return request<{ items: MouQueueItem[] }>('GET', '/api/v1/mou/queue', { signal }).then((r) => r.items);
  },

  submission(id: number, signal?: AbortSignal): Promise<MouStatus> {
    return request<MouStatus>('GET', `/api/v1/mou/${encodeURIComponent(String(id))}`, { signal });
  },

  review(id: number, decision: MouReviewDecision, message?: string): Promise<MouStatus> {
    return request<MouStatus>('POST', `/api/v1/mou/${encodeURIComponent(String(id))}/review`, {
      body: message === undefined ? { decision } : { decision, message },
    });
  },
};

export const releasesApi = {
  /** Releases downloaded for the supervisor's district, newest first. */
  list(signal?: AbortSignal): Promise<ReleaseItem[]> {
    return request<{ items: ReleaseItem[] }>('GET', '/api/v1/releases', { signal }).then((r) => r.items);
  },

  /** Builds and downloads the district's release sealed with `passphrase` (logged by the server). */
  download(
    passphrase: string,
    options: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void } = {},
  ): Promise<DownloadedFile> {
    return downloadFile('POST', '/api/v1/releases', { ...options, body: { passphrase }, fallbackName: 'BDT.siksdb' });
  },

  /** The offline application as a ZIP. */
  offlineApp(options: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void } = {}): Promise<DownloadedFile> {
    return downloadFile('GET', '/api/v1/offline-app', { ...options, fallbackName: 'siks-offline.zip' });
  },
};

export const periodsApi = {
  /** Every period, newest first. */
  list(signal?: AbortSignal): Promise<Period[]> {
    return request<{ items: Period[] }>('GET', '/api/v1/periods', { signal }).then((r) => r.items);
  },

  open(input: OpenPeriodInput): Promise<Period> {
    return request<Period>('POST', '/api/v1/periods', { body: input });
  },

  close(code: string): Promise<void> {
    return request<{ ok: true }>('POST', `/api/v1/periods/${encodeURIComponent(code)}/close`).then(() => undefined);
  },
};
