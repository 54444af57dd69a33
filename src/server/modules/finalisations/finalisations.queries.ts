// SQL of Finalisasi (F8): finalisations, finalisation_households and the proposals they freeze
// (migrations/0010_create_finalisations.sql).
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { ImageContentType } from '../../platform/db-schema.ts';
import { proposalLineColumns } from '../proposals/index.ts';
import { memberFlagsJsonb } from '../programs/index.ts';
import {
  countsOfRow,
  programmeCountColumns,
  programmeCountsOfRow,
  proposalCountColumns,
  type ProgrammeCounts,
  type ProgrammeModule,
  type ProposalCounts,
} from './finalisations.recap.ts';

/** What a finalisation covers: BDT proposals, or the BSP or PBI list changes (numbered per module). */
export type FinalisationModule = 'BDT' | ProgrammeModule;

// Serialises finalisations of one district (two clicks, two servers): the second waits, then
// sees the first one's marks and finds nothing new.
const FINALISE_LOCK = 727_274_010;

/** Takes the district's finalisation lock for the rest of transaction `tx`. */
export async function lockDistrictFinalisation(tx: Db, kab: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${FINALISE_LOCK}, ${Number(kab)})`.execute(tx);
}

/**
 * The proposals of a district in a period of one module: those of imports of that period. BSP
 * and PBI proposals made online (origin ONLINE) have no import; every such proposal not finalised
 * yet belongs to the period open when it is finalised — the one it was made in, or, for one left
 * over when an earlier period closed, the next one (it is never left out of every finalisation).
 * Callers add `finalisation_id is null` or `status = 'MENUNGGU'`, so finalised ones never match.
 */
function ofDistrictPeriod(kab: string, period: string, module: FinalisationModule = 'BDT') {
  const ofImport = sql<boolean>`p.import_id in (select i.id from imports i where i.kab_kota = ${kab} and i.period = ${period})`;
  if (module === 'BDT') return sql<boolean>`p.kab_kota = ${kab} and p.module = 'BDT' and ${ofImport}`;
  return sql<boolean>`p.kab_kota = ${kab} and p.module = ${module} and (p.origin = 'ONLINE' or ${ofImport})`;
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

/** Counts per desa and programme of a district's BSP or PBI proposals of a period that are not finalised yet (waiting included). */
export async function countOpenProgrammeByDesa(db: Db, kab: string, period: string, module: ProgrammeModule) {
  return programmeCountsBy(db, sql<boolean>`${ofDistrictPeriod(kab, period, module)} and p.finalisation_id is null`);
}

/** Counts per desa and programme of the proposals of one BSP or PBI finalisation. */
export async function countFinalisedProgrammeByDesa(db: Db, kab: string, finalisationId: number) {
  return programmeCountsBy(db, sql<boolean>`p.kab_kota = ${kab} and p.finalisation_id = ${finalisationId}`);
}

async function programmeCountsBy(
  db: Db,
  where: RawBuilder<boolean>,
): Promise<{ desa: string; program: string; counts: ProgrammeCounts }[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select p.kode_wilayah as desa, p.program, ${programmeCountColumns()}
    from proposals p
    where ${where}
    group by p.kode_wilayah, p.program`.execute(db);
  return rows.map((r) => ({ desa: String(r.desa), program: String(r.program), counts: programmeCountsOfRow(r) }));
}

