import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { listAuditLog } from './audit.service.ts';

/** Routes of Logs History (F15). */
export function auditRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        operationId: 'listAuditLog',
        summary: 'Logs History: the entries the user may read, newest first',
        tags: ['audit'],
        querystring: z.object({
          q: z.string().max(100).optional(),
          page: z.coerce.number().int().min(1).max(1_000_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(10),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.number(), at: z.date(), text: z.string(), actor: z.string(), action: z.string() })),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (req) => listAuditLog(ctx, actorOf(req), req.query),
  );
}
