import { sql, type Expression, type SqlBool } from 'kysely';
import type { DciCondition, DciIdType, DciRegType } from '../../../shared/api/dci.ts';
import { type FieldDef, householdFields, memberFields } from '../../../shared/dictionary/index.ts';
import type { Db } from '../../platform/db.ts';
import { inProgramme, memberFlagsJsonb, type ProgrammeFilter } from '../programs/index.ts';

// The DCI search in set-based SQL: per search_request one query for the page of records (with the
// total as a window count), and for households one more for the members of the whole page.

/** What one search_request looks for, already checked. */
export type DciMatch = { kind: 'id'; type: DciIdType; value: string } | { kind: 'expression'; and: readonly DciCondition[] };

export interface DciPage {
  records: Record<string, unknown>[];
  total: number;
}

// The stored record in the dictionary's field names: every column but the bookkeeping timestamps.
// A member's programme flags are derived from the lists (programs/flags.ts), laid over the unused columns.
const recordOf = (alias: 'h' | 'm') =>
  alias === 'm'
    ? sql<Record<string, unknown>>`(to_jsonb(m) - 'created_at' - 'updated_at') || ${memberFlagsJsonb('m')}`
    : sql<Record<string, unknown>>`to_jsonb(${sql.table(alias)}) - 'created_at' - 'updated_at'`;

// jsonb orders keys by length; a record reads better in the dictionary's order, the rest (version, status) after.
function inDictionaryOrder(record: Record<string, unknown>, fields: readonly FieldDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.name in record) out[f.name] = record[f.name];
  return Object.assign(out, record);
}

// A household of desil d has its persentil in ((d - 1) * 10, d * 10].
const desilLow = (d: number) => (d - 1) * 10 + 1;
const desilHigh = (d: number) => d * 10;

/** One expression condition over households `h` (dciConditionProblem has checked operator and values). */
function condition(c: DciCondition): Expression<SqlBool> {
  const values = (Array.isArray(c.value) ? c.value : [c.value]) as (string | number)[];
  const anyOf = (one: (v: string | number) => Expression<SqlBool>) =>
    values.length === 1 ? one(values[0]!) : sql<SqlBool>`(${sql.join(values.map(one), sql` or `)})`;
  switch (c.attribute) {
    case 'kode_wilayah': {
      // Codes are digits only (checked), so the LIKE pattern needs no escaping. The code names its
      // district (households' CHECK: kab_kota is its first four digits), which the statement names too (issue 18).
      const code = String(values[0]);
      if (c.operator === 'startsWith' && code.length < 4) return sql<SqlBool>`h.kab_kota like ${`${code}%`}`;
      if (c.operator === 'startsWith' && code.length === 4) return sql<SqlBool>`h.kab_kota = ${code}`;
      if (c.operator === 'startsWith') return sql<SqlBool>`h.kab_kota = ${code.slice(0, 4)} and h.kode_wilayah like ${`${code}%`}`;
      const kabs = [...new Set(values.map((v) => String(v).slice(0, 4)))];
      return sql<SqlBool>`h.kab_kota in (${sql.join(kabs)}) and h.kode_wilayah in (${sql.join(values)})`;
    }
    case 'desil': {
      const d = values.map(Number);
      if (c.operator === 'lte') return sql<SqlBool>`h.persentil <= ${desilHigh(d[0]!)}`;
      if (c.operator === 'gte') return sql<SqlBool>`h.persentil >= ${desilLow(d[0]!)}`;
      return anyOf((v) => sql<SqlBool>`h.persentil between ${desilLow(Number(v))} and ${desilHigh(Number(v))}`);
    }
    case 'status':
      return sql<SqlBool>`h.status in (${sql.join(values)})`;
    case 'program':
      return anyOf((v) => inProgramme(v as ProgrammeFilter, 'h'));
  }
}

/** The districts of the actor's scope as a condition on a district-owned table's kab_kota column (scope.districtInScope). */
export type DistrictCondition = (column: string) => Expression<SqlBool>;

