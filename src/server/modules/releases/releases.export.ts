// Export of the release history of the supervisor's district (F13): the releases as their list
// gives them, newest first. It names the users who downloaded them, so each download is logged.
import { listExport } from '../finalisations/index.ts';
import { actingDistrict } from '../../platform/policy.ts';
import { listOwnReleases } from './releases.service.ts';

type Row = Awaited<ReturnType<typeof listOwnReleases>>[number];
const count = (r: Row, key: string) => (r.counts as Record<string, number>)[key] ?? null;

/** The release history of the supervisor's district as xlsx or csv; logged (it names users). */
export const exportReleases = listExport<Row>(
  { personal: true, action: 'EXPORT_RELEASES', name: { id: 'riwayat rilis', en: 'release history' }, fileName: 'Rilis' },
  [
    { header: 'ID Rilis', value: (r) => r.id, width: 36 },
    { header: 'Periode', value: (r) => r.period },
    { header: 'Rumah Tangga', value: (r) => count(r, 'households') },
    { header: 'ART', value: (r) => count(r, 'members') },
    { header: 'KPM', value: (r) => count(r, 'kpm') },
    { header: 'PBI', value: (r) => count(r, 'pbi') },
    { header: 'Dibuat', value: (r) => r.created_at.toISOString(), width: 24 },
    { header: 'Dibuat Oleh', value: (r) => r.created_by, width: 20 },
  ],
  (ctx, actor) => {
    const regionCode = actingDistrict(actor, 'release:download');
    return { items: listOwnReleases(ctx, actor), file: { regionCode } };
  },
);
