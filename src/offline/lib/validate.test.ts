import { describe, expect, it } from 'vitest';
import { makeNik } from '../../shared/nik.ts';
import { validHousehold } from '../../shared/rules/test-fixtures.ts';
import { type BaseRecord, editStateFrom, newMember } from './proposals.ts';
import { newHouseholdFromFixture, verval } from './test-fixtures.ts';
import { issuesByPath, validatePerbaikan, validateUsulanBaru } from './validate.ts';

const OTHER = '3174011001000999';
const ctx = { today: '2019-03-01', isAktif: (id: string) => id === OTHER || id === '3174011001000123' };
const base = () => validHousehold() as unknown as BaseRecord;
const paths = (v: { errors: { path: string; code: string }[] }) => v.errors.map((e) => `${e.path} ${e.code}`);

describe('validatePerbaikan', () => {
  it('a clean household with a result passes', () => {
    const b = base();
    expect(validatePerbaikan(b, editStateFrom(b), verval(), ctx).errors).toEqual([]);
  });

  it('requires a result and a visit date that is not in the future', () => {
    const b = base();
    expect(paths(validatePerbaikan(b, editStateFrom(b), verval({ result: 0, visitedAt: '' }), ctx))).toEqual([
      'verval.result REQUIRED',
      'verval.visitedAt REQUIRED',
    ]);
    expect(paths(validatePerbaikan(b, editStateFrom(b), verval({ visitedAt: '2019-03-02' }), ctx))).toEqual(['verval.visitedAt DATE']);
    expect(paths(validatePerbaikan(b, editStateFrom(b), verval({ musdesAt: '2019-02-30' }), ctx))).toEqual(['verval.musdesAt DATE']);
  });

  it('GANDA needs another AKTIF household of the district; BAGIAN_RUTA_LAIN likewise', () => {
    const b = base();
    const e = editStateFrom(b);
    expect(paths(validatePerbaikan(b, e, verval({ result: 6 }), ctx))).toEqual(['verval.duplicateOf REQUIRED']);
    expect(paths(validatePerbaikan(b, e, verval({ result: 6, duplicateOf: '123' }), ctx))).toEqual(['verval.duplicateOf PATTERN']);
    expect(paths(validatePerbaikan(b, e, verval({ result: 6, duplicateOf: '3174011001000123' }), ctx))).toEqual([
      'verval.duplicateOf UNKNOWN_REFERENCE',
    ]);
    expect(paths(validatePerbaikan(b, e, verval({ result: 6, duplicateOf: '3174011001000555' }), ctx))).toEqual([
      'verval.duplicateOf UNKNOWN_REFERENCE',
    ]);
    expect(validatePerbaikan(b, e, verval({ result: 6, duplicateOf: OTHER }), ctx).errors).toEqual([]);
    expect(paths(validatePerbaikan(b, e, verval({ result: 4, duplicateOf: OTHER }), ctx))).toEqual(['verval.mergeInto REQUIRED']);
    expect(validatePerbaikan(b, e, verval({ result: 4, mergeInto: OTHER }), ctx).errors).toEqual([]);
  });

  it('field checks as typed: code list, range, and the rules on the merged record', () => {
    const b = base();
    const e = editStateFrom(b);
    e.household.lantai = 99;
    e.household.luas_lantai = 0;
    e.members[0]!.fields.sta_keberadaan_art = 2; // the head dies: no head left (R1)
    const v = validatePerbaikan(b, e, verval(), ctx);
    expect(paths(v)).toEqual(expect.arrayContaining(['household.lantai CODE', 'household.luas_lantai RANGE', 'members R1']));
    expect(issuesByPath(v).get('household.lantai')?.[0]?.message.id).toMatch(/Jenis lantai terluas: kode 99 tidak ada/);
  });

  it('an error the release record already had is a warning marked preexisting, a new one blocks', () => {
    const b = base();
    b.members[2]!.tanggal_lahir = '1970-01-01'; // child older than head: R7 (a warning anyway)
    b.household.luas_lantai = 0; // already out of range in the release
    const v = validatePerbaikan(b, editStateFrom(b), verval(), ctx);
    expect(v.errors).toEqual([]);
    expect(v.warnings.find((w) => w.path === 'household.luas_lantai')).toMatchObject({
      code: 'RANGE',
      preexisting: true,
    });
    const e = editStateFrom(b);
    e.household.jumlah_kamar = -1;
    expect(paths(validatePerbaikan(b, e, verval(), ctx))).toEqual(['household.jumlah_kamar RANGE']);
  });

  it('an added member needs every required field and presence 1 or 4', () => {
    const b = base();
    const e = editStateFrom(b);
    e.members.push(newMember(e.members, { nama: 'Baru', sta_keberadaan_art: 2 }));
    const p = paths(validatePerbaikan(b, e, verval(), ctx));
    expect(p).toContain('members[3].fields.sta_keberadaan_art CODE');
    expect(p).toContain('members[3].fields.nik REQUIRED');
    expect(p).toContain('members[3].fields.tanggal_lahir REQUIRED');
  });
});

describe('validateUsulanBaru', () => {
  it('checks the whole new household at today, R8 against the scope', () => {
    const e = newHouseholdFromFixture();
    expect(validateUsulanBaru(e, { today: '2019-03-01', allowedDesa: new Set(['3174011001']) }).errors).toEqual([]);
    expect(paths(validateUsulanBaru(e, { today: '2019-03-01', allowedDesa: new Set(['3174011002']) }))).toEqual([
      'household.kode_wilayah R8',
    ]);
    e.members[2]!.fields.nik = makeNik({ regionPrefix6: '317401', birthDate: '2010-01-15', sex: 1, serial: 3 }).slice(0, 15);
    expect(paths(validateUsulanBaru(e, { today: '2019-03-01', allowedDesa: new Set(['3174011001']) }))).toEqual([
      'members[2].fields.nik R3',
    ]);
    e.members = [];
    expect(paths(validateUsulanBaru(e, { today: '2019-03-01', allowedDesa: new Set(['3174011001']) }))).toContain('members REQUIRED');
  });
});
