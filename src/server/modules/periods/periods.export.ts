// Export of the verval periods (C2, F13): the list as every user reads it. No person is named, so
// the download is not logged.
import { listExport } from '../finalisations/index.ts';
import type { PeriodRow } from './periods.queries.ts';
import { listPeriods } from './periods.service.ts';

/** The verval periods, newest first, as xlsx or csv (any logged-in user; not logged). */
export const exportPeriods = listExport<PeriodRow>(
  { personal: false, action: 'EXPORT_PERIODS', name: { id: 'daftar periode', en: 'period list' }, fileName: 'Periode' },
  [
    { header: 'Kode', value: (r) => r.code },
    { header: 'Nama', value: (r) => r.name, width: 24 },
    { header: 'Nomor SK', value: (r) => r.sk_number, width: 24 },
    { header: 'Mulai', value: (r) => r.starts_on, width: 12 },
    { header: 'Selesai', value: (r) => r.ends_on, width: 12 },
    { header: 'Status', value: (r) => r.status },
    { header: 'Dibuka', value: (r) => r.opened_at.toISOString(), width: 24 },
    { header: 'Ditutup', value: (r) => r.closed_at?.toISOString() ?? null, width: 24 },
  ],
  (ctx) => listPeriods(ctx),
);
