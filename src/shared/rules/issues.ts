// The shape of validation findings (siks-format.md 3.4) and small helpers to build them.
import { type Entity, fieldDef, ruleDefs } from '../dictionary/index.ts';

/** A sentence in both UI languages. */
export interface Message {
  id: string;
  en: string;
}

/** One finding: where (siks-format.md 3.4 path), what (specific code or rule id), how bad, and a message. */
export interface Issue {
  path: string;
  code: string;
  level: 'error' | 'warning';
  message: Message;
}

/** Findings of a validation, split by level. */
export interface ValidationResult {
  errors: Issue[];
  warnings: Issue[];
}

/** Field-level codes (all errors; the dictionary files them under R2). */
export type FieldIssueCode =
  | 'REQUIRED'
  | 'UNKNOWN_FIELD'
  | 'READ_ONLY'
  | 'TYPE'
  | 'CODE'
  | 'RANGE'
  | 'LENGTH'
  | 'PATTERN'
  | 'DATE'
  | 'REQUIRED_WHEN'
  | 'FORBIDDEN_WHEN';

/** Builds an issue; a rule id takes its level from the dictionary, field codes are errors. */
export function makeIssue(path: string, code: string, message: Message): Issue {
  return { path, code, level: ruleDefs.get(code)?.level ?? 'error', message };
}

/** Splits issues into errors and warnings, keeping their order. */
export function splitIssues(issues: readonly Issue[]): ValidationResult {
  return {
    errors: issues.filter((i) => i.level === 'error'),
    warnings: issues.filter((i) => i.level === 'warning'),
  };
}

/** `prefix.name`, or just `name` for an empty prefix. */
export function joinPath(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** The dictionary label of a field (its name when unknown, so a message is never empty). */
export function labelOf(entity: Entity, name: string): string {
  return fieldDef(entity, name)?.label ?? name;
}

const numberFormats = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 10 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 }),
};

/** A number as written in the language: 10.000 and 1,5 in Indonesian; 10,000 and 1.5 in English. */
export function formatNumber(n: number, lang: 'id' | 'en'): string {
  return numberFormats[lang].format(n);
}

/** Whether a value counts as not filled in: null, absent, or a string of blanks only. */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Whether a value is a non-null, non-array object (a JSON object). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property of a record, so that names such as "constructor" never reach the prototype. */
export function own(record: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
