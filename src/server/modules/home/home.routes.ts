import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { getHome } from './home.service.ts';

/** Routes of Beranda (F3). */
export function homeRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/home',
    {
      schema: {
        operationId: 'getHome',
        summary: 'Beranda: region, role and the total of BDT households in scope',
        tags: ['home'],
        response: {
          200: z.object({
            region: z.object({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
            roleLabel: z.object({ id: z.string(), en: z.string() }),
            totalHouseholds: z.number(),
          }),
        },
      },
    },
    async (req) => getHome(ctx, actorOf(req)),
  );
}
