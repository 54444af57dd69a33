// Static rendering of Import Data (F6), Verifikasi Usulan (F7) and the F2 navigation group
// (effects do not run).
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Me } from '../api/client.ts';
import type { ImportDetail, ImportItem, ProposalDetail, ProposalListItem } from '../api/proposals.ts';
import { Layout } from '../components/Layout.tsx';
import { translate } from '../i18n/index.ts';
import { SessionContext } from '../session.ts';
import { EMPTY_PROPOSAL_FILTER } from '../verval.ts';
import { FailedProposals, ImportCard, ImportPage, ImportRules } from './ImportPage.tsx';
import { ProposalView } from './ProposalPage.tsx';
import { BulkDialog, BulkOutcomeView, ProposalTable, ProposalTabs, StatusSummary, VerifikasiUsulanPage } from './VerifikasiUsulanPage.tsx';

const me = (role: Me['role']): Me => ({
  username: role === 'SUPERVISOR' ? '3174_supervisor' : 'u',
  name: 'Dinas Sosial',
  role,
  roleLabel: { id: role, en: role },
  regions: role === 'SUPERVISOR' ? [{ code: '3174', name: 'KOTA ADM. JAKARTA SELATAN', level: 'kabkota' }] : [],
  language: 'id',
  mustChangePassword: false,
});

