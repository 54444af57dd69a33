// The maintained aggregates of the national and province views (migration 0031): per district and
// desa the households, members, desil and programme-list figures. Writers only append a stale mark
// (statement triggers for inserts and deletes; for updates a row trigger limited to the columns the
// figures read, once per transaction: migration 0033); readers recompute the marked districts here
// before they add the rows up.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Db } from '../../platform/db.ts';

// Serialises the recomputations of a district (the lock's second key is the district's code): two
// reads at once would both delete and insert the same district's rows. A reader that waited finds
// the marks gone and recomputes nothing.
const FIGURES_LOCK = 727_274_031;

/** The districts under `prefix` marked stale and the last mark of each (what a recomputation covers). */
async function staleMarks(db: Db, prefix: string): Promise<{ kab: string; seq: string }[]> {
  const { rows } = await sql<{ kab: string; seq: string }>`
    select kab_kota as kab, max(seq)::text as seq from district_figures_stale
    ${prefix ? sql`where kab_kota like ${`${prefix.slice(0, 4)}%`}` : sql``}
    group by kab_kota order by kab_kota`.execute(db);
  return rows;
}

/**
 * Recomputes the figures of every district under `prefix` (a region code; '' the nation) marked
 * stale, set-based, in one transaction, and removes the marks it covered (a district written
 * meanwhile keeps its newer mark). Returns the districts.
 */
export async function refreshDistrictFigures(database: Database, prefix = ''): Promise<string[]> {
  // The common case (nothing written since the last read) costs one index-only look, no lock.
  const candidates = await staleMarks(database.db, prefix);
  if (candidates.length === 0) return [];
  return database.transaction(async (tx) => {
    // One lock per district, taken in code order (no deadlock between two readers): a district's
    // read recomputes only its own district and never waits for another district's recomputation
    // (issue 18: in a nation, a district's Rekapitulasi read every district marked stale, 40 of them
    // after a seed: 20 s instead of 0.1 s alone).
    for (const c of candidates) await sql`select pg_advisory_xact_lock(${FIGURES_LOCK}, ${Number(c.kab)})`.execute(tx);
    // Read committed: the marks read here were committed before the recomputation's snapshot, so
    // every change they stand for is in it. A district first marked after `candidates` waits for the next read.
    const locked = new Set(candidates.map((c) => c.kab));
    const marks = (await staleMarks(tx, prefix)).filter((m) => locked.has(m.kab));
    if (marks.length === 0) return [];
    const kabs = marks.map((m) => m.kab);
    await sql`delete from district_figures where kab_kota = any(${kabs}::varchar[])`.execute(tx);
    for (const kab of kabs) await computeDistrict(tx, kab);
    for (const m of marks) await sql`delete from district_figures_stale where kab_kota = ${m.kab} and seq <= ${m.seq}::bigint`.execute(tx);
    // An update marks its district once per transaction (migration 0033); after this recomputation a
    // later change in the same transaction must mark it again.
    await sql`select set_config('siks.figures_marked', '', true)`.execute(tx);
    return kabs;
  });
}

/**
 * Inserts one district's figures. Every row read is the district's own, found through an index
 * range (households, members and the lists by kab_kota, the first column of their keys), so
 * the cost follows the district's size, not the nation's.
 */
