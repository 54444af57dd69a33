import { describe, expect, it } from 'vitest';
import { FIXTURE_CHECK_DATE, validHousehold } from '../../shared/rules/test-fixtures.ts';
import { proposalViolations } from './format-check.ts';
import {
  type BaseRecord,
  type EditState,
  buildPerbaikan,
  buildUsulanBaru,
  changedFields,
  editStateFrom,
  mergedRecord,
  newMember,
  PERBAIKAN_HOUSEHOLD_FIELDS,
  sameContent,
} from './proposals.ts';
import { newborn, newHouseholdFromFixture, verval } from './test-fixtures.ts';

const ID = '0b7a4c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d';
const AT = '2019-02-11T10:00:00+07:00';

function base(): BaseRecord {
  const b = validHousehold();
  b.household.version = 3;
  b.members[1]!.version = 2;
  return b as unknown as BaseRecord;
}

function edited(b: BaseRecord, f: (e: EditState) => void): EditState {
  const e = editStateFrom(b);
  f(e);
  return e;
}

describe('PERBAIKAN from edits', () => {
  it('holds only the changed household fields, null to clear, never kode_wilayah or derived fields', () => {
    const b = base();
    const e = edited(b, (e) => {
      e.household.lantai = 7; // changed
      e.household.nomor_pln = ''; // cleared (blank text is null)
      e.household.alamat = ' Jl. Tebet Barat Dalam IV No. 12 '; // same after trimming
      e.household.luas_lantai = 36.5; // same
      e.household.kode_wilayah = '3174011002'; // not editable in a correction: ignored
    });
    const p = buildPerbaikan(b, e, verval(), { proposalId: ID, createdAt: AT });
    expect(p).toEqual({
      proposalId: ID,
      type: 'PERBAIKAN',
      idbdt: '3174011001000123',
      baseVersion: 3,
      verval: verval(),
      household: { lantai: 7, nomor_pln: null },
      members: [],
      media: [],
      createdAt: AT,
    });
    expect(Object.keys(p)).toEqual(['proposalId', 'type', 'idbdt', 'baseVersion', 'verval', 'household', 'members', 'media', 'createdAt']);
    expect(PERBAIKAN_HOUSEHOLD_FIELDS.map((f) => f.name)).not.toContain('kode_wilayah');
    expect(PERBAIKAN_HOUSEHOLD_FIELDS.map((f) => f.name)).not.toContain('nama_krt');
    expect(proposalViolations(p)).toEqual([]);
  });

  it('a value changed and changed back is no change', () => {
    const b = base();
    const e = edited(b, (e) => {
      e.household.lantai = 9;
      e.household.lantai = 6;
    });
    expect(buildPerbaikan(b, e, verval(), { proposalId: ID, createdAt: AT }).household).toEqual({});
  });

  it('member ops: update with the member baseVersion and changed fields; add with a tempId and every filled field', () => {
    const b = base();
    const e = edited(b, (e) => {
      e.members[1]!.fields.sta_keberadaan_art = 2; // Meninggal
      e.members[2]!.fields.nama_ibu_kandung = 'Sri Wahyuni';
      e.members.push(newMember(e.members, newborn('Putri Santoso')));
    });
    const p = buildPerbaikan(b, e, verval(), { proposalId: ID, createdAt: AT });
    expect(p.members).toEqual([
      { op: 'update', idartbdt: '317401100100012302', baseVersion: 2, fields: { sta_keberadaan_art: 2 } },
      { op: 'update', idartbdt: '317401100100012303', baseVersion: 1, fields: { nama_ibu_kandung: 'Sri Wahyuni' } },
      {
        op: 'add',
        tempId: 'a1',
        fields: { ...newborn('Putri Santoso'), sta_keberadaan_art: 4 },
      },
    ]);
    expect(proposalViolations(p)).toEqual([]);
    // The edit state rebuilt from the proposal gives the same proposal (drafts reopen as they were).
    const again = buildPerbaikan(b, editStateFrom(b, p), verval(), { proposalId: ID, createdAt: AT });
    expect(again).toEqual(p);
    expect(sameContent(again, { ...p, proposalId: 'x', createdAt: 'y' })).toBe(true);
  });

  it('a member whose fields are cleared gets nulls; read-only member fields never appear', () => {
    const b = base();
    const e = edited(b, (e) => {
      e.members[0]!.fields.tempat_lahir = null;
      (e.members[0]!.fields as Record<string, unknown>).ada_pbi = false; // not an editable field: not in the edit
    });
    const p = buildPerbaikan(b, e, verval(), { proposalId: ID, createdAt: AT });
    expect(p.members).toEqual([{ op: 'update', idartbdt: '317401100100012301', baseVersion: 1, fields: { tempat_lahir: null } }]);
  });

  it('verval: duplicateOf only with GANDA, mergeInto only with BAGIAN_RUTA_LAIN, blanks become null, note trimmed', () => {
    const b = base();
    const e = editStateFrom(b);
    const ganda = buildPerbaikan(
      b,
      e,
      verval({
        result: 6,
        duplicateOf: '3174011001000999',
        mergeInto: '3174011001000888',
        musdesAt: '',
        note: ' ganda dengan tetangga ',
      }),
      { proposalId: ID, createdAt: AT },
    );
    expect(ganda.verval).toEqual({
      result: 6,
      duplicateOf: '3174011001000999',
      mergeInto: null,
      visitedAt: FIXTURE_CHECK_DATE,
      musdesAt: null,
      note: 'ganda dengan tetangga',
    });
    const merge = buildPerbaikan(
      b,
      e,
      verval({ result: 4, duplicateOf: '3174011001000999', mergeInto: '3174011001000888', musdesAt: '2019-02-20' }),
      {
        proposalId: ID,
        createdAt: AT,
      },
    );
    expect(merge.verval).toEqual({
      result: 4,
      duplicateOf: null,
      mergeInto: '3174011001000888',
      visitedAt: FIXTURE_CHECK_DATE,
      musdesAt: '2019-02-20',
      note: '',
    });
    expect(proposalViolations(merge, { isAktif: (id) => id === '3174011001000888' })).toEqual([]);
    expect(proposalViolations(merge, { isAktif: () => false })).toEqual(['verval.mergeInto: not an AKTIF household of the district']);
  });

  it('the merged record recomputes the derived fields from the members', () => {
    const b = base();
    const e = edited(b, (e) => {
      e.members[2]!.fields.sta_keberadaan_art = 2;
    });
    const m = mergedRecord(b, e);
    expect(m.household.jumlah_art).toBe(2);
    expect(m.members[2]!.sta_keberadaan_art).toBe(2);
    expect(m.members[2]!.idartbdt).toBe('317401100100012303');
  });
});

