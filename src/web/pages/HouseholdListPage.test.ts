import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../filters.ts';
import { meOf, renderAs } from '../test-support.ts';
import { Filters, HouseholdListPage, ResultsTable, SearchProblem } from './HouseholdListPage.tsx';

// View Data Kesos (issue 11, F13): the region filter of national and province users, the member a
// search matched, and the export buttons.

const row = {
  idbdt: '3174011001000123',
  kode_wilayah: '3174011001',
  nama_desa: 'TEBET BARAT',
  nama_kecamatan: 'TEBET',
  nama_krt: 'BUDI SANTOSO',
  alamat: 'Jl. X',
  jumlah_art: 4,
  persentil: 23,
  status: 'AKTIF' as const,
  version: 1,
};

describe('View Data Kesos list page', () => {
  it('offers a national user province and district filters, a province user its districts, a supervisor neither', () => {
    const national = renderAs(meOf('PUSDATIN'), createElement(Filters, { filter: EMPTY_FILTER }));
    for (const label of ['Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan']) expect(national).toContain(`>${label}</label>`);
    // The provinces are loading; the levels below wait for a choice.
    expect(national).toContain('>Semua kabupaten/kota</option>');
    const province = renderAs(meOf('PROVINSI'), createElement(Filters, { filter: { ...EMPTY_FILTER, kab: '3174' } }));
    expect(province).not.toContain('>Provinsi</label>');
    expect(province).toContain('>Kabupaten/Kota</label>');
    expect(province).toContain('<option value="3174" selected="">');
    const supervisor = renderAs(meOf('SUPERVISOR'), createElement(Filters, { filter: EMPTY_FILTER }));
    expect(supervisor).not.toContain('>Kabupaten/Kota</label>');
    expect(supervisor).toContain('>Kecamatan</label>');
  });

  it('names the member a search matched under the head of the household, with the IDARTBDT written like every IDBDT', () => {
    const items = [
      { ...row, matchedMember: { idartbdt: '317401100100012302', nama: 'SITI AMINAH' } },
      { ...row, idbdt: '3174011001000124' },
    ];
    const html = renderToStaticMarkup(createElement(ResultsTable, { data: { items, total: 2, page: 1, pageSize: 25 } }));
    expect(html).toContain(
      '<span class="matched-member">Anggota yang cocok: <strong>SITI AMINAH</strong> <span class="mono small">31.74.01.1001.000123.02</span></span>',
    );
    expect(html.match(/Anggota yang cocok:/g)).toHaveLength(1);
    // The IDBDT links are written dotted, as on the household page.
    expect(html).toContain('<a href="/data-kesos/3174011001000124">31.74.01.1001.000124</a>');
  });

  it('tells a number of the wrong length apart from "no household" (issue 13)', () => {
    const html = renderToStaticMarkup(createElement(SearchProblem, { digits: 15 }));
    expect(html).toContain('Nomor yang dicari terdiri atas 15 digit, padahal IDBDT, NIK dan No KK selalu 16 digit.');
    expect(html).not.toContain('Tidak ada rumah tangga');
  });

  it('has the xlsx and csv export buttons above the list', () => {
    const html = renderAs(meOf('SUPERVISOR'), createElement(HouseholdListPage));
    expect(html).toContain('>Unduh Excel (.xlsx)</button>');
    expect(html).toContain('>Unduh CSV</button>');
  });
});
