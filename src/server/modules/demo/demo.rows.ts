// The demo seeder's rows as COPY text, batch by batch: generation, placement on the map and
// encoding in one pass with no row arrays in between. Pure (no database), so that it runs the
// same in the seeding thread and in the generation thread (demo.worker.ts).
import { householdFields, memberFields } from '../../../shared/dictionary/index.ts';
import { copyValue } from '../../platform/copy-text.ts';
import { pointPlacer, type Shape } from '../gis/index.ts';
import { type Box, generateHouseholds, hashSeed, Rng } from './demo.generator.ts';

// COPY column lists in dictionary order, plus the record columns that are not dictionary fields.
// kab_kota (the distribution column, issue 18) comes first in every row: each line starts with the seeded district.
const HOUSEHOLD_FIELDS: readonly string[] = [...householdFields.map((f) => f.name), 'version', 'status'];
const MEMBER_FIELDS: readonly string[] = [...memberFields.map((f) => f.name), 'idbdt', 'version'];
export const HOUSEHOLD_COLUMNS: readonly string[] = ['kab_kota', ...HOUSEHOLD_FIELDS];
export const MEMBER_COLUMNS: readonly string[] = ['kab_kota', ...MEMBER_FIELDS];
export const LOCATION_COLUMNS: readonly string[] = ['kab_kota', 'idbdt', 'lat', 'lng'];

// A batch of 5,000 households (~20,000 members) is a few MB of text, so memory stays flat however
// large the district.
const BATCH_HOUSEHOLDS = 5_000;

/** Everything a seeding generates from, read from the database beforehand (structured-clone safe). */
export interface SeedPlan {
  kab: string;
  desa: { code: string; kecamatan: string }[];
  households: number;
  seed: number;
  mistakeRate: number;
  /** Next free idbdt serial per desa. */
  nextSerial: Map<string, number>;
  /** Highest NIK / No KK serial per kecamatan. */
  personFloor: Map<string, number>;
  box: Box;
  today: string;
  birthPlace: string;
  /** The district's desa shapes: every household gets a point inside its desa's. */
  shapes: { code: string; geometry: Shape }[];
}

/** One batch of COPY text per table and its row counts. */
export interface SeedBatch {
  households: string;
  members: string;
  locations: string;
  counts: { households: number; members: number; points: number };
}

// One COPY line per record. Fields are joined from an array, and a batch from an array of lines:
// appending piece by piece builds deep rope strings whose flattening made the encoding slower than
// the generation itself (docs/performance.md).
function lineEncoder(kab: string, columns: readonly string[]): (record: object) => string {
  const fields: string[] = new Array(columns.length);
  return (record) => {
    const r = record as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) fields[i] = copyValue(r[columns[i]!]);
    return `${kab}\t${fields.join('\t')}\n`;
  };
}

/** The seeding's rows as COPY text in batches, deterministic per plan (the same households, members and points on every run). */
export function* seedBatches(plan: SeedPlan): Generator<SeedBatch> {
  const householdLine = lineEncoder(plan.kab, HOUSEHOLD_FIELDS);
  const memberLine = lineEncoder(plan.kab, MEMBER_FIELDS);
  const place = pointPlacer(plan.shapes);
  const pointRng = new Rng(hashSeed('household-points', plan.kab, plan.seed));
  const nextPoint = () => pointRng.next();
  const generated = generateHouseholds({
    desa: plan.desa,
    households: plan.households,
    seed: plan.seed,
    mistakeRate: plan.mistakeRate,
    firstSerial: (code) => plan.nextSerial.get(code) ?? 1,
    box: plan.box,
    today: plan.today,
    personSerialFloor: (kecamatan) => plan.personFloor.get(kecamatan) ?? 0,
    birthPlace: plan.birthPlace,
  });
  let households: string[] = [];
  let members: string[] = [];
  let locations: string[] = [];
  let memberCount = 0;
  const batch = (): SeedBatch => ({
    households: households.join(''),
    members: members.join(''),
    locations: locations.join(''),
    counts: { households: households.length, members: memberCount, points: locations.length },
  });
  for (const g of generated) {
    const h: Record<string, unknown> = g.household;
    const point = place(g.household.kode_wilayah, nextPoint);
    if (point) {
      [h.lng, h.lat] = point;
      locations.push(`${plan.kab}\t${g.household.idbdt}\t${point[1]}\t${point[0]}\n`);
    }
    households.push(householdLine(h));
    for (const member of g.members) members.push(memberLine(member));
    memberCount += g.members.length;
    if (households.length >= BATCH_HOUSEHOLDS) {
      yield batch();
      households = [];
      members = [];
      locations = [];
      memberCount = 0;
    }
  }
  if (households.length > 0) yield batch();
}
