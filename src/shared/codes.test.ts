import { describe, expect, it } from 'vitest';
import { formatIdbdt, formatNik, formatRegionCode, searchDigits } from './codes.ts';
import { formatRegionCode as dictionaryFormat } from './dictionary/index.ts';

// The one way region codes, IDBDT/IDARTBDT and NIK/No KK are written on screens (issue 13).
describe('writing the registry numbers', () => {
  it('dots region codes by level, and leaves anything else as it is', () => {
    expect(['31', '3174', '317401', '3174011001'].map(formatRegionCode)).toEqual(['31', '31.74', '31.74.01', '31.74.01.1001']);
    expect(['31740', '31.74', '', 'TEBET'].map(formatRegionCode)).toEqual(['31740', '31.74', '', 'TEBET']);
    // The dictionary's formatter (offline app, rule messages) is the same function.
    expect(dictionaryFormat).toBe(formatRegionCode);
  });

  it('writes an IDBDT as its dotted desa code and serial, an IDARTBDT with the member number after it', () => {
    expect(formatIdbdt('3174011001000123')).toBe('31.74.01.1001.000123');
    expect(formatIdbdt('317401100100012302')).toBe('31.74.01.1001.000123.02');
    expect(formatIdbdt('317401100100012')).toBe('317401100100012');
    expect(formatIdbdt('31.74.01.1001.000123')).toBe('31.74.01.1001.000123');
  });

  it('writes a NIK or No KK as 16 digits unbroken, a masked one as it is', () => {
    expect(formatNik('3174011707850001')).toBe('3174011707850001');
    expect(formatNik('3174 0117 0785 0001')).toBe('3174011707850001');
    expect(formatNik('************0001')).toBe('************0001');
    expect(formatNik(null)).toBe('');
  });

  it('reads back any written form of a number for a search, and nothing from a name', () => {
    expect(searchDigits('31.74.01.1001.000123')).toBe('3174011001000123');
    expect(searchDigits(' 3174 0117 0785 0001 ')).toBe('3174011707850001');
    expect(searchDigits('317401-1001')).toBe('3174011001');
    expect(searchDigits('Siti')).toBeNull();
    expect(searchDigits('Siti 2')).toBeNull();
    expect(searchDigits(' . ')).toBeNull();
  });
});
