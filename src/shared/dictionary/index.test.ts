import { describe, expect, it } from 'vitest';
import {
  PRESENT_MEMBER_CODES,
  codeLabel,
  dictionary,
  editableFields,
  fieldDef,
  formatRegionCode,
  householdFields,
  memberFields,
  regionLevel,
  requiredFields,
  ruleDefs,
  vervalResults,
} from './index.ts';

describe('dictionary', () => {
  it('exposes both entities in dictionary order', () => {
    expect(dictionary.version).toBe(1);
    expect(householdFields[0]?.name).toBe('idbdt');
    expect(memberFields[0]?.name).toBe('idartbdt');
    expect(householdFields.length + memberFields.length).toBe(dictionary.entities.household.length + dictionary.entities.member.length);
  });

  it('finds fields by name and never through the prototype', () => {
    expect(fieldDef('household', 'lantai')?.label).toBe('Jenis lantai terluas');
    expect(fieldDef('member', 'lantai')).toBeUndefined();
    expect(fieldDef('household', 'constructor')).toBeUndefined();
  });

  it('labels codes and answers undefined for unknown ones', () => {
    expect(codeLabel('household', 'lantai', 9)).toBe('Tanah');
    expect(codeLabel('household', 'lantai', '2')).toBe('Keramik');
    expect(codeLabel('household', 'lantai', 11)).toBeUndefined();
    expect(codeLabel('household', 'alamat', 1)).toBeUndefined();
    expect(codeLabel('member', 'jenis_cacat', 0)).toBe('Tidak cacat');
    expect(codeLabel('household', 'lantai', 'toString')).toBeUndefined();
  });

  it('lists verval results by code', () => {
    expect(vervalResults[1]).toEqual(expect.objectContaining({ code: 1, key: 'DITEMUKAN' }));
    expect(vervalResults[6]?.key).toBe('GANDA');
    expect(vervalResults[7]).toBeUndefined();
  });

  it('lists editable fields: neither readOnly nor derived', () => {
    const household = editableFields('household').map((f) => f.name);
    expect(household).toContain('kode_wilayah');
    expect(household).toContain('lantai');
    for (const name of ['idbdt', 'nama_krt', 'jumlah_art', 'jumlah_keluarga', 'persentil']) expect(household).not.toContain(name);
    const member = editableFields('member').map((f) => f.name);
    for (const name of ['idartbdt', 'ada_kks', 'ada_pbi', 'ada_kip', 'ada_pkh']) expect(member).not.toContain(name);
    expect(member).toContain('nik');
  });

  it('lists required fields', () => {
    const names = requiredFields('member').map((f) => f.name);
    expect(names).toContain('nik');
    expect(names).not.toContain('ada_akta_nikah');
    expect(requiredFields('household').every((f) => f.required === true)).toBe(true);
  });

  it('knows which members are present and the rules', () => {
    expect(PRESENT_MEMBER_CODES).toEqual([1, 4]);
    expect(ruleDefs.get('R4')?.level).toBe('warning');
    expect(ruleDefs.get('R1')?.level).toBe('error');
  });

  it('formats region codes with dots and tells their level', () => {
    // Code, as written, level; a code of no level's length stays as it is.
    const cases = [
      ['31', '31', 'provinsi'],
      ['3174', '31.74', 'kabkota'],
      ['317401', '31.74.01', 'kecamatan'],
      ['3174011001', '31.74.01.1001', 'desa'],
      ['31740110', '31740110', undefined],
    ] as const;
    for (const [code, dotted, level] of cases) {
      expect(formatRegionCode(code)).toBe(dotted);
      expect(regionLevel(code)).toBe(level);
    }
    expect(regionLevel('31.74')).toBeUndefined();
  });
});
