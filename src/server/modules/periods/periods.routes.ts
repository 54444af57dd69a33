import { ExportFormatQuerySchema, OkSchema } from '../../../shared/api/common.ts';
import { OpenPeriodBodySchema, PeriodListSchema, PeriodParamsSchema, PeriodSchema } from '../../../shared/api/periods.ts';
import { actorOf } from '../../http/auth.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportPeriods } from './periods.export.ts';
import { closePeriod, listPeriods, openPeriod } from './periods.service.ts';

/** Routes of periods (C2). */
export const periodsRoutes = defineRoutes('periods', (r, ctx) => {
  r.get('/api/v1/periods', 'listPeriods', { response: { 200: PeriodListSchema } })
    .summary('Verval periods, newest first')
    .handle(async ({ req }) => {
      actorOf(req); // any logged-in user
      return { items: await listPeriods(ctx) };
    });
  exportRoute(
    r,
    '/api/v1/periods/export',
    'exportPeriods',
    ExportFormatQuerySchema,
    'Verval periods as xlsx or csv (any logged-in user)',
    (actor, q) => exportPeriods(ctx, actor, q),
  );
  r.post('/api/v1/periods', 'openPeriod', { body: OpenPeriodBodySchema, status: 201, response: { 201: PeriodSchema } })
    .summary('Open a verval period (PUSDATIN); one may be open at a time')
    .handle(({ actor, body }) => openPeriod(ctx, actor, body));
  r.post('/api/v1/periods/:code/close', 'closePeriod', { params: PeriodParamsSchema, response: { 200: OkSchema } })
    .summary('Close a verval period (PUSDATIN)')
    .handle(async ({ actor, params }) => {
      await closePeriod(ctx, actor, params.code);
      return { ok: true as const };
    });
});
