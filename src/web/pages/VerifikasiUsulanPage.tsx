// F7 Verifikasi Usulan (/verifikasi-usulan; proposal:read): tabs "Perbaikan Data" and "Usulan
// Baru", filters (kecamatan, desa, paket, operator, hasil verval, status with counts, konflik,
// peringatan) kept in the URL, the server-paged list, and bulk decisions over the filter
// ("Setujui semua" / "Tolak semua", proposal:decide) confirmed with the count of a dry run.
// Loaded lazily.
import { useEffect, useId, useMemo, useState } from 'react';
import {
  importsApi,
  PROPOSAL_STATUSES,
  proposalsApi,
  type BulkDecisionResult,
  type ImportItem,
  type ProposalCounts,
  type ProposalListItem,
  type ProposalType,
} from '../api/proposals.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column, type TableLoad } from '../components/DataTable.tsx';
import { AreaFilter } from '../components/RegionPicker.tsx';
import { SelectField, withChosen, type SelectFieldProps } from '../components/SelectField.tsx';
import { Forbidden, useDocumentTitle } from '../components/Status.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { formatDateTime, formatIdbdt, formatNumber, formatRegionCode } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { ownDistrict, useCan } from '../lib/abilities.ts';
import { useData, useMutation } from '../lib/useData.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import {
  bulkCount,
  clearFlash,
  EMPTY_PROPOSAL_FILTER,
  hasProposalFilter,
  isProposalStatus,
  parseProposalFilter,
  PROPOSAL_PAGE_SIZE,
  peekFlash,
  proposalHref,
  proposalListHref,
  rememberProposalOrder,
  serializeProposalFilter,
  STATUS_KEYS,
  toBulkFilter,
  toProposalFilterQuery,
  toProposalQuery,
  vervalLabel,
  vervalOptions,
  type ProposalFilter,
} from '../verval.ts';
import { ProposalStatusBadge } from './ProposalIssues.tsx';
import '../account.css';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';

/** Applies a change to the filter in the URL; every change but paging goes back to page 1. */
function updateFilter(patch: Partial<ProposalFilter>): void {
  const current = parseProposalFilter(window.location.search);
  navigate(proposalListHref({ ...current, page: 1, ...patch }));
}

const sumCounts = (c: ProposalCounts | undefined) => (c ? Object.values(c.byStatus).reduce((a, b) => a + (b ?? 0), 0) : null);

const TABS: { tab: ProposalType; key: 'verval.tab.perbaikan' | 'verval.tab.usulanBaru' }[] = [
  { tab: 'PERBAIKAN', key: 'verval.tab.perbaikan' },
  { tab: 'USULAN_BARU', key: 'verval.tab.usulanBaru' },
];

/** "Perbaikan Data" and "Usulan Baru" with their totals; ids tab-PERBAIKAN, tab-USULAN_BARU. */
export function ProposalTabs({ filter, totals }: { filter: ProposalFilter; totals: Partial<Record<ProposalType, number | null>> }) {
  const t = useT();
  const locale = useLocale();
  const label = (tab: ProposalType, key: MessageKey) => {
    const n = totals[tab];
    return (
      <>
        {t(key)}
        {n !== undefined && n !== null && <span className="tab-count"> {formatNumber(n, locale)}</span>}
      </>
    );
  };
  return (
    <Tabs
      label={t('verval.tabs')}
      tabs={TABS.map(({ tab, key }) => ({ key: tab, label: label(tab, key) }))}
      selected={filter.tab}
      onSelect={(tab) => updateFilter({ tab, result: null })}
      idPrefix="tab"
      panelId="proposal-results"
    />
  );
}

/** A yes/no filter as select options ('' is "Semua"). */
const flagValue = (v: boolean | null) => (v === null ? '' : String(v));
const parseFlag = (v: string) => (v === '' ? null : v === 'true');

