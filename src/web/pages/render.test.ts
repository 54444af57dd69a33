// Rendering smoke tests without a DOM: static markup of the main views (effects do not run).
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { abilitiesOf } from '../../shared/roles.ts';
import type { HouseholdDetail, Me } from '../api/client.ts';
import { Layout } from '../components/Layout.tsx';
import { householdFields, memberFields, type FieldDef } from '../dictionary.ts';
import { SessionContext } from '../session.ts';
import { expectToShow, meOf, renderAs } from '../test-support.ts';
import { EMPTY_FILTER } from '../filters.ts';
import { HouseholdView } from './HouseholdPage.tsx';
import { Filters, ResultsTable } from './HouseholdListPage.tsx';
import { LoginPage } from './LoginPage.tsx';

const me: Me = {
  username: '3174_supervisor',
  name: 'Dinas Sosial Kota Jakarta Selatan',
  role: 'SUPERVISOR',
  roleLabel: { id: 'Supervisor Kabupaten/Kota', en: 'District Supervisor' },
  regions: [{ code: '3174', name: 'KOTA ADM. JAKARTA SELATAN', level: 'kabkota' }],
  language: 'id',
  mustChangePassword: false,
  abilities: abilitiesOf('SUPERVISOR'),
};

function withSession(el: ReactElement): ReactElement {
  return createElement(SessionContext.Provider, { value: { me, logout: async () => {} } }, el);
}

// A plausible value of every field, from the dictionary.
function sample(fields: readonly FieldDef[]): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === 'code') r[f.name] = Number(Object.keys(f.codes ?? { 1: '' })[0]);
    else if (f.type === 'boolean') r[f.name] = true;
    else if (f.type === 'integer' || f.type === 'decimal') r[f.name] = 1500;
    else if (f.type === 'date') r[f.name] = '1985-07-17';
    else r[f.name] = `${f.name}-value`;
  }
  return r;
}

// A change from an imported package: named by the package's file, linked to its import.
const fromPackage: HouseholdDetail['history'][number] = {
  id: 1,
  idartbdt: null,
  field: 'lantai',
  old_value: '9',
  new_value: '2',
  version: 2,
  changed_at: '2019-03-13T07:05:00Z',
  changed_by: '3174_supervisor',
  source: 'package:0b7c1c2e-1111-2222-3333-444455556666',
  reason: null,
  package: { id: '0b7c1c2e-1111-2222-3333-444455556666', fileName: 'tebet_2019-03.siks', importId: '9a8b7c6d-1111-2222-3333-444455556666' },
};

const detail: HouseholdDetail = {
  household: {
    ...sample(householdFields),
    idbdt: '3174011001000123',
    kode_wilayah: '3174011001',
    alamat: 'Jl. Tebet Barat No. 1',
    nama_krt: 'BUDI SANTOSO',
    lantai: 2,
    ada_tv: false,
    persentil: 23,
    status: 'AKTIF',
    version: 3,
    created_at: '2019-01-01T00:00:00Z',
    updated_at: '2019-03-13T07:05:00Z',
  },
  members: [
    {
      ...sample(memberFields),
      idartbdt: '317401100100012301',
      idbdt: '3174011001000123',
      nik: '3174011707850001',
      no_kk: '3174010101190001',
      nama: 'BUDI SANTOSO',
      hub_krt: 1,
      jenis_kelamin: 1,
      tanggal_lahir: '1985-07-17',
      sta_keberadaan_art: 1,
      version: 1,
    },
  ],
  history: [
    fromPackage,
    {
      id: 2,
      idartbdt: '317401100100012301',
      field: 'sta_bekerja',
      old_value: 'false',
      new_value: 'true',
      version: 3,
      changed_at: '2019-03-14T07:05:00Z',
      changed_by: null,
      source: 'baseline',
      reason: 'Musdes',
      package: null,
    },
    // The first entry of a household created by an approved usulan baru.
    { ...fromPackage, id: 3, field: 'usulan_baru', old_value: null, new_value: 'Rumah tangga baru, 4 anggota', version: 1 },
  ],
  programs: {
    kpm: [
      {
        program: 'BPNT',
        status: 'AKTIF',
        since: '2019-01-01',
        until: null,
        reason: null,
        id_pengurus: '317401100100012301',
        nama_pengurus: 'BUDI SANTOSO',
        no_kks: '6013011001000123',
        no_rekening: '0011001000123',
      },
      {
        program: 'RASTRA',
        status: 'NONAKTIF',
        since: '2018-01-01',
        until: '2019-02-01',
        reason: 2,
        id_pengurus: null,
        nama_pengurus: null,
        no_kks: null,
        no_rekening: null,
      },
    ],
    pbi: [
      {
        idartbdt: '317401100100012301',
        nama: 'BUDI SANTOSO',
        no_kartu: null,
        status: 'AKTIF',
        since: '2019-01-01',
        until: null,
        reason: null,
      },
    ],
    pkh: [],
  },
};

