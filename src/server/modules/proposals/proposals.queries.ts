import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { ProposalStatus } from '../../platform/db-schema.ts';
import { EXPORT_PAGE, keyset } from '../../platform/keyset.ts';
import { type MemberRecord, memberRecordSelections } from '../programs/index.ts';

export interface ProposalFilter {
  /** The actor's district. */
  kab: string;
  tab?: 'PERBAIKAN' | 'USULAN_BARU';
  kecamatan?: string;
  desa?: string;
  importId?: string;
  operator?: string;
  result?: number;
  status?: ProposalStatus;
  conflict?: boolean;
  warning?: boolean;
}

/** The types of a BDT proposal (module BDT; a BDT proposal always comes from an import). */
type BdtProposalType = 'PERBAIKAN' | 'USULAN_BARU';

// Every filter of Verifikasi Usulan (F7), on the BDT proposals of one district (BSP and PBI
// proposals have their own lists, F10/F11).
function where(f: ProposalFilter, withStatus = true): Expression<SqlBool>[] {
  const w: Expression<SqlBool>[] = [sql<SqlBool>`p.kab_kota = ${f.kab}`, sql<SqlBool>`p.module = 'BDT'`];
  if (f.tab) w.push(sql<SqlBool>`p.type = ${f.tab}`);
  if (f.desa) w.push(sql<SqlBool>`p.kode_wilayah = ${f.desa}`);
  else if (f.kecamatan) w.push(sql<SqlBool>`p.kode_wilayah like ${`${f.kecamatan}%`}`);
  if (f.importId) w.push(sql<SqlBool>`p.import_id = ${f.importId}`);
  if (f.operator) w.push(sql<SqlBool>`p.operator_username = ${f.operator}`);
  if (f.result) w.push(sql<SqlBool>`p.verval_result = ${f.result}`);
  if (withStatus && f.status) w.push(sql<SqlBool>`p.status = ${f.status}`);
  if (f.conflict !== undefined) w.push(sql<SqlBool>`p.conflict = ${f.conflict}`);
  if (f.warning !== undefined) w.push(sql<SqlBool>`p.has_warning = ${f.warning}`);
  return w;
}

const and = (w: Expression<SqlBool>[]) => sql<SqlBool>`${sql.join(w, sql` and `)}`;

// The list's rows of a filter, oldest line first (page and export cut them).
function listed(db: Db, f: ProposalFilter) {
  return db
    .selectFrom('proposals as p')
    .innerJoin('imports as i', (j) => j.onRef('i.kab_kota', '=', 'p.kab_kota').onRef('i.id', '=', 'p.import_id'))
    .leftJoin('regions as d', 'd.code', 'p.kode_wilayah')
    .leftJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'p.kab_kota').onRef('h.idbdt', '=', 'p.idbdt'))
    .select([
      'p.id',
      'p.type',
      'p.idbdt',
      'p.kode_wilayah',
      'd.name as nama_desa',
      sql<
        string | null
      >`coalesce(h.nama_krt, (select m->'fields'->>'nama' from jsonb_array_elements(p.body->'members') m where (m->'fields'->>'hub_krt') = '1' limit 1))`.as(
        'nama_krt',
      ),
      'p.verval_result',
      'p.status',
      'p.conflict',
      'p.has_warning',
      sql<number>`(select count(*)::int from proposals o where o.kab_kota = p.kab_kota and o.idbdt = p.idbdt and o.id <> p.id and o.status = 'MENUNGGU')`.as(
        'pending_others',
      ),
      'p.operator_username',
      'p.import_id',
      'i.file_name',
      'p.imported_at',
    ])
    .where(and(where(f)))
    .orderBy('p.imported_at')
    .orderBy('p.import_id')
    .orderBy('p.line_no')
    .$narrowType<{ type: BdtProposalType; import_id: string }>();
}

/** One page of proposals matching the filter, oldest line first. */
export async function listProposals(db: Db, f: ProposalFilter, page: number, pageSize: number) {
  // The page's ids first, ordered and cut from the proposals alone; the joins (import, desa,
  // household) and the per-row subqueries then run for the page's rows only. Joined before the
  // cut, every matching row and every skipped one paid for them: 92 ms for page 40 of 2,000
  // proposals in EXPLAIN ANALYZE, against 9 ms this way (issue 17 item 4).
  const ids = matchingIds(db, f)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return listed(db, f).where(sql<SqlBool>`p.id = any(array(${ids}))`).execute();
}

