// SQL of the quota screen (C4): districts with the quota of each programme in a period (the row
// of the latest period up to it, migrations/0017) and its use (AKTIF members of the list), one
// set-based statement per page; and the bulk upsert of an imported quota sheet.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { Program } from './programs.queries.ts';

/** Which districts: the actor's scope fragment over a region code, and the screen's filters. */
export interface DistrictFilter {
  scope: (column: string) => Expression<SqlBool>;
  provinsi?: string;
  /** One district. */
  kab?: string;
  /** A code prefix (digits) or part of the name. */
  q?: string;
}

/** A programme of a district in a period. */
export interface QuotaCell {
  quota: number | null;
  /** The period whose row holds (the one asked for or an earlier one); null when never set. */
  from: string | null;
  used: number;
}

export interface DistrictQuotaRow extends Record<Program, QuotaCell> {
  kab: string;
  name: string;
  provinsi: { code: string; name: string };
}

function districtWhere(f: DistrictFilter): RawBuilder<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`r.level = 'kabkota'`, f.scope('r.code')];
  if (f.provinsi) parts.push(sql<SqlBool>`r.parent_code = ${f.provinsi}`);
  if (f.kab) parts.push(sql<SqlBool>`r.code = ${f.kab}`);
  const q = f.q?.trim();
  if (q && /^[0-9]+$/.test(q)) parts.push(sql<SqlBool>`r.code like ${`${q}%`}`);
  else if (q) parts.push(sql<SqlBool>`lower(r.name) like ${`%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** The number of districts matching the filter. */
export async function countDistricts(db: Db, f: DistrictFilter): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from regions r where ${districtWhere(f)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The districts matching the filter in code order (a page of them with `page`), each with quota,
 * the period it comes from and use per programme: three rows per district from one statement.
 */
export async function listDistrictQuotas(
  db: Db,
  f: DistrictFilter,
  period: string,
  page?: { limit: number; offset: number },
): Promise<DistrictQuotaRow[]> {
  const paging = page ? sql`limit ${page.limit} offset ${page.offset}` : sql``;
  const { rows } = await sql<{
    kab: string;
    name: string;
    prov_code: string;
    prov_name: string;
    program: Program;
    quota: number | null;
    from: string | null;
    used: number;
  }>`
    with d as (
      select r.code, r.name, p.code as prov_code, p.name as prov_name
      from regions r join regions p on p.code = r.parent_code
      where ${districtWhere(f)}
      order by r.code ${paging}
    ),
    eff as (
      select distinct on (q.kab, q.program) q.kab, q.program, q.period, q.quota
      from district_quotas q
      where q.kab in (select code from d) and q.period <= ${period}
      order by q.kab, q.program, q.period desc
    ),
    used as (
      select kab_kota as kab, program, count(*)::int as n from kpm_memberships
      where status = 'AKTIF' and kab_kota in (select code from d) group by kab_kota, program
      union all
      select kab_kota, 'PBI', count(*)::int from pbi_participants
      where status = 'AKTIF' and kab_kota in (select code from d) group by kab_kota
    )
    select d.code as kab, d.name, d.prov_code, d.prov_name, pr.program, e.quota, e.period as "from", coalesce(u.n, 0) as used
    from d
    cross join (values ('BPNT'), ('RASTRA'), ('PBI')) as pr(program)
    left join eff e on e.kab = d.code and e.program = pr.program
    left join used u on u.kab = d.code and u.program = pr.program
    order by d.code, pr.program`.execute(db);
  const out = new Map<string, DistrictQuotaRow>();
  for (const r of rows) {
    let row = out.get(r.kab);
    if (!row) {
      const empty = (): QuotaCell => ({ quota: null, from: null, used: 0 });
      row = { kab: r.kab, name: r.name, provinsi: { code: r.prov_code, name: r.prov_name }, BPNT: empty(), RASTRA: empty(), PBI: empty() };
      out.set(r.kab, row);
    }
    row[r.program] = { quota: r.quota, from: r.from, used: Number(r.used) };
  }
  return [...out.values()];
}

/** The kabupaten/kota among `codes`, by code. */
export async function findDistricts(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kabkota').where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The quotas of `kabs` in `period` (per district and programme: the row of the latest period up to it). */
export async function effectiveQuotas(db: Db, kabs: readonly string[], period: string): Promise<Map<string, number | null>> {
  if (kabs.length === 0) return new Map();
  const { rows } = await sql<{ kab: string; program: Program; quota: number | null }>`
    select distinct on (kab, program) kab, program, quota from district_quotas
    where kab = any(${[...kabs]}::text[]) and period <= ${period}
    order by kab, program, period desc`.execute(db);
  return new Map(rows.map((r) => [`${r.kab}:${r.program}`, r.quota]));
}

/** Sets many quotas from `period` on in one statement. */
export async function upsertQuotas(
  tx: Db,
  period: string,
  values: readonly { kab: string; program: Program; quota: number }[],
  by: number | null,
): Promise<void> {
  if (values.length === 0) return;
  await tx
    .insertInto('district_quotas')
    .values(values.map((v) => ({ kab: v.kab, program: v.program, period, quota: v.quota, updated_by: by })))
    .onConflict((oc) =>
      oc.columns(['kab', 'program', 'period']).doUpdateSet((eb) => ({
        quota: eb.ref('excluded.quota'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}