describe('household view', () => {
  const html = renderToStaticMarkup(createElement(HouseholdView, { data: detail, regionNames: ['TEBET BARAT', 'TEBET'] }));

  it('shows the heading with the dotted IDBDT and the summary', () => {
    expectToShow(html, 'Rumah Tangga 31.74.01.1001.000123', 'TEBET BARAT, TEBET', '(31.74.01.1001)', 'Aktif');
    // IDBDT, IDARTBDT, NIK and region codes written as on every other page (shared/codes.ts).
    expectToShow(html, '<dd class="mono">31.74.01.1001.000123</dd>', '31.74.01.1001.000123<wbr/>.01', '3174011707850001');
  });

  it('shows every household field with its label and code meanings', () => {
    for (const f of householdFields) expect(html).toContain(f.label.replace(/&/g, '&amp;'));
    expect(html).toMatch(/<dt lang="id">Jenis lantai terluas<\/dt><dd>Keramik<\/dd>/);
    expect(html).toMatch(/<dt lang="id">Memiliki: Televisi<\/dt><dd>Tidak<\/dd>/);
  });

  it('shows the programme memberships: KPM with pengurus and KKS, an ended one with its reason, PBI per member, no PKH', () => {
    const view = () => createElement(HouseholdView, { data: detail, regionNames: [] });
    const sectionOf = (page: string) => page.slice(page.indexOf('id="programs-title"'), page.indexOf('id="history-title"'));
    const section = sectionOf(renderToStaticMarkup(withSession(view())));
    expect(section).toContain('Keanggotaan program');
    expect(section).toMatch(/<th scope="row">BPNT<\/th><td><span[^>]*>Aktif<\/span><\/td><td class="nowrap">1 Januari 2019<\/td>/);
    const shown = ['BUDI SANTOSO', '6013011001000123', '0011001000123', '1 Januari 2018 – 1 Februari 2019', '2. Pindah', 'Belum terbit'];
    expectToShow(section, ...shown);
    expect(section).toContain('Belum pernah diusulkan untuk PKH.');
    // A supervisor sees unmasked data; a province is told that names and numbers are masked.
    expect(section).not.toContain('tersamar');
    expect(sectionOf(renderAs(meOf('PROVINSI'), view()))).toContain('Data pribadi ditampilkan tersamar');
  });

  it('shows members and history', () => {
    expectToShow(html, '17 Juli 1985', 'Kepala rumah tangga', 'Rincian<span class="visually-hidden"> BUDI SANTOSO</span>', 'Data awal');
    expect(html).toMatch(/<td>Bekerja\/membantu bekerja seminggu terakhir<\/td><td>Tidak<\/td><td>Ya<\/td>/);
  });

  it('names the package of a change by its file, linked to its import, and reads a new household in words (issue 13)', () => {
    expect(html).toContain('<a href="/import/9a8b7c6d-1111-2222-3333-444455556666">tebet_2019-03.siks</a>');
    expect(html).not.toContain('Paket 0b7c1c2e');
    expect(html).toMatch(/<td>Usulan baru disetujui<\/td><td>–<\/td><td>Rumah tangga baru, 4 anggota<\/td>/);
    expect(html).not.toContain('usulan_baru');
  });
});

describe('login page', () => {
  const html = renderToStaticMarkup(createElement(LoginPage, { onLoggedIn: () => {} }));
  it('has labelled fields, the button and the reset notice', () => {
    expect(html).toContain('<label for="login-username">User ID</label>');
    expect(html).toContain('<label for="login-password">Password</label>');
    expect(html).toMatch(/<button type="submit"[^>]*>Login<\/button>/);
    expectToShow(html, 'Lupa password? Kirim surat resmi ke Pusdatin Kesos untuk reset password.', 'User Manual', 'FAQ');
  });
});

