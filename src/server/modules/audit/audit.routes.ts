import { AuditPageSchema, AuditQuerySchema } from '../../../shared/api/audit.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { listAuditLog } from './audit.service.ts';

/** Routes of Logs History (F15). */
export function auditRoutes(app: FastifyZod, ctx: AppContext) {
  routeTable(app, 'audit')
    .get('/api/v1/audit', 'listAuditLog', { querystring: AuditQuerySchema, response: { 200: AuditPageSchema } })
    .summary('Logs History: the entries the user may read, newest first')
    .handle(({ actor, query }) => listAuditLog(ctx, actor, query));
}
