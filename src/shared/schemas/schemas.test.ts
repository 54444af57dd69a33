import { describe, expect, it } from 'vitest';
import { householdFields, memberFields } from '../dictionary/index.ts';
import { validHousehold } from '../rules/test-fixtures.ts';
import { householdFieldTypes, householdSchema, isNonNullInRecord, memberFieldTypes, memberSchema } from './index.ts';

describe('static field table', () => {
  // The compile-time types come from this table: it must say exactly what the dictionary says.
  it('mirrors the dictionary, field by field and in order', () => {
    const table = (fields: typeof householdFields) => fields.map((f) => [f.name, [f.type, isNonNullInRecord(f)]]);
    expect(Object.entries(householdFieldTypes)).toEqual(table(householdFields));
    expect(Object.entries(memberFieldTypes)).toEqual(table(memberFields));
  });
});

describe('householdSchema', () => {
  it('accepts the fixture and has a key for every dictionary field', () => {
    const { household } = validHousehold();
    expect(householdSchema.parse(household)).toEqual(household);
    expect(Object.keys(householdSchema.shape).sort()).toEqual([...householdFields.map((f) => f.name), 'version', 'status'].sort());
  });

  it('wants null, not absence, for a missing optional value', () => {
    const h: Record<string, unknown> = validHousehold().household;
    h.nama_sls = null;
    expect(householdSchema.safeParse(h).success).toBe(true);
    delete h.nama_sls;
    expect(householdSchema.safeParse(h).success).toBe(false);
  });

  it.each([
    ['lantai', 11], // code list
    ['lantai', '6'], // digit string where the dictionary says code
    ['luas_lantai', 0], // range
    ['jumlah_kamar', 1.5], // integer
    ['alamat', 'x'.repeat(201)], // maxLength
    ['alamat', '   '], // required text left blank
    ['alamat', null], // required
    ['kode_wilayah', '31.74.01.1001'], // region code without dots
    ['idbdt', '317401100100012'], // pattern
    ['ada_tv', 1], // boolean
    ['status', 'HAPUS'],
    ['version', 0],
  ])('rejects %s = %j', (field, value) => {
    const h: Record<string, unknown> = { ...validHousehold().household, [field]: value };
    expect(householdSchema.safeParse(h).success).toBe(false);
  });

  it('rejects keys outside the dictionary', () => {
    expect(householdSchema.safeParse({ ...validHousehold().household, desil: 2 }).success).toBe(false);
  });
});

describe('memberSchema', () => {
  it('accepts the fixture members', () => {
    for (const m of validHousehold().members) expect(memberSchema.parse(m)).toEqual(m);
  });

  it.each([
    ['nik', 3174011705800001],
    ['nik', '317401170580001'],
    ['tanggal_lahir', '1980-02-30'],
    ['tanggal_lahir', '17-05-1980'],
    ['idbdt', null],
    ['sta_hamil', 'ya'],
  ])('rejects %s = %j', (field, value) => {
    const m: Record<string, unknown> = { ...validHousehold().members[0], [field]: value };
    expect(memberSchema.safeParse(m).success).toBe(false);
  });
});
