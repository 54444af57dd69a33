import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

/** The household a move is about, locked for the rest of the transaction (a release, an approval and a move queue on it). */
export async function lockHousehold(tx: Db, kab: string, idbdt: string) {
  return tx
    .selectFrom('households')
    .select(['kab_kota', 'idbdt', 'kode_wilayah', 'status', 'version', 'nama_krt', 'jumlah_art'])
    .where('kab_kota', '=', kab)
    .where('idbdt', '=', idbdt)
    .forUpdate()
    .executeTakeFirst();
}

/** A region by code (the desa a household moves into, the destination district). */
export async function findRegion(db: Db, code: string) {
  return db.selectFrom('regions').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
}

/** Every province and district, by code (the destinations of a hand-over). */
export async function listDestinations(db: Db) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('level', 'in', ['provinsi', 'kabkota'])
    .orderBy('code')
    .execute() as Promise<{ code: string; name: string; level: 'provinsi' | 'kabkota' }[]>;
}

/** The number of members of a household of district `kab` (the summary the destination sees). */
export async function countMembers(db: Db, kab: string, idbdt: string): Promise<number> {
  const r = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kab_kota', '=', kab)
    .where('idbdt', '=', idbdt)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Which of these households of district `kab` are being handed over (an open HANDOVER, kept by the origin): one set-based query. */
export async function householdsInHandover(db: Db, kab: string, idbdts: readonly string[]): Promise<Set<string>> {
  if (idbdts.length === 0) return new Set();
  const rows = await db
    .selectFrom('relocations')
    .select('idbdt')
    .where('kab_kota', '=', kab)
    .where('status', '=', 'MENUNGGU')
    .where('idbdt', 'in', [...new Set(idbdts)])
    .execute();
  return new Set(rows.map((r) => r.idbdt));
}

/**
 * Moves the household to `kodeWilayah` with version + 1 and its history row (the old and new region,
 * by whom, why). Its map point is dropped: it marked the house it left, not the new one.
 */
export async function moveHousehold(
  tx: Db,
  h: { idbdt: string; kode_wilayah: string; version: number },
  kodeWilayah: string,
  by: number,
  reason: string,
  at: Date,
): Promise<number> {
  const version = h.version + 1;
  // The district the household is in once moved (a hand-over has already moved its rows there).
  const kab = kodeWilayah.slice(0, 4);
  await tx
    .updateTable('households')
    .set({ kode_wilayah: kodeWilayah, version, updated_at: at })
    .where('kab_kota', '=', kab)
    .where('idbdt', '=', h.idbdt)
    .execute();
  const moved = { kab_kota: kab, idbdt: h.idbdt };
  await insertHouseholdHistory(tx, moved, { field: 'kode_wilayah', from: h.kode_wilayah, to: kodeWilayah, version }, by, reason, at);
  await tx.deleteFrom('household_locations').where('kab_kota', '=', kab).where('idbdt', '=', h.idbdt).execute();
  return version;
}

// The rows that are the household itself and follow it into another district, parents first.
const HANDED_OVER = ['households', 'members', 'household_history', 'household_media'] as const;

/**
 * Hands a household over from district `from` to the desa `kodeWilayah` of another district: its
 * row, its members, its history and its kept photos (with their bytes) are inserted under the
 * destination's kab_kota and deleted from the origin, in the caller's transaction. kab_kota is
 * the distribution column (docs/adr/0015-distribution-by-district.md): Citus cannot update it, so
 * a hand-over is a delete and an insert. Its map point is dropped (the old house is not the new one).
 * The origin's relocation row, ended memberships and nominations stay with the origin.
 */
export async function handOverRows(tx: Db, idbdt: string, from: string, kodeWilayah: string): Promise<void> {
  const to = kodeWilayah.slice(0, 4);
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(HANDED_OVER.map((t) => sql`${t}`))})
    order by table_name, ordinal_position`.execute(tx);
  await sql`insert into media (kab_kota, sha256, content_type, bytes, size, created_at)
            select ${to}, m.sha256, m.content_type, m.bytes, m.size, m.created_at from media m
            where m.kab_kota = ${from} and m.sha256 in (select sha256 from household_media where kab_kota = ${from} and idbdt = ${idbdt})
            on conflict (kab_kota, sha256) do nothing`.execute(tx);
  for (const table of HANDED_OVER) {
    const cols = columns.rows.filter((c) => c.table_name === table).map((c) => c.column_name);
    const values = cols.map((c) =>
      c === 'kab_kota' ? sql`${to}` : table === 'households' && c === 'kode_wilayah' ? sql`${kodeWilayah}` : sql.ref(c),
    );
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
              select ${sql.join(values)} from ${sql.table(table)} where kab_kota = ${from} and idbdt = ${idbdt}`.execute(tx);
  }
  await tx.deleteFrom('household_locations').where('kab_kota', '=', from).where('idbdt', '=', idbdt).execute();
  for (const table of [...HANDED_OVER].reverse()) {
    await tx.deleteFrom(table).where('kab_kota', '=', from).where('idbdt', '=', idbdt).execute();
  }
}

