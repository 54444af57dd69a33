import { describe, expect, it } from 'vitest';
import { isSixteenDigits, makeNik, parseNik } from './nik.ts';

describe('parseNik', () => {
  it('decodes a man: date as written, both centuries when both are real', () => {
    expect(parseNik('3174011705800001')).toEqual({
      valid: true,
      regionPrefix: '317401',
      birthDates: ['1980-05-17', '2080-05-17'],
      sex: 1,
      serial: '0001',
    });
  });

  it('decodes a woman: day + 40', () => {
    const info = parseNik('3174014908830002');
    expect(info.valid && info.sex).toBe(2);
    expect(info.valid && info.birthDates[0]).toBe('1983-08-09');
  });

  it('keeps only the century where 29 February exists', () => {
    const info = parseNik('3174012902000001');
    expect(info.valid && info.birthDates).toEqual(['2000-02-29']);
    expect(parseNik('3174012902010001')).toEqual({ valid: false, reasons: ['DATE'] });
  });

  it('rejects wrong length, non-digits, impossible dates and serial 0000', () => {
    expect(parseNik('317401170580000')).toEqual({ valid: false, reasons: ['FORMAT'] });
    expect(parseNik('317401170580000a')).toEqual({ valid: false, reasons: ['FORMAT'] });
    expect(parseNik('３１７４０１１７０５８００００１')).toEqual({ valid: false, reasons: ['FORMAT'] });
    expect(parseNik('3174013505800001')).toEqual({ valid: false, reasons: ['DATE'] }); // day 35: neither man nor woman
    expect(parseNik('3174010005800001')).toEqual({ valid: false, reasons: ['DATE'] });
    expect(parseNik('3174011713800001')).toEqual({ valid: false, reasons: ['DATE'] }); // month 13
    expect(parseNik('3174017205800001')).toEqual({ valid: false, reasons: ['DATE'] }); // woman, day 32
    expect(parseNik('3174011705800000')).toEqual({ valid: false, reasons: ['SERIAL'] });
    expect(parseNik('3174013505800000')).toEqual({ valid: false, reasons: ['DATE', 'SERIAL'] });
  });

  it('checks No KK shape', () => {
    expect(isSixteenDigits('3174012002150003')).toBe(true);
    expect(isSixteenDigits('317401200215000')).toBe(false);
    expect(isSixteenDigits(3174012002150003)).toBe(false);
  });
});

describe('makeNik', () => {
  it('builds NIKs that parse back', () => {
    const nik = makeNik({ regionPrefix6: '317401', birthDate: '2005-12-31', sex: 2, serial: 42 });
    expect(nik).toBe('3174017112050042');
    const info = parseNik(nik);
    expect(info.valid && info.birthDates).toContain('2005-12-31');
    expect(info.valid && info.sex).toBe(2);
    expect(makeNik({ regionPrefix6: '110101', birthDate: '1901-01-01', sex: 1, serial: '9999' })).toBe('1101010101019999');
  });

  it('refuses impossible input', () => {
    expect(() => makeNik({ regionPrefix6: '31740', birthDate: '1980-01-01', sex: 1, serial: 1 })).toThrow();
    expect(() => makeNik({ regionPrefix6: '317401', birthDate: '1980-02-30', sex: 1, serial: 1 })).toThrow();
    expect(() => makeNik({ regionPrefix6: '317401', birthDate: '1899-01-01', sex: 1, serial: 1 })).toThrow();
    expect(() => makeNik({ regionPrefix6: '317401', birthDate: '1980-01-01', sex: 1, serial: 0 })).toThrow();
    expect(() => makeNik({ regionPrefix6: '317401', birthDate: '1980-01-01', sex: 1, serial: 10000 })).toThrow();
  });
});
