import { describe, expect, it } from 'vitest';
import { makeNik } from '../nik.ts';
import { type RecordValidationOptions, validateHouseholdRecord } from './record.ts';
import { FIXTURE_CHECK_DATE, FIXTURE_DESA, type HouseholdRecord, validHousehold } from './test-fixtures.ts';
import type { Issue, ValidationResult } from './issues.ts';

type Loose = Record<string, unknown>;

/** The fixture with loosely typed parts, so tests can put wrong values in. */
function fixture(): { rec: HouseholdRecord; h: Loose; m: (i: number) => Loose } {
  const rec = validHousehold();
  return {
    rec,
    h: rec.household as Loose,
    m: (i) => {
      const member = rec.members[i];
      if (!member) throw new Error(`no member ${i}`);
      return member as Loose;
    },
  };
}

function validate(rec: HouseholdRecord, opts: Partial<RecordValidationOptions> = {}): ValidationResult {
  return validateHouseholdRecord(rec, { checkDate: FIXTURE_CHECK_DATE, ...opts });
}

const list = (issues: Issue[]) => issues.map((i) => `${i.code} ${i.path}`);
const errors = (r: ValidationResult) => list(r.errors);
const warnings = (r: ValidationResult) => list(r.warnings);

/** Gives member i a new birth date (and a matching NIK, so R4 stays quiet). */
function reborn(member: Loose, birthDate: string, sex: 1 | 2 = member.jenis_kelamin as 1 | 2): void {
  member.tanggal_lahir = birthDate;
  member.jenis_kelamin = sex;
  member.nik = makeNik({ regionPrefix6: '317401', birthDate, sex, serial: 77 });
}

/** A fourth member: an unmarried sibling of `child`, born on `birthDate`, who works. */
function addWorkingChild(rec: HouseholdRecord, child: Loose, birthDate: string): void {
  const worker = {
    ...child,
    idartbdt: '317401100100012304',
    sta_kawin: 1,
    ada_akta_nikah: null,
    sta_bekerja: true,
    lapangan_usaha: 12,
    status_pekerjaan: 8,
  };
  reborn(worker, birthDate);
  rec.members.push(worker as HouseholdRecord['members'][number]);
}

describe('the fixture', () => {
  it('is valid, without warnings, at the fixture date and years later', () => {
    for (const checkDate of [FIXTURE_CHECK_DATE, '2025-06-30']) {
      expect(validateHouseholdRecord(validHousehold(), { checkDate })).toEqual({ errors: [], warnings: [] });
    }
  });

  it('is valid as a new household in its desa', () => {
    const { rec, h, m } = fixture();
    delete h.idbdt;
    for (const i of [0, 1, 2]) delete m(i).idartbdt;
    expect(validate(rec, { isNew: true, allowedDesa: new Set([FIXTURE_DESA]) })).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a malformed check date', () => {
    expect(() => validateHouseholdRecord(validHousehold(), { checkDate: '11-02-2019' })).toThrow();
  });
});

