// Rendering tests of Finalisasi, Surat Pengesahan, Rekapitulasi, Monitoring and the public
// letter check, without a DOM: static markup of the views from API-shaped data.
import { createElement, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import type {
  FinalisationDetail,
  FinalisationPreview,
  Monitoring,
  ProgrammeCounts,
  Recap,
  RecapCounts,
  RegionRecap,
} from '../api/finalisasi.ts';
import { expectToShow, meOf, renderAs } from '../test-support.ts';
import { AreaCountsTable, CountsSummary, FinalisasiPage, FinalisationDownloads, PreviewView, ResultView } from './FinalisasiPage.tsx';
import { MonitoringPage, MonitoringTable } from './MonitoringPage.tsx';
import { parseRekapState, RecapTable, RekapitulasiPage, rekapHref } from './RekapitulasiPage.tsx';
import { RegionRecapTable } from './RekapProvinsiPanel.tsx';
import { LettersTable } from './SuratPengesahanPage.tsx';
import { VerificationView } from './VerifikasiSuratPage.tsx';

const render = (el: ReactElement) => renderAs(meOf('SUPERVISOR'), el);

function counts(over: Partial<RecapCounts> = {}): RecapCounts {
  return {
    proposals: 1250,
    perbaikan: 1000,
    usulanBaru: 250,
    result: { DITEMUKAN: 900, TIDAK_DITEMUKAN: 40, PINDAH: 30, BAGIAN_RUTA_LAIN: 10, MENOLAK: 12, GANDA: 8 },
    status: { MENUNGGU: 3, DISETUJUI: 1100, SEBAGIAN: 20, DITOLAK: 100, PERLU_PERBAIKAN: 17, GAGAL_VALIDASI: 10 },
    ...over,
  };
}

const summary = {
  module: 'BDT' as const,
  id: 7,
  publicId: 'f5903f41-9520-4848-80c6-f6db4a3ea363',
  kab: { code: '3174', name: 'Kota Administrasi Jakarta Selatan' },
  period: { code: '2019-01', name: 'BDT Januari 2019' },
  number: 2,
  letterNumber: '2/SP-BDT/3174/2019-01',
  createdAt: '2019-03-13T07:05:00Z',
  createdBy: '3174_supervisor',
  proposals: 1247,
  households: 1300,
  dataSha256: 'fd9e9e648cb81e6e5b1aba1b0279f0dce5f8366e4725779011249173c4d63a51',
};

const desaRecap: Recap = {
  level: 'desa',
  kab: summary.kab,
  period: summary.period,
  kecamatan: { code: '317401', name: 'Tebet' },
  rows: [
    {
      code: '3174011001',
      name: 'Tebet Timur',
      kecamatan: { code: '317401', name: 'Tebet' },
      households: 4321,
      members: 15000,
      counts: counts(),
      programs: { BPNT: 1080, RASTRA: 0, PBI: 3600 },
    },
  ],
  totals: { households: 4321, members: 15000, counts: counts(), programs: { BPNT: 1080, RASTRA: 0, PBI: 3600 } },
  quotas: [
    { program: 'BPNT', quota: 1200, used: 1300 },
    { program: 'RASTRA', quota: null, used: 0 },
    { program: 'PBI', quota: 4000, used: 3600 },
  ],
};

const preview: FinalisationPreview = {
  module: 'BDT',
  kab: summary.kab,
  period: { code: '2019-01', name: 'BDT Januari 2019', skNumber: '146/HUK/2019' },
  nextNumber: 2,
  recap: {
    totals: counts(),
    kecamatan: [{ code: '317401', name: 'Tebet', counts: counts() }],
    desa: [{ code: '3174011001', name: 'Tebet Timur', kecamatan: '317401', counts: counts() }],
  },
  waiting: {
    total: 3,
    items: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        type: 'PERBAIKAN',
        idbdt: '3174011001000123',
        kode_wilayah: '3174011001',
        desa: 'Tebet Timur',
        kecamatan: 'Tebet',
        operator_username: 'op_tebet',
        imported_at: '2019-02-20T03:00:00Z',
        conflict: true,
      },
    ],
  },
  toFinalise: 1247,
  profileMissing: ['pengesahNip'],
  canFinalise: false,
  previous: [{ ...summary, number: 1, letterNumber: '1/SP-BDT/3174/2019-01' }],
};

