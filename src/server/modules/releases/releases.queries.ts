import { sql } from 'kysely';
import { householdFields, memberFields } from '../../../shared/dictionary/index.ts';
import type { Db } from '../../platform/db.ts';
import { listFlagSql, memberFlagJoins } from '../programs/index.ts';

/** Numbers of households and members of a district (NONAKTIF included): ranges of their keys. */
export async function countDistrict(db: Db, kab: string): Promise<{ households: number; members: number }> {
  const r = await sql<{ households: number; members: number }>`
    select (select count(*) from households where kab_kota = ${kab})::int as households,
           (select count(*) from members where kab_kota = ${kab})::int as members`.execute(db);
  return r.rows[0]!;
}

/** The district and its kecamatan and desa, parents before children. */
export async function listDistrictRegions(db: Db, kab: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', 'like', `${kab}%`)
    .orderBy(sql`length(code)`)
    .orderBy('code')
    .execute();
}

// Keyset pages over the (kode_wilayah, idbdt) index: the lower bound is a row comparison and the
// upper bound the next district's prefix, so every page is one index range scan (a LIKE filter
// beside the row comparison made each page rescan from the district's start).
function districtPage(kab: string, after: { kode: string; idbdt: string } | null) {
  const upper = String(Number(kab) + 1).padStart(4, '0');
  const lower = after ?? { kode: kab, idbdt: '' };
  return sql<boolean>`kab_kota = ${kab} and (kode_wilayah, idbdt) > (${lower.kode}, ${lower.idbdt}) and kode_wilayah < ${upper}`;
}

// A release's NDJSON lines built by the database: compact JSON, keys in the format's order (the
// dictionary's fields, then the extras), the text JSON.stringify gives for the stored row (decimals
// without trailing zeros, dates as YYYY-MM-DD, NULL as null). Rows then reach the file without being
// parsed and serialised again in JavaScript, which was most of a release's time.
function jsonValue(column: string, type: string | undefined): string {
  // Numbers and booleans by their own text (to_json looks the type up again for every value);
  // strings and dates through to_json, which quotes and escapes them as JSON.
  if (type === 'integer' || type === 'code') return `coalesce(${column}::text, 'null')`;
  if (type === 'decimal') return `coalesce(trim_scale(${column})::text, 'null')`;
  if (type === 'boolean') return `case when ${column} then 'true' when not ${column} then 'false' else 'null' end`;
  return `coalesce(to_json(${column})::text, 'null')`;
}

// `derived` gives the SQL of fields that are not stored columns (the members' programme flags,
// booleans): written once, as their text, so that each list's subplan is evaluated once per row.
function jsonLine(
  alias: 'h' | 'm',
  fields: readonly { name: string; type?: string }[],
  derived: (name: string) => string | undefined = () => undefined,
): string {
  // One concat() argument per field: a chain of || would copy the growing line once per field.
  const parts = fields.map((f, i) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(f.name)) throw new Error(`bad field name ${f.name}`);
    const d = derived(f.name);
    return `'${i === 0 ? '{' : ','}"${f.name}":' || ${d ? `coalesce((${d})::text, 'null')` : jsonValue(`${alias}.${f.name}`, f.type)}`;
  });
  if (parts.length > 99) throw new Error('concat() takes at most 100 arguments');
  return `concat(${parts.join(', ')}, '}')`;
}
const HOUSEHOLD_LINE = jsonLine('h', [...householdFields, { name: 'version', type: 'integer' }, { name: 'status' }]);
// The members' programme flags are derived from the district's lists (programs/flags.ts): for a
// whole district from the joins of memberFlagJoins (each list hashed once), for a page by index probes.
const memberLine = (joined: boolean) =>
  jsonLine('m', [...memberFields, { name: 'idbdt' }, { name: 'version', type: 'integer' }], (name) => listFlagSql(name, 'm', joined));

/** A household's key in release order. */
export interface HouseholdKey {
  kode: string;
  idbdt: string;
}
/** A keyset page of a district's households: after `after` (none: from the start) up to `last`, both in (kode_wilayah, idbdt) order. */
export interface HouseholdPage {
  after: HouseholdKey | null;
  last: HouseholdKey;
}

