// The "Usulan" tab: BSP or PBI proposals (from packages and made online) under the filter, each
// opening its side-by-side review, and the bulk decision over the filter (program:decide): the
// dry run's count first, a reason to reject, the outcome with what the quota refused.
import { useId, useState } from 'react';
import {
  BSP_PROPOSAL_TYPES,
  PBI_PROPOSAL_TYPES,
  programsApi,
  type ProgrammeBulkInput,
  type ProgrammeBulkResult,
  type ProgrammeModule,
  type ProgrammeProposal,
  type ProgrammeProposalFilter,
  type ProgrammeProposalPage,
} from '../../api/programs.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable, type Column, type TableLoad } from '../../components/DataTable.tsx';
import { formatDateTime, formatIdbdt, formatNumber } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useCan } from '../../lib/abilities.ts';
import { useMutation } from '../../lib/useData.ts';
import { Link } from '../../router.tsx';
import { ProposalStatusBadge } from '../ProposalIssues.tsx';
import { BulkButtons } from '../VerifikasiUsulanPage.tsx';
import { useReasonText } from './MembershipTables.tsx';
import { ReasonField, useRequiredReason } from './ReasonField.tsx';
import { MODULE_PATHS, PROGRAM_PAGE_SIZE, type ProgramState } from './state.ts';

/** The address of one proposal's review, the list's address riding along to come back to. */
export function programProposalHref(module: ProgrammeModule, id: string, back: string): string {
  return `${MODULE_PATHS[module]}/usulan/${encodeURIComponent(id)}?back=${encodeURIComponent(back)}`;
}

/** The proposal filter of the state as the review list and the bulk decision take it. */
export function proposalFilter(module: ProgrammeModule, s: ProgramState): ProgrammeProposalFilter {
  const common = { kecamatan: s.kecamatan || undefined, desa: s.desa || undefined, origin: s.origin || undefined };
  if (module === 'BSP') return { ...common, program: s.program, type: BSP_PROPOSAL_TYPES.find((x) => x === s.type) };
  return { ...common, type: PBI_PROPOSAL_TYPES.find((x) => x === s.type) };
}

