// Static rendering of Import Data (F6), Verifikasi Usulan (F7) and the F2 navigation group
// (effects do not run).
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.ts';
import type { ImportDetail, ImportItem, ProposalDetail, ProposalListItem } from '../api/proposals.ts';
import { Layout } from '../components/Layout.tsx';
import { translate } from '../i18n/index.ts';
import { meOf, renderAs } from '../test-support.ts';
import { SECTION_LABELS } from '../../shared/dictionary/questionnaire.ts';
import { EMPTY_PROPOSAL_FILTER, partialOffered } from '../verval.ts';
import { FailedProposals, ImportCard, ImportPage, ImportRules } from './ImportPage.tsx';
import { ProposalPage, ProposalView } from './ProposalPage.tsx';
import {
  BulkDialog,
  type BulkState,
  BulkOutcomeView,
  ProposalTable,
  ProposalTabs,
  StatusSummary,
  VerifikasiUsulanPage,
} from './VerifikasiUsulanPage.tsx';

const as = (role: Role, el: ReactElement) => renderAs(meOf(role), el);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

/** Every one of `parts` is in `haystack`. */
const expectAll = (haystack: string, parts: readonly string[]) => {
  for (const part of parts) expect(haystack).toContain(part);
};

const ID = '7d0c3f0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f';
const item = (status: ImportItem['status'], extra: Partial<ImportItem> = {}): ImportItem => ({
  id: ID,
  fileName: 'paket-tebet.siks',
  fileSize: 123456,
  uploadedAt: '2019-03-13T07:05:00Z',
  status,
  progress: status === 'RUNNING' ? 0.42 : status === 'DONE' ? 1 : 0,
  counts: status === 'DONE' ? { new: 1234, failed: 2, duplicate: 3, conflict: 4, warnings: 5 } : null,
  reason: status === 'REFUSED' ? 'Paket ini milik kabupaten/kota lain dan tidak dapat diimpor di sini.' : null,
  reasonCode: status === 'REFUSED' ? 'PACKAGE_OTHER_DISTRICT' : null,
  firstImportId: status === 'ALREADY_IMPORTED' ? '11111111-2222-4333-8444-555555555555' : null,
  packageId: null,
  module: status === 'REFUSED' ? null : 'BDT',
  operator: 'op_tebet',
  finishedAt: null,
  ...extra,
});

