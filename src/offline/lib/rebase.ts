// A newer release over an installed one (O1, O8, issue 13): which release may replace which, what
// the editor starts from after feedback (a rejected change is not carried into the next proposal),
// and moving the drafts not yet exported onto the newer release's data, with the fields the online
// side changed meanwhile kept as conflicts for the operator to resolve. Pure: lib/update.ts reads
// and writes IndexedDB.

import { ImportError } from './importer.ts';
import type { Decision, ReleaseMeta, StoredProposal } from './model.ts';
import type { BaseRecord, PerbaikanJson, ProposalJson, Rec, UpdateOp } from './proposals.ts';

/** A release as far as ordering goes: its district, id and creation time. */
export type ReleaseStamp = Pick<ReleaseMeta, 'releaseId' | 'kabKota' | 'createdAt'>;

/** How an opened release stands to the installed one. */
export type ReleaseOrder = 'newer' | 'same' | 'older' | 'otherDistrict';

/** Whether `incoming` may replace `installed`: only a later release of the same district. */
export function releaseOrder(installed: ReleaseStamp, incoming: ReleaseStamp): ReleaseOrder {
  if (incoming.kabKota !== installed.kabKota) return 'otherDistrict';
  if (incoming.releaseId === installed.releaseId) return 'same';
  const a = Date.parse(installed.createdAt);
  const b = Date.parse(incoming.createdAt);
  // A different release made at the same instant is not newer either.
  return b > a ? 'newer' : 'older';
}

