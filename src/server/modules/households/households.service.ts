import { seesMaskedPersonalData } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { initials, lastFour, maskFieldValue, maskRecord } from '../../platform/masking.ts';
import { assertCan } from '../../platform/policy.ts';
import { householdsInScope } from '../../platform/scope.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { now } from '../../platform/clock.ts';
import { districtOf, inScope, logRegionOf, regionInScope, type Actor } from '../access/index.ts';
import { type Column, type ExportQuery, filterTexts, loggedExport, maskedRows, type StreamedDownload } from '../finalisations/index.ts';
import { figuresByArea } from '../figures/index.ts';
import { householdProgrammes } from '../programs/index.ts';
import { findRegion } from '../regions/index.ts';
import { countPersonalSearch } from './households.limit.ts';
import * as q from './households.queries.ts';

export interface ListHouseholdsInput {
  provinsi?: string;
  kab?: string;
  kecamatan?: string;
  desa?: string;
  q?: string;
  status?: 'AKTIF' | 'NONAKTIF';
  desil?: number;
  program?: 'BPNT' | 'RASTRA' | 'PBI' | 'PKH';
  page: number;
  pageSize: number;
}

/** A NIK or No KK masked as every masked role sees it: `************0001` (platform/masking.ts). */
export function maskNumber(v: string | null): string | null {
  return lastFour(v);
}

/** A name masked as every masked role sees it: initials only (platform/masking.ts). */
export function maskName(v: string | null): string | null {
  return initials(v);
}

function requireRead(actor: Actor) {
  assertCan(actor, 'registry:read');
}

/** Lists households in the actor's scope, server-paged (View Data Kesos, F13). */
export async function listHouseholds(ctx: AppContext, actor: Actor, input: ListHouseholdsInput) {
  const { db } = ctx.database;
  const filter = await checkedFilter(ctx, actor, input);
  const masked = seesMaskedPersonalData(actor.role);
  // Masked roles make no personal search (guardSearch), so which member matched is for the others only.
  const { items, ...counted } = await q.listPage(db, filter, input.page, input.pageSize, { matchedMembers: !masked });
  return {
    items: masked ? items.map((i) => maskRecord(i, i.nama_desa)) : items,
    total: counted.total,
    totalApproximate: counted.approximate,
    page: input.page,
    pageSize: input.pageSize,
  };
}

// The list's filter for the actor: registry:read, its scope, a region filter that meets the scope
// (404 otherwise, like a missing region), and a personal search checked and counted.
async function checkedFilter(
  ctx: AppContext,
  actor: Actor,
  input: Omit<ListHouseholdsInput, 'page' | 'pageSize'>,
): Promise<q.HouseholdFilter> {
  requireRead(actor);
  const { provinsi, kab, ...rest } = input;
  const region = kab ?? provinsi;
  if (region && !regionInScope(actor, region) && !actor.regions.some((r) => r.startsWith(region))) throw notFound();
  // The one district of the list, if it has one: the narrowest code given, else the actor's.
  const narrowest = input.desa ?? input.kecamatan ?? (region && region.length >= 4 ? region : undefined);
  const district = narrowest?.slice(0, 4) ?? districtOf(actor);
  const filter: q.HouseholdFilter = { scope: householdsInScope(actor), region, kab: district, ...rest };
  const text = input.q?.trim();
  if (text) await guardSearch(ctx, actor, filter.scope, text);
  return filter;
}

const EXPORT_COLUMNS: readonly Column<q.HouseholdListItem>[] = [
  { header: 'IDBDT', value: (r) => r.idbdt, width: 18 },
  { header: 'Kode Wilayah', value: (r) => r.kode_wilayah, width: 13 },
  { header: 'Kecamatan', value: (r) => r.nama_kecamatan, width: 22 },
  { header: 'Desa/Kelurahan', value: (r) => r.nama_desa, width: 22 },
  { header: 'Nama Kepala Rumah Tangga', value: (r) => r.nama_krt, width: 26 },
  { header: 'Alamat', value: (r) => r.alamat, width: 30 },
  { header: 'Jumlah ART', value: (r) => r.jumlah_art },
  { header: 'Persentil', value: (r) => r.persentil },
  { header: 'Desil', value: (r) => (r.persentil === null ? null : Math.ceil(r.persentil / 10)) },
  { header: 'Status', value: (r) => r.status },
];

