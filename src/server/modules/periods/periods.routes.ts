import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { closePeriod, listPeriods, openPeriod } from './periods.service.ts';

const Period = z.object({
  code: z.string(),
  name: z.string(),
  sk_number: z.string().nullable(),
  starts_on: z.string(),
  ends_on: z.string(),
  status: z.enum(['OPEN', 'CLOSED']),
  opened_at: z.date(),
  closed_at: z.date().nullable(),
});
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Routes of periods (C2). */
export function periodsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/periods',
    {
      schema: {
        operationId: 'listPeriods',
        summary: 'Verval periods, newest first',
        tags: ['periods'],
        response: { 200: z.object({ items: z.array(Period) }) },
      },
    },
    async (req) => {
      actorOf(req);
      return { items: await listPeriods(ctx) };
    },
  );
  app.post(
    '/api/v1/periods',
    {
      schema: {
        operationId: 'openPeriod',
        summary: 'Open a verval period (PUSDATIN); one may be open at a time',
        tags: ['periods'],
        body: z.object({
          code: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          name: z.string().max(100).optional(),
          skNumber: z.string().max(100).optional(),
          startsOn: date,
          endsOn: date,
        }),
        response: { 201: Period },
      },
    },
    async (req, reply) => reply.code(201).send(await openPeriod(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/periods/:code/close',
    {
      schema: {
        operationId: 'closePeriod',
        summary: 'Close a verval period (PUSDATIN)',
        tags: ['periods'],
        params: z.object({ code: z.string().regex(/^\d{4}-\d{2}$/) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await closePeriod(ctx, actorOf(req), req.params.code);
      return { ok: true as const };
    },
  );
}