/** Counts per desa of the proposals of one finalisation. */
export async function countFinalisedByDesa(
  db: Db,
  kab: string,
  finalisationId: number,
): Promise<{ desa: string; counts: ProposalCounts }[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select p.kode_wilayah as desa, ${proposalCountColumns()}
    from proposals p
    where p.kab_kota = ${kab} and p.finalisation_id = ${finalisationId}
    group by p.kode_wilayah`.execute(db);
  return rows.map((r) => ({ desa: String(r.desa), counts: countsOfRow(r) }));
}

export interface WaitingProposal {
  id: string;
  type: 'PERBAIKAN' | 'USULAN_BARU' | 'BSP_GANTI' | 'BSP_NONAKTIF' | 'BSP_UBAH' | 'PBI_NONAKTIF' | 'PBI_USUL';
  idbdt: string | null;
  kode_wilayah: string;
  desa: string | null;
  kecamatan: string | null;
  operator_username: string | null;
  imported_at: Date;
  conflict: boolean;
}

/** The first `limit` proposals still MENUNGGU (they block the finalisation), oldest import first. */
export async function listWaiting(
  db: Db,
  kab: string,
  period: string,
  limit: number,
  module: FinalisationModule = 'BDT',
): Promise<WaitingProposal[]> {
  const { rows } = await sql<WaitingProposal>`
    select p.id, p.type, p.idbdt, p.kode_wilayah, d.name as desa, k.name as kecamatan, p.operator_username, p.imported_at, p.conflict
    from proposals p
    left join regions d on d.code = p.kode_wilayah
    left join regions k on k.code = substr(p.kode_wilayah, 1, 6)
    where ${ofDistrictPeriod(kab, period, module)} and p.status = 'MENUNGGU'
    order by p.imported_at, p.id
    limit ${limit}`.execute(db);
  return rows;
}

/** The next finalisation number of a district in a period for one module (1 for the first). */
export async function nextNumber(db: Db, kab: string, period: string, module: FinalisationModule = 'BDT'): Promise<number> {
  const r = await db
    .selectFrom('finalisations')
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
    .where('kab_kota', '=', kab)
    .where('period', '=', period)
    .where('module', '=', module)
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
 * Marks every decided, not yet finalised proposal of the module, district and period with the
 * finalisation (MENUNGGU stays open); returns how many.
 */
export async function markDecided(
  tx: Db,
  kab: string,
  period: string,
  finalisationId: number,
  module: FinalisationModule = 'BDT',
): Promise<number> {
  const r = await sql`
    update proposals p set finalisation_id = ${finalisationId}
    where ${ofDistrictPeriod(kab, period, module)} and p.finalisation_id is null and p.status <> 'MENUNGGU'`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Snapshots every household that a proposal of the finalisation names: its idbdt, the idbdt
 * assigned to an approved usulan baru, and the household an approved "bagian ruta lain" merged
 * members into. The record is the household row (without created_at/updated_at) plus `members`,
 * its member rows (without created_at/updated_at/idbdt) in idartbdt order. Returns the count.
 */
export async function snapshotHouseholds(tx: Db, kab: string, finalisationId: number): Promise<number> {
  const r = await sql`
    with ids as (
      select p.idbdt::text collate "C" as idbdt from proposals p where p.kab_kota = ${kab} and p.finalisation_id = ${finalisationId} and p.idbdt is not null
      union
      select (p.assigned ->> 'idbdt') collate "C" from proposals p
        where p.kab_kota = ${kab} and p.finalisation_id = ${finalisationId} and p.assigned ->> 'idbdt' is not null
      union
      select p.merge_into::text collate "C" from proposals p
        where p.kab_kota = ${kab} and p.finalisation_id = ${finalisationId} and p.merge_into is not null and p.status in ('DISETUJUI', 'SEBAGIAN')
    )
    insert into finalisation_households (kab_kota, finalisation_id, idbdt, kode_wilayah, record)
    select ${kab}, ${finalisationId}, h.idbdt, h.kode_wilayah,
      -- kab_kota (the distribution column) is a key, not data: the record stays as it was defined.
      (to_jsonb(h) - 'created_at' - 'updated_at' - 'kab_kota') || jsonb_build_object('members', coalesce(
        -- the programme flags as the lists have them (programs/flags.ts), not the unused columns
        (select jsonb_agg((to_jsonb(m) - 'created_at' - 'updated_at' - 'idbdt' - 'kab_kota') || ${memberFlagsJsonb('m')} order by m.idartbdt)
          from members m where m.kab_kota = h.kab_kota and m.idbdt = h.idbdt),
        '[]'::jsonb))
    from households h join ids on ids.idbdt = h.idbdt
    where h.kab_kota = ${kab}`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Snapshots every list membership an approved BSP/PBI proposal of the finalisation changed
 * (migrations/0019_programme_finalisations.sql): the KPM replaced and its replacement, the KPM or
 * participant removed, the KPM whose data changed, the participant proposed; each with the
 * membership row as it is now and the names it is read with. Returns the count.
 */
export async function snapshotMemberships(tx: Db, kab: string, finalisationId: number): Promise<number> {
  const r = await sql`
    with p as (
      select * from proposals where kab_kota = ${kab} and finalisation_id = ${finalisationId} and status in ('DISETUJUI', 'SEBAGIAN')
    ), ch as (
      select id, program, kode_wilayah, idbdt, null::text as idartbdt, reason_code, 'DIGANTI' as change, 'AKTIF' as before from p where type = 'BSP_GANTI'
      union all
      select id, program, kode_wilayah, replacement_idbdt, null, reason_code, 'MASUK', null from p where type = 'BSP_GANTI'
      union all
      select id, program, kode_wilayah, idbdt, idartbdt, reason_code, 'KELUAR', 'AKTIF' from p where type in ('BSP_NONAKTIF', 'PBI_NONAKTIF')
      union all
      select id, program, kode_wilayah, idbdt, null, null, 'UBAH', 'AKTIF' from p where type = 'BSP_UBAH'
      union all
      select id, program, kode_wilayah, idbdt, idartbdt, null, 'MASUK', null from p where type = 'PBI_USUL'
    )
    insert into finalisation_memberships
      (kab_kota, finalisation_id, proposal_id, change, program, idbdt, idartbdt, kode_wilayah, status_before, status_after, reason, record)
    select ${kab}, ${finalisationId}, ch.id, ch.change, ch.program, ch.idbdt, ch.idartbdt, coalesce(h.kode_wilayah, ch.kode_wilayah),
      ch.before, coalesce(k.status, b.status), ch.reason_code,
      jsonb_build_object(
        'membership', coalesce(to_jsonb(k) - 'created_at' - 'updated_at', to_jsonb(b) - 'created_at' - 'updated_at'),
        'nama_krt', h.nama_krt, 'alamat', h.alamat, 'nama_pengurus', mp.nama, 'nama', m.nama, 'nik', m.nik)
    from ch
    left join households h on h.kab_kota = ${kab} and h.idbdt = ch.idbdt
    left join kpm_memberships k on ch.program <> 'PBI' and k.kab_kota = ${kab} and k.program = ch.program and k.idbdt = ch.idbdt
    left join pbi_participants b on ch.program = 'PBI' and b.kab_kota = ${kab} and b.idartbdt = ch.idartbdt
    left join members m on m.kab_kota = ${kab} and m.idartbdt = ch.idartbdt
    left join members mp on mp.kab_kota = ${kab} and mp.idartbdt = k.id_pengurus`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

export interface NewFinalisation {
  module?: FinalisationModule;
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
      module: f.module ?? 'BDT',
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
  'f.module',
] as const;

function summaries(db: Db) {
  return db
    .selectFrom('finalisations as f')
    .innerJoin('regions as r', 'r.code', 'f.kab_kota')
    .innerJoin('periods as pe', 'pe.code', 'f.period');
}

export type FinalisationSummaryRow = Awaited<ReturnType<typeof findFinalisationSummary>> & object;

/** One finalisation of the districts `districts` names (a condition on f.kab_kota) without its snapshot, recap or logo. */
export async function findFinalisationSummary(db: Db, districts: Expression<SqlBool>, id: number) {
  return summaries(db).select(SUMMARY).where(districts).where('f.id', '=', id).executeTakeFirst();
}

/** One finalisation of district `kab` with its recap, letter data and logo. */
export async function findFinalisation(db: Db, kab: string, id: number) {
  return summaries(db)
    .select([...SUMMARY, 'f.recap', 'f.letter', 'f.letter_logo', 'f.letter_logo_type', 'pe.sk_number'])
    .where('f.kab_kota', '=', kab)
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
  f: { scope: Expression<SqlBool>; kab?: string; period?: string; module?: FinalisationModule; offset: number; limit: number },
) {
  let q = summaries(db).where(f.scope);
  if (f.module) q = q.where('f.module', '=', f.module);
  if (f.kab) q = q.where('f.kab_kota', '=', f.kab);
  if (f.period) q = q.where('f.period', '=', f.period);
  const [items, total] = await Promise.all([
    q.select(SUMMARY).orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').offset(f.offset).limit(f.limit).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** The district's last BDT finalisation (any period), for release.json `finalization`. */
export async function findLastFinalisation(db: Db, kab: string): Promise<{ period: string; number: number } | undefined> {
  return db
    .selectFrom('finalisations')
    .select(['period', 'number'])
    .where('kab_kota', '=', kab)
    .where('module', '=', 'BDT')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A page of the proposals of a finalisation in id order, after `afterId`, with names of regions, decider and head of household. */
export async function pageFinalisedProposals(db: Db, kab: string, finalisationId: number, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('proposals as p')
    .leftJoin('regions as d', 'd.code', 'p.kode_wilayah')
    // The name of the head of household as it was at finalisation (the snapshot), for the download:
    // one index probe per proposal, whatever the estimates. As a plain join, during the finalisation
    // itself (the id is new to the statistics: one proposal expected, 60,000 there) PostgreSQL probed
    // the snapshot by finalisation only and filtered each proposal's household out of all of them —
    // 2 s a page, 190 s for a district's first finalisation; the LIMIT keeps the subquery from being
    // flattened back into that join.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('finalisation_households as x')
          .select('x.record')
          .whereRef('x.kab_kota', '=', 'p.kab_kota')
          .whereRef('x.finalisation_id', '=', 'p.finalisation_id' as never)
          .where(sql<boolean>`x.idbdt = coalesce(p.idbdt, (p.assigned ->> 'idbdt'))`)
          .limit(1)
          .as('fh'),
      (join) => join.onTrue(),
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
      ...proposalLineColumns,
      'p.status',
      'p.errors',
      'p.conflict',
      'p.operator_username',
      'p.decided_at',
      'p.decision_reason',
      'p.accepted_fields',
      'p.rejected_fields',
      'p.assigned',
      'p.origin',
      'p.program',
      'p.idartbdt',
      'p.replacement_idbdt',
      'p.reason_code',
      'd.name as desa_name',
      'k.name as kecamatan_name',
      'u.username as decided_by_username',
      sql<string | null>`fh.record ->> 'nama_krt'`.as('nama_krt'),
      sql<string | null>`fh.record ->> 'alamat'`.as('alamat'),
    ])
    .where('p.kab_kota', '=', kab)
    .where('p.finalisation_id', '=', finalisationId);
  if (afterId) q = q.where('p.id', '>', afterId);
  return q.orderBy('p.id').limit(limit).execute();
}

export type FinalisedProposalRow = Awaited<ReturnType<typeof pageFinalisedProposals>>[number];

/** A page of the household snapshots of a finalisation in idbdt order, after `afterIdbdt`. */
export async function pageSnapshots(db: Db, kab: string, finalisationId: number, afterIdbdt: string | null, limit: number) {
  let q = db
    .selectFrom('finalisation_households')
    .select(['idbdt', 'kode_wilayah', 'record'])
    .where('kab_kota', '=', kab)
    .where('finalisation_id', '=', finalisationId);
  if (afterIdbdt) q = q.where('idbdt', '>', afterIdbdt);
  return q.orderBy('idbdt').limit(limit).execute();
}

/** A page of the membership snapshot of a BSP/PBI finalisation in (proposal, change) order, after `after`, with region names. */
export async function pageMemberships(db: Db, kab: string, finalisationId: number, after: string | null, limit: number) {
  let q = db
    .selectFrom('finalisation_memberships as fm')
    .leftJoin('regions as d', 'd.code', 'fm.kode_wilayah')
    .leftJoin('regions as k', (j) => j.on(sql`k.code`, '=', sql`substr(fm.kode_wilayah, 1, 6)`))
    .select([
      'fm.proposal_id',
      'fm.change',
      'fm.program',
      'fm.idbdt',
      'fm.idartbdt',
      'fm.kode_wilayah',
      'fm.status_before',
      'fm.status_after',
      'fm.reason',
      'fm.record',
      'd.name as desa_name',
      'k.name as kecamatan_name',
    ])
    .where('fm.kab_kota', '=', kab)
    .where('fm.finalisation_id', '=', finalisationId);
  if (after) {
    const [proposal, change] = after.split('|');
    q = q.where(sql<SqlBool>`(fm.proposal_id, fm.change) > (${proposal}::uuid, ${change})`);
  }
  return q.orderBy('fm.proposal_id').orderBy('fm.change').limit(limit).execute();
}

export type MembershipSnapshotRow = Awaited<ReturnType<typeof pageMemberships>>[number];
