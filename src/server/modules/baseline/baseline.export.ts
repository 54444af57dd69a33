// Export of a district's baseline loads (F13): the loads as their list gives them, newest first.
// The rows are counts and file names, no person: the download is not logged.
import { listExport } from '../finalisations/index.ts';
import { listBaselineLoads } from './baseline.service.ts';

type Row = Awaited<ReturnType<typeof listBaselineLoads>>['items'][number];

/** The baseline loads of a district as xlsx or csv (the list's verb; not logged). */
export const exportBaselineLoads = listExport<Row, { kab: string; format: 'xlsx' | 'csv' }>(
  {
    personal: false,
    action: 'EXPORT_BASELINE_LOADS',
    name: { id: 'daftar pemuatan baseline', en: 'baseline load list' },
    fileName: 'Baseline',
  },
  [
    { header: 'ID Pemuatan', value: (r) => r.id, width: 36 },
    { header: 'Kabupaten/Kota', value: (r) => r.kab },
    { header: 'Periode', value: (r) => r.period },
    { header: 'Status', value: (r) => r.status, width: 12 },
    { header: 'Berkas', value: (r) => r.fileNames, width: 32 },
    { header: 'Rumah Tangga', value: (r) => r.households },
    { header: 'ART', value: (r) => r.members },
    { header: 'Galat', value: (r) => r.errorCount },
    { header: 'Dimuat', value: (r) => r.createdAt.toISOString(), width: 24 },
    { header: 'Diterbitkan', value: (r) => r.publishedAt?.toISOString() ?? null, width: 24 },
    { header: 'Keterangan', value: (r) => r.failure, width: 32 },
  ],
  (ctx, actor, { kab }) => ({
    items: listBaselineLoads(ctx, actor, kab).then((r) => r.items),
    file: { fileName: `Baseline_${kab}`, filter: { kab }, regionCode: kab },
  }),
);
