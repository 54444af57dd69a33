// Client calls of Usulan PKH (F11b): candidates with their components, nominations, Pusdatin's
// decisions and the export. JSON goes through request() of client.ts; the export through
// fetchAndSave() of finalisasi.ts (same headers, same errors, name from Content-Disposition).
import type { DataFormat, Page, Wire } from '../../shared/api/common.ts';
import type * as api from '../../shared/api/pkh.ts';
import { queryString, request } from './client.ts';
import { fetchAndSave } from './finalisasi.ts';

export { PKH_COMPONENTS, PKH_STATUSES, type PkhComponent, type PkhStatus } from '../../shared/api/pkh.ts';

export type PkhCandidate = Wire<typeof api.PkhCandidateSchema>;
export type PkhCandidatePage = Wire<typeof api.PkhCandidatePageSchema>;
export type PkhNomination = Wire<typeof api.PkhNominationSchema>;
export type PkhDecision = Wire<typeof api.PkhDecisionBodySchema>;
type CandidateQuery = Partial<Omit<Wire<typeof api.PkhCandidateQuerySchema>, 'unnominated'>> & { unnominated?: 'true' };
type NominationQuery = Partial<Wire<typeof api.PkhNominationQuerySchema>>;
type ExportQuery = Partial<Omit<Wire<typeof api.PkhExportQuerySchema>, 'format'>>;

export const pkhApi = {
  candidates(query: CandidateQuery, signal?: AbortSignal): Promise<PkhCandidatePage> {
    return request<PkhCandidatePage>('GET', `/api/v1/pkh/candidates${queryString(query)}`, { signal });
  },

  /** Nominates the households (all or none). */
  nominate(idbdt: readonly string[]): Promise<PkhNomination[]> {
    return request<Wire<typeof api.PkhNominatedSchema>>('POST', '/api/v1/pkh/nominations', { body: { idbdt } }).then((r) => r.items);
  },

  nominations(query: NominationQuery, signal?: AbortSignal): Promise<Page<PkhNomination>> {
    return request<Page<PkhNomination>>('GET', `/api/v1/pkh/nominations${queryString(query)}`, { signal });
  },

  decide(id: number, decision: PkhDecision): Promise<PkhNomination> {
    return request<PkhNomination>('PUT', `/api/v1/pkh/nominations/${encodeURIComponent(String(id))}/status`, { body: decision });
  },

  exportNominations(format: DataFormat, query: ExportQuery = {}): Promise<void> {
    return fetchAndSave(`/api/v1/pkh/nominations/export${queryString({ ...query, format })}`, `Usulan_PKH.${format}`);
  },
};