export function ProposalFilters({
  filter,
  counts,
  imports,
}: {
  filter: ProposalFilter;
  counts: ProposalCounts | undefined;
  imports: readonly ImportItem[] | null;
}) {
  const t = useT();
  const locale = useLocale();
  const fid = useId();
  const district = ownDistrict(useSession().me);
  const withCount = (label: string, v: number | null | undefined) => (counts ? `${label} (${formatNumber(v ?? 0, locale)})` : label);

  const importOptions = (imports ?? []).filter((i) => i.status === 'DONE');
  const packages = importOptions.map((i) => ({ value: i.id, label: `${i.fileName} – ${formatDateTime(i.uploadedAt, locale)}` }));
  const operators = [...new Set(importOptions.map((i) => i.operator).filter((o): o is string => !!o))].sort();
  const flagField = (key: 'conflict' | 'warning', count: number | undefined) => ({
    key,
    label: t(`verval.filter.${key}`),
    value: flagValue(filter[key]),
    onChange: (v: string) => updateFilter({ [key]: parseFlag(v) }),
    emptyLabel: t('verval.filter.all'),
    options: [
      { value: 'true', label: withCount(t(`verval.filter.${key}Yes`), count) },
      { value: 'false', label: t(`verval.filter.${key}No`) },
    ],
  });
  // The filter bar as data: one select each, in this order (the verval result on Perbaikan Data only).
  const fields: (Omit<SelectFieldProps, 'id'> & { key: string })[] = [
    {
      key: 'import',
      label: t('verval.filter.import'),
      value: filter.importId,
      onChange: (importId) => updateFilter({ importId }),
      emptyLabel: t('verval.filter.allImports'),
      options: withChosen(packages, filter.importId, filter.importId.slice(0, 8)),
    },
    {
      key: 'operator',
      label: t('verval.filter.operator'),
      value: filter.operator,
      onChange: (operator) => updateFilter({ operator }),
      emptyLabel: t('verval.filter.allOperators'),
      options: withChosen(
        operators.map((o) => ({ value: o, label: o })),
        filter.operator,
      ),
    },
    ...(filter.tab === 'PERBAIKAN'
      ? [
          {
            key: 'result',
            label: t('verval.filter.result'),
            value: filter.result === null ? '' : String(filter.result),
            onChange: (v: string) => updateFilter({ result: v ? Number(v) : null }),
            emptyLabel: t('verval.filter.allResults'),
            options: vervalOptions().map((r) => ({ value: String(r.code), label: `${r.code}. ${r.label}` })),
          },
        ]
      : []),
    {
      key: 'status',
      label: t('verval.filter.status'),
      value: filter.status,
      onChange: (v) => updateFilter({ status: isProposalStatus(v) ? v : '' }),
      emptyLabel: withCount(t('verval.filter.allStatus'), sumCounts(counts)),
      options: PROPOSAL_STATUSES.map((s) => ({ value: s, label: withCount(t(STATUS_KEYS[s]), counts?.byStatus[s]) })),
    },
    flagField('conflict', counts?.conflict),
    flagField('warning', counts?.warning),
  ];

  return (
    <section className="filters card proposal-filters" aria-label={t('verval.filters')}>
      {district && <AreaFilter root={district} idPrefix={`${fid}-region`} value={filter} onChange={updateFilter} />}
      {fields.map(({ key, ...field }) => (
        <SelectField key={key} id={`${fid}-${key}`} {...field} />
      ))}
      <div className="field field-actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hasProposalFilter(filter)}
          onClick={() => navigate(proposalListHref({ ...EMPTY_PROPOSAL_FILTER, tab: filter.tab }))}
        >
          {t('list.reset')}
        </button>
      </div>
    </section>
  );
}

