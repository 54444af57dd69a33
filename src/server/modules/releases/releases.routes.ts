import fs from 'node:fs';
import { ExportFormatQuerySchema } from '../../../shared/api/common.ts';
import { ReleaseBodySchema, ReleaseListSchema } from '../../../shared/api/releases.ts';
import { sendAttachment } from '../../http/download.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportReleases } from './releases.export.ts';
import { listOwnReleases, prepareRelease } from './releases.service.ts';

/** Routes of district releases (F5). */
export const releasesRoutes = defineRoutes('releases', (r, ctx) => {
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
  exportRoute(
    r,
    '/api/v1/releases/export',
    'exportReleases',
    ExportFormatQuerySchema,
    "The district's release history as xlsx or csv; logged",
    (actor, q) => exportReleases(ctx, actor, q),
  );
});
