// What the editor tells the operator while typing: the field checks of the shared rules
// (checkFields on what changed), the whole-record rules (validateHouseholdRecord on the merged
// record at the visit date), and the verval checks of siks-format.md 3.2. Errors block saving;
// warnings are shown. As in the online importer (siks-format.md section 4), a rule error that the
// release record already had does not block: it is shown as a warning marked "already there".

import { vervalResults } from '../../shared/dictionary/index.ts';
import { parseIsoDate } from '../../shared/rules/dates.ts';
import { checkFields, validateHouseholdRecord, type Issue, type Message } from '../../shared/rules/index.ts';
import {
  type BaseRecord,
  type EditState,
  type Verval,
  MEMBER_FIELDS,
  PERBAIKAN_HOUSEHOLD_FIELDS,
  USULAN_HOUSEHOLD_FIELDS,
  changedFields,
  filledFields,
  mergedRecord,
  orderedBase,
} from './proposals.ts';

export interface UiIssue extends Issue {
  /** An error the release record already had: shown, but it does not block saving. */
  preexisting?: boolean;
}

export interface EditValidation {
  errors: UiIssue[];
  warnings: UiIssue[];
}

export interface PerbaikanContext {
  /** Today (YYYY-MM-DD): a visit cannot lie in the future. */
  today: string;
  /** Whether an idbdt is an AKTIF household of the district (from the release). */
  isAktif: (idbdt: string) => boolean;
  /** R5: whether a present member of another AKTIF household holds this NIK (in scope). */
  nikHeldElsewhere?: (nik: string) => boolean;
}

export interface UsulanContext {
  today: string;
  /** Desa codes of the installation's scope (R8). */
  allowedDesa: ReadonlySet<string>;
  nikHeldElsewhere?: (nik: string) => boolean;
}

const issue = (path: string, code: string, level: 'error' | 'warning', message: Message): UiIssue => ({
  path,
  code,
  level,
  message,
});

/** The verval part of a PERBAIKAN. */
export function vervalIssues(idbdt: string, v: Verval, ctx: PerbaikanContext): UiIssue[] {
  const out: UiIssue[] = [];
  if (!Number.isInteger(v.result) || !vervalResults[v.result]) {
    out.push(
      issue('verval.result', 'REQUIRED', 'error', {
        id: 'Hasil verifikasi dan validasi: wajib dipilih',
        en: 'Verval result: choose one',
      }),
    );
  }
  if (!v.visitedAt) {
    out.push(
      issue('verval.visitedAt', 'REQUIRED', 'error', {
        id: 'Tanggal kunjungan: wajib diisi',
        en: 'Visit date: required',
      }),
    );
  } else if (!parseIsoDate(v.visitedAt)) {
    out.push(
      issue('verval.visitedAt', 'DATE', 'error', {
        id: 'Tanggal kunjungan: bukan tanggal yang valid',
        en: 'Visit date: not a valid date',
      }),
    );
  } else if (v.visitedAt > ctx.today) {
    out.push(
      issue('verval.visitedAt', 'DATE', 'error', {
        id: 'Tanggal kunjungan: tidak boleh sesudah hari ini',
        en: 'Visit date: cannot be after today',
      }),
    );
  }
  if (v.musdesAt && !parseIsoDate(v.musdesAt)) {
    out.push(
      issue('verval.musdesAt', 'DATE', 'error', {
        id: 'Tanggal musdes: bukan tanggal yang valid',
        en: 'Musdes date: not a valid date',
      }),
    );
  }
  const ref = (key: 'duplicateOf' | 'mergeInto', label: Message) => {
    const value = (v[key] ?? '').trim();
    const path = `verval.${key}`;
    if (!value) out.push(issue(path, 'REQUIRED', 'error', { id: `${label.id}: wajib diisi`, en: `${label.en}: required` }));
    else if (!/^[0-9]{16}$/.test(value))
      out.push(
        issue(path, 'PATTERN', 'error', {
          id: `${label.id}: harus 16 digit angka`,
          en: `${label.en}: must be 16 digits`,
        }),
      );
    else if (value === idbdt)
      out.push(
        issue(path, 'UNKNOWN_REFERENCE', 'error', {
          id: `${label.id}: harus rumah tangga lain`,
          en: `${label.en}: must be another household`,
        }),
      );
    else if (!ctx.isAktif(value)) {
      out.push(
        issue(path, 'UNKNOWN_REFERENCE', 'error', {
          id: `${label.id}: ${value} bukan rumah tangga AKTIF di kabupaten/kota ini`,
          en: `${label.en}: ${value} is not an AKTIF household of this district`,
        }),
      );
    }
  };
  if (v.result === 6)
    ref('duplicateOf', {
      id: 'IDBDT rumah tangga asli (ganda dengan)',
      en: 'IDBDT of the original household (duplicate of)',
    });
  if (v.result === 4)
    ref('mergeInto', {
      id: 'IDBDT rumah tangga tujuan (bergabung ke)',
      en: 'IDBDT of the household joined (merge into)',
    });
  return out;
}

