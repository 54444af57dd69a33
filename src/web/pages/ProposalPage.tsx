// F7 one proposal (/verifikasi-usulan/:id; SUPERVISOR): current and proposed values side by side
// for every changed field and member, with dictionary labels and code meanings; the verval
// result; the conflict (what changed since the operator's release); warnings, errors, other
// waiting proposals for the same household; and the decision: "Setujui", "Setujui sebagian",
// "Tolak", "Perlu perbaikan". After a decision the page goes on to the next waiting proposal of
// the list it came from (the list filter rides along in the query string). Loaded lazily.
import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError, api, isAbort } from '../api/client.ts';
import {
  proposalsApi,
  type DecisionInput,
  type DecisionKind,
  type Issue,
  type MemberChange,
  type ProposalDetail,
} from '../api/proposals.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import type { ValueTexts } from '../dictionary.ts';
import { formatDate, formatDateTime, formatIdbdt, formatNumber, formatRegionCode } from '../format.ts';
import { translate, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import {
  checkPartial,
  clearFlash,
  conflictFieldLabels,
  decisionParts,
  householdChangeRows,
  issuePathLabel,
  memberChangeRows,
  memberInConflict,
  memberTitle,
  parseProposalFilter,
  peekFlash,
  pickNext,
  proposalHref,
  proposalListHref,
  proposalName,
  rememberedProposalOrder,
  serializeProposalFilter,
  setFlash,
  toProposalQuery,
  vervalLabel,
  type ChangeRow,
  type ProposalFilter,
  type ShownValue,
} from '../verval.ts';
import { IssueList, ProposalStatusBadge } from './ProposalIssues.tsx';
import '../account.css';

type State = { kind: 'loading' } | { kind: 'notFound' } | { kind: 'error'; message: string } | { kind: 'ok'; data: ProposalDetail };

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

/** The findings carried by a PROPOSAL_NOW_INVALID answer ({ errors: Issue[] }). */
function issuesOf(details: unknown): Issue[] {
  const errors = (details as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors)
    ? errors.filter(
        (i): i is Issue =>
          typeof i === 'object' && i !== null && typeof (i as Issue).path === 'string' && typeof (i as Issue).message === 'object',
      )
    : [];
}

const DONE_KEYS: Record<DecisionKind, MessageKey> = {
  APPROVE: 'decision.done.APPROVE',
  PARTIAL: 'decision.done.PARTIAL',
  REJECT: 'decision.done.REJECT',
  RETURN: 'decision.done.RETURN',
};

function useValueTexts(): ValueTexts {
  const t = useT();
  const locale = useLocale();
  return useMemo(() => ({ yes: t('value.yes'), no: t('value.no'), empty: t('value.empty'), locale }), [t, locale]);
}

/** The desa name of a region code, best effort. */
function useDesaName(kode: string | undefined): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    setName(null);
    if (!kode || !/^\d{10}$/.test(kode)) return;
    let live = true;
    api.regions(kode.slice(0, 6)).then(
      (items) => live && setName(items.find((r) => r.code === kode)?.name ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kode]);
  return name;
}

function Value({ v }: { v: ShownValue }) {
  return (
    <>
      {v.text}
      {v.code !== null && <span className="value-code"> ({v.code})</span>}
    </>
  );
}

interface PartialProps {
  on: boolean;
  accepted: ReadonlySet<string>;
  toggle: (path: string) => void;
}

