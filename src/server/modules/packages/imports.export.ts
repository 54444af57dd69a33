// Export of the import list (Impor Paket): every import of the supervisor's district, newest
// first, as xlsx or csv; streamed and logged like every list export.
import { districtDate } from '../../../shared/time-zones.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { actingDistrict } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { type Column, loggedExport, type StreamedDownload } from '../finalisations/index.ts';
import * as q from './packages.queries.ts';

const count = (key: 'new' | 'failed' | 'duplicate' | 'conflict' | 'warnings') => (r: q.ImportRow) =>
  r.status === 'DONE' ? (r.counts?.[key] ?? null) : null;

const COLUMNS: readonly Column<q.ImportRow>[] = [
  { header: 'ID Impor', value: (r) => r.id, width: 36 },
  { header: 'Berkas', value: (r) => r.file_name, width: 30 },
  { header: 'Ukuran (byte)', value: (r) => r.file_size },
  { header: 'Modul', value: (r) => r.module },
  { header: 'Periode', value: (r) => r.period },
  { header: 'Operator', value: (r) => r.operator_username, width: 18 },
  { header: 'Diunggah', value: (r) => r.uploaded_at.toISOString(), width: 24 },
  { header: 'Selesai', value: (r) => r.finished_at?.toISOString() ?? null, width: 24 },
  { header: 'Status', value: (r) => r.status },
  { header: 'Usulan Baru', value: count('new') },
  { header: 'Gagal Validasi', value: count('failed') },
  { header: 'Duplikat', value: count('duplicate') },
  { header: 'Konflik', value: count('conflict') },
  { header: 'Peringatan', value: count('warnings') },
  { header: 'Kode Alasan', value: (r) => r.reason_code },
  { header: 'Alasan', value: (r) => r.reason_id, width: 40 },
];

/** Every import of the supervisor's district as xlsx or csv, newest first; streamed and logged with its row count. */
export async function exportImports(ctx: AppContext, actor: Actor, format: 'xlsx' | 'csv'): Promise<StreamedDownload> {
  const kab = actingDistrict(actor, 'import:run');
  const { db } = ctx.database;
  const { total } = await q.listImports(db, kab, 1, 1);
  return loggedExport(ctx, actor, {
    format,
    action: 'EXPORT_IMPORTS',
    name: { id: 'daftar impor', en: 'import list' },
    filter: { id: 'semua', en: 'none' },
    rows: total,
    subject: 'list:imports',
    regionCode: kab,
    details: { filter: {} },
    fileName: `Impor_${kab}_${districtDate(kab, now())}`,
    table: { name: 'Impor Paket', columns: COLUMNS, rows: q.streamImports(db, kab) },
  });
}
