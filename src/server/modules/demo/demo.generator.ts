// Deterministic generator of a realistic demo district: poor households of kelurahan (urban) and
// desa (rural) with their members, every dictionary field filled consistently, and a small share
// of households carrying one realistic data-entry mistake that the dictionary rules catch.
//
// Determinism: the same options give the same records byte for byte. Each desa draws from its own
// PRNG stream seeded by (seed, desa code, first serial), so appending a second batch to a desa
// (a higher first serial) gives new people rather than copies of the first batch, and the
// output never depends on Math.random, the clock or the host.
import { makeNik } from '../../../shared/nik.ts';
import { type Ymd, ageAt, formatIsoDate, isRealDate, parseIsoDate } from '../../../shared/rules/dates.ts';
import { deriveHouseholdFields } from '../../../shared/rules/index.ts';
import type { Household, Member } from '../../../shared/schemas/index.ts';
import {
  BIRTH_PLACES,
  type Ethnicity,
  HAMLETS,
  MODERN_FEMALE,
  MODERN_FEMALE_SECOND,
  MODERN_MALE,
  MODERN_MALE_SECOND,
  NAME_POOLS,
  STREETS,
  TIMUR_FAMILIES,
} from './demo.data.ts';

// ---------------------------------------------------------------------------------------------
// Random numbers

/** Mixes any strings/numbers into a 32-bit seed (FNV-1a, then a murmur3 finaliser for avalanche). */
export function hashSeed(...parts: readonly (string | number)[]): number {
  const s = parts.join('\u001f');
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small, fast, seedable PRNG (sfc32, state filled by splitmix32); never Math.random. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    // sfc32 needs a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  /** Standard normal (Box-Muller, no cached second value so that the stream stays simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** A categorical distribution: values with relative weights, drawn by one uniform number. */
class Weighted<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [value, weight] of entries) {
      if (weight <= 0) continue;
      sum += weight;
      this.values.push(value);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('Weighted: no positive weight');
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    for (let i = 0; i < this.cumulative.length; i++) if (x < this.cumulative[i]!) return this.values[i]!;
    return this.values[this.values.length - 1]!;
  }
}

const w = <T>(entries: readonly (readonly [T, number])[]) => new Weighted(entries);

/** Draws from `rich` with probability t (0..1), else from `poor`: a household's wealth tilts its housing. */
function tilt<T>(rng: Rng, poor: Weighted<T>, rich: Weighted<T>, t: number): T {
  return rng.chance(t) ? rich.pick(rng) : poor.pick(rng);
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Standard normal CDF (Zelen & Severo approximation; plenty for a percentile). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989423 * Math.exp((-z * z) / 2);
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return z > 0 ? 1 - p : p;
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC): plain integers, no time-zone shifts.

const DAY_MS = 86_400_000;
const YEAR = 365.2425;