export function ProgrammeProposalTable({
  module,
  data,
  back,
  onPage,
  ...load
}: TableLoad & { module: ProgrammeModule; data: ProgrammeProposalPage | null; back: string; onPage: (page: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const reason = useReasonText();
  const empty = t('value.empty');
  const who = (p: ProgrammeProposal) => (module === 'PBI' ? (p.nama ?? p.idartbdt ?? empty) : (p.namaKrt ?? formatIdbdt(p.idbdt)));
  const columns: Column<ProgrammeProposal>[] = [
    { key: 'type', header: t('prog.filter.type'), cell: (p) => t(`prog.type.${p.type}`) },
    {
      key: 'subject',
      header: t(module === 'PBI' ? 'prog.col.nama' : 'verval.col.household'),
      rowHeader: true,
      cell: (p) => (
        <>
          {who(p)}
          <br />
          <span className="muted small">{p.namaDesa ?? p.kodeWilayah}</span>
        </>
      ),
    },
    {
      key: 'replacement',
      header: t('prog.col.replacement'),
      className: 'mono',
      cell: (p) => (p.replacementIdbdt ? formatIdbdt(p.replacementIdbdt) : empty),
    },
    { key: 'reason', header: t('prog.col.reason'), cell: (p) => reason(p.reasonCode) },
    {
      key: 'origin',
      header: t('prog.filter.origin'),
      cell: (p) => (
        <>
          {t(`prog.origin.${p.origin}`)}
          <br />
          <span className="muted small">{[p.operator, formatDateTime(p.importedAt, locale)].filter(Boolean).join(' · ')}</span>
        </>
      ),
    },
    { key: 'status', header: t('verval.filter.status'), cell: (p) => <ProposalStatusBadge status={p.status} /> },
    {
      key: 'open',
      header: <span className="visually-hidden">{t('verval.col.action')}</span>,
      className: 'actions',
      cell: (p) => (
        <Link to={programProposalHref(module, p.id, back)} className="btn btn-small">
          {t('verval.open')}
          <span className="visually-hidden"> {t('verval.openOf', { name: who(p) })}</span>
        </Link>
      ),
    },
  ];
  return (
    <DataTable
      caption={t(module === 'BSP' ? 'prog.caption.proposalsBsp' : 'prog.caption.proposalsPbi')}
      columns={columns}
      rows={data?.items ?? null}
      rowKey={(p) => p.id}
      {...load}
      empty={t('verval.empty')}
      paging={data ? { page: data.page, pageSize: data.pageSize || PROGRAM_PAGE_SIZE, total: data.total, onPage } : undefined}
    />
  );
}

type Bulk = 'APPROVE' | 'REJECT';

type BulkState = { decision: Bulk; phase: 'counting' } | { decision: Bulk; phase: 'confirm' | 'running'; matched: number };

/** What a finished bulk decision did, in words ("12 usulan disetujui. 3 ditolak kuota."). */
export function bulkOutcomeText(decision: Bulk, r: ProgrammeBulkResult, t: ReturnType<typeof useT>, locale: string): string {
  const n = (v: number) => formatNumber(v, locale);
  const parts = [t(decision === 'APPROVE' ? 'bulk.approved' : 'bulk.rejected', { n: n(r.decided) })];
  if (r.overQuota > 0) parts.push(t('prog.bulk.overQuota', { n: n(r.overQuota) }));
  if (r.invalid > 0) parts.push(t('prog.bulk.invalid', { n: n(r.invalid) }));
  return parts.join(' ');
}

/** "Setujui semua" / "Tolak semua" over the filter's waiting proposals, confirmed with the dry run's count. */
export function BulkDecisions({
  module,
  state,
  waiting,
  onDone,
}: {
  module: ProgrammeModule;
  state: ProgramState;
  /** Waiting proposals of the filter (the button is off at 0). */
  waiting: number;
  onDone: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const fid = useId();
  const can = useCan();
  const [bulk, setBulk] = useState<BulkState | null>(null);
  const reason = useRequiredReason();
  const [outcome, setOutcome] = useState<string | null>(null);
  const call = useMutation((input: ProgrammeBulkInput) => programsApi.bulk(module, input));
  if (!can('program:decide')) return null;
  // Only waiting proposals are decided: a list filtered on another status has none to decide.
  const usable = state.status === '' || state.status === 'MENUNGGU';
  const filter = proposalFilter(module, state);

  const start = async (decision: Bulk) => {
    setOutcome(null);
    reason.reset();
    setBulk({ decision, phase: 'counting' });
    const dry = await call.run({ filter, decision, dryRun: true });
    setBulk(dry.ok ? { decision, phase: 'confirm', matched: dry.value.matched } : { decision, phase: 'confirm', matched: 0 });
  };
  const confirm = async () => {
    if (bulk?.phase !== 'confirm') return;
    const why = bulk.decision === 'REJECT' ? reason.require() : '';
    if (why === null) return;
    setBulk({ ...bulk, phase: 'running' });
    const input = { filter, decision: bulk.decision, ...(bulk.decision === 'REJECT' ? { reason: why } : {}) };
    const r = await call.run(input);
    if (r.ok) {
      setBulk(null);
      setOutcome(bulkOutcomeText(bulk.decision, r.value, t, locale));
      onDone();
    } else setBulk({ ...bulk, phase: 'confirm' });
  };
  const approve = bulk?.decision !== 'REJECT';
  const matched = bulk && bulk.phase !== 'counting' ? bulk.matched : 0;
  const message = !bulk
    ? ''
    : bulk.phase === 'counting'
      ? t('bulk.counting')
      : matched > 0
        ? t(approve ? 'bulk.approveQuestion' : 'bulk.rejectQuestion', { n: formatNumber(matched, locale) })
        : call.error
          ? call.error // the dry run failed: say why instead of "none match"
          : t('bulk.none');

  return (
    <>
      <section className="bulk-actions" aria-label={t('bulk.label')}>
        <BulkButtons disabled={!usable || waiting === 0 || bulk !== null} onStart={(d) => void start(d)} />
        <span className="hint">{usable ? t('bulk.scopeShort', { n: formatNumber(waiting, locale) }) : t('bulk.otherStatus')}</span>
      </section>
      {outcome && (
        <p className="alert alert-ok" role="status">
          {outcome}
        </p>
      )}
      <ConfirmDialog
        open={bulk !== null}
        title={t(approve ? 'bulk.approveTitle' : 'bulk.rejectTitle')}
        message={message}
        confirmLabel={t(approve ? 'bulk.confirmApprove' : 'bulk.confirmReject')}
        danger={!approve}
        busy={bulk?.phase === 'running' || bulk?.phase === 'counting'}
        confirmDisabled={matched === 0}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setBulk(null);
          call.clearError();
        }}
      >
        <p className="hint">{t(approve ? 'prog.bulk.quotaNote' : 'bulk.scope')}</p>
        {!approve && matched > 0 && <ReasonField id={`${fid}-reason`} label={t('bulk.reason')} reason={reason} />}
        {call.error && matched > 0 && (
          <p className="field-error" role="alert">
            {call.error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
