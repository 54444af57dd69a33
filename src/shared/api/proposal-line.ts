// One reading of a BDT proposal line (siks-format.md §3.2, codes and paths of §3.4), used by the
// online importer on every line of a package and by the offline app on every line it exports.
// A plain checker rather than a zod schema: an answer is one finding per path with a §3.4 code
// (REQUIRED, TYPE, CODE, PATTERN, DATE, REQUIRED_WHEN, FORBIDDEN_WHEN, …) that depends on the
// sibling keys (`type`, `verval.result`, `op`), and the field values are checked against the
// dictionary by the shared rules. Browser-safe, no I/O: what needs the registry (does that
// household exist, is it AKTIF, is the version current) is left to the caller.
//
// Where the format page is silent, the strict reading, as the page asks:
// - dates are real days of the Gregorian calendar from year 0001 (2019-02-29 is no date);
// - a `baseVersion` below 1 is STALE_VERSION whatever the registry holds (§3.4);
// - an `update`'s `idartbdt` starts with the proposal's `idbdt` (the dictionary: idbdt + 2 digits);
// - `duplicateOf` / `mergeInto` name another household, never the proposal's own.
// A member `update` may leave out its `baseVersion` (the example shows one; the page does not
// require it, and the importer has always accepted its absence).
// Text anywhere in the line (values and keys) keeps the printable-text rule of every API input
// (no U+0000, no unpaired surrogate; shared/api/common.ts): each offending string is a TYPE
// finding at its path, and no finding carries such text in its own path or message.

import { requiredFields, vervalResults } from '../dictionary/index.ts';
import { parseIsoDate } from '../rules/dates.ts';
import { checkFields } from '../rules/fields.ts';
import { type Issue, type Message, isPlainObject, makeIssue } from '../rules/issues.ts';
import { UUID_V4_RE, isRfc3339 } from '../siks/index.ts';
import { findUnprintable, isPrintableText } from './common.ts';
import { PROPOSAL_TYPES } from './vocabulary.ts';

export const MEMBER_OPS = ['update', 'add'] as const;
export const MEDIA_TAGS = ['foto_rumah', 'foto_ktp', 'foto_kk', 'foto_lainnya'] as const;
/** Keys of a BDT proposal line, of its `verval`, and of each member operation. */
export const PROPOSAL_KEYS = [
  'proposalId',
  'type',
  'idbdt',
  'baseVersion',
  'verval',
  'household',
  'members',
  'media',
  'createdAt',
] as const;
export const VERVAL_KEYS = ['result', 'duplicateOf', 'mergeInto', 'visitedAt', 'musdesAt', 'note'] as const;
export const UPDATE_KEYS = ['op', 'idartbdt', 'baseVersion', 'fields'] as const;
export const ADD_KEYS = ['op', 'tempId', 'fields'] as const;
/** An added member's `sta_keberadaan_art`: 1 (tinggal di ruta) or 4 (anggota baru). */
export const ADDED_MEMBER_PRESENCE = [1, 4] as const;
/** verval.result codes that require a reference: 6 GANDA → duplicateOf, 4 BAGIAN_RUTA_LAIN → mergeInto. */
export const VERVAL_REFERENCES = [
  { key: 'duplicateOf', result: 6, label: { id: 'ID BDT data ganda', en: 'ID BDT of the duplicate' } },
  { key: 'mergeInto', result: 4, label: { id: 'ID BDT rumah tangga tujuan', en: 'ID BDT of the receiving household' } },
] as const;

export const IDBDT_RE = /^[0-9]{16}$/;
export const IDARTBDT_RE = /^[0-9]{18}$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
/** The largest version the registry can hold (PostgreSQL integer). */
export const MAX_VERSION = 2_147_483_647;

/** A date as the format page writes it: YYYY-MM-DD naming a real day, year 0001 or later. */
export function isProposalDate(v: unknown): v is string {
  return typeof v === 'string' && parseIsoDate(v) !== undefined;
}

