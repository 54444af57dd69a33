// Client calls of Pemindahan Rumah Tangga (F12): moves within the district, hand-overs (release,
// accept, decline, cancel), the lists in/out/pending and their export (fetchAndSave of finalisasi.ts).
import type { DataFormat, Page, Wire } from '../../shared/api/common.ts';
import type * as api from '../../shared/api/relocations.ts';
import { queryString, request } from './client.ts';
import { fetchAndSave } from './finalisasi.ts';

export { RELOCATION_DIRECTIONS, type RelocationDirection, type RelocationStatus } from '../../shared/api/relocations.ts';

export type Relocation = Wire<typeof api.RelocationSchema>;
type ListQuery = Partial<Wire<typeof api.RelocationListQuerySchema>>;
type ExportQuery = Partial<Omit<Wire<typeof api.RelocationExportQuerySchema>, 'format'>>;

const one = (id: number, step: string) => `/api/v1/relocations/${encodeURIComponent(String(id))}/${step}`;

export const relocationsApi = {
  /** Every province and district (where a household may be handed over to). */
  destinations(signal?: AbortSignal): Promise<Wire<typeof api.RelocationDestinationsSchema>['items']> {
    return request<Wire<typeof api.RelocationDestinationsSchema>>('GET', '/api/v1/relocations/destinations', { signal }).then(
      (r) => r.items,
    );
  },

  list(query: ListQuery, signal?: AbortSignal): Promise<Page<Relocation>> {
    return request<Page<Relocation>>('GET', `/api/v1/relocations${queryString(query)}`, { signal });
  },

  /** Moves a household of the district to another desa of it. */
  move(body: Wire<typeof api.RelocationMoveBodySchema>): Promise<Relocation> {
    return request<Relocation>('POST', '/api/v1/relocations', { body });
  },

  /** Releases a household to another district (it waits there to be accepted). */
  release(body: Wire<typeof api.RelocationReleaseBodySchema>): Promise<Relocation> {
    return request<Relocation>('POST', '/api/v1/relocations/handovers', { body });
  },

  accept(id: number, desa: string): Promise<Relocation> {
    return request<Relocation>('POST', one(id, 'accept'), { body: { desa } });
  },

  decline(id: number, reason: string): Promise<Relocation> {
    return request<Relocation>('POST', one(id, 'decline'), { body: { reason } });
  },

  cancel(id: number, reason?: string): Promise<Relocation> {
    return request<Relocation>('POST', one(id, 'cancel'), { body: reason ? { reason } : {} });
  },

  export(format: DataFormat, query: ExportQuery = {}): Promise<void> {
    return fetchAndSave(`/api/v1/relocations/export${queryString({ ...query, format })}`, `Pemindahan.${format}`);
  },
};
