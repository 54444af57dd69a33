// The View Data Kesos filter state, kept in the URL query string so that a list can be shared and
// survives a reload. Parsing is strict: a tampered or stale value is dropped, never sent on.
import { HOUSEHOLD_PROGRAM_FILTERS } from '../shared/api/households.ts';
import { searchDigits } from '../shared/codes.ts';
import type { HouseholdQuery, HouseholdStatus, RegionRef } from './api/client.ts';

export { HOUSEHOLD_PROGRAM_FILTERS };
/** A programme the list filters by (F13): BPNT, RASTRA, PBI or PKH. */
export type HouseholdProgramFilter = (typeof HOUSEHOLD_PROGRAM_FILTERS)[number];

export const PAGE_SIZE = 25;

export interface ListFilter {
  q: string;
  /** Province and district: the region filter of national and province users. */
  provinsi: string;
  kab: string;
  kecamatan: string;
  desa: string;
  status: HouseholdStatus | '';
  desil: number | null;
  program: HouseholdProgramFilter | '';
  page: number;
}

export const EMPTY_FILTER: ListFilter = {
  q: '',
  provinsi: '',
  kab: '',
  kecamatan: '',
  desa: '',
  status: '',
  desil: null,
  program: '',
  page: 1,
};

const MAX_Q = 100;

/** Reads the filter from a query string ('?q=…&page=2'). */
export function parseFilter(search: string): ListFilter {
  const sp = new URLSearchParams(search);
  const q = (sp.get('q') ?? '').slice(0, MAX_Q);
  const provinsi = /^\d{2}$/.test(sp.get('provinsi') ?? '') ? sp.get('provinsi')! : '';
  const kabRaw = sp.get('kab') ?? '';
  const kab = /^\d{4}$/.test(kabRaw) && kabRaw.startsWith(provinsi) ? kabRaw : '';
  const kecRaw = sp.get('kecamatan') ?? '';
  const kecamatan = /^\d{6}$/.test(kecRaw) && kecRaw.startsWith(kab || provinsi) ? kecRaw : '';
  const desaRaw = sp.get('desa') ?? '';
  const desa = /^\d{10}$/.test(desaRaw) && desaRaw.startsWith(kecamatan || kab || provinsi) ? desaRaw : '';
  const statusRaw = sp.get('status');
  const status: ListFilter['status'] = statusRaw === 'AKTIF' || statusRaw === 'NONAKTIF' ? statusRaw : '';
  const desilRaw = sp.get('desil') ?? '';
  const desilN = /^\d{1,2}$/.test(desilRaw) ? Number(desilRaw) : NaN;
  const desil = desilN >= 1 && desilN <= 10 ? desilN : null;
  const programRaw = sp.get('program') ?? '';
  const program = (HOUSEHOLD_PROGRAM_FILTERS as readonly string[]).includes(programRaw) ? (programRaw as HouseholdProgramFilter) : '';
  const pageRaw = sp.get('page') ?? '';
  const pageN = /^\d{1,7}$/.test(pageRaw) ? Number(pageRaw) : 1;
  return { q, provinsi, kab, kecamatan, desa, status, desil, program, page: Math.max(pageN, 1) };
}

/** Writes the filter as a query string, leaving out defaults: '' for the empty filter. */
export function serializeFilter(f: ListFilter): string {
  const sp = new URLSearchParams();
  if (f.q !== '') sp.set('q', f.q);
  if (f.provinsi) sp.set('provinsi', f.provinsi);
  if (f.kab) sp.set('kab', f.kab);
  if (f.kecamatan) sp.set('kecamatan', f.kecamatan);
  if (f.desa) sp.set('desa', f.desa);
  if (f.status) sp.set('status', f.status);
  if (f.desil !== null) sp.set('desil', String(f.desil));
  if (f.program) sp.set('program', f.program);
  if (f.page > 1) sp.set('page', String(f.page));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** The length of an IDBDT, a NIK and a No KK: a number search must have exactly this many digits. */
export const SEARCH_DIGITS = 16;

/**
 * What is wrong with a search before it is sent: a number (IDBDT, NIK or No KK, typed or pasted
 * with dots or spaces) of another length than 16 digits matches nothing, so the page says why
 * instead of "no household"; null for a name or a well-formed number.
 */
export function searchProblem(q: string): { digits: number } | null {
  const digits = searchDigits(q);
  return digits !== null && digits.length !== SEARCH_DIGITS ? { digits: digits.length } : null;
}

/** The API query of a filter; a number written with dots or spaces ('31.74.01.1001.000123') is sent as its digits. */
export function toHouseholdQuery(f: ListFilter, pageSize = PAGE_SIZE): HouseholdQuery {
  const query: HouseholdQuery = { page: f.page, pageSize };
  const q = f.q.trim();
  if (q) query.q = searchDigits(q) ?? q;
  if (f.provinsi) query.provinsi = f.provinsi;
  if (f.kab) query.kab = f.kab;
  if (f.kecamatan) query.kecamatan = f.kecamatan;
  if (f.desa) query.desa = f.desa;
  if (f.status) query.status = f.status;
  if (f.desil !== null) query.desil = f.desil;
  if (f.program) query.program = f.program;
  return query;
}

/** Number of pages for a total (at least 1). */
export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** 1-based positions of the first and last row of a page ({from: 0, to: 0} when there are none). */
export function pageRange(page: number, pageSize: number, total: number): { from: number; to: number } {
  if (total <= 0) return { from: 0, to: 0 };
  const from = (page - 1) * pageSize + 1;
  if (from > total) return { from: 0, to: 0 };
  return { from, to: Math.min(page * pageSize, total) };
}

/**
 * Which region selects the list shows for a user's scope:
 * - one kabupaten/kota (supervisor): a kecamatan select (children of the district), then desa;
 * - one kecamatan (operator): a desa select (children of the kecamatan);
 * - a list of desa (operator): a desa select with exactly those;
 * - national scope: province, district, kecamatan and desa selects;
 * - one province: district, kecamatan and desa selects;
 * - a mixed list: no region select (the search still works).
 */
export type RegionFilterPlan =
  | { kind: 'national' }
  | { kind: 'province'; provinceCode: string }
  | { kind: 'kecamatan'; districtCode: string }
  | { kind: 'desaOfKecamatan'; kecamatanCode: string }
  | { kind: 'desaList'; desa: RegionRef[] }
  | { kind: 'none' };

export function regionFilterPlan(regions: readonly RegionRef[]): RegionFilterPlan {
  const [only] = regions;
  if (regions.length === 0) return { kind: 'national' };
  if (regions.length === 1 && only?.level === 'provinsi') return { kind: 'province', provinceCode: only.code };
  if (regions.length === 1 && only) {
    if (only.level === 'kabkota') return { kind: 'kecamatan', districtCode: only.code };
    if (only.level === 'kecamatan') return { kind: 'desaOfKecamatan', kecamatanCode: only.code };
  }
  if (regions.length > 0 && regions.every((r) => r.level === 'desa')) {
    return { kind: 'desaList', desa: [...regions].sort((a, b) => a.code.localeCompare(b.code)) };
  }
  return { kind: 'none' };
}

// The last list URL, so that "Kembali ke daftar" on a household page returns to the same page
// and filters. Kept for the life of the page (a reload starts from the plain list).
let lastListSearch = '';

export function rememberListSearch(search: string): void {
  lastListSearch = search;
}

/** The list URL to go back to. */
export function listHref(): string {
  return `/data-kesos${lastListSearch}`;
}
