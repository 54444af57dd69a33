// SQL of Finalisasi (F8): finalisations, finalisation_households and the proposals they freeze
// (migrations/0010_create_finalisations.sql).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { ImageContentType } from '../../platform/db-schema.ts';
import { countsOfRow, proposalCountColumns, type ProposalCounts } from './finalisations.recap.ts';

// Serialises finalisations of one district (two clicks, two servers): the second waits, then
// sees the first one's marks and finds nothing new.
const FINALISE_LOCK = 727_274_010;

/** Takes the district's finalisation lock for the rest of transaction `tx`. */
export async function lockDistrictFinalisation(tx: Db, kab: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${FINALISE_LOCK}, ${Number(kab)})`.execute(tx);
}

/** The proposals of a district in a period (BDT module): those of imports of that period. */
function ofDistrictPeriod(kab: string, period: string) {
  return sql<boolean>`p.kab_kota = ${kab} and p.module = 'BDT' and p.import_id in (select i.id from imports i where i.kab_kota = ${kab} and i.period = ${period})`;
}

/** Counts per desa of a district's proposals of a period that are not finalised yet (waiting included). */
export async function countOpenProposalsByDesa(db: Db, kab: string, period: string): Promise<{ desa: string; counts: ProposalCounts }[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select p.kode_wilayah as desa, ${proposalCountColumns()}
    from proposals p
    where ${ofDistrictPeriod(kab, period)} and p.finalisation_id is null
    group by p.kode_wilayah`.execute(db);
  return rows.map((r) => ({ desa: String(r.desa), counts: countsOfRow(r) }));
}

