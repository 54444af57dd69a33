// SQL of the map (F14): one GROUP BY query per level for the area figures, and a grid (or the
// single points) of the located households in a viewport. Set-based: the cost does not grow with
// the number of areas, and no geometry work runs in SQL (PGlite has no PostGIS).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { RegionLevel } from '../../../shared/api/vocabulary.ts';
import type { Db } from '../../platform/db.ts';
import { figuresByAreaQuery } from '../figures/index.ts';

const CODE_LENGTH: Record<RegionLevel, number> = { provinsi: 2, kabkota: 4, kecamatan: 6, desa: 10 };

export interface AreaFiguresRow {
  code: string;
  name: string;
  households: number;
  meanDesil: number | null;
  lowDesilShare: number | null;
  proposalsWaiting: number;
  kpm: { active: number; quota: number | null; use: number | null };
  pbi: { active: number; quota: number | null; use: number | null };
}

export interface AreaFiguresInput {
  /** The parent's code ('' for the provinces). */
  prefix: string;
  level: RegionLevel;
  /** Which of the children to show (the caller's scope): an SQL condition on `r.code`. */
  areas: Expression<SqlBool>;
  /** Which households count (the caller's scope): an SQL condition on households `h` (given the column `h.kode_wilayah`). */
  households: (column: string) => Expression<SqlBool>;
  /** The quota period. */
  period: string;
  /** Group the households live even above a district (the aggregates' check and the benches). */
  live?: boolean;
}

const useOf = (active: number, quota: number | null) => (quota !== null && quota > 0 ? active / quota : null);

/**
 * The figures of every child area of one level under `prefix`: AKTIF households, their mean desil
 * and share in desil 1–4, waiting BDT proposals, AKTIF KPM BPNT and PBI participants (by where the
 * household lives) and, for districts and below, the district's BPNT and PBI quota of the period.
 */
export function figuresQuery(input: AreaFiguresInput) {
  const { prefix, level, period } = input;
  const len = CODE_LENGTH[level];
  const like = `${prefix}%`;
  // The lists and proposals are keyed by district first: name it when the parent lies inside one.
  const kabIs = prefix.length >= 4 ? sql`= ${prefix.slice(0, 4)}` : sql`like ${like}`;
  const quotaKab = level === 'provinsi' ? null : sql`left(r.code, 4)`;
  // Above a district (the nation's provinces, a province's districts) the household figures come from
  // the maintained per-desa aggregates (migration 0031; the caller refreshes them first): a national
  // view then adds up desa rows instead of grouping every household of the country.
  const households =
    !input.live && fromFigures(prefix)
      ? sql`
      select f.area, f.households, (f.desil_sum::float8 / nullif(f.desil_n, 0)) as mean_desil, f.low_desil,
        f.aktif_kpm_bpnt as kpm, f.aktif_pbi as pbi
      from (${figuresByAreaQuery(prefix, len, input.households)}) f`
      : // Within a district, one pass over the households: the KPM and PBI lists are first counted per
        // household (at most one row each), so the joins cannot repeat a household.
        sql`
      select left(h.kode_wilayah, ${len}) as area, count(*)::int as households,
        avg(ceil(h.persentil / 10.0)) filter (where h.persentil between 1 and 100)::float8 as mean_desil,
        count(*) filter (where h.persentil between 1 and 40)::int as low_desil,
        coalesce(sum(k.n), 0)::int as kpm, coalesce(sum(b.n), 0)::int as pbi
      from households h
      left join (
        select idbdt, count(*) as n from kpm_memberships
        where kab_kota ${kabIs} and program = 'BPNT' and status = 'AKTIF' group by idbdt
      ) k on k.idbdt = h.idbdt
      left join (
        -- A member's household is the first 16 digits of its IDARTBDT (typed like households.idbdt,
        -- so that the planner estimates the join from its statistics).
        select left(idartbdt, 16)::char(16) collate "C" as idbdt, count(*) as n from pbi_participants
        where kab_kota ${kabIs} and status = 'AKTIF' group by 1
      ) b on b.idbdt = h.idbdt
      where h.kab_kota ${kabIs}${prefix.length > 4 ? sql` and h.kode_wilayah like ${like}` : sql``} and h.status = 'AKTIF'
        and ${input.households('h.kode_wilayah')}
      group by 1`;
  return sql<Record<string, unknown>>`
    with h as (${households}),
    p as (
      select left(p.kode_wilayah, ${len}) as area, count(*)::int as waiting
      from proposals p
      where p.kab_kota ${kabIs} and p.status = 'MENUNGGU' and p.module = 'BDT' and p.kode_wilayah like ${like}
        and ${input.households('p.kode_wilayah')}
      group by 1
    ),
    -- Per district and programme the quota row of the latest period up to the asked one (listQuotas' rule).
    q as (
      select distinct on (kab, program) kab, program, quota
      from district_quotas
      where kab ${kabIs} and period <= ${period} and program in ('BPNT', 'PBI')
      order by kab, program, period desc
    )
    select r.code, r.name, coalesce(h.households, 0) as households, h.mean_desil, coalesce(h.low_desil, 0) as low_desil,
      coalesce(p.waiting, 0) as waiting, coalesce(h.kpm, 0) as kpm, coalesce(h.pbi, 0) as pbi,
      qb.quota as kpm_quota, qp.quota as pbi_quota
    from regions r
    left join h on h.area = r.code
    left join p on p.area = r.code
    left join q qb on qb.kab = ${quotaKab ?? sql`null`} and qb.program = 'BPNT'
    left join q qp on qp.kab = ${quotaKab ?? sql`null`} and qp.program = 'PBI'
    where r.code like ${like} and r.level = ${level} and ${input.areas}
    order by r.code`;
}

