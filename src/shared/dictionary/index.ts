// Typed access to the BDT data dictionary (bdt-dictionary.json). Browser-safe: no I/O.
import dictionaryJson from './bdt-dictionary.json' with { type: 'json' };

/** The two record kinds the dictionary describes. */
export type Entity = 'household' | 'member';

/** Value types of the dictionary; their JSON form is fixed by siks-format.md "General conventions". */
export const FIELD_TYPES = ['id', 'region', 'nik', 'nokk', 'code', 'integer', 'decimal', 'boolean', 'text', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Kemendagri region levels, named as in the release's regions.ndjson (plus provinsi). */
export type RegionLevel = 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';

/** One field of the dictionary, as written in bdt-dictionary.json. */
export interface FieldDef {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  /** Questionnaire item, e.g. "III.3". */
  readonly q?: string;
  readonly required?: boolean;
  readonly readOnly?: boolean;
  /** How the system computes the field; operators never set it. */
  readonly derived?: string;
  readonly pattern?: string;
  readonly level?: RegionLevel;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  /** Code (as a decimal string) → label. */
  readonly codes?: Readonly<Record<string, string>>;
  readonly requiredWhen?: string;
  readonly forbiddenWhen?: string;
  readonly note?: string;
}

export interface RuleDef {
  readonly id: string;
  readonly level: 'error' | 'warning';
  readonly text: string;
}

export interface VervalResultDef {
  readonly code: number;
  readonly key: string;
  readonly label: string;
  readonly note: string;
}

export interface Dictionary {
  readonly name: string;
  readonly version: number;
  readonly source: string;
  readonly regionCodes: string;
  readonly entities: { readonly household: readonly FieldDef[]; readonly member: readonly FieldDef[] };
  readonly vervalResult: Readonly<Record<string, Omit<VervalResultDef, 'code'>>>;
  readonly rules: readonly RuleDef[];
}

// JSON imports widen string literals, so the cast needs a runtime check: a field type or rule
// level the code does not know must fail loudly at start-up, not be silently skipped later.
function asDictionary(json: unknown): Dictionary {
  const d = json as Dictionary;
  for (const entity of ['household', 'member'] as const) {
    for (const f of d.entities[entity]) {
      if (!(FIELD_TYPES as readonly string[]).includes(f.type)) {
        throw new Error(`bdt-dictionary: field ${entity}.${f.name} has unknown type ${String(f.type)}`);
      }
    }
  }
  for (const r of d.rules) {
    if (r.level !== 'error' && r.level !== 'warning') throw new Error(`bdt-dictionary: rule ${r.id} has unknown level`);
  }
  return d;
}

/** The whole dictionary, typed. */
export const dictionary: Dictionary = asDictionary(dictionaryJson);

/** Household fields in dictionary order. */
export const householdFields: readonly FieldDef[] = dictionary.entities.household;

/** Member fields in dictionary order. */
export const memberFields: readonly FieldDef[] = dictionary.entities.member;

// Maps rather than plain objects so that names such as "constructor" are never found by accident.
const byName: Record<Entity, ReadonlyMap<string, FieldDef>> = {
  household: new Map(householdFields.map((f) => [f.name, f])),
  member: new Map(memberFields.map((f) => [f.name, f])),
};

/** Fields of an entity in dictionary order. */
export function entityFields(entity: Entity): readonly FieldDef[] {
  return dictionary.entities[entity];
}

/** The definition of a field, or undefined when the dictionary has no such field. */
export function fieldDef(entity: Entity, name: string): FieldDef | undefined {
  return byName[entity].get(name);
}

/** The label of a code of a code field, or undefined for an unknown field or code. */
export function codeLabel(entity: Entity, field: string, code: number | string): string | undefined {
  const codes = fieldDef(entity, field)?.codes;
  if (!codes) return undefined;
  const key = String(code);
  return Object.hasOwn(codes, key) ? codes[key] : undefined;
}

/** Verval results by code (1 DITEMUKAN … 6 GANDA). */
export const vervalResults: Readonly<Record<number, VervalResultDef>> = Object.fromEntries(
  Object.entries(dictionary.vervalResult).map(([code, r]) => [Number(code), { code: Number(code), ...r }]),
);

/** The dictionary's rules (R1…) by id. */
export const ruleDefs: ReadonlyMap<string, RuleDef> = new Map(dictionary.rules.map((r) => [r.id, r]));

/** Fields an operator may propose a value for: neither readOnly nor derived (kode_wilayah included; only new households may set it). */
export function editableFields(entity: Entity): FieldDef[] {
  return entityFields(entity).filter((f) => !f.readOnly && !f.derived);
}

/** Fields marked required (unconditionally) in the dictionary. */
export function requiredFields(entity: Entity): FieldDef[] {
  return entityFields(entity).filter((f) => f.required === true);
}

/** sta_keberadaan_art codes meaning the member lives in the household (1 tinggal di ruta, 4 anggota baru). */
export const PRESENT_MEMBER_CODES: readonly number[] = [1, 4];

/** Whether a member record counts as present (sta_keberadaan_art 1 or 4). */
export function isPresentMember(member: Readonly<Record<string, unknown>>): boolean {
  const code = member.sta_keberadaan_art;
  return typeof code === 'number' && PRESENT_MEMBER_CODES.includes(code);
}

const LEVEL_BY_LENGTH: ReadonlyMap<number, RegionLevel> = new Map([
  [2, 'provinsi'],
  [4, 'kabkota'],
  [6, 'kecamatan'],
  [10, 'desa'],
]);

/** Number of digits of a region code at a level. */
export function regionCodeLength(level: RegionLevel): number {
  for (const [length, l] of LEVEL_BY_LENGTH) if (l === level) return length;
  throw new Error(`unknown region level ${String(level)}`);
}

/** The level of an undotted Kemendagri code (2/4/6/10 digits), or undefined when it is not one. */
export function regionLevel(code: string): RegionLevel | undefined {
  return /^[0-9]+$/.test(code) ? LEVEL_BY_LENGTH.get(code.length) : undefined;
}

/** Dotted display form of a region code ('3174011001' → '31.74.01.1001'): the one formatter of shared/codes.ts. */
export { formatRegionCode } from '../codes.ts';
