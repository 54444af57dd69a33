// The shared web pieces: error text, abilities, the loader behind useData, the region cascade,
// the data table and the confirmation dialog (static markup: effects do not run without a DOM).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Verb } from '../../shared/roles.ts';
import { ApiError } from '../api/client.ts';
import { translate } from '../i18n/index.ts';
import { can } from '../lib/abilities.ts';
import { errorText } from '../lib/errors.ts';
import { startLoad } from '../lib/useData.ts';
import { DocumentsAdminPage } from '../pages/DocumentsAdminPage.tsx';
import { PeriodsPage } from '../pages/PeriodsPage.tsx';
import { expectToShow, meOf, renderAs } from '../test-support.ts';
import { Can } from './Can.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { DataTable, type Column } from './DataTable.tsx';
import { Fact } from './Fact.tsx';
import { SelectField, withChosen } from './SelectField.tsx';
import { TextAreaField } from './TextAreaField.tsx';
import { fieldErrors } from './FieldErrors.tsx';
import { Layout } from './Layout.tsx';
import { choose, deepestCode, pickerLevels, RegionPicker, regionOptions } from './RegionPicker.tsx';

const supervisor = meOf('SUPERVISOR');
const as = renderAs;

describe('errorText', () => {
  it("shows the server's message of an API error and the generic text for anything else", () => {
    expect(errorText(new ApiError(409, 'PERIOD_OPEN', 'Masih ada periode yang terbuka.'))).toBe('Masih ada periode yang terbuka.');
    expect(errorText(new TypeError('x is undefined'))).toBe(translate('error.generic', undefined, 'id'));
    expect(errorText('boom', (k) => translate(k, undefined, 'en'))).toBe(translate('error.generic', undefined, 'en'));
  });
});

describe('abilities', () => {
  it('answers from me.abilities, not from the role', () => {
    expect(can(supervisor, 'import:run')).toBe(true);
    expect(can(supervisor, 'users:manage')).toBe(false);
    expect(can({ abilities: [] }, 'import:run')).toBe(false);
    expect(can(null, 'registry:read')).toBe(false);
  });

  it('<Can> shows its children or the fallback', () => {
    const el = (verb: Verb) => createElement(Can, { verb, fallback: 'tidak boleh' }, 'boleh');
    expect(as(supervisor, el('import:run'))).toBe('boleh');
    expect(as(supervisor, el('periods:manage'))).toBe('tidak boleh');
  });

  it('the navigation follows the abilities: a supervisor without import:run sees no Import Data', () => {
    const full = as(supervisor, createElement(Layout, null, 'x'));
    expect(full).toContain('<a href="/import">Import Data</a>');
    expect(full).toContain('>Download Aplikasi Offline</a>');
    const reduced = as({ ...supervisor, abilities: ['registry:read'] }, createElement(Layout, null, 'x'));
    expect(reduced).not.toContain('href="/import"');
    expect(reduced).not.toContain('href="/mou"');
    expect(reduced).toContain('<a href="/data-kesos">View Data Kesos</a>');
  });

  it('pages refuse a user without their verb whatever the role', () => {
    const pusdatin = meOf('PUSDATIN');
    expect(as(pusdatin, createElement(PeriodsPage))).not.toContain('hanya untuk Pusdatin');
    expect(as({ ...pusdatin, abilities: [] }, createElement(PeriodsPage))).toContain('hanya untuk Pusdatin');
    expect(as({ ...pusdatin, abilities: [] }, createElement(DocumentsAdminPage))).toContain('hanya untuk Pusdatin');
  });
});

describe('startLoad (behind useData)', () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('reports the value, or the error text of a failure', async () => {
    const got: unknown[] = [];
    startLoad(
      async () => 42,
      (v) => got.push(v),
      (e) => got.push(`error: ${e}`),
    );
    startLoad(
      async () => {
        throw new ApiError(404, 'NOT_FOUND', 'Data tidak ditemukan');
      },
      (v) => got.push(v),
      (e) => got.push(`error: ${e}`),
    );
    await tick();
    expect(got).toEqual([42, 'error: Data tidak ditemukan']);
  });

  it('aborts the request when cancelled and drops its late answer', async () => {
    let signal: AbortSignal | undefined;
    let resolve: (v: string) => void = () => {};
    const got: string[] = [];
    const cancel = startLoad(
      (s) => {
        signal = s;
        return new Promise<string>((r) => {
          resolve = r;
        });
      },
      (v) => got.push(v),
      (e) => got.push(`error: ${e}`),
    );
    expect(signal?.aborted).toBe(false);
    cancel();
    expect(signal?.aborted).toBe(true);
    resolve('late');
    await tick();
    expect(got).toEqual([]);
  });

  it('ignores the AbortError of a superseded request', async () => {
    const got: string[] = [];
    startLoad(
      async () => {
        throw new DOMException('aborted', 'AbortError');
      },
      () => got.push('data'),
      (e) => got.push(e),
    );
    await tick();
    expect(got).toEqual([]);
  });
});

