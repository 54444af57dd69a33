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
        summary: 'Beranda: region, role, total of BDT households in scope, KKS quota, BPNT stage and published documents',
        tags: ['home'],
        response: {
          200: z.object({
            region: z.object({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
            roleLabel: z.object({ id: z.string(), en: z.string() }),
            totalHouseholds: z.number(),
            kuotaKks: z.number().nullable().describe("BPNT (KKS) quota of the user's district; null without one"),
            tahapBpnt: z.string().nullable().describe("BPNT expansion stage of the user's district; null without one"),
            documents: z.array(
              z.object({
                id: z.number(),
                title: z.string(),
                contentType: z.string(),
                size: z.number(),
                uploadedAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => getHome(ctx, actorOf(req)),
  );
}