const toDay = (d: Ymd) => Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
function fromDay(n: number): Ymd {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// ---------------------------------------------------------------------------------------------
// Public types

/** A lat/lng rectangle. */
export interface Box {
  latMin: number;
  latMax: number;
  lngMin: number;
  lngMax: number;
}

/** Options of generateHouseholds. */
export interface GenerateOptions {
  /** The desa/kelurahan to fill, with their kecamatan (6 digits); processed in code order. */
  desa: readonly { code: string; kecamatan: string }[];
  /** Number of households in total, spread over the desa. */
  households: number;
  seed: number;
  /** Share of households that carry one planted mistake (default 0.02). */
  mistakeRate?: number;
  /** First free 6-digit idbdt serial of a desa (1 for an empty desa). */
  firstSerial: (desa: string) => number;
  /** Where the coordinates fall. */
  box: Box;
  /** The date ages are computed at (YYYY-MM-DD); default 2025-07-01 so that output never depends on the clock. */
  today?: string;
  /** Highest NIK/No KK serial (digits 13-16) already used in a kecamatan, so that new numbers do not repeat old ones (default 0). */
  personSerialFloor?: (kecamatan: string) => number;
  /** Common name of the district's town, used as most locals' tempat_lahir (e.g. "Jakarta"). */
  birthPlace?: string;
}

/** The kinds of planted mistakes and the rule that catches each. */
export const MISTAKE_RULES = {
  NIK_SEX: 'R4',
  NIK_BIRTH_DATE: 'R4',
  NIK_INVALID_DATE: 'R3',
  CHILD_OLDER_THAN_HEAD: 'R7',
  CHILD_UNDER_10_MARRIED: 'R9',
} as const;
/** A kind of planted mistake. */
export type MistakeKind = keyof typeof MISTAKE_RULES;

/** One planted mistake: what, which rule catches it, and on which member. */
export interface PlantedMistake {
  kind: MistakeKind;
  rule: (typeof MISTAKE_RULES)[MistakeKind];
  idartbdt: string;
}

/** A generated household with its members (and the mistake planted in it, if any). */
export interface GeneratedHousehold {
  household: Household;
  members: Member[];
  mistake: PlantedMistake | null;
}

/** Default share of households with a planted mistake. */
export const DEFAULT_MISTAKE_RATE = 0.02;
const DEFAULT_TODAY = '2025-07-01';
// Nobody is born in the last week before `today`: a checker running a day "earlier" in another
// time zone must not see a birth in the future (R11).
const NEWEST_BIRTH_DAYS = 7;

// ---------------------------------------------------------------------------------------------
// District box

// Five Jakarta cities: boxes that cover the city's land (checked against the city outlines).
const JAKARTA_BOXES: Readonly<Record<string, Box>> = {
  '3101': { latMin: -5.9, latMax: -5.45, lngMin: 106.45, lngMax: 106.65 },
  '3171': { latMin: -6.215, latMax: -6.14, lngMin: 106.8, lngMax: 106.875 },
  '3172': { latMin: -6.16, latMax: -6.09, lngMin: 106.69, lngMax: 106.97 },
  '3173': { latMin: -6.22, latMax: -6.1, lngMin: 106.69, lngMax: 106.81 },
  '3174': { latMin: -6.37, latMax: -6.2, lngMin: 106.76, lngMax: 106.87 },
  '3175': { latMin: -6.37, latMax: -6.15, lngMin: 106.84, lngMax: 106.97 },
};

// Approximate centroids of the provinces (lat, lng), for districts without a precise box.
const PROVINCE_CENTROIDS: Readonly<Record<string, readonly [number, number]>> = {
  '11': [4.37, 96.9],
  '12': [2.15, 99.05],
  '13': [-0.74, 100.8],
  '14': [0.29, 101.7],
  '15': [-1.61, 103.6],
  '16': [-3.32, 104.0],
  '17': [-3.8, 102.27],
  '18': [-4.56, 105.4],
  '19': [-2.74, 106.44],
  '21': [0.95, 104.45],
  '31': [-6.2, 106.85],
  '32': [-6.9, 107.6],
  '33': [-7.15, 110.14],
  '34': [-7.88, 110.43],
  '35': [-7.54, 112.24],
  '36': [-6.4, 106.06],
  '51': [-8.34, 115.09],
  '52': [-8.65, 117.36],
  '53': [-8.66, 121.08],
  '61': [-0.28, 111.48],
  '62': [-1.68, 113.38],
  '63': [-3.09, 115.28],
  '64': [0.54, 116.42],
  '65': [3.07, 116.04],
  '71': [0.9, 124.4],
  '72': [-1.43, 121.45],
  '73': [-3.67, 119.97],
  '74': [-4.14, 122.17],
  '75': [0.7, 122.45],
  '76': [-2.84, 119.23],
  '81': [-3.24, 130.15],
  '82': [1.57, 127.81],
  '91': [-2.5, 139.5],
  '92': [-1.34, 133.17],
  '93': [-7.0, 139.5],
  '94': [-3.6, 136.5],
  '95': [-4.1, 138.9],
  '96': [-1.0, 131.5],
};

// The dictionary's lat/lng ranges (household.lat, household.lng), also the database CHECKs.
const LAT_RANGE = [-11.5, 6.5] as const;
const LNG_RANGE = [94.5, 141.5] as const;

/** A plausible lat/lng box for a district (4-digit code): precise for Jakarta, else near its province's centroid. */
export function districtBox(kab: string): Box {
  const precise = JAKARTA_BOXES[kab];
  if (precise) return { ...precise };
  const [lat, lng] = PROVINCE_CENTROIDS[kab.slice(0, 2)] ?? [-2.5, 118.0];
  // Districts of one province sit apart: a deterministic offset of up to ±0.35° from the centroid.
  const rng = new Rng(hashSeed('district-box', kab));
  const cLat = lat + (rng.next() - 0.5) * 0.7;
  const cLng = lng + (rng.next() - 0.5) * 0.7;
  const half = 0.2;
  return {
    latMin: round6(clamp(cLat - half, LAT_RANGE[0], LAT_RANGE[1])),
    latMax: round6(clamp(cLat + half, LAT_RANGE[0], LAT_RANGE[1])),
    lngMin: round6(clamp(cLng - half, LNG_RANGE[0], LNG_RANGE[1])),
    lngMax: round6(clamp(cLng + half, LNG_RANGE[0], LNG_RANGE[1])),
  };
}

// ---------------------------------------------------------------------------------------------
// NIK / No KK serials

// Digits 13-16 of a NIK count the people registered in one kecamatan on one DDMMYY; for a No KK,
// the cards issued there on one day. Counting per (kecamatan, date) keeps every generated number
// unique, so R5 ("NIK also in another household") never fires by accident. Desa are processed in
// code order, so one kecamatan's counters can be dropped when the next starts (bounded memory).
class SerialBook {
  private kecamatan = '';
  private floor = 0;
  private readonly counts = new Map<string, number>();

  constructor(private readonly floorOf: (kecamatan: string) => number) {}

  enter(kecamatan: string): void {
    if (kecamatan === this.kecamatan) return;
    this.kecamatan = kecamatan;
    this.counts.clear();
    this.floor = Math.max(0, Math.floor(this.floorOf(kecamatan)));
  }

  /** Next serial 1..9999 for a key; wraps past 9999 rather than fail (only after thousands of seedings). */
  next(key: string): number {
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return ((this.floor + n - 1) % 9999) + 1;
  }
}

function nikFor(book: SerialBook, kecamatan: string, birth: Ymd, sex: 1 | 2): string {
  const ddmmyy = `${pad(birth.day + (sex === 2 ? 40 : 0), 2)}${pad(birth.month, 2)}${pad(birth.year % 100, 2)}`;
  return makeNik({ regionPrefix6: kecamatan, birthDate: formatIsoDate(birth), sex, serial: book.next(`N${ddmmyy}`) });
}

function noKkFor(book: SerialBook, kecamatan: string, issued: Ymd): string {
  const ddmmyy = `${pad(issued.day, 2)}${pad(issued.month, 2)}${pad(issued.year % 100, 2)}`;
  return `${kecamatan}${ddmmyy}${pad(book.next(`K${ddmmyy}`), 4)}`;
}

// ---------------------------------------------------------------------------------------------
// Region flavour

const ETHNIC_MIX: Readonly<Record<string, Weighted<Ethnicity>>> = (() => {
  const java = w<Ethnicity>([
    ['jawa', 92],
    ['umum', 6],
    ['sunda', 2],
  ]);
  const east = w<Ethnicity>([
    ['timur', 80],
    ['umum', 15],
    ['jawa', 5],
  ]);
  const riau = w<Ethnicity>([
    ['minang', 30],
    ['jawa', 30],
    ['batak', 15],
    ['umum', 25],
  ]);
  return {
    '31': w<Ethnicity>([
      ['jawa', 35],
      ['betawi', 25],
      ['sunda', 20],
      ['minang', 8],
      ['batak', 7],
      ['umum', 5],
    ]),
    '32': w<Ethnicity>([
      ['sunda', 75],
      ['jawa', 12],
      ['betawi', 5],
      ['batak', 3],
      ['minang', 3],
      ['umum', 2],
    ]),
    '33': java,
    '34': java,
    '35': java,
    '36': w<Ethnicity>([
      ['sunda', 50],
      ['jawa', 20],
      ['betawi', 15],
      ['umum', 15],
    ]),
    '12': w<Ethnicity>([
      ['batak', 60],
      ['jawa', 25],
      ['minang', 5],
      ['umum', 10],
    ]),
    '13': w<Ethnicity>([
      ['minang', 90],
      ['jawa', 5],
      ['batak', 3],
      ['umum', 2],
    ]),
    '14': riau,
    '21': riau,
    '18': w<Ethnicity>([
      ['jawa', 55],
      ['sunda', 15],
      ['umum', 30],
    ]),
    '53': east,
    '71': east,
    '81': east,
    '82': east,
    '91': east,
    '92': east,
    '93': east,
    '94': east,
    '95': east,
    '96': east,
  };
})();
const DEFAULT_ETHNIC_MIX = w<Ethnicity>([
  ['umum', 60],
  ['jawa', 30],
  ['sunda', 5],
  ['minang', 5],
]);

// Pigs are kept mostly where few people are Muslim.
const PIG_PROVINCES = new Set(['12', '51', '53', '71', '81', '91', '92', '93', '94', '95', '96']);

// ---------------------------------------------------------------------------------------------
// Names

const NEEDS_SECOND_WORD = new Set(['Muhammad', 'Ahmad', 'Abdul', 'Siti', 'Nur', 'Sri', 'Tri', 'Dwi', 'Catur', 'Eka']);

function familyNameFor(rng: Rng, eth: Ethnicity, province: string): string {
  const pool = eth === 'timur' ? (TIMUR_FAMILIES[province] ?? NAME_POOLS.timur.maleSecond) : NAME_POOLS[eth].maleSecond;
  return rng.pick(pool);
}

/**
 * A full name for a person of a tradition, sex and birth year. `family` is the inherited family
 * name (Batak marga, eastern family name) or, elsewhere, an optional father's name a child may carry.
 */
function personName(rng: Rng, eth: Ethnicity, sex: 1 | 2, birthYear: number, family: string | undefined, province: string): string {
  const pool = NAME_POOLS[eth];
  const male = sex === 1;
  let given: string;
  const generation = birthYear < 1966 ? 'old' : birthYear < 1998 ? 'mid' : 'modern';
  if (generation === 'old') given = rng.pick(male ? pool.maleOld : pool.femaleOld);
  else if (generation === 'mid') given = rng.pick(male ? pool.maleMid : pool.femaleMid);
  // Christian names persist among Batak and eastern families next to the national modern names.
  else if (pool.inherited && rng.chance(0.5)) given = rng.pick(male ? pool.maleMid : pool.femaleMid);
  else given = rng.pick(male ? MODERN_MALE : MODERN_FEMALE);

  if (pool.inherited) {
    const surname = family ?? familyNameFor(rng, eth, province);
    // Batak women often write "Br." (boru, daughter of) before the marga.
    return eth === 'batak' && !male && rng.chance(0.4) ? `${given} Br. ${surname}` : `${given} ${surname}`;
  }
  const twoWords = NEEDS_SECOND_WORD.has(given) || rng.chance(generation === 'old' ? 0.3 : generation === 'mid' ? 0.6 : 0.8);
  if (!twoWords) return given;
  if (family && generation === 'modern' && male && rng.chance(0.5)) return `${given} ${family}`;
  let second: string;
  if (generation === 'modern') second = rng.pick(male ? MODERN_MALE_SECOND : MODERN_FEMALE_SECOND);
  else {
    const seconds = male ? pool.maleSecond : pool.femaleSecond.length > 0 ? pool.femaleSecond : pool.femaleMid;
    second = rng.pick(seconds);
  }
  if (second === given) second = rng.pick(male ? MODERN_MALE_SECOND : MODERN_FEMALE_SECOND);
  return second === given ? given : `${given} ${second}`;
}

const lastWord = (name: string) => name.slice(name.lastIndexOf(' ') + 1);

// ---------------------------------------------------------------------------------------------
// Household structure

/** A person while the household is being built. */
interface Person {
  hub: number;
  hubkel: number;
  nuk: number;
  sex: 1 | 2;
  birth: number; // day number
  /** The birth day as a calendar date, and the age in completed years at the reference date. */
  ymd: Ymd;
  age: number;
  kawin: 1 | 2 | 3 | 4;
  eth: Ethnicity;
  /** Index of the father / mother in the household, when they live there. */
  father?: number;
  mother?: number;
  /** Family name to inherit (Batak, eastern) or pass on (others), set on fathers. */
  family?: string;
  /** Index of the spouse in the household (shares ada_akta_nikah). */
  spouse?: number;
  nama: string;
}

const SIZE = w<number>([
  [1, 8],
  [2, 14],
  [3, 20],
  [4, 23],
  [5, 16],
  [6, 9],
  [7, 5],
  [8, 3],
  [9, 2],
]);
// Husband's age minus wife's age.
const SPOUSE_GAP = w<number>([
  [-3, 2],
  [-2, 3],
  [-1, 5],
  [0, 8],
  [1, 10],
  [2, 12],
  [3, 12],
  [4, 10],
  [5, 9],
  [6, 7],
  [7, 6],
  [8, 5],
  [10, 5],
  [12, 3],
  [15, 2],
]);

type Band = readonly [number, number];
const bands = (entries: readonly (readonly [number, number, number])[]) =>
  w<Band>(entries.map(([lo, hi, weight]) => [[lo, hi] as const, weight]));
const HEAD_AGE_COUPLE_NO_CHILD = bands([
  [22, 29, 25],
  [30, 49, 12],
  [50, 64, 28],
  [65, 85, 35],
]);
const HEAD_AGE_FEW_CHILDREN = bands([
  [22, 29, 14],
  [30, 39, 30],
  [40, 49, 28],
  [50, 59, 20],
  [60, 70, 8],
]);
const HEAD_AGE_MANY_CHILDREN = bands([
  [25, 29, 5],
  [30, 39, 35],
  [40, 49, 40],
  [50, 59, 17],
  [60, 65, 3],
]);
const HEAD_AGE_SINGLE_PARENT = bands([
  [25, 39, 25],
  [40, 49, 27],
  [50, 59, 25],
  [60, 78, 23],
]);
const HEAD_AGE_EXTENDED = bands([
  [45, 54, 25],
  [55, 64, 40],
  [65, 80, 35],
]);
const HEAD_AGE_ALONE_YOUNG = bands([
  [20, 29, 40],
  [30, 44, 35],
  [45, 59, 25],
]);
// Unmarried children living with their parents are mostly never married; some divorced or widowed.
const ADULT_CHILD_KAWIN = w<1 | 3 | 4>([
  [1, 72],
  [3, 20],
  [4, 8],
]);
const ELDERLY_ALONE_KAWIN = w<1 | 3 | 4>([
  [4, 80],
  [3, 15],
  [1, 5],
]);
const YOUNGER_ALONE_KAWIN = w<1 | 3 | 4>([
  [1, 55],
  [3, 30],
  [4, 15],
]);

class HouseholdBuilder {
  readonly people: Person[] = [];
  private nextNuk = 1;

  constructor(
    private readonly rng: Rng,
    private readonly ref: number,
    private readonly refYmd: Ymd,
    private readonly ethnicMix: Weighted<Ethnicity>,
  ) {}

  newNuk(): number {
    return this.nextNuk++;
  }

  /** A birth day for someone aged between minAge and maxAge (completed years) at the reference date. */
  birthForAge(minAge: number, maxAge: number): number {
    const youngest = this.ref - Math.ceil(minAge * YEAR) - 1;
    const span = Math.floor((maxAge + 1 - minAge) * YEAR) - 2;
    return Math.min(this.ref - NEWEST_BIRTH_DAYS, youngest - Math.floor(this.rng.next() * span));
  }

  ageOf(birth: number): number {
    return ageAt(fromDay(birth), this.refYmd);
  }

  add(p: Omit<Person, 'ymd' | 'age' | 'nama'>): number {
    const ymd = fromDay(p.birth);
    // The caller's literal is completed in place: this runs ~4 times per household.
    const person = p as Person;
    person.ymd = ymd;
    person.age = ageAt(ymd, this.refYmd);
    person.nama = '';
    this.people.push(person);
    return this.people.length - 1;
  }

  ethnicity(): Ethnicity {
    return this.ethnicMix.pick(this.rng);
  }

  /** Spouse's ethnicity: usually the same group as the partner. */
  partnerEthnicity(of: Ethnicity): Ethnicity {
    return this.rng.chance(0.75) ? of : this.ethnicity();
  }

  /** Wife's birth day for a husband born `husband`, at least `minAge` years old. */
  wifeBirth(husband: number, minAge: number): number {
    const gapDays = Math.floor(SPOUSE_GAP.pick(this.rng) * YEAR) + this.rng.int(-150, 150);
    return Math.min(husband + gapDays, this.birthForAge(minAge, minAge));
  }

  /** Husband's birth day for a wife born `wife`, at least `minAge` years old. */
  husbandBirth(wife: number, minAge: number): number {
    const gapDays = Math.floor(SPOUSE_GAP.pick(this.rng) * YEAR) + this.rng.int(-150, 150);
    return Math.min(wife - gapDays, this.birthForAge(minAge, minAge));
  }

  /**
   * Birth days of k children of a mother born `mother`: she is 17-45 at each birth, the eldest is
   * at most `maxEldestAge`, siblings mostly 1.2-4.6 years apart (squeezed when the window is short).
   */
  childBirths(mother: number, k: number, maxEldestAge: number): number[] {
    if (k <= 0) return [];
    const earliest = mother + Math.ceil(17 * YEAR);
    let lo = Math.max(earliest, this.ref - Math.floor((maxEldestAge + 1) * YEAR) + 1);
    const hi = Math.min(this.ref - NEWEST_BIRTH_DAYS, mother + Math.floor(45 * YEAR));
    if (hi < lo) lo = Math.min(earliest, hi);
    const span = hi - lo;
    let first = lo + Math.floor(this.rng.next() ** 1.6 * Math.min(span, 12 * YEAR));
    const gaps: number[] = [];
    for (let i = 1; i < k; i++) gaps.push(this.rng.int(440, 1700));
    const total = gaps.reduce((a, b) => a + b, 0);
    let scale = 1;
    if (first + total > hi) {
      first = lo;
      if (lo + total > hi) scale = (hi - lo) / total;
    }
    const out = [first];
    let at = first;
    for (const g of gaps) {
      at += Math.floor(g * scale);
      out.push(Math.min(at, hi));
    }
    return out;
  }

  childKawin(age: number): 1 | 2 | 3 | 4 {
    if (age < 18) return 1;
    if (age < 25) return this.rng.chance(0.96) ? 1 : 3;
    return ADULT_CHILD_KAWIN.pick(this.rng);
  }

  sex(pMale = 0.51): 1 | 2 {
    return this.rng.chance(pMale) ? 1 : 2;
  }
}

/** Builds the people of one household of `n` members: roles, families, sexes, birth dates, marital status. */
function buildPeople(b: HouseholdBuilder, rng: Rng, n: number): void {
  if (n === 1) return buildAlone(b, rng);
  if (n >= 4 && rng.chance(0.16)) return buildExtended(b, rng, n);
  return buildNuclear(b, rng, n);
}

function buildAlone(b: HouseholdBuilder, rng: Rng): void {
  const eth = b.ethnicity();
  const nuk = b.newNuk();
  if (rng.chance(0.55)) {
    // An elderly widow(er) living alone: the most common one-person poor household.
    const birth = b.birthForAge(60, 90);
    b.add({ hub: 1, hubkel: 1, nuk, sex: b.sex(0.3), birth, kawin: ELDERLY_ALONE_KAWIN.pick(rng), eth });
    return;
  }
  const [lo, hi] = HEAD_AGE_ALONE_YOUNG.pick(rng);
  const birth = b.birthForAge(lo, hi);
  let kawin = YOUNGER_ALONE_KAWIN.pick(rng);
  if (kawin === 4 && b.ageOf(birth) < 35) kawin = 3;
  b.add({ hub: 1, hubkel: 1, nuk, sex: b.sex(0.6), birth, kawin, eth });
}

/**
 * The head's spouse, when present, born to suit `spouseAge` (wifeBirth/husbandBirth); then who the
 * children's father and mother are. Without a spouse the head is one parent; a mother who lives
 * elsewhere (divorced) or died is taken to be `absentMotherYounger` years younger than the head.
 */
function addSpouse(
  b: HouseholdBuilder,
  h: { head: number; sex: 1 | 2; birth: number; nuk: number; eth: Ethnicity },
  present: boolean,
  spouseAge: number,
  absentMotherYounger: number,
): { father?: number; mother?: number; motherBirth: number } {
  if (present) {
    const spouse = b.add({
      hub: 2,
      hubkel: 2,
      nuk: h.nuk,
      sex: h.sex === 1 ? 2 : 1,
      birth: h.sex === 1 ? b.wifeBirth(h.birth, spouseAge) : b.husbandBirth(h.birth, spouseAge),
      kawin: 2,
      eth: b.partnerEthnicity(h.eth),
      spouse: h.head,
    });
    b.people[h.head]!.spouse = spouse;
    const [father, mother] = h.sex === 1 ? [h.head, spouse] : [spouse, h.head];
    return { father, mother, motherBirth: b.people[mother]!.birth };
  }
  if (h.sex === 2) return { mother: h.head, motherBirth: h.birth };
  return { father: h.head, motherBirth: h.birth + Math.floor(absentMotherYounger * YEAR) };
}

function buildNuclear(b: HouseholdBuilder, rng: Rng, n: number): void {
  const couple = rng.chance(0.8);
  let slots = n - 1 - (couple ? 1 : 0);
  const grandparent = slots >= 1 && n >= 3 && rng.chance(0.11) ? 1 : 0;
  const other = slots - grandparent >= 1 && n >= 3 && rng.chance(0.06) ? 1 : 0;
  slots -= grandparent + other;
  let kids = slots;

  const eth = b.ethnicity();
  const nuk = b.newNuk();
  const band = !couple
    ? HEAD_AGE_SINGLE_PARENT
    : kids === 0
      ? HEAD_AGE_COUPLE_NO_CHILD
      : kids <= 2
        ? HEAD_AGE_FEW_CHILDREN
        : HEAD_AGE_MANY_CHILDREN;
  const [lo, hi] = band.pick(rng);
  const headSex = couple ? b.sex(0.96) : b.sex(0.28);
  const headBirth = b.birthForAge(lo, hi);
  const headAge = b.ageOf(headBirth);
  const headKawin: 1 | 2 | 3 | 4 = couple ? 2 : headAge >= 60 ? (rng.chance(0.8) ? 4 : 3) : rng.chance(0.5) ? 4 : 3;
  const head = b.add({ hub: 1, hubkel: 1, nuk, sex: headSex, birth: headBirth, kawin: headKawin, eth });

  const { father, mother, motherBirth } = addSpouse(b, { head, sex: headSex, birth: headBirth, nuk, eth }, couple, 18, 3);

  if (grandparent) {
    // A parent of the head or of the spouse, 20-32 years older than that child, at most ~92.
    const ofHead = !couple || rng.chance(0.6);
    const child = ofHead ? head : head + 1;
    const childBirth = b.people[child]!.birth;
    const birth = childBirth - Math.floor(rng.int(20, 32) * YEAR) - rng.int(0, 364);
    if (b.ageOf(birth) <= 92) {
      const sex = b.sex(0.3);
      const gp = b.add({
        hub: 6,
        hubkel: 6,
        nuk,
        sex,
        birth,
        kawin: rng.chance(0.88) ? 4 : 3,
        eth: b.people[child]!.eth,
      });
      if (sex === 2) b.people[child]!.mother = gp;
    } else kids++;
  }
  if (other) {
    // A nephew, niece or younger sibling; an adult one has a family card of their own.
    const birth = b.birthForAge(10, 35);
    const age = b.ageOf(birth);
    const own = age >= 18;
    b.add({
      hub: 8,
      hubkel: own ? 1 : 8,
      nuk: own ? b.newNuk() : nuk,
      sex: b.sex(),
      birth,
      kawin: age >= 25 && rng.chance(0.2) ? 3 : 1,
      eth,
    });
  }

  for (const birth of b.childBirths(motherBirth, kids, 35)) {
    const age = b.ageOf(birth);
    b.add({
      hub: 3,
      hubkel: 3,
      nuk,
      sex: b.sex(),
      birth,
      kawin: b.childKawin(age),
      eth: b.people[father ?? head]!.eth,
      father,
      mother,
    });
  }
}

function buildExtended(b: HouseholdBuilder, rng: Rng, n: number): void {
  // Three generations: an older head (with or without spouse), one married child with their
  // spouse (menantu) and grandchildren (cucu); remaining places are unmarried children.
  const spousePresent = rng.chance(0.72);
  const eth = b.ethnicity();
  const nuk = b.newNuk();
  const [lo, hi] = HEAD_AGE_EXTENDED.pick(rng);
  const headSex = spousePresent ? b.sex(0.95) : b.sex(0.3);
  const headBirth = b.birthForAge(lo, hi);
  const head = b.add({
    hub: 1,
    hubkel: 1,
    nuk,
    sex: headSex,
    birth: headBirth,
    kawin: spousePresent ? 2 : rng.chance(0.85) ? 4 : 3,
    eth,
  });

  const { father, mother, motherBirth } = addSpouse(b, { head, sex: headSex, birth: headBirth, nuk, eth }, spousePresent, 40, 4);
  const familyEth = b.people[father ?? head]!.eth;

  // The married child: 20 or older, born when the mother was 18-40.
  const mcLo = motherBirth + Math.ceil(18 * YEAR);
  const mcHi = Math.min(motherBirth + Math.floor(40 * YEAR), b.birthForAge(20, 20));
  const mcBirth = mcHi > mcLo ? mcLo + rng.int(0, mcHi - mcLo) : mcHi;
  const mcSex = b.sex(0.5);
  const ownCard = rng.chance(0.7);
  const childNuk = ownCard ? b.newNuk() : nuk;
  const mc = b.add({
    hub: 3,
    hubkel: ownCard ? (mcSex === 1 ? 1 : 2) : 3,
    nuk: childNuk,
    sex: mcSex,
    birth: mcBirth,
    kawin: 2,
    eth: familyEth,
    father,
    mother,
  });
  const inLawSex: 1 | 2 = mcSex === 1 ? 2 : 1;
  const inLawBirth = mcSex === 1 ? b.wifeBirth(mcBirth, 18) : b.husbandBirth(mcBirth, 18);
  const inLaw = b.add({
    hub: 4,
    hubkel: ownCard ? (inLawSex === 1 ? 1 : 2) : 4,
    nuk: childNuk,
    sex: inLawSex,
    birth: inLawBirth,
    kawin: 2,
    eth: b.partnerEthnicity(familyEth),
    spouse: mc,
  });
  b.people[mc]!.spouse = inLaw;
  const [cucuFather, cucuMother] = mcSex === 1 ? [mc, inLaw] : [inLaw, mc];

  let remaining = n - b.people.length;
  const cucu = remaining > 0 ? Math.min(remaining, rng.int(1, 3)) : 0;
  remaining -= cucu;
  for (const birth of b.childBirths(b.people[cucuMother]!.birth, cucu, 25)) {
    const age = b.ageOf(birth);
    b.add({
      hub: 5,
      hubkel: ownCard ? 3 : 5,
      nuk: childNuk,
      sex: b.sex(),
      birth,
      kawin: b.childKawin(age),
      eth: b.people[cucuFather]!.eth,
      father: cucuFather,
      mother: cucuMother,
    });
  }
  for (const birth of b.childBirths(motherBirth, remaining, 40)) {
    const age = b.ageOf(birth);
    b.add({ hub: 3, hubkel: 3, nuk, sex: b.sex(), birth, kawin: b.childKawin(age), eth: familyEth, father, mother });
  }
}

/** Names everyone: parents first (people are added parents-first), children inherit the father's family name. */
function namePeople(b: HouseholdBuilder, rng: Rng, province: string): void {
  for (const p of b.people) {
    const birthYear = p.ymd.year;
    const fatherP = p.father === undefined ? undefined : b.people[p.father];
    let family: string | undefined;
    if (NAME_POOLS[p.eth].inherited) family = fatherP?.family;
    else if (fatherP?.nama.includes(' ')) family = lastWord(fatherP.nama);
    p.nama = personName(rng, p.eth, p.sex, birthYear, family, province);
    if (NAME_POOLS[p.eth].inherited) {
      // The marga or family name is the last word; a Batak woman keeps her father's (Br.).
      p.family = lastWord(p.nama);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Education, work, health

interface Schooling {
  partisipasi_sekolah: number;
  pendidikan_tertinggi: number | null;
  kelas_tertinggi: number | null;
  ijazah_tertinggi: number;
}

const NEVER: Schooling = {
  partisipasi_sekolah: 0,
  pendidikan_tertinggi: null,
  kelas_tertinggi: null,
  ijazah_tertinggi: 0,
};

type Attainment = 'never' | 'sd-' | 'sd' | 'smp-' | 'smp' | 'sma-' | 'sma' | 'pt-' | 'd3' | 's1';
// The youngest age at which each attainment is possible; a draw beyond the age steps down.
const ATTAINMENT_ORDER: readonly Attainment[] = ['never', 'sd-', 'sd', 'smp-', 'smp', 'sma-', 'sma', 'pt-', 'd3', 's1'];
const ATTAINMENT_MIN_AGE: Readonly<Record<Attainment, number>> = {
  never: 0,
  'sd-': 8,
  sd: 12,
  'smp-': 13,
  smp: 15,
  'sma-': 16,
  sma: 18,
  'pt-': 19,
  d3: 21,
  s1: 22,
};
const ATTAIN_BEFORE_1960 = w<Attainment>([
  ['never', 25],
  ['sd-', 25],
  ['sd', 30],
  ['smp-', 5],
  ['smp', 8],
  ['sma-', 2],
  ['sma', 5],
  ['d3', 0.3],
  ['s1', 0.3],
]);
const ATTAIN_1960_1979 = w<Attainment>([
  ['never', 6],
  ['sd-', 14],
  ['sd', 35],
  ['smp-', 7],
  ['smp', 18],
  ['sma-', 4],
  ['sma', 14],
  ['pt-', 0.5],
  ['d3', 0.7],
  ['s1', 0.8],
]);
const ATTAIN_SINCE_1980 = w<Attainment>([
  ['never', 2],
  ['sd-', 5],
  ['sd', 22],
  ['smp-', 6],
  ['smp', 27],
  ['sma-', 5],
  ['sma', 30],
  ['pt-', 1],
  ['d3', 1],
  ['s1', 1.5],
]);

// Completed levels: the regular school, the madrasah, or the equivalence programme (Paket A/B/C).
const SD_DONE = w<number>([
  [1, 80],
  [3, 17],
  [2, 3],
]);
const SMP_DONE = w<number>([
  [4, 75],
  [6, 20],
  [5, 5],
]);
const SMA_DONE = w<number>([
  [7, 72],
  [9, 18],
  [8, 10],
]);
// Levels attended now: SMP/MTs/Paket B and SMA/MA/Paket C.
const SMP_NOW = w<number>([
  [4, 78],
  [6, 20],
  [5, 2],
]);
const SMA_NOW = w<number>([
  [7, 70],
  [9, 20],
  [8, 10],
]);

function attained(rng: Rng, a: Attainment): Schooling {
  const sd = () => SD_DONE.pick(rng);
  const smp = () => SMP_DONE.pick(rng);
  const sma = () => SMA_DONE.pick(rng);
  const left = (pendidikan: number, kelas: number, ijazah: number): Schooling => ({
    partisipasi_sekolah: 2,
    pendidikan_tertinggi: pendidikan,
    kelas_tertinggi: kelas,
    ijazah_tertinggi: ijazah,
  });
  switch (a) {
    case 'never':
      return NEVER;
    case 'sd-':
      return left(rng.chance(0.85) ? 1 : 3, rng.int(1, 5), 0);
    case 'sd':
      return left(sd(), 8, 1);
    case 'smp-':
      return left(rng.chance(0.8) ? 4 : 6, rng.int(1, 2), 1);
    case 'smp':
      return left(smp(), 8, 2);
    case 'sma-':
      return left(rng.chance(0.8) ? 7 : 9, rng.int(1, 2), 2);
    case 'sma':
      return left(sma(), 8, 3);
    case 'pt-':
      return left(10, rng.int(1, 3), 3);
    case 'd3':
      return left(10, 8, 4);
    case 's1':
      return left(10, 8, 5);
  }
}

function schooling(rng: Rng, age: number, birthYear: number, urban: boolean): Schooling {
  if (age < 5) return NEVER;
  if (age <= 6) {
    return age === 6 && rng.chance(0.35)
      ? {
          partisipasi_sekolah: 1,
          pendidikan_tertinggi: rng.chance(0.8) ? 1 : 3,
          kelas_tertinggi: 1,
          ijazah_tertinggi: 0,
        }
      : NEVER;
  }
  const lag = rng.chance(0.2) ? 1 : 0; // started late or repeated a class
  if (age <= 12) {
    if (rng.chance(0.97))
      return {
        partisipasi_sekolah: 1,
        pendidikan_tertinggi: rng.chance(0.8) ? 1 : 3,
        kelas_tertinggi: clamp(age - 6 - lag, 1, 6),
        ijazah_tertinggi: 0,
      };
    return rng.chance(0.4)
      ? NEVER
      : { partisipasi_sekolah: 2, pendidikan_tertinggi: 1, kelas_tertinggi: clamp(age - 8, 1, 5), ijazah_tertinggi: 0 };
  }
  if (age <= 15 && rng.chance(0.88)) {
    return {
      partisipasi_sekolah: 1,
      pendidikan_tertinggi: SMP_NOW.pick(rng),
      kelas_tertinggi: clamp(age - 12 - lag, 1, 3),
      ijazah_tertinggi: 1,
    };
  }
  if (age >= 16 && age <= 18 && rng.chance(urban ? 0.75 : 0.62)) {
    return {
      partisipasi_sekolah: 1,
      pendidikan_tertinggi: SMA_NOW.pick(rng),
      kelas_tertinggi: clamp(age - 15 - lag, 1, 3),
      ijazah_tertinggi: 2,
    };
  }
  if (age >= 19 && age <= 24 && rng.chance(0.1)) {
    return {
      partisipasi_sekolah: 1,
      pendidikan_tertinggi: 10,
      kelas_tertinggi: clamp(age - 18, 1, 7),
      ijazah_tertinggi: 3,
    };
  }
  const table = birthYear < 1960 ? ATTAIN_BEFORE_1960 : birthYear < 1980 ? ATTAIN_1960_1979 : ATTAIN_SINCE_1980;
  let a = table.pick(rng);
  while (ATTAINMENT_MIN_AGE[a] > age) a = ATTAINMENT_ORDER[ATTAINMENT_ORDER.indexOf(a) - 1]!;
  return attained(rng, a);
}

const SECTOR_URBAN = w<number>([
  [12, 28],
  [11, 14],
  [14, 12],
  [19, 14],
  [13, 10],
  [9, 9],
  [20, 3],
  [17, 1],
  [18, 1],
  [15, 1],
  [1, 1],
  [21, 6],
]);
const SECTOR_RURAL = w<number>([
  [1, 28],
  [2, 6],
  [3, 10],
  [4, 3],
  [5, 2],
  [6, 3],
  [7, 2],
  [8, 2],
  [9, 7],
  [11, 10],
  [12, 14],
  [13, 3],
  [14, 4],
  [19, 4],
  [17, 1],
  [21, 2],
]);
const STATUS_AGRI = w<number>([
  [1, 30],
  [2, 15],
  [6, 35],
  [4, 8],
  [8, 12],
]);
const STATUS_OTHER = w<number>([
  [1, 30],
  [2, 5],
  [3, 1],
  [4, 36],
  [5, 2],
  [7, 20],
  [8, 6],
]);

interface Work {
  sta_bekerja: boolean;
  lapangan_usaha: number | null;
  status_pekerjaan: number | null;
}

const NOT_WORKING: Work = { sta_bekerja: false, lapangan_usaha: null, status_pekerjaan: null };

function work(rng: Rng, p: Person, inSchool: boolean, disabled: boolean, urban: boolean): Work {
  const { age, sex } = p;
  // Nobody under 10 works (R9 warns under 5; the questionnaire asks from 10).
  if (age < 10) return NOT_WORKING;
  let chance: number;
  if (age <= 14) chance = urban ? 0.02 : 0.05;
  else if (sex === 1)
    chance = age <= 17 ? (inSchool ? 0.05 : 0.45) : age <= 24 ? (inSchool ? 0.1 : 0.7) : age <= 59 ? 0.93 : age <= 69 ? 0.65 : 0.35;
  else chance = age <= 17 ? (inSchool ? 0.03 : 0.25) : age <= 24 ? (inSchool ? 0.08 : 0.4) : age <= 59 ? 0.45 : age <= 69 ? 0.3 : 0.12;
  if (disabled) chance /= 2;
  if (!rng.chance(chance)) return NOT_WORKING;
  const sector = (urban ? SECTOR_URBAN : SECTOR_RURAL).pick(rng);
  let status: number;
  if (age <= 14)
    status = 8; // helping the family
  else if (sector === 20)
    status = rng.chance(0.6) ? 1 : 7; // pemulung
  else if (sector <= 7) status = STATUS_AGRI.pick(rng);
  else status = STATUS_OTHER.pick(rng);
  if (status === 5 && ![17, 18, 19].includes(sector)) status = 4; // civil servants teach, nurse or administer
  if (sex === 2 && p.hub === 2 && rng.chance(0.25)) status = 8; // a wife helping in the family business
  return { sta_bekerja: true, lapangan_usaha: sector, status_pekerjaan: status };
}

const DISABILITY = w<number>([
  [1, 30],
  [2, 12],
  [3, 10],
  [4, 6],
  [5, 8],
  [6, 3],
  [7, 1],
  [8, 1],
  [9, 1],
  [10, 14],
  [11, 8],
  [12, 6],
]);
const CHRONIC = w<number>([
  [1, 35],
  [2, 18],
  [3, 10],
  [4, 8],
  [5, 12],
  [6, 4],
  [7, 5],
  [8, 2],
  [9, 6],
]);
const MARRIAGE_CERT = w<number>([
  [2, 60],
  [3, 15],
  [1, 25],
]);

// ---------------------------------------------------------------------------------------------
// Housing and assets

const POOR = {
  urban: {
    bangunan: w<number>([
      [1, 40],
      [2, 42],
      [3, 14],
      [4, 1],
      [5, 3],
    ]),
    lantai: w<number>([
      [2, 30],
      [4, 20],
      [6, 40],
      [8, 5],
      [9, 4],
      [10, 1],
    ]),
    dinding: w<number>([
      [1, 78],
      [2, 7],
      [3, 9],
      [4, 3],
      [7, 3],
    ]),
    atap: w<number>([
      [4, 22],
      [5, 38],
      [6, 32],
      [3, 4],
      [10, 4],
    ]),
    air: w<number>([
      [2, 50],
      [4, 14],
      [3, 12],
      [5, 20],
      [6, 4],
    ]),
    masak: w<number>([
      [3, 86],
      [5, 4],
      [9, 6],
      [8, 2],
      [7, 2],
    ]),
    fasbab: w<number>([
      [1, 50],
      [2, 30],
      [3, 17],
      [4, 3],
    ]),
  },
  rural: {
    bangunan: w<number>([
      [1, 78],
      [2, 6],
      [3, 13],
      [4, 1],
      [5, 2],
    ]),
    lantai: w<number>([
      [6, 38],
      [2, 12],
      [9, 24],
      [8, 12],
      [7, 6],
      [4, 6],
      [10, 2],
    ]),
    dinding: w<number>([
      [1, 50],
      [3, 18],
      [4, 15],
      [2, 6],
      [5, 4],
      [6, 5],
      [7, 2],
    ]),
    atap: w<number>([
      [4, 38],
      [6, 34],
      [5, 10],
      [9, 10],
      [7, 3],
      [8, 3],
      [10, 2],
    ]),
    air: w<number>([
      [5, 18],
      [6, 28],
      [7, 14],
      [8, 10],
      [9, 6],
      [10, 4],
      [11, 4],
      [2, 12],
      [4, 4],
    ]),
    masak: w<number>([
      [3, 55],
      [8, 36],
      [5, 3],
      [7, 3],
      [6, 1],
      [9, 2],
    ]),
    fasbab: w<number>([
      [1, 45],
      [2, 20],
      [3, 10],
      [4, 25],
    ]),
  },
};
const BETTER = {
  urban: {
    bangunan: w<number>([
      [1, 60],
      [2, 32],
      [3, 6],
      [4, 1],
      [5, 1],
    ]),
    lantai: w<number>([
      [2, 70],
      [4, 20],
      [6, 9],
      [1, 1],
    ]),
    dinding: w<number>([
      [1, 97],
      [2, 2],
      [3, 1],
    ]),
    atap: w<number>([
      [4, 35],
      [1, 20],
      [2, 10],
      [3, 15],
      [5, 20],
    ]),
    air: w<number>([
      [2, 45],
      [3, 30],
      [1, 10],
      [5, 15],
    ]),
    masak: w<number>([
      [3, 80],
      [2, 10],
      [1, 5],
      [4, 5],
    ]),
    fasbab: w<number>([
      [1, 85],
      [2, 12],
      [3, 3],
    ]),
  },
  rural: {
    bangunan: w<number>([
      [1, 88],
      [2, 5],
      [3, 6],
      [4, 1],
    ]),
    lantai: w<number>([
      [2, 45],
      [6, 35],
      [4, 15],
      [5, 5],
    ]),
    dinding: w<number>([
      [1, 85],
      [3, 10],
      [2, 5],
    ]),
    atap: w<number>([
      [4, 55],
      [6, 20],
      [3, 10],
      [1, 10],
      [5, 5],
    ]),
    air: w<number>([
      [5, 30],
      [6, 30],
      [2, 25],
      [3, 10],
      [8, 5],
    ]),
    masak: w<number>([
      [3, 85],
      [8, 10],
      [2, 5],
    ]),
    fasbab: w<number>([
      [1, 80],
      [2, 15],
      [3, 5],
    ]),
  },
};
const LAHAN = w<number>([
  [1, 72],
  [2, 12],
  [3, 13],
  [4, 3],
]);
const PENERANGAN_RURAL = w<number>([
  [1, 90],
  [2, 6],
  [3, 4],
]);
const KLOSET = {
  urban: w<number>([
    [1, 82],
    [2, 9],
    [3, 8],
    [4, 1],
  ]),
  rural: w<number>([
    [1, 60],
    [2, 15],
    [3, 22],
    [4, 3],
  ]),
};
const TINJA = {
  urban: w<number>([
    [1, 76],
    [2, 14],
    [3, 5],
    [4, 4],
    [6, 1],
  ]),
  rural: w<number>([
    [1, 48],
    [2, 5],
    [3, 25],
    [4, 12],
    [5, 7],
    [6, 3],
  ]),
};
const DAYA = w<number>([
  [1, 45],
  [2, 40],
  [3, 8],
  [4, 1],
  [5, 0.5],
  [6, 5.5],
]);

interface DesaContext {
  code: string;
  kecamatan: string;
  province: string;
  urban: boolean;
  /** Per RW: number of RTs and, in a rural desa, the hamlet (dusun) name. */
  rws: { rts: number; hamlet: string; streets: string[] }[];
  lat: number;
  lng: number;
  spread: number;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];

function desaContext(code: string, kecamatan: string, box: Box): DesaContext {
  // Shape and place of a desa come from its code only (not the seed), so that every seeding
  // of a district puts a desa in the same spot with the same RT/RW.
  const rng = new Rng(hashSeed('desa', code));
  // Kemendagri: the 7th digit is 1 for a kelurahan (urban), 2 for a desa (rural).
  const urban = code.charAt(6) === '1';
  const rwCount = urban ? rng.int(5, 14) : rng.int(2, 8);
  const rws = Array.from({ length: rwCount }, () => ({
    rts: urban ? rng.int(5, 15) : rng.int(3, 8),
    hamlet: rng.pick(HAMLETS),
    streets: Array.from({ length: rng.int(2, 4) }, () => rng.pick(STREETS)),
  }));
  // Desa cluster around their kecamatan's centre.
  const kec = new Rng(hashSeed('kecamatan', kecamatan));
  const height = box.latMax - box.latMin;
  const width = box.lngMax - box.lngMin;
  const kLat = box.latMin + height * (0.15 + 0.7 * kec.next());
  const kLng = box.lngMin + width * (0.15 + 0.7 * kec.next());
  const lat = clamp(kLat + (rng.next() - 0.5) * height * 0.3, box.latMin, box.latMax);
  const lng = clamp(kLng + (rng.next() - 0.5) * width * 0.3, box.lngMin, box.lngMax);
  return {
    code,
    kecamatan,
    province: code.slice(0, 2),
    urban,
    rws,
    lat,
    lng,
    spread: Math.min(0.006, height * 0.03, width * 0.03),
  };
}

// ---------------------------------------------------------------------------------------------
// Mistakes

const MISTAKE_KINDS = w<MistakeKind>([
  ['NIK_SEX', 25],
  ['NIK_BIRTH_DATE', 30],
  ['NIK_INVALID_DATE', 15],
  ['CHILD_OLDER_THAN_HEAD', 15],
  ['CHILD_UNDER_10_MARRIED', 15],
]);

/** A real date near `d`, not after `latest`, whose DDMMYY differs: day and month swapped, a day slip, or a year slip. */
function wrongDate(rng: Rng, d: Ymd, latest: Ymd): Ymd {
  for (let attempt = 0; attempt < 20; attempt++) {
    const how = rng.int(0, 2);
    let c: Ymd;
    if (how === 0 && d.day <= 12 && d.day !== d.month) c = { year: d.year, month: d.day, day: d.month };
    else if (how === 1) c = { ...d, day: d.day + rng.pick([-2, -1, 1, 2]) };
    else c = { ...d, year: d.year + rng.pick([-1, 1]) };
    if (isRealDate(c.year, c.month, c.day) && c.year >= 1900 && toDay(c) <= toDay(latest)) return c;
  }
  // A day slip backwards always works (births are at least a week before `latest`).
  return fromDay(toDay(d) - 1);
}

/**
 * A NIK whose digits 7-12 are not a real date (R3): a day written into the month (month > 12),
 * or 30/31 February, or 31 of a 30-day month — impossible in any century.
 */
function invalidDateNik(rng: Rng, book: SerialBook, kecamatan: string, d: Ymd, sex: 1 | 2): string {
  let dd: number;
  let mm: number;
  if (d.day > 12) [dd, mm] = [d.month, d.day];
  else if (rng.chance(0.5)) [dd, mm] = [rng.int(30, 31), 2];
  else [dd, mm] = [31, rng.pick([4, 6, 9, 11])];
  const ddmmyy = `${pad(dd + (sex === 2 ? 40 : 0), 2)}${pad(mm, 2)}${pad(d.year % 100, 2)}`;
  return `${kecamatan}${ddmmyy}${pad(book.next(`N${ddmmyy}`), 4)}`;
}

function plantMistake(rng: Rng, members: Member[], book: SerialBook, kecamatan: string, refYmd: Ymd): PlantedMistake | null {
  const present = members.filter((m) => m.sta_keberadaan_art === 1 || m.sta_keberadaan_art === 4);
  const head = present.find((m) => m.hub_krt === 1);
  const children = present.filter((m) => m.hub_krt === 3);
  const under10 = present.filter((m) => ageAt(parseIsoDate(m.tanggal_lahir)!, refYmd) < 10);
  let kind = MISTAKE_KINDS.pick(rng);
  if (kind === 'CHILD_OLDER_THAN_HEAD' && (!head || children.length === 0)) kind = 'NIK_BIRTH_DATE';
  if (kind === 'CHILD_UNDER_10_MARRIED' && under10.length === 0) kind = 'NIK_SEX';
  const sexOf = (m: Member) => (m.jenis_kelamin === 2 ? 2 : 1) as 1 | 2;

  let victim: Member;
  switch (kind) {
    case 'NIK_SEX': {
      // The NIK was keyed with the other sex (day + 40 missing or added).
      victim = rng.pick(present);
      victim.nik = nikFor(book, kecamatan, parseIsoDate(victim.tanggal_lahir)!, sexOf(victim) === 1 ? 2 : 1);
      break;
    }
    case 'NIK_BIRTH_DATE': {
      victim = rng.pick(present);
      victim.nik = nikFor(book, kecamatan, wrongDate(rng, parseIsoDate(victim.tanggal_lahir)!, refYmd), sexOf(victim));
      break;
    }
    case 'NIK_INVALID_DATE': {
      victim = rng.pick(present);
      victim.nik = invalidDateNik(rng, book, kecamatan, parseIsoDate(victim.tanggal_lahir)!, sexOf(victim));
      break;
    }
    case 'CHILD_OLDER_THAN_HEAD': {
      // The child's birth year was typed 1-3 years before the head's; the NIK was issued from the
      // same wrong date, so only R7 notices.
      victim = rng.pick(children);
      const headBirth = parseIsoDate(head!.tanggal_lahir)!;
      const own = parseIsoDate(victim.tanggal_lahir)!;
      const year = headBirth.year - rng.int(1, 3);
      const wrong = { year, month: own.month, day: isRealDate(year, own.month, own.day) ? own.day : 28 };
      victim.tanggal_lahir = formatIsoDate(wrong);
      victim.nik = nikFor(book, kecamatan, wrong, sexOf(victim));
      // Keep the mistake single: an "old" pregnant daughter would also raise R10.
      if (victim.sta_hamil === true && ageAt(wrong, refYmd) > 55) victim.sta_hamil = false;
      break;
    }
    case 'CHILD_UNDER_10_MARRIED': {
      // Marital status keyed as "Kawin" for a small child; a marriage certificate answer is
      // required once sta_kawin is not 1, and "Tidak" is what an operator would then pick.
      victim = rng.pick(under10);
      victim.sta_kawin = 2;
      victim.ada_akta_nikah = 1;
      break;
    }
  }
  return { kind, rule: MISTAKE_RULES[kind], idartbdt: victim.idartbdt };
}

// ---------------------------------------------------------------------------------------------
// The generator

const PRESENT = new Set([1, 4]);

/**
 * Generates households (with members) for the given desa, deterministically from the options.
 * Yields one household at a time so that callers can stream any number of them.
 */
export function* generateHouseholds(opts: GenerateOptions): Generator<GeneratedHousehold> {
  const total = Math.floor(opts.households);
  if (!(total >= 0)) throw new Error('generateHouseholds: households must be a non-negative number');
  const desaList = [...opts.desa].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (desaList.length === 0) {
    if (total > 0) throw new Error('generateHouseholds: no desa given');
    return;
  }
  const mistakeRate = opts.mistakeRate ?? DEFAULT_MISTAKE_RATE;
  const today = parseIsoDate(opts.today ?? DEFAULT_TODAY);
  if (!today) throw new Error('generateHouseholds: today must be YYYY-MM-DD');
  const ref = toDay(today);
  const book = new SerialBook(opts.personSerialFloor ?? (() => 0));

  // Households per desa: uneven (weights 0.4-1.4), summing exactly to the total (largest remainder).
  const top = new Rng(hashSeed('district', opts.seed, total, desaList.length));
  const weights = desaList.map(() => 0.4 + top.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((x) => (x / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]!++;
  }

  for (let d = 0; d < desaList.length; d++) {
    const { code, kecamatan } = desaList[d]!;
    const count = counts[d]!;
    if (count === 0) continue;
    if (!/^[0-9]{10}$/.test(code) || !/^[0-9]{6}$/.test(kecamatan) || !code.startsWith(kecamatan)) {
      throw new Error(`generateHouseholds: bad desa ${code} / kecamatan ${kecamatan}`);
    }
    const first = opts.firstSerial(code);
    if (!Number.isInteger(first) || first < 1 || first + count - 1 > 999_999) {
      throw new Error(`generateHouseholds: desa ${code} has no room for ${count} more households after serial ${first - 1}`);
    }
    book.enter(kecamatan);
    const ctx = desaContext(code, kecamatan, opts.box);
    const rng = new Rng(hashSeed('households', opts.seed, code, first));
    const mix = ETHNIC_MIX[ctx.province] ?? DEFAULT_ETHNIC_MIX;
    for (let i = 0; i < count; i++) {
      yield makeHousehold(rng, ctx, `${code}${pad(first + i, 6)}`, {
        ref,
        today,
        mix,
        book,
        mistakeRate,
        birthPlace: opts.birthPlace,
        box: opts.box,
      });
    }
  }
}

interface HouseholdParams {
  ref: number;
  today: Ymd;
  mix: Weighted<Ethnicity>;
  book: SerialBook;
  mistakeRate: number;
  birthPlace: string | undefined;
  box: Box;
}

function makeHousehold(rng: Rng, ctx: DesaContext, idbdt: string, hp: HouseholdParams): GeneratedHousehold {
  const { urban, kecamatan, province } = ctx;
  const b = new HouseholdBuilder(rng, hp.ref, hp.today, hp.mix);
  buildPeople(b, rng, SIZE.pick(rng));
  namePeople(b, rng, province);
  const people = b.people;
  const size = people.length;
  // Latent welfare: drives housing, assets and the percentile; larger households are poorer per head.
  const wealth = rng.normal() - 0.12 * (size - 4);
  const better = logistic(1.4 * wealth - 0.6);

  // Members
  const localShare = province === '31' ? 0.45 : 0.8;
  const members: Member[] = people.map((p, i) => {
    const birth = p.ymd;
    const tanggal = formatIsoDate(birth);
    const disabled = rng.chance(0.012 + 0.0005 * p.age);
    const cacat = disabled ? DISABILITY.pick(rng) : 0;
    const chronicChance = p.age < 30 ? 0.02 : p.age < 50 ? 0.08 : p.age < 65 ? 0.25 : 0.4;
    const school = schooling(rng, p.age, birth.year, urban);
    const job = work(rng, p, school.partisipasi_sekolah === 1, cacat !== 0, urban);
    const married = p.kawin === 2;
    // Pregnancy is asked of women; only married women of 15-49 are ever pregnant here (R10).
    let hamil: boolean | null = null;
    if (p.sex === 2 && p.age >= 10) {
      const pPregnant = !married || p.age < 15 || p.age > 49 ? 0 : p.age <= 35 ? 0.07 : p.age <= 44 ? 0.03 : 0.005;
      hamil = rng.chance(pPregnant);
    }
    // Children and young people were born where the household lives; adults often came from elsewhere.
    const local = hp.birthPlace !== undefined && (p.age < 20 || p.eth === 'betawi' || rng.chance(localShare));
    const tempat = local ? hp.birthPlace! : rng.pick(BIRTH_PLACES[p.eth]);
    const mother = p.mother === undefined ? undefined : people[p.mother];
    let ibu: string | null = mother?.nama ?? null;
    if (!ibu && rng.chance(0.9)) ibu = personName(rng, p.eth, 2, birth.year - rng.int(20, 35), undefined, province);
    // New members (4) are mostly babies born since the last survey; a few grown children moved out (3).
    let keberadaan = 1;
    if (p.age === 0 && rng.chance(0.3)) keberadaan = 4;
    else if (p.hub === 3 && p.age >= 18 && p.kawin !== 2 && rng.chance(0.015)) keberadaan = 3;
    return {
      idartbdt: `${idbdt}${pad(i + 1, 2)}`,
      nik: nikFor(hp.book, kecamatan, birth, p.sex),
      no_kk: '', // set per family below
      nuk: p.nuk,
      nama: p.nama,
      hub_krt: p.hub,
      hubkel: p.hubkel,
      jenis_kelamin: p.sex,
      tempat_lahir: tempat,
      tanggal_lahir: tanggal,
      sta_kawin: p.kawin,
      ada_akta_nikah: p.kawin === 1 ? null : MARRIAGE_CERT.pick(rng),
      ada_dikk: rng.chance(p.hub === 8 ? 0.8 : 0.97),
      sta_hamil: hamil,
      jenis_cacat: cacat,
      penyakit_kronis: rng.chance(chronicChance) ? CHRONIC.pick(rng) : 0,
      ...school,
      ...job,
      sta_keberadaan_art: keberadaan,
      nama_ibu_kandung: ibu,
      // Programme memberships follow the KPM/PBI lists (dictionary: readOnly); the demo has none yet.
      ada_kks: false,
      ada_pbi: false,
      ada_kip: false,
      ada_pkh: false,
      idbdt,
      version: 1,
    } satisfies Member;
  });
  // A married couple answers the marriage-certificate question once.
  people.forEach((p, i) => {
    if (p.spouse !== undefined && p.spouse < i) members[i]!.ada_akta_nikah = members[p.spouse]!.ada_akta_nikah;
  });
  // One family card per nuk, issued after its youngest member was born (cards are re-issued at births).
  const families = new Map<number, number>();
  for (const p of people) families.set(p.nuk, Math.max(families.get(p.nuk) ?? 0, p.birth));
  const cardOf = new Map<number, string>();
  for (const [nuk, youngest] of families) {
    const from = Math.max(youngest + 14, toDay({ year: 2008, month: 1, day: 1 }));
    const issued = from >= hp.ref - 2 ? hp.ref - 2 : from + rng.int(0, Math.min(hp.ref - 2 - from, 5 * 365));
    cardOf.set(nuk, noKkFor(hp.book, kecamatan, fromDay(issued)));
  }
  for (const m of members) m.no_kk = cardOf.get(m.nuk)!;

  const mistake = rng.chance(hp.mistakeRate) ? plantMistake(rng, members, hp.book, kecamatan, hp.today) : null;

  const household = makeHouseholdFields(rng, ctx, idbdt, members, wealth, better, hp.box);
  return { household, members, mistake };
}

function makeHouseholdFields(
  rng: Rng,
  ctx: DesaContext,
  idbdt: string,
  members: Member[],
  wealth: number,
  better: number,
  box: Box,
): Household {
  const { urban, province } = ctx;
  const zone = urban ? 'urban' : 'rural';
  const poor = POOR[zone];
  const rich = BETTER[zone];
  const present = members.filter((m) => PRESENT.has(m.sta_keberadaan_art));
  const size = Math.max(1, present.length);

  // Address: RT/RW (and dusun in a desa).
  const rwIndex = rng.int(0, ctx.rws.length - 1);
  const rw = ctx.rws[rwIndex]!;
  const rt = rng.int(1, rw.rts);
  const sls = `RT ${pad(rt, 3)} RW ${pad(rwIndex + 1, 3)}`;
  const number = rng.int(1, 150);
  let alamat: string;
  if (urban) {
    const suffix = rng.chance(0.3) ? ` ${rng.pick(ROMAN)}` : '';
    alamat = `${rng.chance(0.55) ? 'Gg.' : 'Jl.'} ${rng.pick(rw.streets)}${suffix} No. ${number}${rng.chance(0.2) ? String.fromCharCode(65 + rng.int(0, 3)) : ''}`;
  } else {
    alamat = rng.chance(0.6) ? `Dusun ${rw.hamlet}` : `Kp. ${rw.hamlet} No. ${number}`;
  }

  const staBangunan = tilt(rng, poor.bangunan, rich.bangunan, better);
  const perHead = urban ? 6 + 5 * better : 9 + 6 * better;
  const luas = Math.round(
    clamp(Math.exp(Math.log(perHead * size + (urban ? 10 : 18)) + 0.3 * rng.normal()), urban ? 6 : 9, urban ? 250 : 400),
  );
  const lantai = tilt(rng, poor.lantai, rich.lantai, better);
  const dinding = tilt(rng, poor.dinding, rich.dinding, better);
  const atap = tilt(rng, poor.atap, rich.atap, better);
  const kamar = luas < 12 && rng.chance(0.4) ? 0 : clamp(Math.round(luas / 14 + 0.5 * rng.normal()), 1, 6);
  const air = tilt(rng, poor.air, rich.air, better);
  const cara = air === 3 ? 2 : [1, 2, 4].includes(air) ? 1 : air === 5 && rng.chance(0.1) ? 1 : 3;
  const penerangan = urban ? (rng.chance(0.99) ? 1 : 2) : PENERANGAN_RURAL.pick(rng);
  const daya = penerangan === 1 ? DAYA.pick(rng) : null;
  const masak = tilt(rng, poor.masak, rich.masak, better);
  const fasbab = tilt(rng, poor.fasbab, rich.fasbab, better);
  const kloset = fasbab === 4 ? 4 : KLOSET[zone].pick(rng);
  // Without a toilet, waste goes to water or open ground.
  const tinja = kloset === 4 ? (rng.chance(0.6) ? 4 : 5) : TINJA[zone].pick(rng);

  const has = (base: number, slope: number) => rng.chance(logistic(Math.log(base / (1 - base)) + slope * wealth));
  const gasCooking = masak === 2 || masak === 3;
  const boats = !urban && rng.chance(0.05);
  const perahu = boats && rng.chance(0.6);
  const motorTempel = perahu && rng.chance(0.4);
  const perahuMotor = boats && !perahu ? true : boats && rng.chance(0.15);
  const atb = has(urban ? 0.05 : 0.22, 0.8);
  const livestock = (base: number, max: number) => (urban ? 0 : rng.chance(base) ? rng.int(1, max) : 0);

  const workers = present.filter((m) => m.sta_bekerja);
  const employees = workers.some((m) => m.status_pekerjaan === 4 || m.status_pekerjaan === 5);
  const students = present.some((m) => m.partisipasi_sekolah === 1);
  const youngOrOld = present.some((m) => m.hub_krt !== 1 && (m.sta_hamil === true || m.partisipasi_sekolah === 1)) || present.length >= 5;
  const poorer = wealth < -0.5 ? 1 : 0;

  const derived = deriveHouseholdFields(members);
  // BDT households sit mostly in the bottom four deciles; about 10% ranked above after updates.
  const z = 0.8 * wealth + 0.6 * rng.normal();
  const u = normalCdf(z);
  const persentil = clamp(u < 0.9 ? 1 + Math.floor((u / 0.9) * 40) : 41 + Math.floor(((u - 0.9) / 0.1) * 60), 1, 100);

  const lat = round6(clamp(ctx.lat + rng.normal() * ctx.spread, box.latMin, box.latMax));
  const lng = round6(clamp(ctx.lng + rng.normal() * ctx.spread, box.lngMin, box.lngMax));

  return {
    idbdt,
    kode_wilayah: ctx.code,
    alamat,
    nama_sls: urban ? sls : `Dusun ${rw.hamlet} ${sls}`,
    nama_krt: derived.nama_krt,
    jumlah_art: derived.jumlah_art,
    jumlah_keluarga: derived.jumlah_keluarga,
    sta_bangunan: staBangunan,
    sta_lahan: staBangunan === 1 ? LAHAN.pick(rng) : null,
    luas_lantai: luas,
    lantai,
    dinding,
    kondisi_dinding: rng.chance(clamp(0.25 + 0.5 * better, 0, 1)) ? 1 : 2,
    atap,
    kondisi_atap: rng.chance(clamp(0.25 + 0.5 * better, 0, 1)) ? 1 : 2,
    jumlah_kamar: kamar,
    sumber_airminum: air,
    nomor_meter_air: air === 3 && rng.chance(0.8) ? String(rng.int(10_000_000, 99_999_999)) : null,
    cara_peroleh_airminum: cara,
    sumber_penerangan: penerangan,
    daya,
    nomor_pln: daya !== null && daya !== 6 && rng.chance(0.85) ? `5${pad(rng.int(0, 99_999), 5)}${pad(rng.int(0, 999_999), 6)}` : null,
    bb_masak: masak,
    nomor_gas: masak === 4 && rng.chance(0.7) ? pad(rng.int(0, 9_999_999), 10) : null,
    fasbab,
    kloset,
    buang_tinja: tinja,
    ada_tabung_gas: gasCooking ? rng.chance(0.97) : rng.chance(0.08),
    ada_lemari_es: has(urban ? 0.45 : 0.28, 1.0),
    ada_ac: has(urban ? 0.02 : 0.005, 1.2),
    ada_pemanas: has(0.01, 1.0),
    ada_telepon: has(urban ? 0.04 : 0.01, 0.8),
    ada_tv: has(urban ? 0.86 : 0.74, 0.9),
    ada_emas: has(0.05, 0.9),
    ada_laptop: has(urban ? 0.06 : 0.03, 1.0),
    ada_sepeda: has(urban ? 0.2 : 0.35, 0.4),
    ada_motor: has(urban ? 0.55 : 0.6, 1.0),
    ada_mobil: has(0.01, 1.2),
    ada_perahu: perahu,
    ada_motor_tempel: motorTempel,
    ada_perahu_motor: perahuMotor,
    ada_kapal: boats && rng.chance(0.05),
    aset_tak_bergerak: atb,
    luas_atb: atb ? Math.round(clamp(Math.exp((urban ? Math.log(60) : Math.log(1200)) + 0.8 * rng.normal()), 10, 50_000)) : null,
    rumah_lain: has(urban ? 0.02 : 0.04, 0.8),
    jumlah_sapi: livestock(0.1, 3),
    jumlah_kerbau: livestock(0.03, 2),
    jumlah_kuda: livestock(0.005, 1),
    jumlah_babi: PIG_PROVINCES.has(province) ? livestock(0.25, 4) : 0,
    jumlah_kambing: urban ? (rng.chance(0.02) ? rng.int(1, 3) : 0) : livestock(0.15, 6),
    sta_art_usaha: workers.some((m) => m.status_pekerjaan !== null && m.status_pekerjaan <= 3),
    sta_kks: rng.chance(0.3 + 0.15 * poorer),
    sta_kip: students && rng.chance(0.45),
    sta_kis: rng.chance(0.6),
    sta_bpjs_mandiri: has(0.08, 0.6),
    sta_jamsostek: employees ? rng.chance(0.3) : rng.chance(0.02),
    sta_asuransi: has(0.02, 0.8),
    sta_pkh: rng.chance(0.08 + (youngOrOld ? 0.15 : 0) + 0.1 * poorer),
    sta_rastra: rng.chance(0.35 + 0.15 * poorer),
    sta_kur: workers.some((m) => m.status_pekerjaan !== null && m.status_pekerjaan <= 3) && rng.chance(0.06),
    persentil,
    lat,
    lng,
    version: 1,
    status: 'AKTIF',
  };
}