describe('Import Data (F6)', () => {
  it('shows the rules first, then the upload zone taking many .siks files', () => {
    const html = as('SUPERVISOR', createElement(ImportPage));
    expect(html.indexOf('Ketentuan Import Data')).toBeGreaterThan(-1);
    expect(html.indexOf('Ketentuan Import Data')).toBeLessThan(html.indexOf('Pilih berkas .siks'));
    expect(html).toMatch(/<input[^>]*type="file"[^>]*accept=".siks"[^>]*multiple=""/);
    expect(text(html)).toContain('Usulan masuk + gagal validasi + duplikat = jumlah usulan dalam paket.');
  });

  it('refuses other roles', () => {
    expect(text(as('PFM', createElement(ImportPage)))).toContain('Halaman ini hanya untuk Supervisor Kabupaten/Kota.');
  });

  it('a running import shows its progress', () => {
    const html = as('SUPERVISOR', createElement(ImportCard, { item: item('RUNNING') }));
    expect(html).toMatch(/<progress[^>]*max="100"[^>]*value="42"/);
    expect(text(html)).toContain('Memproses… 42%');
    expect(html).toContain('aria-label="Proses impor paket-tebet.siks"');
  });

  it('a refused import shows the reason', () => {
    const html = text(as('SUPERVISOR', createElement(ImportCard, { item: item('REFUSED') })));
    expectAll(html, ['Ditolak', 'Paket ini milik kabupaten/kota lain dan tidak dapat diimpor di sini.']);
  });

  it('finding 1: an import that failed repeatedly shows its status and message, and is no longer polled', () => {
    const reason = 'Impor berkas ini gagal berulang kali karena kesalahan tak terduga di server; tidak ada usulan yang disimpan.';
    const html = as('SUPERVISOR', createElement(ImportCard, { item: item('FAILED', { reason, reasonCode: 'IMPORT_FAILED' }) }));
    expectAll(text(html), ['Gagal diproses', 'Impor gagal diproses; tidak ada data yang disimpan.', reason]);
    expect(html).not.toContain('<progress');
  });

  it('an import made before links to the first import', () => {
    const html = as('SUPERVISOR', createElement(ImportCard, { item: item('ALREADY_IMPORTED') }));
    expect(text(html)).toContain('Paket ini sudah pernah diimpor.');
    expect(html).toContain('href="/import/11111111-2222-4333-8444-555555555555"');
  });

  it('an accepted import shows its counts with Indonesian grouping, links and the feedback button', () => {
    const html = as('SUPERVISOR', createElement(ImportCard, { item: item('DONE') }));
    const t = text(html);
    expectAll(t, ['Usulan masuk 1.234', 'Gagal validasi 2', 'Duplikat 3', 'Konflik 4', 'Peringatan 5', 'Jumlah usulan dalam paket 1.239']);
    expectAll(html, [`href="/verifikasi-usulan?importId=${ID}"`, `href="/import/${ID}#gagal"`]);
    expect(t).toContain('Unduh umpan balik paket-tebet.siks');
  });

  it('shows the module of each import; BSP and PBI proposals are reviewed in their module page', () => {
    expect(text(as('SUPERVISOR', createElement(ImportCard, { item: item('DONE') })))).toContain('Modul BDT');
    const bsp = as('SUPERVISOR', createElement(ImportCard, { item: item('DONE', { module: 'BSP' }) }));
    expect(text(bsp)).toContain('Modul BSP (KPM BPNT/Rastra)');
    expect(bsp).toContain('href="/verifikasi-bsp?tab=proposals&amp;origin=PACKAGE"');
    expect(bsp).not.toContain('href="/verifikasi-usulan');
    const pbi: ImportDetail = {
      ...item('DONE', { module: 'PBI' }),
      failed: [
        {
          proposalId: '22222222-3333-4444-8555-666666666666',
          line: 2,
          errors: [{ path: 'idartbdt', code: 'NOT_ELIGIBLE', message: { id: 'Anggota ini sudah menjadi peserta PBI', en: 'x' } }],
        },
      ],
    };
    const failed = as('SUPERVISOR', createElement(FailedProposals, { item: pbi }));
    expectAll(text(failed), ['Baris 2:', 'NOT_ELIGIBLE', 'Anggota ini sudah menjadi peserta PBI']);
    expect(failed).toContain('href="/verifikasi-pbi/usulan/22222222-3333-4444-8555-666666666666"');
    expect(failed).toContain('href="/verifikasi-pbi?tab=proposals&amp;status=GAGAL_VALIDASI&amp;origin=PACKAGE"');
    expect(text(as('SUPERVISOR', createElement(ImportCard, { item: item('REFUSED') })))).not.toContain('Modul');
  });

  it('lists failed proposals with their errors as dictionary labels', () => {
    const detail: ImportDetail = {
      ...item('DONE'),
      failed: [
        {
          proposalId: '22222222-3333-4444-8555-666666666666',
          line: 7,
          errors: [
            {
              path: 'members[0].fields.nik',
              code: 'R3',
              message: { id: 'NIK harus 16 digit', en: 'The NIK must have 16 digits' },
            },
          ],
        },
      ],
    };
    const html = as('SUPERVISOR', createElement(FailedProposals, { item: detail }));
    const t = text(html);
    expectAll(t, ['Baris 7:', 'Anggota ke-1: NIK', 'R3', 'NIK harus 16 digit']);
    expect(html).toContain('href="/verifikasi-usulan/22222222-3333-4444-8555-666666666666?');
    expect(t).toContain('Menampilkan 1 dari 2 usulan gagal validasi.');
  });

  it('an import address that cannot be an import says so', () => {
    expect(text(as('SUPERVISOR', createElement(ImportPage, { id: 'bukan-uuid' })))).toContain('Alamat yang Anda buka tidak ada');
  });

  it('keeps the rules in both languages', () => {
    expect(renderToStaticMarkup(createElement(ImportRules))).toContain('Ketentuan Import Data');
    expect(translate('import.feedback', undefined, 'id')).toBe('Unduh umpan balik');
  });
});

