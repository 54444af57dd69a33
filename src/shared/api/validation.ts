// Request validation in the user's language, in one place. A request schema stays
// language-neutral; what a refused field is called comes from, in order: a label attached to its
// schema (`labelled`), the BDT dictionary (field names such as `kode_wilayah` / `kodeWilayah`),
// a few common API names, else the key made readable. Each zod issue kind becomes a sentence in
// Bahasa Indonesia or English, "<label> <what is wrong>.", with a stable code (the vocabulary of
// siks-format.md 3.4: REQUIRED, TYPE, LENGTH, RANGE, PATTERN, DATE, CODE, UNKNOWN_FIELD, INVALID).
// Browser-safe: the server's error handler uses it, and a form could too.

import { z } from 'zod';
import { fieldDef } from '../dictionary/index.ts';
import { formatNumber } from '../rules/issues.ts';

export type Lang = 'id' | 'en';
/** A text in both UI languages. */
export interface Text {
  id: string;
  en: string;
}

/** Labels of request fields, attached to their schemas. */
export const fieldLabels = z.registry<Text>();

/** Gives a field's schema the label that validation messages name it by; returns the same schema. */
export function labelled<S extends z.ZodType>(schema: S, label: Text): S {
  fieldLabels.add(schema, label);
  return schema;
}

/**
 * Params of a custom issue (`ctx.addIssue({ code: 'custom', message, params })`) whose sentence
 * the schema words itself: `text` follows the field's label ("<label> <text>.").
 */
export interface CustomIssueParams {
  code?: string;
  text?: Text;
}

/** One refused field: where (JSON pointer), its top-level key, a stable code and the sentence. */
export interface FieldError {
  path: string;
  field: string;
  code: string;
  message: string;
}

/** A zod issue as it reaches the error handler (fastify keeps every property but `input`). */
export type IssueLike = { code: string; path: readonly PropertyKey[]; message?: string } & Record<string, unknown>;

export interface LocaliseOptions {
  lang: Lang;
  /** The schema that refused the input: field labels are looked up in it. */
  schema?: unknown;
  /** The input as sent (to tell a missing value from a wrong one). */
  input?: unknown;
}

// Names that many routes share, for when neither a schema label nor the dictionary names them.
const COMMON_LABELS: Record<string, Text> = {
  username: { id: 'User ID', en: 'User ID' },
  password: { id: 'Password', en: 'Password' },
  currentPassword: { id: 'Password lama', en: 'Current password' },
  newPassword: { id: 'Password baru', en: 'New password' },
  name: { id: 'Nama', en: 'Name' },
  role: { id: 'Peran', en: 'Role' },
  regions: { id: 'Wilayah', en: 'Regions' },
  language: { id: 'Bahasa', en: 'Language' },
  reason: { id: 'Alasan', en: 'Reason' },
  decision: { id: 'Keputusan', en: 'Decision' },
  message: { id: 'Pesan', en: 'Message' },
  passphrase: { id: 'Frasa sandi', en: 'Passphrase' },
  page: { id: 'Halaman', en: 'Page' },
  pageSize: { id: 'Jumlah baris per halaman', en: 'Rows per page' },
  q: { id: 'Kata kunci', en: 'Search text' },
  status: { id: 'Status', en: 'Status' },
  kab: { id: 'Kabupaten/Kota', en: 'District' },
  kecamatan: { id: 'Kecamatan', en: 'Sub-district (kecamatan)' },
  desa: { id: 'Desa/Kelurahan', en: 'Village (desa/kelurahan)' },
  period: { id: 'Periode', en: 'Period' },
  code: { id: 'Kode', en: 'Code' },
  quota: { id: 'Kuota', en: 'Quota' },
  tahap: { id: 'Tahap', en: 'Stage' },
  startsOn: { id: 'Tanggal mulai', en: 'Start date' },
  endsOn: { id: 'Tanggal selesai', en: 'End date' },
  file: { id: 'Berkas', en: 'File' },
};

const isIndex = (s: PropertyKey) => typeof s === 'number' || (typeof s === 'string' && /^[0-9]+$/.test(s));

type Def = { type: string } & Record<string, unknown>;
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | null)?._zod?.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

// The label attached to the schema at `path`, looking through wrappers, pipes and unions.
function labelAt(schema: unknown, path: readonly PropertyKey[], depth = 0): Text | undefined {
  const def = defOf(schema);
  if (!def || depth > 64) return undefined;
  const own = fieldLabels.get(schema as z.ZodType);
  if (own && path.length === 0) return own;
  const next = (s: unknown, p: readonly PropertyKey[]) => labelAt(s, p, depth + 1);
  if (WRAPPERS.has(def.type)) return next(def.innerType, path);
  switch (def.type) {
    case 'pipe':
      return next(def.in, path) ?? next(def.out, path);
    case 'lazy':
      return next((def.getter as () => unknown)(), path);
    case 'union':
      for (const option of def.options as unknown[]) {
        const found = next(option, path);
        if (found) return found;
      }
      return undefined;
    case 'intersection':
      return next(def.left, path) ?? next(def.right, path);
  }
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return typeof head === 'string' && Object.hasOwn(shape, head) ? next(shape[head], rest) : undefined;
    }
    case 'array':
      return isIndex(head!) ? next(def.element, rest) : undefined;
    case 'record':
      return next(def.valueType, rest);
    case 'tuple':
      return isIndex(head!) ? next((def.items as unknown[])[Number(head)], rest) : undefined;
    default:
      return undefined;
  }
}

