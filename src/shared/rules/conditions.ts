// The dictionary's requiredWhen / forbiddenWhen expressions: `field = 1`, `field != 1`,
// `field = true`, `field = false`. Nothing richer is needed, so anything else is refused loudly.
import { type Entity, codeLabel, fieldDef } from '../dictionary/index.ts';
import { type Message, labelOf, own } from './issues.ts';

/** A parsed condition: compare one field of the same record with a literal. */
export interface Condition {
  field: string;
  op: '=' | '!=';
  value: number | boolean;
}

const CONDITION = /^\s*([a-z_][a-z0-9_]*)\s*(!=|=)\s*(true|false|-?[0-9]+)\s*$/;

/** Parses a condition expression; throws on any form the dictionary does not use. */
export function parseCondition(expr: string): Condition {
  const m = CONDITION.exec(expr);
  if (!m || m[1] === undefined || m[3] === undefined) throw new Error(`unsupported condition: ${expr}`);
  const literal = m[3];
  const value = literal === 'true' ? true : literal === 'false' ? false : Number(literal);
  return { field: m[1], op: m[2] === '!=' ? '!=' : '=', value };
}

// A validation run evaluates the same few expressions thousands of times.
const parsed = new Map<string, Condition>();

function toCondition(expr: string | Condition): Condition {
  if (typeof expr !== 'string') return expr;
  let c = parsed.get(expr);
  if (!c) {
    c = parseCondition(expr);
    parsed.set(expr, c);
  }
  return c;
}

/**
 * Whether a condition holds for a record.
 * When the referenced field is null, absent or of another JSON type than the literal, the
 * condition is false for `=` and for `!=` alike: an unknown value neither requires nor forbids
 * the dependent field. So with sta_kawin null, ada_akta_nikah is neither REQUIRED_WHEN nor
 * FORBIDDEN_WHEN; the missing sta_kawin is reported once (REQUIRED) instead of cascading.
 */
export function evalCondition(expr: string | Condition, record: Readonly<Record<string, unknown>>): boolean {
  const c = toCondition(expr);
  const v = own(record, c.field);
  if (typeof v !== typeof c.value) return false;
  return c.op === '=' ? v === c.value : v !== c.value;
}

/** The condition as an operator reads it, e.g. `Partisipasi sekolah bukan "Tidak/belum pernah sekolah"`. */
export function describeCondition(entity: Entity, expr: string | Condition): Message {
  const c = toCondition(expr);
  const label = labelOf(entity, c.field);
  let id: string;
  let en: string;
  if (typeof c.value === 'boolean') {
    [id, en] = c.value ? ['Ya', 'yes'] : ['Tidak', 'no'];
  } else {
    const name = fieldDef(entity, c.field)?.codes ? codeLabel(entity, c.field, c.value) : undefined;
    id = en = name ?? String(c.value);
  }
  return c.op === '='
    ? { id: `${label} adalah "${id}"`, en: `${label} is "${en}"` }
    : { id: `${label} bukan "${id}"`, en: `${label} is not "${en}"` };
}
