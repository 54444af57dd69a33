import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { QuotaDistrict } from '../api/quotas.ts';
import { Layout } from '../components/Layout.tsx';
import { meOf, renderAs } from '../test-support.ts';
import { parseQuota, QuotaCellEditor, QuotaImport, QuotaPage, QuotaTable, SheetIssues } from './QuotaPage.tsx';

const jaksel: QuotaDistrict = {
  kab: '3174',
  name: 'KOTA ADM. JAKARTA SELATAN',
  provinsi: { code: '31', name: 'DKI JAKARTA' },
  BPNT: { quota: 39_776, from: '2019-01', used: 35_798 },
  RASTRA: { quota: null, from: null, used: 0 },
  PBI: { quota: 100, from: '2019-02', used: 121 },
};
const noop = () => {};
const pfm = meOf('PFM');

describe('Kuota page', () => {
  it('a table row per district: the quota in a labelled number box, use, the period it is inherited from, over quota marked', () => {
    const html = renderAs(pfm, createElement(QuotaTable, { rows: [jaksel], period: '2019-02', editable: true, onSaved: noop }));
    expect(html).toContain('Kuota per kabupaten/kota, periode 2019-02');
    expect(html).toMatch(
      /<th scope="col">Kode<\/th><th scope="col">Kabupaten\/Kota<\/th><th scope="col">BPNT<\/th><th scope="col">RASTRA<\/th><th scope="col">PBI<\/th>/,
    );
    expect(html).toContain('<th scope="row">KOTA ADM. JAKARTA SELATAN<br/><small class="muted">DKI JAKARTA</small></th>');
    expect(html).toMatch(/<input id="quota-3174-BPNT"[^>]*aria-label="Kuota BPNT KOTA ADM. JAKARTA SELATAN"[^>]*value="39776"/);
    expect(html).toContain('aria-describedby="quota-3174-BPNT-info"');
    // BPNT comes from January; PBI is set in this period; RASTRA has none.
    expect(html).toContain('<small id="quota-3174-BPNT-info" class="quota-info">terpakai 35.798 · dari periode 2019-01</small>');
    expect(html).toContain('<small id="quota-3174-PBI-info" class="quota-info">terpakai 121</small>');
    expect(html).toMatch(/<input id="quota-3174-RASTRA"[^>]*value=""/);
    // PBI is over its quota (121 of 100): marked, BPNT is not.
    expect(html.match(/melebihi kuota/g)).toHaveLength(1);
    expect(html).toMatch(/quota-cell quota-over"><input id="quota-3174-PBI"/);
  });

  it('is read-only for a role that reads quotas without setting them', () => {
    const html = renderAs(
      meOf('PUSDATIN'),
      createElement(QuotaTable, { rows: [jaksel], period: '2019-02', editable: false, onSaved: noop }),
    );
    expect(html).not.toContain('<input');
    expect(html).toContain('<span class="quota-value">39.776</span>');
    expect(html).toContain('<span class="quota-value">—</span>');
    const page = renderAs(meOf('PUSDATIN'), createElement(QuotaPage));
    expect(page).toContain('<h1>Kuota Program Bantuan</h1>');
    expect(page).not.toContain('Impor lembar kuota');
  });

  it('PFM gets the filters and the sheet import; an operator is refused', () => {
    const page = renderAs(pfm, createElement(QuotaPage));
    for (const label of ['Periode', 'Provinsi', 'Cari kode atau nama kabupaten/kota']) expect(page).toContain(`>${label}</label>`);
    expect(page).toContain('Semua provinsi');
    const operator = renderAs(meOf('OPERATOR'), createElement(QuotaPage));
    expect(operator).toContain('Anda tidak berwenang melihat kuota program bantuan.');
    expect(operator).not.toContain('<table');
  });

  it('the import form names the period and offers the template', () => {
    const html = renderAs(pfm, createElement(QuotaImport, { period: '2019-02', filter: { provinsi: '31' }, onImported: noop }));
    expect(html).toContain('Impor lembar kuota (.xlsx)');
    expect(html).toContain('>Unduh templat</button>');
    expect(html).toMatch(/<label for="[^"]+-file">Lembar kuota untuk periode 2019-02<\/label>/);
    expect(html).toMatch(/type="file" accept="\.xlsx,/);
    expect(html).toContain('>Impor untuk periode 2019-02</button>');
  });

  it('lists the faults of a refused sheet by row', () => {
    const html = renderAs(
      pfm,
      createElement(SheetIssues, {
        issues: [
          { row: 3, column: 'Kode Kab/Kota', message: 'Kode kabupaten/kota 3199 tidak dikenal.' },
          { row: 4, column: 'RASTRA', message: 'Kuota RASTRA tidak boleh negatif (-5).' },
        ],
      }),
    );
    expect(html).toContain('Kesalahan pada lembar kuota (2)');
    expect(html).toMatch(/<td class="num">3<\/td><td>Kode Kab\/Kota<\/td><td>Kode kabupaten\/kota 3199 tidak dikenal.<\/td>/);
    expect(html).toMatch(/<td class="num">4<\/td><td>RASTRA<\/td><td>Kuota RASTRA tidak boleh negatif \(-5\).<\/td>/);
  });

  it('reads a typed quota: digits (grouped or not), empty removes, anything else is refused', () => {
    expect(parseQuota('39776')).toBe(39_776);
    expect(parseQuota(' 39.776 ')).toBe(39_776);
    expect(parseQuota('')).toBeNull();
    expect(parseQuota('-5')).toBe('invalid');
    expect(parseQuota('1,5')).toBe('invalid');
    expect(parseQuota('1.5')).toBe('invalid');
    expect(parseQuota('abc')).toBe('invalid');
    expect(parseQuota('10000001')).toBe('invalid');
    const cell = renderAs(
      pfm,
      createElement(QuotaCellEditor, { row: jaksel, program: 'RASTRA', period: '2019-02', editable: true, onSaved: noop }),
    );
    expect(cell).toContain('placeholder="—"');
  });

  it('the menu shows Kuota to PFM only', () => {
    expect(renderAs(pfm, createElement(Layout, null, 'x'))).toContain('href="/kuota">Kuota</a>');
    for (const role of ['PUSDATIN', 'SUPERVISOR', 'PROVINSI', 'OPERATOR'] as const) {
      expect(renderAs(meOf(role), createElement(Layout, null, 'x'))).not.toContain('href="/kuota"');
    }
  });
});
