// One reading of a BSP or PBI proposal line (siks-format.md §3.2, codes and paths of §3.4), used
// by the online importer on every line of a BSP/PBI package and by the offline app on every line
// it exports. Browser-safe, no I/O: what needs the registry (does that household exist, is it a
// KPM, is the replacement eligible) is left to the caller.
//
// Where the format page is silent, the strict reading:
// - every key of the module's example is present (BSP also `id_pengurus`, `no_kks`, `no_rekening`):
//   a missing key is REQUIRED; a key that applies but is null is REQUIRED_WHEN; a key set where
//   it does not apply is FORBIDDEN_WHEN;
// - a value of the wrong JSON type is TYPE, a string of the wrong shape PATTERN (the patterns of
//   the programme lists, migrations/0016); `note` is text or null;
// - `BSP_UBAH` with all three account keys null is REQUIRED_WHEN at `id_pengurus`;
// - an `id_pengurus` outside the line's household is UNKNOWN_REFERENCE (as a BDT member update);
// - a `BSP_GANTI` whose replacement is the household itself is NOT_ELIGIBLE (it is already a KPM).

import { type Issue, isPlainObject } from '../rules/issues.ts';
import { KPM_PROGRAMS } from './programs.ts';
import {
  IDARTBDT_RE,
  IDBDT_RE,
  checkCreatedAt,
  checkProposalId,
  checkText,
  lineIssue as issue,
  quotable,
  unknownKey,
} from './proposal-line.ts';

export { KPM_PROGRAMS };
export const PROGRAMME_MODULES = ['BSP', 'PBI'] as const;
export type ProgrammeModule = (typeof PROGRAMME_MODULES)[number];
export const BSP_TYPES = ['BSP_GANTI', 'BSP_NONAKTIF', 'BSP_UBAH'] as const;
export const PBI_TYPES = ['PBI_NONAKTIF', 'PBI_USUL'] as const;
export type BspType = (typeof BSP_TYPES)[number];
export type PbiType = (typeof PBI_TYPES)[number];
export type KpmProgram = (typeof KPM_PROGRAMS)[number];

/** Reasons of a replacement or removal (format §3.2), by code. */
export const REMOVAL_REASONS = {
  1: { id: 'Meninggal', en: 'Deceased' },
  2: { id: 'Pindah', en: 'Moved' },
  3: { id: 'Mampu/tidak layak', en: 'Better off/not eligible' },
  4: { id: 'Data ganda', en: 'Duplicate' },
  5: { id: 'Tidak ditemukan', en: 'Not found' },
  6: { id: 'Menolak', en: 'Refused' },
} as const;
export type RemovalReason = keyof typeof REMOVAL_REASONS;

/** Keys of a BSP line (all present; null where they do not apply to the type). */
export const BSP_LINE_KEYS = [
  'proposalId',
  'type',
  'program',
  'idbdt',
  'replacementIdbdt',
  'reason',
  'note',
  'createdAt',
  'id_pengurus',
  'no_kks',
  'no_rekening',
] as const;
/** Keys of a PBI line (all present; `reason` null for PBI_USUL). */
export const PBI_LINE_KEYS = ['proposalId', 'type', 'idartbdt', 'reason', 'note', 'createdAt'] as const;

/** A BSP line that passed `checkProgrammeLine`. */
export interface BspLine {
  proposalId: string;
  type: BspType;
  program: KpmProgram;
  idbdt: string;
  replacementIdbdt: string | null;
  reason: RemovalReason | null;
  note: string | null;
  createdAt: string;
  id_pengurus: string | null;
  no_kks: string | null;
  no_rekening: string | null;
}

/** A PBI line that passed `checkProgrammeLine`. */
export interface PbiLine {
  proposalId: string;
  type: PbiType;
  idartbdt: string;
  reason: RemovalReason | null;
  note: string | null;
  createdAt: string;
}

