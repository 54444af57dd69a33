import { ROLE_LABELS } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../access/index.ts';
import { countActiveHouseholds } from '../households/index.ts';
import { describeScope } from '../regions/index.ts';

/** What Beranda (F3) shows: the region, the role and the total of BDT households in scope. */
export async function getHome(ctx: AppContext, actor: Actor) {
  const [regions, totalHouseholds] = await Promise.all([describeScope(ctx, actor), countActiveHouseholds(ctx, actor)]);
  const region = regions.length === 1 ? regions[0]! : null;
  return {
    region: region && { code: region.code, name: region.name, level: region.level },
    roleLabel: ROLE_LABELS[actor.role],
    totalHouseholds,
  };
}
