// Export of the MoU review queue (C3, F13): the waiting submissions as the queue lists them. It
// names the users who submitted, so each download is logged.
import { listExport } from '../finalisations/index.ts';
import { listMouQueue } from './mou.service.ts';

type Row = Awaited<ReturnType<typeof listMouQueue>>[number];

/** The MoU review queue (the reviewer) as xlsx or csv, oldest first; logged (it names users). */
export const exportMouQueue = listExport<Row>(
  { personal: true, action: 'EXPORT_MOU_QUEUE', name: { id: 'antrean MoU', en: 'MoU review queue' }, fileName: 'Antrean_MoU' },
  [
    { header: 'ID', value: (r) => r.id },
    { header: 'Kode Kabupaten/Kota', value: (r) => r.kab_kota },
    { header: 'Kabupaten/Kota', value: (r) => r.kab_name, width: 28 },
    { header: 'Diajukan', value: (r) => r.submitted_at.toISOString(), width: 24 },
    { header: 'Diajukan Oleh', value: (r) => r.submitted_by, width: 20 },
  ],
  (ctx, actor) => listMouQueue(ctx, actor),
);
