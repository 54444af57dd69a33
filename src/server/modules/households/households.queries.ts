import { sql, type Expression, type SqlBool } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { EXPORT_PAGE, keyset } from '../../platform/keyset.ts';
import { inProgramme, type ProgrammeFilter } from '../programs/index.ts';

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
}

// Applies the filter to a households query `h`. `q` of 16 digits matches IDBDT, a member's NIK or
// No KK exactly; other text is a case-insensitive prefix of the head's or any member's name
// (prefix, not substring, so that it uses an index on a 200,000-household district). Member
// matches are `idbdt IN (…)` so the planner starts from the member index, not from every household.
function filtered(db: Db, f: HouseholdFilter) {
  let query = db.selectFrom('households as h').where(f.scope);
  if (f.region) query = query.where('h.kode_wilayah', 'like', `${f.region}%`);
  if (f.desa) query = query.where('h.kode_wilayah', '=', f.desa);
  else if (f.kecamatan) query = query.where('h.kode_wilayah', 'like', `${f.kecamatan}%`);
  if (f.status) query = query.where('h.status', '=', f.status);
  if (f.desil) query = query.where('h.persentil', '>=', (f.desil - 1) * 10 + 1).where('h.persentil', '<=', f.desil * 10);
  if (f.program) query = query.where(inProgramme(f.program, 'h.idbdt'));
  const text = f.q?.trim();
  if (text) {
    if (/^[0-9]{16}$/.test(text)) {
      query = query.where((eb) =>
        eb.or([
          eb('h.idbdt', '=', text),
          eb(
            'h.idbdt',
            'in',
            eb
              .selectFrom('members as m')
              .select('m.idbdt')
              .where((e) => e.or([e('m.nik', '=', text), e('m.no_kk', '=', text)])),
          ),
        ]),
      );
    } else {
      const prefix = namePrefix(text);
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(h.nama_krt)`, 'like', prefix),
          eb('h.idbdt', 'in', eb.selectFrom('members as m').select('m.idbdt').where(sql`lower(m.nama)`, 'like', prefix)),
        ]),
      );
    }
  }
  return query;
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

/**
 * One page of households matching the filter, ordered by region and IDBDT. The page is cut from
 * the households alone (the `(kode_wilayah, idbdt)` index) and only its rows are joined to their
 * desa and kecamatan: joined first, PostgreSQL merge-joined the regions table from its first code
 * up to the district's (28,000 regions and their parents for 25 rows, 39 ms; issue 9 finding 10).
 */
export async function listHouseholds(db: Db, f: HouseholdFilter, page: number, pageSize: number): Promise<HouseholdListItem[]> {
  return withPlaces(db, filtered(db, f), (rows) => rows.limit(pageSize).offset((page - 1) * pageSize));
}

type Filtered = ReturnType<typeof filtered>;

// The rows `cut` takes from the filtered households in the list's order, joined to their desa and kecamatan.
function withPlaces(db: Db, query: Filtered, cut: (rows: Filtered) => Filtered): Promise<HouseholdListItem[]> {
  const pageRows = cut(query.orderBy('h.kode_wilayah').orderBy('h.idbdt'))
    .select(['h.idbdt', 'h.kode_wilayah', 'h.nama_krt', 'h.alamat', 'h.jumlah_art', 'h.persentil', 'h.status', 'h.version'])
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
    ])
    .orderBy('p.kode_wilayah')
    .orderBy('p.idbdt')
    .execute();
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

/**
 * For a personal search (`q` not an IDBDT), the member of each listed household whose name, NIK
 * or No KK matched, by IDBDT: the first by idartbdt when several did.
 */
export async function matchedMembers(
  db: Db,
  idbdts: readonly string[],
  q: string,
): Promise<Map<string, { idartbdt: string; nama: string }>> {
  const text = q.trim();
  if (idbdts.length === 0 || !text) return new Map();
  const rows = await db
    .selectFrom('members as m')
    .select(['m.idbdt', 'm.idartbdt', 'm.nama'])
    .where('m.idbdt', 'in', idbdts)
    .where((eb) =>
      /^[0-9]{16}$/.test(text)
        ? eb.or([eb('m.nik', '=', text), eb('m.no_kk', '=', text)])
        : eb(sql`lower(m.nama)`, 'like', namePrefix(text)),
    )
    .orderBy('m.idartbdt')
    .execute();
  const found = new Map<string, { idartbdt: string; nama: string }>();
  for (const r of rows) if (!found.has(r.idbdt)) found.set(r.idbdt, { idartbdt: r.idartbdt, nama: r.nama });
  return found;
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
 * requests arriving while it runs wait for the same count instead of starting their own.
 */
export async function countForList(db: Db, f: HouseholdFilter): Promise<{ total: number; approximate: boolean }> {
  const bounded = await countHouseholdsUpTo(db, f, LIST_EXACT_COUNT_LIMIT);
  if (bounded <= LIST_EXACT_COUNT_LIMIT) return { total: bounded, approximate: false };
  const compiled = filtered(db, f).select(sql`1`.as('one')).compile();
  const key = JSON.stringify([compiled.sql, compiled.parameters]);
  let cache = listCounts.get(db);
  if (!cache) listCounts.set(db, (cache = new Map()));
  const at = now().getTime();
  let hit = cache.get(key);
  if (!hit || at - hit.at > LIST_COUNT_TTL_MS) {
    if (cache.size >= LIST_COUNT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    hit = { at, total: countHouseholds(db, f) };
    cache.delete(key);
    cache.set(key, hit);
    hit.total.catch(() => cache.delete(key));
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

/** The members of a household, by idartbdt. */
export async function listMembers(db: Db, idbdt: string) {
  return db.selectFrom('members').selectAll().where('idbdt', '=', idbdt).orderBy('idartbdt').execute();
}

/** The change history of a household and its members, newest first; a change from a package names its import. */
export async function listHistory(db: Db, idbdt: string, limit: number) {
  const rows = await db
    .selectFrom('household_history as hh')
    .leftJoin('users as u', 'u.id', 'hh.changed_by')
    // A package is imported once (imports_package_done_idx): its DONE import is the one to name.
    .leftJoin('imports as i', (j) => j.on(sql<SqlBool>`i.status = 'DONE' and hh.source = 'package:' || i.package_id::text`))
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
    .where('hh.idbdt', '=', idbdt)
    .orderBy('hh.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ import_id, package_id, file_name, ...h }) => ({
    ...h,
    package: import_id && package_id && file_name ? { id: package_id, fileName: file_name, importId: import_id } : null,
  }));
}
