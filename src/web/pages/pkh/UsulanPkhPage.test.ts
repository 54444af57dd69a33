// Rendering tests of Usulan PKH (F11b), without a DOM: static markup of the page per role and of
// its tables from API-shaped data.
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { PkhCandidate, PkhNomination } from '../../api/pkh.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { expectToShow, meOf, renderAs } from '../../test-support.ts';
import { candidateQuery, NO_CANDIDATE_FILTER, useCandidateColumns } from './CandidatesPanel.tsx';
import { decisionsOf, useNominationColumns } from './NominationsPanel.tsx';
import { ComponentBadges } from './pieces.tsx';
import { UsulanPkhPage } from './UsulanPkhPage.tsx';

const NONE = { ibu_hamil: 0, anak_usia_dini: 0, anak_sekolah: 0, lansia: 0, disabilitas_berat: 0 };

const candidate = (idbdt: string, over: Partial<PkhCandidate> = {}): PkhCandidate => ({
  idbdt,
  kode_wilayah: '3174010001',
  nama_desa: 'TEBET TIMUR',
  nama_kecamatan: 'TEBET',
  nama_krt: 'Siti Aminah',
  jumlah_art: 4,
  persentil: 7,
  components: { ...NONE, anak_sekolah: 2, lansia: 1 },
  nomination: null,
  ...over,
});

const nomination = (id: number, status: PkhNomination['status']): PkhNomination => ({
  id,
  kab_kota: '3174',
  idbdt: `317401000100000${id}`,
  kode_wilayah: '3174010001',
  nama_desa: 'TEBET TIMUR',
  nama_krt: 'Budi Santoso',
  persentil: 12,
  status,
  components: { ...NONE, ibu_hamil: 1 },
  nominated_at: '2026-12-01T03:00:00Z',
  nominated_by: '3174_supervisor',
  decided_at: status === 'DIUSULKAN' ? null : '2026-12-02T03:00:00Z',
  decided_by: status === 'DIUSULKAN' ? null : 'pusdatin',
  decision_reason: status === 'DITOLAK' ? 'Tidak memenuhi syarat' : null,
});

function CandidateTable({ canSelect, rows }: { canSelect: boolean; rows: PkhCandidate[] }) {
  const columns = useCandidateColumns({ enabled: canSelect, selected: new Set([rows[0]!.idbdt]), toggle: () => {} });
  return createElement(DataTable<PkhCandidate>, { caption: 'Calon', columns, rows, rowKey: (c) => c.idbdt, empty: 'kosong' });
}

function NominationTable({ decide, rows }: { decide: boolean; rows: PkhNomination[] }) {
  const columns = useNominationColumns(decide ? () => {} : null);
  return createElement(DataTable<PkhNomination>, { caption: 'Usulan', columns, rows, rowKey: (n) => n.id, empty: 'kosong' });
}

const count = (html: string, text: string) => html.split(text).length - 1;

describe('Usulan PKH page', () => {
  it('shows the supervisor the candidates with the component filter, and both tabs', () => {
    const html = renderAs(meOf('SUPERVISOR'), createElement(UsulanPkhPage));
    expectToShow(
      html,
      '<h1>Usulan PKH</h1>',
      'Calon Penerima',
      'Daftar Usulan',
      'Semua komponen',
      'Disabilitas berat',
      'Hanya yang belum diusulkan',
      'Usulkan (0)',
    );
  });

  it('shows Pusdatin and the province only the nomination list with its export; refuses the operator', () => {
    for (const role of ['PUSDATIN', 'PROVINSI'] as const) {
      const html = renderAs(meOf(role), createElement(UsulanPkhPage));
      expect(html).not.toContain('Calon Penerima');
      expectToShow(html, 'Daftar Usulan', 'Export Excel', 'Semua status');
    }
    const operator = renderAs(meOf('OPERATOR'), createElement(UsulanPkhPage));
    expect(operator).toContain('hanya untuk pengguna yang dapat melihat daftar program');
    expect(operator).not.toContain('Export Excel');
  });

  it('shows a badge per component the household has, with the count when more than one', () => {
    const html = renderAs(meOf('SUPERVISOR'), createElement(ComponentBadges, { components: { ...NONE, anak_sekolah: 2, lansia: 1 } }));
    expectToShow(html, 'badge-pkh-anak_sekolah', 'Anak sekolah (6–21 th) ×2', 'Lansia (≥ 60 th)<');
    expect(html).not.toContain('Ibu hamil');
    expect(renderAs(meOf('SUPERVISOR'), createElement(ComponentBadges, { components: NONE }))).toBe('–');
  });

  it('lets the supervisor select only households without an open nomination', () => {
    const rows = [candidate('3174010001000001'), candidate('3174010001000002', { nomination: { id: 9, status: 'DIUSULKAN' } })];
    const html = renderAs(meOf('SUPERVISOR'), createElement(CandidateTable, { canSelect: true, rows }));
    expect(count(html, 'type="checkbox"')).toBe(2);
    expect(count(html, 'disabled=""')).toBe(1);
    expectToShow(html, 'checked=""', 'Belum diusulkan', 'Diusulkan', 'Siti Aminah');
    const readOnly = renderAs(meOf('PROVINSI'), createElement(CandidateTable, { canSelect: false, rows }));
    expect(readOnly).not.toContain('type="checkbox"');
  });

  it('offers Pusdatin the decisions each status allows', () => {
    expect(decisionsOf('DIUSULKAN')).toEqual(['DITERIMA', 'DITOLAK']);
    expect(decisionsOf('DITERIMA')).toEqual(['DITOLAK']);
    expect(decisionsOf('DITOLAK')).toEqual([]);
    const rows = [nomination(1, 'DIUSULKAN'), nomination(2, 'DITERIMA'), nomination(3, 'DITOLAK')];
    const html = renderAs(meOf('PUSDATIN'), createElement(NominationTable, { decide: true, rows }));
    expect(count(html, '>Terima</button>')).toBe(1);
    expect(count(html, '>Tolak</button>')).toBe(2);
    expectToShow(html, 'Tidak memenuhi syarat', 'oleh 3174_supervisor', 'oleh pusdatin');
    const supervisor = renderAs(meOf('SUPERVISOR'), createElement(NominationTable, { decide: false, rows }));
    expect(supervisor).not.toContain('</button>');
  });

  it('builds the candidates query without empty filters', () => {
    expect(candidateQuery('3174', NO_CANDIDATE_FILTER)).toEqual({
      kab: '3174',
      kecamatan: undefined,
      desa: undefined,
      component: undefined,
      desil: undefined,
      unnominated: 'true',
      page: 1,
    });
    expect(candidateQuery('3174', { ...NO_CANDIDATE_FILTER, component: 'lansia', desil: '2', unnominated: false, page: 3 })).toMatchObject({
      component: 'lansia',
      desil: 2,
      unnominated: undefined,
      page: 3,
    });
  });
});