const row = (extra: Partial<ProposalListItem> = {}): ProposalListItem => ({
  id: 'p1',
  type: 'PERBAIKAN',
  idbdt: '3174011001000123',
  kodeWilayah: '3174011001',
  namaDesa: 'TEBET BARAT',
  namaKrt: 'BUDI SANTOSO',
  vervalResult: 6,
  status: 'MENUNGGU',
  conflict: true,
  hasWarning: true,
  pendingOthers: 2,
  operator: 'op_tebet',
  importId: ID,
  fileName: 'paket-tebet.siks',
  importedAt: '2019-03-13T07:05:00Z',
  ...extra,
});

const bulkDialog = (state: BulkState) => as('SUPERVISOR', createElement(BulkDialog, { state, onConfirm: () => {}, onCancel: () => {} }));

describe('Verifikasi Usulan list (F7)', () => {
  it('has the two tabs with counts, filters and the bulk buttons', () => {
    const html = as('SUPERVISOR', createElement(VerifikasiUsulanPage));
    const t = text(html);
    expect(t).toContain('Verifikasi Usulan');
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Perbaikan Data/);
    expect(t).toContain('Usulan Baru');
    for (const label of ['Paket', 'Operator', 'Hasil verval', 'Status', 'Konflik', 'Peringatan', 'Kecamatan']) expect(t).toContain(label);
    expectAll(t, ['Setujui semua', 'Tolak semua']);
  });

  it('tabs show their totals with grouping', () => {
    const html = as(
      'SUPERVISOR',
      createElement(ProposalTabs, { filter: EMPTY_PROPOSAL_FILTER, totals: { PERBAIKAN: 12345, USULAN_BARU: 7 } }),
    );
    expectAll(text(html), ['Perbaikan Data 12.345', 'Usulan Baru 7']);
  });

  it('rows show the verval result label, status, flags, and a link keeping the filter', () => {
    const filter = { ...EMPTY_PROPOSAL_FILTER, status: 'MENUNGGU' as const };
    const html = as('SUPERVISOR', createElement(ProposalTable, { items: [row()], filter }));
    const t = text(html);
    expectAll(t, ['6. Data ganda', 'Menunggu', 'Konflik', 'Peringatan', '+2 usulan lain', 'Periksa usulan BUDI SANTOSO']);
    expect(html).toContain('href="/verifikasi-usulan/p1?status=MENUNGGU"');
  });

  it('status counts as quick filters', () => {
    const html = as(
      'SUPERVISOR',
      createElement(StatusSummary, {
        filter: EMPTY_PROPOSAL_FILTER,
        counts: { byStatus: { MENUNGGU: 1234, DITOLAK: 5 }, conflict: 3, warning: 4 },
      }),
    );
    expectAll(text(html), ['Menunggu 1.234', 'Ditolak 5', 'Gagal validasi 0']);
  });

  it('a bulk approval asks with the dry run count and says what conflicts are left out', () => {
    const html = bulkDialog({ phase: 'confirm', decision: 'APPROVE', dry: { matched: 1268, conflicts: 34, decided: 0 } });
    const t = text(html);
    expectAll(t, ['Setujui 1.234 usulan?', '34 usulan berkonflik tidak ikut disetujui']);
  });

  it('a bulk rejection asks for a reason', () => {
    const html = bulkDialog({ phase: 'confirm', decision: 'REJECT', dry: { matched: 9, conflicts: 1, decided: 0 } });
    expectAll(text(html), ['Tolak 9 usulan?', 'Alasan penolakan']);
    expect(html).toContain('<textarea');
  });

  it('a bulk dialog cannot confirm while counting, nor when nothing waits', () => {
    const counting = bulkDialog({ phase: 'counting', decision: 'APPROVE' });
    expect(text(counting)).toContain('Menghitung usulan yang cocok…');
    expect(counting).toMatch(/<button type="button" class="btn btn-primary" disabled="">Setujui<\/button>/);
    const none = bulkDialog({ phase: 'confirm', decision: 'REJECT', dry: { matched: 0, conflicts: 0, decided: 0 } });
    expect(text(none)).toContain('Tidak ada usulan menunggu yang cocok dengan filter ini.');
    expect(none).not.toContain('<textarea');
    expect(none).toMatch(/class="btn btn-danger" disabled="">Tolak<\/button>/);
    const failed = bulkDialog({ phase: 'error', decision: 'APPROVE', error: 'Server sibuk.' });
    expect(text(failed)).toContain('Server sibuk.');
  });

  it('after a bulk approval: the count and the conflicts skipped', () => {
    const html = as(
      'SUPERVISOR',
      createElement(BulkOutcomeView, {
        outcome: { decision: 'APPROVE', decided: 1200, conflicts: 34 },
        filter: EMPTY_PROPOSAL_FILTER,
      }),
    );
    expectAll(text(html), ['1.200 usulan disetujui.', '34 usulan berkonflik dilewati']);
    expect(html).toContain('href="/verifikasi-usulan?status=MENUNGGU&amp;conflict=true"');
  });
});

