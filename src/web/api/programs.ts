// Client calls of Verifikasi & Validasi BSP (F10) and PBI (F11): the KPM and PBI lists, quota use,
// their xlsx/csv exports, the waiting lists, and the programme proposals (online proposals, review,
// decisions). JSON calls go through request() of client.ts; exports through fetchAndSave().
import type { DataFormat, Page, Wire } from '../../shared/api/common.ts';
import type * as proposals from '../../shared/api/programme-proposals.ts';
import type * as lists from '../../shared/api/programs.ts';
import type { ProgrammeModule } from '../../shared/api/programme-proposals.ts';
import { queryString, request } from './client.ts';
import { fetchAndSave } from './finalisasi.ts';

export { KPM_PROGRAMS, MEMBERSHIP_STATUSES } from '../../shared/api/programs.ts';
export type { KpmProgram, RemovalReason } from '../../shared/api/programme-line.ts';
export {
  BSP_PROPOSAL_TYPES,
  PBI_PROPOSAL_TYPES,
  PROGRAMME_PROPOSAL_TYPES,
  PROPOSAL_ORIGINS,
  REMOVAL_REASONS,
  type ProgrammeModule,
  type ProgrammeProposalType,
} from '../../shared/api/programme-proposals.ts';

export type KpmItem = Wire<typeof lists.KpmItemSchema>;
export type PbiItem = Wire<typeof lists.PbiItemSchema>;
export type KpmQuery = Wire<typeof lists.KpmListQuerySchema>;
export type PbiQuery = Wire<typeof lists.PbiListQuerySchema>;
export type QuotaUse = Wire<typeof lists.QuotaUseSchema>;
export type KpmWaitingItem = Wire<typeof proposals.KpmWaitingItemSchema>;
export type PbiWaitingItem = Wire<typeof proposals.PbiWaitingItemSchema>;
export type KpmWaitingQuery = Wire<typeof proposals.KpmWaitingListQuerySchema>;
export type PbiWaitingQuery = Wire<typeof proposals.PbiWaitingListQuerySchema>;
export type ProgrammeProposal = Wire<typeof proposals.ProgrammeProposalItemSchema>;
export type ProgrammeProposalPage = Wire<typeof proposals.ProgrammeProposalPageSchema>;
export type ProgrammeProposalView = Wire<typeof proposals.ProgrammeProposalViewSchema>;
export type ProgrammeDecision = Wire<typeof proposals.ProgrammeDecisionBodySchema>;
export type ProgrammeBulkResult = Wire<typeof proposals.ProgrammeBulkResultSchema>;
/** The review list query of either module (BSP adds `program`, its types are BSP_*). */
export type ProgrammeProposalQuery = Wire<typeof proposals.KpmProposalListQuerySchema> | Wire<typeof proposals.PbiProposalListQuerySchema>;
/** The review filter without district, status and paging (what a bulk decision takes). */
export type ProgrammeProposalFilter =
  | Wire<typeof proposals.KpmBulkDecisionBodySchema>['filter']
  | Wire<typeof proposals.PbiBulkDecisionBodySchema>['filter'];
/** A bulk decision of either module: the module's filter, the decision, its reason, dry run or not. */
export type ProgrammeBulkInput = Omit<Wire<typeof proposals.KpmBulkDecisionBodySchema>, 'filter'> & { filter: ProgrammeProposalFilter };
export type KpmProposalInput = Wire<typeof proposals.KpmProposalCreateSchema>;
export type PbiProposalInput = Wire<typeof proposals.PbiProposalCreateSchema>;

export type MembershipStatus = KpmItem['status'];
export type MembershipSide = ProgrammeProposalView['subject'];

/** The list filters of both lists (the KPM list adds its programme). */
export type ListQuery = Omit<PbiQuery, 'page' | 'pageSize'> & { program?: KpmQuery['program'] };

/** Where a module's lists live: /api/v1/kpm (BSP) or /api/v1/pbi (PBI). */
export const modulePath = (module: ProgrammeModule) => (module === 'BSP' ? '/api/v1/kpm' : '/api/v1/pbi');

type Query = Readonly<Record<string, string | number | undefined | null>>;
/** A GET of the API with a query string. */
const get = <T>(path: string, query: Query, signal?: AbortSignal) => request<T>('GET', `${path}${queryString(query)}`, { signal });

export const programsApi = {
  kpm: (query: KpmQuery, signal?: AbortSignal) => get<Page<KpmItem>>('/api/v1/kpm', query, signal),
  pbi: (query: PbiQuery, signal?: AbortSignal) => get<Page<PbiItem>>('/api/v1/pbi', query, signal),
  /** Quota and use per programme of a district (the caller's own when `kab` is omitted). */
  quotas: (kab: string | undefined, signal?: AbortSignal) => get<QuotaUse>('/api/v1/quotas', { kab }, signal),
  /** KPM waiting list: eligible households, best placed first (the first is "Ganti"'s default). */
  kpmWaiting: (query: KpmWaitingQuery, signal?: AbortSignal) => get<Page<KpmWaitingItem>>('/api/v1/kpm/waiting-list', query, signal),
  /** PBI waiting list: eligible present members, best placed first. */
  pbiWaiting: (query: PbiWaitingQuery, signal?: AbortSignal) => get<Page<PbiWaitingItem>>('/api/v1/pbi/waiting-list', query, signal),
  proposals: (module: ProgrammeModule, query: ProgrammeProposalQuery, signal?: AbortSignal) =>
    get<ProgrammeProposalPage>(`${modulePath(module)}/proposals`, query, signal),
  proposal: (module: ProgrammeModule, id: string, signal?: AbortSignal) =>
    get<ProgrammeProposalView>(`${modulePath(module)}/proposals/${encodeURIComponent(id)}`, {}, signal),

  /** The list of a module under the list's filters as xlsx or csv (the download is logged by the server). */
  exportList(module: ProgrammeModule, format: DataFormat, query: ListQuery): Promise<void> {
    const name = module === 'BSP' ? `KPM_${query.program ?? 'BSP'}` : 'PBI';
    return fetchAndSave(`${modulePath(module)}/export${queryString({ ...query, format })}`, `${name}_${query.kab ?? ''}.${format}`);
  },

  /** One decision; a refused approval (quota full, no longer eligible) comes back as an ApiError naming it. */
  decide: (module: ProgrammeModule, id: string, input: ProgrammeDecision) =>
    request<ProgrammeProposalView>('POST', `${modulePath(module)}/proposals/${encodeURIComponent(id)}/decision`, { body: input }),
  /** A decision over every waiting proposal of a filter; `dryRun` only counts (`matched`). */
  bulk: (module: ProgrammeModule, input: ProgrammeBulkInput) =>
    request<ProgrammeBulkResult>('POST', `${modulePath(module)}/proposals/decisions`, { body: input }),
  /** A supervisor's online BSP proposal (Ganti, Hapus, Ubah). */
  proposeKpm: (input: KpmProposalInput) => request<ProgrammeProposal>('POST', '/api/v1/kpm/proposals', { body: input }),
  /** A supervisor's online PBI proposal (Nonaktifkan, Usulkan). */
  proposePbi: (input: PbiProposalInput) => request<ProgrammeProposal>('POST', '/api/v1/pbi/proposals', { body: input }),
};
