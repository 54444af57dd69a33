import {
  BpntStageBodySchema,
  DistrictParamsSchema,
  DistrictProgramsSchema,
  KpmListQuerySchema,
  KpmPageSchema,
  PbiListQuerySchema,
  PbiPageSchema,
  QuotaBodySchema,
  QuotaParamsSchema,
  QuotaUseQuerySchema,
  QuotaUseSchema,
} from '../../../shared/api/programs.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { getQuotaUse, listKpm, listPbi } from './lists.service.ts';
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
  r.get('/api/v1/kpm', 'listKpm', { querystring: KpmListQuerySchema, response: { 200: KpmPageSchema } })
    .summary('KPM of BPNT/RASTRA in the caller scope, lowest persentil first (F10); masked for roles without personal:unmasked')
    .handle(({ actor, query }) => listKpm(ctx, actor, query));
  r.get('/api/v1/pbi', 'listPbi', { querystring: PbiListQuerySchema, response: { 200: PbiPageSchema } })
    .summary('PBI-JK participants in the caller scope, lowest persentil first (F11); masked for roles without personal:unmasked')
    .handle(({ actor, query }) => listPbi(ctx, actor, query));
  r.get('/api/v1/quotas', 'getQuotaUse', { querystring: QuotaUseQuerySchema, response: { 200: QuotaUseSchema } })
    .summary('Quota and use (AKTIF members of the list) per programme of a district (C4)')
    .handle(({ actor, query }) => getQuotaUse(ctx, actor, query));
}
