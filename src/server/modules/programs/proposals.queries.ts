// SQL of the BSP and PBI proposals (issue 10, F10/F11; migrations/0017): the review lists, one
// proposal, the rows a decision locks and writes, and the waiting lists.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { ProposalStatus } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';

export type Module = 'BSP' | 'PBI';
export type KpmProgram = 'BPNT' | 'RASTRA';

/** A review-list filter; `scope` is the actor's scope fragment over a region code column. */
export interface ProgrammeProposalFilter {
  module: Module;
  scope: (column: string) => Expression<SqlBool>;
  kab?: string;
  type?: string;
  program?: string;
  kecamatan?: string;
  desa?: string;
  origin?: 'PACKAGE' | 'ONLINE';
  importId?: string;
  status?: ProposalStatus;
}

function where(f: ProgrammeProposalFilter, withStatus = true): Expression<SqlBool> {
  const w: Expression<SqlBool>[] = [sql<SqlBool>`p.module = ${f.module}`, f.scope('p.kode_wilayah')];
  if (f.kab) w.push(sql<SqlBool>`p.kab_kota = ${f.kab}`);
  if (f.type) w.push(sql<SqlBool>`p.type = ${f.type}`);
  if (f.program) w.push(sql<SqlBool>`p.program = ${f.program}`);
  if (f.desa) w.push(sql<SqlBool>`p.kode_wilayah = ${f.desa}`);
  else if (f.kecamatan) w.push(sql<SqlBool>`p.kode_wilayah like ${`${f.kecamatan}%`}`);
  if (f.origin) w.push(sql<SqlBool>`p.origin = ${f.origin}`);
  if (f.importId) w.push(sql<SqlBool>`p.import_id = ${f.importId}`);
  if (withStatus && f.status) w.push(sql<SqlBool>`p.status = ${f.status}`);
  return sql<SqlBool>`${sql.join(w, sql` and `)}`;
}

const columns = [
  'p.id',
  'p.module',
  'p.type',
  'p.program',
  'p.idbdt',
  'p.idartbdt',
  'p.replacement_idbdt',
  'p.reason_code',
  'p.kab_kota',
  'p.kode_wilayah',
  'p.body',
  'p.status',
  'p.origin',
  'p.operator_username',
  'p.import_id',
  'p.package_id',
  'p.imported_at',
  'p.errors',
  'p.conflict',
  'p.decided_at',
  'p.decision_reason',
  'p.finalisation_id',
] as const;

function base(db: Db) {
  return db
    .selectFrom('proposals as p')
    .leftJoin('imports as i', (j) => j.onRef('i.kab_kota', '=', 'p.kab_kota').onRef('i.id', '=', 'p.import_id'))
    .leftJoin('regions as d', 'd.code', 'p.kode_wilayah')
    .leftJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'p.kab_kota').onRef('h.idbdt', '=', 'p.idbdt'))
    .leftJoin('members as m', (j) => j.onRef('m.kab_kota', '=', 'p.kab_kota').onRef('m.idartbdt', '=', 'p.idartbdt'))
    .select([...columns, 'i.file_name', 'i.period', 'd.name as nama_desa', 'h.nama_krt', 'm.nama']);
}