const detail = (extra: Partial<ProposalDetail['proposal']> = {}): ProposalDetail => ({
  proposal: {
    id: 'p1',
    type: 'PERBAIKAN',
    idbdt: '3174011001000123',
    kodeWilayah: '3174011001',
    status: 'MENUNGGU',
    vervalResult: 1,
    duplicateOf: null,
    mergeInto: null,
    visitedAt: '2019-02-11',
    musdesAt: '2019-02-20',
    note: '',
    operator: 'op_tebet',
    importId: ID,
    fileName: 'paket-tebet.siks',
    errors: [],
    changePaths: [],
    warnings: [
      {
        path: 'members[0].fields.nik',
        code: 'R4',
        level: 'warning',
        message: { id: 'Tanggal lahir pada NIK tidak sesuai', en: 'The birth date in the NIK differs' },
      },
      {
        path: 'members[1].fields.nik',
        code: 'R5',
        level: 'warning',
        message: { id: 'NIK juga terdaftar di rumah tangga lain', en: 'The NIK is also registered in another household' },
      },
    ],
    conflict: true,
    conflictChanges: { fields: ['lantai', 'atap'], members: ['317401100100012301'] },
    decision: null,
    pendingOthers: ['99999999-2222-4333-8444-555555555555'],
    media: [],
    ...extra,
  },
  current: {
    household: { nama_krt: 'BUDI SANTOSO', lantai: 9 },
    members: [{ idartbdt: '317401100100012301', nama: 'BUDI SANTOSO' }],
  },
  changes: {
    household: [
      { field: 'lantai', current: 9, proposed: 2 },
      { field: 'ada_tv', current: false, proposed: true },
    ],
    members: [
      {
        index: 0,
        op: 'update',
        idartbdt: '317401100100012301',
        tempId: null,
        nama: 'BUDI SANTOSO',
        fields: [{ field: 'sta_keberadaan_art', current: 1, proposed: 2 }],
      },
      {
        index: 1,
        op: 'add',
        idartbdt: null,
        tempId: 'a1',
        nama: 'ANDI',
        fields: [{ field: 'nama', current: null, proposed: 'ANDI' }],
      },
    ],
  },
});

const view = (data: ProposalDetail, me = meOf('SUPERVISOR')) =>
  renderAs(me, createElement(ProposalView, { data, filter: EMPTY_PROPOSAL_FILTER, reload: () => {} }));

