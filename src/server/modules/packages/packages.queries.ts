import { type SqlBool, sql } from 'kysely';
import { entityFields } from '../../../shared/dictionary/index.ts';
import { type Db, databaseOf } from '../../platform/db.ts';
import type { ImportCounts } from '../../platform/db-schema.ts';
import { keyset } from '../../platform/keyset.ts';

// Heartbeats are the database's clock (now()), like the ages they are compared with: an
// application server's clock may be off.
// A running job beats every HEARTBEAT_SECONDS (a timer, besides each batch); one that missed a few
// beats for STALE_AFTER_SECONDS belongs to a dead process and is taken over. A worker that lost its
// job this way finds out at its next beat (the attempt number is the claim's token) and stops.
export const HEARTBEAT_SECONDS = 5;
export const STALE_AFTER_SECONDS = 25;
/** Runs of a job that may fail for an unexpected reason (or die) before it ends FAILED. */
export const MAX_ATTEMPTS = 3;
/** Wait after a failed run, times the attempts so far, before the job is tried again. */
export const RETRY_AFTER_SECONDS = 15;
/** An upload that received no piece for this long was abandoned (its process died). */
export const ABANDONED_UPLOAD_SECONDS = 3600;

/** Inserts an import whose bytes are about to be uploaded. */
export async function insertImport(db: Db, i: { id: string; kab: string; fileName: string; uploadedBy: number }): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      id: i.id,
      kab_kota: i.kab,
      file_name: i.fileName,
      file_size: 0,
      file_sha256: '0'.repeat(64),
      uploaded_by: i.uploadedBy,
    })
    .execute();
}

/** Stores one piece of an upload and notes that the upload is alive. */
export async function insertUploadChunk(db: Db, kab: string, importId: string, seq: number, data: Buffer): Promise<void> {
  await db.insertInto('import_uploads').values({ kab_kota: kab, import_id: importId, seq, data }).execute();
  await db.updateTable('imports').set({ heartbeat_at: sql`now()` }).where('kab_kota', '=', kab).where('id', '=', importId).execute();
}