export const NO_KKS_RE = /^[0-9]{6,20}$/;
export const NO_REKENING_RE = /^[0-9]{6,30}$/;

/** Types whose line carries a reason (a replacement or a removal). */
export const REASON_TYPES: readonly string[] = ['BSP_GANTI', 'BSP_NONAKTIF', 'PBI_NONAKTIF'];
const ACCOUNT_KEYS = ['id_pengurus', 'no_kks', 'no_rekening'] as const;

interface KeyRule {
  label: { id: string; en: string };
  /** The string shape (PATTERN) or the code list (CODE). */
  pattern?: RegExp;
  shape?: { id: string; en: string };
  codes?: readonly unknown[];
}

const KEY_RULES: Record<string, KeyRule> = {
  program: { label: { id: 'Program', en: 'Programme' }, codes: KPM_PROGRAMS },
  idbdt: { label: { id: 'ID BDT', en: 'The ID BDT' }, pattern: IDBDT_RE, shape: { id: '16 digit', en: '16 digits' } },
  replacementIdbdt: {
    label: { id: 'ID BDT pengganti', en: 'The replacement ID BDT' },
    pattern: IDBDT_RE,
    shape: { id: '16 digit', en: '16 digits' },
  },
  idartbdt: { label: { id: 'ID ART BDT', en: 'The member ID' }, pattern: IDARTBDT_RE, shape: { id: '18 digit', en: '18 digits' } },
  id_pengurus: { label: { id: 'ID pengurus', en: 'The caretaker ID' }, pattern: IDARTBDT_RE, shape: { id: '18 digit', en: '18 digits' } },
  no_kks: { label: { id: 'Nomor KKS', en: 'The KKS number' }, pattern: NO_KKS_RE, shape: { id: '6–20 digit', en: '6–20 digits' } },
  no_rekening: {
    label: { id: 'Nomor rekening', en: 'The account number' },
    pattern: NO_REKENING_RE,
    shape: { id: '6–30 digit', en: '6–30 digits' },
  },
  reason: { label: { id: 'Alasan', en: 'The reason' }, codes: [1, 2, 3, 4, 5, 6] },
};

// Whether a key applies to a line of that type (undefined: it applies to every type).
function applies(key: string, type: string): boolean {
  if (key === 'replacementIdbdt') return type === 'BSP_GANTI';
  if (key === 'reason') return REASON_TYPES.includes(type);
  if ((ACCOUNT_KEYS as readonly string[]).includes(key)) return type === 'BSP_UBAH';
  return true;
}

function checkValue(key: string, v: unknown, out: Issue[]): void {
  const rule = KEY_RULES[key];
  if (!rule) return;
  const { label } = rule;
  if (rule.codes) {
    if (!rule.codes.includes(v))
      out.push(
        issue(
          key,
          'CODE',
          `${label.id}: kode ${String(v)} tidak ada dalam daftar kode`,
          `${label.en}: code ${String(v)} is not in the code list`,
        ),
      );
  } else if (typeof v !== 'string') out.push(issue(key, 'TYPE', `${label.id} harus berupa teks`, `${label.en} must be text`));
  else if (rule.pattern && rule.shape && !rule.pattern.test(v))
    out.push(issue(key, 'PATTERN', `${label.id} harus ${rule.shape.id}`, `${label.en} must have ${rule.shape.en}`));
}

/**
 * Findings of siks-format.md §3.2 on one BSP or PBI proposal line taken alone, in §3.4 paths and
 * codes (empty when the line keeps to the page).
 */
