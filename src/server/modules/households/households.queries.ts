import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { EXPORT_PAGE, keyset } from '../../platform/keyset.ts';
import { inProgramme, type MemberRecord, memberRecordSelections, type ProgrammeFilter } from '../programs/index.ts';

export interface HouseholdFilter {
  /** The scope fragment of the actor (access.inScope). */
  scope: Expression<SqlBool>;
  kecamatan?: string;
  desa?: string;
  q?: string;
  status?: 'AKTIF' | 'NONAKTIF';
  desil?: number;
  /** In a programme now (programs.inProgramme). */
  program?: ProgrammeFilter;
  /** A province or district code (national and province users narrow the list with it). */
  region?: string;
  /**
   * The one district every household of the list lies in, when the scope or a filter says so: a
   * name search then reads that district's names only; without it, those of the districts of
   * `region` (or of every district), the scope still applying to the households found.
   */
  kab?: string;
}

// Applies the filter to a households query `h`. `q` of 16 digits matches IDBDT, a member's NIK or
// No KK exactly; other text is a case-insensitive prefix of the head's or any member's name
// (prefix, not substring, so that it uses an index on a 200,000-household district).
function filtered(db: Db, f: HouseholdFilter) {
  let query = db.selectFrom('households as h').where(f.scope);
  // The district (or the province's districts) first: the key's prefix, one shard under Citus.
  if (f.kab) query = query.where('h.kab_kota', '=', f.kab);
  else if (f.region) query = query.where('h.kab_kota', 'like', `${f.region.slice(0, 4)}%`);
  // A district or province is said by kab_kota above (the CHECK ties it to the code); said twice, the
  // planner would count it twice (platform/scope.ts householdsInScope).
  if (f.region && f.region.length > 4) query = query.where('h.kode_wilayah', 'like', `${f.region}%`);
  if (f.desa) query = query.where('h.kode_wilayah', '=', f.desa);
  else if (f.kecamatan) query = query.where('h.kode_wilayah', 'like', `${f.kecamatan}%`);
  if (f.status) query = query.where('h.status', '=', f.status);
  if (f.desil) query = query.where('h.persentil', '>=', (f.desil - 1) * 10 + 1).where('h.persentil', '<=', f.desil * 10);
  if (f.program) query = query.where(inProgramme(f.program, 'h'));
  const text = f.q?.trim();
  if (text) query = query.where(searched(f, text));
  return query;
}

// The households a search finds: those whose IDBDT it is or whose head's name it starts, and those
// of the members it finds, as one array of IDBDT read first, each part by its own index (the
// district's names: migration 0035; NIK, No KK), then the households by key (with the district
// known, the primary key). Written as "lower(h.nama_krt) LIKE … OR h.idbdt IN (members …)", the OR
// kept the planner from both indexes: it walked the district's households probing a hash of the
// members, and the count of a search read all 200,000 of them; as a join to the union, it estimated
// 2,000 key probes dearer than a sequential scan. An array from a subquery is one key lookup per
// element, and the match is by IDBDT as before.
function searched(f: HouseholdFilter, text: string): RawBuilder<SqlBool> {
  const inDistricts = (alias: string) =>
    f.kab
      ? sql`${sql.ref(`${alias}.kab_kota`)} = ${f.kab}`
      : sql`${sql.ref(`${alias}.kab_kota`)} in (select r.code from regions r where r.level = 'kabkota' and r.code like ${`${f.region ?? ''}%`})`;
  const found = /^[0-9]{16}$/.test(text)
    ? sql`select ${text}::char(16)
        union all
        select m.idbdt from members m where (m.nik = ${text} or m.no_kk = ${text})${f.kab ? sql` and ${inDistricts('m')}` : sql``}`
    : sql`select x.idbdt from households x where ${inDistricts('x')} and lower(x.nama_krt) like ${namePrefix(text)}
        union all
        select m.idbdt from members m where ${inDistricts('m')} and lower(m.nama) like ${namePrefix(text)}`;
  const district = f.kab ? sql`h.kab_kota = ${f.kab} and ` : sql``;
  return sql<SqlBool>`(${district}h.idbdt = any(array(${found})))`;
}

