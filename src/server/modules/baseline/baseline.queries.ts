import { type RawBuilder, sql, type Updateable } from 'kysely';
import { type FieldDef, householdFields, memberFields } from '../../../shared/dictionary/index.ts';
import type { Database, Db } from '../../platform/db.ts';
import type { BaselineLoadsTable } from '../../platform/db-schema.ts';

export type Sheet = 'households' | 'members';

/** A load row as the service reads it. */
export async function findLoad(db: Db, id: string) {
  return db.selectFrom('baseline_loads').selectAll().where('id', '=', id).executeTakeFirst();
}
export type LoadRow = NonNullable<Awaited<ReturnType<typeof findLoad>>>;

export async function listLoads(db: Db, kab: string) {
  return db.selectFrom('baseline_loads').selectAll().where('kab_kota', '=', kab).orderBy('created_at', 'desc').limit(50).execute();
}

/** Households the district holds now (by their desa). */
export async function countDistrictHouseholds(db: Db, kab: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from households where kab_kota = ${kab}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Deletes the staging rows of a load (its error report too when `errors`). */
export async function clearStaging(db: Db, kab: string, id: string, errors: boolean): Promise<void> {
  const tables = [
    'baseline_derived',
    'baseline_members',
    'baseline_households',
    ...(errors ? (['baseline_errors'] as const) : []),
  ] as const;
  for (const t of tables) await db.deleteFrom(t).where('kab_kota', '=', kab).where('load_id', '=', id).execute();
}

/**
 * Deletes the staging rows of a published load outside its transaction. When the staging tables hold
 * no other load (the usual case: one district at a time), they are truncated instead of deleting
 * millions of rows one by one. The locks are taken all at once and waited for briefly: when another
 * load is busy with them, the rows are deleted as before.
 */
export async function clearPublishedStaging(database: Database, kab: string, id: string): Promise<void> {
  const tables = ['baseline_derived', 'baseline_members', 'baseline_households'] as const;
  await database
    .transaction(async (tx) => {
      await sql`set local lock_timeout = '2s'`.execute(tx);
      await sql`lock table ${sql.join(tables.map((t) => sql.table(t)))} in access exclusive mode`.execute(tx);
      const own = `${kab}${id}`;
      for (const t of tables) {
        // The first and the last load in the primary key's order, read from its index.
        const ends = await sql<{ lo: string | null; hi: string | null }>`
          select (select kab_kota || load_id::text from ${sql.table(t)} order by kab_kota, load_id limit 1) as lo,
                 (select kab_kota || load_id::text from ${sql.table(t)} order by kab_kota desc, load_id desc limit 1) as hi`.execute(tx);
        const { lo, hi } = ends.rows[0] ?? { lo: null, hi: null };
        if ((lo !== null && lo !== own) || (hi !== null && hi !== own)) return false;
      }
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))}`.execute(tx);
      return true;
    })
    .catch(() => false);
  // What is left of the load (all of it when the tables were not truncated) and its error report.
  await clearStaging(database.db, kab, id, true);
}

/** Sets columns of a district's load and reads the row back. */
export async function updateLoad(db: Db, kab: string, id: string, set: Updateable<BaselineLoadsTable>): Promise<LoadRow> {
  return db
    .updateTable('baseline_loads')
    .set(set)
    .where('kab_kota', '=', kab)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function heartbeat(
  db: Db,
  kab: string,
  id: string,
  set: { phase?: 'READING' | 'CHECKING' | 'DONE'; progress?: number; households?: number; members?: number },
) {
  await db
    .updateTable('baseline_loads')
    .set({ ...set, heartbeat_at: sql`now()` })
    .where('kab_kota', '=', kab)
    .where('id', '=', id)
    .execute();
}

/**
 * The checks that span rows or the registry, set-based: duplicate keys in the load, region and
 * district of each household, ids already held by another district, members without a household
 * in the load, and member ids that do not extend their household's.
 */
export async function runSetChecks(tx: Db, kab: string, id: string): Promise<void> {
  const like = `${kab}%`;
  // Fresh statistics of the rows just staged (PGlite has no autovacuum): without them the planner
  // takes the staging tables for empty and loops where it should hash.
  await sql`analyze baseline_households`.execute(tx);
  await sql`analyze baseline_members`.execute(tx);
  const into = sql`insert into baseline_errors (kab_kota, load_id, sheet, row_no, column_name, code, message_id, message_en)`;
  const insert = (select: RawBuilder<unknown>) => sql`${into} ${select}`.execute(tx);
  // A key that stands on more than one row of its file: every one of those rows is named.
  for (const [sheet, key] of [
    ['households', 'idbdt'],
    ['members', 'idartbdt'],
  ] as const) {
    const label = key.toUpperCase();
    await insert(sql`
      select kab_kota, load_id, ${sheet}, row_no, ${key}, 'DUPLICATE',
        ${`${label} ini muncul lebih dari sekali dalam berkas`}, ${`This ${label} appears more than once in the file`}
      from (select *, count(*) over (partition by ${sql.ref(key)}) as n from ${sql.table(`baseline_${sheet}`)}
            where kab_kota = ${kab} and load_id = ${id}) s
      where ${sql.ref(key)} is not null and n > 1`);
  }
  await insert(sql`
    select kab_kota, load_id, 'households', row_no, 'kode_wilayah', 'REGION',
      'Kode wilayah ' || kode_wilayah || ' bukan desa/kelurahan di kabupaten/kota ' || ${kab},
      'Region code ' || kode_wilayah || ' is not a desa/kelurahan of district ' || ${kab}
    from baseline_households b
    where kab_kota = ${kab} and load_id = ${id} and kode_wilayah ~ '^[0-9]{10}$'
      and (kode_wilayah not like ${like} or not exists (select 1 from regions r where r.code = b.kode_wilayah and r.level = 'desa'))`);
  await insert(sql`
    select kab_kota, load_id, 'households', row_no, 'idbdt', 'DISTRICT',
      'IDBDT ' || idbdt || ' bukan nomor kabupaten/kota ' || ${kab}, 'IDBDT ' || idbdt || ' is not a number of district ' || ${kab}
    from baseline_households
    where kab_kota = ${kab} and load_id = ${id} and idbdt ~ '^[0-9]{16}$' and idbdt not like ${like}`);
  await insert(sql`
    select b.kab_kota, b.load_id, 'households', b.row_no, 'idbdt', 'TAKEN',
      'IDBDT ' || b.idbdt || ' sudah terdaftar di kabupaten/kota lain', 'IDBDT ' || b.idbdt || ' is registered in another district'
    from baseline_households b join households h on h.idbdt = b.idbdt::char(16) collate "C"
    where b.kab_kota = ${kab} and b.load_id = ${id} and b.idbdt ~ '^[0-9]{16}$' and h.kode_wilayah not like ${like}`);
  await insert(sql`
    select b.kab_kota, b.load_id, 'members', b.row_no, 'idartbdt', 'TAKEN',
      'IDARTBDT ' || b.idartbdt || ' sudah terdaftar di kabupaten/kota lain', 'IDARTBDT ' || b.idartbdt || ' is registered in another district'
    from baseline_members b join members m on m.idartbdt = b.idartbdt::char(18) collate "C" join households h on h.idbdt = m.idbdt
    where b.kab_kota = ${kab} and b.load_id = ${id} and b.idartbdt ~ '^[0-9]{18}$' and h.kode_wilayah not like ${like}`);
  await insert(sql`
    select kab_kota, load_id, 'members', row_no, 'idbdt', 'REQUIRED', 'IDBDT: wajib diisi', 'IDBDT: is required'
    from baseline_members where kab_kota = ${kab} and load_id = ${id} and idbdt is null`);
  await insert(sql`
    select kab_kota, load_id, 'members', row_no, 'idbdt', 'ORPHAN',
      'Tidak ada rumah tangga dengan IDBDT ' || idbdt || ' dalam berkas rumah tangga', 'No household with IDBDT ' || idbdt || ' in the households file'
    from baseline_members m
    where kab_kota = ${kab} and load_id = ${id} and idbdt is not null and not exists (
      select 1 from baseline_households h where h.kab_kota = ${kab} and h.load_id = ${id} and h.idbdt = m.idbdt)`);
  await insert(sql`
    select kab_kota, load_id, 'members', row_no, 'idartbdt', 'IDARTBDT',
      'IDARTBDT ' || idartbdt || ' tidak diawali IDBDT rumah tangganya (' || idbdt || ')',
      'IDARTBDT ' || idartbdt || ' does not start with the IDBDT of its household (' || idbdt || ')'
    from baseline_members
    where kab_kota = ${kab} and load_id = ${id} and idartbdt ~ '^[0-9]{18}$' and idbdt is not null and left(idartbdt, 16) <> idbdt`);
}

/** The dictionary fields a sheet stages (derived fields are computed, never read), each in text column f_<name> (migration 0036). */
export const STAGED_FIELDS: Record<Sheet, readonly FieldDef[]> = {
  households: householdFields.filter((f) => !f.derived),
  members: memberFields.filter((f) => !f.derived),
};

const TRUE = new Set(['true', '1', 'ya', 'y', 't']);
const FALSE = new Set(['false', '0', 'tidak', 'n', 'f']);

/**
 * A cell as the value its field's type asks for; a value of the wrong form stays text, for the checks
 * to name. Idempotent on its own output written as text (String(value)), which is what staging holds.
 */
export function cellValue(def: FieldDef, raw: string): unknown {
  const t = raw.trim();
  if (t === '') return null;
  switch (def.type) {
    case 'code':
    case 'integer':
      return /^[+-]?[0-9]{1,15}$/.test(t) ? Number(t) : raw;
    case 'decimal': {
      const n = t.replace(',', '.');
      return /^[+-]?([0-9]{1,15}(\.[0-9]*)?|\.[0-9]+)$/.test(n) ? Number(n) : raw;
    }
    case 'boolean': {
      const l = t.toLowerCase();
      return TRUE.has(l) ? true : FALSE.has(l) ? false : raw;
    }
    case 'text':
      return raw;
    default:
      return t;
  }
}

/** A staged row as a record of dictionary values (as cellValue read them), with "__bad" for unreadable fields. */
function stagedRecord(sheet: Sheet, r: Record<string, unknown>) {
  const data: Record<string, unknown> = {};
  for (const def of STAGED_FIELDS[sheet]) {
    const v = r[`f_${def.name}`] as string | null;
    data[def.name] = v === null ? null : cellValue(def, v);
  }
  if (r.unreadable) data.__bad = r.unreadable;
  return { row_no: r.row_no as number, idbdt: r.idbdt as string | null, data };
}

// The staged rows of a load in one sheet's table.
const staged = (db: Db, table: 'baseline_households' | 'baseline_members', kab: string, id: string) =>
  db.selectFrom(table).selectAll().where('kab_kota', '=', kab).where('load_id', '=', id);

/** The staged households of the given rows with their staged members. */
export async function stagedPage(db: Db, kab: string, id: string, rows: readonly number[]) {
  const households = rows.length
    ? await staged(db, 'baseline_households', kab, id).where('row_no', 'in', rows).orderBy('row_no').execute()
    : [];
  const ids = [...new Set(households.map((h) => h.idbdt).filter((v): v is string => v !== null))];
  const members = ids.length ? await staged(db, 'baseline_members', kab, id).where('idbdt', 'in', ids).orderBy('row_no').execute() : [];
  return {
    households: households.map((h) => stagedRecord('households', h as unknown as Record<string, unknown>)),
    members: members.map((m) => stagedRecord('members', m as unknown as Record<string, unknown>)),
  };
}

export async function countErrors(db: Db, kab: string, id: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from baseline_errors where kab_kota = ${kab} and load_id = ${id}`.execute(
    db,
  );
  return r.rows[0]?.n ?? 0;
}

