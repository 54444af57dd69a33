// SQL of Rekapitulasi (F9) and monitoring (C5): set-based GROUP BY queries over the registry,
// the proposals of a period and the finalisations, one row per area or district.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Db } from '../../platform/db.ts';
import { figuresByAreaQuery, refreshDistrictFigures } from '../figures/index.ts';
import { countsOfRow, proposalCountColumns, type ProposalCounts } from '../finalisations/index.ts';

export type RecapLevel = 'kecamatan' | 'desa';

export interface RecapAreaRow {
  code: string;
  name: string;
  /** The kecamatan of a desa row. */
  kecamatan: { code: string; name: string } | null;
  households: number;
  members: number;
  counts: ProposalCounts;
  /** AKTIF KPM of BPNT and RASTRA (households) and AKTIF PBI participants (members) in the area. */
  programs: ProgrammeCounts;
}

/** AKTIF members of the programme lists. */
export interface ProgrammeCounts {
  BPNT: number;
  RASTRA: number;
  PBI: number;
}

/**
 * One row per kecamatan (or desa) under `prefix` (a district, or a kecamatan for desa): AKTIF
 * households, their present members (sta_keberadaan_art 1 or 4) and the AKTIF KPM (BPNT, RASTRA)
 * and PBI participants of the district's lists by where the household lives now — from the
 * maintained district figures, recomputed first when the district was written since — and the
 * counts of the district's BDT proposals of the period (those of its imports of that period).
 */
export async function recapByArea(
  database: Database,
  kab: string,
  prefix: string,
  period: string,
  level: RecapLevel,
): Promise<RecapAreaRow[]> {
  const len = level === 'kecamatan' ? 6 : 10;
  await refreshDistrictFigures(database, kab);
  const { rows } = await sql<Record<string, unknown>>`
    with f as (${figuresByAreaQuery(prefix, len, () => sql<SqlBool>`true`)}),
    p as (
      select substr(p.kode_wilayah, 1, ${len}) as area, ${proposalCountColumns()}
      from proposals p
      where p.kab_kota = ${kab} and p.module = 'BDT' and p.kode_wilayah like ${`${prefix}%`}
        and p.import_id in (select i.id from imports i where i.kab_kota = ${kab} and i.period = ${period})
      group by 1
    )
    select r.code, r.name, k.code as kec_code, k.name as kec_name,
      coalesce(f.households, 0) as households, coalesce(f.members, 0) as members, p.*,
      coalesce(f.kpm_bpnt, 0) as kpm_bpnt, coalesce(f.kpm_rastra, 0) as kpm_rastra, coalesce(f.pbi, 0) as pbi_aktif
    from regions r
    left join regions k on k.code = r.parent_code and ${sql.lit(level === 'desa')}
    left join f on f.area = r.code
    left join p on p.area = r.code
    where r.code like ${`${prefix}%`} and r.level = ${level}
    order by r.code`.execute(database.db);
  return rows.map(recapRowOf);
}

/** A recap row from its query's columns (kec_code/kec_name: the kecamatan of a desa row). */
function recapRowOf(r: Record<string, unknown>): RecapAreaRow {
  return {
    code: String(r.code),
    name: String(r.name),
    kecamatan: r.kec_code ? { code: String(r.kec_code), name: String(r.kec_name) } : null,
    households: Number(r.households),
    members: Number(r.members),
    counts: countsOfRow(r),
    programs: { BPNT: Number(r.kpm_bpnt), RASTRA: Number(r.kpm_rastra), PBI: Number(r.pbi_aktif) },
  };
}

export type RegionRecapLevel = 'provinsi' | 'kabkota';

/**
 * One row per province (prefix '') or per district of a province (prefix its code): the AKTIF
 * households, present members and AKTIF KPM/PBI from the maintained district figures (refreshed
 * first), and the counts of the BDT proposals of the period, all limited by `scope` (a condition on
 * a region code column).
 */