describe('one proposal (F7)', () => {
  // A waiting correction with a conflict, warnings and another waiting proposal.
  const waiting = view(detail());
  const waitingText = text(waiting);

  it('shows current and proposed values side by side with labels and code meanings', () => {
    expectAll(waitingText, [
      'Perbaikan Data: BUDI SANTOSO',
      'Nilai saat ini',
      'Nilai usulan',
      'Jenis lantai terluas',
      'Tanah (9)',
      'Keramik (2)',
      'Memiliki: Televisi Tidak Ya',
      'Anggota diubah: BUDI SANTOSO',
      'Anggota baru: ANDI',
      '1. Ditemukan (sesuai/diperbaiki)',
    ]);
  });

  it('highlights the conflict and what changed since the release', () => {
    expectAll(waitingText, [
      'Konflik data',
      'Isian yang berubah sejak rilis: Jenis lantai terluas, Jenis atap terluas',
      'Anggota yang berubah sejak rilis: BUDI SANTOSO (31.74.01.1001.000123.01)',
    ]);
    expectAll(waiting, ['class="row-conflict"', 'member-change member-conflict']);
  });

  it('shows warnings with labels and the other waiting proposals', () => {
    expectAll(waitingText, [
      'NIK juga terdaftar di rumah tangga lain',
      'Anggota ke-2 (ANDI): NIK',
      'Ada 1 usulan lain yang menunggu untuk rumah tangga ini:',
    ]);
    expect(waiting).toContain('href="/verifikasi-usulan/99999999-2222-4333-8444-555555555555"');
  });

  it('a waiting proposal has the four decision buttons and the reason', () => {
    expectAll(waiting, ['>Setujui<', '>Setujui sebagian<', '>Tolak<', '>Perlu perbaikan<', '<label for="decision-reason">Alasan</label>']);
  });

  it('a failed proposal shows its errors and no decision', () => {
    const html = view(
      detail({
        status: 'GAGAL_VALIDASI',
        conflict: false,
        conflictChanges: null,
        errors: [{ path: 'household.lantai', code: 'CODE', message: { id: 'Kode 42 tidak ada', en: 'Code 42 unknown' } }],
      }),
    );
    const t = text(html);
    expectAll(t, ['Kesalahan validasi', 'Kode 42 tidak ada']);
    expect(html).not.toContain('>Setujui sebagian<');
  });

  it('a decided proposal shows its decision', () => {
    const html = view(
      detail({
        status: 'SEBAGIAN',
        decision: {
          decidedAt: '2019-03-14T01:00:00Z',
          decidedBy: '3174_supervisor',
          reason: 'Anggota baru belum ada KK',
          acceptedFields: ['household.lantai'],
          rejectedFields: ['members[1]'],
          assigned: null,
        },
      }),
    );
    const t = text(html);
    expectAll(t, [
      'Disetujui sebagian',
      'Anggota baru belum ada KK',
      'Bagian yang disetujui Jenis lantai terluas',
      'Bagian yang ditolak Anggota ke-2 (ANDI) Alasan penolakan Anggota baru belum ada KK',
    ]);
    // The reason of a partial approval belongs to what it rejected: shown once, after those parts (issue 13).
    expect(t.match(/Anggota baru belum ada KK/g)).toHaveLength(1);
  });

  it('a new household shows the proposed values alone, and what an approval creates', () => {
    const baru = detail({
      type: 'USULAN_BARU',
      idbdt: null,
      vervalResult: null,
      conflict: false,
      conflictChanges: null,
      pendingOthers: [],
    });
    const html = view({
      ...baru,
      current: null,
      changes: { ...baru.changes, members: baru.changes.members.filter((m) => m.op === 'add') },
    });
    const t = text(html);
    expectAll(t, [
      'Usulan Baru: ANDI',
      'Blok III: Keterangan perumahan: nilai yang diusulkan',
      'Nilai usulan',
      'Keramik (2)',
      'rumah tangga baru dibuat',
    ]);
    expect(t).not.toContain('Nilai saat ini');
    expect(t).not.toContain('Tanah (9)');
  });

  it('a reader who may not decide sees the proposal without the decision panel', () => {
    const reader = meOf('SUPERVISOR', { abilities: ['proposal:read'] });
    const html = view(detail(), reader);
    expect(text(html)).toContain('Perbaikan Data: BUDI SANTOSO');
    expect(html).not.toContain('decision-reason');
    expect(html).not.toContain('>Setujui sebagian<');
  });

  it('the pages refuse a user without their verb, whatever the role', () => {
    const none = meOf('SUPERVISOR', { abilities: [] });
    const pages = [
      () => createElement(ProposalPage, { id: 'p1' }),
      () => createElement(VerifikasiUsulanPage),
      () => createElement(ImportPage),
    ];
    for (const page of pages) expect(text(renderAs(none, page()))).toContain('Halaman ini hanya untuk Supervisor Kabupaten/Kota.');
    expect(text(renderAs(meOf('SUPERVISOR'), createElement(ProposalPage, { id: 'p1' })))).toContain('Memuat…');
  });

  it('the conflict confirmation keeps the spec text', () => {
    expect(translate('conflict.confirm', undefined, 'id')).toBe('Data telah berubah sejak rilis operator. Tetap setujui?');
  });
});

