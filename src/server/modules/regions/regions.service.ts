import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { regionInScope, type Actor } from '../../platform/scope.ts';
import { isNational } from '../../../shared/roles.ts';
import * as q from './regions.queries.ts';

// A region is visible when it lies inside the scope or is an ancestor of a scope region
// (a supervisor may see the name of its own province, not its sibling districts).
function visible(actor: Actor, code: string): boolean {
  return regionInScope(actor, code) || actor.regions.some((r) => r.startsWith(code));
}

/** The child regions of `parent` (provinces when null) that the actor may see. */
export async function listRegionChildren(ctx: AppContext, actor: Actor, parent: string | null): Promise<q.Region[]> {
  if (parent !== null && !visible(actor, parent)) throw notFound();
  if (parent === null && !isNational(actor.role)) {
    const all = await q.listChildRegions(ctx.database.db, null);
    return all.filter((r) => visible(actor, r.code));
  }
  const children = await q.listChildRegions(ctx.database.db, parent);
  return children.filter((r) => visible(actor, r.code));
}

/** The regions of the actor's scope with their names. */
export async function describeScope(ctx: AppContext, actor: Actor): Promise<q.Region[]> {
  if (actor.regions.length === 0) return [];
  return ctx.database.db.selectFrom('regions').selectAll().where('code', 'in', actor.regions).orderBy('code').execute();
}
