// Export of the finalisation monitoring (C5): one row per district of the period, as the page
// shows it (at most the country's ~514 districts, so read at once), logged like every list export.
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/scope.ts';
import { type Column, loggedExport, type StreamedDownload } from '../finalisations/index.ts';
import { getFinalisationMonitoring, type MonitoringRow } from './reports.service.ts';

const COLUMNS: readonly Column<MonitoringRow>[] = [
  { header: 'Kode Provinsi', value: (r) => r.provinsi.code },
  { header: 'Provinsi', value: (r) => r.provinsi.name, width: 22 },
  { header: 'Kode Kab/Kota', value: (r) => r.kab.code },
  { header: 'Kabupaten/Kota', value: (r) => r.kab.name, width: 26 },
  { header: 'Jumlah Finalisasi', value: (r) => r.finalisations },
  { header: 'Finalisasi Terakhir', value: (r) => r.last?.number ?? null },
  { header: 'Waktu Finalisasi Terakhir', value: (r) => r.last?.at.toISOString() ?? null, width: 24 },
  { header: 'Usulan', value: (r) => r.proposals },
  { header: 'Menunggu', value: (r) => r.waiting },
  { header: 'Diputuskan Belum Final', value: (r) => r.openDecided },
  { header: 'Keadaan', value: (r) => r.state, width: 18 },
];

/** The finalisation monitoring of a period (PROVINSI: its districts; PUSDATIN: all or one province) as xlsx or csv; logged. */
export async function exportMonitoring(
  ctx: AppContext,
  actor: Actor,
  query: { period?: string; provinsi?: string; state?: MonitoringRow['state']; format: 'xlsx' | 'csv' },
): Promise<StreamedDownload> {
  // Every row of the filter (no pageSize): the file holds what the list pages through.
  const m = await getFinalisationMonitoring(ctx, actor, { period: query.period, provinsi: query.provinsi, state: query.state });
  const where = m.provinsi ?? 'nasional';
  const stateText = m.state ? { id: `, keadaan ${m.state}`, en: `, state ${m.state}` } : { id: '', en: '' };
  return loggedExport(ctx, actor, {
    format: query.format,
    action: 'EXPORT_MONITORING',
    name: { id: 'monitoring finalisasi', en: 'finalisation monitoring' },
    filter: {
      id: `periode ${m.period.code}, ${m.provinsi ? `provinsi ${m.provinsi}` : 'nasional'}${stateText.id}`,
      en: `period ${m.period.code}, ${m.provinsi ? `province ${m.provinsi}` : 'national'}${stateText.en}`,
    },
    rows: m.items.length,
    subject: 'list:monitoring',
    regionCode: m.provinsi,
    details: { filter: { period: m.period.code, provinsi: m.provinsi, state: m.state } },
    fileName: `Monitoring_Finalisasi_${where}_${m.period.code}${m.state ? `_${m.state}` : ''}`,
    table: { name: 'Monitoring Finalisasi', columns: COLUMNS, rows: m.items },
  });
}
