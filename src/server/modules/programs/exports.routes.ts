import { KpmExportQuerySchema, PbiExportQuerySchema } from '../../../shared/api/programs.ts';
import { defineRoutes } from '../../http/routes.ts';
import { sendDownload, XLSX_TYPE } from '../finalisations/index.ts';
import { exportKpm, exportPbi } from './exports.service.ts';

/** Routes of the programme list exports (F10/F11): xlsx/csv of the filtered KPM and PBI lists, streamed and logged. */
export const programExportRoutes = defineRoutes('programs', (r, ctx) => {
  r.get('/api/v1/kpm/export', 'exportKpm', { querystring: KpmExportQuerySchema, produces: [XLSX_TYPE, 'text/csv'] })
    .summary('The KPM list (filters of GET /api/v1/kpm) as xlsx or csv; streamed, logged, masked for roles without personal:unmasked')
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await exportKpm(ctx, actor, query)));
  r.get('/api/v1/pbi/export', 'exportPbi', { querystring: PbiExportQuerySchema, produces: [XLSX_TYPE, 'text/csv'] })
    .summary(
      'The PBI participants (filters of GET /api/v1/pbi) as xlsx or csv; streamed, logged, masked for roles without personal:unmasked',
    )
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await exportPbi(ctx, actor, query)));
});
