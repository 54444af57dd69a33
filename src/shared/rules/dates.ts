// Calendar helpers on plain YYYY-MM-DD strings. No Date objects: time zones must never shift a
// birth date by a day, and the same code runs in browsers and on the server.

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Whether year/month/day name a day of the Gregorian calendar (from year 1: PostgreSQL has no year 0). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a real date written exactly YYYY-MM-DD, or returns undefined. */
export function parseIsoDate(value: string): Ymd | undefined {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

/** Formats a date as YYYY-MM-DD. */
export function formatIsoDate(d: Ymd): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Negative, zero or positive as a is before, equal to or after b (a and b need not be real dates). */
export function compareYmd(a: Ymd, b: Ymd): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Age in completed years on date `at` (negative when born after it). */
export function ageAt(birth: Ymd, at: Ymd): number {
  // Someone born on 29 February has a birthday on 1 March in common years (not 28 February).
  const hadBirthday = at.month > birth.month || (at.month === birth.month && at.day >= birth.day);
  return at.year - birth.year - (hadBirthday ? 0 : 1);
}

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

/** A date as people read it, e.g. "11 Februari 2019" / "11 February 2019". */
export function formatLongDate(d: Ymd, lang: 'id' | 'en'): string {
  return `${d.day} ${MONTHS[lang][d.month - 1] ?? '?'} ${d.year}`;
}
