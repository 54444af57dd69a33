// Proposals of the BDT module (siks-format.md 3.2) built from what the operator edited. Pure: the
// editor keeps a full edited copy of the household and its members (EditState); a proposal holds
// only what differs from the release (only changed fields, `null` to clear, member ops).

import { type FieldDef, editableFields } from '../../shared/dictionary/index.ts';
import { deriveHouseholdFields } from '../../shared/rules/index.ts';
import type { MediaRef } from './media.ts';

export type Rec = Record<string, unknown>;

export interface Verval {
  result: number;
  duplicateOf: string | null;
  mergeInto: string | null;
  visitedAt: string;
  musdesAt: string | null;
  note: string;
}

export interface UpdateOp {
  op: 'update';
  idartbdt: string;
  baseVersion: number;
  fields: Rec;
}
export interface AddOp {
  op: 'add';
  tempId: string;
  fields: Rec;
}
export type MemberOp = UpdateOp | AddOp;

export interface PerbaikanJson {
  proposalId: string;
  type: 'PERBAIKAN';
  idbdt: string;
  baseVersion: number;
  verval: Verval;
  household: Rec;
  members: MemberOp[];
  media: MediaRef[];
  createdAt: string;
}
export interface UsulanBaruJson {
  proposalId: string;
  type: 'USULAN_BARU';
  household: Rec;
  members: AddOp[];
  media: MediaRef[];
  createdAt: string;
}
export type ProposalJson = PerbaikanJson | UsulanBaruJson;

/** A household of the release with its members (as stored: every field, plus version/status/idbdt). */
export interface BaseRecord {
  household: Rec;
  members: Rec[];
}

/** One member in the editor: an existing one (idartbdt) or a new one (tempId). */
export interface EditMember {
  key: string;
  idartbdt?: string;
  tempId?: string;
  /** Every editable member field. */
  fields: Rec;
}
/** What the editor holds: every editable field of the household and of each member. */
export interface EditState {
  household: Rec;
  members: EditMember[];
}

/** Household fields a correction (PERBAIKAN) may change: editable, and never kode_wilayah (moves are online, F12). */
export const PERBAIKAN_HOUSEHOLD_FIELDS: readonly FieldDef[] = editableFields('household').filter((f) => f.name !== 'kode_wilayah');
/** Household fields of a new household (USULAN_BARU): every editable field, kode_wilayah included. */
export const USULAN_HOUSEHOLD_FIELDS: readonly FieldDef[] = editableFields('household');
/** Member fields an operator may set. */
export const MEMBER_FIELDS: readonly FieldDef[] = editableFields('member');

const TEXTUAL = new Set(['text', 'id', 'region', 'nik', 'nokk', 'date']);

/**
 * The value as it goes into a proposal: absent, null or blank text is null; text is trimmed.
 * Numbers and booleans are kept as they are (the form converts input to the JSON type).
 */
export function normValue(def: FieldDef, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && TEXTUAL.has(def.type)) {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'string' && v.trim() === '') return null;
  return v;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === null);
}

/** Changed fields of `edited` against `base` over `defs`: the new value, null when cleared. */
export function changedFields(defs: readonly FieldDef[], base: Rec, edited: Rec): Rec {
  const out: Rec = {};
  for (const def of defs) {
    const e = normValue(def, Object.hasOwn(edited, def.name) ? edited[def.name] : null);
    const b = normValue(def, Object.hasOwn(base, def.name) ? base[def.name] : null);
    if (!same(e, b)) out[def.name] = e;
  }
  return out;
}

/** The filled-in fields of a record over `defs` (nulls left out): the content of an `add` or a new household. */
export function filledFields(defs: readonly FieldDef[], record: Rec): Rec {
  const out: Rec = {};
  for (const def of defs) {
    const v = normValue(def, Object.hasOwn(record, def.name) ? record[def.name] : null);
    if (v !== null) out[def.name] = v;
  }
  return out;
}

function pick(defs: readonly FieldDef[], record: Rec): Rec {
  const out: Rec = {};
  for (const def of defs) out[def.name] = Object.hasOwn(record, def.name) ? (record[def.name] ?? null) : null;
  return out;
}

/** Members of a household in a stable order (idartbdt). */
export function sortMembers(members: readonly Rec[]): Rec[] {
  return [...members].sort((a, b) => String(a.idartbdt).localeCompare(String(b.idartbdt)));
}

/** The next free tempId ("a1", "a2", …) among the members of an edit. */
export function nextTempId(members: readonly EditMember[]): string {
  let max = 0;
  for (const m of members) {
    const n = m.tempId && /^a(\d+)$/.exec(m.tempId);
    if (n) max = Math.max(max, Number(n[1]));
  }
  return `a${max + 1}`;
}

/** A blank new member (sta_keberadaan_art 4: Anggota rumah tangga baru). */
export function newMember(members: readonly EditMember[], fields: Rec = {}): EditMember {
  const tempId = nextTempId(members);
  return { key: `new:${tempId}`, tempId, fields: { ...pick(MEMBER_FIELDS, {}), sta_keberadaan_art: 4, ...fields } };
}

/**
 * The editor state of a household: the release values, with a proposal (a draft, or the last one
 * exported) applied on top when there is one.
 */
