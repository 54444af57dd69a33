import { ROLE_LABELS } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { districtOf } from '../../platform/scope.ts';
import type { Actor } from '../access/index.ts';
import { listDocuments } from '../documents/index.ts';
import { countActiveHouseholds } from '../households/index.ts';
import { districtQuotaUse, getDistrictPrograms, PROGRAMS } from '../programs/index.ts';
import { describeScope } from '../regions/index.ts';

/** A download card of Beranda. */
export interface HomeDocument {
  id: number;
  title: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

/**
 * What Beranda (F3) shows: the region, the role, the total of BDT households in scope, the KKS
 * (BPNT) quota, BPNT stage and quota use per programme of the user's district, and the documents published for it.
 */
export async function getHome(ctx: AppContext, actor: Actor) {
  // Quota and stage belong to one district: users bound to one (supervisor, operator) see them,
  // national and provincial users have no single district and see none.
  const kab = districtOf(actor);
  const [regions, totalHouseholds, documents, programs, use] = await Promise.all([
    describeScope(ctx, actor),
    countActiveHouseholds(ctx, actor),
    listDocuments(ctx, actor),
    kab ? getDistrictPrograms(ctx, actor, kab) : Promise.resolve(null),
    kab ? districtQuotaUse(ctx, actor, kab) : Promise.resolve(null),
  ]);
  const region = regions.length === 1 ? regions[0]! : null;
  return {
    region: region && { code: region.code, name: region.name, level: region.level },
    roleLabel: ROLE_LABELS[actor.role],
    totalHouseholds,
    kuotaKks: programs?.quotas.BPNT ?? null,
    tahapBpnt: programs?.tahapBpnt ?? null,
    quotas: use && PROGRAMS.map((program) => ({ program, quota: use[program].quota, used: use[program].used })),
    documents: documents.map(
      (d): HomeDocument => ({
        id: d.id,
        title: d.title,
        contentType: d.contentType,
        size: d.size,
        uploadedAt: d.uploadedAt,
      }),
    ),
  };
}
