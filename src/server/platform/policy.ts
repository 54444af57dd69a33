import { can, type Verb } from '../../shared/roles.ts';
import { AppError } from './errors.ts';
import { type Actor, assertRegionInScope, districtOf } from './scope.ts';

/**
 * The one permission check of every service: the actor's role must hold `verb` (403 otherwise);
 * with `region`, that region must lie in the actor's scope (404 otherwise, like a missing one).
 */
export function assertCan(actor: Actor, verb: Verb, region?: string): void {
  if (!can(actor.role, verb)) throw new AppError('FORBIDDEN');
  if (region !== undefined) assertRegionInScope(actor, region);
}

/** Whether the actor may do `verb` (for choices inside a service, not for refusals). */
export function allows(actor: Actor, verb: Verb): boolean {
  return can(actor.role, verb);
}

/**
 * The district an actor bound to one district acts for with `verb` (MoU, release, import, review,
 * finalisation belong to one district): 403 when the role lacks the verb or the scope is not one district.
 */
export function actingDistrict(actor: Actor, verb: Verb): string {
  assertCan(actor, verb);
  const kab = districtOf(actor);
  if (!kab) throw new AppError('FORBIDDEN');
  return kab;
}
