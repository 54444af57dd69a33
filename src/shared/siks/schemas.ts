// Zod schemas of the plaintext header (section 2) and of release.json (section 3.1). Objects are
// strict (unknown keys are rejected): the header is authenticated but not secret, and the spec
// promises it never holds personal data, which an open schema could not guarantee.

import { z } from 'zod';
import { fromBase64 } from './bytes.ts';
import { fail, type SiksFormatError } from './errors.ts';

export const SIKS_KINDS = ['release', 'package', 'feedback'] as const;
export type SiksKind = (typeof SIKS_KINDS)[number];

export const SCRYPT_N = 32768;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
export const SCRYPT_SALT_BYTES = 16;
export const PACKAGE_KEY_BYTES = 32;

/** Canonical lowercase UUID version 4 (variant bits 10xx). */
export const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const PERIOD_RE = /^\d{4}-(?:0[1-9]|1[0-2])$/;

/** RFC 3339 timestamp with an upper-case `T` and `Z` or `±hh:mm`, and a real calendar date. */
export function isRfc3339(s: string): boolean {
  const m = RFC3339_RE.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return false;
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  return true;
}

const uuidV4 = z.string().regex(UUID_V4_RE);
const timestamp = z.string().refine(isRfc3339);
const kabKota = z.string().regex(/^\d{4}$/);
const period = z.string().regex(PERIOD_RE);
// Header text is stored (operator) and shown: no U+0000 and no unpaired surrogate, which the
// database cannot hold (the printable-text rule of shared/api/common.ts; the codec keeps its own copy).
const UNPRINTABLE_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const nonEmpty = z
  .string()
  .min(1)
  .refine((s) => !UNPRINTABLE_RE.test(s));
const count = z.int().min(0);
const base64Of = (n: number) => z.string().refine((s) => fromBase64(s)?.length === n);

const common = {
  formatVersion: z.literal(1),
  id: uuidV4,
  createdAt: timestamp,
  app: z.strictObject({ name: nonEmpty, version: nonEmpty }),
  kabKota,
  period,
};

const hkdfKey = z.strictObject({ kdf: z.literal('hkdf-sha256'), release: uuidV4 });

export const releaseKeySchema = z.strictObject({
  kdf: z.literal('scrypt'),
  salt: base64Of(SCRYPT_SALT_BYTES),
  N: z.literal(SCRYPT_N),
  r: z.literal(SCRYPT_R),
  p: z.literal(SCRYPT_P),
});

export const releaseHeaderSchema = z.strictObject({
  kind: z.literal('release'),
  ...common,
  key: releaseKeySchema,
  counts: z.strictObject({ households: count, members: count, kpm: count, pbi: count }),
});

export const packageHeaderSchema = z
  .strictObject({
    kind: z.literal('package'),
    ...common,
    key: hkdfKey,
    module: z.enum(['BDT', 'BSP', 'PBI']),
    dictionaryVersion: z.int().min(1),
    operator: z.strictObject({ username: nonEmpty, name: nonEmpty }),
    scope: z.array(z.string().regex(/^(?:\d{6}|\d{10})$/)).min(1),
    counts: z.strictObject({ proposals: count }),
  })
  .superRefine((h, ctx) => {
    // "codes of the district": a scope code from another district is a forged or broken file.
    const seen = new Set<string>();
    h.scope.forEach((code, i) => {
      if (!code.startsWith(h.kabKota) || seen.has(code)) ctx.addIssue({ code: 'custom', path: ['scope', i], message: 'scope' });
      seen.add(code);
    });
  });

export const feedbackHeaderSchema = z.strictObject({
  kind: z.literal('feedback'),
  ...common,
  key: hkdfKey,
  package: uuidV4,
});

export type ReleaseKeyParams = z.infer<typeof releaseKeySchema>;
export type ReleaseHeader = z.infer<typeof releaseHeaderSchema>;
export type PackageHeader = z.infer<typeof packageHeaderSchema>;
export type FeedbackHeader = z.infer<typeof feedbackHeaderSchema>;
export type SiksHeader = ReleaseHeader | PackageHeader | FeedbackHeader;
export type HeaderOf<K extends SiksKind> = Extract<SiksHeader, { kind: K }>;

