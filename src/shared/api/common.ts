// The pieces every API contract shares: the error shape, paging, codes in paths and query strings,
// and zod enums over the vocabulary of vocabulary.ts (statuses and roles are defined once). The
// contracts of src/shared/api are the zod schemas the server's routes validate and serialise with
// (and /api/openapi.json shows); the web client takes its types from the same schemas with
// `Wire<typeof …>`. Browser-safe: zod and src/shared only.
import { z } from 'zod';
import { ROLES, type Verb, VERBS } from '../roles.ts';
import { HOUSEHOLD_STATUSES, PROPOSAL_STATUSES, PROPOSAL_TYPES, REGION_LEVELS } from './vocabulary.ts';

export * from './vocabulary.ts';

/** What JSON.stringify makes of a value: dates become ISO strings, everything else stays. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** The JSON a schema's value arrives as in the client (a response as serialised: timestamps as ISO strings). */
export type Wire<S extends z.ZodType> = Jsonified<z.output<S>>;

// ---- Enums ----

export const RoleSchema = z.enum(ROLES);
export const VerbSchema = z.enum(VERBS as [Verb, ...Verb[]]);
export const LanguageSchema = z.enum(['id', 'en']);
export const RegionLevelSchema = z.enum(REGION_LEVELS);
export const HouseholdStatusSchema = z.enum(HOUSEHOLD_STATUSES);
export const ProposalTypeSchema = z.enum(PROPOSAL_TYPES);
export const ProposalStatusSchema = z.enum(PROPOSAL_STATUSES);
/** Formats of the tabular downloads (finalised data, recaps). */
export const DataFormatSchema = z.enum(['xlsx', 'csv']);
/** The query of a list's export without filters: the file format. */
export const ExportFormatQuerySchema = z.object({ format: DataFormatSchema });

export type Language = z.output<typeof LanguageSchema>;
export type DataFormat = z.output<typeof DataFormatSchema>;

// ---- Shapes ----

/** A text in both languages of the app. */
export const LocalizedTextSchema = z.object({ id: z.string(), en: z.string() });
/** A thing named by code and name (a district, a kecamatan, a period). */
export const AreaSchema = z.object({ code: z.string(), name: z.string() });
/** The answer of an action that has nothing else to say. */
export const OkSchema = z.object({ ok: z.literal(true) });
/** A 204 answer. */
export const NoContentSchema = z.null();
/** Every error answer (http/errors.ts): `message` in the user's language. */
export const ErrorBodySchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

/** A validation finding with its path (siks-format.md section 3.4), in both languages. */
export const IssueSchema = z.object({
  path: z.string(),
  code: z.string(),
  level: z.string().optional(),
  message: LocalizedTextSchema,
});

export type LocalizedText = z.output<typeof LocalizedTextSchema>;
export type Area = z.output<typeof AreaSchema>;
export type Ok = z.output<typeof OkSchema>;
export type Issue = z.output<typeof IssueSchema>;

// ---- Lists ----

/** The `page` and `pageSize` query parameters of a paged list (1-based). */
export function pagingQuery(opts: { pageSize: number; maxPage?: number }) {
  const page = z.coerce.number().int().min(1);
  return {
    page: (opts.maxPage === undefined ? page : page.max(opts.maxPage)).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(opts.pageSize),
  };
}

/** The fields of one page of a list (to extend with more, as the proposal list's counts). */
export function pageFields<T extends z.ZodType>(item: T) {
  return { items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() };
}

/** One page of a list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object(pageFields(item));
}

/** `{ items }`: a list answered whole. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** An object with one number per key (counts by status, by verval result). */
export function countsBy<const K extends readonly [string, ...string[]]>(keys: K) {
  return z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as { [P in K[number]]: z.ZodNumber });
}

/** A page of a list as the client receives it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- Codes in paths and query strings ----

export const ProvinsiCodeSchema = z.string().regex(/^[0-9]{2}$/);
export const KabCodeSchema = z.string().regex(/^[0-9]{4}$/);
export const KecamatanCodeSchema = z.string().regex(/^[0-9]{6}$/);
export const DesaCodeSchema = z.string().regex(/^[0-9]{10}$/);
/** A verval period: YYYY-MM. */
export const PeriodCodeSchema = z.string().regex(/^[0-9]{4}-[0-9]{2}$/);
/** A calendar date: YYYY-MM-DD. */
export const DateSchema = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
/** A numeric id in a path. */
export const IdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
/** A UUID id in a path (imports, proposals). */
export const UuidParamsSchema = z.object({ id: z.uuid() });

// ---- Printable text ----

// U+0000 and unpaired UTF-16 surrogates: PostgreSQL stores neither (text refuses NUL, jsonb refuses
// both escapes, and a lone surrogate becomes U+FFFD on the wire, so what is read back differs from
// what was hashed or checked). Such text is refused, never repaired: NFC is not applied either,
// text is kept exactly as sent.
const UNPRINTABLE_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds no U+0000 and no unpaired surrogate (the one rule of every text input). */
export function isPrintableText(s: string): boolean {
  return !UNPRINTABLE_RE.test(s);
}

/** What a field holding such text is told ("<label> …"), with the §3.4 code TYPE. */
export const UNPRINTABLE_TEXT = {
  code: 'TYPE',
  text: {
    id: 'memuat karakter yang tidak diizinkan (NUL atau surrogate Unicode tunggal)',
    en: 'contains a character that is not allowed (NUL or an unpaired Unicode surrogate)',
  },
} as const;

// Parsed JSON, query strings and params (whatever their prototype): a byte buffer or a stream is not text to walk.
const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && typeof (v as { pipe?: unknown }).pipe !== 'function';

/**
 * The paths of every string (value or object key) in a JSON-like value that breaks the rule,
 * as key lists (a bad key is reported at its own path). Stops after `limit` findings.
 */
export function findUnprintable(value: unknown, limit = 20): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const walk = (v: unknown, path: PropertyKey[], depth: number): void => {
    if (found.length >= limit) return;
    if (typeof v === 'string') {
      if (!isPrintableText(v)) found.push(path);
    } else if (Array.isArray(v)) {
      if (depth < 64) v.forEach((x, i) => walk(x, [...path, i], depth + 1));
    } else if (isPlainRecord(v) && depth < 64) {
      for (const [k, x] of Object.entries(v)) {
        if (!isPrintableText(k)) found.push([...path, k]);
        else walk(x, [...path, k], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return found;
}

/** The zod check of the rule, for any string schema: `z.string().check(printable)`. */
export const printable = z.refine<string>((s) => isPrintableText(s), {
  params: UNPRINTABLE_TEXT,
  abort: true,
});

/** A text field of a request: a string under the printable-text rule. */
export function text() {
  return z.string().check(printable);
}
