import { describe, expect, it } from 'vitest';
import { ageAt, formatLongDate, isRealDate, parseIsoDate } from './dates.ts';

describe('dates', () => {
  it('knows real dates, leap years included', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2019, 4, 31)).toBe(false);
    expect(parseIsoDate('2019-02-11')).toEqual({ year: 2019, month: 2, day: 11 });
    expect(parseIsoDate('2019-2-11')).toBeUndefined();
    expect(parseIsoDate('2019-02-30')).toBeUndefined();
  });

  it('counts completed years', () => {
    const at = { year: 2019, month: 2, day: 11 };
    expect(ageAt({ year: 2009, month: 2, day: 11 }, at)).toBe(10);
    expect(ageAt({ year: 2009, month: 2, day: 12 }, at)).toBe(9);
    expect(ageAt({ year: 2016, month: 2, day: 29 }, { year: 2017, month: 2, day: 28 })).toBe(0);
    expect(ageAt({ year: 2016, month: 2, day: 29 }, { year: 2017, month: 3, day: 1 })).toBe(1);
  });

  it('writes dates for people', () => {
    expect(formatLongDate({ year: 2019, month: 2, day: 11 }, 'id')).toBe('11 Februari 2019');
    expect(formatLongDate({ year: 2019, month: 2, day: 11 }, 'en')).toBe('11 February 2019');
  });
});