describe('field codes on whole records', () => {
  it('REQUIRED: a required field null, absent or blank', () => {
    const { rec, h, m } = fixture();
    delete h.alamat;
    h.lantai = null;
    m(0).nik = null;
    m(2).nama = '  ';
    const r = validate(rec);
    expect(errors(r)).toEqual([
      'REQUIRED household.alamat',
      'REQUIRED household.lantai',
      'REQUIRED members[0].fields.nik',
      'REQUIRED members[2].fields.nama',
    ]);
    expect(r.errors[0]?.message).toEqual({ id: 'Alamat: wajib diisi', en: 'Alamat: is required' });
  });

  it('REQUIRED: optional fields and assigned ids may be null', () => {
    const { rec, h, m } = fixture();
    h.nama_sls = null;
    h.idbdt = null;
    m(0).idartbdt = null;
    m(0).tempat_lahir = null;
    expect(errors(validate(rec))).toEqual([]);
  });

  it('REQUIRED_WHEN: a condition that holds demands the field', () => {
    const { rec, h, m } = fixture();
    h.sta_lahan = null; // sta_bangunan = 1
    h.aset_tak_bergerak = true; // luas_atb now required
    m(0).ada_akta_nikah = null; // sta_kawin = 2
    m(0).lapangan_usaha = null; // sta_bekerja = true
    const r = validate(rec);
    expect(errors(r)).toEqual([
      'REQUIRED_WHEN household.sta_lahan',
      'REQUIRED_WHEN household.luas_atb',
      'REQUIRED_WHEN members[0].fields.ada_akta_nikah',
      'REQUIRED_WHEN members[0].fields.lapangan_usaha',
    ]);
    expect(r.errors[0]?.message.id).toBe(
      'Status lahan tempat tinggal: wajib diisi karena Status penguasaan bangunan tempat tinggal adalah "Milik sendiri"',
    );
  });

  it('REQUIRED_WHEN: accepted when the condition does not hold', () => {
    const { rec, h, m } = fixture();
    h.sta_bangunan = 2;
    h.sta_lahan = null;
    h.sumber_penerangan = 3;
    h.daya = null;
    m(2).partisipasi_sekolah = 0;
    m(2).pendidikan_tertinggi = null;
    m(2).kelas_tertinggi = null;
    expect(errors(validate(rec))).toEqual([]);
  });

  it('FORBIDDEN_WHEN: a condition that holds forbids the field', () => {
    const { rec, h, m } = fixture();
    h.sta_bangunan = 2; // sta_lahan = 1 is still there
    h.luas_atb = 100; // aset_tak_bergerak = false
    m(0).sta_hamil = false; // a man
    m(2).sta_bekerja = false;
    m(2).ada_akta_nikah = 1; // sta_kawin = 1
    const r = validate(rec);
    expect(errors(r)).toEqual([
      'FORBIDDEN_WHEN household.sta_lahan',
      'FORBIDDEN_WHEN household.luas_atb',
      'FORBIDDEN_WHEN members[0].fields.sta_hamil',
      'FORBIDDEN_WHEN members[2].fields.ada_akta_nikah',
    ]);
    expect(r.errors[2]?.message).toEqual({
      id: 'Sedang hamil: harus dikosongkan karena Jenis kelamin adalah "Laki-laki"',
      en: 'Sedang hamil: must be empty because Jenis kelamin is "Laki-laki"',
    });
  });

  it('FORBIDDEN_WHEN: accepted when the condition holds the other way', () => {
    const { rec, h, m } = fixture();
    h.aset_tak_bergerak = true;
    h.luas_atb = 250.5;
    m(1).sta_hamil = true;
    expect(errors(validate(rec))).toEqual([]);
  });

  it('a null condition field is reported once, without cascading', () => {
    const { rec, m } = fixture();
    m(0).sta_kawin = null; // ada_akta_nikah = 2 is neither required nor forbidden now
    expect(errors(validate(rec))).toEqual(['REQUIRED members[0].fields.sta_kawin']);
  });

  it('TYPE, CODE, RANGE, LENGTH, PATTERN, DATE (R2) inside a record', () => {
    const { rec, h, m } = fixture();
    h.ada_tv = 'ya';
    h.lantai = 11;
    h.jumlah_kamar = 51;
    h.nama_sls = 'x'.repeat(101);
    h.idbdt = '31740110010001';
    m(1).tanggal_lahir = '1983-02-30';
    const r = validate(rec);
    expect(errors(r)).toEqual([
      'PATTERN household.idbdt',
      'LENGTH household.nama_sls',
      'CODE household.lantai',
      'RANGE household.jumlah_kamar',
      'TYPE household.ada_tv',
      'DATE members[1].fields.tanggal_lahir',
    ]);
  });

  it('keys outside the dictionary are left to checkFields', () => {
    const { rec, h, m } = fixture();
    h.created_at = '2019-01-01T00:00:00Z';
    m(0).extra = 1;
    expect(validate(rec)).toEqual({ errors: [], warnings: [] });
  });

  it('reports non-object parts instead of throwing', () => {
    const r = validateHouseholdRecord(
      { household: [] as unknown as Loose, members: [null as unknown as Loose] },
      { checkDate: FIXTURE_CHECK_DATE },
    );
    expect(errors(r)).toContain('TYPE household');
    expect(errors(r)).toContain('TYPE members[0]');
  });
});

