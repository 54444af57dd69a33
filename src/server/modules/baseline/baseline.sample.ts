// Baseline files made from the demo generator, for tests and the benchmark: households.csv and
// members.csv with the dictionary's columns (plus idbdt on members), as a baseline is delivered.
import { householdFields, memberFields } from '../../../shared/dictionary/index.ts';
import { type GeneratedHousehold, districtBox, generateHouseholds } from '../demo/index.ts';

/** The columns of each file: the dictionary's fields without the derived ones. */
export const BASELINE_COLUMNS = {
  households: householdFields.filter((f) => !f.derived).map((f) => f.name),
  members: [...memberFields.map((f) => f.name), 'idbdt'],
} as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line of a record in the given column order. */
export function baselineLine(columns: readonly string[], record: Readonly<Record<string, unknown>>): string {
  return `${columns.map((c) => csvCell(record[c])).join(',')}\r\n`;
}

/** Generated demo households of the given desa (no planted mistakes), deterministic per seed. */
export function sampleHouseholds(opts: {
  kab: string;
  desa: readonly { code: string; kecamatan: string }[];
  households: number;
  seed: number;
}): Iterable<GeneratedHousehold> {
  return generateHouseholds({
    desa: opts.desa,
    households: opts.households,
    seed: opts.seed,
    mistakeRate: 0,
    firstSerial: () => 1,
    box: districtBox(opts.kab),
    birthPlace: 'Jakarta',
  });
}

/** Writes the households and members of `generated` as two CSV texts, line by line, to the two sinks. */
export function writeBaselineCsv(
  generated: Iterable<GeneratedHousehold>,
  out: { households(line: string): void; members(line: string): void },
): { households: number; members: number } {
  out.households(`${BASELINE_COLUMNS.households.join(',')}\r\n`);
  out.members(`${BASELINE_COLUMNS.members.join(',')}\r\n`);
  let households = 0;
  let members = 0;
  for (const g of generated) {
    out.households(baselineLine(BASELINE_COLUMNS.households, g.household as unknown as Record<string, unknown>));
    households++;
    for (const m of g.members) {
      out.members(baselineLine(BASELINE_COLUMNS.members, m as unknown as Record<string, unknown>));
      members++;
    }
  }
  return { households, members };
}