describe('Finalisasi page', () => {
  it('shows the figures, the waiting proposals with links, the missing profile and a disabled action', () => {
    const html = render(createElement(PreviewView, { preview, busy: false, onFinalise: () => {} }));
    expect(html).toContain('Pratinjau Finalisasi ke-2');
    expect(html).toContain('Periode BDT Januari 2019, Kota Administrasi Jakarta Selatan.');
    expect(html).toContain('1.250'); // Indonesian grouping
    expectToShow(
      html,
      'Masih ada 3 usulan berstatus MENUNGGU',
      'href="/verifikasi-usulan/a1b2c3d4-0000-4000-8000-000000000001"',
      '31.74.01.1001.000123',
      'href="/verifikasi-usulan?status=MENUNGGU"',
      'NIP pejabat pengesah',
      'href="/profil"',
    );
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Lakukan Finalisasi<\/button>/);
    expect(html).toContain('Finalisasi ke-1 (1/SP-BDT/3174/2019-01)');
    expect(html).toContain('JUMLAH');
  });

  it('enables the action when nothing blocks', () => {
    const html = render(
      createElement(PreviewView, {
        preview: { ...preview, waiting: { total: 0, items: [] }, profileMissing: [], canFinalise: true },
        busy: false,
        onFinalise: () => {},
      }),
    );
    expect(html).not.toContain('Usulan yang masih menunggu');
    expect(html).toMatch(/<button type="button" class="btn btn-primary">Lakukan Finalisasi<\/button>/);
    expect(html).toContain('Finalisasi ke-2 akan membekukan 1.247 usulan yang sudah diputuskan.');
  });

  it('shows the result with the three downloads and the hash', () => {
    const result: FinalisationDetail = {
      ...summary,
      recap: preview.recap,
      letter: {
        kab: summary.kab,
        namaInstansi: 'Dinas Sosial',
        alamat: 'Jl. Merdeka 1',
        nomorTelepon: null,
        namaBupati: 'Bupati',
        kepalaDinas: { nama: null, nip: null },
        pengesah: { nama: 'Pengesah', nip: '198001012010011001' },
        pengesahIsKepalaDinas: false,
        period: { ...summary.period, skNumber: null },
      },
    };
    const html = render(createElement(ResultView, { result }));
    expectToShow(
      html,
      'Finalisasi ke-2 berhasil',
      'Nomor Surat Pengesahan: 2/SP-BDT/3174/2019-01.',
      'Unduh Surat Pengesahan',
      'Unduh data (xlsx)',
      'Unduh data (csv)',
    );
    expect(html).toContain(summary.dataSha256);
  });
});

describe('recap tables', () => {
  const cells = (html: string, rowClass: string) => {
    const row = new RegExp(`<tr class="${rowClass}">(.*?)</tr>`).exec(html)?.[1] ?? '';
    return [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1]);
  };

  it('Finalisasi: approved and partly approved in their own columns, as in the figures (issue 13), and the totals row in the footer', () => {
    const html = render(
      createElement(AreaCountsTable, {
        rows: [{ code: '317401', name: 'Tebet', counts: counts() }],
        totals: counts({ proposals: 2000 }),
        caption: 'Rekap',
        areaLabel: 'Kecamatan',
      }),
    );
    expect(html).toContain('<th scope="row">Tebet <span class="muted mono">31.74.01</span></th>');
    expect(html).toContain('<tfoot>');
    // JUMLAH, 6 results, usulan baru, menunggu, disetujui, sebagian, ditolak, perlu perbaikan, gagal validasi, total
    expect(cells(html, 'fin-total-row').join(' | ')).toBe(
      'JUMLAH | 900 | 40 | 30 | 10 | 12 | 8 | 250 | 3 | 1.100 | 20 | 100 | 17 | 10 | 2.000',
    );
    expect(html).toContain('>Disetujui sebagian</th>');
    // The figures above the tables count the same way: one figure per status, none merged.
    const figures = render(createElement(CountsSummary, { counts: counts() }));
    expect(figures).toContain('Disetujui sebagian');
    expect(figures).not.toContain('1.120');
  });

  it('Rekapitulasi: every status in its own column; the desa tab names the kecamatan, empty in the totals row', () => {
    expect(render(createElement(RecapTable, { recap: { ...desaRecap, rows: [] } }))).toContain('Belum ada usulan pada periode ini.');
    const html = render(createElement(RecapTable, { recap: desaRecap }));
    expect(cells(html, 'fin-total-row').join(' | ')).toBe(
      'JUMLAH |  | 4.321 | 15.000 | 900 | 40 | 30 | 10 | 12 | 8 | 250 | 3 | 1.100 | 20 | 100 | 17 | 10 | 1.250 | 1.080 | 0 | 3.600',
    );
    // The programme columns, and the district's quota use above the table (an over-full list flagged).
    for (const shown of [
      'KPM BPNT',
      'KPM RASTRA',
      'Peserta PBI',
      'terpakai 1.300 dari 1.200',
      'terpakai 0, kuota belum ditetapkan',
      'terpakai 3.600 dari 4.000',
    ])
      expect(html).toContain(shown);
    expect(html).toContain('melebihi kuota 100');
  });
});

