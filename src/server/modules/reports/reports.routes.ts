import * as api from '../../../shared/api/reports.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute, sendDownload, XLSX_TYPE } from '../finalisations/index.ts';
import { exportMonitoring } from './monitoring.export.ts';
import {
  exportRecap,
  exportRecapProvinsi,
  getFinalisationMonitoring,
  getRecapDesa,
  getRecapKecamatan,
  getRecapProvinsi,
} from './reports.service.ts';

/** Routes of Rekapitulasi (F9) and finalisation monitoring (C5). */
export const reportsRoutes = defineRoutes('reports', (r, ctx) => {
  r.get('/api/v1/reports/recap/kecamatan', 'getRecapKecamatan', {
    querystring: api.RecapKecamatanQuerySchema,
    response: { 200: api.RecapSchema },
  })
    .summary(
      'Rekapitulasi Kecamatan: households, members, verval results and proposals by status per kecamatan, with totals (own district; `kab` for province and Pusdatin)',
    )
    .handle(({ actor, query }) => getRecapKecamatan(ctx, actor, query));
  r.get('/api/v1/reports/recap/desa', 'getRecapDesa', { querystring: api.RecapDesaQuerySchema, response: { 200: api.RecapSchema } })
    .summary('Rekapitulasi Desa: the same per desa/kelurahan (of one `kecamatan` if given), with totals')
    .handle(({ actor, query }) => getRecapDesa(ctx, actor, query));
  const provinsi = { querystring: api.RecapProvinsiQuerySchema, response: { 200: api.RegionRecapSchema } };
  r.get('/api/v1/reports/recap/provinsi', 'getRecapProvinsi', provinsi)
    .summary(
      'Rekapitulasi per province: every province (national roles), or the districts of one `provinsi` (a province user: its own), from the maintained district figures',
    )
    .handle(({ actor, query }) => getRecapProvinsi(ctx, actor, query));
  r.get('/api/v1/reports/recap/provinsi/export', 'exportRecapProvinsi', {
    querystring: api.RecapProvinsiExportQuerySchema,
    produces: [XLSX_TYPE, 'text/csv'],
  })
    .summary("Rekapitulasi per province (provinces, or one `provinsi`'s districts) as xlsx or csv with its totals row; streamed, logged")
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await exportRecapProvinsi(ctx, actor, query)));
  r.get('/api/v1/reports/recap/export', 'exportRecap', { querystring: api.RecapExportQuerySchema, produces: [XLSX_TYPE, 'text/csv'] })
    .summary('A recap (`level` kecamatan or desa) as xlsx or csv with its totals row; streamed, logged')
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await exportRecap(ctx, actor, query)));
  r.get('/api/v1/reports/finalisations', 'getFinalisationMonitoring', {
    querystring: api.MonitoringQuerySchema,
    response: { 200: api.MonitoringSchema },
  })
    .summary('Finalisation status per district and period (PROVINSI: its districts; PUSDATIN: all, or one `provinsi`)')
    .handle(({ actor, query }) => getFinalisationMonitoring(ctx, actor, query));
  exportRoute(
    r,
    '/api/v1/reports/finalisations/export',
    'exportFinalisationMonitoring',
    api.MonitoringExportQuerySchema,
    'The finalisation monitoring (filters of GET /api/v1/reports/finalisations) as xlsx or csv; logged',
    (actor, query) => exportMonitoring(ctx, actor, query),
  );
});
