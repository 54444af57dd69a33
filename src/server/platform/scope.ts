import { sql, type Expression, type SqlBool } from 'kysely';
import { hasNationalScope, type Role } from '../../shared/roles.ts';
import { notFound } from './errors.ts';

/** Who is acting: the authenticated user with its role and region scope. */
export interface Actor {
  userId: number;
  username: string;
  name: string;
  role: Role;
  /** Region codes of the scope (empty for national roles). */
  regions: string[];
  language: 'id' | 'en';
  mustChangePassword: boolean;
}

/**
 * The one SQL fragment that scopes a query to the actor's regions: `column` (a region code
 * column, C collation) must start with one of the scope's codes. Every registry read uses it.
 */
export function inScope(actor: Actor, column: string): Expression<SqlBool> {
  if (hasNationalScope(actor.role, actor.regions)) return sql<SqlBool>`true`;
  if (actor.regions.length === 0) return sql<SqlBool>`false`;
  const patterns = actor.regions.map((c) => `${c}%`);
  // One region (nearly every user): a plain LIKE, which the planner turns into an index range. With
  // LIKE ANY it can only filter, so a district's list walked the index from the nation's first code
  // and grew with every district sorted before it (issue 18, bench/nation.ts).
  if (patterns.length === 1) return sql<SqlBool>`${sql.ref(column)} like ${patterns[0]}`;
  return sql<SqlBool>`${sql.ref(column)} like any(${patterns}::text[])`;
}

/**
 * The districts of the actor's scope as a condition on a district-owned table's `kab_kota` column:
 * a statement on such a table names its district (issue 18; test/db/district-queries.db.test.ts).
 * A province's scope is its districts' prefix; the nation's, no condition.
 */
export function districtInScope(actor: Actor, column: string): Expression<SqlBool> {
  if (hasNationalScope(actor.role, actor.regions)) return sql<SqlBool>`true`;
  if (actor.regions.length === 0) return sql<SqlBool>`false`;
  const kabs = [...new Set(actor.regions.filter((r) => r.length >= 4).map((r) => r.slice(0, 4)))];
  const provinces = actor.regions.filter((r) => r.length < 4).map((r) => `${r}%`);
  const parts = [
    ...(kabs.length === 1 ? [sql<SqlBool>`${sql.ref(column)} = ${kabs[0]}`] : []),
    ...(kabs.length > 1 ? [sql<SqlBool>`${sql.ref(column)} in (${sql.join(kabs)})`] : []),
    ...(provinces.length ? [sql<SqlBool>`${sql.ref(column)} like any(${provinces}::text[])`] : []),
  ];
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * The actor's scope on `households` (as `alias`): a district on `kab_kota` (= X, a province LIKE
 * 'XX%'), a kecamatan or desa on `kode_wilayah` besides. Only for households, whose CHECK makes
 * kab_kota the code's first four digits. One condition per fact: written as `kab_kota = X AND
 * kode_wilayah LIKE 'X%'` (the district a statement names, issue 18, and the scope on the code) the
 * planner multiplied the two — 10 % each in a nation of 40 districts — into 1 % and planned for a
 * tenth of the district (docs/performance.md, "Every district operation, statement by statement");
 * the same `kab_kota = X` twice is one condition to it.
 */
export function householdsInScope(actor: Actor, alias = 'h'): Expression<SqlBool> {
  if (hasNationalScope(actor.role, actor.regions)) return sql<SqlBool>`true`;
  if (actor.regions.length === 0) return sql<SqlBool>`false`;
  const kab = sql.ref(`${alias}.kab_kota`);
  const parts = actor.regions.map((r) => {
    if (r.length < 4) return sql<SqlBool>`${kab} like ${`${r}%`}`;
    if (r.length === 4) return sql<SqlBool>`${kab} = ${r}`;
    return sql<SqlBool>`(${kab} = ${r.slice(0, 4)} and ${sql.ref(`${alias}.kode_wilayah`)} like ${`${r}%`})`;
  });
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * A scope callback over region-code columns for a statement that reads `households h` beside other
 * tables (the map's figures): `h.kode_wilayah` gets the households' scope (householdsInScope), any
 * other column inScope's.
 */
export const listScope =
  (actor: Actor) =>
  (column: string): Expression<SqlBool> =>
    column === 'h.kode_wilayah' ? householdsInScope(actor, 'h') : inScope(actor, column);

/** Whether a region code lies inside the actor's scope (for checks on input, not reads). */
export function regionInScope(actor: Actor, code: string): boolean {
  return hasNationalScope(actor.role, actor.regions) || actor.regions.some((r) => code.startsWith(r));
}

/** Throws "not found" for a region outside the scope, so nobody can probe what exists elsewhere. */
export function assertRegionInScope(actor: Actor, code: string): void {
  if (!regionInScope(actor, code)) throw notFound();
}

/** The district (4-digit code) of an actor bound to one district, if any. */
export function districtOf(actor: Actor): string | undefined {
  const codes = new Set(actor.regions.map((r) => r.slice(0, 4)));
  return codes.size === 1 && actor.regions.every((r) => r.length >= 4) ? [...codes][0] : undefined;
}