/** Whether figuresQuery reads the maintained aggregates: for a parent above a district (the nation, a province). */
export function fromFigures(prefix: string): boolean {
  return prefix.length < 4;
}

/** Runs figuresQuery: one row per child area. */
export async function areaFigures(db: Db, input: AreaFiguresInput): Promise<AreaFiguresRow[]> {
  const { rows } = await figuresQuery(input).execute(db);
  return rows.map((r) => {
    const households = Number(r.households);
    const kpm = Number(r.kpm);
    const pbi = Number(r.pbi);
    const kpmQuota = r.kpm_quota == null ? null : Number(r.kpm_quota);
    const pbiQuota = r.pbi_quota == null ? null : Number(r.pbi_quota);
    return {
      code: String(r.code),
      name: String(r.name),
      households,
      meanDesil: r.mean_desil == null ? null : Math.round(Number(r.mean_desil) * 100) / 100,
      lowDesilShare: households > 0 ? Number(r.low_desil) / households : null,
      proposalsWaiting: Number(r.waiting),
      kpm: { active: kpm, quota: kpmQuota, use: useOf(kpm, kpmQuota) },
      pbi: { active: pbi, quota: pbiQuota, use: useOf(pbi, pbiQuota) },
    };
  });
}

export interface ViewportInput {
  kab: string;
  bbox: readonly [number, number, number, number];
  /** Which households count (the caller's scope), or null for the whole district. */
  households: Expression<SqlBool> | null;
}

function viewport(v: ViewportInput, needsHousehold: boolean) {
  const [w, s, e, n] = v.bbox;
  const box = sql`l.kab_kota = ${v.kab} and l.lat between ${s} and ${n} and l.lng between ${w} and ${e}`;
  // kab_kota and the latitude band use household_locations_grid_idx; only AKTIF households are drawn.
  // Without a scope inside the district nor a household column to read, the few households that are
  // not AKTIF are left out by an anti-join instead of joining every point to its household.
  if (!needsHousehold && v.households === null)
    return sql`from household_locations l
      where ${box} and not exists (select 1 from households h where h.kab_kota = l.kab_kota and h.idbdt = l.idbdt and h.status <> 'AKTIF')`;
  return sql`from household_locations l join households h on h.kab_kota = l.kab_kota and h.idbdt = l.idbdt
    where ${box} and h.status = 'AKTIF' and ${v.households ?? sql`true`}`;
}

/** Up to `limit` located households in the viewport (idbdt, desil, coordinates; nothing personal). */
export async function viewportPoints(db: Db, v: ViewportInput, limit: number) {
  const { rows } = await sql<{ idbdt: string; lat: number; lng: number; persentil: number | null }>`
    select l.idbdt, l.lat, l.lng, h.persentil ${viewport(v, true)}
    order by l.lat, l.lng, l.idbdt limit ${limit}`.execute(db);
  return rows.map((r) => ({
    idbdt: r.idbdt,
    desil: r.persentil != null && r.persentil >= 1 && r.persentil <= 100 ? Math.ceil(r.persentil / 10) : null,
    lat: r.lat,
    lng: r.lng,
  }));
}

/** The located households in the viewport grouped by a square grid of `cell` degrees: count and centroid per cell. */
export async function viewportClusters(db: Db, v: ViewportInput, cell: number) {
  const { rows } = await sql<{ count: number; lat: number; lng: number }>`
    select count(*)::int as count, avg(l.lat)::float8 as lat, avg(l.lng)::float8 as lng ${viewport(v, false)}
    group by floor(l.lng / ${cell}), floor(l.lat / ${cell})
    order by 2, 3`.execute(db);
  return rows.map((r) => ({ count: Number(r.count), lat: Number(r.lat), lng: Number(r.lng) }));
}