export interface ErrorReportRow {
  id: number;
  sheet: string;
  row_no: number;
  column_name: string;
  code: string;
  message_id: string;
  message_en: string;
}

/** The error report in file, row order, read in pages. */
export async function* errorRows(db: Db, kab: string, id: string): AsyncGenerator<ErrorReportRow> {
  let after: { sheet: string; row: number; id: number } | undefined;
  for (;;) {
    let q = db
      .selectFrom('baseline_errors')
      .select(['id', 'sheet', 'row_no', 'column_name', 'code', 'message_id', 'message_en'])
      .where('kab_kota', '=', kab)
      .where('load_id', '=', id);
    if (after) {
      const a = after;
      q = q.where(sql<boolean>`(sheet, row_no, id) > (${a.sheet}, ${a.row}, ${a.id})`);
    }
    const page = await q.orderBy('sheet').orderBy('row_no').orderBy('id').limit(2000).execute();
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < 2000) return;
    after = { sheet: last.sheet, row: last.row_no, id: last.id };
  }
}

/** Tables other than the registry's own that name households or members of the district (proposals, lists, nominations). */
export async function districtInUse(tx: Db, kab: string): Promise<boolean> {
  const refs = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_name in ('idbdt', 'idartbdt')
      -- Points (household_locations) describe the household itself and go with it (on delete cascade).
      and table_name not in ('households', 'members', 'household_history', 'household_locations')
      and table_name not like 'baseline\\_%'
      and table_name in (select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE')`.execute(
    tx,
  );
  for (const r of refs.rows) {
    const t = sql.table(r.table_name);
    const c = sql.ref(`x.${r.column_name}`);
    const key = r.column_name === 'idbdt' ? c : sql`left(${c}, 16)`;
    // Rows of every district: a household handed over keeps its proposals, lists and hand-over under the origin's kab_kota.
    const hit = await sql`select 1 from ${t} x join households h on h.idbdt = ${key} where h.kab_kota = ${kab} limit 1`.execute(tx);
    if (hit.rows.length > 0) return true;
  }
  return false;
}