// The households an identifier names: itself (IDBDT) or the household of a matching member (looked up in
// the scope's districts, issue 18).
function householdMatch(match: DciMatch, districts: DistrictCondition): Expression<SqlBool> {
  if (match.kind === 'expression') return sql<SqlBool>`${sql.join(match.and.map(condition), sql` and `)}`;
  const column = { NIK: 'nik', NO_KK: 'no_kk', IDARTBDT: 'idartbdt', IDBDT: null }[match.type];
  if (column === null) return sql<SqlBool>`h.idbdt = ${match.value}`;
  return sql<SqlBool>`(h.kab_kota, h.idbdt) in (select mm.kab_kota, mm.idbdt from members mm where ${districts('mm.kab_kota')} and ${sql.ref(`mm.${column}`)} = ${match.value})`;
}

// The members an identifier names (the household's all for IDBDT); an expression names the members of its households.
function memberMatch(match: DciMatch, districts: DistrictCondition): Expression<SqlBool> {
  if (match.kind === 'expression') return householdMatch(match, districts);
  const column = { NIK: 'nik', NO_KK: 'no_kk', IDARTBDT: 'idartbdt', IDBDT: 'idbdt' }[match.type];
  return sql<SqlBool>`${sql.ref(`m.${column}`)} = ${match.value}`;
}

/**
 * One page of the records a search_request names within `scope` (the actor's scope over households
 * `h`, scope.householdsInScope) and `districts`: households with their members, or members each with
 * its household's idbdt.
 */
export async function searchRecords(
  db: Db,
  regType: DciRegType,
  match: DciMatch,
  scope: Expression<SqlBool>,
  page: { size: number; number: number },
  districts: DistrictCondition,
): Promise<DciPage> {
  const offset = (page.number - 1) * page.size;
  if (regType === 'INDIVIDUAL') {
    const base = db
      .selectFrom('members as m')
      .innerJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'm.kab_kota').onRef('h.idbdt', '=', 'm.idbdt'))
      .where(scope)
      .where(memberMatch(match, districts));
    const rows = await base
      .select([recordOf('m').as('record'), sql<number>`count(*) over ()::int`.as('total')])
      .orderBy('m.idartbdt')
      .limit(page.size)
      .offset(offset)
      .execute();
    const count = () => base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return { records: rows.map((r) => inDictionaryOrder(r.record, memberFields)), total: await totalOf(rows, offset, count) };
  }
  const base = db.selectFrom('households as h').where(scope).where(householdMatch(match, districts));
  const rows = await base
    .select(['h.kab_kota', 'h.idbdt', recordOf('h').as('record'), sql<number>`count(*) over ()::int`.as('total')])
    .orderBy('h.idbdt')
    .limit(page.size)
    .offset(offset)
    .execute();
  const members = await membersOf(db, rows);
  const count = () => base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return {
    records: rows.map((r) => ({ ...inDictionaryOrder(r.record, householdFields), members: members.get(r.idbdt) ?? [] })),
    total: await totalOf(rows, offset, count),
  };
}

// The page's rows carry the total (a window count); a page past the last has none, and counts on its own.
async function totalOf(rows: readonly { total: number }[], offset: number, count: () => Promise<{ n: number }>): Promise<number> {
  if (rows[0]) return rows[0].total;
  return offset > 0 ? (await count()).n : 0;
}

/** The members of some households (each by its district and idbdt), by idbdt, in idartbdt order: one query for a whole page. */
async function membersOf(
  db: Db,
  households: readonly { kab_kota: string; idbdt: string }[],
): Promise<Map<string, Record<string, unknown>[]>> {
  const out = new Map<string, Record<string, unknown>[]>();
  if (households.length === 0) return out;
  const rows = await db
    .selectFrom('members as m')
    .select(['m.idbdt', recordOf('m').as('record')])
    .where((eb) =>
      eb(
        eb.refTuple('m.kab_kota', 'm.idbdt'),
        'in',
        households.map((h) => eb.tuple(h.kab_kota, h.idbdt)),
      ),
    )
    .orderBy('m.idbdt')
    .orderBy('m.idartbdt')
    .execute();
  for (const r of rows) {
    const list = out.get(r.idbdt);
    const record = inDictionaryOrder(r.record, memberFields);
    if (list) list.push(record);
    else out.set(r.idbdt, [record]);
  }
  return out;
}