// Whether member `m` is one a personal search found (its name, NIK or No KK).
function memberFound(text: string): RawBuilder<SqlBool> {
  return /^[0-9]{16}$/.test(text)
    ? sql<SqlBool>`(m.nik = ${text} or m.no_kk = ${text})`
    : sql<SqlBool>`lower(m.nama) like ${namePrefix(text)}`;
}

export interface HouseholdListItem {
  idbdt: string;
  kode_wilayah: string;
  nama_desa: string;
  nama_kecamatan: string;
  nama_krt: string | null;
  alamat: string;
  jumlah_art: number | null;
  persentil: number | null;
  status: 'AKTIF' | 'NONAKTIF';
  version: number;
}

/** A row of the list with, for a personal search, the member it found in the household. */
export interface HouseholdListRow extends HouseholdListItem {
  matchedMember?: { idartbdt: string; nama: string } | null;
}

/**
 * One page of households matching the filter, ordered by region and IDBDT. The page is cut from
 * the households alone (the `(kode_wilayah, idbdt)` index) and only its rows are joined to their
 * desa and kecamatan: joined first, PostgreSQL merge-joined the regions table from its first code
 * up to the district's (28,000 regions and their parents for 25 rows, 39 ms; issue 9 finding 10).
 */
export async function listHouseholds(db: Db, f: HouseholdFilter, page: number, pageSize: number): Promise<HouseholdListItem[]> {
  return withPlaces(db, filtered(db, f), pageCut(page, pageSize));
}

/**
 * A page of the list (View Data Kesos) and its `total` (see countForList). With `matchedMembers`,
 * each row also names the member a personal search found in it (by name, NIK or No KK; the first
 * by idartbdt when several did; null when none did, e.g. a search by IDBDT or no search).
 */
export async function listPage(
  db: Db,
  f: HouseholdFilter,
  page: number,
  pageSize: number,
  opts: { matchedMembers?: boolean } = {},
): Promise<{ items: HouseholdListRow[]; total: number; approximate: boolean }> {
  const text = f.q?.trim();
  if (!text) {
    const [items, counted] = await Promise.all([listHouseholds(db, f, page, pageSize), countForList(db, f)]);
    return { items: opts.matchedMembers ? items.map((r) => ({ ...r, matchedMember: null })) : items, ...counted };
  }
  // A search is one statement: the page must sort every household found anyway, so they are
  // counted on the way (exactly, whatever their number) instead of by a second statement that
  // looked them all up again. The found member of each row comes with it too: the household's
  // members (members_idbdt_idx), those found first. The test is in the order, not the condition:
  // as a condition the planner took the district's name index and filtered thousands of namesakes
  // by household, for each row. (Masked roles search by IDBDT only and are not shown it.)
  const rows = await placedRows(db, filtered(db, f), pageCut(page, pageSize), true)
    .select('p.total')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('members as m')
          .select(['m.idartbdt', 'm.nama', memberFound(text).as('found')])
          .whereRef('m.kab_kota', '=', 'p.kab_kota')
          .whereRef('m.idbdt', '=', 'p.idbdt')
          .orderBy(memberFound(text), 'desc')
          .orderBy('m.idartbdt')
          .limit(1)
          .as('mm'),
      (j) => j.onTrue(),
    )
    .select(['mm.idartbdt as found_idartbdt', 'mm.nama as found_nama', 'mm.found'])
    .orderBy('p.kode_wilayah')
    .orderBy('p.idbdt')
    .execute();
  // A page past the last (or an empty result) carries no total: count then.
  const counted = rows[0]
    ? { total: rows[0].total ?? 0, approximate: false }
    : page > 1
      ? await countForList(db, f)
      : { total: 0, approximate: false };
  const items = rows.map(({ total: _total, found_idartbdt, found_nama, found, ...r }) =>
    opts.matchedMembers
      ? { ...r, matchedMember: found && found_idartbdt && found_nama ? { idartbdt: found_idartbdt, nama: found_nama } : null }
      : r,
  );
  return { items, ...counted };
}

