import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { OFFLINE_DIST, OFFLINE_ZIP_NAME, offlineAppZip } from './offline.service.ts';

/** "Download Aplikasi Offline": the offline operator app as a ZIP (no data inside). */
export function offlineRoutes(app: FastifyZod, _ctx: AppContext, opts: { dist?: string } = {}) {
  app.get(
    '/api/v1/offline-app',
    {
      schema: {
        operationId: 'downloadOfflineApp',
        summary:
          'The offline operator application as a ZIP (built files, README.txt, serve.mjs); any logged-in user. It holds no registry data.',
        tags: ['offline'],
        produces: ['application/zip'],
      },
    },
    async (req, reply) => {
      actorOf(req);
      const stream = offlineAppZip(opts.dist ?? OFFLINE_DIST);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${OFFLINE_ZIP_NAME}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(stream);
    },
  );
}
