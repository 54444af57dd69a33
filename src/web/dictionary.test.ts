import { describe, expect, it } from 'vitest';
import { codeMeaning, fieldDef, formatFieldValue, groupedHouseholdFields, householdFields, householdGroup } from './dictionary.ts';

const texts = { yes: 'Ya', no: 'Tidak', empty: '–', locale: 'id-ID' };

describe('web dictionary', () => {
  it('shows code meanings from API numbers and history text', () => {
    const lantai = fieldDef('household', 'lantai')!;
    expect(formatFieldValue(lantai, 2, texts)).toBe('Keramik');
    expect(formatFieldValue(lantai, '2', texts)).toBe('Keramik');
    expect(formatFieldValue(lantai, 99, texts)).toBe('99');
    expect(codeMeaning(lantai, null)).toBeUndefined();
  });

  it('shows booleans as Ya/Tidak', () => {
    const tv = fieldDef('household', 'ada_tv')!;
    expect(formatFieldValue(tv, true, texts)).toBe('Ya');
    expect(formatFieldValue(tv, 'false', texts)).toBe('Tidak');
    expect(formatFieldValue(tv, null, texts)).toBe('–');
  });

  it('formats numbers, dates and regions', () => {
    expect(formatFieldValue(fieldDef('household', 'luas_lantai'), 1250.5, texts)).toBe('1.250,5');
    expect(formatFieldValue(fieldDef('member', 'tanggal_lahir'), '1985-07-17', texts)).toBe('17 Juli 1985');
    expect(formatFieldValue(fieldDef('household', 'kode_wilayah'), '3174011001', texts)).toBe('31.74.01.1001');
    expect(formatFieldValue(undefined, 'x', texts)).toBe('x');
  });

  it('puts every household field in exactly one group', () => {
    const grouped = groupedHouseholdFields().flatMap((g) => g.fields.map((f) => f.name));
    expect(grouped.sort()).toEqual(householdFields.map((f) => f.name).sort());
    expect(householdGroup(fieldDef('household', 'lantai')!)).toBe('perumahan');
    expect(householdGroup(fieldDef('household', 'ada_tv')!)).toBe('aset');
    expect(householdGroup(fieldDef('household', 'jumlah_sapi')!)).toBe('aset');
    expect(householdGroup(fieldDef('household', 'sta_pkh')!)).toBe('program');
    expect(householdGroup(fieldDef('household', 'alamat')!)).toBe('identitas');
    expect(householdGroup(fieldDef('household', 'persentil')!)).toBe('lainnya');
  });
});
