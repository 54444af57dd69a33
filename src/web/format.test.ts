import { describe, expect, it } from 'vitest';
import { formatIdbdt as sharedIdbdt, formatRegionCode as sharedRegionCode } from '../shared/codes.ts';
import { ageInYears, desil, formatDate, formatDateTime, formatFileSize, formatLongDate, formatNumber } from './format.ts';
import { formatIdbdt, formatRegionCode, parseDateOnly, setDisplayTimeZone, todayIsoDate } from './format.ts';

describe('dates', () => {
  it('formats the header date in Indonesian', () => {
    expect(formatLongDate(new Date(Date.UTC(2019, 2, 13, 5)), 'id-ID', 'Asia/Jakarta')).toBe('Rabu, 13 Maret 2019');
  });

  it('formats the header date in English when asked', () => {
    expect(formatLongDate(new Date(Date.UTC(2019, 2, 13, 5)), 'en-GB', 'Asia/Jakarta')).toBe('Wednesday, 13 March 2019');
  });

  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('1980-01-01')).toBe('1 Januari 1980');
    expect(formatDate('2019-03-13', 'id-ID')).toBe('13 Maret 2019');
    expect(formatDate('')).toBe('');
    expect(formatDate(null)).toBe('');
    expect(formatDate('bukan tanggal')).toBe('bukan tanggal');
  });

  it('rejects impossible calendar dates', () => {
    expect(parseDateOnly('2019-02-30')).toBeUndefined();
    expect(parseDateOnly('2020-02-29')?.toISOString()).toBe('2020-02-29T00:00:00.000Z');
  });

  it('formats timestamps in a given time zone', () => {
    // The separator between date and time differs between ICU versions (", " or " pukul ").
    expect(formatDateTime('2019-03-13T07:05:00Z', 'id-ID', 'Asia/Jakarta')).toBe('13 Mar 2019 14.05 WIB');
    expect(formatDateTime('x')).toBe('x');
  });
});

describe('numbers', () => {
  it('groups thousands the Indonesian way', () => {
    expect(formatNumber(39776)).toBe('39.776');
    expect(formatNumber(20000, 'id-ID')).toBe('20.000');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(-6.261512)).toBe('-6,261512');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('region codes and IDBDT', () => {
  // Tested with the shared formatter (shared/codes.test.ts); the web app writes them with the same functions.
  it('are the shared formatters', () => {
    expect(formatRegionCode).toBe(sharedRegionCode);
    expect(formatIdbdt).toBe(sharedIdbdt);
  });
});

describe('desil', () => {
  it('is ceil(persentil / 10)', () => {
    expect(desil(1)).toBe(1);
    expect(desil(10)).toBe(1);
    expect(desil(11)).toBe(2);
    expect(desil(55)).toBe(6);
    expect(desil(100)).toBe(10);
  });

  it('is null when unknown or out of range', () => {
    expect(desil(null)).toBeNull();
    expect(desil(undefined)).toBeNull();
    expect(desil(0)).toBeNull();
    expect(desil(101)).toBeNull();
    expect(desil(Number.NaN)).toBeNull();
  });
});

describe('ageInYears', () => {
  it('counts completed years', () => {
    const today = new Date(2024, 4, 10); // 10 May 2024, local
    expect(ageInYears('1980-05-10', today)).toBe(44);
    expect(ageInYears('1980-05-11', today)).toBe(43);
    expect(ageInYears('2024-05-10', today)).toBe(0);
  });

  it('is null for unknown or future dates', () => {
    const today = new Date(2024, 4, 10);
    expect(ageInYears(null, today)).toBeNull();
    expect(ageInYears('garbage', today)).toBeNull();
    expect(ageInYears('2030-01-01', today)).toBeNull();
  });
});

describe('dates in the district time zone', () => {
  it('shows moments in the zone of the logged-in district, WIB for national users', () => {
    const at = '2026-12-04T23:30:00Z';
    try {
      setDisplayTimeZone(null);
      expect(todayIsoDate(new Date(at))).toBe('2026-12-05');
      expect(formatDateTime(at)).toBe('5 Des 2026 06.30 WIB');
      setDisplayTimeZone('9171'); // Jayapura, WIT
      expect(formatDateTime(at)).toBe('5 Des 2026 08.30 WIT');
      expect(formatLongDate(new Date('2026-12-31T16:30:00Z'))).toBe('Jumat, 1 Januari 2027');
      setDisplayTimeZone('3174');
      expect(formatLongDate(new Date('2026-12-31T16:30:00Z'))).toBe('Kamis, 31 Desember 2026');
      expect(formatDate('2026-12-31')).toBe('31 Desember 2026'); // a calendar date never moves
    } finally {
      setDisplayTimeZone(null);
    }
  });

  it('counts ages on a calendar date given as text', () => {
    expect(ageInYears('1980-12-05', '2026-12-05')).toBe(46);
    expect(ageInYears('1980-12-05', '2026-12-04')).toBe(45);
    expect(ageInYears('1980-12-05', 'bukan tanggal')).toBeNull();
  });
});

describe('formatFileSize', () => {
  it('says bytes, KB and MB with one decimal and the locale separator', () => {
    expect(formatFileSize(820)).toBe('820 B');
    expect(formatFileSize(12.5 * 1024)).toBe('12,5 KB');
    expect(formatFileSize(1.25 * 1024 * 1024, 'en')).toBe('1.3 MB');
    expect(formatFileSize(2 * 1024 * 1024)).toBe('2 MB');
  });
});