export function editStateFrom(base: BaseRecord | null, proposal?: ProposalJson | null): EditState {
  const defs = base ? PERBAIKAN_HOUSEHOLD_FIELDS : USULAN_HOUSEHOLD_FIELDS;
  const household = pick(defs, base?.household ?? {});
  const members: EditMember[] = sortMembers(base?.members ?? []).map((m) => ({
    key: String(m.idartbdt),
    idartbdt: String(m.idartbdt),
    fields: pick(MEMBER_FIELDS, m),
  }));
  if (proposal) {
    for (const [k, v] of Object.entries(proposal.household)) if (Object.hasOwn(household, k)) household[k] = v;
    for (const op of proposal.members) {
      if (op.op === 'update') {
        const m = members.find((x) => x.idartbdt === op.idartbdt);
        if (m) for (const [k, v] of Object.entries(op.fields)) if (Object.hasOwn(m.fields, k)) m.fields[k] = v;
      } else {
        members.push({
          key: `new:${op.tempId}`,
          tempId: op.tempId,
          fields: { ...pick(MEMBER_FIELDS, {}), ...op.fields },
        });
      }
    }
  }
  return { household, members };
}

/** The verval object as the format wants it: duplicateOf only for GANDA (6), mergeInto only for BAGIAN_RUTA_LAIN (4). */
export function normVerval(v: Verval): Verval {
  const blank = (s: string | null | undefined) => (s === null || s === undefined || s.trim() === '' ? null : s.trim());
  return {
    result: v.result,
    duplicateOf: v.result === 6 ? blank(v.duplicateOf) : null,
    mergeInto: v.result === 4 ? blank(v.mergeInto) : null,
    visitedAt: v.visitedAt,
    musdesAt: blank(v.musdesAt),
    note: (v.note ?? '').trim(),
  };
}

/** Member operations of an edit: `update` with the changed fields of existing members, `add` for new ones. */
export function memberOps(base: BaseRecord, edit: EditState): MemberOp[] {
  const byId = new Map(base.members.map((m) => [String(m.idartbdt), m]));
  const ops: MemberOp[] = [];
  for (const m of edit.members) {
    if (m.idartbdt !== undefined) {
      const b = byId.get(m.idartbdt);
      if (!b) continue; // not a member of this household: nothing to say about it
      const fields = changedFields(MEMBER_FIELDS, b, m.fields);
      if (Object.keys(fields).length > 0) ops.push({ op: 'update', idartbdt: m.idartbdt, baseVersion: Number(b.version), fields });
    } else if (m.tempId !== undefined) {
      ops.push({ op: 'add', tempId: m.tempId, fields: filledFields(MEMBER_FIELDS, m.fields) });
    }
  }
  return ops;
}

/** A PERBAIKAN of an existing household (baseVersion from the release). */
export function buildPerbaikan(
  base: BaseRecord,
  edit: EditState,
  verval: Verval,
  meta: { proposalId: string; createdAt: string; media?: readonly MediaRef[] },
): PerbaikanJson {
  return {
    proposalId: meta.proposalId,
    type: 'PERBAIKAN',
    idbdt: String(base.household.idbdt),
    baseVersion: Number(base.household.version),
    verval: normVerval(verval),
    household: changedFields(PERBAIKAN_HOUSEHOLD_FIELDS, base.household, edit.household),
    members: memberOps(base, edit),
    media: [...(meta.media ?? [])],
    createdAt: meta.createdAt,
  };
}

/** A USULAN_BARU: every filled-in household field (kode_wilayah included) and `add` operations only. */
export function buildUsulanBaru(
  edit: EditState,
  meta: { proposalId: string; createdAt: string; media?: readonly MediaRef[] },
): UsulanBaruJson {
  return {
    proposalId: meta.proposalId,
    type: 'USULAN_BARU',
    household: filledFields(USULAN_HOUSEHOLD_FIELDS, edit.household),
    members: edit.members.map((m, i) => ({
      op: 'add' as const,
      tempId: m.tempId ?? `a${i + 1}`,
      fields: filledFields(MEMBER_FIELDS, m.fields),
    })),
    media: [...(meta.media ?? [])],
    createdAt: meta.createdAt,
  };
}

/** Whether two proposals (of any module) propose the same thing (ids and timestamps aside). */
export function sameContent(a: { proposalId: string; createdAt: string }, b: { proposalId: string; createdAt: string }): boolean {
  const strip = (p: object) => JSON.stringify({ ...p, proposalId: '', createdAt: '' });
  return strip(a) === strip(b);
}

/**
 * The household and members with the edit applied, as validateHouseholdRecord wants them; the
 * derived fields (nama_krt, jumlah_art, jumlah_keluarga) are recomputed from the members.
 * Members keep the order of the edit.
 */
export function mergedRecord(base: BaseRecord | null, edit: EditState): BaseRecord {
  const byId = new Map((base?.members ?? []).map((m) => [String(m.idartbdt), m]));
  const members = edit.members.map((m) => {
    const b = m.idartbdt !== undefined ? byId.get(m.idartbdt) : undefined;
    const fields: Rec = {};
    for (const def of MEMBER_FIELDS) fields[def.name] = normValue(def, m.fields[def.name]);
    return { ...(b ?? {}), ...fields };
  });
  const defs = base ? PERBAIKAN_HOUSEHOLD_FIELDS : USULAN_HOUSEHOLD_FIELDS;
  const hh: Rec = { ...(base?.household ?? { status: 'AKTIF' }) };
  for (const def of defs) hh[def.name] = normValue(def, edit.household[def.name]);
  return { household: { ...hh, ...deriveHouseholdFields(members) }, members };
}

/** The base record in the member order of editStateFrom, for comparing findings before and after. */
export function orderedBase(base: BaseRecord): BaseRecord {
  return { household: base.household, members: sortMembers(base.members) };
}