describe('RegionPicker', () => {
  it('knows the levels below a root and clears the levels below a choice', () => {
    expect(pickerLevels('', 'kabkota')).toEqual(['provinsi', 'kabkota']);
    expect(pickerLevels('3174', 'desa')).toEqual(['kecamatan', 'desa']);
    expect(pickerLevels('317401', 'desa')).toEqual(['desa']);
    const path = { provinsi: '31', kabkota: '3174', kecamatan: '317401', desa: '3174011001' };
    expect(choose(path, 'kabkota', '3171')).toEqual({ provinsi: '31', kabkota: '3171' });
    expect(choose(path, 'kecamatan', '')).toEqual({ provinsi: '31', kabkota: '3174' });
    expect(deepestCode({ provinsi: '31', kabkota: '3174' })).toBe('3174');
    expect(deepestCode({})).toBe('');
    expect(regionOptions(null, '317401', 'kecamatan')).toEqual([{ code: '317401', name: '317401', level: 'kecamatan' }]);
  });

  it('renders one labelled select per level; a filter bar shows the unchosen level disabled', () => {
    const props = {
      root: '3174',
      to: 'desa' as const,
      value: {},
      onChange: () => {},
      idPrefix: 'filter',
      emptyLabels: { kecamatan: 'Semua kecamatan', desa: 'Semua desa/kelurahan' },
    };
    const bar = renderToStaticMarkup(createElement(RegionPicker, { ...props, showUnchosen: true }));
    expect(bar).toContain('<label for="filter-kecamatan">Kecamatan</label>');
    expect(bar).toContain('<label for="filter-desa">Desa/Kelurahan</label>');
    expect(bar).toMatch(/<select id="filter-desa" disabled="">/);
    const form = renderToStaticMarkup(createElement(RegionPicker, props));
    expect(form).toContain('filter-kecamatan');
    expect(form).not.toContain('filter-desa');
  });

  it('offers given root items without loading them', () => {
    const html = renderToStaticMarkup(
      createElement(RegionPicker, {
        root: '317401',
        rootItems: [{ code: '3174011001', name: 'TEBET BARAT', level: 'desa' }],
        to: 'desa',
        value: { desa: '3174011001' },
        onChange: () => {},
        idPrefix: 'x',
      }),
    );
    expect(html).toContain('<option value="3174011001" selected="">TEBET BARAT</option>');
  });
});

describe('DataTable', () => {
  type Row = { id: number; name: string; n: number };
  const columns: Column<Row>[] = [
    { key: 'name', header: 'Nama', cell: (r) => r.name, rowHeader: true, sortKey: 'name' },
    { key: 'n', header: 'Jumlah', cell: (r) => r.n, num: true },
  ];
  const base = { caption: 'Daftar uji', idPrefix: 'uji', columns, rowKey: (r: Row) => r.id, empty: 'Belum ada data.' };

  it('has a caption, column and row headers, numbers right-aligned, and the actions slot', () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<Row>, {
        ...base,
        rows: [{ id: 1, name: 'A', n: 3 }],
        actions: createElement('button', { type: 'button' }, 'Export Excel'),
      }),
    );
    expectToShow(
      html,
      '<caption id="uji-caption">Daftar uji</caption>',
      'role="region" aria-labelledby="uji-caption"',
      '<th scope="col" class="num">Jumlah</th>',
      '<th scope="row">A</th><td class="num">3</td>',
      '<div class="table-actions"><button type="button">Export Excel</button></div>',
    );
  });

  it('shows loading, error with retry, and the empty state instead of a table', () => {
    expect(renderToStaticMarkup(createElement(DataTable<Row>, { ...base, rows: null }))).toContain('Memuat…');
    const failed = renderToStaticMarkup(createElement(DataTable<Row>, { ...base, rows: null, error: 'Server mati', onRetry: () => {} }));
    expect(failed).toContain('role="alert"');
    expect(failed).toContain('Coba lagi');
    expect(failed).not.toContain('Memuat…');
    const none = renderToStaticMarkup(createElement(DataTable<Row>, { ...base, rows: [] }));
    expect(none).toContain('Belum ada data.');
    expect(none).not.toContain('<table');
  });

  it('marks the sorted column and pages through the server', () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<Row>, {
        ...base,
        rows: [{ id: 1, name: 'A', n: 3 }],
        sort: { key: 'name', dir: 'asc', onSort: () => {} },
        paging: { page: 3, pageSize: 10, total: 45, onPage: () => {} },
      }),
    );
    expectToShow(html, 'aria-sort="ascending"', 'urutkan turun', 'Menampilkan 21–30 dari 45', 'Halaman 3 dari 5');
  });

  it('gives a row the class its data asks for (a highlighted conflict)', () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<Row>, {
        ...base,
        rows: [
          { id: 1, name: 'A', n: 3 },
          { id: 2, name: 'B', n: 0 },
        ],
        rowClassName: (r) => (r.n === 0 ? 'row-conflict' : undefined),
      }),
    );
    expect(html).toContain('<tr><th scope="row">A</th>');
    expect(html).toContain('<tr class="row-conflict"><th scope="row">B</th>');
  });
});

