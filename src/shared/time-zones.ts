// Indonesia keeps three time zones, by province: a district's users read dates (file names,
// letters, screens) in their own zone, never in the server's UTC. Browser-safe: Intl only.

/** The IANA zones of WIB (UTC+7), WITA (UTC+8) and WIT (UTC+9). */
export const WIB = 'Asia/Jakarta';
export const WITA = 'Asia/Makassar';
export const WIT = 'Asia/Jayapura';
export type IndonesianTimeZone = typeof WIB | typeof WITA | typeof WIT;

// Kemendagri province codes of the region table (idn-area-data 4.0.1), by zone. Sumatra (11–21),
// Java (31–36), West and Central Kalimantan (61, 62) keep WIB.
const WIB_PROVINCES = ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '61', '62'];
// Bali, NTB, NTT, South/East/North Kalimantan and Sulawesi.
const WITA_PROVINCES = ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'];
// Maluku, Maluku Utara and the six Papua provinces.
const WIT_PROVINCES = ['81', '82', '91', '92', '93', '94', '95', '96'];

/** Province code → its time zone, for every province of the region table. */
export const PROVINCE_TIME_ZONES: Readonly<Record<string, IndonesianTimeZone>> = Object.freeze(
  Object.fromEntries([
    ...WIB_PROVINCES.map((p) => [p, WIB] as const),
    ...WITA_PROVINCES.map((p) => [p, WITA] as const),
    ...WIT_PROVINCES.map((p) => [p, WIT] as const),
  ]),
);

/**
 * The time zone of a region (any Kemendagri code: province, district, kecamatan, desa, or an
 * IDBDT), by its province; WIB for national users (no code) and for a code it does not know.
 */
export function regionTimeZone(code: string | null | undefined): IndonesianTimeZone {
  return (code && PROVINCE_TIME_ZONES[code.slice(0, 2)]) || WIB;
}

/** "WIB", "WITA" or "WIT": how Indonesians name the zone next to a time. */
export function timeZoneAbbreviation(zone: IndonesianTimeZone): 'WIB' | 'WITA' | 'WIT' {
  return zone === WIT ? 'WIT' : zone === WITA ? 'WITA' : 'WIB';
}

const isoDateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date 'YYYY-MM-DD' of an instant in a time zone. */
export function dateInTimeZone(timeZone: string, instant: Date | number = Date.now()): string {
  let f = isoDateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    isoDateFormats.set(timeZone, f);
  }
  // formatToParts rather than format(): en-CA's order (YYYY-MM-DD) is a CLDR detail, parts are not.
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The district's calendar date 'YYYY-MM-DD' of an instant (a region code's zone, WIB without one). */
export function districtDate(code: string | null | undefined, instant: Date | number = Date.now()): string {
  return dateInTimeZone(regionTimeZone(code), instant);
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

function zonedFormat(locale: string, zone: IndonesianTimeZone, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = zonedFormats.get(key);
  if (!f) zonedFormats.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })));
  return f;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/**
 * A moment as its clock time in a zone, labelled with the zone: "14.05 WITA" (id-ID), "14:05 WITA" (en).
 * The one rule screens, letters and the public verification page print times with.
 */
export function formatZonedTime(instant: Date | number, zone: IndonesianTimeZone, locale = 'id-ID'): string {
  return `${zonedFormat(locale, zone, TIME).format(instant)} ${timeZoneAbbreviation(zone)}`;
}

/** A moment as date and clock time in a zone, labelled: "13 Mar 2019 14.05 WITA" (`long`: "13 Maret 2019 pukul 14.05 WITA"). */
export function formatZonedDateTime(
  instant: Date | number,
  zone: IndonesianTimeZone,
  locale = 'id-ID',
  style: 'short' | 'long' = 'short',
): string {
  const date = zonedFormat(locale, zone, { day: 'numeric', month: style, year: 'numeric' }).format(instant);
  const at = style === 'long' ? (locale.startsWith('id') ? ' pukul' : ' at') : '';
  return `${date}${at} ${formatZonedTime(instant, zone, locale)}`;
}
