import { describe, expect, it } from 'vitest';
import { fieldDef } from '../../shared/dictionary/index.ts';
import { assignedText, describePath } from './feedback-text.ts';
import type { Decision } from './model.ts';
import type { PerbaikanJson, UsulanBaruJson } from './proposals.ts';

const IDBDT = '3174011001000123';
const perbaikan: PerbaikanJson = {
  proposalId: '11111111-1111-4111-8111-111111111111',
  type: 'PERBAIKAN',
  idbdt: IDBDT,
  baseVersion: 1,
  verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2026-11-20', musdesAt: null, note: '' },
  household: { lantai: 2, luas_lantai: 40.5 },
  members: [
    { op: 'update', idartbdt: `${IDBDT}02`, baseVersion: 1, fields: { sta_kawin: 3 } },
    { op: 'add', tempId: 'a1', fields: { nama: 'Putri Lestari', nik: '3174014101190009' } },
  ],
  media: [],
  createdAt: '2026-11-20T10:00:00+07:00',
};
const names = (id: string) => (id === `${IDBDT}02` ? 'Sri Wahyuni' : undefined);

describe('feedback in words', () => {
  it('names fields by their dictionary label with the value proposed, members by name, the verval by its form label', () => {
    expect(describePath('household.lantai', perbaikan, names, 'id')).toEqual({
      label: 'Jenis lantai terluas',
      def: fieldDef('household', 'lantai'),
      value: 2,
    });
    expect(describePath('household.luas_lantai', perbaikan, names, 'id').label).toBe('Luas lantai (m²)');
    expect(describePath('members[0]', perbaikan, names, 'id').label).toBe('Anggota Sri Wahyuni');
    expect(describePath('members[0]', perbaikan, names, 'en').label).toBe('Member Sri Wahyuni');
    expect(describePath('members[0].fields.sta_kawin', perbaikan, names, 'id')).toMatchObject({
      label: 'Anggota Sri Wahyuni: Status perkawinan',
      value: 3,
    });
    expect(describePath('members[1].fields.nik', perbaikan, names, 'id').label).toBe('Anggota Putri Lestari: NIK');
    expect(describePath('verval', perbaikan, names, 'id').label).toBe('Hasil verval');
    expect(describePath('verval.visitedAt', perbaikan, names, 'id').label).toBe('Tanggal kunjungan');
    // A member whose name neither the proposal nor the release gives keeps its id; an unknown path stays as it is.
    expect(describePath('members[0]', perbaikan, () => undefined, 'id').label).toBe(`Anggota ${IDBDT}02`);
    expect(describePath('replacementIdbdt', perbaikan, names, 'id').label).toBe('replacementIdbdt');
  });

  it('shows the ids assigned to a new household and its members beside their names', () => {
    const usulan: UsulanBaruJson = {
      proposalId: '22222222-2222-4222-8222-222222222222',
      type: 'USULAN_BARU',
      household: { kode_wilayah: '3174011001' },
      members: [
        { op: 'add', tempId: 'a1', fields: { nama: 'Sutrisno Wibowo' } },
        { op: 'add', tempId: 'a2', fields: { nama: 'Wati' } },
      ],
      media: [],
      createdAt: '2026-11-20T10:00:00+07:00',
    };
    const d = {
      decision: 'DISETUJUI',
      assigned: { idbdt: '3174011001000777', members: { a1: '317401100100077701', a2: '317401100100077702' } },
    } as unknown as Decision;
    expect(assignedText(d, usulan, 'Sutrisno Wibowo', 'id')).toEqual([
      { name: 'Sutrisno Wibowo', kind: 'idbdt', id: '3174011001000777' },
      { name: 'Sutrisno Wibowo', kind: 'idartbdt', id: '317401100100077701' },
      { name: 'Wati', kind: 'idartbdt', id: '317401100100077702' },
    ]);
  });
});
