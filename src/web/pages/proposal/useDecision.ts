// The decision on one waiting proposal: the reason, the parts ticked for a partial approval, the
// conflict confirmation, sending it, and going on to the next waiting proposal of the list the
// reviewer came from (the list filter rides along in the query string).
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { proposalsApi, type DecisionInput, type DecisionKind, type Issue, type ProposalDetail } from '../../api/proposals.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useMutation } from '../../lib/useData.ts';
import { navigate } from '../../router.tsx';
import {
  checkPartial,
  decisionParts,
  partialOffered,
  pickNext,
  proposalHref,
  proposalListHref,
  proposalName,
  rememberedProposalOrder,
  serializeProposalFilter,
  setFlash,
  toProposalQuery,
  type ProposalFilter,
} from '../../verval.ts';
import type { PartialProps } from './ChangeTable.tsx';
import { toggled } from '../../../shared/sets.ts';

/** The id of the reason field (the panel's label and the focus after a missing reason). */
export const REASON_ID = 'decision-reason';

const DONE_KEYS: Record<DecisionKind, MessageKey> = {
  APPROVE: 'decision.done.APPROVE',
  PARTIAL: 'decision.done.PARTIAL',
  REJECT: 'decision.done.REJECT',
  RETURN: 'decision.done.RETURN',
};

/** The findings carried by a PROPOSAL_NOW_INVALID answer ({ errors: Issue[] }). */
export function issuesOf(details: unknown): Issue[] {
  const errors = (details as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors)
    ? errors.filter(
        (i): i is Issue =>
          typeof i === 'object' && i !== null && typeof (i as Issue).path === 'string' && typeof (i as Issue).message === 'object',
      )
    : [];
}

/** The names of the proposal's members by their index (for error paths such as members[1]). */
export function memberNamesOf(data: ProposalDetail): (string | null)[] {
  const names: (string | null)[] = [];
  for (const m of data.changes.members) names[m.index] = m.nama;
  return names;
}

export function useDecision(data: ProposalDetail, filter: ProposalFilter, reload: () => void) {
  const t = useT();
  const p = data.proposal;
  const parts = useMemo(() => decisionParts(data.changes, t, data.proposal.changePaths), [data.changes, data.proposal.changePaths, t]);
  const [partialOn, setPartialOn] = useState(false);
  const [accepted, setAccepted] = useState<Set<string>>(() => new Set(parts.map((part) => part.path)));
  const [reason, setReasonText] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Issue[]>([]);
  /** A decision on a conflict, waiting for the reviewer's confirmation. */
  const [pending, setPending] = useState<DecisionInput | null>(null);

  const toggle = (path: string) => setAccepted((s) => toggled(s, path));

  const goNext = async (decision: DecisionKind) => {
    // The list the reviewer came from, on the proposal's own tab.
    const listFilter: ProposalFilter = { ...filter, tab: p.type, result: p.type === 'PERBAIKAN' ? filter.result : null };
    const order = rememberedProposalOrder(serializeProposalFilter(filter));
    const waiting = await proposalsApi.list(toProposalQuery({ ...listFilter, status: 'MENUNGGU', page: 1 }, 100)).then(
      (r) => r.items.map((i) => i.id),
      () => [],
    );
    const next = pickNext(order, p.id, waiting);
    const done = t(DONE_KEYS[decision], { name: proposalName(data) || p.id.slice(0, 8) });
    setFlash(`${done} ${t(next ? 'decision.next' : 'decision.noMore')}`);
    navigate(next ? proposalHref(next, listFilter) : proposalListHref(listFilter));
  };

  const decide = useMutation(async (input: DecisionInput) => {
    try {
      await proposalsApi.decide(p.id, input);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PROPOSAL_CONFLICT_UNCONFIRMED') {
        setPending({ ...input, confirmConflict: true });
        return;
      }
      if (e instanceof ApiError && e.code === 'PROPOSAL_NOW_INVALID') setInvalid(issuesOf(e.details));
      // PROPOSAL_NEW_WARNING: the proposal now carries a warning found at approval; shown once reloaded.
      if (e instanceof ApiError && (e.code === 'PROPOSAL_NOT_PENDING' || e.code === 'PROPOSAL_NEW_WARNING' || e.status === 404)) reload();
      throw e;
    }
    await goNext(input.decision);
  });

  const send = (input: DecisionInput) => {
    setLocalError(null);
    setInvalid([]);
    void decide.run(input);
  };

  /** Sends the decision, or asks first when the household changed since the release. */
  const sendOrConfirm = (input: DecisionInput) => {
    if (p.conflict) setPending({ ...input, confirmConflict: true });
    else send(input);
  };

  const needReason = (): string | null => {
    const r = reason.trim();
    if (r === '') {
      setReasonError(t('decision.err.reason'));
      document.getElementById(REASON_ID)?.focus();
      return null;
    }
    setReasonError(null);
    return r;
  };

  const approve = () => {
    setLocalError(null);
    sendOrConfirm({ decision: 'APPROVE', ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };

  const submitPartial = () => {
    setLocalError(null);
    const check = checkPartial(parts, accepted, reason);
    if (check.ok) sendOrConfirm({ decision: 'PARTIAL', reason: reason.trim(), acceptedFields: check.accepted });
    else if (check.error === 'reason') needReason();
    else setLocalError(t(check.error === 'none' ? 'decision.err.partialNone' : 'decision.err.partialAll'));
  };

  const withReason = (decision: 'REJECT' | 'RETURN') => {
    setLocalError(null);
    const r = needReason();
    if (r !== null) send({ decision, reason: r });
  };

  const setReason = (text: string) => {
    setReasonText(text);
    if (text.trim() !== '') setReasonError(null);
  };

  return {
    parts,
    /** Whether "Setujui sebagian" is offered at all. */
    partialOffered: partialOffered(data),
    partial: { on: partialOn, accepted, toggle } satisfies PartialProps,
    setPartialOn,
    reason,
    setReason,
    reasonError,
    error: localError ?? decide.error,
    invalid,
    busy: decide.busy,
    pending,
    /** Sends the decision waiting for confirmation. */
    confirmPending: () => {
      const input = pending;
      setPending(null);
      if (input) send(input);
    },
    cancelPending: () => setPending(null),
    approve,
    submitPartial,
    withReason,
  };
}

export type Decision = ReturnType<typeof useDecision>;