function when(iso: string, locale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Why an opened release cannot replace the installed one (both languages), or null when it can. */
export function releaseRefusal(installed: ReleaseStamp, incoming: ReleaseStamp): ImportError | null {
  switch (releaseOrder(installed, incoming)) {
    case 'newer':
      return null;
    case 'otherDistrict':
      return new ImportError('RELEASE_OTHER_DISTRICT', {
        id: `Rilis ini untuk kabupaten/kota ${incoming.kabKota}, sedangkan perangkat ini terpasang untuk ${installed.kabKota}. Buka rilis kabupaten/kota yang sama.`,
        en: `This release is for district ${incoming.kabKota}; this device is set up for ${installed.kabKota}. Open a release of the same district.`,
      });
    case 'same':
      return new ImportError('RELEASE_SAME', {
        id: 'Rilis ini sudah terpasang di perangkat ini.',
        en: 'This release is already installed on this device.',
      });
    case 'older':
      return new ImportError('RELEASE_OLDER', {
        id: `Rilis ini (dibuat ${when(incoming.createdAt, 'id-ID')}) tidak lebih baru dari rilis yang terpasang (dibuat ${when(installed.createdAt, 'id-ID')}). Hanya rilis yang lebih baru yang dapat dibuka.`,
        en: `This release (made ${when(incoming.createdAt, 'en-GB')}) is not newer than the installed one (made ${when(installed.createdAt, 'en-GB')}). Only a newer release can be opened.`,
      });
  }
}

/** Whether a partial decision kept a path ("household.lantai", "members[0]", "verval"). */
function keptPath(d: Decision, path: string): boolean {
  if (d.acceptedFields) return d.acceptedFields.includes(path);
  return !(d.rejectedFields ?? []).includes(path);
}

/**
 * What the household editor starts from after the latest proposal: the proposal itself, except
 * that the parts the supervisor rejected are left out (a rejected correction is not carried into
 * the next proposal unless the operator enters it again). null: start from the release.
 */
export function startingProposal(latest: { json: ProposalJson; feedback: Decision | null } | undefined): ProposalJson | null {
  if (!latest) return null;
  const { json, feedback: d } = latest;
  if (!d || json.type !== 'PERBAIKAN') return json;
  if (d.decision === 'DITOLAK' || d.decision === 'DUPLIKAT') return null;
  if (d.decision !== 'SEBAGIAN') return json;
  const household = Object.fromEntries(Object.entries(json.household).filter(([f]) => keptPath(d, `household.${f}`)));
  const members = json.members.filter((_m, i) => keptPath(d, `members[${i}]`));
  return { ...json, household, members };
}

/** A field the online side changed since the draft was made, to another value than the operator's. */
export interface RebaseConflict {
  /** null for a household field, else the member's idartbdt. */
  member: string | null;
  /** The field; null when the member is no longer in the household of the newer release. */
  field: string | null;
  /** The value of the older release the operator worked on. */
  seen: unknown;
  /** The operator's value (what the draft holds). */
  mine: unknown;
  /** The newer release's value. */
  theirs: unknown;
}

/** What moving a draft onto a newer release left for the operator. */
export interface RebaseNote {
  releaseId: string;
  conflicts: RebaseConflict[];
  /** The household is not in the scope of the newer release (moved or removed), or is NONAKTIF there. */
  gone: 'scope' | 'nonaktif' | null;
}

/** Whether a draft waits for the operator (a conflict or a household gone) and must not be exported yet. */
export function isBlocked(p: StoredProposal): boolean {
  const r = p.status === 'draft' ? p.rebase : undefined;
  return !!r && (r.conflicts.length > 0 || r.gone !== null);
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** The fields of a member update in a PERBAIKAN, by idartbdt. */
function updatesOf(json: ProposalJson | undefined): Map<string, Rec> {
  const out = new Map<string, Rec>();
  if (json?.type === 'PERBAIKAN') for (const op of json.members) if (op.op === 'update') out.set(op.idartbdt, op.fields);
  return out;
}

/**
 * The changes of a draft over the newer record: a field the newer release already holds is
 * dropped; one whose newer value is the older release's, or the value the operator's own earlier
 * proposal asked for (seen in the editor), stays the operator's; any other is a conflict.
 */
function rebaseFields(
  fields: Rec,
  older: Rec | undefined,
  newer: Rec,
  earlier: Rec | undefined,
  member: string | null,
  conflicts: RebaseConflict[],
): Rec {
  const out: Rec = {};
  for (const [f, mine] of Object.entries(fields)) {
    const theirs = newer[f];
    if (same(theirs, mine)) continue;
    out[f] = mine;
    const seen = older?.[f];
    const expected = same(theirs, seen) || (earlier !== undefined && Object.hasOwn(earlier, f) && same(theirs, earlier[f]));
    if (!expected) conflicts.push({ member, field: f, seen: seen ?? null, mine, theirs: theirs ?? null });
  }
  return out;
}

/** One PERBAIKAN draft moved onto the newer record of its household. */
export function rebasePerbaikan(
  json: PerbaikanJson,
  older: BaseRecord | undefined,
  newer: BaseRecord | undefined,
  earlier: ProposalJson | undefined,
  releaseId: string,
): { json: PerbaikanJson; note: RebaseNote } {
  if (!newer) return { json, note: { releaseId, conflicts: [], gone: 'scope' } };
  if (newer.household.status === 'NONAKTIF') return { json, note: { releaseId, conflicts: [], gone: 'nonaktif' } };
  const conflicts: RebaseConflict[] = [];
  const household = rebaseFields(
    json.household,
    older?.household,
    newer.household,
    earlier?.type === 'PERBAIKAN' ? earlier.household : undefined,
    null,
    conflicts,
  );
  const olderMembers = new Map((older?.members ?? []).map((m) => [String(m.idartbdt), m]));
  const newerMembers = new Map(newer.members.map((m) => [String(m.idartbdt), m]));
  const earlierUpdates = updatesOf(earlier);
  const members: PerbaikanJson['members'] = [];
  for (const op of json.members) {
    if (op.op === 'add') {
      members.push(op);
      continue;
    }
    const m = newerMembers.get(op.idartbdt);
    if (!m) {
      conflicts.push({ member: op.idartbdt, field: null, seen: null, mine: op.fields, theirs: null });
      members.push(op);
      continue;
    }
    const fields = rebaseFields(op.fields, olderMembers.get(op.idartbdt), m, earlierUpdates.get(op.idartbdt), op.idartbdt, conflicts);
    if (Object.keys(fields).length > 0) members.push({ ...op, baseVersion: Number(m.version), fields } satisfies UpdateOp);
  }
  return {
    json: { ...json, baseVersion: Number(newer.household.version), household, members },
    note: { releaseId, conflicts, gone: null },
  };
}

/** What moving the work onto a newer release did, for the operator. */
export interface RebaseReport {
  /** Drafts moved onto the newer release. */
  drafts: number;
  /** Drafts with at least one conflict. */
  conflicted: number;
  /** Drafts whose household left the scope or is NONAKTIF in the newer release. */
  gone: number;
  /** Exported proposals without a decision yet ("menunggu keputusan"). */
  waiting: number;
}

/**
 * Moves the drafts not yet exported onto a newer release. `older` and `newer` give a household of
 * the older and newer release (undefined outside the scope). Returns the drafts to store and a
 * report; exported proposals keep their content (their decision may still come, matched by id).
 */
export function rebaseDrafts(
  proposals: readonly StoredProposal[],
  older: (idbdt: string) => BaseRecord | undefined,
  newer: (idbdt: string) => BaseRecord | undefined,
  releaseId: string,
): { updated: StoredProposal[]; report: RebaseReport } {
  const byId = new Map(proposals.map((p) => [p.proposalId, p]));
  const updated: StoredProposal[] = [];
  const report: RebaseReport = { drafts: 0, conflicted: 0, gone: 0, waiting: 0 };
  for (const p of proposals) {
    if (p.status === 'exported' && !p.feedback) report.waiting++;
    if (p.status !== 'draft') continue;
    report.drafts++;
    if (p.json.type !== 'PERBAIKAN') continue;
    const earlier = p.replaces ? byId.get(p.replaces)?.json : undefined;
    const r = rebasePerbaikan(p.json, older(p.subject), newer(p.subject), earlier as ProposalJson | undefined, releaseId);
    if (r.note.conflicts.length > 0) report.conflicted++;
    if (r.note.gone) report.gone++;
    updated.push({ ...p, json: r.json, rebase: r.note });
  }
  return { updated, report };
}

/** Whether a conflict is still about something the draft holds. */
function stillHeld(json: PerbaikanJson, c: RebaseConflict): boolean {
  if (c.member === null) return c.field !== null && Object.hasOwn(json.household, c.field);
  const op = json.members.find((o) => o.op === 'update' && o.idartbdt === c.member) as UpdateOp | undefined;
  return !!op && (c.field === null || Object.hasOwn(op.fields, c.field));
}

/** The note a saved draft keeps: the conflicts about what it still holds (the editor saves over a rebased draft). */
export function carryRebase(prev: StoredProposal | undefined, json: { type: string }): RebaseNote | undefined {
  const note = prev?.status === 'draft' ? prev.rebase : undefined;
  if (!note || json.type !== 'PERBAIKAN') return undefined;
  return { ...note, conflicts: note.conflicts.filter((c) => stillHeld(json as PerbaikanJson, c)) };
}

/**
 * The operator's answer to one conflict: keep the draft's value ('mine') or take the newer
 * release's ('theirs': the field leaves the draft, a member gone leaves it whole). A member that is
 * gone cannot be kept.
 */
export function resolveConflict(p: StoredProposal, index: number, choice: 'mine' | 'theirs'): StoredProposal {
  const c = p.rebase?.conflicts[index];
  if (!c || p.json.type !== 'PERBAIKAN') return p;
  if (choice === 'mine' && c.field === null) return p;
  let json: PerbaikanJson = p.json;
  if (choice === 'theirs') {
    if (c.member === null) {
      const { [c.field!]: _dropped, ...household } = json.household;
      json = { ...json, household };
    } else {
      const members: PerbaikanJson['members'] = [];
      for (const op of json.members) {
        if (op.op !== 'update' || op.idartbdt !== c.member) members.push(op);
        else if (c.field !== null) {
          const { [c.field]: _dropped, ...fields } = op.fields;
          if (Object.keys(fields).length > 0) members.push({ ...op, fields });
        }
      }
      json = { ...json, members };
    }
  }
  const conflicts = p.rebase!.conflicts.filter((_c, i) => i !== index);
  return { ...p, json, rebase: { ...p.rebase!, conflicts } };
}
