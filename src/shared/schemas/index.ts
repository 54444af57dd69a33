// Zod schemas of household and member records as stored and released (siks-format.md 3.1),
// built by looping over the dictionary so that a dictionary change flows through.
// They check each field on its own (JSON type, code list, range, length, pattern, date);
// rules across fields (requiredWhen, R1…) are src/shared/rules, which also gives bilingual messages.
import { z } from 'zod';
import { HOUSEHOLD_STATUSES, type HouseholdStatus } from '../api/vocabulary.ts';
import { type Entity, type FieldDef, entityFields, fieldDef, regionCodeLength } from '../dictionary/index.ts';
import type { RecordOf, householdFieldTypes, memberFieldTypes } from './field-types.ts';

export { householdFieldTypes, memberFieldTypes } from './field-types.ts';

/** Household status in the registry (the API's vocabulary). */
export { HOUSEHOLD_STATUSES, type HouseholdStatus };

/** Whether a field is never null in a stored record: required, or an id the system assigns. */
export function isNonNullInRecord(def: FieldDef): boolean {
  return def.required === true || def.type === 'id';
}

function withRange(schema: z.ZodNumber, def: FieldDef): z.ZodNumber {
  let s = schema;
  if (def.min !== undefined) s = s.min(def.min);
  if (def.max !== undefined) s = s.max(def.max);
  return s;
}

/** Zod schema of a field's non-null value: its JSON type plus code list, range, maxLength, pattern or date. */
export function fieldValueSchema(def: FieldDef): z.ZodType {
  switch (def.type) {
    case 'id':
      return z.string().regex(new RegExp(def.pattern ?? '^[0-9]+$'));
    case 'region':
      return z.string().regex(new RegExp(`^[0-9]{${regionCodeLength(def.level ?? 'desa')}}$`));
    case 'nik':
    case 'nokk':
      // Only the shape: a stored NIK with an impossible date is a rule (R3) finding, not unreadable data.
      return z.string().regex(/^[0-9]{16}$/);
    case 'code': {
      const codes = Object.keys(def.codes ?? {}).map(Number);
      return codes.length > 0 ? z.literal(codes) : z.never();
    }
    case 'integer':
      return withRange(z.number().int(), def);
    case 'decimal':
      return withRange(z.number(), def);
    case 'boolean':
      return z.boolean();
    case 'text': {
      // UTF-16 length: never longer than the database's varchar (which counts code points).
      const s = z.string();
      return def.maxLength !== undefined ? s.max(def.maxLength) : s;
    }
    case 'date':
      return z.iso.date();
  }
}

/** Zod schema of a field inside a stored record: nullable unless required (or an assigned id). */
export function recordFieldSchema(def: FieldDef): z.ZodType {
  const value = fieldValueSchema(def);
  if (!isNonNullInRecord(def)) return value.nullable();
  // A required text that is only blanks is as good as missing.
  return def.type === 'text' ? (value as z.ZodString).regex(/\S/, 'required') : value;
}

function recordShape(entity: Entity): Record<string, z.ZodType> {
  return Object.fromEntries(entityFields(entity).map((def) => [def.name, recordFieldSchema(def)]));
}

// The schemas are built at runtime, so their static type comes from the checked mirror table.
type ShapeOf<T> = { [K in keyof T]-?: z.ZodType<T[K]> };
type HouseholdRecord = RecordOf<typeof householdFieldTypes> & { version: number; status: HouseholdStatus };
type MemberRecord = RecordOf<typeof memberFieldTypes> & { idbdt: string; version: number };

const idbdtDef = fieldDef('household', 'idbdt');
if (!idbdtDef) throw new Error('bdt-dictionary: household.idbdt is missing');

/** A household as stored and released: every dictionary field (missing = null), version and status; no other keys. */
export const householdSchema = z.strictObject({
  ...recordShape('household'),
  version: z.number().int().min(1),
  status: z.enum(HOUSEHOLD_STATUSES),
}) as unknown as z.ZodObject<ShapeOf<HouseholdRecord>, z.core.$strict>;

/** A member as stored and released: every dictionary field (missing = null), idbdt and version; no other keys. */
export const memberSchema = z.strictObject({
  ...recordShape('member'),
  idbdt: fieldValueSchema(idbdtDef),
  version: z.number().int().min(1),
}) as unknown as z.ZodObject<ShapeOf<MemberRecord>, z.core.$strict>;

export type Household = z.infer<typeof householdSchema>;
export type Member = z.infer<typeof memberSchema>;