describe('layout and list', () => {
  it('shows only the working navigation items and the user menu', () => {
    const html = renderToStaticMarkup(withSession(createElement(Layout, null, 'content')));
    expectToShow(
      html,
      '>Beranda</a>',
      '>View Data Kesos</a>',
      '>Home</a>',
      'Log Out',
      'Dinas Sosial Kota Jakarta Selatan',
      '>Kirim MoU</a>',
      '>Download Aplikasi Offline</a>',
    );
    // Beranda; in the group "Verifikasi & Validasi BDT": Import Data, Verifikasi Usulan, Finalisasi,
    // Rekapitulasi, Surat Pengesahan; Verifikasi & Validasi BSP and PBI; Usulan PKH; View Data Kesos;
    // Pemindahan Rumah Tangga; Peta; Kirim MoU.
    expectToShow(
      html,
      'Verifikasi &amp; Validasi BDT',
      'href="/pemindahan">Pemindahan Rumah Tangga</a>',
      'href="/peta">Peta</a>',
      'href="/verifikasi-bsp">Verifikasi &amp; Validasi BSP</a>',
      'href="/verifikasi-pbi">Verifikasi &amp; Validasi PBI</a>',
    );
    expect(html.match(/<li>/g)).toHaveLength(13);
  });

  it('renders the filters of a supervisor', () => {
    const html = renderToStaticMarkup(withSession(createElement(Filters, { filter: EMPTY_FILTER })));
    for (const label of ['Cari', 'Kecamatan', 'Desa/Kelurahan', 'Status', 'Desil', 'Program']) expect(html).toContain(`>${label}</label>`);
    expect(html).toContain('Desil 10');
    for (const option of ['Semua program', 'KPM BPNT', 'KPM RASTRA', 'Peserta PBI-JK', 'PKH (usulan diterima)'])
      expect(html).toContain(`>${option}</option>`);
    const chosen = renderToStaticMarkup(withSession(createElement(Filters, { filter: { ...EMPTY_FILTER, program: 'PKH' } })));
    expect(chosen).toContain('<option value="PKH" selected="">');
  });

  it('renders rows and paging', () => {
    const items = [
      {
        idbdt: '3174011001000123',
        kode_wilayah: '3174011001',
        nama_desa: 'TEBET BARAT',
        nama_kecamatan: 'TEBET',
        nama_krt: 'BUDI',
        alamat: 'Jl. X',
        jumlah_art: 4,
        persentil: 23,
        status: 'AKTIF' as const,
        version: 1,
      },
    ];
    const html = renderToStaticMarkup(createElement(ResultsTable, { data: { items, total: 20000, page: 2, pageSize: 25 } }));
    expectToShow(
      html,
      '<a href="/data-kesos/3174011001000123">31.74.01.1001.000123</a>',
      '<td class="num">3</td>',
      '<caption id="list-caption">Daftar rumah tangga BDT</caption>',
      '<th scope="col">IDBDT</th>',
      'Menampilkan 26–50 dari 20.000',
      'Halaman 2 dari 800',
    );
    // A large list's total is a count of up to a minute ago (issue 9 finding 10): "dari sekitar".
    const about = renderToStaticMarkup(
      createElement(ResultsTable, { data: { items, total: 200000, totalApproximate: true, page: 1, pageSize: 25 } }),
    );
    expect(about).toContain('Menampilkan 1–25 dari sekitar 200.000');
    expect(about).toContain('Halaman 1 dari 8.000');
    // Before the first answer: the loading line, no table; an empty page: the empty text, no table.
    const loading = renderToStaticMarkup(createElement(ResultsTable, { data: null, loading: true }));
    expect(loading).toContain('Memuat…');
    expect(loading).not.toContain('<table');
    const none = renderToStaticMarkup(createElement(ResultsTable, { data: { items: [], total: 0, page: 1, pageSize: 25 } }));
    expect(none).toContain('Tidak ada rumah tangga yang cocok dengan filter.');
    expect(none).not.toContain('<table');
  });
});