export const releaseJsonSchema = z.strictObject({
  releaseId: uuidV4,
  kabKota,
  period,
  createdAt: timestamp,
  finalization: z.strictObject({ period, number: z.int().min(1) }).nullable(),
  packageKey: base64Of(PACKAGE_KEY_BYTES),
  dictionaryVersion: z.int().min(1),
  counts: z.strictObject({ households: count, members: count, kpm: count, pbi: count }),
  quota: z.strictObject({ BPNT: count, RASTRA: count, PBI: count }),
});
export type ReleaseJson = z.infer<typeof releaseJsonSchema>;

const SCHEMAS = { release: releaseHeaderSchema, package: packageHeaderSchema, feedback: feedbackHeaderSchema } as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

function has(raw: unknown, path: readonly PropertyKey[]): boolean {
  let cur: unknown = raw;
  for (const p of path) {
    if (!isPlainObject(cur) && !Array.isArray(cur)) return false;
    if (!Object.hasOwn(cur, p)) return false;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return true;
}

/** The first zod issue as a SiksFormatError naming the field, without echoing its value. */
function headerIssue(raw: unknown, kind: SiksKind, issue: z.core.$ZodIssue): SiksFormatError {
  if (issue.code === 'unrecognized_keys') return fail.headerField(formatPath([...issue.path, issue.keys[0] ?? '']), 'unknown');
  const path = formatPath(issue.path);
  if (!has(raw, issue.path)) return fail.headerField(path, 'missing');
  const k = issue.path[1];
  if (issue.path[0] === 'key' && (k === 'kdf' || (kind === 'release' && (k === 'N' || k === 'r' || k === 'p')))) {
    return fail.keyParams(path);
  }
  return fail.headerField(path, 'invalid');
}

/**
 * Validate a parsed header object in the order of section 4: format version first (a newer file
 * must be named as such, not as a list of unknown fields), then the kind, then every field.
 */
export function validateHeader<K extends SiksKind>(raw: unknown, expectedKind?: K): HeaderOf<K> {
  if (!isPlainObject(raw)) throw fail.headerJson('not an object');
  if (!Object.hasOwn(raw, 'formatVersion')) throw fail.headerField('formatVersion', 'missing');
  if (raw.formatVersion !== 1) throw fail.formatVersion(raw.formatVersion);
  if (!Object.hasOwn(raw, 'kind')) throw fail.headerField('kind', 'missing');
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(SIKS_KINDS as readonly string[]).includes(kind)) throw fail.kindUnknown(kind);
  if (expectedKind !== undefined && kind !== expectedKind) throw fail.kindUnexpected(kind, expectedKind);
  const parsed = SCHEMAS[kind as SiksKind].safeParse(raw);
  if (!parsed.success) throw headerIssue(raw, kind as SiksKind, parsed.error.issues[0]!);
  return parsed.data as HeaderOf<K>;
}

/** Validate a release `key` object on its own (before running scrypt with it). */
export function validateReleaseKey(raw: unknown): ReleaseKeyParams {
  const parsed = releaseKeySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = formatPath(['key', ...(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path)]);
  throw issue.code === 'unrecognized_keys' ? fail.headerField(path, 'unknown') : fail.keyParams(path);
}

/** Validate release.json (section 3.1). */
export function validateReleaseJson(raw: unknown): ReleaseJson {
  const parsed = releaseJsonSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  throw fail.releaseJson(formatPath(path) || '(root)');
}

/** Check that a release header and its release.json describe the same release (section 2). */
export function checkReleaseConsistency(header: ReleaseHeader, release: ReleaseJson): void {
  if (header.id !== release.releaseId) throw fail.releaseMismatch('releaseId');
  if (header.kabKota !== release.kabKota) throw fail.releaseMismatch('kabKota');
  if (header.period !== release.period) throw fail.releaseMismatch('period');
  for (const k of ['households', 'members', 'kpm', 'pbi'] as const) {
    if (header.counts[k] !== release.counts[k]) throw fail.counts(k, header.counts[k], release.counts[k]);
  }
}