/** A timestamp as the format page writes it: RFC 3339 with `Z` or `±hh:mm`, year 0001 or later. */
export function isProposalTimestamp(v: unknown): v is string {
  return typeof v === 'string' && isRfc3339(v) && !v.startsWith('0000');
}

export interface ProposalLineOptions {
  /**
   * Also require what a complete record needs: every required household field of a USULAN_BARU,
   * at least one member, and every required field of each added member. The importer leaves this
   * to its whole-record check, which reports the same REQUIRED paths together with the rules.
   */
  complete?: boolean;
}

/** A finding of a line: §3.4 path and code, message in both languages. */
export const lineIssue = (path: string, code: string, id: string, en: string): Issue => makeIssue(path, code, { id, en } satisfies Message);
const issue = lineIssue;
const absent = (v: unknown) => v === undefined || v === null;
/** UNKNOWN_FIELD for a key the line's shape does not have. */
export const unknownKey = (path: string, key: string) =>
  issue(path, 'UNKNOWN_FIELD', `Kunci "${key}" tidak dikenal`, `Unknown key "${key}"`);
const isVersion = (v: unknown): v is number => Number.isSafeInteger(v);

function checkDate(v: unknown, path: string, label: Message, required: boolean, out: Issue[]): void {
  if (absent(v)) {
    if (required) out.push(issue(path, 'REQUIRED', `${label.id}: wajib diisi`, `${label.en}: is required`));
  } else if (!isProposalDate(v))
    out.push(issue(path, 'DATE', `${label.id}: bukan tanggal yang sah (YYYY-MM-DD)`, `${label.en}: not a valid date (YYYY-MM-DD)`));
}

// A version the proposal was based on: an integer from 1 (§3.4: below 1 is STALE_VERSION).
function checkVersion(v: unknown, path: string, what: Message, out: Issue[]): void {
  if (!Number.isInteger(v)) out.push(issue(path, 'TYPE', `${what.id} harus bilangan bulat`, `The ${what.en} must be a whole number`));
  else if ((v as number) < 1 || (v as number) > MAX_VERSION)
    out.push(issue(path, 'STALE_VERSION', `${what.id} tidak sesuai dengan data rilis`, `The ${what.en} does not match the released data`));
}

function checkRequiredFields(entity: 'household' | 'member', fields: Record<string, unknown>, prefix: string, out: Issue[]): void {
  for (const def of requiredFields(entity)) {
    if (def.readOnly || def.derived) continue;
    const v = fields[def.name];
    if (absent(v) || (typeof v === 'string' && v.trim() === ''))
      out.push(issue(`${prefix}.${def.name}`, 'REQUIRED', `${def.label}: wajib diisi`, `${def.label}: is required`));
  }
}

function checkVerval(p: Record<string, unknown>, out: Issue[]): void {
  const v = p.verval;
  if (!isPlainObject(v)) {
    out.push(issue('verval', absent(v) ? 'REQUIRED' : 'TYPE', 'Hasil verval wajib diisi', 'The verval result is required'));
    return;
  }
  for (const key of Object.keys(v)) if (!(VERVAL_KEYS as readonly string[]).includes(key)) out.push(unknownKey(`verval.${key}`, key));
  if (absent(v.result)) out.push(issue('verval.result', 'REQUIRED', 'Hasil verval wajib diisi', 'The verval result is required'));
  else if (!Number.isInteger(v.result) || !vervalResults[v.result as number])
    out.push(
      issue(
        'verval.result',
        'CODE',
        `Hasil verval: kode ${String(v.result)} tidak ada dalam daftar kode`,
        `Verval result: code ${String(v.result)} is not in the code list`,
      ),
    );
  checkDate(v.visitedAt, 'verval.visitedAt', { id: 'Tanggal kunjungan', en: 'Visit date' }, true, out);
  checkDate(v.musdesAt, 'verval.musdesAt', { id: 'Tanggal musdes', en: 'Village deliberation date' }, false, out);
  if (!absent(v.note) && typeof v.note !== 'string')
    out.push(issue('verval.note', 'TYPE', 'Catatan harus berupa teks', 'The note must be text'));
  for (const { key, result, label } of VERVAL_REFERENCES) {
    const value = v[key];
    const path = `verval.${key}`;
    const needed = v.result === result;
    if (needed && absent(value))
      out.push(
        issue(
          path,
          'REQUIRED_WHEN',
          `${label.id} wajib diisi untuk hasil verval ${result}`,
          `${label.en} is required for verval result ${result}`,
        ),
      );
    else if (!needed && !absent(value))
      out.push(
        issue(
          path,
          'FORBIDDEN_WHEN',
          `${label.id} harus kosong untuk hasil verval ini`,
          `${label.en} must be empty for this verval result`,
        ),
      );
    else if (needed && (typeof value !== 'string' || !IDBDT_RE.test(value)))
      out.push(issue(path, 'PATTERN', `${label.id} harus 16 digit`, `${label.en} must have 16 digits`));
    else if (needed && value === p.idbdt)
      out.push(
        issue(
          path,
          'UNKNOWN_REFERENCE',
          'ID BDT yang dirujuk bukan rumah tangga aktif lain di kabupaten/kota ini',
          'The referenced ID BDT is not another active household of this district',
        ),
      );
  }
}

