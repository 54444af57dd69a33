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