/** A row of the proposal list. */
export type ProposalListRow = Awaited<ReturnType<typeof listProposals>>[number];

/** Every proposal matching the filter in the list's order, read a page at a time after the last (exports). */
export function streamProposals(db: Db, f: ProposalFilter, pageSize = EXPORT_PAGE): AsyncGenerator<ProposalListRow> {
  // The key is read back from the row itself: a JS Date would drop the microseconds of imported_at.
  return keyset<ProposalListRow>(
    (after, limit) =>
      (after
        ? listed(db, f).where(
            sql<SqlBool>`(p.imported_at, p.import_id, p.line_no) > (select o.imported_at, o.import_id, o.line_no from proposals o where o.kab_kota = ${f.kab} and o.id = ${after.id})`,
          )
        : listed(db, f)
      )
        .limit(limit)
        .execute(),
    pageSize,
  );
}

/** Counts for the filter: total, per status (ignoring the status filter), conflicts, warnings. */
export async function countProposals(db: Db, f: ProposalFilter) {
  const r = await sql<{ status: ProposalStatus; n: number; conflicts: number; warnings: number }>`
    select p.status, count(*)::int as n, count(*) filter (where p.conflict)::int as conflicts, count(*) filter (where p.has_warning)::int as warnings
    from proposals p where ${and(where(f, false))} group by p.status`.execute(db);
  const byStatus: Record<string, number> = {
    MENUNGGU: 0,
    DISETUJUI: 0,
    SEBAGIAN: 0,
    DITOLAK: 0,
    PERLU_PERBAIKAN: 0,
    GAGAL_VALIDASI: 0,
  };
  let conflict = 0;
  let warning = 0;
  for (const row of r.rows) {
    byStatus[row.status] = row.n;
    if (!f.status || f.status === row.status) {
      conflict += row.conflicts;
      warning += row.warnings;
    }
  }
  const total = f.status ? byStatus[f.status]! : Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, byStatus, conflict, warning };
}

// The ids of the proposals of a filter in the list's order (a page cuts them, a bulk decision takes all).
function matchingIds(db: Db, f: ProposalFilter) {
  return db
    .selectFrom('proposals as p')
    .select('p.id')
    .where(and(where(f)))
    .orderBy('p.imported_at')
    .orderBy('p.import_id')
    .orderBy('p.line_no');
}

/** The ids of proposals matching a filter (for bulk decisions), oldest first. */
export async function listMatchingIds(db: Db, f: ProposalFilter): Promise<string[]> {
  const rows = await matchingIds(db, f).execute();
  return rows.map((r) => r.id);
}

/** What a package line says about the visit and the household (finalisations read it too). */
export const proposalLineColumns = [
  'p.base_version',
  'p.verval_result',
  'p.duplicate_of',
  'p.merge_into',
  'p.visited_at',
  'p.musdes_at',
  'p.body',
] as const;

const proposalColumns = [
  'p.id',
  'p.import_id',
  'p.package_id',
  'p.line_no',
  'p.kab_kota',
  'p.kode_wilayah',
  'p.type',
  'p.idbdt',
  ...proposalLineColumns,
  'p.operator_username',
  'p.status',
  'p.errors',
  'p.warnings',
  'p.conflict',
  'p.conflict_changes',
  'p.decided_at',
  'p.decision_reason',
  'p.accepted_fields',
  'p.rejected_fields',
  'p.assigned',
  'p.finalisation_id',
] as const;

/** One BDT proposal of a district, with its import's file name and the decider's username. */
export async function findProposal(db: Db, kab: string, id: string) {
  return db
    .selectFrom('proposals as p')
    .innerJoin('imports as i', (j) => j.onRef('i.kab_kota', '=', 'p.kab_kota').onRef('i.id', '=', 'p.import_id'))
    .leftJoin('users as u', 'u.id', 'p.decided_by')
    .select([...proposalColumns, 'i.file_name', 'u.username as decided_by'])
    .where('p.id', '=', id)
    .where('p.kab_kota', '=', kab)
    .where('p.module', '=', 'BDT')
    .$narrowType<{ type: BdtProposalType; import_id: string }>()
    .executeTakeFirst();
}

export type ProposalRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

