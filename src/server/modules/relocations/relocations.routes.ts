import { IdParamsSchema } from '../../../shared/api/common.ts';
import * as api from '../../../shared/api/relocations.ts';
import { defineRoutes } from '../../http/routes.ts';
import { sendDownload, XLSX_TYPE } from '../finalisations/index.ts';
import * as svc from './relocations.service.ts';

/** Routes of Pemindahan Rumah Tangga (F12). */
export const relocationsRoutes = defineRoutes('relocations', (r, ctx) => {
  r.get('/api/v1/relocations', 'listRelocations', {
    querystring: api.RelocationListQuerySchema,
    response: { 200: api.RelocationPageSchema },
  })
    .summary(
      'Moves of households in the caller scope, newest first: out of (and within) the district, into it, or waiting for it to accept',
    )
    .handle(({ actor, query }) => svc.listRelocations(ctx, actor, query));
  r.get('/api/v1/relocations/export', 'exportRelocations', {
    querystring: api.RelocationExportQuerySchema,
    produces: [XLSX_TYPE, 'text/csv'],
  })
    .summary('The moves of the list filter as xlsx or csv; streamed, logged')
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await svc.prepareRelocationExport(ctx, actor, query)));
  r.get('/api/v1/relocations/destinations', 'listRelocationDestinations', { response: { 200: api.RelocationDestinationsSchema } })
    .summary('Every province and district a household may be handed over to')
    .handle(({ actor }) => svc.listDestinations(ctx, actor));
  r.post('/api/v1/relocations', 'moveHousehold', {
    body: api.RelocationMoveBodySchema,
    status: 201,
    response: { 201: api.RelocationSchema },
  })
    .summary("Move a household of the supervisor's district to another desa of it (history, version + 1, waiting proposals follow)")
    .handle(({ actor, body }) => svc.moveWithinDistrict(ctx, actor, body));
  r.post('/api/v1/relocations/handovers', 'releaseHousehold', {
    body: api.RelocationReleaseBodySchema,
    status: 201,
    response: { 201: api.RelocationSchema },
  })
    .summary(
      'Release a household of the district to another district (step 1 of a hand-over); its KPM/PBI memberships end (reason 2 pindah)',
    )
    .handle(({ actor, body }) => svc.releaseHousehold(ctx, actor, body));
  // The three steps that close an open hand-over: the same shape, each its own operation.
  const steps = [
    [
      'accept',
      'acceptHandover',
      api.RelocationAcceptBodySchema,
      'The destination accepts a hand-over into one of its desa: the household moves to it',
      svc.acceptHandover,
    ],
    [
      'decline',
      'declineHandover',
      api.RelocationDeclineBodySchema,
      'The destination declines a hand-over (reason): the household stays in the origin',
      svc.declineHandover,
    ],
    [
      'cancel',
      'cancelHandover',
      api.RelocationCancelBodySchema,
      'The origin cancels its release before the destination accepts it',
      svc.cancelHandover,
    ],
  ] as const;
  for (const [step, operationId, body, summary, run] of steps)
    r.post(`/api/v1/relocations/:id/${step}`, operationId, { params: IdParamsSchema, body, response: { 200: api.RelocationSchema } })
      .summary(summary)
      // Each body schema goes with its own service: the cast only joins the three signatures.
      .handle(({ actor, params, body: input }) => (run as typeof svc.acceptHandover)(ctx, actor, params.id, input as never));
});
