import { describe, expect, it } from 'vitest';
import { PROVINCE_TIME_ZONES, WIB, WIT, WITA, regionTimeZone, timeZoneAbbreviation } from './time-zones.ts';
import { dateInTimeZone, districtDate, formatZonedDateTime, formatZonedTime } from './time-zones.ts';

describe('district time zones', () => {
  it('maps every province of the region table, each island group to its zone', () => {
    expect(Object.keys(PROVINCE_TIME_ZONES)).toHaveLength(38);
    expect(regionTimeZone('11')).toBe(WIB); // Aceh
    expect(regionTimeZone('3174')).toBe(WIB); // Jakarta Selatan
    expect(regionTimeZone('6271')).toBe(WIB); // Palangka Raya, Central Kalimantan
    expect(regionTimeZone('5171')).toBe(WITA); // Denpasar
    expect(regionTimeZone('6472')).toBe(WITA); // Samarinda, East Kalimantan
    expect(regionTimeZone('7371')).toBe(WITA); // Makassar
    expect(regionTimeZone('8171')).toBe(WIT); // Ambon
    expect(regionTimeZone('9471011001')).toBe(WIT); // a desa of Papua Tengah
    expect(timeZoneAbbreviation(regionTimeZone('7603'))).toBe('WITA');
  });

  it('gives national users (no region) and unknown codes WIB', () => {
    expect(regionTimeZone(null)).toBe(WIB);
    expect(regionTimeZone(undefined)).toBe(WIB);
    expect(regionTimeZone('')).toBe(WIB);
    expect(regionTimeZone('99')).toBe(WIB);
  });

  it('23:30 UTC is already the next day in Jakarta', () => {
    const at = new Date('2026-12-04T23:30:00Z');
    expect(at.toISOString().slice(0, 10)).toBe('2026-12-04');
    expect(districtDate('3171', at)).toBe('2026-12-05');
    expect(districtDate('7371', at)).toBe('2026-12-05');
    expect(districtDate('9171', at)).toBe('2026-12-05');
  });

  it('16:30 UTC is still the same day in Jakarta and Makassar, the next day in Jayapura', () => {
    const at = new Date('2026-12-31T16:30:00Z');
    expect(districtDate('3171', at)).toBe('2026-12-31'); // 23:30 WIB
    expect(districtDate('7371', at)).toBe('2027-01-01'); // 00:30 WITA
    expect(districtDate('9171', at)).toBe('2027-01-01'); // 01:30 WIT
    const earlier = new Date('2026-12-31T15:30:00Z');
    expect(districtDate('3171', earlier)).toBe('2026-12-31');
    expect(districtDate('7371', earlier)).toBe('2026-12-31'); // 23:30 WITA
    expect(districtDate('9171', earlier)).toBe('2027-01-01'); // 00:30 WIT
  });

  it('turns at local midnight exactly', () => {
    expect(districtDate('3174', new Date('2026-03-01T16:59:59.999Z'))).toBe('2026-03-01');
    expect(districtDate('3174', new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(dateInTimeZone(WIT, Date.parse('2026-02-28T15:00:00Z'))).toBe('2026-03-01');
  });
});

describe('labelled times (screens, letters, the verification page)', () => {
  const at = new Date('2019-03-13T07:05:00Z');

  it('prints one moment in each of the three zones with its label', () => {
    expect(formatZonedTime(at, WIB)).toBe('14.05 WIB');
    expect(formatZonedTime(at, WITA)).toBe('15.05 WITA');
    expect(formatZonedTime(at, WIT)).toBe('16.05 WIT');
    expect(formatZonedTime(at, regionTimeZone('7371'), 'en-US')).toBe('15:05 WITA');
    expect(formatZonedDateTime(at, regionTimeZone('3174'))).toBe('13 Mar 2019 14.05 WIB');
    expect(formatZonedDateTime(at, regionTimeZone('5171'), 'id-ID', 'long')).toBe('13 Maret 2019 pukul 15.05 WITA');
    expect(formatZonedDateTime(at, regionTimeZone('9171'), 'en-US', 'long')).toBe('March 13, 2019 at 16:05 WIT');
  });

  it('moves the date with the zone near midnight', () => {
    const late = new Date('2026-12-31T15:30:00Z');
    expect(formatZonedDateTime(late, WITA)).toBe('31 Des 2026 23.30 WITA');
    expect(formatZonedDateTime(late, WIT)).toBe('1 Jan 2027 00.30 WIT');
  });
});
