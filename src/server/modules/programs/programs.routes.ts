import * as api from '../../../shared/api/programs.ts';
import { defineRoutes } from '../../http/routes.ts';
import { getQuotaUse, listKpm, listPbi } from './lists.service.ts';
import { getDistrictPrograms, updateBpntStage, updateDistrictQuota } from './programs.service.ts';

/** Routes of the programs module (C4 quotas, read side of F10/F11). */
export const programsRoutes = defineRoutes('programs', (r, ctx) => {
  r.get('/api/v1/districts/:kab/programs', 'getDistrictPrograms', {
    params: api.DistrictParamsSchema,
    response: { 200: api.DistrictProgramsSchema },
  })
    .summary('Programme quotas (BPNT, RASTRA, PBI) and BPNT stage of a district in the caller scope')
    .handle(({ actor, params }) => getDistrictPrograms(ctx, actor, params.kab));
  r.put('/api/v1/districts/:kab/quotas/:program', 'updateDistrictQuota', {
    params: api.QuotaParamsSchema,
    body: api.QuotaBodySchema,
    response: { 200: api.DistrictProgramsSchema },
  })
    .summary('Set (or with null remove) one programme quota of a district from a period on (Ditjen PFM)')
    .handle(({ actor, params, body }) => updateDistrictQuota(ctx, actor, { ...params, quota: body.quota, period: body.period }));
  r.put('/api/v1/districts/:kab/bpnt-stage', 'updateBpntStage', {
    params: api.DistrictParamsSchema,
    body: api.BpntStageBodySchema,
    response: { 200: api.DistrictProgramsSchema },
  })
    .summary('Set (or with null remove) the BPNT expansion stage of a district (Ditjen PFM)')
    .handle(({ actor, params, body }) => updateBpntStage(ctx, actor, { kab: params.kab, tahap: body.tahap }));
  r.get('/api/v1/kpm', 'listKpm', { querystring: api.KpmListQuerySchema, response: { 200: api.KpmPageSchema } })
    .summary('KPM of BPNT/RASTRA in the caller scope, lowest persentil first (F10); masked for roles without personal:unmasked')
    .handle(({ actor, query }) => listKpm(ctx, actor, query));
  r.get('/api/v1/pbi', 'listPbi', { querystring: api.PbiListQuerySchema, response: { 200: api.PbiPageSchema } })
    .summary('PBI-JK participants in the caller scope, lowest persentil first (F11); masked for roles without personal:unmasked')
    .handle(({ actor, query }) => listPbi(ctx, actor, query));
  r.get('/api/v1/quotas', 'getQuotaUse', { querystring: api.QuotaUseQuerySchema, response: { 200: api.QuotaUseSchema } })
    .summary('Quota and use (AKTIF members of the list) per programme of a district (C4)')
    .handle(({ actor, query }) => getQuotaUse(ctx, actor, query));
});