type Filtered = ReturnType<typeof filtered>;

const pageCut = (page: number, pageSize: number) => (rows: Filtered) => rows.limit(pageSize).offset((page - 1) * pageSize);

// The rows `cut` takes from the filtered households in the list's order, joined to their desa and kecamatan.
function withPlaces(db: Db, query: Filtered, cut: (rows: Filtered) => Filtered): Promise<HouseholdListItem[]> {
  return placedRows(db, query, cut).orderBy('p.kode_wilayah').orderBy('p.idbdt').execute();
}

// The statement of withPlaces before its order; `counted` adds the number of all rows matching to
// each row cut (p.total, for the caller to select).
function placedRows(db: Db, query: Filtered, cut: (rows: Filtered) => Filtered, counted = false) {
  const pageRows = cut(query.orderBy('h.kode_wilayah').orderBy('h.idbdt'))
    .select(['h.kab_kota', 'h.idbdt', 'h.kode_wilayah', 'h.nama_krt', 'h.alamat', 'h.jumlah_art', 'h.persentil', 'h.status', 'h.version'])
    .select(counted ? sql<number | null>`(count(*) over ())::int`.as('total') : sql<number | null>`null::int`.as('total'))
    .as('p');
  return db
    .selectFrom(pageRows)
    .innerJoin('regions as d', 'd.code', 'p.kode_wilayah')
    .innerJoin('regions as k', 'k.code', 'd.parent_code')
    .select([
      'p.idbdt',
      'p.kode_wilayah',
      'd.name as nama_desa',
      'k.name as nama_kecamatan',
      'p.nama_krt',
      'p.alamat',
      'p.jumlah_art',
      'p.persentil',
      'p.status',
      'p.version',
    ]);
}

/** Every household matching the filter in the list's order, read a page at a time after the last (exports). */
export function streamHouseholds(db: Db, f: HouseholdFilter, pageSize = EXPORT_PAGE): AsyncGenerator<HouseholdListItem> {
  return keyset<HouseholdListItem>(
    (after, limit) =>
      withPlaces(db, filtered(db, f), (rows) =>
        (after ? rows.where(sql<SqlBool>`(h.kode_wilayah, h.idbdt) > (${after.kode_wilayah}, ${after.idbdt})`) : rows).limit(limit),
      ),
    pageSize,
  );
}

