import { describe, expect, it } from 'vitest';
import { checkFields } from './fields.ts';

const codes = (issues: { code: string; path: string }[]) => issues.map((i) => `${i.code} ${i.path}`);

describe('checkFields', () => {
  it('accepts valid proposed values and null (clearing)', () => {
    expect(
      checkFields('household', { lantai: 6, ada_tv: true, nomor_pln: null, luas_lantai: 36.5, alamat: 'Jl. Mawar 1' }, 'household'),
    ).toEqual([]);
    expect(
      checkFields(
        'member',
        { nik: '3174011705800001', no_kk: '3174012002150003', tanggal_lahir: '1980-05-17', nama: 'Budi' },
        'members[0].fields',
      ),
    ).toEqual([]);
  });

  it('UNKNOWN_FIELD: a name outside the dictionary (or of the other entity)', () => {
    expect(codes(checkFields('household', { warna_rumah: 1, nik: '3174011705800001' }, 'household'))).toEqual([
      'UNKNOWN_FIELD household.warna_rumah',
      'UNKNOWN_FIELD household.nik',
    ]);
    expect(codes(checkFields('member', { constructor: 1 }, 'members[1].fields'))).toEqual(['UNKNOWN_FIELD members[1].fields.constructor']);
  });

  it('READ_ONLY: readOnly and derived fields, and kode_wilayah unless allowed', () => {
    expect(
      codes(checkFields('household', { idbdt: '3174011001000123', jumlah_art: 3, persentil: 5, kode_wilayah: '3174011002' }, 'household')),
    ).toEqual([
      'READ_ONLY household.idbdt',
      'READ_ONLY household.jumlah_art',
      'READ_ONLY household.persentil',
      'READ_ONLY household.kode_wilayah',
    ]);
    expect(codes(checkFields('member', { ada_pbi: true, idartbdt: null }, 'members[0].fields'))).toEqual([
      'READ_ONLY members[0].fields.ada_pbi',
      'READ_ONLY members[0].fields.idartbdt',
    ]);
    expect(checkFields('household', { kode_wilayah: '3174011002' }, 'household', { allowKodeWilayah: true })).toEqual([]);
  });

  it('TYPE: the JSON type the dictionary prescribes', () => {
    expect(
      codes(checkFields('household', { lantai: '6', ada_tv: 'ya', jumlah_kamar: 2.5, luas_lantai: '36', alamat: 12 }, 'household')),
    ).toEqual([
      'TYPE household.lantai',
      'TYPE household.ada_tv',
      'TYPE household.jumlah_kamar',
      'TYPE household.luas_lantai',
      'TYPE household.alamat',
    ]);
    expect(codes(checkFields('member', { nik: 3174011705800001, tanggal_lahir: 19800517 }, 'm'))).toEqual([
      'TYPE m.nik',
      'TYPE m.tanggal_lahir',
    ]);
    expect(codes(checkFields('household', [] as unknown as Record<string, unknown>, 'household'))).toEqual(['TYPE household']);
  });

  it('CODE: a value outside the code list', () => {
    const [issue, ...rest] = checkFields('household', { lantai: 11 }, 'household');
    expect(rest).toEqual([]);
    expect(issue).toEqual({
      path: 'household.lantai',
      code: 'CODE',
      level: 'error',
      message: {
        id: 'Jenis lantai terluas: kode 11 tidak ada dalam daftar kode',
        en: 'Jenis lantai terluas: code 11 is not in the code list',
      },
    });
    expect(checkFields('member', { jenis_cacat: 0, hub_krt: 8 }, 'm')).toEqual([]);
    expect(codes(checkFields('member', { jenis_cacat: 13, hub_krt: 0 }, 'm'))).toEqual(['CODE m.jenis_cacat', 'CODE m.hub_krt']);
  });

  it('RANGE: min and max, inclusive', () => {
    expect(checkFields('household', { luas_lantai: 1, jumlah_sapi: 10000, lat: -11.5, lng: 141.5 }, 'h')).toEqual([]);
    const issues = checkFields('household', { luas_lantai: 0.5, jumlah_sapi: 10001, lat: 7 }, 'h');
    expect(codes(issues)).toEqual(['RANGE h.luas_lantai', 'RANGE h.jumlah_sapi', 'RANGE h.lat']);
    expect(issues[1]?.message.id).toBe('Jumlah ternak: Sapi: nilai 10.001 di luar batas 0 sampai 10.000');
    expect(issues[0]?.message.en).toBe('Luas lantai (m²): 0.5 is outside the range 1 to 10,000');
  });

  it('LENGTH: maxLength of text', () => {
    expect(checkFields('household', { alamat: 'a'.repeat(200) }, 'h')).toEqual([]);
    const issues = checkFields('household', { alamat: 'a'.repeat(201) }, 'h');
    expect(codes(issues)).toEqual(['LENGTH h.alamat']);
    expect(issues[0]?.message.id).toBe('Alamat: paling banyak 200 karakter (sekarang 201)');
  });

  it('PATTERN: digit strings of the right length', () => {
    expect(codes(checkFields('household', { kode_wilayah: '31.74.01.1001' }, 'h', { allowKodeWilayah: true }))).toEqual([
      'PATTERN h.kode_wilayah',
    ]);
    expect(codes(checkFields('household', { kode_wilayah: '317401' }, 'h', { allowKodeWilayah: true }))).toEqual([
      'PATTERN h.kode_wilayah',
    ]);
    expect(checkFields('household', { kode_wilayah: '3174011001' }, 'h', { allowKodeWilayah: true })).toEqual([]);
  });

  it('DATE: a real date written YYYY-MM-DD', () => {
    expect(checkFields('member', { tanggal_lahir: '2000-02-29' }, 'm')).toEqual([]);
    expect(codes(checkFields('member', { tanggal_lahir: '2001-02-29' }, 'm'))).toEqual(['DATE m.tanggal_lahir']);
    expect(codes(checkFields('member', { tanggal_lahir: '17-05-1980' }, 'm'))).toEqual(['DATE m.tanggal_lahir']);
  });

  it('R3: NIK and No KK structure is checked as the operator types', () => {
    const issues = checkFields('member', { nik: '3174013505800000', no_kk: '31740120021500' }, 'm');
    expect(codes(issues)).toEqual(['R3 m.nik', 'R3 m.no_kk']);
    expect(issues[0]?.message.id).toContain('NIK: digit ke-7 sampai ke-12');
    expect(issues[0]?.message.id).toContain('0000');
    expect(issues[1]?.message.id).toBe('Nomor KK: harus 16 digit angka');
  });
});
