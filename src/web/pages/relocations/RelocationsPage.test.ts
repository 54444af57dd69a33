// Rendering tests of Pemindahan Rumah Tangga (F12), without a DOM: the page per role and the list
// columns of each direction from API-shaped data.
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { Relocation, RelocationDirection } from '../../api/relocations.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { expectToShow, meOf, renderAs } from '../../test-support.ts';
import { useRelocationColumns } from './RelocationList.tsx';
import { RelocationsPage } from './RelocationsPage.tsx';

const relocation = (id: number, status: Relocation['status'], kind: Relocation['kind'] = 'HANDOVER'): Relocation => ({
  id,
  kind,
  status,
  idbdt: `317401000100000${id}`,
  fromKab: '3174',
  fromKabName: 'KOTA ADM. JAKARTA SELATAN',
  fromKodeWilayah: '3174010001',
  fromDesaName: 'TEBET TIMUR',
  toKab: '3171',
  toKabName: 'KOTA ADM. JAKARTA PUSAT',
  toKodeWilayah: status === 'DITERIMA' ? '3171010001' : null,
  toDesaName: status === 'DITERIMA' ? 'GAMBIR' : null,
  reason: 'Pindah kerja',
  summary: { krtInitials: 'S*** A***', memberCount: 4, originDesa: 'TEBET TIMUR' },
  createdAt: '2026-12-01T03:00:00Z',
  createdBy: '3174_supervisor',
  decidedAt: null,
  decidedBy: null,
  decisionReason: status === 'DITOLAK' ? 'Alamat tidak ditemukan' : null,
});

function Table({ direction, act, rows }: { direction: RelocationDirection; act: boolean; rows: Relocation[] }) {
  const columns = useRelocationColumns(direction, act ? () => {} : null);
  return createElement(DataTable<Relocation>, { caption: 'Pemindahan', columns, rows, rowKey: (r) => r.id, empty: 'kosong' });
}

const count = (html: string, text: string) => html.split(text).length - 1;

describe('Pemindahan Rumah Tangga page', () => {
  it('gives the supervisor the move form and the three lists', () => {
    const html = renderAs(meOf('SUPERVISOR'), createElement(RelocationsPage));
    expectToShow(html, '<h1>Pemindahan Rumah Tangga</h1>', 'Pindahkan rumah tangga', 'Kabupaten/kota lain (serah terima)');
    for (const tab of ['Keluar', 'Masuk', 'Menunggu diterima']) expect(html).toContain(tab);
  });

  it('shows a province user the lists without the form', () => {
    const html = renderAs(meOf('PROVINSI'), createElement(RelocationsPage));
    expect(html).toContain('<h1>Pemindahan Rumah Tangga</h1>');
    expect(html).not.toContain('Pindahkan rumah tangga');
    expect(html).toContain('Menunggu diterima');
  });

  it('offers accept and decline on a waiting hand-over, with a summary and no link to the household', () => {
    const html = renderAs(meOf('SUPERVISOR'), createElement(Table, { direction: 'pending', act: true, rows: [relocation(1, 'MENUNGGU')] }));
    expectToShow(html, 'KRT S*** A***, 4 ART', 'Terima', 'Tolak');
    expect(html).not.toContain('/data-kesos/');
  });

  it('offers the origin a cancel only while its release waits', () => {
    const rows = [relocation(1, 'MENUNGGU'), relocation(2, 'DITOLAK'), relocation(3, 'SELESAI', 'WITHIN')];
    const html = renderAs(meOf('SUPERVISOR'), createElement(Table, { direction: 'out', act: true, rows }));
    expect(count(html, '>Batalkan<')).toBe(1);
    expect(html).toContain('Alamat tidak ditemukan');
    expect(count(html, 'href="/data-kesos/')).toBe(3);
    const readOnly = renderAs(meOf('PROVINSI'), createElement(Table, { direction: 'out', act: false, rows }));
    expect(readOnly).not.toContain('Batalkan');
  });
});
