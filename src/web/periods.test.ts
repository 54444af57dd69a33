import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from './i18n/index.ts';
import { isIsoDate, isPeriodCode, periodName, suggestPeriodCode, validatePeriodForm } from './periods.ts';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate(key, params, 'id');

describe('periods', () => {
  it('names a period "BDT <Bulan> <Tahun>" like the server, nothing for a bad code', () => {
    const codes = ['2019-01', '2019-07', '2020-12', ' 2019-03 ', '2019-13', '2019-1', ''];
    expect(Object.fromEntries(codes.map((c) => [c, periodName(c)]))).toEqual({
      '2019-01': 'BDT Januari 2019',
      '2019-07': 'BDT Juli 2019',
      '2020-12': 'BDT Desember 2020',
      ' 2019-03 ': 'BDT Maret 2019',
      '2019-13': '',
      '2019-1': '',
      '': '',
    });
  });

  it('recognises codes and dates', () => {
    expect(isPeriodCode('2019-01')).toBe(true);
    expect(isPeriodCode('2019-00')).toBe(false);
    expect(isPeriodCode('19-01')).toBe(false);
    expect(isIsoDate('2019-02-28')).toBe(true);
    expect(isIsoDate('2019-02-30')).toBe(false);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('13/03/2019')).toBe(false);
  });

  it('suggests the period six months after the newest, or this month', () => {
    expect(suggestPeriodCode(['2019-01'], new Date(2024, 4, 2))).toBe('2019-07');
    expect(suggestPeriodCode(['2019-01', '2019-07'], new Date(2024, 4, 2))).toBe('2020-01');
    expect(suggestPeriodCode(['2019-09'], new Date(2024, 4, 2))).toBe('2020-03');
    expect(suggestPeriodCode([], new Date(2024, 4, 2))).toBe('2024-05');
  });

  it('checks the form before sending', () => {
    const ok = { code: '2019-07', name: 'BDT Juli 2019', skNumber: '', startsOn: '2019-07-01', endsOn: '2019-12-31' };
    expect(validatePeriodForm(ok, ['2019-01'], t)).toEqual({});
    expect(validatePeriodForm({ ...ok, code: '' }, [], t).code).toBe('Kode periode wajib diisi.');
    expect(validatePeriodForm({ ...ok, code: '2019-7' }, [], t).code).toBe(
      'Kode periode harus berformat TTTT-BB dengan bulan 01–12, misalnya 2019-07.',
    );
    expect(validatePeriodForm(ok, ['2019-07'], t).code).toBe('Periode dengan kode ini sudah ada.');
    expect(validatePeriodForm({ ...ok, startsOn: '' }, [], t).startsOn).toBe('Tanggal wajib diisi.');
    expect(validatePeriodForm({ ...ok, endsOn: '2019-02-30' }, [], t).endsOn).toBe('Tanggal tidak valid.');
    expect(validatePeriodForm({ ...ok, endsOn: '2019-06-30' }, [], t).endsOn).toBe('Tanggal selesai tidak boleh sebelum tanggal mulai.');
    expect(validatePeriodForm({ ...ok, endsOn: '2019-07-01' }, [], t)).toEqual({});
    expect(validatePeriodForm({ ...ok, name: 'x'.repeat(101) }, [], t).name).toBeDefined();
  });
});
