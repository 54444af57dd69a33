import fs from 'node:fs';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { listOwnReleases, prepareRelease } from './releases.service.ts';

/** Routes of district releases (F5). */
export function releasesRoutes(app: FastifyZod, ctx: AppContext) {
  app.post(
    '/api/v1/releases',
    {
      schema: {
        operationId: 'downloadRelease',
        summary: 'Download Database BDT Rilis: the district database as a .siksdb sealed with the passphrase (≥ 12 characters)',
        tags: ['releases'],
        body: z.object({ passphrase: z.string().min(1).max(1024) }),
        produces: ['application/octet-stream'],
      },
    },
    async (req, reply) => {
      const release = await prepareRelease(ctx, actorOf(req), req.body.passphrase);
      const stream = fs.createReadStream(release.path);
      stream.once('close', release.dispose);
      reply.raw.once('close', () => stream.destroy());
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', String(release.size))
        .header('content-disposition', `attachment; filename="${release.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-siks-release-id', release.releaseId)
        .send(stream);
    },
  );

  app.get(
    '/api/v1/releases',
    {
      schema: {
        operationId: 'listReleases',
        summary: "Releases downloaded for the supervisor's district, newest first",
        tags: ['releases'],
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                period: z.string(),
                counts: z.object({ households: z.number(), members: z.number(), kpm: z.number(), pbi: z.number() }),
                created_at: z.date(),
                created_by: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listOwnReleases(ctx, actorOf(req)) }),
  );
}
