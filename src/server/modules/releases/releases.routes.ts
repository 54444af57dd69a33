import fs from 'node:fs';
import { ReleaseBodySchema, ReleaseListSchema } from '../../../shared/api/releases.ts';
import { sendAttachment } from '../../http/download.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { listOwnReleases, prepareRelease } from './releases.service.ts';

/** Routes of district releases (F5). */
export function releasesRoutes(app: FastifyZod, ctx: AppContext) {
  const r = routeTable(app, 'releases');
  r.post('/api/v1/releases', 'downloadRelease', { body: ReleaseBodySchema, produces: ['application/octet-stream'] })
    .summary('Download Database BDT Rilis: the district database as a .siksdb sealed with the passphrase (≥ 12 characters)')
    .handle(async ({ actor, body, reply }) => {
      const release = await prepareRelease(ctx, actor, body.passphrase);
      const stream = fs.createReadStream(release.path);
      stream.once('close', release.dispose);
      reply.raw.once('close', () => stream.destroy());
      reply.header('content-length', String(release.size)).header('x-siks-release-id', release.releaseId);
      return sendAttachment(reply, { fileName: release.fileName, contentType: 'application/octet-stream' }, stream);
    });
  r.get('/api/v1/releases', 'listReleases', { response: { 200: ReleaseListSchema } })
    .summary("Releases downloaded for the supervisor's district, newest first")
    .handle(async ({ actor }) => ({ items: await listOwnReleases(ctx, actor) }));
}
