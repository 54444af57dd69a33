// Client calls of the baseline load (C2, Pusdatin): upload (multipart; the answer comes when the rows
// are read and checked), the district's loads (polled for progress, also after a page reload), the
// error report download, confirm and discard.
import type { BaselineLoadSchema, BaselineConfirmBodySchema } from '../../shared/api/baseline.ts';
import type { Wire } from '../../shared/api/common.ts';
import { queryString, request } from './client.ts';
import { fetchAndSave } from './finalisasi.ts';

export type BaselineLoad = Wire<typeof BaselineLoadSchema>;
export type BaselineConfirm = Wire<typeof BaselineConfirmBodySchema>;

/** Whether a load is still being read or checked (its page polls it). */
export function isBaselineActive(l: Pick<BaselineLoad, 'status'>): boolean {
  return l.status === 'CHECKING';
}

export const baselineApi = {
  list(kab: string, signal?: AbortSignal): Promise<BaselineLoad[]> {
    return request<{ items: BaselineLoad[] }>('GET', `/api/v1/baseline${queryString({ kab })}`, { signal }).then((r) => r.items);
  },
  upload(kab: string, period: string, files: readonly File[]): Promise<BaselineLoad> {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return request<BaselineLoad>('POST', `/api/v1/baseline${queryString({ kab, period })}`, { form });
  },
  confirm(id: string, body: BaselineConfirm): Promise<BaselineLoad> {
    return request<BaselineLoad>('POST', `/api/v1/baseline/${encodeURIComponent(id)}/confirm`, { body });
  },
  discard(id: string): Promise<void> {
    return request<void>('DELETE', `/api/v1/baseline/${encodeURIComponent(id)}`);
  },
  downloadErrors(l: Pick<BaselineLoad, 'id' | 'kab' | 'period'>): Promise<void> {
    return fetchAndSave(`/api/v1/baseline/${encodeURIComponent(l.id)}/errors.csv`, `kesalahan-data-awal-${l.kab}-${l.period}.csv`);
  },
};
