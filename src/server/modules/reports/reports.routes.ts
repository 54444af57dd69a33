import {
  MonitoringQuerySchema,
  MonitoringSchema,
  RecapDesaQuerySchema,
  RecapExportQuerySchema,
  RecapKecamatanQuerySchema,
  RecapSchema,
} from '../../../shared/api/reports.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { sendDownload, XLSX_TYPE } from '../finalisations/index.ts';
import { exportRecap, getFinalisationMonitoring, getRecapDesa, getRecapKecamatan } from './reports.service.ts';

/** Routes of Rekapitulasi (F9) and finalisation monitoring (C5). */
export function reportsRoutes(app: FastifyZod, ctx: AppContext) {
  const r = routeTable(app, 'reports');
  r.get('/api/v1/reports/recap/kecamatan', 'getRecapKecamatan', { querystring: RecapKecamatanQuerySchema, response: { 200: RecapSchema } })
    .summary(
      'Rekapitulasi Kecamatan: households, members, verval results and proposals by status per kecamatan, with totals (own district; `kab` for province and Pusdatin)',
    )
    .handle(({ actor, query }) => getRecapKecamatan(ctx, actor, query));
  r.get('/api/v1/reports/recap/desa', 'getRecapDesa', { querystring: RecapDesaQuerySchema, response: { 200: RecapSchema } })
    .summary('Rekapitulasi Desa: the same per desa/kelurahan (of one `kecamatan` if given), with totals')
    .handle(({ actor, query }) => getRecapDesa(ctx, actor, query));
  r.get('/api/v1/reports/recap/export', 'exportRecap', { querystring: RecapExportQuerySchema, produces: [XLSX_TYPE, 'text/csv'] })
    .summary('A recap (`level` kecamatan or desa) as xlsx or csv with its totals row; streamed, logged')
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await exportRecap(ctx, actor, query)));
  r.get('/api/v1/reports/finalisations', 'getFinalisationMonitoring', {
    querystring: MonitoringQuerySchema,
    response: { 200: MonitoringSchema },
  })
    .summary('Finalisation status per district and period (PROVINSI: its districts; PUSDATIN: all, or one `provinsi`)')
    .handle(({ actor, query }) => getFinalisationMonitoring(ctx, actor, query));
}