/** One page of a module's proposals, oldest first. */
export async function pageProposals(db: Db, f: ProgrammeProposalFilter, page: number, pageSize: number) {
  return base(db)
    .where(where(f))
    .orderBy('p.imported_at')
    .orderBy(sql`p.line_no nulls last`)
    .orderBy('p.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export type ProgrammeProposalRow = Awaited<ReturnType<typeof pageProposals>>[number];

/** Counts per status for the filter without its status. */
export async function countByStatus(db: Db, f: ProgrammeProposalFilter): Promise<Record<string, number>> {
  const { rows } = await sql<{ status: string; n: number }>`
    select p.status, count(*)::int as n from proposals p where ${where(f, false)} group by p.status`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** The ids of the waiting proposals of a filter, in review order (bulk decisions). */
export async function listMatchingIds(db: Db, f: ProgrammeProposalFilter): Promise<string[]> {
  const rows = await db
    .selectFrom('proposals as p')
    .select('p.id')
    .where(where(f))
    .orderBy('p.imported_at')
    .orderBy(sql`p.line_no nulls last`)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.id);
}

/** One proposal of a module in the scope, with the decider's username. */
export async function findProposal(
  db: Db,
  module: Module,
  scope: (column: string) => Expression<SqlBool>,
  id: string,
  districts: (column: string) => Expression<SqlBool>,
) {
  return base(db)
    .leftJoin('users as u', 'u.id', 'p.decided_by')
    .select('u.username as decided_by')
    .where(districts('p.kab_kota'))
    .where('p.id', '=', id)
    .where('p.module', '=', module)
    .where(scope('p.kode_wilayah'))
    .executeTakeFirst();
}

/** A module's proposals of a district locked for a decision, in the given order. */
export async function lockProposals(tx: Db, module: Module, kab: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('proposals as p')
    .leftJoin('imports as i', (j) => j.onRef('i.kab_kota', '=', 'p.kab_kota').onRef('i.id', '=', 'p.import_id'))
    .select([...columns, 'i.period'])
    .where('p.id', 'in', ids)
    .where('p.kab_kota', '=', kab)
    .where('p.module', '=', module)
    .forUpdate('p')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => r !== undefined);
}

export type LockedProposal = Awaited<ReturnType<typeof lockProposals>>[number];

/** Whether a waiting proposal of the module already names this household (BSP: as KPM or replacement) or member (PBI). */
export async function hasWaitingProposal(db: Db, module: Module, kab: string, key: { idbdt?: string; idartbdt?: string }) {
  const named =
    module === 'BSP'
      ? sql<SqlBool>`(p.idbdt = ${key.idbdt ?? null} or p.replacement_idbdt = ${key.idbdt ?? null})`
      : sql<SqlBool>`p.idartbdt = ${key.idartbdt ?? null}`;
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from proposals p
    where p.kab_kota = ${kab} and p.module = ${module} and p.status = 'MENUNGGU' and ${named}`.execute(db);
  return rows[0]!.n > 0;
}

/** Inserts an online proposal. */
export async function insertOnlineProposal(tx: Db, row: Record<string, unknown>): Promise<void> {
  await tx
    .insertInto('proposals')
    .values(row as never)
    .execute();
}

// ---- What a decision reads and writes ----

/** Households by idbdt (status, region, persentil, present members), share-locked in idbdt order. */
export async function lockHouseholdSummaries(tx: Db, kab: string, idbdts: readonly string[], lock = true) {
  if (idbdts.length === 0) return [];
  const { rows } = await sql<{
    idbdt: string;
    status: 'AKTIF' | 'NONAKTIF';
    kode_wilayah: string;
    nama_krt: string | null;
    persentil: number | null;
    nama_desa: string | null;
  }>`
    select h.idbdt, h.status, h.kode_wilayah, h.nama_krt, h.persentil, d.name as nama_desa
    from households h left join regions d on d.code = h.kode_wilayah
    where h.kab_kota = ${kab} and h.idbdt = any(${[...idbdts].sort()}::bpchar[]) order by h.idbdt ${lock ? sql`for share of h` : sql``}`.execute(
    tx,
  );
  return rows;
}

/** The members of households (who is present, who is the head). */
export async function listMembersOf(db: Db, kab: string, idbdts: readonly string[]) {
  if (idbdts.length === 0) return [];
  return db
    .selectFrom('members')
    .select(['idartbdt', 'idbdt', 'nama', 'hub_krt', 'sta_keberadaan_art'])
    .where('kab_kota', '=', kab)
    .where(sql<SqlBool>`idbdt = any(${[...idbdts]}::bpchar[])`)
    .orderBy('idartbdt')
    .execute();
}

/** Members of households a replacement's pengurus is chosen from: each household's head and the members named (`named`). */
export async function listPengurusCandidates(db: Db, kab: string, idbdts: readonly string[], named: readonly string[]) {
  if (idbdts.length === 0) return [];
  const { rows } = await sql<{ idartbdt: string; idbdt: string; hub_krt: number; sta_keberadaan_art: number }>`
    select idartbdt, idbdt, hub_krt, sta_keberadaan_art from members
    where kab_kota = ${kab} and idbdt = any(${[...idbdts]}::bpchar[]) and (hub_krt = 1 or idartbdt = any(${[...named]}::bpchar[]))
    order by idartbdt`.execute(db);
  return rows;
}

/** KPM memberships of households in a district (every programme), locked unless `lock` is false. */
export async function lockKpm(tx: Db, kab: string, idbdts: readonly string[], lock = true) {
  if (idbdts.length === 0) return [];
  const { rows } = await sql<KpmRow>`
    select kab_kota, program, idbdt, id_pengurus, no_kks, no_rekening, status, to_char(since, 'YYYY-MM-DD') as since,
           to_char(until, 'YYYY-MM-DD') as until, reason, version
    from kpm_memberships where kab_kota = ${kab} and idbdt = any(${[...idbdts].sort()}::bpchar[])
    order by program, idbdt ${lock ? sql`for update` : sql``}`.execute(tx);
  return rows;
}

/** The columns every membership row has (KPM and PBI alike). */
interface MembershipRow {
  kab_kota: string;
  status: 'AKTIF' | 'NONAKTIF';
  since: string;
  until: string | null;
  reason: number | null;
  version: number;
}

export interface KpmRow extends MembershipRow {
  program: KpmProgram;
  idbdt: string;
  id_pengurus: string | null;
  no_kks: string | null;
  no_rekening: string | null;
}

export interface PbiRow extends MembershipRow {
  idartbdt: string;
  no_kartu: string | null;
}

/** PBI participations of members in a district, locked unless `lock` is false. */
export async function lockPbi(tx: Db, kab: string, idartbdts: readonly string[], lock = true) {
  if (idartbdts.length === 0) return [];
  const { rows } = await sql<PbiRow>`
    select kab_kota, idartbdt, no_kartu, status, to_char(since, 'YYYY-MM-DD') as since, to_char(until, 'YYYY-MM-DD') as until,
           reason, version
    from pbi_participants where kab_kota = ${kab} and idartbdt = any(${[...idartbdts].sort()}::bpchar[])
    order by idartbdt ${lock ? sql`for update` : sql``}`.execute(tx);
  return rows;
}

/** KKS numbers already held in a programme of a district (the unique key), among `numbers`. */
export async function takenKks(db: Db, kab: string, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const { rows } = await sql<{ k: string }>`
    select program || ':' || no_kks as k from kpm_memberships where kab_kota = ${kab} and no_kks = any(${[...numbers]}::text[])`.execute(
    db,
  );
  return new Set(rows.map((r) => r.k));
}

/** AKTIF members of one list of a district (the quota's "used"). */
export async function countActive(db: Db, kab: string, program: KpmProgram | 'PBI'): Promise<number> {
  const { rows } =
    program === 'PBI'
      ? await sql<{ n: number }>`select count(*)::int as n from pbi_participants where kab_kota = ${kab} and status = 'AKTIF'`.execute(db)
      : await sql<{ n: number }>`
          select count(*)::int as n from kpm_memberships where kab_kota = ${kab} and program = ${program} and status = 'AKTIF'`.execute(db);
  return rows[0]!.n;
}

/**
 * Writes the changed rows of a membership table: those read from it (`stored`, locked by this
 * transaction) updated in place, new ones inserted (on conflict: updated). Two plain statements
 * rather than one upsert: a stored row does not go through the speculative insert first.
 */
async function writeMemberships<R extends MembershipRow>(
  tx: Db,
  table: 'kpm_memberships' | 'pbi_participants',
  keys: readonly string[],
  fields: readonly string[],
  rows: readonly R[],
  stored: (row: R) => boolean,
): Promise<void> {
  // Only the written columns go over the wire (the replacer names them).
  const values = (rs: readonly R[]) =>
    sql`jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rs, [...keys, ...fields])}::jsonb)`;
  const changed = rows.filter(stored);
  const added = rows.filter((r) => !stored(r));
  if (changed.length > 0)
    await sql`
      update ${sql.table(table)} t set ${sql.join(fields.map((f) => sql`${sql.ref(f)} = v.${sql.ref(f)}`))}, updated_at = now()
      from ${values(changed)} v where ${sql.join(
        keys.map((k) => sql`t.${sql.ref(k)} = v.${sql.ref(k)}`),
        sql` and `,
      )}`.execute(tx);
  if (added.length > 0) {
    const columns = sql.join([...keys, ...fields].map((c) => sql.ref(c)));
    await sql`
      insert into ${sql.table(table)} (${columns}, updated_at) select ${columns}, now() from ${values(added)} v
      on conflict (${sql.join(keys.map((k) => sql.ref(k)))}) do update
      set ${sql.join(fields.map((f) => sql`${sql.ref(f)} = excluded.${sql.ref(f)}`))}, updated_at = excluded.updated_at`.execute(tx);
  }
}

/** Writes KPM memberships: `stored` tells the rows read from the table (updated) from new ones (inserted). */
export async function upsertKpm(tx: Db, rows: readonly KpmRow[], stored: (row: KpmRow) => boolean = () => false): Promise<void> {
  await writeMemberships(
    tx,
    'kpm_memberships',
    ['kab_kota', 'program', 'idbdt'],
    ['id_pengurus', 'no_kks', 'no_rekening', 'status', 'since', 'until', 'reason', 'version'],
    rows,
    stored,
  );
}

/** Writes PBI participations: `stored` tells the rows read from the table (updated) from new ones (inserted). */
export async function upsertPbi(tx: Db, rows: readonly PbiRow[], stored: (row: PbiRow) => boolean = () => false): Promise<void> {
  await writeMemberships(
    tx,
    'pbi_participants',
    ['kab_kota', 'idartbdt'],
    ['no_kartu', 'status', 'since', 'until', 'reason', 'version'],
    rows,
    stored,
  );
}

// ---- Waiting lists ----

/** Present members (sta_keberadaan_art 1 or 4) of household `h` and the vulnerable among them on `today`. */
const vulnerable = (today: string) => sql`
  left join lateral (
    select count(*)::int as members,
      count(*) filter (where m.tanggal_lahir::date <= ${today}::date - interval '60 years'
                          or m.tanggal_lahir::date > ${today}::date - interval '6 years'
                          or m.jenis_cacat <> 0 or m.sta_hamil)::int as vulnerable
    from members m where m.kab_kota = h.kab_kota and m.idbdt = h.idbdt and m.sta_keberadaan_art in (1, 4)) v on true`;

/** A household of a waiting list, with its present and vulnerable members. */
export interface WaitingHousehold {
  idbdt: string;
  kode_wilayah: string;
  nama_desa: string | null;
  nama_krt: string | null;
  persentil: number | null;
  members: number;
  vulnerable: number;
}

export interface WaitingFilter {
  kab: string;
  /** The actor's scope over the households `h` (scope.householdsInScope). */
  scope: Expression<SqlBool>;
  kecamatan?: string;
  desa?: string;
  /** The district's date: ages are judged on it. */
  today: string;
  page: number;
  pageSize: number;
}

function waitingWhere(f: WaitingFilter): Expression<SqlBool> {
  const w: Expression<SqlBool>[] = [
    // The district said once (platform/scope.ts householdsInScope): kab_kota, whose CHECK ties it to the code.
    sql<SqlBool>`h.kab_kota = ${f.kab}`,
    f.scope,
    sql<SqlBool>`h.status = 'AKTIF'`,
    sql<SqlBool>`h.persentil between 1 and 40`,
  ];
  if (f.desa) w.push(sql<SqlBool>`h.kode_wilayah = ${f.desa}`);
  else if (f.kecamatan) w.push(sql<SqlBool>`h.kode_wilayah like ${`${f.kecamatan}%`}`);
  return sql<SqlBool>`${sql.join(w, sql` and `)}`;
}

/**
 * AKTIF households of desil 1–4 of a district that are no AKTIF KPM of the programme and named by
 * no waiting BSP proposal of it; lowest persentil first, then the most vulnerable members.
 */
export async function pageKpmWaiting(db: Db, f: WaitingFilter & { program: KpmProgram }) {
  const from = sql`
    from households h
    ${vulnerable(f.today)}
    where ${waitingWhere(f)}
      and not exists (select 1 from kpm_memberships k where k.kab_kota = ${f.kab} and k.program = ${f.program} and k.idbdt = h.idbdt and k.status = 'AKTIF')
      and not exists (select 1 from proposals p where p.kab_kota = ${f.kab} and p.replacement_idbdt = h.idbdt and p.status = 'MENUNGGU' and p.program = ${f.program})`;
  const { rows } = await sql<WaitingHousehold & { id_pengurus: string | null }>`
    select h.idbdt, h.kode_wilayah, (select name from regions where code = h.kode_wilayah) as nama_desa, h.nama_krt, h.persentil,
      coalesce(v.members, 0) as members, coalesce(v.vulnerable, 0) as vulnerable,
      (select min(m.idartbdt) from members m where m.kab_kota = h.kab_kota and m.idbdt = h.idbdt and m.hub_krt = 1 and m.sta_keberadaan_art in (1, 4)) as id_pengurus
    ${from}
    order by h.persentil, coalesce(v.vulnerable, 0) desc, h.idbdt
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n ${from}`.execute(db);
  return { items: rows, total: total.rows[0]!.n };
}

/**
 * Present members of AKTIF households of desil 1–4 of a district that are no AKTIF PBI participant
 * and named by no waiting PBI proposal; same order as the KPM waiting list.
 */
export async function pagePbiWaiting(db: Db, f: WaitingFilter) {
  const from = sql`
    from households h
    join members m on m.kab_kota = h.kab_kota and m.idbdt = h.idbdt and m.sta_keberadaan_art in (1, 4)
    ${vulnerable(f.today)}
    where ${waitingWhere(f)}
      and not exists (select 1 from pbi_participants b where b.kab_kota = ${f.kab} and b.idartbdt = m.idartbdt and b.status = 'AKTIF')
      and not exists (select 1 from proposals p where p.kab_kota = ${f.kab} and p.idartbdt = m.idartbdt and p.status = 'MENUNGGU' and p.module = 'PBI')`;
  const { rows } = await sql<WaitingHousehold & { idartbdt: string; nama: string; nik: string }>`
    select h.idbdt, m.idartbdt, m.nama, m.nik, h.kode_wilayah, (select name from regions where code = h.kode_wilayah) as nama_desa,
      h.nama_krt, h.persentil, coalesce(v.members, 0) as members, coalesce(v.vulnerable, 0) as vulnerable
    ${from}
    order by h.persentil, coalesce(v.vulnerable, 0) desc, m.idartbdt
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n ${from}`.execute(db);
  return { items: rows, total: total.rows[0]!.n };
}
