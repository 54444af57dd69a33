// Rendering smoke tests without a DOM: static markup of the main views (effects do not run).
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { abilitiesOf } from '../../shared/roles.ts';
import type { HouseholdDetail, Me } from '../api/client.ts';
import { Layout } from '../components/Layout.tsx';
import { householdFields, memberFields, type FieldDef } from '../dictionary.ts';
import { SessionContext } from '../session.ts';
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
    {
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
    },
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
    },
  ],
};

describe('household view', () => {
  const html = renderToStaticMarkup(createElement(HouseholdView, { data: detail, regionNames: ['TEBET BARAT', 'TEBET'] }));

  it('shows the heading with the dotted IDBDT and the summary', () => {
    for (const part of ['Rumah Tangga 31.74.01.1001.000123', '3174011001000123', 'TEBET BARAT, TEBET', '(31.74.01.1001)', 'Aktif'])
      expect(html).toContain(part);
  });

  it('shows every household field with its label and code meanings', () => {
    for (const f of householdFields) expect(html).toContain(f.label.replace(/&/g, '&amp;'));
    expect(html).toMatch(/<dt lang="id">Jenis lantai terluas<\/dt><dd>Keramik<\/dd>/);
    expect(html).toMatch(/<dt lang="id">Memiliki: Televisi<\/dt><dd>Tidak<\/dd>/);
  });

  it('shows members and history', () => {
    expect(html).toContain('17 Juli 1985');
    expect(html).toContain('Kepala rumah tangga');
    expect(html).toContain('Rincian<span class="visually-hidden"> BUDI SANTOSO</span>');
    expect(html).toContain('Paket 0b7c1c2e');
    expect(html).toContain('Data awal');
    expect(html).toMatch(/<td>Bekerja\/membantu bekerja seminggu terakhir<\/td><td>Tidak<\/td><td>Ya<\/td>/);
  });
});

describe('login page', () => {
  const html = renderToStaticMarkup(createElement(LoginPage, { onLoggedIn: () => {} }));
  it('has labelled fields, the button and the reset notice', () => {
    expect(html).toContain('<label for="login-username">User ID</label>');
    expect(html).toContain('<label for="login-password">Password</label>');
    expect(html).toMatch(/<button type="submit"[^>]*>Login<\/button>/);
    expect(html).toContain('Lupa password? Kirim surat resmi ke Pusdatin Kesos untuk reset password.');
    expect(html).toContain('User Manual');
    expect(html).toContain('FAQ');
  });
});

describe('layout and list', () => {
  it('shows only the working navigation items and the user menu', () => {
    const html = renderToStaticMarkup(withSession(createElement(Layout, null, 'content')));
    for (const part of [
      '>Beranda</a>',
      '>View Data Kesos</a>',
      '>Home</a>',
      'Log Out',
      'Dinas Sosial Kota Jakarta Selatan',
      '>Kirim MoU</a>',
      '>Download Aplikasi Offline</a>',
    ])
      expect(html).toContain(part);
    // Beranda; in the group "Verifikasi & Validasi BDT": Import Data, Verifikasi Usulan, Finalisasi,
    // Rekapitulasi, Surat Pengesahan; View Data Kesos; Kirim MoU.
    expect(html).toContain('Verifikasi &amp; Validasi BDT');
    expect(html.match(/<li>/g)).toHaveLength(8);
  });

  it('renders the filters of a supervisor', () => {
    const html = renderToStaticMarkup(withSession(createElement(Filters, { filter: EMPTY_FILTER })));
    for (const label of ['Cari', 'Kecamatan', 'Desa/Kelurahan', 'Status', 'Desil']) expect(html).toContain(`>${label}</label>`);
    expect(html).toContain('Desil 10');
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
    for (const part of [
      '<a href="/data-kesos/3174011001000123">3174011001000123</a>',
      '<td class="num">3</td>',
      '<caption id="list-caption">Daftar rumah tangga BDT</caption>',
      '<th scope="col">IDBDT</th>',
      'Menampilkan 26–50 dari 20.000',
      'Halaman 2 dari 800',
    ])
      expect(html).toContain(part);
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