/** Counts per status as quick filters (the status filter's counts). */
export function StatusSummary({ filter, counts }: { filter: ProposalFilter; counts: ProposalCounts }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="status-summary" aria-label={t('verval.statusCounts')}>
      {PROPOSAL_STATUSES.map((s) => (
        <li key={s}>
          <button
            type="button"
            className={`status-chip status-chip-${s.toLowerCase()}`}
            aria-pressed={filter.status === s}
            onClick={() => updateFilter({ status: filter.status === s ? '' : s })}
          >
            <span className="status-chip-label">{t(STATUS_KEYS[s])}</span>{' '}
            <span className="status-chip-count">{formatNumber(counts.byStatus[s] ?? 0, locale)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Text and a small second line in one cell ("operator / paket / diimpor"). */
function Lines({ first, more }: { first: string; more: readonly (string | null | undefined)[] }) {
  return (
    <>
      {first}
      {more.filter(Boolean).map((line) => (
        <span key={line}>
          <br />
          <span className="muted small">{line}</span>
        </span>
      ))}
    </>
  );
}

function proposalColumns(filter: ProposalFilter, t: ReturnType<typeof useT>, locale: string): Column<ProposalListItem>[] {
  const empty = t('value.empty');
  const nameOf = (p: ProposalListItem) => p.namaKrt ?? (p.idbdt ? formatIdbdt(p.idbdt) : p.id.slice(0, 8));
  const perbaikan = filter.tab === 'PERBAIKAN';
  const columns: (Column<ProposalListItem> | false)[] = [
    perbaikan && {
      key: 'idbdt',
      header: t('list.col.idbdt'),
      className: 'mono nowrap',
      cell: (p) => (p.idbdt ? formatIdbdt(p.idbdt) : empty),
    },
    {
      key: 'household',
      header: t('verval.col.household'),
      cell: (p) => <Lines first={p.namaKrt ?? empty} more={[p.namaDesa ?? formatRegionCode(p.kodeWilayah)]} />,
    },
    perbaikan && {
      key: 'result',
      header: t('verval.col.result'),
      cell: (p) => (p.vervalResult === null ? empty : `${p.vervalResult}. ${vervalLabel(p.vervalResult)}`),
    },
    {
      key: 'status',
      header: t('verval.col.status'),
      cell: (p) => (
        <span className="badges badges-stacked">
          <ProposalStatusBadge status={p.status} />
          {p.conflict && <span className="badge badge-conflict">{t('verval.flag.conflict')}</span>}
          {p.hasWarning && <span className="badge badge-warning">{t('verval.flag.warning')}</span>}
          {p.pendingOthers > 0 && (
            <span className="badge badge-info">{t('verval.flag.others', { n: formatNumber(p.pendingOthers, locale) })}</span>
          )}
        </span>
      ),
    },
    {
      key: 'source',
      header: t('verval.col.source'),
      cell: (p) => <Lines first={p.operator ?? empty} more={[p.fileName, p.importedAt && formatDateTime(p.importedAt, locale)]} />,
    },
    {
      key: 'action',
      header: <span className="visually-hidden">{t('verval.col.action')}</span>,
      className: 'actions',
      cell: (p) => (
        <Link to={proposalHref(p.id, filter)} className="btn btn-small">
          {t('verval.open')}
          <span className="visually-hidden"> {t('verval.openOf', { name: nameOf(p) })}</span>
        </Link>
      ),
    },
  ];
  return columns.filter((c): c is Column<ProposalListItem> => c !== false);
}

/** The proposals of a page; a row opens its proposal (the "Periksa" link does so for keyboards). */
export function ProposalTable({
  items,
  filter,
  total,
  ...load
}: TableLoad & {
  items: readonly ProposalListItem[] | null;
  filter: ProposalFilter;
  /** Rows matching the filter on all pages; omitted: no paging. */
  total?: number;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <DataTable
      caption={t(filter.tab === 'PERBAIKAN' ? 'verval.caption.perbaikan' : 'verval.caption.usulanBaru')}
      idPrefix="proposal"
      columns={proposalColumns(filter, t, locale)}
      rows={items}
      rowKey={(p) => p.id}
      rowClassName={(p) => (p.conflict ? 'row-conflict' : undefined)}
      {...load}
      empty={t('verval.empty')}
      tableClassName="table-rows proposal-table"
      paging={
        total === undefined
          ? undefined
          : { page: filter.page, pageSize: PROPOSAL_PAGE_SIZE, total, onPage: (page) => updateFilter({ page }) }
      }
      onRowClick={(p, e) => {
        if ((e.target as HTMLElement).closest('a, button')) return;
        if (window.getSelection()?.toString()) return;
        navigate(proposalHref(p.id, filter));
      }}
    />
  );
}

type BulkDecision = 'APPROVE' | 'REJECT';

const BULK_BUTTONS: { decision: BulkDecision; className: string; label: MessageKey }[] = [
  { decision: 'APPROVE', className: 'btn btn-primary', label: 'bulk.approveAll' },
  { decision: 'REJECT', className: 'btn btn-secondary btn-danger', label: 'bulk.rejectAll' },
];

/** "Setujui semua" and "Tolak semua" of a list's bulk decision (also the BSP/PBI proposals'). */
export function BulkButtons({ disabled, onStart }: { disabled: boolean; onStart: (decision: BulkDecision) => void }) {
  const t = useT();
  return BULK_BUTTONS.map((b) => (
    <button key={b.decision} type="button" className={b.className} disabled={disabled} onClick={() => onStart(b.decision)}>
      {t(b.label)}
    </button>
  ));
}

export type BulkState =
  | { phase: 'counting'; decision: BulkDecision }
  | { phase: 'confirm' | 'running'; decision: BulkDecision; dry: BulkDecisionResult; error?: string }
  | { phase: 'error'; decision: BulkDecision; error: string };

/** What the dialog asks or says in each phase. */
function bulkMessage(state: BulkState, t: ReturnType<typeof useT>, locale: string): string {
  const approve = state.decision === 'APPROVE';
  if (state.phase === 'counting') return t('bulk.counting');
  if (state.phase === 'error') return state.error;
  const count = bulkCount(state.dry, state.decision);
  const n = (v: number) => formatNumber(v, locale);
  if (count > 0) return t(approve ? 'bulk.approveQuestion' : 'bulk.rejectQuestion', { n: n(count) });
  return approve && state.dry.conflicts > 0 ? t('bulk.onlyConflicts', { n: n(state.dry.conflicts) }) : t('bulk.none');
}

/** The dialog of a bulk decision: the dry run's count, the reason of a rejection, confirm. */
export function BulkDialog({
  state,
  onConfirm,
  onCancel,
}: {
  state: BulkState | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const fid = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const approve = state?.decision !== 'REJECT';
  const counted = state?.phase === 'confirm' || state?.phase === 'running' ? state : null;
  const count = counted ? bulkCount(counted.dry, counted.decision) : 0;

  const confirm = () => {
    if (!approve && reason.trim() === '') {
      setReasonError(t('bulk.err.reason'));
      document.getElementById(`${fid}-reason`)?.focus();
      return;
    }
    onConfirm(reason.trim());
  };

  return (
    <ConfirmDialog
      open={state !== null}
      title={t(approve ? 'bulk.approveTitle' : 'bulk.rejectTitle')}
      message={state && bulkMessage(state, t, locale)}
      confirmLabel={t(approve ? 'bulk.confirmApprove' : 'bulk.confirmReject')}
      danger={!approve}
      busy={state?.phase === 'running'}
      confirmDisabled={count === 0}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      {approve && count > 0 && counted && counted.dry.conflicts > 0 && (
        <p className="bulk-note">{t('bulk.approveConflicts', { n: formatNumber(counted.dry.conflicts, locale) })}</p>
      )}
      <p className="hint">{t('bulk.scope')}</p>
      {!approve && count > 0 && (
        <TextAreaField
          id={`${fid}-reason`}
          label={t('bulk.reason')}
          value={reason}
          onChange={(v) => {
            setReason(v);
            if (v.trim() !== '') setReasonError(null);
          }}
          hint={t('decision.reasonHint')}
          error={reasonError}
        />
      )}
      {counted?.error && (
        <p className="field-error" role="alert">
          {counted.error}
        </p>
      )}
    </ConfirmDialog>
  );
}

export interface BulkOutcome {
  decision: BulkDecision;
  decided: number;
  conflicts: number;
}

export function BulkOutcomeView({ outcome, filter }: { outcome: BulkOutcome; filter: ProposalFilter }) {
  const t = useT();
  const locale = useLocale();
  const approve = outcome.decision === 'APPROVE';
  return (
    <div className="alert alert-ok bulk-outcome" role="status">
      <p>{t(approve ? 'bulk.approved' : 'bulk.rejected', { n: formatNumber(outcome.decided, locale) })}</p>
      {approve && outcome.conflicts > 0 && (
        <p>
          {t('bulk.skipped', { n: formatNumber(outcome.conflicts, locale) })}{' '}
          <Link to={proposalListHref({ ...filter, status: 'MENUNGGU', conflict: true, page: 1 })}>{t('bulk.showConflicts')}</Link>
        </p>
      )}
    </div>
  );
}

/**
 * The bulk decisions of the list: the dry run that counts, the confirmation, the decision and its
 * outcome. `onDone` reloads the list.
 */
function useBulk(filter: ProposalFilter, onDone: () => void) {
  const [state, setState] = useState<BulkState | null>(null);
  // A new dialog (fresh reason field) for every bulk decision started.
  const [serial, setSerial] = useState(0);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const bulkFilter = toBulkFilter(filter);
  const decide = useMutation(proposalsApi.bulk);

  const start = async (decision: BulkDecision) => {
    if (!bulkFilter) return;
    setOutcome(null);
    setSerial((s) => s + 1);
    setState({ phase: 'counting', decision });
    const dry = await decide.run({ filter: bulkFilter, decision, dryRun: true });
    setState((b) => (b?.phase !== 'counting' ? b : dry.ok ? { phase: 'confirm', decision, dry: dry.value } : b));
  };

  const confirm = async (reason: string) => {
    if (state?.phase !== 'confirm' || !bulkFilter) return;
    const { decision, dry } = state;
    setState({ phase: 'running', decision, dry });
    const r = await decide.run({ filter: bulkFilter, decision, ...(decision === 'REJECT' ? { reason } : {}) });
    if (r.ok) {
      setState(null);
      setOutcome({ decision, decided: r.value.decided, conflicts: decision === 'APPROVE' ? r.value.conflicts : 0 });
      onDone();
    } else setState({ phase: 'confirm', decision, dry });
  };

  // A failed call: the dry run becomes the error phase; a failed decision stays to be tried again.
  const shown: BulkState | null =
    state && decide.error && !decide.busy
      ? state.phase === 'counting'
        ? { phase: 'error', decision: state.decision, error: decide.error }
        : state.phase === 'confirm'
          ? { ...state, error: decide.error }
          : state
      : state;

  return {
    state: shown,
    serial,
    outcome,
    busy: decide.busy,
    bulkFilter,
    start: (d: BulkDecision) => void start(d),
    confirm: (reason: string) => void confirm(reason),
    cancel: () => {
      setState(null);
      decide.clearError();
    },
  };
}

export function VerifikasiUsulanPage() {
  const t = useT();
  const locale = useLocale();
  const can = useCan();
  const allowed = can('proposal:read');
  useDocumentTitle(t('verval.title'));
  const { search } = useLocation();
  const filter = useMemo(() => parseProposalFilter(search), [search]);
  const canonical = serializeProposalFilter(filter);
  const [flash] = useState(peekFlash);
  useEffect(() => clearFlash(), []);

  const list = useData(
    async (signal) => {
      const page = await proposalsApi.list(toProposalQuery(parseProposalFilter(canonical)), signal);
      rememberProposalOrder(
        canonical,
        page.items.map((i) => i.id),
      );
      return page;
    },
    [canonical],
    allowed,
  );
  // The other tab's total (same filter, no status), for its label.
  const otherTab: ProposalType = filter.tab === 'PERBAIKAN' ? 'USULAN_BARU' : 'PERBAIKAN';
  const otherQuery = serializeProposalFilter({ ...filter, tab: otherTab, status: '', result: null, page: 1 });
  const other = useData(
    (signal) =>
      proposalsApi
        .list({ ...toProposalFilterQuery(parseProposalFilter(otherQuery)), page: 1, pageSize: 1 }, signal)
        .then((d) => sumCounts(d.counts) ?? d.total),
    [otherQuery],
    allowed,
  );
  const imports = useData((signal) => importsApi.list(1, 100, signal), [], allowed);
  const bulk = useBulk(filter, () => {
    list.reload();
    other.reload();
  });

  if (!allowed) return <Forbidden title={t('verval.title')} message={t('verval.forbidden')} />;

  const data = list.data;
  const totals = { [filter.tab]: sumCounts(data?.counts), [otherTab]: other.data };
  const waiting = data?.counts.byStatus.MENUNGGU ?? 0;

  return (
    <div className="verval-page">
      <h1>{t('verval.title')}</h1>
      {flash && (
        <p className="alert alert-ok" role="status">
          {flash}
        </p>
      )}
      <ProposalTabs filter={filter} totals={totals} />
      <div id="proposal-results" role="tabpanel" aria-labelledby={`tab-${filter.tab}`} className="tab-panel">
        <ProposalFilters filter={filter} counts={data?.counts} imports={imports.data?.items ?? null} />
        {data && <StatusSummary filter={filter} counts={data.counts} />}
        {can('proposal:decide') && (
          <section className="bulk-actions" aria-label={t('bulk.label')}>
            <BulkButtons disabled={!data || !bulk.bulkFilter || waiting === 0 || bulk.state !== null || bulk.busy} onStart={bulk.start} />
            <span className="hint">
              {bulk.bulkFilter ? t('bulk.scopeShort', { n: formatNumber(waiting, locale) }) : t('bulk.otherStatus')}
            </span>
          </section>
        )}
        {bulk.outcome && <BulkOutcomeView outcome={bulk.outcome} filter={filter} />}
        <ExportButtons download={(format) => exportsApi.proposals(format, toProposalFilterQuery(filter))} />
        <ProposalTable
          items={data?.items ?? null}
          filter={filter}
          total={data?.total ?? 0}
          loading={list.loading}
          error={list.error}
          onRetry={list.reload}
        />
      </div>
      <BulkDialog key={bulk.serial} state={bulk.state} onConfirm={bulk.confirm} onCancel={bulk.cancel} />
    </div>
  );
}

export default VerifikasiUsulanPage;