describe('ConfirmDialog', () => {
  it('names itself by its title, describes by its message, and carries extra content', () => {
    const html = renderToStaticMarkup(
      createElement(
        ConfirmDialog,
        {
          open: true,
          title: 'Hapus dokumen',
          message: 'Dokumen yang dihapus tidak dapat dikembalikan.',
          confirmLabel: 'Hapus',
          danger: true,
          confirmDisabled: true,
          onConfirm: () => {},
          onCancel: () => {},
        },
        createElement('p', null, 'Tambahan'),
      ),
    );
    expect(html).toMatch(/<dialog class="dialog" aria-labelledby="([^"]+)" aria-describedby="[^"]+"><h2 id="\1">Hapus dokumen<\/h2>/);
    expectToShow(html, '<p>Tambahan</p>', '>Batal</button>', '<button type="button" class="btn btn-danger" disabled="">Hapus</button>');
  });
});

describe('fieldErrors', () => {
  it('links a field to its hint and its error, and renders the error under it', () => {
    const f = fieldErrors<'code' | 'name'>('p', { code: 'Kode periode wajib diisi.' });
    expect(f.describedBy('code', 'p-code-hint')).toBe('p-code-hint p-code-error');
    expect(f.describedBy('name')).toBeUndefined();
    expect(f.describedBy('name', 'p-name-hint')).toBe('p-name-hint');
    expect(renderToStaticMarkup(createElement('div', null, f.error('code')))).toBe(
      '<div><small id="p-code-error" class="field-error">Kode periode wajib diisi.</small></div>',
    );
    expect(f.error('name')).toBeNull();
  });
});

describe('Fact', () => {
  it('keeps a label and its value together, wide or with the value in another language', () => {
    expect(renderToStaticMarkup(createElement(Fact, { label: 'Status' }, 'Aktif'))).toBe('<div><dt>Status</dt><dd>Aktif</dd></div>');
    expect(renderToStaticMarkup(createElement(Fact, { label: 'Catatan', wide: true, className: 'prewrap', lang: 'id' }, 'Baris'))).toBe(
      '<div class="wide"><dt>Catatan</dt><dd class="prewrap" lang="id">Baris</dd></div>',
    );
  });
});

describe('TextAreaField', () => {
  it('labels the field and describes it by its hint and, when there is one, its error', () => {
    const field = (error: string | null) =>
      renderToStaticMarkup(
        createElement(TextAreaField, { id: 'alasan', label: 'Alasan', value: '', onChange: () => {}, hint: 'Dibaca operator.', error }),
      );
    const clean = field(null);
    expect(clean).toContain('<label for="alasan">Alasan</label>');
    expect(clean).toContain('aria-describedby="alasan-hint"');
    expect(clean).not.toContain('aria-invalid="true"');
    expect(clean).not.toContain('field-error');
    const wrong = field('Alasan wajib diisi.');
    expectToShow(
      wrong,
      'aria-invalid="true" aria-describedby="alasan-hint alasan-error"',
      '<textarea id="alasan"',
      '<small id="alasan-error" class="field-error">Alasan wajib diisi.</small>',
    );
  });
});

describe('SelectField', () => {
  it('labels the select, offers the empty choice first and keeps a chosen value it does not list', () => {
    const options = withChosen([{ value: 'a', label: 'Satu' }], 'zz');
    const html = renderToStaticMarkup(
      createElement(SelectField, { id: 'f-op', label: 'Operator', value: 'zz', onChange: () => {}, options, emptyLabel: 'Semua operator' }),
    );
    expect(html).toContain('<label for="f-op">Operator</label>');
    expect(html).toMatch(
      /<option value="">Semua operator<\/option><option value="zz" selected="">zz<\/option><option value="a">Satu<\/option>/,
    );
    expect(withChosen(options, 'a')).toHaveLength(2);
  });
});
