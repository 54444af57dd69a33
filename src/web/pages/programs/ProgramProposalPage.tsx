// One BSP or PBI proposal (/verifikasi-bsp/usulan/:id, /verifikasi-pbi/usulan/:id; program:read):
// the membership now beside the membership after approval — for "Ganti" the household going out
// and the one coming in — the quota it is checked against, and (program:decide) "Setujui" /
// "Tolak" with a required reason. A refused approval (quota full) shows the server's message,
// which names the quota. Loaded lazily.
import { useId, useState } from 'react';
import {
  programsApi,
  type MembershipSide,
  type ProgrammeDecision,
  type ProgrammeModule,
  type ProgrammeProposalView,
} from '../../api/programs.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Fact } from '../../components/Fact.tsx';
import { ErrorBox, Forbidden, Loading, useDocumentTitle } from '../../components/Status.tsx';
import { formatDate, formatDateTime, formatIdbdt, formatNumber } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useCan } from '../../lib/abilities.ts';
import { useData, useMutation } from '../../lib/useData.ts';
import { Link, useLocation } from '../../router.tsx';
import { IssueList, ProposalStatusBadge } from '../ProposalIssues.tsx';
import { useReasonText } from './MembershipTables.tsx';
import { ReasonField, useRequiredReason } from './ReasonField.tsx';
import { MODULE_PATHS } from './state.ts';
import './programs.css';

type State = MembershipSide['current'];