/** BDT proposals locked for a decision, in the given order. */
export async function lockProposals(tx: Db, kab: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('proposals as p')
    .innerJoin('imports as i', (j) => j.onRef('i.kab_kota', '=', 'p.kab_kota').onRef('i.id', '=', 'p.import_id'))
    .select([...proposalColumns, 'i.file_name', sql<string | null>`null`.as('decided_by')])
    .where('p.id', 'in', ids)
    .where('p.kab_kota', '=', kab)
    .where('p.module', '=', 'BDT')
    .$narrowType<{ type: BdtProposalType; import_id: string }>()
    .forUpdate()
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => r !== undefined);
}

/** Other waiting proposals of district `kab` for the same household. */
export async function listPendingOthers(db: Db, kab: string, idbdt: string, exceptId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('proposals')
    .select('id')
    .where('kab_kota', '=', kab)
    .where('idbdt', '=', idbdt)
    .where('id', '!=', exceptId)
    .where('status', '=', 'MENUNGGU')
    .execute();
  return rows.map((r) => r.id);
}

// The districts of households (an idbdt starts with its desa code, whose first four digits are the district).
const districtsOf = (idbdts: readonly string[]) => [...new Set(idbdts.map((id) => id.slice(0, 4)))];

/** Households locked for update (in idbdt order, so concurrent decisions cannot deadlock). */
export async function lockHouseholds(tx: Db, idbdts: readonly string[]) {
  if (idbdts.length === 0) return [];
  return tx
    .selectFrom('households')
    .selectAll()
    .where('kab_kota', 'in', districtsOf(idbdts))
    .where('idbdt', 'in', [...idbdts].sort())
    .orderBy('idbdt')
    .forUpdate()
    .execute();
}

/** The members of households (the programme flags derived from the lists). */
export async function listMembersOf(db: Db, idbdts: readonly string[]): Promise<MemberRecord[]> {
  if (idbdts.length === 0) return [];
  return db
    .selectFrom('members as m')
    .select(memberRecordSelections('m'))
    .where('m.kab_kota', 'in', districtsOf(idbdts))
    .where('m.idbdt', 'in', idbdts)
    .orderBy('m.idartbdt')
    .execute() as Promise<MemberRecord[]>;
}

/** The members of households with what the household's derived fields (nama_krt, jumlah_art, jumlah_keluarga) and new ids need. */
export async function listMemberSummaries(db: Db, idbdts: readonly string[]) {
  if (idbdts.length === 0) return [];
  return db
    .selectFrom('members')
    .select(['kab_kota', 'idartbdt', 'idbdt', 'version', 'sta_keberadaan_art', 'hub_krt', 'nama', 'nuk'])
    .where('kab_kota', 'in', districtsOf(idbdts))
    .where('idbdt', 'in', idbdts)
    .orderBy('idartbdt')
    .execute();
}

/**
 * The highest household serial used in each desa (for new idbdt). A desa's households are read in its
 * district; those handed over to another district keep their idbdt, and their district's relocation
 * rows (which stay with it) still name them, so their serials are never given out again.
 */
export async function maxSerials(tx: Db, desas: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (desas.length === 0) return out;
  const districts = sql.join([...new Set(desas.map((d) => d.slice(0, 4)))].map((k) => sql`${k}`));
  const inDesas = sql.join(desas.map((d) => sql`${d}`));
  const rows = await sql<{ desa: string; n: number }>`
    select left(idbdt, 10) as desa, max(right(idbdt, 6)::int) as n from (
      select idbdt from households where kab_kota in (${districts}) and left(idbdt, 10) in (${inDesas})
      union all
      select idbdt from relocations where kab_kota in (${districts}) and kind = 'HANDOVER' and left(idbdt, 10) in (${inDesas})
    ) x group by left(idbdt, 10)`.execute(tx);
  for (const r of rows.rows) out.set(r.desa, r.n);
  return out;
}

/** Serialises the allocation of new idbdt in these desa between concurrent approvals. */
export async function lockDesaSerials(tx: Db, desas: readonly string[]): Promise<void> {
  for (const d of [...desas].sort()) await sql`select pg_advisory_xact_lock(727274100, ${Number(d.slice(-6))})`.execute(tx);
}

// Rows written back in one statement per table: the service computes the changed columns, the
// database takes the rows as a JSON record set (set-based, whatever the batch size), matched on the
// table's key. kab_kota is part of every key: a decision never moves a record to another district.
const KEYS = { households: 'idbdt', members: 'idartbdt' } as const;

