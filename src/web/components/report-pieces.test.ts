// The pieces of the report pages (static markup: effects do not run without a DOM): the table's
// footer rows, the download buttons, the figures and the period select.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from './DataTable.tsx';
import { DownloadButtons } from './DownloadButtons.tsx';
import { FigureList } from './FigureList.tsx';
import { PeriodSelect } from './PeriodSelect.tsx';
import { Tabs } from './Tabs.tsx';

describe('DataTable footer rows', () => {
  type Row = { name: string; n: number };
  const columns: Column<Row>[] = [
    { key: 'name', header: 'Nama', cell: (r) => r.name, rowHeader: true },
    { key: 'n', header: 'Jumlah', cell: (r) => r.n, num: true },
  ];
  const base = { caption: 'Uji', columns, rowKey: (r: Row) => r.name, empty: 'Kosong' };

  it('renders the totals with the same columns in the footer, with its class', () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<Row>, {
        ...base,
        rows: [{ name: 'A', n: 3 }],
        footRows: [{ name: 'JUMLAH', n: 3 }],
        footRowClassName: 'total',
      }),
    );
    expect(html).toContain('</tbody><tfoot><tr class="total"><th scope="row">JUMLAH</th><td class="num">3</td></tr></tfoot>');
  });

  it('has no footer without rows to total or without footer rows', () => {
    expect(renderToStaticMarkup(createElement(DataTable<Row>, { ...base, rows: [{ name: 'A', n: 3 }] }))).not.toContain('tfoot');
    const empty = renderToStaticMarkup(createElement(DataTable<Row>, { ...base, rows: [], footRows: [{ name: 'JUMLAH', n: 0 }] }));
    expect(empty).toContain('Kosong');
    expect(empty).not.toContain('JUMLAH');
  });
});

describe('DownloadButtons', () => {
  it('one button per download, the main one primary, all enabled before any runs', () => {
    const html = renderToStaticMarkup(
      createElement(DownloadButtons, {
        items: [
          { key: 'letter', label: 'Unduh Surat', primary: true, download: async () => {} },
          { key: 'csv', label: 'Unduh CSV', download: async () => {} },
        ],
      }),
    );
    expect(html).toBe(
      '<div class="fin-downloads"><button type="button" class="btn btn-primary">Unduh Surat</button>' +
        '<button type="button" class="btn btn-secondary">Unduh CSV</button></div>',
    );
  });
});

describe('FigureList', () => {
  it('labels each number, grouped in the locale, with the extra class', () => {
    const html = renderToStaticMarkup(
      createElement(FigureList, {
        label: 'Menurut status',
        figures: [
          { key: 'a', label: 'Jumlah', value: 12500, className: 'fin-figure-total' },
          { key: 'b', label: 'Menunggu', value: 3 },
        ],
      }),
    );
    expect(html).toContain('<dl class="fin-figure-list" aria-label="Menurut status">');
    expect(html).toContain('<div class="fin-figure fin-figure-total"><dt>Jumlah</dt><dd>12.500</dd></div>');
    expect(html).toContain('<div class="fin-figure"><dt>Menunggu</dt><dd>3</dd></div>');
  });
});

describe('PeriodSelect', () => {
  it('is labelled and offers the current period before the list has loaded', () => {
    const html = renderToStaticMarkup(createElement(PeriodSelect, { id: 'p', value: '', onChange: () => {} }));
    expect(html).toContain('<label for="p">Periode</label>');
    expect(html).toContain('<option value="" selected="">Periode berjalan</option>');
  });
});

describe('Tabs', () => {
  it('marks the selected tab, keeps only it in the tab order and names the panel', () => {
    const html = renderToStaticMarkup(
      createElement(Tabs<'a' | 'b'>, {
        label: 'Tingkat',
        idPrefix: 't',
        panelId: 'panel',
        selected: 'b',
        onSelect: () => {},
        tabs: [
          { key: 'a', label: 'Kecamatan' },
          { key: 'b', label: 'Desa' },
        ],
      }),
    );
    expect(html).toContain('<div class="tabs" role="tablist" aria-label="Tingkat">');
    expect(html).toContain(
      '<button type="button" role="tab" id="t-a" aria-selected="false" aria-controls="panel" tabindex="-1" class="tab">Kecamatan</button>',
    );
    expect(html).toContain(
      '<button type="button" role="tab" id="t-b" aria-selected="true" aria-controls="panel" tabindex="0" class="tab tab-selected">Desa</button>',
    );
  });
});