/** The rows of one side: the household (and member), then each membership field now and after approval. */
function SideTable({ side, caption }: { side: MembershipSide; caption: string }) {
  const t = useT();
  const locale = useLocale();
  const reason = useReasonText();
  const empty = t('value.empty');
  const h = side.household;
  const status = (s: State) =>
    s.status === null ? t('prog.side.notInList') : t(s.status === 'AKTIF' ? 'status.AKTIF' : 'status.NONAKTIF');
  const rows: { key: string; label: string; value: (s: State) => string }[] = [
    { key: 'status', label: t('list.col.status'), value: status },
    { key: 'pengurus', label: t('prog.col.pengurus'), value: (s) => s.namaPengurus ?? s.idPengurus ?? empty },
    { key: 'kks', label: t('prog.col.noKks'), value: (s) => s.noKks ?? empty },
    { key: 'rekening', label: t('prog.col.noRekening'), value: (s) => s.noRekening ?? empty },
    { key: 'kartu', label: t('prog.col.noKartu'), value: (s) => s.noKartu ?? empty },
    { key: 'since', label: t('prog.side.since'), value: (s) => (s.since ? formatDate(s.since, locale) : empty) },
    { key: 'until', label: t('prog.side.until'), value: (s) => (s.until ? formatDate(s.until, locale) : empty) },
    { key: 'reason', label: t('prog.col.reason'), value: (s) => reason(s.reason) },
  ];
  return (
    <section className="card prog-side">
      <h2>{caption}</h2>
      <dl className="summary">
        <Fact label={t('list.col.idbdt')}>
          <span className="mono">{formatIdbdt(h.idbdt)}</span>
        </Fact>
        <Fact label={t('list.col.namaKrt')}>{h.namaKrt ?? empty}</Fact>
        {side.idartbdt && (
          <Fact label={t('prog.col.nama')}>
            {side.nama ?? empty} <span className="mono">({formatIdbdt(side.idartbdt)})</span>
          </Fact>
        )}
        <Fact label={t('list.col.desa')}>{h.namaDesa ?? h.kodeWilayah}</Fact>
        <Fact label={t('prog.col.persentil')}>{h.persentil === null ? empty : formatNumber(h.persentil, locale)}</Fact>
        <Fact label={t('prog.col.members')}>{formatNumber(h.members, locale)}</Fact>
      </dl>
      <table className="table change-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('prog.side.field')}</th>
            <th scope="col">{t('prog.side.current')}</th>
            <th scope="col">{t('prog.side.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const before = r.value(side.current);
            const after = r.value(side.proposed);
            return (
              <tr key={r.key} className={before === after ? 'row-same' : undefined}>
                <th scope="row">{r.label}</th>
                <td className="val-current">{before}</td>
                <td className="val-proposed">{after}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** "Setujui" / "Tolak" of a waiting proposal, each confirmed; `error` is the last refusal's text (e.g. the quota's). */
export function DecisionBox({
  busy,
  error,
  onDecide,
}: {
  busy: boolean;
  error: string | null;
  onDecide: (input: ProgrammeDecision) => void;
}) {
  const t = useT();
  const fid = useId();
  const [asking, setAsking] = useState<ProgrammeDecision['decision'] | null>(null);
  const reason = useRequiredReason();
  const reject = asking === 'REJECT';
  return (
    <section className="card decision-panel" aria-labelledby={`${fid}-title`}>
      <h2 id={`${fid}-title`}>{t('decision.title')}</h2>
      {error && (
        <div className="alert alert-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <div className="form-actions decision-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => setAsking('APPROVE')}>
          {t('decision.approve')}
        </button>
        <button type="button" className="btn btn-secondary btn-danger" disabled={busy} onClick={() => setAsking('REJECT')}>
          {t('decision.reject')}
        </button>
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={t(reject ? 'prog.decision.rejectTitle' : 'prog.decision.approveTitle')}
        message={t(reject ? 'prog.decision.rejectQuestion' : 'prog.decision.approveQuestion')}
        confirmLabel={t(reject ? 'decision.reject' : 'decision.approve')}
        danger={reject}
        busy={busy}
        onConfirm={() => {
          const why = reject ? reason.require() : '';
          if (why === null) return;
          setAsking(null);
          onDecide(reject ? { decision: 'REJECT', reason: why } : { decision: 'APPROVE' });
        }}
        onCancel={() => setAsking(null)}
      >
        {reject && <ReasonField id={`${fid}-reason`} label={t('decision.reason')} reason={reason} />}
      </ConfirmDialog>
    </section>
  );
}

/** The review of one proposal as it arrived from the API. */
export function ProposalReview({
  view,
  busy = false,
  error = null,
  onDecide,
}: {
  view: ProgrammeProposalView;
  busy?: boolean;
  error?: string | null;
  onDecide: (input: ProgrammeDecision) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const can = useCan();
  const p = view.proposal;
  const q = view.quota;
  return (
    <>
      <dl className="summary card">
        <Fact label={t('prog.filter.type')}>{t(`prog.type.${p.type}`)}</Fact>
        <Fact label={t('verval.filter.status')}>
          <ProposalStatusBadge status={p.status} />
        </Fact>
        <Fact label={t('prog.filter.origin')}>
          {t(`prog.origin.${p.origin}`)}
          {p.operator && ` · ${p.operator}`}
          {p.fileName && ` · ${p.fileName}`} · {formatDateTime(p.importedAt, locale)}
        </Fact>
        <Fact label={t('prog.quota.checked', { program: q.program, period: q.period })}>
          {q.quota === null
            ? t('prog.quota.none', { used: formatNumber(q.used, locale) })
            : t('prog.quota.used', { used: formatNumber(q.used, locale), quota: formatNumber(q.quota, locale) })}
        </Fact>
        {p.note && <Fact label={t('prog.form.note')}>{p.note}</Fact>}
        {p.decision && (
          <Fact label={t('prog.decision.done')} wide>
            {formatDateTime(p.decision.decidedAt, locale)}
            {p.decision.decidedBy && ` · ${p.decision.decidedBy}`}
            {p.decision.reason && ` · ${p.decision.reason}`}
          </Fact>
        )}
      </dl>
      {p.errors.length > 0 && <IssueList issues={p.errors} caption={t('prog.errors')} />}
      <div className="prog-sides">
        <SideTable side={view.subject} caption={t(view.replacement ? 'prog.side.outgoing' : 'prog.side.subject')} />
        {view.replacement && <SideTable side={view.replacement} caption={t('prog.side.incoming')} />}
      </div>
      {p.status === 'MENUNGGU' && can('program:decide') && <DecisionBox busy={busy} error={error} onDecide={onDecide} />}
    </>
  );
}

/** Where "Kembali" goes: the list the reviewer came from (only an address of this module's page). */
function backHref(module: ProgrammeModule, search: string): string {
  const back = new URLSearchParams(search).get('back') ?? '';
  return back.startsWith(`${MODULE_PATHS[module]}?`) || back === MODULE_PATHS[module] ? back : `${MODULE_PATHS[module]}?tab=proposals`;
}

export function ProgramProposalPage({ module, id }: { module: ProgrammeModule; id: string }) {
  const t = useT();
  const allowed = useCan()('program:read');
  const { search } = useLocation();
  const title = t(module === 'BSP' ? 'prog.proposalTitle.bsp' : 'prog.proposalTitle.pbi');
  useDocumentTitle(title);
  const view = useData((signal) => programsApi.proposal(module, id, signal), [module, id], allowed);
  const decide = useMutation((input: ProgrammeDecision) => programsApi.decide(module, id, input));
  if (!allowed) return <Forbidden title={title} message={t('prog.forbidden')} />;
  return (
    <div className="proposal-page">
      <p className="back">
        <Link to={backHref(module, search)}>{t('prog.backToList')}</Link>
      </p>
      <h1>{title}</h1>
      {view.error && <ErrorBox message={view.error} onRetry={view.reload} />}
      {!view.data && !view.error && <Loading />}
      {view.data && (
        <ProposalReview
          view={view.data}
          busy={decide.busy}
          error={decide.error}
          onDecide={async (input) => {
            const r = await decide.run(input);
            if (r.ok) view.setData(r.value);
          }}
        />
      )}
    </div>
  );
}

export default ProgramProposalPage;
