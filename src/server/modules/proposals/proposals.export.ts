// Export of Verifikasi Usulan (F7, F13 "export of any result"): the BDT proposals of the list's
// filters as xlsx or csv, streamed a page at a time, logged with the filter and the row count.
import { VERVAL_RESULT_KEYS } from '../../../shared/api/vocabulary.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { initials } from '../../platform/masking.ts';
import { actingDistrict, allows } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { type Column, filterTexts, loggedExport, type StreamedDownload } from '../finalisations/index.ts';
import * as q from './proposals.queries.ts';

const yesNo = (v: boolean) => (v ? 'Ya' : 'Tidak');

function columns(masked: boolean): Column<q.ProposalListRow>[] {
  return [
    { header: 'ID Usulan', value: (r) => r.id, width: 36 },
    { header: 'Jenis', value: (r) => r.type, width: 14 },
    { header: 'IDBDT', value: (r) => r.idbdt, width: 18 },
    { header: 'Kode Wilayah', value: (r) => r.kode_wilayah, width: 13 },
    { header: 'Desa/Kelurahan', value: (r) => r.nama_desa, width: 22 },
    { header: 'Nama Kepala Rumah Tangga', value: (r) => (masked ? initials(r.nama_krt) : r.nama_krt), width: 26 },
    { header: 'Kode Hasil Verval', value: (r) => r.verval_result },
    {
      header: 'Hasil Verval',
      value: (r) => (r.verval_result === null ? null : (VERVAL_RESULT_KEYS[r.verval_result - 1] ?? null)),
      width: 18,
    },
    { header: 'Status', value: (r) => r.status, width: 14 },
    { header: 'Konflik', value: (r) => yesNo(r.conflict) },
    { header: 'Peringatan', value: (r) => yesNo(r.has_warning) },
    { header: 'Usulan Lain Menunggu', value: (r) => r.pending_others },
    { header: 'Operator', value: (r) => r.operator_username, width: 18 },
    { header: 'Berkas', value: (r) => r.file_name, width: 30 },
    { header: 'Diimpor', value: (r) => r.imported_at.toISOString(), width: 24 },
  ];
}

/**
 * The proposals of the Verifikasi Usulan filters (the supervisor's district) as xlsx or csv,
 * streamed; the download is logged with the filter and the row count before anything is sent.
 */
export async function exportProposals(
  ctx: AppContext,
  actor: Actor,
  query: Omit<q.ProposalFilter, 'kab'> & { format: 'xlsx' | 'csv' },
): Promise<StreamedDownload> {
  const kab = actingDistrict(actor, 'proposal:read');
  const { format, ...filter } = query;
  const f: q.ProposalFilter = { ...filter, kab };
  const { db } = ctx.database;
  const masked = !allows(actor, 'personal:unmasked');
  return loggedExport(ctx, actor, {
    format,
    action: 'EXPORT_PROPOSALS',
    name: { id: 'daftar usulan', en: 'proposal list' },
    filter: filterTexts(filter),
    rows: (await q.countProposals(db, f)).total,
    subject: 'list:proposals',
    regionCode: kab,
    details: { masked, filter },
    fileName: `Usulan_${kab}_${districtDate(kab, now())}`,
    table: { name: 'Verifikasi Usulan', columns: columns(masked), rows: q.streamProposals(db, f) },
  });
}