describe('USULAN_BARU', () => {
  it('every filled household field with kode_wilayah, and add operations only', () => {
    const e = newHouseholdFromFixture();
    const p = buildUsulanBaru(e, { proposalId: ID, createdAt: AT });
    expect(p.type).toBe('USULAN_BARU');
    expect('idbdt' in p).toBe(false);
    expect('verval' in p).toBe(false);
    expect(p.household.kode_wilayah).toBe('3174011001');
    expect(p.household).not.toHaveProperty('idbdt');
    expect(p.household).not.toHaveProperty('persentil');
    expect(p.household).not.toHaveProperty('jumlah_art');
    expect(p.household).not.toHaveProperty('nomor_meter_air'); // null: left out
    expect(p.members.map((m) => [m.op, m.tempId])).toEqual([
      ['add', 'a1'],
      ['add', 'a2'],
      ['add', 'a3'],
    ]);
    expect(p.members[0]!.fields).not.toHaveProperty('idartbdt');
    expect(p.members[0]!.fields).not.toHaveProperty('ada_pbi');
    expect(proposalViolations(p, { scopeDesa: new Set(['3174011001']) })).toEqual([]);
    expect(proposalViolations(p, { scopeDesa: new Set(['3174011002']) })).toEqual(['household.kode_wilayah: not a desa of the scope']);
  });

  it('changedFields treats absent, null and blank alike', () => {
    expect(changedFields(PERBAIKAN_HOUSEHOLD_FIELDS, { nomor_pln: null }, { nomor_pln: '  ' })).toEqual({});
    expect(changedFields(PERBAIKAN_HOUSEHOLD_FIELDS, {}, { nomor_gas: '12' })).toEqual({ nomor_gas: '12' });
  });
});
