// Applying a feedback file (.siksfb, siks-format.md 3.3) to the proposals of this installation.
// Pure: returns the proposals to store; the caller reads the file and writes the result.

import { DECISIONS, type Decision, type DecisionCode, type FeedbackError, type StoredProposal } from './model.ts';

type Json = Record<string, unknown>;

const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
const strList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null);

function message(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const m = v as Json;
    if (typeof m.id === 'string') return m.id;
    if (typeof m.en === 'string') return m.en;
  }
  return '';
}

/** One line of feedback.ndjson as a Decision, or undefined when its decision is not one of the format's. */
export function parseDecision(raw: Json, source: { feedbackId: string; receivedAt: string }): Decision | undefined {
  const decision = raw.decision;
  if (typeof decision !== 'string' || !(DECISIONS as readonly string[]).includes(decision)) return undefined;
  const errors: FeedbackError[] = Array.isArray(raw.errors)
    ? raw.errors
        .filter((e): e is Json => !!e && typeof e === 'object' && !Array.isArray(e))
        .map((e) => ({
          path: typeof e.path === 'string' ? e.path : '',
          code: typeof e.code === 'string' ? e.code : '',
          message: message(e.message),
        }))
    : [];
  let assigned: Decision['assigned'] = null;
  if (raw.assigned && typeof raw.assigned === 'object' && !Array.isArray(raw.assigned)) {
    const a = raw.assigned as Json;
    const members: Record<string, string> = {};
    if (a.members && typeof a.members === 'object' && !Array.isArray(a.members)) {
      for (const [k, v] of Object.entries(a.members as Json)) if (typeof v === 'string') members[k] = v;
    }
    assigned = { idbdt: strOrNull(a.idbdt), members };
  }
  return {
    proposalId: String(raw.proposalId),
    decision: decision as DecisionCode,
    reason: strOrNull(raw.reason),
    acceptedFields: strList(raw.acceptedFields),
    rejectedFields: strList(raw.rejectedFields),
    errors,
    assigned,
    decidedAt: strOrNull(raw.decidedAt),
    feedbackId: source.feedbackId,
    receivedAt: source.receivedAt,
  };
}

export interface FeedbackApplication {
  /** Proposals whose decision changed, to store. */
  updated: StoredProposal[];
  /** Decisions by proposal, for showing the file's content. */
  decisions: Decision[];
  /** Proposal ids of the file that this installation never exported. */
  unknown: string[];
  /** Lines with a decision outside the format's list. */
  invalid: number;
}

/**
 * Attaches each decision to the proposal it answers. A decision older than the one already stored
 * (decidedAt) does not replace it, so opening an old feedback file after a newer one changes nothing.
 */
export function applyFeedback(
  proposals: readonly StoredProposal[],
  lines: readonly Json[],
  source: { feedbackId: string; receivedAt: string },
): FeedbackApplication {
  const byId = new Map(proposals.map((p) => [p.proposalId, p]));
  const updated = new Map<string, StoredProposal>();
  const decisions: Decision[] = [];
  const unknown: string[] = [];
  let invalid = 0;
  for (const line of lines) {
    const d = parseDecision(line, source);
    if (!d) {
      invalid++;
      continue;
    }
    decisions.push(d);
    const p = updated.get(d.proposalId) ?? byId.get(d.proposalId);
    if (p?.status !== 'exported') {
      unknown.push(d.proposalId);
      continue;
    }
    const old = p.feedback;
    if (old?.decidedAt && d.decidedAt && d.decidedAt < old.decidedAt) continue;
    updated.set(p.proposalId, { ...p, feedback: d });
  }
  return { updated: [...updated.values()], decisions, unknown, invalid };
}

/** Decisions after which the operator may correct the proposal and send it again as a new one. */
export const CORRECTABLE: ReadonlySet<DecisionCode> = new Set(['DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI', 'SEBAGIAN']);

/** Whether a proposal can be corrected now: its decision allows it and nothing newer exists for its subject. */
export function canCorrect(p: StoredProposal, all: readonly StoredProposal[]): boolean {
  if (!p.feedback || !CORRECTABLE.has(p.feedback.decision)) return false;
  return !all.some((o) => o.subject === p.subject && o.seq > p.seq);
}

/**
 * The package key for a feedback file's release: the installed release's, or one kept from a
 * release installed before it (a package exported under an older release is answered under it).
 */
export function feedbackKey(
  meta: { releaseId: string; packageKey: string },
  kept: readonly { releaseId: string; packageKey: string }[],
  releaseId: string,
): string | undefined {
  if (releaseId === meta.releaseId) return meta.packageKey;
  return kept.find((k) => k.releaseId === releaseId)?.packageKey;
}