/** "pageSize" / "page_size" → "Page size". */
function readable(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** The label of the field at `path`: the schema's own, the dictionary's, a common one, or the key made readable. */
export function fieldLabel(path: readonly PropertyKey[], schema?: unknown): Text {
  const own = labelAt(schema, path);
  if (own) return own;
  const at = path.findLastIndex((s) => !isIndex(s));
  if (at < 0) return { id: 'Data', en: 'Data' };
  const parent = at < path.length - 1 ? labelAt(schema, path.slice(0, at + 1)) : undefined;
  if (parent) return parent;
  const key = String(path[at]);
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const inMember = path.some((s) => s === 'members' || s === 'member');
  const dict = (inMember ? ['member', 'household'] : ['household', 'member']) as ('member' | 'household')[];
  for (const entity of dict) {
    const def = fieldDef(entity, snake);
    if (def) return { id: def.label, en: def.label };
  }
  return COMMON_LABELS[key] ?? { id: readable(key), en: readable(key) };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(s)];
  }
  return v;
}

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const TYPE_NAMES: Record<string, Text> = {
  string: { id: 'teks', en: 'text' },
  number: { id: 'angka', en: 'a number' },
  int: { id: 'bilangan bulat', en: 'a whole number' },
  bigint: { id: 'bilangan bulat', en: 'a whole number' },
  boolean: { id: 'ya/tidak (true/false)', en: 'yes/no (true/false)' },
  array: { id: 'daftar', en: 'a list' },
  object: { id: 'objek', en: 'an object' },
  date: { id: 'tanggal', en: 'a date' },
};

const FORMATS: Record<string, { code: string; text: Text }> = {
  email: { code: 'PATTERN', text: { id: 'tidak valid, misalnya nama@dinsos.go.id', en: 'is not a valid address, e.g. name@dinsos.go.id' } },
  uuid: { code: 'PATTERN', text: { id: 'harus berupa UUID', en: 'must be a UUID' } },
  guid: { code: 'PATTERN', text: { id: 'harus berupa UUID', en: 'must be a UUID' } },
  url: { code: 'PATTERN', text: { id: 'bukan alamat web yang valid', en: 'is not a valid web address' } },
  date: {
    code: 'DATE',
    text: { id: 'bukan tanggal yang valid (format TTTT-BB-HH)', en: 'is not a valid date (format YYYY-MM-DD)' },
  },
  datetime: { code: 'DATE', text: { id: 'bukan waktu yang valid (RFC 3339)', en: 'is not a valid timestamp (RFC 3339)' } },
};

// Digit-string patterns (`^[0-9]{16}$`, `^\d{2,10}$`) read as "must be 16 digits".
function digitsText(pattern: unknown): Text | undefined {
  const m = /^\/?\^(?:\[0-9\]|\\d)\{([0-9]+)(?:,([0-9]+))?\}\$\/?$/.exec(String(pattern ?? ''));
  if (!m) return undefined;
  return m[2] === undefined
    ? { id: `harus ${m[1]} digit angka`, en: `must be ${m[1]} digits` }
    : { id: `harus ${m[1]}–${m[2]} digit angka`, en: `must be ${m[1]} to ${m[2]} digits` };
}

function sizeText(issue: IssueLike): { code: string; text: Text } {
  const big = issue.code === 'too_big';
  const n = Number(big ? issue.maximum : issue.minimum);
  const num = (l: Lang) => formatNumber(n, l);
  const exclusive = issue.inclusive === false;
  switch (issue.origin) {
    case 'string':
      if (issue.exact)
        return { code: 'LENGTH', text: { id: `harus tepat ${num('id')} karakter`, en: `must be exactly ${num('en')} characters` } };
      return big
        ? { code: 'LENGTH', text: { id: `maksimal ${num('id')} karakter`, en: `must be at most ${num('en')} characters` } }
        : { code: 'LENGTH', text: { id: `minimal ${num('id')} karakter`, en: `must be at least ${num('en')} characters` } };
    case 'array':
    case 'set':
      return big
        ? { code: 'LENGTH', text: { id: `paling banyak ${num('id')} isian`, en: `must have at most ${num('en')} items` } }
        : { code: 'LENGTH', text: { id: `paling sedikit ${num('id')} isian`, en: `must have at least ${num('en')} items` } };
    case 'file':
      return big
        ? { code: 'LENGTH', text: { id: `paling besar ${num('id')} byte`, en: `must be at most ${num('en')} bytes` } }
        : { code: 'LENGTH', text: { id: `paling kecil ${num('id')} byte`, en: `must be at least ${num('en')} bytes` } };
    default:
      if (big)
        return exclusive
          ? { code: 'RANGE', text: { id: `harus kurang dari ${num('id')}`, en: `must be less than ${num('en')}` } }
          : { code: 'RANGE', text: { id: `paling besar ${num('id')}`, en: `must be at most ${num('en')}` } };
      return exclusive
        ? { code: 'RANGE', text: { id: `harus lebih dari ${num('id')}`, en: `must be greater than ${num('en')}` } }
        : { code: 'RANGE', text: { id: `paling kecil ${num('id')}`, en: `must be at least ${num('en')}` } };
  }
}