describe('rules', () => {
  it('R1: exactly one present head in an AKTIF household', () => {
    const none = fixture();
    none.m(0).sta_keberadaan_art = 2; // the head died
    expect(errors(validate(none.rec))).toEqual(['R1 members']);
    expect(validate(none.rec).errors[0]?.message.id).toContain('tidak memiliki kepala rumah tangga');

    const two = fixture();
    two.m(2).hub_krt = 1;
    expect(errors(validate(two.rec))).toEqual(['R1 members']);
    expect(validate(two.rec).errors[0]?.message.en).toContain('2 heads');

    const noStatus = fixture();
    delete noStatus.h.status; // missing status counts as AKTIF
    noStatus.m(0).sta_keberadaan_art = 3;
    expect(errors(validate(noStatus.rec))).toEqual(['R1 members']);
  });

  it('R1: accepted for a NONAKTIF household, and a head who left does not count', () => {
    const inactive = fixture();
    inactive.h.status = 'NONAKTIF';
    inactive.m(0).sta_keberadaan_art = 2;
    expect(errors(validate(inactive.rec))).toEqual([]);

    const newHead = fixture();
    newHead.m(0).sta_keberadaan_art = 2; // old head died
    newHead.m(1).hub_krt = 1; // the widow is the new head, code 4 counts as present too
    newHead.m(1).sta_keberadaan_art = 4;
    expect(errors(validate(newHead.rec))).toEqual([]);
  });

  it('R3: NIK structure and No KK length (errors)', () => {
    const { rec, m } = fixture();
    m(0).nik = '3174013505800001'; // day 35
    m(1).nik = '3174014908830000'; // serial 0000
    m(2).no_kk = '317401200215000';
    const r = validate(rec);
    expect(errors(r)).toEqual(['R3 members[0].fields.nik', 'R3 members[1].fields.nik', 'R3 members[2].fields.no_kk']);
    expect(r.errors.every((i) => i.level === 'error')).toBe(true);
  });

  it('R3: accepted whatever the region prefix of issue', () => {
    const { rec, m } = fixture();
    m(0).nik = makeNik({ regionPrefix6: '990101', birthDate: '1980-05-17', sex: 1, serial: 5 });
    m(0).no_kk = '9901010101010001';
    expect(validate(rec)).toEqual({ errors: [], warnings: [] });
  });

  it('R4: NIK birth date or sex differs from the record (warning)', () => {
    const { rec, m } = fixture();
    m(0).tanggal_lahir = '1980-05-18';
    m(1).jenis_kelamin = 1;
    m(1).sta_hamil = null;
    const r = validate(rec);
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toEqual(['R4 members[0].fields.nik', 'R4 members[1].fields.nik']);
    expect(r.warnings[0]?.message.id).toBe('NIK: tanggal lahir yang tercantum dalam NIK tidak sama dengan isian Tanggal lahir');
    expect(r.warnings[1]?.message.en).toBe('NIK: the sex encoded in the NIK differs from Jenis kelamin');
  });

  it('R4: accepted when the date matches either century', () => {
    const { rec, m } = fixture();
    // 01-01-05 could be 1905 or 2005; a 1905 birth is 114 at the check date.
    reborn(m(1), '1905-01-01', 2);
    m(1).nik = makeNik({ regionPrefix6: '317401', birthDate: '2005-01-01', sex: 2, serial: 9 });
    m(1).sta_hamil = null;
    expect(warnings(validate(rec))).toEqual([]);
  });

  it('R5: NIK held in another household (warning, fixed message)', () => {
    const { rec, m } = fixture();
    const other = m(1).nik;
    const asked: string[] = [];
    const r = validate(rec, { nikHeldElsewhere: (nik) => (asked.push(nik), nik === other) });
    expect(asked).toHaveLength(3);
    expect(errors(r)).toEqual([]);
    expect(r.warnings).toEqual([
      {
        path: 'members[1].fields.nik',
        code: 'R5',
        level: 'warning',
        message: {
          id: 'NIK juga terdaftar di rumah tangga lain',
          en: 'The NIK is also registered in another household',
        },
      },
    ]);
  });

  it('R5: accepted when nobody else holds the NIK', () => {
    expect(validate(validHousehold(), { nikHeldElsewhere: () => false })).toEqual({ errors: [], warnings: [] });
  });

  it('R6: a present spouse must be married (error)', () => {
    const { rec, m } = fixture();
    m(1).sta_kawin = 3;
    expect(errors(validate(rec))).toEqual(['R6 members[1].fields.sta_kawin']);
  });

  it('R6: accepted for a spouse who no longer lives in the household', () => {
    const { rec, m } = fixture();
    m(1).sta_kawin = 3;
    m(1).sta_keberadaan_art = 3;
    expect(errors(validate(rec))).toEqual([]);
  });

  it('R7: a present child older than the present head (warning)', () => {
    const { rec, m } = fixture();
    reborn(m(2), '1979-01-01');
    m(2).sta_kawin = 1;
    const r = validate(rec);
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toEqual(['R7 members[2].fields.tanggal_lahir']);
  });

  it('R7: accepted for a child born the same day, or not present', () => {
    const sameDay = fixture();
    reborn(sameDay.m(2), '1980-05-17');
    expect(warnings(validate(sameDay.rec))).toEqual([]);
    const gone = fixture();
    reborn(gone.m(2), '1979-01-01');
    gone.m(2).sta_keberadaan_art = 3;
    expect(warnings(validate(gone.rec))).toEqual([]);
  });

  it('R8: a new household outside the allowed desa (error)', () => {
    const { rec, h } = fixture();
    h.kode_wilayah = '3174011002';
    const r = validate(rec, { isNew: true, allowedDesa: new Set([FIXTURE_DESA]) });
    expect(errors(r)).toEqual(['R8 household.kode_wilayah']);
    expect(r.errors[0]?.message.id).toBe('Kode desa/kelurahan: 31.74.01.1002 bukan desa/kelurahan dalam wilayah kerja paket ini');
  });

  it('R8: accepted inside the scope, and not applied to existing households', () => {
    const { rec, h } = fixture();
    h.kode_wilayah = '3174011002';
    expect(errors(validate(rec, { isNew: true, allowedDesa: new Set([FIXTURE_DESA, '3174011002']) }))).toEqual([]);
    expect(errors(validate(rec, { isNew: false, allowedDesa: new Set([FIXTURE_DESA]) }))).toEqual([]);
  });

  it('R9: married under 10, working under 5 (warnings)', () => {
    const { rec, m } = fixture();
    m(2).sta_kawin = 2; // the child is 9
    m(2).ada_akta_nikah = 1;
    addWorkingChild(rec, m(2), '2014-06-01'); // 4 years old
    const r = validate(rec);
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toEqual(['R9 members[2].fields.sta_kawin', 'R9 members[3].fields.sta_bekerja']);
  });

  it('R9: accepted from the 10th and 5th birthday on', () => {
    const { rec, m } = fixture();
    reborn(m(2), '2009-02-11'); // exactly 10 at the check date
    m(2).sta_kawin = 2;
    m(2).ada_akta_nikah = 1;
    addWorkingChild(rec, m(2), '2014-02-11'); // exactly 5
    expect(warnings(validate(rec))).toEqual([]);
  });

  it('R10: pregnant under 10 or over 55 (warning)', () => {
    const old = fixture();
    reborn(old.m(1), '1963-02-10'); // 56 at the check date
    old.m(1).sta_hamil = true;
    expect(warnings(validate(old.rec))).toEqual(['R10 members[1].fields.sta_hamil']);
    const young = fixture();
    reborn(young.m(2), '2010-01-15', 2); // a girl of 9
    young.m(2).sta_hamil = true;
    expect(warnings(validate(young.rec))).toEqual(['R10 members[2].fields.sta_hamil']);
  });

  it('R10: accepted at 10 and at 55', () => {
    const fiftyFive = fixture();
    reborn(fiftyFive.m(1), '1963-02-12'); // still 55
    fiftyFive.m(1).sta_hamil = true;
    expect(warnings(validate(fiftyFive.rec))).toEqual([]);
    const ten = fixture();
    reborn(ten.m(2), '2009-02-11', 2);
    ten.m(2).sta_hamil = true;
    expect(warnings(validate(ten.rec))).toEqual([]);
  });

  it('R11: born after the check date, or more than 120 years before it (error)', () => {
    const { rec, m } = fixture();
    reborn(m(2), '2019-02-12');
    m(0).tanggal_lahir = '1899-02-10';
    const r = validate(rec);
    expect(errors(r)).toEqual(['R11 members[0].fields.tanggal_lahir', 'R11 members[2].fields.tanggal_lahir']);
    expect(r.errors[1]?.message.id).toBe('Tanggal lahir: 12 Februari 2019 sesudah tanggal pemeriksaan (11 Februari 2019)');
    // No age-based rule echoes an unusable birth date.
    expect(warnings(r).filter((w) => !w.startsWith('R4'))).toEqual([]);
  });

  it('R11: accepted on the check date itself and at exactly 120 years', () => {
    const { rec, m } = fixture();
    reborn(m(2), '2019-02-11');
    m(0).tanggal_lahir = '1899-02-11';
    expect(errors(validate(rec))).toEqual([]);
  });

  it('every message is a sentence in both languages', () => {
    const { rec, h, m } = fixture();
    h.lantai = 11;
    h.alamat = null;
    m(1).sta_kawin = 3;
    m(0).sta_keberadaan_art = 2;
    const r = validate(rec, { nikHeldElsewhere: () => true });
    for (const issue of [...r.errors, ...r.warnings]) {
      expect(issue.message.id.length).toBeGreaterThan(10);
      expect(issue.message.en.length).toBeGreaterThan(10);
    }
  });
});