async function computeDistrict(tx: Db, kab: string): Promise<void> {
  await sql`
    insert into district_figures (kab_kota, kode_wilayah, households, members, desil_sum, desil_n, low_desil,
      kpm_bpnt, kpm_rastra, pbi, aktif_kpm_bpnt, aktif_pbi)
    with h as (
      select h.idbdt, h.kode_wilayah, h.status = 'AKTIF' as aktif, h.persentil
      from households h where h.kab_kota = ${kab}
    ),
    m as (
      -- Present members, by the district column of their key (a handed-over household's members moved with it).
      select m.idbdt, count(*)::int as n from members m
      where m.kab_kota = ${kab} and m.sta_keberadaan_art in (1, 4)
      group by 1
    ),
    k as (
      select idbdt, count(*) filter (where program = 'BPNT')::int as bpnt, count(*) filter (where program = 'RASTRA')::int as rastra
      from kpm_memberships where kab_kota = ${kab} and status = 'AKTIF' group by 1
    ),
    b as (
      select left(idartbdt, 16)::char(16) collate "C" as idbdt, count(*)::int as n
      from pbi_participants where kab_kota = ${kab} and status = 'AKTIF' group by 1
    )
    select ${kab}, h.kode_wilayah,
      count(*) filter (where h.aktif)::int,
      coalesce(sum(m.n) filter (where h.aktif), 0)::int,
      coalesce(sum(ceil(h.persentil / 10.0)) filter (where h.aktif and h.persentil between 1 and 100), 0)::int,
      count(*) filter (where h.aktif and h.persentil between 1 and 100)::int,
      count(*) filter (where h.aktif and h.persentil between 1 and 40)::int,
      coalesce(sum(k.bpnt), 0)::int, coalesce(sum(k.rastra), 0)::int, coalesce(sum(b.n), 0)::int,
      coalesce(sum(k.bpnt) filter (where h.aktif), 0)::int, coalesce(sum(b.n) filter (where h.aktif), 0)::int
    from h left join m on m.idbdt = h.idbdt left join k on k.idbdt = h.idbdt left join b on b.idbdt = h.idbdt
    group by h.kode_wilayah`.execute(tx);
}

/** The figures of the areas of one code length under `prefix`, added up from the desa rows. */
export interface AreaFigures {
  area: string;
  households: number;
  members: number;
  desilSum: number;
  desilN: number;
  lowDesil: number;
  kpmBpnt: number;
  kpmRastra: number;
  pbi: number;
  aktifKpmBpnt: number;
  aktifPbi: number;
}

/**
 * The SQL of the figures per area (`left(kode_wilayah, len)`) under `prefix`, limited by `scope` (a
 * condition on the desa code column it is given): for a query to join as a CTE. Call
 * refreshDistrictFigures first.
 */
export function figuresByAreaQuery(prefix: string, len: number, scope: (column: string) => Expression<SqlBool>) {
  return sql<Record<string, unknown>>`
    select left(f.kode_wilayah, ${len}) as area, sum(f.households)::int as households, sum(f.members)::int as members,
      sum(f.desil_sum)::int as desil_sum, sum(f.desil_n)::int as desil_n, sum(f.low_desil)::int as low_desil,
      sum(f.kpm_bpnt)::int as kpm_bpnt, sum(f.kpm_rastra)::int as kpm_rastra, sum(f.pbi)::int as pbi,
      sum(f.aktif_kpm_bpnt)::int as aktif_kpm_bpnt, sum(f.aktif_pbi)::int as aktif_pbi
    from district_figures f
    where ${prefix.length >= 4 ? sql`f.kab_kota = ${prefix.slice(0, 4)} and ` : sql``}f.kode_wilayah like ${`${prefix}%`} and ${scope('f.kode_wilayah')}
    group by 1`;
}

/** Recomputes what is stale, then the figures per area (see figuresByAreaQuery). */
export async function figuresByArea(
  database: Database,
  prefix: string,
  len: number,
  scope: (column: string) => Expression<SqlBool>,
): Promise<AreaFigures[]> {
  await refreshDistrictFigures(database, prefix);
  const { rows } = await figuresByAreaQuery(prefix, len, scope).execute(database.db);
  return rows.map((r) => ({
    area: String(r.area),
    households: Number(r.households),
    members: Number(r.members),
    desilSum: Number(r.desil_sum),
    desilN: Number(r.desil_n),
    lowDesil: Number(r.low_desil),
    kpmBpnt: Number(r.kpm_bpnt),
    kpmRastra: Number(r.kpm_rastra),
    pbi: Number(r.pbi),
    aktifKpmBpnt: Number(r.aktif_kpm_bpnt),
    aktifPbi: Number(r.aktif_pbi),
  }));
}

/**
 * Marks a district's figures stale, as the figures' triggers do: for a bulk load that ran with
 * them off (platform/bulk-load.ts `insertTriggers`). A mark too many costs one recomputation.
 */
export async function markDistrictFiguresStale(tx: Db, kab: string): Promise<void> {
  await sql`insert into district_figures_stale (kab_kota) values (${kab})`.execute(tx);
}