// The district's households as a range of the (kode_wilayah, idbdt) index, or one page of it (COPY
// takes no parameters: the code and the keys are checked to be digits before they are written in).
function districtRange(kab: string, page?: HouseholdPage): string {
  if (!/^[0-9]{4}$/.test(kab)) throw new Error(`bad district code ${kab}`);
  const range = `h.kab_kota = '${kab}' and h.kode_wilayah >= '${kab}' and h.kode_wilayah < '${String(Number(kab) + 1).padStart(4, '0')}'`;
  if (!page) return range;
  const key = (k: HouseholdKey) => {
    if (!/^[0-9]+$/.test(k.kode) || !/^[0-9]+$/.test(k.idbdt)) throw new Error(`bad household key ${k.kode}/${k.idbdt}`);
    return `('${k.kode}', '${k.idbdt}')`;
  };
  return `${range}${page.after ? ` and (h.kode_wilayah, h.idbdt) > ${key(page.after)}` : ''} and (h.kode_wilayah, h.idbdt) <= ${key(page.last)}`;
}

// CSV with a delimiter and quote that JSON text never holds raw (it escapes control characters):
// every line comes out verbatim, with no COPY text-format backslash escaping to undo.
const AS_LINES = `(FORMAT csv, DELIMITER '\u0002', QUOTE '\u0001')`;

// An entry's rows: the line, where they come from and their order.
interface EntryRows {
  line: string;
  from: string;
  order: string;
}
const householdRows = (kab: string, page?: HouseholdPage): EntryRows => ({
  line: HOUSEHOLD_LINE,
  from: `households h where ${districtRange(kab, page)}`,
  order: 'h.kode_wilayah, h.idbdt',
});
const memberRows = (kab: string, page?: HouseholdPage): EntryRows => ({
  line: memberLine(!page),
  // A page looks its households' members up by index (the subquery's `offset 0` keeps the planner
  // from turning it into a hash join over the district's whole members table for every page).
  from: page
    ? `households h cross join lateral (select * from members m where m.kab_kota = h.kab_kota and m.idbdt = h.idbdt offset 0) m where ${districtRange(kab, page)}`
    : `households h join members m on m.kab_kota = h.kab_kota and m.idbdt = h.idbdt${memberFlagJoins('m', kab)} where ${districtRange(kab)}`,
  order: 'h.kode_wilayah, h.idbdt, m.idartbdt',
});
const asLines = (r: EntryRows) => `COPY (select ${r.line} from ${r.from} order by ${r.order}) TO STDOUT ${AS_LINES}`;
// One row of one field, the lines joined by LF (NULL for no row), in COPY's binary format: one write
// of the whole page instead of one per row (PGlite's COPY to a blob keeps every write as a piece).
const asOneText = (r: EntryRows) =>
  `COPY (select string_agg(${r.line}, E'\\n' order by ${r.order}) from ${r.from}) TO STDOUT (FORMAT binary)`;

/** COPY of the district's households as NDJSON lines, in (kode_wilayah, idbdt) order (PostgreSQL). */
export function copyHouseholdLines(kab: string): string {
  return asLines(householdRows(kab));
}

/** COPY of the district's members as NDJSON lines, by household in the same order, then idartbdt (PostgreSQL). */
export function copyMemberLines(kab: string): string {
  return asLines(memberRows(kab));
}

/** COPY of one page of the district's households as one text of NDJSON lines (read it with `copiedText`). */
export function copyHouseholdPage(kab: string, page: HouseholdPage): string {
  return asOneText(householdRows(kab, page));
}

/** COPY of the members of one page of the district's households as one text of NDJSON lines (read it with `copiedText`). */
export function copyMemberPage(kab: string, page: HouseholdPage): string {
  return asOneText(memberRows(kab, page));
}

const BINARY_SIGNATURE = 'PGCOPY\n\xff\r\n\0';