/** Changed fields side by side; in partial mode with a "Terima" checkbox per field. */
export function ChangeTable({
  rows,
  caption,
  showCurrent,
  pathOf,
  partial,
}: {
  rows: readonly ChangeRow[];
  caption: string;
  showCurrent: boolean;
  /** The acceptedFields path of a row; undefined: no checkbox (member fields are accepted per member). */
  pathOf?: (row: ChangeRow) => string;
  partial?: PartialProps;
}) {
  const t = useT();
  const withCheck = partial?.on === true && pathOf !== undefined;
  return (
    <div className="table-wrap">
      <table className="table change-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {withCheck && <th scope="col">{t('decision.accept')}</th>}
            <th scope="col">{t('change.col.field')}</th>
            {showCurrent && <th scope="col">{t('change.col.current')}</th>}
            <th scope="col">{t('change.col.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.field}
              className={[r.conflict ? 'row-conflict' : '', r.same ? 'row-same' : ''].filter(Boolean).join(' ') || undefined}
            >
              {withCheck && (
                <td className="check-cell">
                  <input
                    type="checkbox"
                    className="part-check"
                    checked={partial.accepted.has(pathOf(r))}
                    onChange={() => partial.toggle(pathOf(r))}
                    aria-label={t('decision.acceptPart', { label: r.label })}
                  />
                </td>
              )}
              <th scope="row" lang="id">
                {r.label}
                {r.conflict && <span className="badge badge-conflict conflict-mark">{t('change.changedSinceRelease')}</span>}
              </th>
              {showCurrent && (
                <td className="val-current">
                  <Value v={r.current} />
                </td>
              )}
              <td className="val-proposed">
                <Value v={r.proposed} />
                {r.same && <span className="muted small"> ({t('change.same')})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberChangeView({
  m,
  texts,
  conflict,
  partial,
}: {
  m: MemberChange;
  texts: ValueTexts;
  conflict: boolean;
  partial: PartialProps;
}) {
  const t = useT();
  const title = memberTitle(m, t);
  const path = `members[${m.index}]`;
  const rows = memberChangeRows(m, texts);
  return (
    <section className={conflict ? 'member-change member-conflict' : 'member-change'} aria-label={title}>
      <h3>
        {partial.on && (
          <input
            type="checkbox"
            className="part-check"
            checked={partial.accepted.has(path)}
            onChange={() => partial.toggle(path)}
            aria-label={t('decision.acceptPart', { label: title })}
          />
        )}
        <span lang="id">{title}</span>
        {m.idartbdt && <span className="muted mono small"> {m.idartbdt}</span>}
        {conflict && <span className="badge badge-conflict conflict-mark">{t('change.changedSinceRelease')}</span>}
      </h3>
      {rows.length === 0 ? (
        <p className="muted">{t('change.noFields')}</p>
      ) : (
        <ChangeTable rows={rows} caption={t('change.memberCaption', { title })} showCurrent={m.op === 'update'} />
      )}
    </section>
  );
}

/** The summary: type, status, household, region, verval result, dates, operator, package. */
function Summary({ data }: { data: ProposalDetail }) {
  const t = useT();
  const locale = useLocale();
  const p = data.proposal;
  const desa = useDesaName(p.kodeWilayah);
  const empty = t('value.empty');
  return (
    <section className="card" aria-label={t('proposal.summary')}>
      <dl className="summary">
        <div>
          <dt>{t('proposal.type')}</dt>
          <dd>{t(p.type === 'PERBAIKAN' ? 'verval.tab.perbaikan' : 'verval.tab.usulanBaru')}</dd>
        </div>
        <div>
          <dt>{t('proposal.statusLabel')}</dt>
          <dd>
            <ProposalStatusBadge status={p.status} />
          </dd>
        </div>
        {p.idbdt && (
          <div>
            <dt>{t('hh.idbdt')}</dt>
            <dd className="mono">
              <Link to={`/data-kesos/${p.idbdt}`}>{formatIdbdt(p.idbdt)}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('hh.region')}</dt>
          <dd>
            {desa && <>{desa} </>}
            <span className="mono">({formatRegionCode(p.kodeWilayah)})</span>
          </dd>
        </div>
        {p.type === 'PERBAIKAN' && (
          <div className="wide">
            <dt>{t('path.verval.result')}</dt>
            <dd>
              {p.vervalResult === null ? (
                empty
              ) : (
                <span lang="id">
                  {p.vervalResult}. {vervalLabel(p.vervalResult)}
                </span>
              )}
              {p.duplicateOf && (
                <>
                  {' – '}
                  {t('proposal.duplicateOf')}{' '}
                  <Link to={`/data-kesos/${p.duplicateOf}`} className="mono">
                    {formatIdbdt(p.duplicateOf)}
                  </Link>
                </>
              )}
              {p.mergeInto && (
                <>
                  {' – '}
                  {t('proposal.mergeInto')}{' '}
                  <Link to={`/data-kesos/${p.mergeInto}`} className="mono">
                    {formatIdbdt(p.mergeInto)}
                  </Link>
                </>
              )}
            </dd>
          </div>
        )}
        {p.visitedAt && (
          <div>
            <dt>{t('path.verval.visitedAt')}</dt>
            <dd>{formatDate(p.visitedAt, locale)}</dd>
          </div>
        )}
        {p.musdesAt && (
          <div>
            <dt>{t('path.verval.musdesAt')}</dt>
            <dd>{formatDate(p.musdesAt, locale)}</dd>
          </div>
        )}
        <div>
          <dt>{t('verval.filter.operator')}</dt>
          <dd>{p.operator ?? empty}</dd>
        </div>
        <div>
          <dt>{t('verval.filter.import')}</dt>
          <dd>
            <Link to={`/import/${p.importId}`}>{p.fileName ?? p.importId.slice(0, 8)}</Link>
          </dd>
        </div>
        {p.note && (
          <div className="wide">
            <dt>{t('path.verval.note')}</dt>
            <dd className="prewrap">{p.note}</dd>
          </div>
        )}
        <div className="wide">
          <dt>{t('proposal.id')}</dt>
          <dd className="mono small">{p.id}</dd>
        </div>
      </dl>
    </section>
  );
}

/** What an approval will do, for results that do more than change fields. */
function EffectNote({ data }: { data: ProposalDetail }) {
  const t = useT();
  const p = data.proposal;
  let text: string | null = null;
  if (p.type === 'USULAN_BARU') text = t('proposal.effect.new');
  else if (p.vervalResult === 2 || p.vervalResult === 3) text = t('proposal.effect.deactivate');
  else if (p.vervalResult === 4) text = t('proposal.effect.merge', { idbdt: p.mergeInto ? formatIdbdt(p.mergeInto) : '?' });
  else if (p.vervalResult === 5) text = t('proposal.effect.refused');
  else if (p.vervalResult === 6) text = t('proposal.effect.duplicate', { idbdt: p.duplicateOf ? formatIdbdt(p.duplicateOf) : '?' });
  if (!text || p.status !== 'MENUNGGU') return null;
  return <p className="alert alert-info">{text}</p>;
}

/** A decision already taken. */
function DecisionRecord({ data, memberNames }: { data: ProposalDetail; memberNames: readonly (string | null)[] }) {
  const t = useT();
  const locale = useLocale();
  const d = data.proposal.decision;
  if (!d) return null;
  const labels = (paths: readonly string[] | null) => (paths ?? []).map((p) => issuePathLabel(p, t, memberNames)).join('; ');
  return (
    <section className="card decision-record" aria-labelledby="decision-record-title">
      <h2 id="decision-record-title">{t('decision.recordTitle')}</h2>
      <dl className="summary">
        <div>
          <dt>{t('proposal.statusLabel')}</dt>
          <dd>
            <ProposalStatusBadge status={data.proposal.status} />
          </dd>
        </div>
        <div>
          <dt>{t('decision.decidedAt')}</dt>
          <dd>
            {formatDateTime(d.decidedAt, locale)}
            {d.decidedBy && <> · {d.decidedBy}</>}
          </dd>
        </div>
        {d.reason && (
          <div className="wide">
            <dt>{t('decision.reason')}</dt>
            <dd className="prewrap">{d.reason}</dd>
          </div>
        )}
        {d.acceptedFields && d.acceptedFields.length > 0 && (
          <div className="wide">
            <dt>{t('decision.acceptedFields')}</dt>
            <dd lang="id">{labels(d.acceptedFields)}</dd>
          </div>
        )}
        {d.rejectedFields && d.rejectedFields.length > 0 && (
          <div className="wide">
            <dt>{t('decision.rejectedFields')}</dt>
            <dd lang="id">{labels(d.rejectedFields)}</dd>
          </div>
        )}
        {d.assigned?.idbdt && (
          <div className="wide">
            <dt>{t('decision.assigned')}</dt>
            <dd className="mono">
              <Link to={`/data-kesos/${d.assigned.idbdt}`}>{formatIdbdt(d.assigned.idbdt)}</Link>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function ConflictNote({ data }: { data: ProposalDetail }) {
  const t = useT();
  const p = data.proposal;
  if (!p.conflict) return null;
  const fields = conflictFieldLabels(p.conflictChanges?.fields ?? []);
  const names = new Map((data.current?.members ?? []).map((m) => [String(m.idartbdt), typeof m.nama === 'string' ? m.nama : null]));
  const members = (p.conflictChanges?.members ?? []).map((id) => (names.get(id) ? `${names.get(id)} (${id})` : id));
  return (
    <section className="alert alert-conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{t('conflict.text')}</p>
      {fields.length > 0 && (
        <p>
          <strong>{t('conflict.fields')}</strong> <span lang="id">{fields.join(', ')}</span>
        </p>
      )}
      {members.length > 0 && (
        <p>
          <strong>{t('conflict.members')}</strong> {members.join(', ')}
        </p>
      )}
      {p.idbdt && (
        <p>
          <Link to={`/data-kesos/${p.idbdt}`}>{t('conflict.history')}</Link>
        </p>
      )}
    </section>
  );
}

function OtherPending({ ids, filter }: { ids: readonly string[]; filter: ProposalFilter }) {
  const t = useT();
  const locale = useLocale();
  if (ids.length === 0) return null;
  return (
    <div className="alert alert-warn-soft">
      <p>{t('proposal.others', { n: formatNumber(ids.length, locale) })}</p>
      <ul>
        {ids.map((other) => (
          <li key={other}>
            <Link to={proposalHref(other, filter)} className="mono">
              {t('proposal.otherLink', { id: other.slice(0, 8) })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

type PendingConfirm = DecisionInput | null;

/** The decision panel of a waiting proposal, and the partial-approval checkboxes' state. */
function useDecision(data: ProposalDetail, filter: ProposalFilter, reload: () => void) {
  const t = useT();
  const parts = useMemo(() => decisionParts(data.changes, t, data.proposal.changePaths), [data.changes, data.proposal.changePaths, t]);
  const [partialOn, setPartialOn] = useState(false);
  const [accepted, setAccepted] = useState<Set<string>>(() => new Set(parts.map((p) => p.path)));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingConfirm>(null);
  const p = data.proposal;
  const name = proposalName(data);
  const memberNames = useMemo(() => {
    const names: (string | null)[] = [];
    for (const m of data.changes.members) names[m.index] = m.nama;
    return names;
  }, [data.changes.members]);

  const toggle = (path: string) =>
    setAccepted((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const goNext = async (decision: DecisionKind) => {
    // The list the reviewer came from, on the proposal's own tab.
    const listFilter: ProposalFilter = {
      ...filter,
      tab: p.type,
      result: p.type === 'PERBAIKAN' ? filter.result : null,
    };
    const order = rememberedProposalOrder(serializeProposalFilter(filter));
    let waiting: string[] = [];
    try {
      const r = await proposalsApi.list(toProposalQuery({ ...listFilter, status: 'MENUNGGU', page: 1 }, 100));
      waiting = r.items.map((i) => i.id);
    } catch {
      waiting = [];
    }
    const next = pickNext(order, p.id, waiting);
    const done = t(DONE_KEYS[decision], { name: name || p.id.slice(0, 8) });
    if (next) {
      setFlash(`${done} ${t('decision.next')}`);
      navigate(proposalHref(next, listFilter));
    } else {
      setFlash(`${done} ${t('decision.noMore')}`);
      navigate(proposalListHref(listFilter));
    }
  };

  const send = async (input: DecisionInput) => {
    setBusy(true);
    setError(null);
    setInvalid([]);
    try {
      await proposalsApi.decide(p.id, input);
      await goNext(input.decision);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PROPOSAL_CONFLICT_UNCONFIRMED') setPending({ ...input, confirmConflict: true });
      else {
        setError(messageOf(e));
        if (e instanceof ApiError && e.code === 'PROPOSAL_NOW_INVALID') setInvalid(issuesOf(e.details));
        if (e instanceof ApiError && (e.code === 'PROPOSAL_NOT_PENDING' || e.status === 404)) reload();
      }
    } finally {
      setBusy(false);
    }
  };

  const needReason = (): string | null => {
    const r = reason.trim();
    if (r === '') {
      setReasonError(t('decision.err.reason'));
      document.getElementById('decision-reason')?.focus();
      return null;
    }
    setReasonError(null);
    return r;
  };

  const approve = () => {
    setError(null);
    const input: DecisionInput = { decision: 'APPROVE', ...(reason.trim() ? { reason: reason.trim() } : {}) };
    if (p.conflict) setPending({ ...input, confirmConflict: true });
    else void send(input);
  };

  const submitPartial = () => {
    setError(null);
    const check = checkPartial(parts, accepted, reason);
    if (!check.ok) {
      if (check.error === 'reason') needReason();
      else setError(t(check.error === 'none' ? 'decision.err.partialNone' : 'decision.err.partialAll'));
      return;
    }
    const input: DecisionInput = { decision: 'PARTIAL', reason: reason.trim(), acceptedFields: check.accepted };
    if (p.conflict) setPending({ ...input, confirmConflict: true });
    else void send(input);
  };

  const withReason = (decision: 'REJECT' | 'RETURN') => {
    setError(null);
    const r = needReason();
    if (r !== null) void send({ decision, reason: r });
  };

  return {
    parts,
    partial: { on: partialOn, accepted, toggle } satisfies PartialProps,
    setPartialOn,
    reason,
    setReason,
    reasonError,
    setReasonError,
    error,
    invalid,
    memberNames,
    busy,
    pending,
    setPending,
    approve,
    submitPartial,
    withReason,
    send,
  };
}

function DecisionPanel({ d }: { d: ReturnType<typeof useDecision> }) {
  const t = useT();
  const fid = useId();
  const partialPossible = d.parts.length >= 2;
  // Parts without a row or member heading to carry their checkbox (e.g. the verval result).
  const extraParts = d.parts.filter((part) => !part.path.startsWith('household.') && !/^members\[\d+\]$/.test(part.path));
  return (
    <section className="card decision-panel" aria-labelledby={`${fid}-title`}>
      <h2 id={`${fid}-title`}>{t('decision.title')}</h2>
      {d.partial.on && (
        <p className="alert alert-info" role="status">
          {t('decision.partialHint')}
        </p>
      )}
      <div className="field">
        <label htmlFor="decision-reason">{t('decision.reason')}</label>
        <textarea
          id="decision-reason"
          rows={3}
          maxLength={1000}
          value={d.reason}
          aria-invalid={!!d.reasonError}
          aria-describedby={d.reasonError ? `${fid}-reason-error ${fid}-reason-hint` : `${fid}-reason-hint`}
          onChange={(e) => {
            d.setReason(e.target.value);
            if (d.reasonError && e.target.value.trim() !== '') d.setReasonError(null);
          }}
        />
        <small id={`${fid}-reason-hint`} className="hint">
          {t('decision.reasonHint')}
        </small>
        {d.reasonError && (
          <small id={`${fid}-reason-error`} className="field-error">
            {d.reasonError}
          </small>
        )}
      </div>
      {d.partial.on && extraParts.length > 0 && (
        <fieldset className="checklist decision-extra">
          <legend>{t('decision.otherParts')}</legend>
          {extraParts.map((part) => (
            <label key={part.path} className="check">
              <input
                type="checkbox"
                className="part-check"
                checked={d.partial.accepted.has(part.path)}
                onChange={() => d.partial.toggle(part.path)}
              />
              {t('decision.acceptPart', { label: part.label })}
            </label>
          ))}
        </fieldset>
      )}
      {d.error && (
        <div className="alert alert-error" role="alert">
          <p>{d.error}</p>
        </div>
      )}
      {d.invalid.length > 0 && <IssueList issues={d.invalid} caption={t('decision.invalidCaption')} memberNames={d.memberNames} />}
      {d.partial.on ? (
        <div className="form-actions decision-actions">
          <button type="button" className="btn btn-primary" disabled={d.busy} onClick={d.submitPartial}>
            {t('decision.savePartial')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={d.busy} onClick={() => d.setPartialOn(false)}>
            {t('decision.cancelPartial')}
          </button>
        </div>
      ) : (
        <div className="form-actions decision-actions">
          <button type="button" className="btn btn-primary" disabled={d.busy} onClick={d.approve}>
            {t('decision.approve')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={d.busy || !partialPossible}
            title={partialPossible ? undefined : t('decision.partialImpossible')}
            onClick={() => {
              d.setPartialOn(true);
              requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.part-check')?.focus());
            }}
          >
            {t('decision.partial')}
          </button>
          <button type="button" className="btn btn-secondary btn-danger" disabled={d.busy} onClick={() => d.withReason('REJECT')}>
            {t('decision.reject')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={d.busy} onClick={() => d.withReason('RETURN')}>
            {t('decision.return')}
          </button>
        </div>
      )}
      {d.busy && (
        <p className="loading" role="status">
          {t('decision.saving')}
        </p>
      )}
    </section>
  );
}

/** The proposal with everything but loading; exported for rendering tests. */
export function ProposalView({ data, filter, reload }: { data: ProposalDetail; filter: ProposalFilter; reload: () => void }) {
  const t = useT();
  const texts = useValueTexts();
  const p = data.proposal;
  const name = proposalName(data);
  const d = useDecision(data, filter, reload);
  const waiting = p.status === 'MENUNGGU';
  const partial: PartialProps = waiting ? d.partial : { on: false, accepted: new Set(), toggle: () => undefined };
  const householdRows = householdChangeRows(data.changes.household, texts, p.conflictChanges?.fields ?? [], data.current === null);
  const memberNames = d.memberNames;
  const [flash] = useState(peekFlash);
  useEffect(() => clearFlash(), []);
  const title =
    p.type === 'PERBAIKAN'
      ? t('proposal.titlePerbaikan', { name: name || t('value.empty') })
      : t('proposal.titleBaru', { name: name || t('value.empty') });
  useDocumentTitle(title);
  const noChanges = data.changes.household.length === 0 && data.changes.members.length === 0;

  return (
    <div className="proposal-page">
      <p className="back">
        <Link to={proposalListHref(filter)}>← {t('proposal.back')}</Link>
      </p>
      {flash && (
        <p className="alert alert-ok" role="status">
          {flash}
        </p>
      )}
      <h1>{title}</h1>
      <Summary data={data} />
      <EffectNote data={data} />
      <DecisionRecord data={data} memberNames={memberNames} />
      <ConflictNote data={data} />
      {p.errors.length > 0 && (
        <section className="issues issues-errors" aria-labelledby="errors-title">
          <h2 id="errors-title">{t('proposal.errors')}</h2>
          <IssueList issues={p.errors} caption={t('proposal.errorsCaption')} memberNames={memberNames} />
        </section>
      )}
      {(p.warnings.length > 0 || p.pendingOthers.length > 0) && (
        <section className="issues issues-warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title">{t('proposal.warnings')}</h2>
          <OtherPending ids={p.pendingOthers} filter={filter} />
          {p.warnings.length > 0 && <IssueList issues={p.warnings} caption={t('proposal.warningsCaption')} memberNames={memberNames} />}
        </section>
      )}
      <section className="changes" aria-labelledby="changes-title">
        <h2 id="changes-title">{t('change.title')}</h2>
        {noChanges && <p className="muted">{t('change.none')}</p>}
        {householdRows.length > 0 && (
          <ChangeTable
            rows={householdRows}
            caption={t(data.current ? 'change.householdCaption' : 'change.newHouseholdCaption')}
            showCurrent={data.current !== null}
            pathOf={(r) => `household.${r.field}`}
            partial={partial}
          />
        )}
        {data.changes.members.length > 0 && (
          <div className="member-changes">
            <h3 className="visually-hidden">{t('change.members')}</h3>
            {data.changes.members.map((m) => (
              <MemberChangeView
                key={m.index}
                m={m}
                texts={texts}
                conflict={memberInConflict(m, p.conflictChanges?.members)}
                partial={partial}
              />
            ))}
          </div>
        )}
      </section>
      {waiting && <DecisionPanel d={d} />}
      <ConfirmDialog
        open={d.pending !== null}
        title={t('conflict.confirmTitle')}
        message={t('conflict.confirm')}
        confirmLabel={t('conflict.confirmButton')}
        busy={d.busy}
        onConfirm={() => {
          const input = d.pending;
          d.setPending(null);
          if (input) void d.send({ ...input, confirmConflict: true });
        }}
        onCancel={() => d.setPending(null)}
      />
    </div>
  );
}

export function ProposalPage({ id }: { id: string }) {
  const t = useT();
  const { me } = useSession();
  const { search } = useLocation();
  const filter = useMemo(() => parseProposalFilter(search), [search]);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const allowed = me.role === 'SUPERVISOR';

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    proposalsApi.get(id, ctrl.signal).then(
      (data) => setState({ kind: 'ok', data }),
      (e: unknown) => {
        if (isAbort(e)) return;
        if (e instanceof ApiError && e.status === 404) setState({ kind: 'notFound' });
        else setState({ kind: 'error', message: messageOf(e) });
      },
    );
    return () => ctrl.abort();
  }, [allowed, id, attempt]);

  const back = (
    <p className="back">
      <Link to={proposalListHref(filter)}>← {t('proposal.back')}</Link>
    </p>
  );
  if (!allowed) {
    return (
      <div className="proposal-page">
        <h1>{t('verval.title')}</h1>
        <p className="alert alert-error">{t('verval.forbidden')}</p>
      </div>
    );
  }
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'notFound' || state.kind === 'error') {
    return (
      <div className="proposal-page">
        {back}
        <h1>{t('proposal.title')}</h1>
        <ErrorBox
          message={state.kind === 'notFound' ? t('proposal.notFound') : state.message}
          onRetry={state.kind === 'error' ? () => setAttempt((a) => a + 1) : undefined}
        />
      </div>
    );
  }
  // Keyed by status: a reload after "not pending" starts the decision panel afresh.
  return <ProposalView key={state.data.proposal.status} data={state.data} filter={filter} reload={() => setAttempt((a) => a + 1)} />;
}

export default ProposalPage;