describe('who sees the pages', () => {
  it('Finalisasi for finalisation:manage, Rekapitulasi for recap:read, Monitoring for monitoring:read', () => {
    expect(renderAs(meOf('PROVINSI'), createElement(FinalisasiPage))).toContain('alert-error');
    expect(renderAs(meOf('SUPERVISOR'), createElement(FinalisasiPage))).toContain('Memuat');
    expect(renderAs(meOf('OPERATOR'), createElement(RekapitulasiPage))).toContain('alert-error');
    // A province chooses the district first; a supervisor sees its own district's recap loading.
    const province = renderAs(meOf('PROVINSI'), createElement(RekapitulasiPage));
    expect(province).toContain('id="rekap-district-kabkota"');
    expect(province).not.toContain('id="rekap-district-provinsi"');
    expect(renderAs(meOf('PUSDATIN'), createElement(RekapitulasiPage))).toContain('id="rekap-district-provinsi"');
    expect(renderAs(meOf('SUPERVISOR'), createElement(RekapitulasiPage))).not.toContain('rekap-district');
    expect(renderAs(meOf('SUPERVISOR'), createElement(MonitoringPage))).toContain('alert-error');
    expect(renderAs(meOf('PUSDATIN'), createElement(MonitoringPage))).toContain('id="monitor-provinsi"');
    expect(renderAs(meOf('PROVINSI'), createElement(MonitoringPage))).not.toContain('id="monitor-provinsi"');
  });
});