/** The text of a binary COPY output of one row of one text field (copyHouseholdPage, copyMemberPage), as bytes; null for NULL. */
export function copiedText(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 21 || String.fromCharCode(...bytes.subarray(0, 11)) !== BINARY_SIGNATURE) throw new Error('not a binary COPY');
  // Signature, flags, then the header extension's length and the extension itself.
  let at = 15 + 4 + view.getUint32(15);
  if (view.getInt16(at) !== 1) throw new Error('a binary COPY of one row of one field was expected');
  const length = view.getInt32(at + 2);
  at += 6;
  if (length < 0) return null;
  if (view.getInt16(at + length) !== -1) throw new Error('a binary COPY of one row was expected');
  return bytes.subarray(at, at + length);
}

/** A page of households' ids only, in the same order (for streaming their members). */
export async function pageHouseholdIds(db: Db, kab: string, after: HouseholdKey | null, limit: number) {
  return db
    .selectFrom('households')
    .select(['kode_wilayah', 'idbdt'])
    .where(districtPage(kab, after))
    .orderBy('kode_wilayah')
    .orderBy('idbdt')
    .limit(limit)
    .execute();
}

/** Records a release. */
export async function insertRelease(
  tx: Db,
  r: {
    id: string;
    kab: string;
    period: string;
    packageKey: string;
    counts: object;
    finalization: object | null;
    createdBy: number | null;
  },
): Promise<void> {
  await tx
    .insertInto('releases')
    .values({
      id: r.id,
      kab_kota: r.kab,
      period: r.period,
      package_key: r.packageKey,
      counts: JSON.stringify(r.counts),
      finalization: r.finalization && JSON.stringify(r.finalization),
      created_by: r.createdBy,
    })
    .execute();
}

/** A release of district `kab` by id, with what the importer needs. */
export async function findRelease(db: Db, kab: string, id: string) {
  return db
    .selectFrom('releases')
    .select(['id', 'kab_kota', 'period', 'package_key', 'created_at'])
    .where('kab_kota', '=', kab)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The releases of a district, newest first. */
export async function listReleases(db: Db, kab: string) {
  return db
    .selectFrom('releases as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.period', 'r.counts', 'r.created_at', 'u.username as created_by'])
    .where('r.kab_kota', '=', kab)
    .orderBy('r.created_at', 'desc')
    .execute();
}

/** Numbers of KPM memberships and PBI participants of a district (NONAKTIF included), as kpm.ndjson and pbi.ndjson carry them. */
export async function countLists(db: Db, kab: string): Promise<{ kpm: number; pbi: number }> {
  const k = await db
    .selectFrom('kpm_memberships')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kab_kota', '=', kab)
    .executeTakeFirstOrThrow();
  const b = await db
    .selectFrom('pbi_participants')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kab_kota', '=', kab)
    .executeTakeFirstOrThrow();
  return { kpm: k.n, pbi: b.n };
}

/** A page of the district's KPM memberships after a (program, idbdt) key, in key order (siks-format 3.1 `kpm.ndjson`). */
export function pageKpmRows(db: Db, kab: string, after: { program: string; idbdt: string } | null, limit: number) {
  let query = db
    .selectFrom('kpm_memberships')
    .select(['program', 'idbdt', 'id_pengurus', 'no_kks', 'no_rekening', 'status'])
    .where('kab_kota', '=', kab);
  if (after) query = query.where(sql<boolean>`(program, idbdt) > (${after.program}, ${after.idbdt})`);
  return query.orderBy('program').orderBy('idbdt').limit(limit).execute();
}

/** A page of the district's PBI participants after an idartbdt, in key order (siks-format 3.1 `pbi.ndjson`). */
export function pagePbiRows(db: Db, kab: string, after: string | null, limit: number) {
  let query = db.selectFrom('pbi_participants').select(['idartbdt', 'no_kartu', 'status']).where('kab_kota', '=', kab);
  if (after) query = query.where('idartbdt', '>', after);
  return query.orderBy('idartbdt').limit(limit).execute();
}