/** Counts per desa of the proposals of one finalisation. */
export async function countFinalisedByDesa(db: Db, finalisationId: number): Promise<{ desa: string; counts: ProposalCounts }[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select p.kode_wilayah as desa, ${proposalCountColumns()}
    from proposals p
    where p.finalisation_id = ${finalisationId}
    group by p.kode_wilayah`.execute(db);
  return rows.map((r) => ({ desa: String(r.desa), counts: countsOfRow(r) }));
}

export interface WaitingProposal {
  id: string;
  type: 'PERBAIKAN' | 'USULAN_BARU';
  idbdt: string | null;
  kode_wilayah: string;
  desa: string | null;
  kecamatan: string | null;
  operator_username: string | null;
  imported_at: Date;
  conflict: boolean;
}

/** The first `limit` proposals still MENUNGGU (they block the finalisation), oldest import first. */
export async function listWaiting(db: Db, kab: string, period: string, limit: number): Promise<WaitingProposal[]> {
  const { rows } = await sql<WaitingProposal>`
    select p.id, p.type, p.idbdt, p.kode_wilayah, d.name as desa, k.name as kecamatan, p.operator_username, p.imported_at, p.conflict
    from proposals p
    left join regions d on d.code = p.kode_wilayah
    left join regions k on k.code = substr(p.kode_wilayah, 1, 6)
    where ${ofDistrictPeriod(kab, period)} and p.status = 'MENUNGGU'
    order by p.imported_at, p.id
    limit ${limit}`.execute(db);
  return rows;
}

/** The next finalisation number of a district in a period (1 for the first). */
export async function nextNumber(db: Db, kab: string, period: string): Promise<number> {
  const r = await db
    .selectFrom('finalisations')
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
    .where('kab_kota', '=', kab)
    .where('period', '=', period)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** A fresh finalisation id (the row itself is inserted last, once its recap and hash are known). */
export async function newFinalisationId(tx: Db): Promise<number> {
  const { rows } = await sql<{
    id: number;
  }>`select nextval(pg_get_serial_sequence('finalisations', 'id'))::bigint as id`.execute(tx);
  return rows[0]!.id;
}

/**
 * Marks every decided, not yet finalised BDT proposal of the district and period with the
 * finalisation (MENUNGGU stays open); returns how many.
 */
export async function markDecided(tx: Db, kab: string, period: string, finalisationId: number): Promise<number> {
  const r = await sql`
    update proposals p set finalisation_id = ${finalisationId}
    where ${ofDistrictPeriod(kab, period)} and p.finalisation_id is null and p.status <> 'MENUNGGU'`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Snapshots every household that a proposal of the finalisation names: its idbdt, the idbdt
 * assigned to an approved usulan baru, and the household an approved "bagian ruta lain" merged
 * members into. The record is the household row (without created_at/updated_at) plus `members`,
 * its member rows (without created_at/updated_at/idbdt) in idartbdt order. Returns the count.
 */
export async function snapshotHouseholds(tx: Db, finalisationId: number): Promise<number> {
  const r = await sql`
    with ids as (
      select p.idbdt::text collate "C" as idbdt from proposals p where p.finalisation_id = ${finalisationId} and p.idbdt is not null
      union
      select (p.assigned ->> 'idbdt') collate "C" from proposals p where p.finalisation_id = ${finalisationId} and p.assigned ->> 'idbdt' is not null
      union
      select p.merge_into::text collate "C" from proposals p
        where p.finalisation_id = ${finalisationId} and p.merge_into is not null and p.status in ('DISETUJUI', 'SEBAGIAN')
    )
    insert into finalisation_households (finalisation_id, idbdt, kode_wilayah, record)
    select ${finalisationId}, h.idbdt, h.kode_wilayah,
      (to_jsonb(h) - 'created_at' - 'updated_at') || jsonb_build_object('members', coalesce(
        (select jsonb_agg(to_jsonb(m) - 'created_at' - 'updated_at' - 'idbdt' order by m.idartbdt) from members m where m.idbdt = h.idbdt),
        '[]'::jsonb))
    from households h join ids on ids.idbdt = h.idbdt`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

export interface NewFinalisation {
  id: number;
  publicId: string;
  kab: string;
  period: string;
  number: number;
  letterNumber: string;
  createdAt: Date;
  createdBy: number | null;
  createdByUsername: string;
  proposalCount: number;
  householdCount: number;
  recap: unknown;
  letter: unknown;
  logo: { data: Buffer; contentType: ImageContentType } | null;
  dataSha256: string;
}

/** Inserts the finalisation row (immutable from then on). */
export async function insertFinalisation(tx: Db, f: NewFinalisation): Promise<void> {
  await tx
    .insertInto('finalisations')
    .values({
      id: f.id,
      public_id: f.publicId,
      kab_kota: f.kab,
      period: f.period,
      number: f.number,
      letter_number: f.letterNumber,
      created_at: f.createdAt,
      created_by: f.createdBy,
      created_by_username: f.createdByUsername,
      proposal_count: f.proposalCount,
      household_count: f.householdCount,
      recap: JSON.stringify(f.recap),
      letter: JSON.stringify(f.letter),
      letter_logo: f.logo?.data ?? null,
      letter_logo_type: f.logo?.contentType ?? null,
      data_sha256: f.dataSha256,
    })
    .execute();
}

const SUMMARY = [
  'f.id',
  'f.public_id',
  'f.kab_kota',
  'r.name as kab_name',
  'f.period',
  'pe.name as period_name',
  'f.number',
  'f.letter_number',
  'f.created_at',
  'f.created_by_username',
  'f.proposal_count',
  'f.household_count',
  'f.data_sha256',
] as const;

function summaries(db: Db) {
  return db
    .selectFrom('finalisations as f')
    .innerJoin('regions as r', 'r.code', 'f.kab_kota')
    .innerJoin('periods as pe', 'pe.code', 'f.period');
}

export type FinalisationSummaryRow = Awaited<ReturnType<typeof findFinalisationSummary>> & object;

/** One finalisation without its snapshot, recap or logo. */
export async function findFinalisationSummary(db: Db, id: number) {
  return summaries(db).select(SUMMARY).where('f.id', '=', id).executeTakeFirst();
}

/** One finalisation with its recap, letter data and logo. */
export async function findFinalisation(db: Db, id: number) {
  return summaries(db)
    .select([...SUMMARY, 'f.recap', 'f.letter', 'f.letter_logo', 'f.letter_logo_type', 'pe.sk_number'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/** One finalisation by the public id printed on its letter. */
export async function findByPublicId(db: Db, publicId: string) {
  return summaries(db)
    .select([...SUMMARY, 'f.recap'])
    .where('f.public_id', '=', publicId)
    .executeTakeFirst();
}

/** Finalisations matching a filter (region prefix patterns, district, period), newest first, one page. */
export async function listFinalisations(
  db: Db,
  f: { scope: Expression<SqlBool>; kab?: string; period?: string; offset: number; limit: number },
) {
  let q = summaries(db).where(f.scope);
  if (f.kab) q = q.where('f.kab_kota', '=', f.kab);
  if (f.period) q = q.where('f.period', '=', f.period);
  const [items, total] = await Promise.all([
    q.select(SUMMARY).orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').offset(f.offset).limit(f.limit).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** The district's last finalisation (any period), for release.json `finalization`. */
export async function findLastFinalisation(db: Db, kab: string): Promise<{ period: string; number: number } | undefined> {
  return db
    .selectFrom('finalisations')
    .select(['period', 'number'])
    .where('kab_kota', '=', kab)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A page of the proposals of a finalisation in id order, after `afterId`, with names of regions, decider and head of household. */
export async function pageFinalisedProposals(db: Db, finalisationId: number, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('proposals as p')
    .leftJoin('regions as d', 'd.code', 'p.kode_wilayah')
    // The name of the head of household as it was at finalisation (the snapshot), for the download.
    .leftJoin('finalisation_households as fh', (j) =>
      j
        .onRef('fh.finalisation_id', '=', 'p.finalisation_id' as never)
        .on(sql`fh.idbdt`, '=', sql`coalesce(p.idbdt, (p.assigned ->> 'idbdt'))`),
    )
    .leftJoin('regions as k', (j) => j.on(sql`k.code`, '=', sql`substr(p.kode_wilayah, 1, 6)`))
    .leftJoin('users as u', 'u.id', 'p.decided_by')
    .select([
      'p.id',
      'p.package_id',
      'p.line_no',
      'p.type',
      'p.module',
      'p.idbdt',
      'p.kode_wilayah',
      'p.base_version',
      'p.verval_result',
      'p.duplicate_of',
      'p.merge_into',
      'p.visited_at',
      'p.musdes_at',
      'p.body',
      'p.status',
      'p.errors',
      'p.conflict',
      'p.operator_username',
      'p.decided_at',
      'p.decision_reason',
      'p.accepted_fields',
      'p.rejected_fields',
      'p.assigned',
      'd.name as desa_name',
      'k.name as kecamatan_name',
      'u.username as decided_by_username',
      sql<string | null>`fh.record ->> 'nama_krt'`.as('nama_krt'),
      sql<string | null>`fh.record ->> 'alamat'`.as('alamat'),
    ])
    .where('p.finalisation_id', '=', finalisationId);
  if (afterId) q = q.where('p.id', '>', afterId);
  return q.orderBy('p.id').limit(limit).execute();
}

export type FinalisedProposalRow = Awaited<ReturnType<typeof pageFinalisedProposals>>[number];

/** A page of the household snapshots of a finalisation in idbdt order, after `afterIdbdt`. */
export async function pageSnapshots(db: Db, finalisationId: number, afterIdbdt: string | null, limit: number) {
  let q = db
    .selectFrom('finalisation_households')
    .select(['idbdt', 'kode_wilayah', 'record'])
    .where('finalisation_id', '=', finalisationId);
  if (afterIdbdt) q = q.where('idbdt', '>', afterIdbdt);
  return q.orderBy('idbdt').limit(limit).execute();
}
