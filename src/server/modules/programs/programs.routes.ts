import {
  BpntStageBodySchema,
  DistrictParamsSchema,
  DistrictProgramsSchema,
  QuotaBodySchema,
  QuotaParamsSchema,
} from '../../../shared/api/programs.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { getDistrictPrograms, updateBpntStage, updateDistrictQuota } from './programs.service.ts';

/** Routes of the programs module (C4 quotas, read side of F10/F11). */
export function programsRoutes(app: FastifyZod, ctx: AppContext) {
  const r = routeTable(app, 'programs');
  r.get('/api/v1/districts/:kab/programs', 'getDistrictPrograms', {
    params: DistrictParamsSchema,
    response: { 200: DistrictProgramsSchema },
  })
    .summary('Programme quotas (BPNT, RASTRA, PBI) and BPNT stage of a district in the caller scope')
    .handle(({ actor, params }) => getDistrictPrograms(ctx, actor, params.kab));
  r.put('/api/v1/districts/:kab/quotas/:program', 'updateDistrictQuota', {
    params: QuotaParamsSchema,
    body: QuotaBodySchema,
    response: { 200: DistrictProgramsSchema },
  })
    .summary('Set (or with null remove) one programme quota of a district (Ditjen PFM)')
    .handle(({ actor, params, body }) => updateDistrictQuota(ctx, actor, { ...params, quota: body.quota }));
  r.put('/api/v1/districts/:kab/bpnt-stage', 'updateBpntStage', {
    params: DistrictParamsSchema,
    body: BpntStageBodySchema,
    response: { 200: DistrictProgramsSchema },
  })
    .summary('Set (or with null remove) the BPNT expansion stage of a district (Ditjen PFM)')
    .handle(({ actor, params, body }) => updateBpntStage(ctx, actor, { kab: params.kab, tahap: body.tahap }));
}