function checkMembers(p: Record<string, unknown>, isNew: boolean, opts: ProposalLineOptions, out: Issue[]): void {
  const members = p.members ?? [];
  if (!Array.isArray(members)) {
    out.push(issue('members', 'TYPE', 'Daftar anggota harus berupa larik', 'The members must be an array'));
    return;
  }
  if (isNew && opts.complete && members.length === 0)
    out.push(issue('members', 'REQUIRED', 'Usulan rumah tangga baru memuat anggotanya', 'A new-household proposal lists its members'));
  const idbdt = typeof p.idbdt === 'string' && IDBDT_RE.test(p.idbdt) ? p.idbdt : undefined;
  const tempIds = new Set<string>();
  members.forEach((m, i) => {
    const at = `members[${i}]`;
    if (!isPlainObject(m)) return void out.push(issue(at, 'TYPE', 'Anggota harus berupa objek', 'A member must be an object'));
    const allowed: readonly string[] = m.op === 'update' ? UPDATE_KEYS : ADD_KEYS;
    for (const key of Object.keys(m)) if (!allowed.includes(key)) out.push(unknownKey(`${at}.${key}`, key));
    if (m.op !== 'update' && m.op !== 'add')
      return void out.push(
        issue(
          `${at}.op`,
          m.op === undefined ? 'REQUIRED' : 'CODE',
          'Operasi anggota harus "update" atau "add"',
          'The member operation must be "update" or "add"',
        ),
      );
    if (isNew && m.op === 'update')
      out.push(
        issue(
          `${at}.op`,
          'CODE',
          'Usulan baru hanya memuat anggota baru ("add")',
          'A new-household proposal holds only added members ("add")',
        ),
      );
    if (!isPlainObject(m.fields))
      return void out.push(
        issue(
          `${at}.fields`,
          m.fields === undefined ? 'REQUIRED' : 'TYPE',
          'Isian anggota wajib berupa objek',
          'The member fields must be an object',
        ),
      );
    out.push(...checkFields('member', m.fields, `${at}.fields`));
    if (m.op === 'update') {
      if (typeof m.idartbdt !== 'string' || !IDARTBDT_RE.test(m.idartbdt))
        out.push(
          issue(
            `${at}.idartbdt`,
            m.idartbdt === undefined ? 'REQUIRED' : 'PATTERN',
            'ID ART BDT harus 18 digit',
            'The member ID must have 18 digits',
          ),
        );
      else if (idbdt && !m.idartbdt.startsWith(idbdt))
        out.push(
          issue(
            `${at}.idartbdt`,
            'UNKNOWN_REFERENCE',
            'Anggota ini tidak terdaftar di rumah tangga tersebut',
            'This member is not registered in that household',
          ),
        );
      if (!absent(m.baseVersion))
        checkVersion(m.baseVersion, `${at}.baseVersion`, { id: 'Versi dasar anggota', en: 'member base version' }, out);
    } else {
      if (typeof m.tempId !== 'string' || m.tempId === '')
        out.push(issue(`${at}.tempId`, 'REQUIRED', 'tempId anggota baru wajib diisi', 'A new member needs a tempId'));
      else if (tempIds.has(m.tempId))
        out.push(issue(`${at}.tempId`, 'PATTERN', 'tempId harus unik dalam satu usulan', 'tempId must be unique within the proposal'));
      else tempIds.add(m.tempId);
      const sta = m.fields.sta_keberadaan_art;
      if (!absent(sta) && !(ADDED_MEMBER_PRESENCE as readonly unknown[]).includes(sta))
        out.push(
          issue(
            `${at}.fields.sta_keberadaan_art`,
            'CODE',
            'Status keberadaan anggota baru harus 1 atau 4',
            'A new member must have presence status 1 or 4',
          ),
        );
      if (opts.complete) checkRequiredFields('member', m.fields, `${at}.fields`, out);
    }
  });
}

