import { actorOf } from '../../http/auth.ts';
import { sendAttachment } from '../../http/download.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { logOfflineAppDownload, OFFLINE_DIST, OFFLINE_ZIP_NAME, offlineAppZip } from './offline.service.ts';

/** "Download Aplikasi Offline": the offline operator app as a ZIP (no data inside). */
export function offlineRoutes(app: FastifyZod, ctx: AppContext, opts: { dist?: string } = {}) {
  routeTable(app, 'offline')
    .get('/api/v1/offline-app', 'downloadOfflineApp', { produces: ['application/zip'] })
    .summary(
      'The offline operator application as a ZIP (built files, README.txt, serve.mjs); any logged-in user; logged. It holds no registry data.',
    )
    .handle(async ({ req, reply }) => {
      const actor = actorOf(req); // any logged-in user
      const file = { fileName: OFFLINE_ZIP_NAME, contentType: 'application/zip', cache: 'private, no-cache' } as const;
      const zip = offlineAppZip(opts.dist ?? OFFLINE_DIST); // 404 before anything is logged when the app was never built
      try {
        await logOfflineAppDownload(ctx, actor);
      } catch (err) {
        zip.destroy();
        throw err;
      }
      return sendAttachment(reply, file, zip);
    });
}