describe('Surat Pengesahan, Rekapitulasi, Monitoring', () => {
  it('lists letters with their downloads', () => {
    const html = render(createElement(LettersTable, { items: [summary] }));
    expectToShow(html, '2/SP-BDT/3174/2019-01', 'ke-2', 'Unduh Surat Pengesahan');
    expect(render(createElement(LettersTable, { items: [] }))).toContain('Belum ada Finalisasi.');
  });

  it('shows a recap with households, members and a totals row; keeps its choices in the address', () => {
    const html = render(createElement(RecapTable, { recap: desaRecap }));
    for (const shown of [
      'Rekapitulasi Desa Kota Administrasi Jakarta Selatan, BDT Januari 2019',
      '4.321',
      '15.000',
      'Bagian ruta lain',
      'JUMLAH',
    ]) {
      expect(html).toContain(shown);
    }
    const state = parseRekapState('?tab=desa&period=2019-01&kab=3174&kecamatan=317401');
    expect(state).toEqual({ tab: 'desa', period: '2019-01', kab: '3174', kecamatan: '317401', provinsi: '' });
    expect(rekapHref(state)).toBe('/rekapitulasi?tab=desa&period=2019-01&kab=3174&kecamatan=317401');
    expect(parseRekapState('?tab=x&kab=31740&period=bad')).toEqual({
      tab: 'kecamatan',
      period: '',
      kab: '',
      kecamatan: '',
      provinsi: '',
    });
    // The provinces' tab keeps its province in the address, and a district's recap does not.
    const provinces = parseRekapState('?tab=provinsi&provinsi=32&period=2019-01&kecamatan=317401');
    expect(provinces).toMatchObject({ tab: 'provinsi', provinsi: '32' });
    expect(rekapHref(provinces)).toBe('/rekapitulasi?tab=provinsi&period=2019-01&provinsi=32');
    expect(rekapHref({ ...provinces, tab: 'kecamatan', kab: '3201' })).toBe('/rekapitulasi?period=2019-01&kab=3201');
    expect(parseRekapState('?tab=provinsi&provinsi=321').provinsi).toBe('');
  });

  it('shows the provinces and the districts of a province, each name a link to the next level', () => {
    const row = { kecamatan: null, counts: counts(), programs: { BPNT: 10, RASTRA: 0, PBI: 40 } };
    const provinces: RegionRecap = {
      level: 'provinsi',
      provinsi: null,
      period: summary.period,
      rows: [
        { ...row, code: '31', name: 'DKI Jakarta', households: 52000, members: 180000 },
        { ...row, code: '32', name: 'Jawa Barat', households: 1200, members: 4800 },
      ],
      totals: { households: 53200, members: 184800, counts: counts(), programs: { BPNT: 20, RASTRA: 0, PBI: 80 } },
    };
    const html = render(
      createElement(RegionRecapTable, { recap: provinces, hrefOf: (code: string) => `/rekapitulasi?tab=provinsi&provinsi=${code}` }),
    );
    expectToShow(html, 'Rekapitulasi per provinsi, BDT Januari 2019', 'Provinsi', '52.000', '184.800', '53.200', 'JUMLAH');
    expect(html).toContain('href="/rekapitulasi?tab=provinsi&amp;provinsi=32"');
    const districts = render(
      createElement(RegionRecapTable, {
        recap: {
          ...provinces,
          level: 'kabkota',
          provinsi: { code: '31', name: 'DKI Jakarta' },
          rows: [{ ...row, code: '3174', name: 'Jakarta Selatan', households: 9, members: 30 }],
        },
        hrefOf: (code: string) => `/rekapitulasi?kab=${code}`,
      }),
    );
    expectToShow(districts, 'Rekapitulasi kabupaten/kota Provinsi DKI Jakarta, BDT Januari 2019', 'Kabupaten/Kota', 'Jakarta Selatan');
    expect(districts).toContain('href="/rekapitulasi?kab=3174"');
    // Province and national users get the provinces' tab; a supervisor does not.
    expect(renderAs(meOf('PUSDATIN'), createElement(RekapitulasiPage))).toContain('Rekapitulasi Provinsi');
    expect(renderAs(meOf('SUPERVISOR'), createElement(RekapitulasiPage))).not.toContain('Rekapitulasi Provinsi');
  });

  it('shows the districts with their finalisation state and links', () => {
    const data: Monitoring = {
      period: summary.period,
      provinsi: '31',
      items: [
        {
          kab: summary.kab,
          provinsi: { code: '31', name: 'DKI Jakarta' },
          finalisations: 2,
          last: { id: 7, number: 2, at: '2019-03-13T07:05:00Z' },
          proposals: 1250,
          waiting: 0,
          openDecided: 0,
          state: 'FINAL',
        },
        {
          kab: { code: '3171', name: 'Kota Administrasi Jakarta Pusat' },
          provinsi: { code: '31', name: 'DKI Jakarta' },
          finalisations: 0,
          last: null,
          proposals: 10,
          waiting: 4,
          openDecided: 6,
          state: 'BELUM_FINALISASI',
        },
      ],
      state: null,
      total: 2,
      page: 1,
      pageSize: 50,
      summary: { districts: 2, finalised: 1, complete: 1, waiting: 4 },
    };
    const html = render(createElement(MonitoringTable, { data, showProvince: false }));
    expectToShow(
      html,
      'Sudah finalisasi',
      'Belum finalisasi',
      'href="/surat-pengesahan?kab=3174"',
      'href="/rekapitulasi?kab=3171&amp;period=2019-01"',
    );
    expect(html).not.toContain('href="/surat-pengesahan?kab=3171"');
    // Links only to what the user may open.
    const bare = renderAs(
      meOf('PROVINSI', { abilities: ['monitoring:read'] }),
      createElement(MonitoringTable, { data, showProvince: true }),
    );
    expect(bare).toContain('DKI Jakarta');
    // Paged on the server: the count of every district of the filter, not of this page.
    const paged = render(createElement(MonitoringTable, { data: { ...data, total: 514 }, showProvince: true, onPage: () => undefined }));
    expect(paged).toContain('dari 514');
    expect(bare).not.toContain('href="/surat-pengesahan');
    expect(bare).not.toContain('href="/rekapitulasi');
  });
});