function checkMedia(media: unknown, out: Issue[]): void {
  if (absent(media)) return;
  if (!Array.isArray(media)) {
    out.push(issue('media', 'TYPE', 'Daftar foto harus berupa larik', 'The photos must be an array'));
    return;
  }
  for (const m of media) {
    if (!isPlainObject(m) || !(MEDIA_TAGS as readonly unknown[]).includes(m.tag))
      out.push(
        issue(
          'media',
          'CODE',
          'Label foto harus foto_rumah, foto_ktp, foto_kk atau foto_lainnya',
          'A photo tag must be foto_rumah, foto_ktp, foto_kk or foto_lainnya',
        ),
      );
    else if (typeof m.sha256 !== 'string' || !SHA256_RE.test(m.sha256))
      out.push(
        issue(
          'media',
          'PATTERN',
          'Rujukan foto harus SHA-256 (64 karakter heksadesimal)',
          'A photo reference must be a SHA-256 (64 hex digits)',
        ),
      );
  }
}

/** A string with U+0000 and unpaired surrogates shown as U+FFFD (what a finding may quote). */
export function showUnprintable(s: string): string {
  return isPrintableText(s)
    ? s
    : s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000\uD800-\uDFFF]/g, (c) => (c.length === 2 ? c : '\uFFFD'));
}

// §3.4 path of a key list: `members[0].fields.nama`.
const pathOf = (keys: readonly PropertyKey[]) =>
  keys.reduce<string>(
    (at, k) => (typeof k === 'number' ? `${at}[${k}]` : at ? `${at}.${showUnprintable(String(k))}` : showUnprintable(String(k))),
    '',
  );

/** A TYPE finding at the path of every string (value or key) of the line that breaks the printable-text rule. */
export function checkText(p: Record<string, unknown>, out: Issue[]): void {
  for (const keys of findUnprintable(p, 100)) {
    const at = pathOf(keys);
    if (out.some((i) => i.path === at && i.code === 'TYPE')) continue;
    out.push(
      issue(
        pathOf(keys),
        'TYPE',
        'Teks memuat karakter yang tidak diizinkan (NUL atau surrogate Unicode tunggal)',
        'The text contains a character that is not allowed (NUL or an unpaired Unicode surrogate)',
      ),
    );
  }
}

/** REQUIRED or PATTERN when the line's `proposalId` is not a lowercase UUID v4. */
export function checkProposalId(p: Record<string, unknown>, out: Issue[]): void {
  if (typeof p.proposalId !== 'string' || !UUID_V4_RE.test(p.proposalId))
    out.push(
      issue(
        'proposalId',
        p.proposalId === undefined ? 'REQUIRED' : 'PATTERN',
        'proposalId harus UUID versi 4 (huruf kecil)',
        'proposalId must be a lowercase UUID version 4',
      ),
    );
}

