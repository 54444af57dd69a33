import { describe, expect, it } from 'vitest';
import { checkFields, OPERATOR_LIMITS, operatorNameIssues, validateHouseholdRecord } from './index.ts';
import { FIXTURE_CHECK_DATE, validHousehold } from './test-fixtures.ts';

// Issue 13 item 9: a name longer than its field holds is refused with a message naming the field
// (Bahasa Indonesia and English), never cut to fit.

describe('too-long names', () => {
  it('refuses a member name of 101 characters with the field named, in both languages', () => {
    const issues = checkFields('member', { nama: 'A'.repeat(101) }, 'members[0].fields');
    expect(issues).toEqual([
      {
        path: 'members[0].fields.nama',
        code: 'LENGTH',
        level: 'error',
        message: { id: 'Nama lengkap: paling banyak 100 karakter (sekarang 101)', en: 'Nama lengkap: at most 100 characters (now 101)' },
      },
    ]);
    expect(checkFields('member', { nama: 'A'.repeat(100) }, 'members[0].fields')).toEqual([]);
  });

  it('refuses a whole record whose head has a too-long name, and keeps the name as given', () => {
    const record = validHousehold();
    const long = `${'Siti Nurhaliza binti Abdullah '.repeat(4)}Rahmawati`;
    const head = record.members[0]!;
    head.nama = long;
    const { errors } = validateHouseholdRecord(record, { checkDate: FIXTURE_CHECK_DATE });
    const lengths = errors.filter((e) => e.code === 'LENGTH');
    expect(lengths.map((e) => e.path)).toEqual(['members[0].fields.nama']);
    expect(lengths[0]!.message.id).toBe(`Nama lengkap: paling banyak 100 karakter (sekarang ${long.length})`);
    expect(head.nama).toBe(long);
  });

  it("refuses a package operator's name or username beyond what the import stores", () => {
    expect(operatorNameIssues({ username: 'op.tebet', name: 'N'.repeat(OPERATOR_LIMITS.name) })).toEqual([]);
    expect(operatorNameIssues({ username: 'u'.repeat(65), name: 'N'.repeat(101) })).toEqual([
      { id: 'Nama pengguna operator: paling banyak 64 karakter (sekarang 65)', en: 'Operator username: at most 64 characters (now 65)' },
      { id: 'Nama operator: paling banyak 100 karakter (sekarang 101)', en: 'Operator name: at most 100 characters (now 101)' },
    ]);
  });
});
