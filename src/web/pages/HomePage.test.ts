import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { HomeData } from '../api/client.ts';
import { DocumentCards, HomeSummary, KecamatanProposals, LogsHistory, LogsTable, RoundPanel, regionTitle } from './HomePage.tsx';

const levels = {
  provinsi: 'Provinsi',
  kabkota: 'Kabupaten/Kota',
  kecamatan: 'Kecamatan',
  desa: 'Desa/Kelurahan',
} as const;

describe('regionTitle', () => {
  it('shows the level and the upper-case name', () => {
    expect(regionTitle({ code: '3174', name: 'Kota Administrasi Jakarta Selatan', level: 'kabkota' }, (l) => levels[l], 'Nasional')).toBe(
      'Kabupaten/Kota - KOTA ADMINISTRASI JAKARTA SELATAN',
    );
    expect(regionTitle({ code: '31', name: 'DKI JAKARTA', level: 'provinsi' }, (l) => levels[l], 'Nasional')).toBe(
      'Provinsi - DKI JAKARTA',
    );
  });

  it('is national without a region', () => {
    expect(regionTitle(null, (l) => levels[l], 'Nasional')).toBe('Nasional');
  });
});

describe('Beranda blocks', () => {
  const home: HomeData = {
    region: { code: '3174', name: 'Kota Administrasi Jakarta Selatan', level: 'kabkota' },
    roleLabel: { id: 'Supervisor Kabupaten/Kota', en: 'District Supervisor' },
    totalHouseholds: 20_000,
    kuotaKks: 39_776,
    tahapBpnt: '1',
    quotas: [
      { program: 'BPNT', quota: 39_776, used: 35_798 },
      { program: 'RASTRA', quota: null, used: 0 },
      { program: 'PBI', quota: null, used: 12 },
    ],
    documents: [
      {
        id: 7,
        title: 'Surat Edaran Mensos',
        contentType: 'application/pdf',
        size: 1_258_291,
        uploadedAt: '2019-03-13T07:05:00Z',
      },
    ],
    period: { code: '2019-01', name: 'BDT Januari 2019' },
    proposals: [
      { kecamatan: { code: '317401', name: 'Tebet' }, total: 1250, waiting: 40, openDecided: 1210 },
      { kecamatan: { code: '317402', name: 'Setiabudi' }, total: 3, waiting: 0, openDecided: 3 },
    ],
    round: {
      mou: { state: 'APPROVED', submittedAt: '2019-01-10T03:00:00Z', reviewedAt: '2019-01-11T03:00:00Z' },
      nextStep: 'DECIDE_PROPOSALS',
      releaseDownloads: { count: 2, lastAt: '2019-02-01T03:00:00Z' },
      offlineAppDownloads: { count: 0, lastAt: null },
      finalisations: [{ id: 9, number: 1, letterNumber: '1/SP-BDT/3174/2019-01', at: '2019-03-13T07:05:00Z', proposals: 812 }],
    },
  };

  it('shows region, role, KKS quota, BDT total and stage with Indonesian grouping', () => {
    const html = renderToStaticMarkup(createElement(HomeSummary, { data: home }));
    // In this order, top to bottom.
    expect(html).toMatch(
      /Kabupaten\/Kota - KOTA ADMINISTRASI JAKARTA SELATAN.*Anda Login Sebagai : Supervisor Kabupaten\/Kota.*Kuota KKS : 39\.776.*Jumlah Rumah Tangga BDT : 20\.000.*Tahap BPNT : 1/s,
    );
  });

  it('shows used / quota of the programmes the district has', () => {
    const html = renderToStaticMarkup(createElement(HomeSummary, { data: home }));
    expect(html).toContain('<li class="home-quota-use">Kuota BPNT : terpakai 35.798 dari 39.776</li>');
    expect(html).toContain('<li class="home-quota-use">Kuota PBI : terpakai 12, kuota belum ditetapkan</li>');
    // A programme with neither a quota nor a member is not the district's.
    expect(html).not.toContain('RASTRA');
  });

  it('leaves out quota and stage when the district has none', () => {
    const html = renderToStaticMarkup(createElement(HomeSummary, { data: { ...home, kuotaKks: null, tahapBpnt: null, quotas: null } }));
    expect(html).not.toContain('home-quota-use');
    expect(html).not.toContain('Kuota KKS');
    expect(html).not.toContain('Tahap BPNT');
  });

  it('renders a download card per document', () => {
    const html = renderToStaticMarkup(createElement(DocumentCards, { documents: home.documents }));
    expect(html).toContain('Surat Edaran Mensos');
    expect(html).toContain('href="/api/v1/documents/7/content"');
    expect(html).toContain('1,2 MB');
    expect(renderToStaticMarkup(createElement(DocumentCards, { documents: [] }))).toContain('Belum ada dokumen');
  });

  it("shows the supervisor's round: MoU, the next step with its link, downloads and the period's finalisations", () => {
    const html = renderToStaticMarkup(createElement(RoundPanel, { round: home.round!, period: home.period }));
    expect(html).toContain('Keadaan verval periode BDT Januari 2019');
    expect(html).toContain('MoU : disetujui');
    expect(html).toMatch(/Langkah berikutnya:.*putuskan usulan yang masih menunggu\..*href="\/verifikasi-usulan"/s);
    expect(html).toContain('Unduhan Database BDT Rilis periode ini : 2 kali, terakhir 1 Feb 2019 10.00 WIB');
    expect(html).toContain('Unduhan Aplikasi Offline : belum pernah');
    expect(html).toContain('Finalisasi ke-1 (1/SP-BDT/3174/2019-01), 13 Mar 2019 14.05 WIB: 812 usulan');
    const mou = renderToStaticMarkup(
      createElement(RoundPanel, {
        round: { ...home.round!, mou: { ...home.round!.mou, state: 'WAITING' }, nextStep: 'WAIT_REVIEW', finalisations: [] },
        period: home.period,
      }),
    );
    expect(mou).toMatch(/MoU : menunggu pemeriksaan Ditjen PFM.*href="\/mou"/s);
    expect(mou).toContain('Belum ada finalisasi pada periode ini.');
  });

  it('shows proposals per kecamatan in a small table', () => {
    const html = renderToStaticMarkup(createElement(KecamatanProposals, { rows: home.proposals!, period: home.period }));
    expect(html).toMatch(/Kecamatan.*Usulan.*Menunggu.*Belum difinalisasi/s);
    expect(html).toMatch(/Tebet.*1\.250.*40.*1\.210.*Setiabudi/s);
    expect(renderToStaticMarkup(createElement(KecamatanProposals, { rows: [], period: home.period }))).toContain(
      'Belum ada usulan pada periode ini.',
    );
  });

  it('renders the log table with WAKTU | INFORMASI | OLEH', () => {
    const html = renderToStaticMarkup(
      createElement(LogsTable, {
        items: [
          { id: 1, at: '2019-03-13T07:05:00Z', text: 'Melakukan Finalisasi BDT', actor: '3174_supervisor', action: 'FINALISE_PERIOD' },
        ],
      }),
    );
    expect(html).toMatch(/WAKTU.*INFORMASI.*OLEH/s);
    expect(html).toContain('Melakukan Finalisasi BDT');
    const shell = renderToStaticMarkup(createElement(LogsHistory));
    expect(shell).toContain('Logs History');
    expect(shell).toMatch(/Tampilkan.*<select.*entri/s);
  });
});