describe('public letter check', () => {
  const v = {
    module: 'BDT' as const,
    changes: null,
    kab: summary.kab,
    period: summary.period,
    number: 2,
    letterNumber: summary.letterNumber,
    finalisedAt: summary.createdAt,
    dataSha256: summary.dataSha256,
    totals: { proposals: 1247, perbaikan: 1000, usulanBaru: 247, approved: 1120, rejected: 100 },
    matches: null,
  };
  it('says in Indonesian that the letter is genuine, whether its hash matches, or that it is not found', () => {
    const genuine = render(createElement(VerificationView, { state: { kind: 'found', v }, hash: null }));
    expectToShow(genuine, 'Surat Pengesahan ini ASLI', '2/SP-BDT/3174/2019-01', '1.247 usulan');
    const matches = render(
      createElement(VerificationView, {
        state: { kind: 'found', v: { ...v, matches: true } },
        hash: summary.dataSha256,
      }),
    );
    expect(matches).toContain('SAMA dengan data finalisasi yang tersimpan');
    const mismatch = render(
      createElement(VerificationView, { state: { kind: 'found', v: { ...v, matches: false } }, hash: 'ab'.repeat(32) }),
    );
    expect(mismatch).toContain('Kode verifikasi TIDAK COCOK');
    expect(render(createElement(VerificationView, { state: { kind: 'missing' }, hash: null }))).toContain('Surat tidak ditemukan');
  });

  it("shows the moment of finalisation in the district's zone, labelled (a Makassar letter: WITA)", () => {
    const wita = { ...v, kab: { code: '7371', name: 'Kota Makassar' }, finalisedAt: '2019-03-13T07:05:00.000Z' };
    expect(render(createElement(VerificationView, { state: { kind: 'found', v: wita }, hash: null }))).toContain('13 Mar 2019 15.05 WITA');
    const wib = { ...v, finalisedAt: '2019-03-13T07:05:00.000Z' };
    expect(render(createElement(VerificationView, { state: { kind: 'found', v: wib }, hash: null }))).toContain('13 Mar 2019 14.05 WIB');
  });

  it('names a Berita Acara of a BSP finalisation and its list changes', () => {
    const ba = {
      ...v,
      module: 'BSP' as const,
      letterNumber: '1/BA-BSP/3174/2019-01',
      totals: { proposals: 5, perbaikan: 0, usulanBaru: 0, approved: 3, rejected: 2 },
      changes: { masuk: 1, keluar: 1, diganti: 1, ubahData: 1 },
    };
    const html = render(createElement(VerificationView, { state: { kind: 'found', v: ba }, hash: null }));
    expectToShow(
      html,
      'Berita Acara ini ASLI',
      'Berita Acara Daftar KPM Perubahan (BSP)',
      '5 usulan; 3 disetujui, 2 ditolak; 1 KPM masuk, 1 keluar, 1 diganti, 1 ubah data',
    );
    expect(html).not.toContain('perbaikan data');
  });
});

describe('Finalisasi BSP and PBI', () => {
  const pc = (over: Partial<ProgrammeCounts> = {}): ProgrammeCounts => ({
    proposals: 6,
    masuk: 2,
    keluar: 1,
    diganti: 2,
    ubahData: 1,
    status: { MENUNGGU: 1, DISETUJUI: 4, SEBAGIAN: 0, DITOLAK: 1, PERLU_PERBAIKAN: 0, GAGAL_VALIDASI: 0 },
    ...over,
  });
  const bsp: FinalisationPreview = {
    ...preview,
    module: 'BSP',
    nextNumber: 1,
    recap: {
      totals: pc(),
      kecamatan: [{ code: '317401', name: 'Tebet', counts: pc() }],
      desa: [{ code: '3174011001', name: 'Tebet Timur', kecamatan: '317401', counts: pc() }],
      programs: [
        { program: 'BPNT', counts: pc(), active: 1180, quota: 1200 },
        { program: 'RASTRA', counts: pc({ proposals: 0, masuk: 0, keluar: 0, diganti: 0, ubahData: 0 }), active: 0, quota: null },
      ],
    },
    waiting: { total: 1, items: [{ ...preview.waiting.items[0]!, type: 'BSP_NONAKTIF', conflict: false }] },
    toFinalise: 5,
    previous: [],
  };

  it('previews the list changes per programme against quota, with waiting BSP proposals linked to their review', () => {
    const html = render(createElement(PreviewView, { preview: bsp, busy: false, onFinalise: () => {} }));
    for (const shown of ['KPM masuk (pengganti)', 'KPM diganti', 'Ubah data', '1.180', '1.200', 'Belum ditetapkan', 'Penghapusan KPM']) {
      expect(html).toContain(shown);
    }
    expect(html).toContain('href="/verifikasi-bsp/usulan/a1b2c3d4-0000-4000-8000-000000000001"');
    expect(html).toContain('href="/verifikasi-bsp"');
    expect(html).not.toContain('Bagian ruta lain');
  });

  it('offers the Berita Acara and the list changes as downloads', () => {
    const html = render(createElement(FinalisationDownloads, { f: { ...summary, module: 'BSP' } }));
    expect(html).toContain('Unduh Berita Acara');
    expect(html).toContain('Unduh perubahan daftar (csv)');
    expect(render(createElement(FinalisationDownloads, { f: summary }))).toContain('Unduh Surat Pengesahan');
  });

  it('shows the module tabs on the page', () => {
    const html = render(createElement(FinalisasiPage));
    expectToShow(html, 'role="tablist"', 'BSP (BPNT/Rastra)', 'PBI-JK');
  });
});