/** Deletes uploads that stopped arriving `seconds` ago and never completed; returns how many. */
export async function purgeAbandonedUploads(db: Db, seconds: number): Promise<number> {
  const r = await db
    .deleteFrom('imports')
    .where('upload_complete', '=', false)
    .where(sql<boolean>`coalesce(heartbeat_at, uploaded_at) < now() - make_interval(secs => ${seconds})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Puts back in the queue every RUNNING job: called at start on the embedded database, where the
 * process that ran them (the only one allowed) is gone. Returns how many.
 */
export async function requeueRunningJobs(db: Db): Promise<number> {
  const r = await db
    .updateTable('imports')
    .set({ status: 'QUEUED', heartbeat_at: null, progress: 0 })
    .where('status', '=', 'RUNNING')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Marks an upload complete: from now on a worker may claim the job (its heartbeat is a worker's again). */
export async function completeUpload(db: Db, kab: string, importId: string, size: number, sha256: string): Promise<void> {
  await db
    .updateTable('imports')
    .set({ file_size: size, file_sha256: sha256, upload_complete: true, heartbeat_at: null })
    .where('kab_kota', '=', kab)
    .where('id', '=', importId)
    .execute();
}

/** Deletes an import that never finished uploading (the upload failed or was too large). */
export async function deleteImport(db: Db, kab: string, importId: string): Promise<void> {
  await db.deleteFrom('imports').where('kab_kota', '=', kab).where('id', '=', importId).execute();
}

/**
 * An import by its key: its district and id. The import's own row and those of its uploads, staging
 * and duplicates are keyed by (kab_kota, import_id) (migrations/0027_distribute_by_district.sql);
 * a claimed job carries both.
 */
export type ImportRef = Pick<ClaimedJob, 'id' | 'kab_kota'>;

/** The pieces of an upload, in order, `batch` at a time. */
export async function* uploadChunks(db: Db, job: ImportRef, batch = 8): AsyncGenerator<Buffer> {
  for (let from = 0; ; from += batch) {
    const rows = await db
      .selectFrom('import_uploads')
      .select('data')
      .where('kab_kota', '=', job.kab_kota)
      .where('import_id', '=', job.id)
      .where('seq', '>=', from)
      .where('seq', '<', from + batch)
      .orderBy('seq')
      .execute();
    for (const r of rows) yield r.data;
    if (rows.length < batch) return;
  }
}

/** Deletes the stored upload of a job. */
export async function deleteUpload(db: Db, job: ImportRef): Promise<void> {
  await db.deleteFrom('import_uploads').where('kab_kota', '=', job.kab_kota).where('import_id', '=', job.id).execute();
}

export interface ClaimedJob {
  id: string;
  kab_kota: string;
  file_name: string;
  uploaded_by: number | null;
  attempts: number;
}

/**
 * Claims a job that is queued (a retry once its wait is over), or running with a stopped
 * heartbeat (its worker died), with FOR UPDATE SKIP LOCKED so several server processes never take
 * the same one. Districts take turns: the district whose jobs had a worker's attention least
 * recently goes first, so one district's many or failing packages never hold up another's.
 */
export async function claimJob(db: Db, onlyId?: string, retryAfterSeconds = RETRY_AFTER_SECONDS): Promise<ClaimedJob | undefined> {
  const r = await sql<ClaimedJob>`
    update imports set status = 'RUNNING', attempts = attempts + 1, heartbeat_at = now(), progress = 0
    where id = (
      select id from imports i
      where upload_complete
        and ((status = 'QUEUED' and (attempts = 0 or heartbeat_at is null
                                     or heartbeat_at <= now() - make_interval(secs => ${retryAfterSeconds} * attempts)))
             or (status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})))
        ${onlyId ? sql`and id = ${onlyId}` : sql``}
      order by (select max(d.heartbeat_at) from imports d where d.kab_kota = i.kab_kota) nulls first, uploaded_at
      for update skip locked
      limit 1)
    returning id, kab_kota, file_name, uploaded_by, attempts`.execute(db);
  return r.rows[0];
}

/** The job was taken over by another worker (this one's heartbeat had stopped): stop working on it. */
export class LostClaim extends Error {
  constructor(importId: string) {
    super(`import ${importId} was taken over by another worker`);
  }
}

/** Records progress (0–1) and that the worker is alive; throws LostClaim when the job is no longer this run's. */
export async function heartbeat(db: Db, job: Pick<ClaimedJob, 'id' | 'kab_kota' | 'attempts'>, progress?: number): Promise<void> {
  const r = await db
    .updateTable('imports')
    .set({ heartbeat_at: sql`now()`, ...(progress === undefined ? {} : { progress }) })
    .where('kab_kota', '=', job.kab_kota)
    .where('id', '=', job.id)
    .where('status', '=', 'RUNNING')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new LostClaim(job.id);
}

/** Puts a job whose run failed back in the queue; it is tried again after a wait. */
export async function requeueAfterFailure(db: Db, job: ImportRef): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status: 'QUEUED', heartbeat_at: sql`now()`, progress: 0 })
    .where('kab_kota', '=', job.kab_kota)
    .where('id', '=', job.id)
    .execute();
}

/** Ends a job as failed for an unexpected reason (nothing of the file is kept). */
export async function markFailed(db: Db, job: ImportRef, code: string, text: { id: string; en: string }): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status: 'FAILED', reason_code: code, reason_id: text.id, reason_en: text.en, finished_at: new Date(), progress: 1 })
    .where('kab_kota', '=', job.kab_kota)
    .where('id', '=', job.id)
    .execute();
}

/** Removes what an interrupted run of the job staged. */
export async function clearStaging(db: Db, job: ImportRef): Promise<void> {
  await db.deleteFrom('import_staging').where('kab_kota', '=', job.kab_kota).where('import_id', '=', job.id).execute();
}

/** Records the package header on the job. */
export async function setPackageInfo(
  db: Db,
  job: ImportRef,
  h: {
    packageId: string;
    releaseId: string;
    module: string;
    period: string;
    operator: { username: string; name: string };
  },
) {
  await db
    .updateTable('imports')
    .set({
      package_id: h.packageId,
      release_id: h.releaseId,
      module: h.module,
      period: h.period,
      operator_username: h.operator.username,
      operator_name: h.operator.name,
    })
    .where('kab_kota', '=', job.kab_kota)
    .where('id', '=', job.id)
    .execute();
}

/** The first completed import of a package in district `kab` (a package belongs to its release's district), if any. */
export async function findDoneImportOfPackage(db: Db, kab: string, packageId: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('imports')
      .select('id')
      .where('kab_kota', '=', kab)
      .where('package_id', '=', packageId)
      .where('status', '=', 'DONE')
      .executeTakeFirst()
  )?.id;
}

/** Ends a job as refused (nothing of the file is kept). */
export async function markRefused(db: Db, job: ImportRef, code: string, text: { id: string; en: string }): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      status: 'REFUSED',
      reason_code: code,
      reason_id: text.id,
      reason_en: text.en,
      finished_at: new Date(),
      progress: 1,
      package_id: null,
    })
    .where('kab_kota', '=', job.kab_kota)
    .where('id', '=', job.id)
    .execute();
}

/** Ends a job as a package that was imported before. */
export async function markAlreadyImported(db: Db, job: ImportRef, firstImportId: string): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status: 'ALREADY_IMPORTED', first_import_id: firstImportId, finished_at: new Date(), progress: 1 })
    .where('kab_kota', '=', job.kab_kota)
    .where('id', '=', job.id)
    .execute();
}

/** What a staged proposal of a package names: its own columns; absent ones publish as NULL (or their default). */
export interface StagedProposal {
  id: string;
  kode_wilayah: string;
  type: string;
  idbdt: string | null;
  base_version?: number | null;
  verval_result?: number | null;
  duplicate_of?: string | null;
  merge_into?: string | null;
  visited_at?: string | null;
  musdes_at?: string | null;
  body: unknown;
  status: 'MENUNGGU' | 'GAGAL_VALIDASI';
  errors: unknown[];
  warnings?: unknown[];
  conflict?: boolean;
  conflict_changes?: unknown;
  proposal_created_at: string;
  program?: string | null;
  idartbdt?: string | null;
  replacement_idbdt?: string | null;
  reason_code?: number | null;
}

/**
 * The columns of import_staging a job's COPY fills, in the order of stagingRow: the line's keys,
 * then the proposal's own columns (migrations/0032_import_staging_columns.sql). What every
 * proposal of an import shares (package, module, operator) is read from the import when publishing.
 */
export const STAGING_COLUMNS = [
  'kab_kota',
  'import_id',
  'line_no',
  'proposal_id',
  'duplicate',
  'kode_wilayah',
  'type',
  'idbdt',
  'base_version',
  'verval_result',
  'duplicate_of',
  'merge_into',
  'visited_at',
  'musdes_at',
  'body',
  'status',
  'errors',
  'warnings',
  'conflict',
  'conflict_changes',
  'proposal_created_at',
  'imported_at',
  'program',
  'idartbdt',
  'replacement_idbdt',
  'reason_code',
] as const;

const NO_PROPOSAL = Array<null>(STAGING_COLUMNS.length - 5).fill(null);

/** The staging row of a line whose proposal id was known already (a duplicate: no proposal columns). */
export function duplicateRow(job: Pick<ClaimedJob, 'id' | 'kab_kota'>, line: number, proposalId: string): unknown[] {
  return [job.kab_kota, job.id, line, proposalId, true, ...NO_PROPOSAL];
}

/**
 * The staging row of a checked proposal of a package (STAGING_COLUMNS), published by
 * publishStaged. `stagedAt` (ISO) is its imported_at, and its proposal_created_at when the line
 * gave no usable one.
 */
export function stagingRow(job: Pick<ClaimedJob, 'id' | 'kab_kota'>, line: number, p: StagedProposal, stagedAt: string): unknown[] {
  return [
    job.kab_kota,
    job.id,
    line,
    p.id,
    false,
    p.kode_wilayah,
    p.type,
    p.idbdt,
    p.base_version ?? null,
    p.verval_result ?? null,
    p.duplicate_of ?? null,
    p.merge_into ?? null,
    p.visited_at ?? null,
    p.musdes_at ?? null,
    p.body,
    p.status,
    p.errors,
    p.warnings ?? [],
    p.conflict ?? false,
    p.conflict_changes ?? null,
    p.proposal_created_at || stagedAt,
    stagedAt,
    p.program ?? null,
    p.idartbdt ?? null,
    p.replacement_idbdt ?? null,
    p.reason_code ?? null,
  ];
}

/** The proposal columns publishStaged fills from a staged row, besides the import's keys and shared values. */
const PUBLISHED_FROM_STAGING = STAGING_COLUMNS.slice(5).filter((c) => c !== 'warnings');

/** Which of these proposal ids district `kab` has stored (a package's proposals only ever belong to its release's district). */
export async function findKnownProposalIds(db: Db, kab: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('proposals').select('id').where('kab_kota', '=', kab).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

// What the checks read of a household and of a member: its dictionary fields and the keys the
// import compares (the timestamps are never looked at).
const HOUSEHOLD_CHECKED = [...entityFields('household').map((f) => f.name), 'version', 'status'];
const MEMBER_CHECKED = [...entityFields('member').map((f) => f.name), 'idbdt', 'version'];

/** A household as the checks read it, with its members in idartbdt order. */
export interface CheckedHousehold {
  row: { idbdt: string; kode_wilayah: string; version: number; status: string } & Record<string, unknown>;
  members: ({ idartbdt: string; nik: string; version: number } & Record<string, unknown>)[];
}

/**
 * Households with their members, by idbdt: the columns the checks read. On PostgreSQL as plain
 * rows; on PGlite one row per household with the household and its members as JSON, since there
 * every field of every result row costs a copy and a decode in the embedded engine's protocol
 * parser (measured on 10 × 1,000 households: PGlite 4.8 s as JSON against 7–10 s as rows;
 * PostgreSQL 1.0 s as rows against 2.0 s as JSON, the server building JSON slower than Node
 * parses rows). Both read the same values: numbers, dates as YYYY-MM-DD, booleans.
 */
export async function findHouseholdsWithMembers(db: Db, kab: string, idbdts: readonly string[]): Promise<CheckedHousehold[]> {
  if (idbdts.length === 0) return [];
  const columns = (names: readonly string[], alias: string) => sql.join(names.map((c) => sql.ref(`${alias}.${c}`)));
  if (databaseOf(db)?.kind === 'pglite') {
    const r = await sql<CheckedHousehold>`
      select (select row_to_json(x) from (select ${columns(HOUSEHOLD_CHECKED, 'h')}) x) as row,
             coalesce((select json_agg(y order by y.idartbdt)
                       from (select ${columns(MEMBER_CHECKED, 'm')} from members m where m.kab_kota = h.kab_kota and m.idbdt = h.idbdt) y), '[]') as members
      from households h where h.kab_kota = ${kab} and h.idbdt in (${sql.join(idbdts)})`.execute(db);
    return r.rows;
  }
  const [households, members] = await Promise.all([
    sql<
      CheckedHousehold['row']
    >`select ${columns(HOUSEHOLD_CHECKED, 'h')} from households h where h.kab_kota = ${kab} and h.idbdt in (${sql.join(idbdts)})`.execute(
      db,
    ),
    sql<CheckedHousehold['members'][number] & { idbdt: string }>`
      select ${columns(MEMBER_CHECKED, 'm')} from members m where m.kab_kota = ${kab} and m.idbdt in (${sql.join(idbdts)}) order by m.idartbdt`.execute(
      db,
    ),
  ]);
  const byId = new Map<string, CheckedHousehold>();
  for (const row of households.rows) byId.set(row.idbdt, { row, members: [] });
  for (const m of members.rows) byId.get(m.idbdt)?.members.push(m);
  return [...byId.values()];
}

/** Status and place of households of district `kab`, by idbdt (programme lines). */
export async function findHouseholdStates(db: Db, kab: string, idbdts: readonly string[]) {
  if (idbdts.length === 0) return [];
  return db
    .selectFrom('households')
    .select(['idbdt', 'kode_wilayah', 'status'])
    .where((eb) => eb.and([eb('kab_kota', '=', kab), eb('idbdt', 'in', idbdts)]))
    .execute();
}

/** Presence of members of district `kab`, by idartbdt (programme lines). */
export async function findMemberPresence(db: Db, kab: string, idartbdts: readonly string[]) {
  if (idartbdts.length === 0) return [];
  return db
    .selectFrom('members')
    .select(['idartbdt', 'sta_keberadaan_art'])
    .where((eb) => eb.and([eb('kab_kota', '=', kab), eb('idartbdt', 'in', idartbdts)]))
    .execute();
}

/** The AKTIF KPM memberships (any programme) of these households in a district. */
export async function findActiveKpm(db: Db, kab: string, idbdts: readonly string[]) {
  if (idbdts.length === 0) return [];
  return db
    .selectFrom('kpm_memberships')
    .select(['program', 'idbdt'])
    .where('kab_kota', '=', kab)
    .where('status', '=', 'AKTIF')
    .where('idbdt', 'in', idbdts)
    .execute();
}

/** Which of these members are AKTIF PBI participants in a district. */
export async function findActivePbi(db: Db, kab: string, idartbdts: readonly string[]) {
  if (idartbdts.length === 0) return [];
  return db
    .selectFrom('pbi_participants')
    .select('idartbdt')
    .where('kab_kota', '=', kab)
    .where('status', '=', 'AKTIF')
    .where('idartbdt', 'in', idartbdts)
    .execute();
}

/**
 * R5: for each asked NIK, the AKTIF households other than `own` (null: any) where a present member
 * holds it. A NIK held only by its own household's member, the usual case, returns no row, and
 * costs one index probe instead of a probe and a join.
 */
export async function findNikHolders(
  db: Db,
  asked: readonly { nik: string; own: string | null }[],
): Promise<{ nik: string; idbdt: string }[]> {
  if (asked.length === 0) return [];
  const r = await sql<{ nik: string; idbdt: string }>`
    select m.nik, m.idbdt
    from unnest(${asked.map((a) => a.nik)}::bpchar[], ${asked.map((a) => a.own)}::bpchar[]) as a(nik, own)
    join members m on m.nik = a.nik
    where m.sta_keberadaan_art in (1, 4) and m.idbdt is distinct from a.own
      and exists (select 1 from households h where h.idbdt = m.idbdt and h.status = 'AKTIF')`.execute(db);
  return r.rows;
}

/** Registry changes of these households of district `kab` after the given version (for conflicts). */
export async function findChangesSince(db: Db, kab: string, idbdts: readonly string[], minVersion: number) {
  if (idbdts.length === 0) return [];
  return db
    .selectFrom('household_history')
    .select(['idbdt', 'version', 'field', 'idartbdt'])
    .where('kab_kota', '=', kab)
    .where('idbdt', 'in', idbdts)
    .where('version', '>', minVersion)
    .execute();
}

/**
 * Publishes a job's staged proposals in one statement: the staged rows are taken out of staging;
 * those whose proposal id was known at staging, or was published by another import meanwhile,
 * become duplicates; the rest become proposals. Returns the counts.
 */
export async function publishStaged(tx: Db, job: ImportRef): Promise<ImportCounts> {
  const { kab_kota: kab, id: importId } = job;
  // A JIT compilation (the planner cannot estimate the staged rows) costs more than it saves here.
  await sql`set local jit = off`.execute(tx);
  const own = sql.join(PUBLISHED_FROM_STAGING.map((c) => sql.ref(c)));
  const staged = sql.join(PUBLISHED_FROM_STAGING.map((c) => sql.ref(`s.${c}`)));
  const r = await sql<ImportCounts>`
    with moved as (
      delete from import_staging s where s.kab_kota = ${kab} and s.import_id = ${importId}
      returning s.*, s.duplicate or exists (select 1 from proposals p where p.kab_kota = s.kab_kota and p.id = s.proposal_id) as known),
    published as (
      insert into proposals (id, import_id, line_no, kab_kota, package_id, module, operator_username, origin,
                             warnings, has_warning, ${own})
      select s.proposal_id, s.import_id, s.line_no, s.kab_kota, i.package_id, i.module, i.operator_username, 'PACKAGE',
             s.warnings, s.warnings <> '[]'::jsonb, ${staged}
      from moved s join imports i on i.kab_kota = s.kab_kota and i.id = s.import_id
      where not s.known
      returning status, conflict, has_warning),
    duplicates as (
      insert into import_duplicates (kab_kota, import_id, line_no, proposal_id)
      select kab_kota, import_id, line_no, proposal_id from moved where known
      returning 1)
    select count(*) filter (where status = 'MENUNGGU')::int as new,
           count(*) filter (where status = 'GAGAL_VALIDASI')::int as failed,
           (select count(*) from duplicates)::int as duplicate,
           count(*) filter (where conflict)::int as conflict,
           count(*) filter (where has_warning)::int as warnings
    from published`.execute(tx);
  return r.rows[0]!;
}

/** Marks a job done with its counts. */
export async function markDone(tx: Db, job: ImportRef, counts: ImportCounts): Promise<void> {
  await tx
    .updateTable('imports')
    .set({ status: 'DONE', counts: JSON.stringify(counts), progress: 1, finished_at: new Date() })
    .where('kab_kota', '=', job.kab_kota)
    .where('id', '=', job.id)
    .execute();
}

const importColumns = [
  'id',
  'kab_kota',
  'file_name',
  'file_size',
  'uploaded_at',
  'status',
  'progress',
  'package_id',
  'module',
  'period',
  'operator_username',
  'operator_name',
  'counts',
  'reason_code',
  'reason_id',
  'reason_en',
  'first_import_id',
  'finished_at',
] as const;

/** One import of district `kab`, or undefined. */
export async function findImport(db: Db, kab: string, id: string) {
  return db.selectFrom('imports').select(importColumns).where('kab_kota', '=', kab).where('id', '=', id).executeTakeFirst();
}

/** The imports of a district, newest first. */
export async function listImports(db: Db, kab: string, page: number, pageSize: number) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('imports')
      .select(importColumns)
      .where('kab_kota', '=', kab)
      .where('upload_complete', '=', true)
      .orderBy('uploaded_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('imports')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kab_kota', '=', kab)
      .where('upload_complete', '=', true)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** An import as the list shows it. */
export type ImportRow = Awaited<ReturnType<typeof listImports>>['items'][number];

/** Every import of the district, newest first, read a page at a time after the last (exports). */
export function streamImports(db: Db, kab: string): AsyncGenerator<ImportRow> {
  return keyset<ImportRow>((after, limit) => {
    let page = db
      .selectFrom('imports')
      .select(importColumns)
      .where('kab_kota', '=', kab)
      .where('upload_complete', '=', true)
      .orderBy('uploaded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    // The key is read back from the row itself: a JS Date would drop the microseconds of uploaded_at.
    if (after) page = page.where(sql<SqlBool>`(uploaded_at, id) < (select o.uploaded_at, o.id from imports o where o.id = ${after.id})`);
    return page.execute();
  });
}

/** The failed proposals of an import with their errors, by line. */
export async function listFailedProposals(db: Db, kab: string, importId: string, limit: number) {
  return db
    .selectFrom('proposals')
    .select(['id', 'line_no', 'errors'])
    .where('kab_kota', '=', kab)
    .where('import_id', '=', importId)
    .where('status', '=', 'GAGAL_VALIDASI')
    .orderBy('line_no')
    .limit(limit)
    .$narrowType<{ line_no: number }>() // a proposal of an import always has its line
    .execute();
}
