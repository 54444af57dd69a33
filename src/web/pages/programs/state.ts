// The state of a Verifikasi & Validasi BSP/PBI page, kept in the address so that a link, a reload
// or Back shows the same tab, filters and page. Parsing is strict: a tampered value is dropped.
import {
  PROGRAMME_PROPOSAL_TYPES,
  PROPOSAL_ORIGINS,
  type KpmProgram,
  type ListQuery,
  type MembershipStatus,
  type ProgrammeModule,
} from '../../api/programs.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../api/proposals.ts';

export type ProgramTab = 'list' | 'waiting' | 'proposals';
export const PROGRAM_TABS: readonly ProgramTab[] = ['list', 'waiting', 'proposals'];
export const PROGRAM_PAGE_SIZE = 25;

/** The address of each module's page. */
export const MODULE_PATHS: Record<ProgrammeModule, string> = { BSP: '/verifikasi-bsp', PBI: '/verifikasi-pbi' };

export interface ProgramState {
  tab: ProgramTab;
  /** BSP only: the KPM list shown (BPNT or RASTRA). */
  program: KpmProgram;
  /** The district of a user who sees several (province, national); '' for a supervisor or none chosen. */
  kab: string;
  kecamatan: string;
  desa: string;
  /** List: AKTIF/NONAKTIF; proposals: a proposal status. Cleared when the tab changes. */
  status: MembershipStatus | ProposalStatus | '';
  persentilMin: number | null;
  persentilMax: number | null;
  /** Proposals: the proposal type (BSP_GANTI, …) and origin (PACKAGE, ONLINE). */
  type: (typeof PROGRAMME_PROPOSAL_TYPES)[number] | '';
  origin: (typeof PROPOSAL_ORIGINS)[number] | '';
  page: number;
}

export const EMPTY_STATE: ProgramState = {
  tab: 'list',
  program: 'BPNT',
  kab: '',
  kecamatan: '',
  desa: '',
  status: '',
  persentilMin: null,
  persentilMax: null,
  type: '',
  origin: '',
  page: 1,
};

function persentil(v: string | null): number | null {
  const n = /^\d{1,3}$/.test(v ?? '') ? Number(v) : Number.NaN;
  return n >= 1 && n <= 100 ? n : null;
}

/** Reads the state from a query string. */
export function parseProgramState(search: string): ProgramState {
  const sp = new URLSearchParams(search);
  const get = (k: string) => sp.get(k) ?? '';
  const tab = PROGRAM_TABS.find((x) => x === get('tab')) ?? 'list';
  const kecamatan = /^\d{6}$/.test(get('kecamatan')) ? get('kecamatan') : '';
  const desa = /^\d{10}$/.test(get('desa')) && (kecamatan === '' || get('desa').startsWith(kecamatan)) ? get('desa') : '';
  const status = get('status');
  const listStatus = status === 'AKTIF' || status === 'NONAKTIF' ? status : '';
  const page = /^\d{1,6}$/.test(get('page')) ? Math.max(Number(get('page')), 1) : 1;
  return {
    tab,
    program: get('program') === 'RASTRA' ? 'RASTRA' : 'BPNT',
    kab: /^\d{4}$/.test(get('kab')) ? get('kab') : '',
    kecamatan,
    desa,
    status: tab === 'list' ? listStatus : tab === 'proposals' ? (PROPOSAL_STATUSES.find((x) => x === status) ?? '') : '',
    persentilMin: persentil(sp.get('pmin')),
    persentilMax: persentil(sp.get('pmax')),
    type: PROGRAMME_PROPOSAL_TYPES.find((x) => x === get('type')) ?? '',
    origin: PROPOSAL_ORIGINS.find((x) => x === get('origin')) ?? '',
    page,
  };
}

/** The address of a module's page in this state (defaults left out). */
export function programHref(module: ProgrammeModule, s: ProgramState): string {
  const sp = new URLSearchParams();
  const set = (k: string, v: string | number | null) => {
    if (v !== null && v !== '') sp.set(k, String(v));
  };
  if (s.tab !== 'list') set('tab', s.tab);
  if (module === 'BSP' && s.program !== 'BPNT') set('program', s.program);
  set('kab', s.kab);
  set('kecamatan', s.kecamatan);
  set('desa', s.desa);
  set('status', s.status);
  set('pmin', s.persentilMin);
  set('pmax', s.persentilMax);
  if (s.tab === 'proposals') {
    set('type', s.type);
    set('origin', s.origin);
  }
  if (s.page > 1) set('page', s.page);
  const q = sp.toString();
  return `${MODULE_PATHS[module]}${q ? `?${q}` : ''}`;
}

/** The list filters of the state as the list, its export and the waiting list take them. */
export function listQuery(module: ProgrammeModule, s: ProgramState, ownKab: string | null): ListQuery {
  return {
    ...(module === 'BSP' ? { program: s.program } : {}),
    kab: ownKab ? undefined : s.kab || undefined,
    kecamatan: s.kecamatan || undefined,
    desa: s.desa || undefined,
    status: s.status === 'AKTIF' || s.status === 'NONAKTIF' ? s.status : undefined,
    persentilMin: s.persentilMin ?? undefined,
    persentilMax: s.persentilMax ?? undefined,
  };
}

/** Whether any filter (not the tab, programme or district) is set. */
export function hasListFilter(s: ProgramState): boolean {
  return !!(s.kecamatan || s.desa || s.status || s.persentilMin !== null || s.persentilMax !== null || s.type || s.origin);
}
