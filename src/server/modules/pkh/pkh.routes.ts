import { IdParamsSchema } from '../../../shared/api/common.ts';
import * as api from '../../../shared/api/pkh.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute, sendDownload, XLSX_TYPE } from '../finalisations/index.ts';
import * as svc from './pkh.service.ts';

/** Routes of Usulan PKH (F11b). */
export const pkhRoutes = defineRoutes('pkh', (r, ctx) => {
  r.get('/api/v1/pkh/candidates', 'listPkhCandidates', {
    querystring: api.PkhCandidateQuerySchema,
    response: { 200: api.PkhCandidatePageSchema },
  })
    .summary(
      "AKTIF households of a district with at least one PKH component (derived from present members at the district's date), lowest persentil first; masked for roles without personal:unmasked",
    )
    .handle(({ actor, query }) => svc.listCandidates(ctx, actor, query));
  exportRoute(
    r,
    '/api/v1/pkh/candidates/export',
    'exportPkhCandidates',
    api.PkhCandidateExportQuerySchema,
    'The PKH candidates of the filter as xlsx or csv; streamed, logged, masked for roles without personal:unmasked',
    (actor, query) => svc.exportCandidates(ctx, actor, query),
  );
  r.post('/api/v1/pkh/nominations', 'nominatePkh', {
    body: api.PkhNominateBodySchema,
    status: 201,
    response: { 201: api.PkhNominatedSchema },
  })
    .summary("Nominate households of the supervisor's district for PKH (all or none; a household with an open nomination is refused)")
    .handle(({ actor, body }) => svc.nominateHouseholds(ctx, actor, body));
  r.get('/api/v1/pkh/nominations', 'listPkhNominations', {
    querystring: api.PkhNominationQuerySchema,
    response: { 200: api.PkhNominationPageSchema },
  })
    .summary('PKH nominations in the caller scope with their status, newest first; masked for roles without personal:unmasked')
    .handle(({ actor, query }) => svc.listNominations(ctx, actor, query));
  r.get('/api/v1/pkh/nominations/export', 'exportPkhNominations', {
    querystring: api.PkhExportQuerySchema,
    produces: [XLSX_TYPE, 'text/csv'],
  })
    .summary('The PKH nominations of the filter as xlsx or csv; streamed, logged')
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await svc.prepareNominationExport(ctx, actor, query)));
  r.put('/api/v1/pkh/nominations/:id/status', 'decidePkhNomination', {
    params: IdParamsSchema,
    body: api.PkhDecisionBodySchema,
    response: { 200: api.PkhNominationSchema },
  })
    .summary("Accept (DITERIMA) or refuse (DITOLAK, with a reason) a PKH nomination (Pusdatin); members' ada_pkh follows")
    .handle(({ actor, params, body }) => svc.decideNomination(ctx, actor, params.id, body));
});
