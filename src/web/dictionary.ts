// The BDT data dictionary as the household page needs it: labels, code meanings, groups and the
// display of a value. Imported only by the household page (a lazily loaded chunk), so the
// dictionary does not weigh on the first page load.
import dictionaryJson from '../shared/dictionary/bdt-dictionary.json' with { type: 'json' };
import { formatDate, formatNumber, formatRegionCode } from './format.ts';

export type FieldType = 'id' | 'region' | 'nik' | 'nokk' | 'code' | 'integer' | 'decimal' | 'boolean' | 'text' | 'date';
export type Entity = 'household' | 'member';

export interface FieldDef {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly q?: string;
  readonly codes?: Readonly<Record<string, string>>;
}

interface DictionaryShape {
  entities: { household: readonly FieldDef[]; member: readonly FieldDef[] };
}

const dictionary = dictionaryJson as unknown as DictionaryShape;

export const householdFields: readonly FieldDef[] = dictionary.entities.household;
export const memberFields: readonly FieldDef[] = dictionary.entities.member;

const byName: Record<Entity, ReadonlyMap<string, FieldDef>> = {
  household: new Map(householdFields.map((f) => [f.name, f])),
  member: new Map(memberFields.map((f) => [f.name, f])),
};

const indexOf: Record<Entity, ReadonlyMap<string, number>> = {
  household: new Map(householdFields.map((f, i) => [f.name, i])),
  member: new Map(memberFields.map((f, i) => [f.name, i])),
};

/** A field's place in the dictionary (the questionnaire's order); unknown fields come last. */
export function dictionaryIndex(entity: Entity, name: string): number {
  return indexOf[entity].get(name) ?? Number.MAX_SAFE_INTEGER;
}

/** The definition of a field, or undefined. */
export function fieldDef(entity: Entity, name: string): FieldDef | undefined {
  return byName[entity].get(name);
}

/** The meaning of a code of a code field ('2' or 2 → 'Keramik'), or undefined when unknown. */
export function codeMeaning(field: FieldDef, value: unknown): string | undefined {
  if (!field.codes || value === null || value === undefined || value === '') return undefined;
  const key = String(value).trim();
  return Object.hasOwn(field.codes, key) ? field.codes[key] : undefined;
}

export const HOUSEHOLD_GROUPS = ['identitas', 'perumahan', 'aset', 'program', 'lainnya'] as const;
export type HouseholdGroup = (typeof HOUSEHOLD_GROUPS)[number];

/**
 * The section of the household page a field belongs to, from its questionnaire item:
 * Blok III → housing; V.1–V.4 → assets; V.5–V.6 → businesses and programmes; the rest
 * (identification, percentile, coordinates) by name.
 */
export function householdGroup(field: FieldDef): HouseholdGroup {
  const q = field.q ?? '';
  if (q.startsWith('III.')) return 'perumahan';
  const v = /^V\.(\d+)/.exec(q);
  if (v) return Number(v[1]) <= 4 ? 'aset' : 'program';
  if (field.name === 'persentil' || field.name === 'lat' || field.name === 'lng') return 'lainnya';
  return 'identitas';
}

/** Household fields by group, in dictionary order within each group. */
export function groupedHouseholdFields(): { group: HouseholdGroup; fields: FieldDef[] }[] {
  return HOUSEHOLD_GROUPS.map((group) => ({
    group,
    fields: householdFields.filter((f) => householdGroup(f) === group),
  }));
}

export interface ValueTexts {
  yes: string;
  no: string;
  empty: string;
  locale: string;
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 't' || value === '1' || value === 1) return true;
  if (value === 'false' || value === 'f' || value === '0' || value === 0) return false;
  return undefined;
}

/**
 * A field value for display: code meanings ('Keramik'), Ya/Tidak, grouped numbers, Indonesian
 * dates, dotted region codes. Accepts API values (numbers, booleans) and history text ('2', 'true').
 * An unknown code is shown as it is rather than hidden.
 */
export function formatFieldValue(field: FieldDef | undefined, value: unknown, texts: ValueTexts): string {
  if (value === null || value === undefined || value === '') return texts.empty;
  if (!field) return String(value);
  switch (field.type) {
    case 'code':
      return codeMeaning(field, value) ?? String(value);
    case 'boolean': {
      const b = asBoolean(value);
      return b === undefined ? String(value) : b ? texts.yes : texts.no;
    }
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      return Number.isFinite(n) && String(value).trim() !== '' ? formatNumber(n, texts.locale) : String(value);
    }
    case 'date':
      return formatDate(String(value), texts.locale);
    case 'region':
      return formatRegionCode(String(value));
    default:
      return String(value);
  }
}