async function updateRows(tx: Db, table: keyof typeof KEYS, rows: readonly Record<string, unknown>[], columns: readonly string[]) {
  if (rows.length === 0) return;
  const key = KEYS[table];
  const cols = columns.filter((c) => c !== 'kab_kota' && c !== key && c !== 'created_at');
  await sql`update ${sql.table(table)} t set ${sql.join(cols.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`))}
            from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb) v
            where t.kab_kota = v.kab_kota and t.${sql.ref(key)} = v.${sql.ref(key)}`.execute(tx);
}

/** Writes changed households (their keys and the changed columns). */
export async function updateHouseholds(tx: Db, rows: readonly Record<string, unknown>[], columns: readonly string[]): Promise<void> {
  await updateRows(tx, 'households', rows, columns);
}

/** Writes changed members (their keys and the changed columns; a merge changes their idbdt). */
export async function updateMembers(tx: Db, rows: readonly Record<string, unknown>[], columns: readonly string[]): Promise<void> {
  await updateRows(tx, 'members', rows, columns);
}

/** Inserts new households, then new members. */
export async function insertRecords(
  tx: Db,
  households: readonly Record<string, unknown>[],
  members: readonly Record<string, unknown>[],
): Promise<void> {
  await insertRows(tx, 'households', households);
  await insertRows(tx, 'members', members);
}

// The columns named are those the rows carry (kab_kota among them): an explicit list, as every insert has.
async function insertRows(tx: Db, table: keyof typeof KEYS, rows: readonly Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const cols = sql.join([...new Set(rows.flatMap((r) => Object.keys(r)))].map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(table)} (${cols})
            select ${cols} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(tx);
}

/** Records the decisions of a district's proposals (full decision columns per proposal). */
export async function writeDecisions(tx: Db, kab: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  // Matched on the key (kab_kota, id): on id alone the plan was a hash join over a sequential scan of every proposal.
  await sql`update proposals p set status = v.status, decided_at = v.decided_at, decided_by = v.decided_by, decision_reason = v.decision_reason,
              accepted_fields = v.accepted_fields, rejected_fields = v.rejected_fields, assigned = v.assigned, conflict = v.conflict
            from jsonb_populate_recordset(null::proposals, ${JSON.stringify(rows)}::jsonb) v where p.kab_kota = ${kab} and p.id = v.id`.execute(
    tx,
  );
}

/** Sets the warnings of proposals (with has_warning) an approval found a new finding for, matched on their key. */
export async function writeWarnings(tx: Db, rows: readonly { kab_kota: string; id: string; warnings: unknown[] }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`update proposals p set warnings = v.warnings, has_warning = true
            from jsonb_populate_recordset(null::proposals, ${JSON.stringify(rows)}::jsonb) v where p.kab_kota = v.kab_kota and p.id = v.id`.execute(
    tx,
  );
}

/** Households of district `kab` by idbdt, without locking (for reading). */
export async function lockHouseholdsReadOnly(db: Db, kab: string, idbdts: readonly string[]) {
  if (idbdts.length === 0) return [];
  return db.selectFrom('households').selectAll().where('kab_kota', '=', kab).where('idbdt', 'in', idbdts).execute();
}

/** An import of a district with what its feedback needs. */
export async function findImportForFeedback(db: Db, kab: string, id: string) {
  return db
    .selectFrom('imports')
    .select(['id', 'status', 'release_id', 'package_id', 'period', 'file_name', 'finished_at'])
    .where('id', '=', id)
    .where('kab_kota', '=', kab)
    .executeTakeFirst();
}

/** Decided (or failed) proposals of an import of district `kab`, by line. */
export async function listDecidedOfImport(db: Db, kab: string, importId: string) {
  return db
    .selectFrom('proposals')
    .select(['id', 'status', 'decision_reason', 'accepted_fields', 'rejected_fields', 'errors', 'assigned', 'decided_at', 'imported_at'])
    .where('kab_kota', '=', kab)
    .where('import_id', '=', importId)
    .where('status', '!=', 'MENUNGGU')
    .orderBy('line_no')
    .execute();
}

/** Duplicate lines of an import of district `kab`. */
export async function listDuplicatesOfImport(db: Db, kab: string, importId: string) {
  return db
    .selectFrom('import_duplicates')
    .select(['line_no', 'proposal_id'])
    .where('kab_kota', '=', kab)
    .where('import_id', '=', importId)
    .orderBy('line_no')
    .execute();
}