/** Deletes the district's households, their members and their history (the replacement of a baseline). */
export async function deleteDistrictRegistry(tx: Db, kab: string): Promise<number> {
  // kab_kota is left(kode_wilayah, 4) (households_kab_kota_check), and members and history carry their household's.
  await sql`delete from household_history where kab_kota = ${kab}`.execute(tx);
  await sql`delete from members where kab_kota = ${kab}`.execute(tx);
  const r = await sql`delete from households where kab_kota = ${kab}`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

const DERIVED = new Set(['nama_krt', 'jumlah_art', 'jumlah_keluarga']);
const MEMBER_FLAGS = new Set(['ada_kks', 'ada_pbi', 'ada_kip', 'ada_pkh']);

/** A staged text column cast to the type of the registry column it fills (read from the catalog, without its length). */
async function castsTo(tx: Db, table: 'households' | 'members'): Promise<(field: string) => RawBuilder<unknown>> {
  const r = await sql<{ name: string; type: string }>`
    select a.attname as name, t.typname as type from pg_attribute a join pg_type t on t.oid = a.atttypid
    where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped`.execute(tx);
  const types = new Map(r.rows.filter((c) => /^[a-z0-9_]+$/.test(c.type)).map((c) => [c.name, c.type]));
  // The base type (bpchar, varchar, int4, …) without a length: the column's own length applies on
  // assignment, with an error, where a cast to varchar(n) would cut the value silently.
  return (field) => sql`cast(${sql.ref(`s.f_${field}`)} as ${sql.raw(types.get(field) ?? 'text')})`;
}

/** Publishes the staged households (version 1, AKTIF, derived fields as computed) set-based; returns the count. */
export async function publishHouseholds(tx: Db, kab: string, id: string, at: Date): Promise<number> {
  const cols = householdFields.map((f) => f.name);
  const cast = await castsTo(tx, 'households');
  const select = cols.map((c) => (DERIVED.has(c) ? sql.ref(`d.${c}`) : cast(c)));
  const r = await sql`
    insert into households (kab_kota, ${sql.join(cols.map((c) => sql.ref(c)))}, version, status, created_at, updated_at)
    select s.kab_kota, ${sql.join(select)}, 1, 'AKTIF', ${at}, ${at}
    from baseline_households s
    join baseline_derived d on d.kab_kota = s.kab_kota and d.load_id = s.load_id and d.row_no = s.row_no
    where s.kab_kota = ${kab} and s.load_id = ${id}`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** Publishes the staged members (version 1) set-based; returns the count. */
export async function publishMembers(tx: Db, kab: string, id: string, at: Date): Promise<number> {
  const cols = memberFields.map((f) => f.name);
  const cast = await castsTo(tx, 'members');
  const select = cols.map((c) => (MEMBER_FLAGS.has(c) ? sql`coalesce(${cast(c)}, false)` : cast(c)));
  const r = await sql`
    insert into members (kab_kota, ${sql.join(cols.map((c) => sql.ref(c)))}, idbdt, version, created_at, updated_at)
    select s.kab_kota, ${sql.join(select)}, s.idbdt, 1, ${at}, ${at}
    from baseline_members s
    where s.kab_kota = ${kab} and s.load_id = ${id}`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}