// A LIKE pattern for a case-insensitive name prefix (the search's wildcards escaped).
function namePrefix(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Number of households matching the filter, counting at most `limit + 1` rows: a page of a large
 * district needs to know "more than `limit`", not to walk all 200,000 rows on every request.
 */
export async function countHouseholdsUpTo(db: Db, f: HouseholdFilter, limit: number): Promise<number> {
  const r = await db
    .selectFrom(
      filtered(db, f)
        .select(sql`1`.as('one'))
        .limit(limit + 1)
        .as('c'),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Up to this many matches a list page counts exactly, on every request. */
export const LIST_EXACT_COUNT_LIMIT = 2_000;
/** How long the count of a larger list is reused (milliseconds). */
export const LIST_COUNT_TTL_MS = 60_000;
const LIST_COUNT_CACHE_ENTRIES = 500;

interface CachedCount {
  at: number;
  total: Promise<number>;
}
// Per database (a test file's context does not see another's), keyed by the count's compiled SQL
// and parameters, so the scope and every filter are part of the key.
const listCounts = new WeakMap<Db, Map<string, CachedCount>>();

/**
 * The `total` of a list page. Up to LIST_EXACT_COUNT_LIMIT matches it is counted on every request
 * (`approximate: false`). Above, counting a whole district for each page made the list cost
 * ≈ 100 ms per request on PGlite (issue 9, finding 10): the count is made once and reused for
 * LIST_COUNT_TTL_MS by every page of the same filter (`approximate: true`, at most that old), and
 * requests arriving while it runs wait for the same count instead of starting their own. A filter
 * counted so within that time is not counted up to the limit again either (one statement less for
 * every page of a district's list), so a list that has just shrunk below the limit may show its
 * larger, approximate count until then.
 */
export async function countForList(db: Db, f: HouseholdFilter): Promise<{ total: number; approximate: boolean }> {
  const compiled = filtered(db, f).select(sql`1`.as('one')).compile();
  const key = JSON.stringify([compiled.sql, compiled.parameters]);
  let cache = listCounts.get(db);
  if (!cache) listCounts.set(db, (cache = new Map()));
  const fresh = () => {
    const hit = cache.get(key);
    return hit && now().getTime() - hit.at <= LIST_COUNT_TTL_MS ? hit : undefined;
  };
  let hit = fresh();
  if (!hit) {
    const bounded = await countHouseholdsUpTo(db, f, LIST_EXACT_COUNT_LIMIT);
    if (bounded <= LIST_EXACT_COUNT_LIMIT) return { total: bounded, approximate: false };
    hit = fresh();
  }
  if (!hit) {
    if (cache.size >= LIST_COUNT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    const made = { at: now().getTime(), total: countHouseholds(db, f) };
    cache.delete(key);
    cache.set(key, made);
    made.total.catch(() => cache.delete(key));
    hit = made;
  }
  return { total: await hit.total, approximate: true };
}

/** Number of households matching the filter. */
export async function countHouseholds(db: Db, f: HouseholdFilter): Promise<number> {
  const r = await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** A household in scope with every field, or undefined. */
export async function findHousehold(db: Db, scope: Expression<SqlBool>, idbdt: string) {
  return db.selectFrom('households as h').selectAll('h').where(scope).where('h.idbdt', '=', idbdt).executeTakeFirst();
}

/** The members of a household of district `kab`, by idartbdt (the programme flags derived from the lists). */
export async function listMembers(db: Db, kab: string, idbdt: string): Promise<MemberRecord[]> {
  return db
    .selectFrom('members as m')
    .select(memberRecordSelections('m'))
    .where('m.kab_kota', '=', kab)
    .where('m.idbdt', '=', idbdt)
    .orderBy('m.idartbdt')
    .execute() as Promise<MemberRecord[]>;
}

/** The change history of a household and its members, newest first; a change from a package names its import. */
export async function listHistory(db: Db, kab: string, idbdt: string, limit: number) {
  // A household handed over brought its history along; the imports that wrote it stayed with the
  // district its IDBDT names (its origin) or are the district's own.
  const kabs = [...new Set([kab, idbdt.slice(0, 4)])];
  const rows = await db
    .selectFrom('household_history as hh')
    .leftJoin('users as u', 'u.id', 'hh.changed_by')
    // A package is imported once (imports_package_done_idx): its DONE import is the one to name.
    .leftJoin('imports as i', (j) =>
      j.on(sql<SqlBool>`i.kab_kota in (${sql.join(kabs)}) and i.status = 'DONE' and hh.source = 'package:' || i.package_id::text`),
    )
    .select([
      'i.id as import_id',
      'i.package_id',
      'i.file_name',
      'hh.id',
      'hh.idartbdt',
      'hh.field',
      'hh.old_value',
      'hh.new_value',
      'hh.version',
      'hh.changed_at',
      'u.username as changed_by',
      'hh.source',
      'hh.reason',
    ])
    .where('hh.kab_kota', '=', kab)
    .where('hh.idbdt', '=', idbdt)
    .orderBy('hh.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ import_id, package_id, file_name, ...h }) => ({
    ...h,
    package: import_id && package_id && file_name ? { id: package_id, fileName: file_name, importId: import_id } : null,
  }));
}
