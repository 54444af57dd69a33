// Export of the documents list (C2 publishing, F13): the documents the caller may see, in Beranda
// order, as the list gives them. Titles and files name no person, so the download is not logged.
import { listExport } from '../finalisations/index.ts';
import { type DocumentSummary, listDocuments } from './documents.service.ts';

/** The documents the caller may see as xlsx or csv (not logged: no personal data). */
export const exportDocuments = listExport<DocumentSummary>(
  { personal: false, action: 'EXPORT_DOCUMENTS', name: { id: 'daftar dokumen', en: 'document list' }, fileName: 'Dokumen' },
  [
    { header: 'ID', value: (r) => r.id },
    { header: 'Judul', value: (r) => r.title, width: 32 },
    { header: 'Nama Berkas', value: (r) => r.filename, width: 28 },
    { header: 'Jenis', value: (r) => r.contentType, width: 20 },
    { header: 'Ukuran (byte)', value: (r) => r.size },
    { header: 'SHA-256', value: (r) => r.sha256, width: 66 },
    { header: 'Urutan', value: (r) => r.sortOrder },
    { header: 'Tampil Untuk', value: (r) => r.visibility },
    { header: 'Kabupaten/Kota', value: (r) => r.districts.map((d) => d.code).join(' '), width: 24 },
    { header: 'Diunggah', value: (r) => r.uploadedAt, width: 24 },
    { header: 'Diubah', value: (r) => r.updatedAt, width: 24 },
  ],
  (ctx, actor) => listDocuments(ctx, actor),
);