const key = (i: Issue) => `${i.path}|${i.code}`;

function dedupe(issues: UiIssue[]): UiIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${key(i)}|${i.message.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function split(issues: UiIssue[]): EditValidation {
  const all = dedupe(issues);
  return { errors: all.filter((i) => i.level === 'error'), warnings: all.filter((i) => i.level === 'warning') };
}

/** sta_keberadaan_art of an added member must be 1 (tinggal di ruta) or 4 (anggota baru). */
function addedMemberIssues(edit: EditState): UiIssue[] {
  const out: UiIssue[] = [];
  edit.members.forEach((m, i) => {
    if (m.tempId === undefined) return;
    const s = m.fields.sta_keberadaan_art;
    if (s !== null && s !== undefined && s !== 1 && s !== 4) {
      out.push(
        issue(`members[${i}].fields.sta_keberadaan_art`, 'CODE', 'error', {
          id: 'Status keberadaan ART: anggota baru harus "Tinggal di ruta" (1) atau "Anggota rumah tangga baru" (4)',
          en: 'Member presence: a new member must be 1 (lives in the household) or 4 (new member)',
        }),
      );
    }
  });
  return out;
}

/** Findings for a PERBAIKAN being edited. Paths: verval.*, household.*, members[i].fields.* with i the editor's member index. */
export function validatePerbaikan(base: BaseRecord, edit: EditState, verval: Verval, ctx: PerbaikanContext): EditValidation {
  const idbdt = String(base.household.idbdt);
  const issues: UiIssue[] = vervalIssues(idbdt, verval, ctx);

  // Field checks of what changed (the proposal's content), with the editor's member indexes.
  issues.push(...checkFields('household', changedFields(PERBAIKAN_HOUSEHOLD_FIELDS, base.household, edit.household), 'household'));
  const byId = new Map(base.members.map((m) => [String(m.idartbdt), m]));
  edit.members.forEach((m, i) => {
    const b = m.idartbdt !== undefined ? byId.get(m.idartbdt) : undefined;
    const fields = b ? changedFields(MEMBER_FIELDS, b, m.fields) : filledFields(MEMBER_FIELDS, m.fields);
    issues.push(...checkFields('member', fields, `members[${i}].fields`));
  });
  issues.push(...addedMemberIssues(edit));

  // The whole record as it would be after approval, at the visit date.
  const checkDate = verval.visitedAt && parseIsoDate(verval.visitedAt) ? verval.visitedAt : ctx.today;
  const opts = { checkDate, ...(ctx.nikHeldElsewhere ? { nikHeldElsewhere: ctx.nikHeldElsewhere } : {}) };
  const after = validateHouseholdRecord(mergedRecord(base, edit), opts);
  const before = validateHouseholdRecord(orderedBase(base), opts);
  const had = new Set(before.errors.map(key));
  for (const e of after.errors) issues.push(had.has(key(e)) ? { ...e, level: 'warning', preexisting: true } : e);
  issues.push(...after.warnings);
  return split(issues);
}

/** Findings for a USULAN_BARU being edited: the whole record at `today`, as a new household (R8). */
export function validateUsulanBaru(edit: EditState, ctx: UsulanContext): EditValidation {
  const issues: UiIssue[] = [];
  issues.push(
    ...checkFields('household', filledFields(USULAN_HOUSEHOLD_FIELDS, edit.household), 'household', {
      allowKodeWilayah: true,
    }),
  );
  edit.members.forEach((m, i) => issues.push(...checkFields('member', filledFields(MEMBER_FIELDS, m.fields), `members[${i}].fields`)));
  if (edit.members.length === 0) {
    issues.push(
      issue('members', 'REQUIRED', 'error', {
        id: 'Usulan baru harus memiliki minimal satu anggota (kepala rumah tangga)',
        en: 'A new household needs at least one member (the head)',
      }),
    );
  }
  issues.push(...addedMemberIssues(edit));
  const result = validateHouseholdRecord(mergedRecord(null, edit), {
    checkDate: ctx.today,
    isNew: true,
    allowedDesa: ctx.allowedDesa,
    ...(ctx.nikHeldElsewhere ? { nikHeldElsewhere: ctx.nikHeldElsewhere } : {}),
  });
  issues.push(...result.errors, ...result.warnings);
  return split(issues);
}

const MISSING_CODES = new Set(['REQUIRED', 'REQUIRED_WHEN']);

/**
 * Findings grouped by path, for showing them under their inputs. Before the first attempt to save,
 * "wajib diisi" is left out there (an empty form is not yet wrong); the summary still counts it.
 */
export function issuesByPath(v: EditValidation, showMissing = true): Map<string, UiIssue[]> {
  const m = new Map<string, UiIssue[]>();
  for (const i of [...v.errors, ...v.warnings]) {
    if (!showMissing && MISSING_CODES.has(i.code)) continue;
    const list = m.get(i.path);
    if (list) list.push(i);
    else m.set(i.path, [i]);
  }
  return m;
}
