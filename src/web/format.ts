// Pure display helpers: dates, numbers, region codes, desil, age. No React, no dictionary.
import { dateInTimeZone, formatZonedDateTime, type IndonesianTimeZone, regionTimeZone, WIB } from '../shared/time-zones.ts';

export { regionTimeZone };

const DEFAULT_LOCALE = 'id-ID';

// Screens show moments in the district's time zone (WIB, WITA or WIT by province), not in the
// browser's: a district officer on a laptop set to UTC still sees the district's date. National
// users and public pages see WIB.
let displayZone: IndonesianTimeZone = WIB;

/** Sets the zone of the logged-in user's district (its first region), WIB for national users. */
export function setDisplayTimeZone(regionCode: string | null | undefined): void {
  displayZone = regionTimeZone(regionCode);
}

/** The zone screens show moments in (see setDisplayTimeZone). */
export function displayTimeZone(): IndonesianTimeZone {
  return displayZone;
}

/** Today's date 'YYYY-MM-DD' in the display zone (or `timeZone`). */
export function todayIsoDate(now: Date = new Date(), timeZone: string = displayZone): string {
  return dateInTimeZone(timeZone, now);
}

// Intl formatters are costly to build; tables of hundreds of rows reuse them.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f as Intl.DateTimeFormat;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f as Intl.NumberFormat;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a calendar date 'YYYY-MM-DD' (as the API sends `date` fields) into a Date at UTC midnight,
 * or undefined when it is not one. Calendar dates are always formatted in UTC so that no time zone
 * moves them to the day before.
 */
export function parseDateOnly(value: string): Date | undefined {
  const m = DATE_ONLY.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Rejects 2019-02-30 and the like, which Date.UTC would roll over.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

/** The header's long date: "Rabu, 13 Maret 2019" (id-ID), in the display zone unless `timeZone` is given. */
export function formatLongDate(date: Date, locale = DEFAULT_LOCALE, timeZone: string = displayZone): string {
  return dateFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
}

/** A calendar date 'YYYY-MM-DD' as "13 Maret 2019"; any other text is returned unchanged. */
export function formatDate(value: string | null | undefined, locale = DEFAULT_LOCALE): string {
  if (value == null || value === '') return '';
  // A year alone is a birth date masked for a role without personal:unmasked: shown as it is.
  if (/^\d{4}$/.test(value)) return value;
  const d = parseDateOnly(value);
  if (d) return dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  const t = Date.parse(value);
  return Number.isNaN(t)
    ? value
    : dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: displayZone }).format(new Date(t));
}

/** A timestamp (ISO 8601) as "13 Mar 2019 14.05 WIB": in the display zone (or `timeZone`), labelled with it. */
export function formatDateTime(
  value: string | null | undefined,
  locale = DEFAULT_LOCALE,
  timeZone: IndonesianTimeZone = displayZone,
): string {
  if (value == null || value === '') return '';
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  return formatZonedDateTime(t, timeZone, locale);
}

/** A number with the locale's grouping: 39776 → "39.776" (id-ID); up to 6 decimals ("-6,261512"). */
export function formatNumber(value: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}

/** A file size for people: "820 B", "12,5 KB", "1,2 MB" (one decimal, the locale's separator). */
export function formatFileSize(bytes: number, locale = DEFAULT_LOCALE): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${numberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}

// Region codes, IDBDT/IDARTBDT and NIK/No KK: the one way both apps write them (shared/codes.ts).
export { formatIdbdt, formatNik, formatRegionCode } from '../shared/codes.ts';

/** The welfare decile of a national percentile: ceil(persentil / 10), 1..10; null when unknown or out of range. */
export function desil(persentil: number | null | undefined): number | null {
  if (persentil == null || !Number.isFinite(persentil) || persentil < 1 || persentil > 100) return null;
  return Math.ceil(persentil / 10);
}

/**
 * Completed years between a birth date 'YYYY-MM-DD' and `today` (a calendar date 'YYYY-MM-DD', such
 * as todayIsoDate(), or a Date read in the browser's calendar); null when unknown.
 */
export function ageInYears(birthDate: string | null | undefined, today: Date | string): number | null {
  if (!birthDate) return null;
  const b = parseDateOnly(birthDate);
  if (!b) return null;
  const t = typeof today === 'string' ? parseDateOnly(today) : undefined;
  if (typeof today === 'string' && !t) return null;
  const [ty, tm, td] = t
    ? [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()]
    : [(today as Date).getFullYear(), (today as Date).getMonth(), (today as Date).getDate()];
  let age = ty - b.getUTCFullYear();
  if (tm < b.getUTCMonth() || (tm === b.getUTCMonth() && td < b.getUTCDate())) age -= 1;
  return age >= 0 ? age : null;
}