/** REQUIRED or DATE when the line's `createdAt` is not an RFC 3339 timestamp. */
export function checkCreatedAt(p: Record<string, unknown>, out: Issue[]): void {
  if (!isProposalTimestamp(p.createdAt))
    out.push(
      issue(
        'createdAt',
        p.createdAt === undefined ? 'REQUIRED' : 'DATE',
        'Waktu pembuatan usulan tidak sah',
        'The creation time of the proposal is not valid',
      ),
    );
}

/**
 * Findings of siks-format.md §3.2 on one BDT proposal line, in §3.4 paths and codes (empty when
 * the line keeps to the page). Field values are checked against the dictionary (`checkFields`);
 * `null` in a field is a missing value, which only `complete` (or the whole-record check) refuses.
 */
export function checkProposalLine(p: unknown, opts: ProposalLineOptions = {}): Issue[] {
  if (!isPlainObject(p)) return [issue('', 'TYPE', 'Usulan harus berupa objek JSON', 'A proposal must be a JSON object')];
  const out: Issue[] = [];
  for (const key of Object.keys(p)) if (!(PROPOSAL_KEYS as readonly string[]).includes(key)) out.push(unknownKey(key, key));
  checkProposalId(p, out);
  if (!(PROPOSAL_TYPES as readonly unknown[]).includes(p.type))
    out.push(
      issue(
        'type',
        p.type === undefined ? 'REQUIRED' : 'CODE',
        'Jenis usulan harus PERBAIKAN atau USULAN_BARU',
        'The proposal type must be PERBAIKAN or USULAN_BARU',
      ),
    );
  checkCreatedAt(p, out);
  const isNew = p.type === 'USULAN_BARU';

  if (p.type === 'PERBAIKAN') {
    if (absent(p.idbdt)) out.push(issue('idbdt', 'REQUIRED', 'ID BDT wajib diisi', 'The ID BDT is required'));
    else if (typeof p.idbdt !== 'string' || !IDBDT_RE.test(p.idbdt))
      out.push(issue('idbdt', 'PATTERN', 'ID BDT harus 16 digit', 'The ID BDT must have 16 digits'));
    if (absent(p.baseVersion)) out.push(issue('baseVersion', 'REQUIRED', 'Versi dasar wajib diisi', 'The base version is required'));
    else checkVersion(p.baseVersion, 'baseVersion', { id: 'Versi dasar', en: 'base version' }, out);
    checkVerval(p, out);
  } else if (isNew) {
    for (const key of ['idbdt', 'baseVersion', 'verval'] as const) {
      if (!absent(p[key]))
        out.push(
          issue(key, 'FORBIDDEN_WHEN', `Usulan baru tidak boleh memuat "${key}"`, `A new-household proposal must not carry "${key}"`),
        );
    }
  }

  if (!absent(p.household)) {
    out.push(...checkFields('household', p.household as Record<string, unknown>, 'household', { allowKodeWilayah: isNew }));
    if (isNew && opts.complete && isPlainObject(p.household)) checkRequiredFields('household', p.household, 'household', out);
  } else if (isNew) out.push(issue('household', 'REQUIRED', 'Data rumah tangga wajib diisi', 'The household data is required'));

  checkMembers(p, isNew, opts, out);
  checkMedia(p.media, out);
  checkText(p, out);
  return quotable(out);
}

/** The findings with any refused character of their path or message shown as U+FFFD (findings may quote a key or value of the line). */
export function quotable(out: readonly Issue[]): Issue[] {
  return out.map((i) =>
    isPrintableText(i.path) && isPrintableText(i.message.id) && isPrintableText(i.message.en)
      ? i
      : { ...i, path: showUnprintable(i.path), message: { id: showUnprintable(i.message.id), en: showUnprintable(i.message.en) } },
  );
}

/** The version a line was based on, when it is one the registry can hold (else null: STALE_VERSION or TYPE was reported). */
export function baseVersionOf(v: unknown): number | null {
  return isVersion(v) && v >= 1 && v <= MAX_VERSION ? v : null;
}