export async function recapByRegion(
  database: Database,
  prefix: string,
  level: RegionRecapLevel,
  period: string,
  scope: (column: string) => Expression<SqlBool>,
): Promise<RecapAreaRow[]> {
  const len = level === 'provinsi' ? 2 : 4;
  await refreshDistrictFigures(database, prefix);
  const { rows } = await sql<Record<string, unknown>>`
    with f as (${figuresByAreaQuery(prefix, len, scope)}),
    p as (
      select left(p.kode_wilayah, ${len}) as area, ${proposalCountColumns()}
      from proposals p join imports i on i.id = p.import_id
      where i.period = ${period} and p.module = 'BDT' and p.kode_wilayah like ${`${prefix}%`} and ${scope('p.kode_wilayah')}
      group by 1
    )
    select r.code, r.name, coalesce(f.households, 0) as households, coalesce(f.members, 0) as members, p.*,
      coalesce(f.kpm_bpnt, 0) as kpm_bpnt, coalesce(f.kpm_rastra, 0) as kpm_rastra, coalesce(f.pbi, 0) as pbi_aktif
    from regions r
    left join f on f.area = r.code
    left join p on p.area = r.code
    where r.code like ${`${prefix}%`} and r.level = ${level}
    order by r.code`.execute(database.db);
  return rows.map(recapRowOf);
}

/** The periods, newest first (to pick the default period of a report). */
export async function latestPeriod(db: Db): Promise<{ code: string; name: string; status: string } | undefined> {
  return db
    .selectFrom('periods')
    .select(['code', 'name', 'status'])
    .orderBy(sql`status = 'OPEN'`, 'desc')
    .orderBy('code', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One period by code. */
export async function findPeriod(db: Db, code: string): Promise<{ code: string; name: string; status: string } | undefined> {
  return db.selectFrom('periods').select(['code', 'name', 'status']).where('code', '=', code).executeTakeFirst();
}

/** Finalisation status per district of a period: last number and date, count, proposals waiting and open. */
export async function monitorDistricts(db: Db, period: string, provinsi: string | null) {
  const { rows } = await sql<{
    kab_kota: string;
    kab_name: string;
    provinsi: string;
    provinsi_name: string;
    finalisations: number;
    last_number: number | null;
    last_at: Date | null;
    last_id: number | null;
    proposals: number;
    waiting: number;
    open_decided: number;
  }>`
    with f as (
      select distinct on (kab_kota) kab_kota, id, number, created_at, count(*) over (partition by kab_kota)::int as n
      -- BDT finalisations: BSP and PBI are finalised and numbered on their own (migration 0017).
      from finalisations where period = ${period} and module = 'BDT'
      order by kab_kota, number desc
    ),
    p as (
      select p.kab_kota,
        count(*)::int as proposals,
        count(*) filter (where p.status = 'MENUNGGU')::int as waiting,
        count(*) filter (where p.status <> 'MENUNGGU' and p.finalisation_id is null)::int as open_decided
      from proposals p join imports i on i.id = p.import_id
      where i.period = ${period} and p.module = 'BDT' ${provinsi ? sql`and p.kab_kota like ${`${provinsi}%`}` : sql``}
      group by p.kab_kota
    )
    select r.code as kab_kota, r.name as kab_name, pr.code as provinsi, pr.name as provinsi_name,
      coalesce(f.n, 0) as finalisations, f.number as last_number, f.created_at as last_at, f.id as last_id,
      coalesce(p.proposals, 0) as proposals, coalesce(p.waiting, 0) as waiting, coalesce(p.open_decided, 0) as open_decided
    from regions r
    join regions pr on pr.code = r.parent_code
    left join f on f.kab_kota = r.code
    left join p on p.kab_kota = r.code
    where r.level = 'kabkota' ${provinsi ? sql`and r.code like ${`${provinsi}%`}` : sql``}
    order by r.code`.execute(db);
  return rows;
}
