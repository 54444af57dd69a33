// The pieces added with the account and household pages: TextField (and TextAreaField over it),
// NotFoundPage's own texts, the region name lookup's parent code, DataTable's own count line.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { derivesUsername, newUserProblems } from '../accounts.ts';
import { parentCode } from '../lib/useRegionChildren.ts';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { DataTable, type DataTableProps } from './DataTable.tsx';
import { TextAreaField } from './TextAreaField.tsx';
import { TextField } from './TextField.tsx';

const noop = () => {};

describe('TextField', () => {
  it('ties the label, the hint and the error to the input', () => {
    const html = renderToStaticMarkup(
      createElement(TextField, { id: 'hp', label: 'Nomor HP', value: '08', onChange: noop, type: 'tel', hint: 'Mulai 08', error: 'Salah' }),
    );
    expect(html).toContain('<label for="hp">Nomor HP</label>');
    expect(html).toMatch(/<input id="hp" aria-invalid="true" aria-describedby="hp-hint hp-error"[^>]*type="tel"/);
    expect(html).toContain('<small id="hp-error" class="field-error">Salah</small>');
  });

  it('has no describedby without hint and error; a User ID is typed verbatim', () => {
    const html = renderToStaticMarkup(createElement(TextField, { id: 'u', label: 'User ID', value: '', onChange: noop, verbatim: true }));
    expect(html).not.toContain('aria-describedby');
    expect(html).toContain('aria-invalid="false"');
    expect(html).toContain('autoCapitalize="none"');
    expect(html).toContain('spellCheck="false"');
  });

  it('is a textarea with rows (TextAreaField: 3 rows, 1000 characters)', () => {
    const html = renderToStaticMarkup(createElement(TextAreaField, { id: 'alasan', label: 'Alasan', value: 'x', onChange: noop }));
    expect(html).toMatch(/<textarea id="alasan"[^>]*maxLength="1000"[^>]*rows="3"/);
    expect(html).not.toContain('<input');
  });
});

describe('NotFoundPage', () => {
  it('says the page does not exist by default, or what the caller says, with its way back', () => {
    expect(renderToStaticMarkup(createElement(NotFoundPage))).toContain('<a href="/">Kembali ke halaman awal</a>');
    const own = renderToStaticMarkup(
      createElement(NotFoundPage, {
        title: 'Data tidak ditemukan',
        text: 'Di luar wilayah.',
        back: { to: '/data-kesos', label: 'Kembali' },
      }),
    );
    expect(own).toContain('<h1>Data tidak ditemukan</h1>');
    expect(own).toContain('<a href="/data-kesos">Kembali</a>');
    expect(own).not.toContain('Halaman tidak ditemukan');
  });
});

describe('parentCode', () => {
  it('finds the region a code is listed under', () => {
    const cases: [code: string, parent: string | null][] = [
      ['31', ''],
      ['3174', '31'],
      ['317401', '3174'],
      ['3174011001', '317401'],
      ['31740', null],
      ['31x4', null],
      ['', null],
    ];
    for (const [code, parent] of cases) expect(parentCode(code), code).toBe(parent);
  });
});

type Row = { id: number };
/** A one-column table of `rows` with the given extra props. */
const table = (rows: Row[], extra: Partial<DataTableProps<Row>>) =>
  renderToStaticMarkup(
    createElement(DataTable<Row>, {
      caption: 'Uji',
      columns: [{ key: 'id', header: 'ID', cell: (r) => r.id }],
      rows,
      rowKey: (r) => r.id,
      empty: '-',
      ...extra,
    }),
  );

describe('DataTable', () => {
  it('puts an extra row (afterRow) right after its row', () => {
    const html = table([{ id: 1 }, { id: 2 }], {
      afterRow: (r) => createElement('tr', { className: 'details' }, createElement('td', null, `rincian ${r.id}`)),
    });
    expect(html).toContain('<tr><td>1</td></tr><tr class="details"><td>rincian 1</td></tr><tr><td>2</td></tr>');
  });

  it("says the count in the page's own words when given", () => {
    const html = table([{ id: 1 }], {
      paging: { page: 1, pageSize: 10, total: 12, onPage: noop },
      showing: (r) => `Menampilkan ${r.from} sampai ${r.to} dari ${r.total} entri`,
    });
    expect(html).toContain('Menampilkan 1 sampai 10 dari 12 entri');
  });
});

describe('a new account of a role', () => {
  it('may leave the User ID empty only as a district supervisor', () => {
    expect(derivesUsername('SUPERVISOR')).toBe(true);
    expect(derivesUsername('OPERATOR')).toBe(false);
    expect(derivesUsername('')).toBe(false);
    expect(newUserProblems({ role: 'SUPERVISOR', name: 'Dinsos', username: '', regions: ['3301'] })).toEqual({});
    expect(newUserProblems({ role: 'OPERATOR', name: 'Op', username: '', regions: ['330101'] }).username).toBe('users.error.username');
  });
});