describe('reading a proposal (issue 13)', () => {
  const proposed = (fields: Record<string, unknown>) => Object.entries(fields).map(([field, v]) => ({ field, current: null, proposed: v }));
  // A new household as the offline app writes it: fields in no particular order, Blok V left empty.
  const baru = detail({ type: 'USULAN_BARU', idbdt: null, vervalResult: null, conflict: false, conflictChanges: null, pendingOthers: [] });
  const newHousehold: ProposalDetail = {
    ...baru,
    current: null,
    changes: {
      household: proposed({
        ada_tv: null,
        lantai: 2,
        alamat: 'Jl. Melati 4',
        luas_lantai: 36,
        ada_motor: null,
        kode_wilayah: '3174011001',
      }),
      members: [{ index: 0, op: 'add', idartbdt: null, tempId: 't1', nama: 'SITI', fields: proposed({ nama: 'SITI', hub_krt: 1 }) }],
    },
  };

  it("shows a new household's fields in the questionnaire's blocks and order, an empty block folded", () => {
    const html = view(newHousehold);
    const at = (label: string) => html.indexOf(label);
    const order = [SECTION_LABELS.I.id, SECTION_LABELS.III.id, SECTION_LABELS.V.id, SECTION_LABELS.members.id].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Within a block, dictionary order: Alamat after Kode desa; Luas lantai (III.2) before Jenis lantai (III.3).
    expect(at('Kode desa/kelurahan')).toBeLessThan(at('>Alamat<'));
    expect(at('Luas lantai')).toBeLessThan(at('Jenis lantai terluas'));
    // Blok V holds only empty values: folded; the filled blocks are open.
    const blockOf = (label: string) => html.slice(html.lastIndexOf('<details', at(label)), at(label));
    expect(blockOf(SECTION_LABELS.V.id)).not.toContain(' open=');
    expect(blockOf(SECTION_LABELS.III.id)).toContain(' open=');
    expect(html).toContain('(tidak diisi)');
  });

  it('offers "Setujui sebagian" only for a correction that changes fields', () => {
    expect(partialOffered(newHousehold)).toBe(false);
    expect(view(newHousehold)).not.toContain('>Setujui sebagian<');
    expect(partialOffered(detail())).toBe(true);
    // "Tidak ditemukan": the household leaves the registry, no field changes: nothing to split.
    const removal: ProposalDetail = { ...detail({ vervalResult: 2, changePaths: ['verval'] }), changes: { household: [], members: [] } };
    expect(partialOffered(removal)).toBe(false);
    const html = view(removal);
    expect(html).toContain('>Setujui<');
    expect(html).not.toContain('>Setujui sebagian<');
  });
});
describe('navigation (F2)', () => {
  it('groups Import Data and Verifikasi Usulan under Verifikasi & Validasi BDT for a supervisor', () => {
    const html = as('SUPERVISOR', createElement(Layout, null, 'x'));
    const t = text(html);
    expect(t).toContain('Verifikasi & Validasi BDT');
    expect(t.indexOf('Verifikasi & Validasi BDT')).toBeLessThan(t.indexOf('Import Data'));
    expect(t.indexOf('Import Data')).toBeLessThan(t.indexOf('Verifikasi Usulan'));
    expectAll(html, ['href="/import"', 'href="/verifikasi-usulan"']);
  });

  it('does not show them to other roles', () => {
    for (const role of ['PUSDATIN', 'PFM', 'PROVINSI', 'OPERATOR'] as const) {
      const html = as(role, createElement(Layout, null, 'x'));
      expect(html).not.toContain('href="/import"');
      expect(html).not.toContain('href="/verifikasi-usulan"');
    }
  });
});
