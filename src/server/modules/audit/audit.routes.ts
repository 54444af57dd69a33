import { AuditExportQuerySchema, AuditPageSchema, AuditQuerySchema } from '../../../shared/api/audit.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportAuditLog, listAuditLog } from './audit.service.ts';

/** Routes of Logs History (F15). */
export const auditRoutes = defineRoutes('audit', (r, ctx) => {
  r.get('/api/v1/audit', 'listAuditLog', { querystring: AuditQuerySchema, response: { 200: AuditPageSchema } })
    .summary('Logs History: the entries the user may read, newest first')
    .handle(({ actor, query }) => listAuditLog(ctx, actor, query));
  exportRoute(
    r,
    '/api/v1/audit/export',
    'exportAuditLog',
    AuditExportQuerySchema,
    'Logs History (the search of GET /api/v1/audit) as xlsx or csv, newest first; streamed and logged',
    (actor, query) => exportAuditLog(ctx, actor, query),
  );
});