const as = (role: Me['role'], el: ReactElement) =>
  renderToStaticMarkup(createElement(SessionContext.Provider, { value: { me: me(role), logout: async () => {} } }, el));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

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
    expect(html).toContain('Ditolak');
    expect(html).toContain('Paket ini milik kabupaten/kota lain dan tidak dapat diimpor di sini.');
  });

  it('an import made before links to the first import', () => {
    const html = as('SUPERVISOR', createElement(ImportCard, { item: item('ALREADY_IMPORTED') }));
    expect(text(html)).toContain('Paket ini sudah pernah diimpor.');
    expect(html).toContain('href="/import/11111111-2222-4333-8444-555555555555"');
  });

  it('an accepted import shows its counts with Indonesian grouping, links and the feedback button', () => {
    const html = as('SUPERVISOR', createElement(ImportCard, { item: item('DONE') }));
    const t = text(html);
    expect(t).toContain('Usulan masuk 1.234');
    expect(t).toContain('Gagal validasi 2');
    expect(t).toContain('Duplikat 3');
    expect(t).toContain('Konflik 4');
    expect(t).toContain('Peringatan 5');
    expect(t).toContain('Jumlah usulan dalam paket 1.239');
    expect(html).toContain(`href="/verifikasi-usulan?importId=${ID}"`);
    expect(html).toContain(`href="/import/${ID}#gagal"`);
    expect(t).toContain('Unduh umpan balik paket-tebet.siks');
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
    expect(t).toContain('Baris 7:');
    expect(t).toContain('Anggota ke-1: NIK');
    expect(t).toContain('R3');
    expect(t).toContain('NIK harus 16 digit');
    expect(html).toContain('href="/verifikasi-usulan/22222222-3333-4444-8555-666666666666?');
    expect(t).toContain('Menampilkan 1 dari 2 usulan gagal validasi.');
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

describe('Verifikasi Usulan list (F7)', () => {
  it('has the two tabs with counts, filters and the bulk buttons', () => {
    const html = as('SUPERVISOR', createElement(VerifikasiUsulanPage));
    const t = text(html);
    expect(t).toContain('Verifikasi Usulan');
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Perbaikan Data/);
    expect(t).toContain('Usulan Baru');
    for (const label of ['Paket', 'Operator', 'Hasil verval', 'Status', 'Konflik', 'Peringatan', 'Kecamatan']) expect(t).toContain(label);
    expect(t).toContain('Setujui semua');
    expect(t).toContain('Tolak semua');
  });

  it('tabs show their totals with grouping', () => {
    const html = as(
      'SUPERVISOR',
      createElement(ProposalTabs, { filter: EMPTY_PROPOSAL_FILTER, totals: { PERBAIKAN: 12345, USULAN_BARU: 7 } }),
    );
    expect(text(html)).toContain('Perbaikan Data 12.345');
    expect(text(html)).toContain('Usulan Baru 7');
  });

  it('rows show the verval result label, status, flags, and a link keeping the filter', () => {
    const filter = { ...EMPTY_PROPOSAL_FILTER, status: 'MENUNGGU' as const };
    const html = as('SUPERVISOR', createElement(ProposalTable, { items: [row()], filter }));
    const t = text(html);
    expect(t).toContain('6. Data ganda');
    expect(t).toContain('Menunggu');
    expect(t).toContain('Konflik');
    expect(t).toContain('Peringatan');
    expect(t).toContain('+2 usulan lain');
    expect(t).toContain('Periksa usulan BUDI SANTOSO');
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
    expect(text(html)).toContain('Menunggu 1.234');
    expect(text(html)).toContain('Ditolak 5');
    expect(text(html)).toContain('Gagal validasi 0');
  });

  it('a bulk approval asks with the dry run count and says what conflicts are left out', () => {
    const html = as(
      'SUPERVISOR',
      createElement(BulkDialog, {
        state: { phase: 'confirm', decision: 'APPROVE', dry: { matched: 1268, conflicts: 34, decided: 0 } },
        onConfirm: () => {},
        onCancel: () => {},
      }),
    );
    const t = text(html);
    expect(t).toContain('Setujui 1.234 usulan?');
    expect(t).toContain('34 usulan berkonflik tidak ikut disetujui');
  });

  it('a bulk rejection asks for a reason', () => {
    const html = as(
      'SUPERVISOR',
      createElement(BulkDialog, {
        state: { phase: 'confirm', decision: 'REJECT', dry: { matched: 9, conflicts: 1, decided: 0 } },
        onConfirm: () => {},
        onCancel: () => {},
      }),
    );
    expect(text(html)).toContain('Tolak 9 usulan?');
    expect(text(html)).toContain('Alasan penolakan');
    expect(html).toContain('<textarea');
  });

  it('after a bulk approval: the count and the conflicts skipped', () => {
    const html = as(
      'SUPERVISOR',
      createElement(BulkOutcomeView, {
        outcome: { decision: 'APPROVE', decided: 1200, conflicts: 34 },
        filter: EMPTY_PROPOSAL_FILTER,
      }),
    );
    expect(text(html)).toContain('1.200 usulan disetujui.');
    expect(text(html)).toContain('34 usulan berkonflik dilewati');
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
        message: {
          id: 'NIK juga terdaftar di rumah tangga lain',
          en: 'The NIK is also registered in another household',
        },
      },
    ],
    conflict: true,
    conflictChanges: { fields: ['lantai', 'atap'], members: ['317401100100012301'] },
    decision: null,
    pendingOthers: ['99999999-2222-4333-8444-555555555555'],
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

describe('one proposal (F7)', () => {
  it('shows current and proposed values side by side with labels and code meanings', () => {
    const html = as('SUPERVISOR', createElement(ProposalView, { data: detail(), filter: EMPTY_PROPOSAL_FILTER, reload: () => {} }));
    const t = text(html);
    expect(t).toContain('Perbaikan Data: BUDI SANTOSO');
    expect(t).toContain('Nilai saat ini');
    expect(t).toContain('Nilai usulan');
    expect(t).toContain('Jenis lantai terluas');
    expect(t).toContain('Tanah (9)');
    expect(t).toContain('Keramik (2)');
    expect(t).toContain('Memiliki: Televisi Tidak Ya');
    expect(t).toContain('Anggota diubah: BUDI SANTOSO');
    expect(t).toContain('Anggota baru: ANDI');
    expect(t).toContain('1. Ditemukan (sesuai/diperbaiki)');
  });

  it('highlights the conflict and what changed since the release', () => {
    const html = as('SUPERVISOR', createElement(ProposalView, { data: detail(), filter: EMPTY_PROPOSAL_FILTER, reload: () => {} }));
    const t = text(html);
    expect(t).toContain('Konflik data');
    expect(t).toContain('Isian yang berubah sejak rilis: Jenis lantai terluas, Jenis atap terluas');
    expect(t).toContain('Anggota yang berubah sejak rilis: BUDI SANTOSO (317401100100012301)');
    expect(html).toContain('class="row-conflict"');
    expect(html).toContain('member-change member-conflict');
  });

  it('shows warnings with labels and the other waiting proposals', () => {
    const html = as('SUPERVISOR', createElement(ProposalView, { data: detail(), filter: EMPTY_PROPOSAL_FILTER, reload: () => {} }));
    const t = text(html);
    expect(t).toContain('NIK juga terdaftar di rumah tangga lain');
    expect(t).toContain('Anggota ke-2 (ANDI): NIK');
    expect(t).toContain('Ada 1 usulan lain yang menunggu untuk rumah tangga ini:');
    expect(html).toContain('href="/verifikasi-usulan/99999999-2222-4333-8444-555555555555"');
  });

  it('a waiting proposal has the four decision buttons and the reason', () => {
    const html = as('SUPERVISOR', createElement(ProposalView, { data: detail(), filter: EMPTY_PROPOSAL_FILTER, reload: () => {} }));
    for (const label of ['>Setujui<', '>Setujui sebagian<', '>Tolak<', '>Perlu perbaikan<']) expect(html).toContain(label);
    expect(html).toContain('<label for="decision-reason">Alasan</label>');
  });

  it('a failed proposal shows its errors and no decision', () => {
    const html = as(
      'SUPERVISOR',
      createElement(ProposalView, {
        data: detail({
          status: 'GAGAL_VALIDASI',
          conflict: false,
          conflictChanges: null,
          errors: [{ path: 'household.lantai', code: 'CODE', message: { id: 'Kode 42 tidak ada', en: 'Code 42 unknown' } }],
        }),
        filter: EMPTY_PROPOSAL_FILTER,
        reload: () => {},
      }),
    );
    const t = text(html);
    expect(t).toContain('Kesalahan validasi');
    expect(t).toContain('Kode 42 tidak ada');
    expect(html).not.toContain('>Setujui sebagian<');
  });

  it('a decided proposal shows its decision', () => {
    const html = as(
      'SUPERVISOR',
      createElement(ProposalView, {
        data: detail({
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
        filter: EMPTY_PROPOSAL_FILTER,
        reload: () => {},
      }),
    );
    const t = text(html);
    expect(t).toContain('Disetujui sebagian');
    expect(t).toContain('Anggota baru belum ada KK');
    expect(t).toContain('Bagian yang disetujui Jenis lantai terluas');
    expect(t).toContain('Bagian yang ditolak Anggota ke-2 (ANDI)');
  });

  it('the conflict confirmation keeps the spec text', () => {
    expect(translate('conflict.confirm', undefined, 'id')).toBe('Data telah berubah sejak rilis operator. Tetap setujui?');
  });
});

describe('navigation (F2)', () => {
  it('groups Import Data and Verifikasi Usulan under Verifikasi & Validasi BDT for a supervisor', () => {
    const html = as('SUPERVISOR', createElement(Layout, null, 'x'));
    const t = text(html);
    expect(t).toContain('Verifikasi & Validasi BDT');
    expect(t.indexOf('Verifikasi & Validasi BDT')).toBeLessThan(t.indexOf('Import Data'));
    expect(t.indexOf('Import Data')).toBeLessThan(t.indexOf('Verifikasi Usulan'));
    expect(html).toContain('href="/import"');
    expect(html).toContain('href="/verifikasi-usulan"');
  });

  it('does not show them to other roles', () => {
    for (const role of ['PUSDATIN', 'PFM', 'PROVINSI', 'OPERATOR'] as const) {
      const html = as(role, createElement(Layout, null, 'x'));
      expect(html).not.toContain('href="/import"');
      expect(html).not.toContain('href="/verifikasi-usulan"');
    }
  });
});