/** One household_history row of a move or a hand-over step (source 'relocation'). */
export async function insertHouseholdHistory(
  tx: Db,
  { kab_kota, idbdt }: { kab_kota: string; idbdt: string },
  c: { field: string; from: string | null; to: string | null; version: number },
  by: number,
  reason: string | null,
  at: Date,
): Promise<void> {
  await tx
    .insertInto('household_history')
    .values({
      kab_kota,
      idbdt,
      idartbdt: null,
      field: c.field,
      old_value: c.from,
      new_value: c.to,
      version: c.version,
      changed_at: at,
      changed_by: by,
      source: 'relocation',
      reason,
    })
    .execute();
}

/** The waiting proposals of the household in its district follow it to its new region. */
export async function moveWaitingProposals(tx: Db, kab: string, idbdt: string, kodeWilayah: string): Promise<number> {
  const r = await tx
    .updateTable('proposals')
    .set({ kode_wilayah: kodeWilayah })
    .where('kab_kota', '=', kab)
    .where('idbdt', '=', idbdt)
    .where('status', '=', 'MENUNGGU')
    .where('finalisation_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The origin's waiting proposals about a household that left the district (as subject or as a
 * replacement) are closed as DITOLAK with the move as reason: the origin can no longer decide them.
 */
export async function rejectWaitingProposals(tx: Db, kab: string, idbdt: string, reason: string, at: Date): Promise<number> {
  const r = await tx
    .updateTable('proposals')
    .set({ status: 'DITOLAK', decided_at: at, decided_by: null, decision_reason: reason })
    .where('kab_kota', '=', kab)
    .where((eb) => eb.or([eb('idbdt', '=', idbdt), eb('replacement_idbdt', '=', idbdt)]))
    .where('status', '=', 'MENUNGGU')
    .where('finalisation_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Ends the household's AKTIF KPM memberships and its members' AKTIF PBI participations in district
 * `kab` with reason 2 (pindah), set-based, each with its history rows (status and reason), as an
 * approved removal writes them. Returns how many of each ended.
 */
export async function endMemberships(
  tx: Db,
  kab: string,
  idbdt: string,
  until: string,
  by: number,
  at: Date,
): Promise<{ kpm: number; pbi: number }> {
  const reason = '2 pindah';
  const kpm = await sql<{ n: number }>`
    with ended as (
      update kpm_memberships set status = 'NONAKTIF', until = greatest(since, ${until}::date), reason = 2,
        version = version + 1, updated_at = ${at}
      where kab_kota = ${kab} and idbdt = ${idbdt} and status = 'AKTIF'
      returning kab_kota, program, idbdt, version
    ), history as (
      insert into kpm_history (kab_kota, program, idbdt, field, old_value, new_value, version, changed_at, changed_by, source, reason)
      select e.kab_kota, e.program, e.idbdt, f.field, f.old_value, f.new_value, e.version, ${at}, ${by}, 'relocation', ${reason}
      from ended e cross join (values ('status', 'AKTIF', 'NONAKTIF'), ('reason', null, '2')) f(field, old_value, new_value)
    )
    select count(*)::int as n from ended`.execute(tx);
  const pbi = await sql<{ n: number }>`
    with ended as (
      update pbi_participants set status = 'NONAKTIF', until = greatest(since, ${until}::date), reason = 2,
        version = version + 1, updated_at = ${at}
      where kab_kota = ${kab} and left(idartbdt, 16) = ${idbdt} and status = 'AKTIF'
      returning kab_kota, idartbdt, version
    ), history as (
      insert into pbi_history (kab_kota, idartbdt, field, old_value, new_value, version, changed_at, changed_by, source, reason)
      select e.kab_kota, e.idartbdt, f.field, f.old_value, f.new_value, e.version, ${at}, ${by}, 'relocation', ${reason}
      from ended e cross join (values ('status', 'AKTIF', 'NONAKTIF'), ('reason', null, '2')) f(field, old_value, new_value)
    )
    select count(*)::int as n from ended`.execute(tx);
  return { kpm: kpm.rows[0]?.n ?? 0, pbi: pbi.rows[0]?.n ?? 0 };
}

export interface NewRelocation {
  kab_kota: string;
  idbdt: string;
  kind: 'WITHIN' | 'HANDOVER';
  status: 'SELESAI' | 'MENUNGGU';
  from_kode_wilayah: string;
  to_kab: string;
  to_kode_wilayah: string | null;
  reason: string;
  summary: { krtInitials: string | null; memberCount: number; originDesa: string };
  created_by: number;
  created_at: Date;
}

/** Stores a move or a release; null when the household has an open hand-over already (the unique key). */
export async function insertRelocation(tx: Db, r: NewRelocation): Promise<number | null> {
  const row = await tx
    .insertInto('relocations')
    .values({ ...r, summary: JSON.stringify(r.summary) })
    .onConflict((oc) => oc.columns(['kab_kota', 'idbdt']).where('status', '=', 'MENUNGGU').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** A relocation by id, locked for the step that closes it. */
export async function lockRelocation(tx: Db, kab: string, id: number) {
  return tx.selectFrom('relocations').selectAll().where('kab_kota', '=', kab).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Closes an open hand-over: DITERIMA (into `toKodeWilayah`), DITOLAK or DIBATALKAN. */
export async function closeRelocation(
  tx: Db,
  r: { kab_kota: string; id: number },
  c: { status: 'DITERIMA' | 'DITOLAK' | 'DIBATALKAN'; toKodeWilayah?: string; by: number; reason: string | null; at: Date },
): Promise<void> {
  await tx
    .updateTable('relocations')
    .set({
      status: c.status,
      to_kode_wilayah: c.toKodeWilayah ?? null,
      decided_at: c.at,
      decided_by: c.by,
      decision_reason: c.reason,
    })
    .where('kab_kota', '=', r.kab_kota)
    .where('id', '=', r.id)
    .execute();
}

export interface RelocationFilter {
  direction: 'in' | 'out' | 'pending';
  /** The district the list is about (null: the whole scope). */
  kab: string | null;
  status?: string;
  kind?: 'WITHIN' | 'HANDOVER';
  idbdt?: string;
  id?: number;
  /** The caller's scope over a region code column. */
  scope: (column: string) => Expression<SqlBool>;
}

function filtered(db: Db, f: RelocationFilter) {
  let q = db
    .selectFrom('relocations as r')
    .innerJoin('regions as fk', 'fk.code', 'r.kab_kota')
    .innerJoin('regions as fd', 'fd.code', 'r.from_kode_wilayah')
    .innerJoin('regions as tk', 'tk.code', 'r.to_kab')
    .leftJoin('regions as td', 'td.code', 'r.to_kode_wilayah')
    .leftJoin('users as cu', 'cu.id', 'r.created_by')
    .leftJoin('users as du', 'du.id', 'r.decided_by');
  if (f.direction === 'out') {
    // Moves out of the district, and moves within it (its own history of moves).
    q = q.where(f.scope('r.from_kode_wilayah'));
    if (f.kab) q = q.where('r.kab_kota', '=', f.kab);
  } else {
    // Hand-overs into the district: the destination reads them by its district code while they
    // wait (there is no desa yet), and by the desa they went into once accepted.
    q = q
      .where('r.kind', '=', 'HANDOVER')
      .where((eb) => eb.or([f.scope('r.to_kode_wilayah'), eb.and([eb('r.status', '<>', 'DITERIMA'), f.scope('r.to_kab')])]));
    if (f.kab) q = q.where('r.to_kab', '=', f.kab);
    if (f.direction === 'pending') q = q.where('r.status', '=', 'MENUNGGU');
  }
  if (f.status) q = q.where('r.status', '=', f.status as 'MENUNGGU');
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.idbdt) q = q.where('r.idbdt', '=', f.idbdt);
  if (f.id !== undefined) q = q.where('r.id', '=', f.id);
  return q;
}

function selected(db: Db, f: RelocationFilter) {
  return filtered(db, f)
    .select([
      'r.kab_kota',
      'r.id',
      'r.idbdt',
      'r.kind',
      'r.status',
      'r.from_kode_wilayah',
      'fk.name as from_kab_name',
      'fd.name as from_desa_name',
      'r.to_kab',
      'tk.name as to_kab_name',
      'r.to_kode_wilayah',
      'td.name as to_desa_name',
      'r.reason',
      'r.summary',
      'r.created_at',
      'cu.username as created_by',
      'r.decided_at',
      'du.username as decided_by',
      'r.decision_reason',
    ])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc');
}

export type RelocationRow = Awaited<ReturnType<ReturnType<typeof selected>['execute']>>[number];

/** One page of relocations, newest first, with the total. */
export async function pageRelocations(db: Db, f: RelocationFilter, page: number, pageSize: number) {
  const [items, total] = await Promise.all([
    selected(db, f)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    countRelocations(db, f),
  ]);
  return { items, total };
}

/** How many relocations match the filter. */
export async function countRelocations(db: Db, f: RelocationFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every relocation of the filter, a page at a time (exports: flat memory). */
export async function* streamRelocations(db: Db, f: RelocationFilter, pageSize = 2000): AsyncGenerator<RelocationRow> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await selected(db, f).limit(pageSize).offset(offset).execute();
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

/** One relocation as the lists show it (whoever's: the caller decides what it may see). */
export async function findRelocationRow(db: Db, id: number): Promise<RelocationRow | undefined> {
  return selected(db, { direction: 'out', kab: null, id, scope: () => sql<SqlBool>`true` }).executeTakeFirst();
}