/**
 * The household list of the filter (View Data Kesos, F13) as xlsx or csv: every household in scope
 * (all statuses unless filtered), streamed a page at a time; masked like the list; logged with the
 * filter and the row count before anything is sent.
 */
export async function exportHouseholds(ctx: AppContext, actor: Actor, query: ExportQuery<ListHouseholdsInput>): Promise<StreamedDownload> {
  const { format, ...input } = query;
  const { db } = ctx.database;
  const filter = await checkedFilter(ctx, actor, input);
  const masked = seesMaskedPersonalData(actor.role);
  const where = input.desa ?? input.kecamatan ?? input.kab ?? input.provinsi ?? districtOf(actor) ?? 'semua';
  return loggedExport(ctx, actor, {
    format,
    action: 'EXPORT_HOUSEHOLDS',
    name: { id: 'daftar rumah tangga', en: 'household list' },
    // The searched text is personal data (a name, a NIK): the log says only that there was one.
    filter: filterTexts({ ...input, q: undefined, search: input.q?.trim() ? '…' : undefined }),
    rows: await q.countHouseholds(db, filter),
    subject: 'list:households',
    regionCode: logRegionOf(actor),
    details: { masked, filter: { ...input, q: input.q?.trim() ? true : undefined } },
    fileName: `Data_Kesos_${where}_${districtDate(districtOf(actor) ?? null, now())}`,
    table: { name: 'Data Kesos', columns: EXPORT_COLUMNS, rows: maskedRows(q.streamHouseholds(db, filter), masked) },
  });
}

/** One household in scope with its members, history and programme memberships; "not found" outside the scope. */
export async function getHousehold(ctx: AppContext, actor: Actor, idbdt: string) {
  requireRead(actor);
  const { db } = ctx.database;
  const household = await q.findHousehold(db, householdsInScope(actor), idbdt);
  if (!household) throw notFound();
  const masked = seesMaskedPersonalData(actor.role);
  const kab = household.kab_kota;
  const [members, history, programs] = await Promise.all([
    q.listMembers(db, kab, idbdt),
    q.listHistory(db, kab, idbdt, 500),
    householdProgrammes(db, kab, idbdt, masked),
  ]);
  if (!masked) return { household, members, history, programs };
  const desa = (await findRegion(db, household.kode_wilayah))?.name ?? null;
  return {
    household: maskRecord(household, desa),
    members: members.map((m) => maskRecord(m, desa)),
    history: history.map((h) => ({
      ...h,
      old_value: maskFieldValue(h.field, h.old_value, desa) as string | null,
      new_value: maskFieldValue(h.field, h.new_value, desa) as string | null,
    })),
    programs,
  };
}

/**
 * Lets a search through when it is by IDBDT (a household of the scope: neither masked nor
 * limited). A search by NIK, No KK or name is refused to a masked role (it would confirm a
 * guessed NIK or unmask a name letter by letter) and counted against the per-user limit for
 * everyone else.
 */
async function guardSearch(ctx: AppContext, actor: Actor, scope: q.HouseholdFilter['scope'], text: string): Promise<void> {
  if (/^[0-9]{16}$/.test(text) && (await q.findHousehold(ctx.database.db, scope, text))) return;
  if (seesMaskedPersonalData(actor.role)) throw new AppError('PERSONAL_SEARCH_FORBIDDEN');
  await countPersonalSearch(ctx, actor);
}

/** Number of AKTIF households in the actor's scope (Beranda's "total BDT"). */
export async function countActiveHouseholds(ctx: AppContext, actor: Actor): Promise<number> {
  requireRead(actor);
  // Above one district (a province, the nation) the maintained district figures add up the desa
  // instead of counting millions of households (issue 18).
  if (!districtOf(actor)) {
    const rows = await figuresByArea(ctx.database, '', 0, (column) => inScope(actor, column));
    return rows.reduce((n, r) => n + r.households, 0);
  }
  return q.countHouseholds(ctx.database.db, { scope: householdsInScope(actor), status: 'AKTIF', kab: districtOf(actor) });
}
