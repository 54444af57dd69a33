// SQL of Beranda's round figures (F3): small aggregates over one district's (or one operator's
// area's) rows of the period.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';

/** The open period, else the latest one (what Beranda reports on). */
export async function homePeriod(db: Db): Promise<{ code: string; name: string } | undefined> {
  return db
    .selectFrom('periods')
    .select(['code', 'name'])
    .orderBy(sql`status = 'OPEN'`, 'desc')
    .orderBy('code', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** BDT proposals of a district's period per kecamatan, limited by `scope` (a condition on p.kode_wilayah). */
export async function proposalsByKecamatan(db: Db, kab: string, period: string, scope: Expression<SqlBool>) {
  const { rows } = await sql<{ code: string; name: string | null; total: number; waiting: number; open_decided: number }>`
    select substr(p.kode_wilayah, 1, 6) as code, r.name,
      count(*)::int as total,
      count(*) filter (where p.status = 'MENUNGGU')::int as waiting,
      count(*) filter (where p.status <> 'MENUNGGU' and p.finalisation_id is null)::int as open_decided
    from proposals p
    join imports i on i.kab_kota = p.kab_kota and i.id = p.import_id
    left join regions r on r.code = substr(p.kode_wilayah, 1, 6)
    where p.kab_kota = ${kab} and p.module = 'BDT' and i.period = ${period} and ${scope}
    group by 1, 2
    order by 1`.execute(db);
  return rows;
}

/**
 * The district's downloads: release databases built for the period (none without a period), and
 * the offline app as its users' log entries `action` count them (any time); each with the last time.
 */
export async function downloadTallies(db: Db, kab: string, period: string | null, action: string) {
  const { rows } = await sql<{ releases: number; release_at: Date | null; offline: number; offline_at: Date | null }>`
    select r.n as releases, r.last as release_at, a.n as offline, a.last as offline_at
    from (select count(*)::int as n, max(created_at) as last from releases where kab_kota = ${kab} and period = ${period}) r,
      (select count(*)::int as n, max(at) as last from audit_log where kab_kota = ${kab} and region_code = ${kab} and action = ${action}) a`.execute(
    db,
  );
  const r = rows[0]!;
  return { releases: { count: r.releases, lastAt: r.release_at }, offlineApp: { count: r.offline, lastAt: r.offline_at } };
}

/** The district's BDT finalisations of the period, newest first. */
export async function periodFinalisations(db: Db, kab: string, period: string) {
  return db
    .selectFrom('finalisations')
    .select(['id', 'number', 'letter_number', 'created_at', 'proposal_count'])
    .where('kab_kota', '=', kab)
    .where('period', '=', period)
    .where('module', '=', 'BDT')
    .orderBy('number', 'desc')
    .execute();
}