const REQUIRED: { code: string; text: Text } = { code: 'REQUIRED', text: { id: 'wajib diisi', en: 'is required' } };
const INVALID: { code: string; text: Text } = { code: 'INVALID', text: { id: 'tidak valid', en: 'is not valid' } };
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

// What is wrong, as the predicate of "<label> …" and a code.
function explain(issue: IssueLike, raw: unknown): { code: string; text: Text } {
  switch (issue.code) {
    case 'invalid_type': {
      if (isMissing(raw)) return REQUIRED;
      const t = TYPE_NAMES[String(issue.expected)] ?? { id: String(issue.expected), en: String(issue.expected) };
      return { code: 'TYPE', text: { id: `harus berupa ${t.id}`, en: `must be ${t.en}` } };
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1 && isMissing(raw)) return REQUIRED;
      return sizeText(issue);
    case 'too_big':
      return sizeText(issue);
    case 'invalid_format': {
      const known = FORMATS[String(issue.format)];
      if (known) return known;
      const digits = issue.format === 'regex' ? digitsText(issue.pattern) : undefined;
      return { code: 'PATTERN', text: digits ?? { id: 'tidak sesuai format', en: 'has the wrong format' } };
    }
    case 'invalid_value': {
      if (isMissing(raw)) return REQUIRED;
      const values = (issue.values as unknown[] | undefined) ?? [];
      const list = values.map(shown).join(', ');
      return values.length === 1
        ? { code: 'CODE', text: { id: `harus bernilai ${list}`, en: `must be ${list}` } }
        : { code: 'CODE', text: { id: `harus salah satu dari: ${list}`, en: `must be one of: ${list}` } };
    }
    case 'not_multiple_of':
      return {
        code: 'RANGE',
        text: { id: `harus kelipatan ${shown(issue.divisor)}`, en: `must be a multiple of ${shown(issue.divisor)}` },
      };
    case 'custom': {
      const params = (issue.params ?? {}) as CustomIssueParams;
      return { code: params.code ?? INVALID.code, text: params.text ?? INVALID.text };
    }
    default:
      return isMissing(raw) ? REQUIRED : INVALID;
  }
}

const pointer = (path: readonly PropertyKey[]) => `/${path.map(String).join('/')}`;
const sentence = (label: string, text: string) => {
  const s = `${label} ${text}`;
  return /[.!?]$/.test(s) ? s : `${s}.`;
};

/**
 * The answer to a refused request: a summary naming the fields ("Periksa kembali isian: …") and
 * one entry per field (its first problem), each in the user's language.
 */
export function localiseIssues(issues: readonly IssueLike[], opts: LocaliseOptions): { message: string; details: FieldError[] } {
  const { lang } = opts;
  const details: FieldError[] = [];
  const labels: string[] = [];
  const seen = new Set<string>();
  const add = (path: readonly PropertyKey[], code: string, label: string, message: string) => {
    const at = pointer(path);
    if (seen.has(at)) return;
    seen.add(at);
    details.push({ path: at, field: path.length > 0 ? String(path[0]) : '', code, message });
    if (!labels.includes(label)) labels.push(label);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of (issue.keys as string[] | undefined) ?? []) {
        const label = `"${key}"`;
        add([...issue.path, key], 'UNKNOWN_FIELD', label, lang === 'id' ? `Kolom ${label} tidak dikenal.` : `Unknown field ${label}.`);
      }
      continue;
    }
    const label = fieldLabel(issue.path, opts.schema)[lang];
    const { code, text } = explain(issue, valueAt(opts.input, issue.path));
    add(issue.path, code, label, sentence(label, text[lang]));
  }
  const message =
    labels.length === 0
      ? lang === 'id'
        ? 'Data yang dikirim tidak valid.'
        : 'The data sent is not valid.'
      : lang === 'id'
        ? `Periksa kembali isian: ${labels.join(', ')}.`
        : `Please check: ${labels.join(', ')}.`;
  return { message, details };
}