export function checkProgrammeLine(module: ProgrammeModule, line: unknown): Issue[] {
  if (!isPlainObject(line)) return [issue('', 'TYPE', 'Usulan harus berupa objek JSON', 'A proposal must be a JSON object')];
  const out: Issue[] = [];
  const keys: readonly string[] = module === 'BSP' ? BSP_LINE_KEYS : PBI_LINE_KEYS;
  const types: readonly string[] = module === 'BSP' ? BSP_TYPES : PBI_TYPES;
  for (const key of Object.keys(line)) if (!keys.includes(key)) out.push(unknownKey(key, key));
  for (const key of keys)
    if (!(key in line))
      out.push(
        issue(
          key,
          'REQUIRED',
          `Kunci "${key}" wajib ada (null bila tidak berlaku)`,
          `The key "${key}" is required (null when it does not apply)`,
        ),
      );
  if (line.proposalId !== undefined) checkProposalId(line, out);
  if (line.type !== undefined && !types.includes(line.type as string))
    out.push(
      issue('type', 'CODE', `Jenis usulan ${module} harus ${types.join(', ')}`, `The ${module} proposal type must be ${types.join(', ')}`),
    );
  if (line.createdAt !== undefined) checkCreatedAt(line, out);
  if (line.note !== undefined && line.note !== null && typeof line.note !== 'string')
    out.push(issue('note', 'TYPE', 'Catatan harus berupa teks', 'The note must be text'));

  const type = types.includes(line.type as string) ? (line.type as string) : undefined;
  for (const key of keys) {
    const v = line[key];
    if (v === undefined || !KEY_RULES[key]) continue;
    const label = KEY_RULES[key].label;
    if (type !== undefined && !applies(key, type)) {
      if (v !== null)
        out.push(issue(key, 'FORBIDDEN_WHEN', `${label.id} harus null untuk jenis ${type}`, `${label.en} must be null for type ${type}`));
    } else if (v === null) {
      // Keys that apply to every type are plainly required; the account keys are checked together below.
      const always = key === 'program' || key === 'idbdt' || key === 'idartbdt';
      if (always) out.push(issue(key, 'REQUIRED', `${label.id} wajib diisi`, `${label.en} is required`));
      else if (type !== undefined && !(ACCOUNT_KEYS as readonly string[]).includes(key))
        out.push(issue(key, 'REQUIRED_WHEN', `${label.id} wajib diisi untuk jenis ${type}`, `${label.en} is required for type ${type}`));
    } else checkValue(key, v, out);
  }

  if (type === 'BSP_UBAH' && ACCOUNT_KEYS.every((k) => line[k] === null || line[k] === undefined) && ACCOUNT_KEYS.some((k) => k in line))
    out.push(
      issue(
        'id_pengurus',
        'REQUIRED_WHEN',
        'BSP_UBAH mengubah sedikitnya satu dari ID pengurus, nomor KKS atau nomor rekening',
        'A BSP_UBAH changes at least one of the caretaker ID, the KKS number or the account number',
      ),
    );
  const idbdt = typeof line.idbdt === 'string' && IDBDT_RE.test(line.idbdt) ? line.idbdt : undefined;
  if (type === 'BSP_UBAH' && idbdt && typeof line.id_pengurus === 'string' && IDARTBDT_RE.test(line.id_pengurus))
    if (!line.id_pengurus.startsWith(idbdt))
      out.push(
        issue(
          'id_pengurus',
          'UNKNOWN_REFERENCE',
          'Pengurus bukan anggota rumah tangga ini',
          'The caretaker is not a member of this household',
        ),
      );
  if (type === 'BSP_GANTI' && idbdt && line.replacementIdbdt === idbdt)
    out.push(
      issue(
        'replacementIdbdt',
        'NOT_ELIGIBLE',
        'Rumah tangga pengganti harus berbeda dari KPM yang diganti',
        'The replacement household must differ from the KPM it replaces',
      ),
    );
  checkText(line, out);
  return quotable(out);
}

/** The household a line names: BSP its `idbdt`, PBI its member's household (the first 16 digits). */
export function householdOf(module: ProgrammeModule, line: BspLine | PbiLine): string {
  return module === 'BSP' ? (line as BspLine).idbdt : (line as PbiLine).idartbdt.slice(0, 16);
}
