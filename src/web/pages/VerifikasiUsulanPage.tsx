// F7 Verifikasi Usulan (/verifikasi-usulan; SUPERVISOR): tabs "Perbaikan Data" and "Usulan Baru",
// filters (kecamatan, desa, paket, operator, hasil verval, status with counts, konflik,
// peringatan) kept in the URL, the server-paged list, and bulk decisions over the filter
// ("Setujui semua" / "Tolak semua") confirmed with the count of a dry run. Loaded lazily.
import { useEffect, useId, useMemo, useRef, useState, type MouseEvent } from 'react';
import { ApiError, api, isAbort, type Region, type RegionRef } from '../api/client.ts';
import {
  importsApi,
  PROPOSAL_STATUSES,
  proposalsApi,
  type BulkDecisionResult,
  type ImportItem,
  type ProposalCounts,
  type ProposalListItem,
  type ProposalPage,
  type ProposalType,
} from '../api/proposals.ts';
import { ErrorBox, useDocumentTitle } from '../components/Status.tsx';
import { pageCount, pageRange, regionFilterPlan } from '../filters.ts';
import { formatDateTime, formatIdbdt, formatNumber, formatRegionCode } from '../format.ts';
import { translate, useLocale, useT } from '../i18n/index.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import {
  bulkCount,
  hasProposalFilter,
  parseProposalFilter,
  PROPOSAL_PAGE_SIZE,
  proposalHref,
  proposalListHref,
  rememberProposalOrder,
  serializeProposalFilter,
  STATUS_KEYS,
  clearFlash,
  peekFlash,
  toBulkFilter,
  toProposalFilterQuery,
  toProposalQuery,
  vervalLabel,
  vervalOptions,
  type ProposalFilter,
} from '../verval.ts';
import { ProposalStatusBadge } from './ProposalIssues.tsx';
import '../account.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

/** Applies a change to the filter in the URL; every change but paging goes back to page 1. */
function updateFilter(patch: Partial<ProposalFilter>): void {
  const current = parseProposalFilter(window.location.search);
  navigate(proposalListHref({ ...current, page: 1, ...patch }));
}

function useRegionChildren(parent: string | null): Region[] | null {
  const [state, setState] = useState<{ parent: string; items: Region[] } | null>(null);
  useEffect(() => {
    if (!parent) return;
    let live = true;
    api.regions(parent).then(
      (items) => live && setState({ parent, items }),
      () => live && setState({ parent, items: [] }),
    );
    return () => {
      live = false;
    };
  }, [parent]);
  return parent && state?.parent === parent ? state.items : null;
}

function regionOptions(items: readonly RegionRef[] | null, selected: string): RegionRef[] {
  const list = items ? [...items] : [];
  if (selected && !list.some((r) => r.code === selected)) list.unshift({ code: selected, name: selected, level: 'desa' });
  return list;
}

const sumCounts = (c: ProposalCounts | undefined) => (c ? Object.values(c.byStatus).reduce((a, b) => a + (b ?? 0), 0) : null);

export function ProposalTabs({ filter, totals }: { filter: ProposalFilter; totals: Partial<Record<ProposalType, number | null>> }) {
  const t = useT();
  const locale = useLocale();
  const tabs: { tab: ProposalType; key: 'verval.tab.perbaikan' | 'verval.tab.usulanBaru' }[] = [
    { tab: 'PERBAIKAN', key: 'verval.tab.perbaikan' },
    { tab: 'USULAN_BARU', key: 'verval.tab.usulanBaru' },
  ];
  return (
    <div className="tabs" role="tablist" aria-label={t('verval.tabs')}>
      {tabs.map(({ tab, key }) => {
        const n = totals[tab];
        const selected = filter.tab === tab;
        return (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-selected={selected}
            aria-controls="proposal-results"
            tabIndex={selected ? 0 : -1}
            className={selected ? 'tab tab-selected' : 'tab'}
            onClick={() => !selected && updateFilter({ tab, result: null })}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const other = tab === 'PERBAIKAN' ? 'USULAN_BARU' : 'PERBAIKAN';
                updateFilter({ tab: other, result: null });
                requestAnimationFrame(() => document.getElementById(`tab-${other}`)?.focus());
              }
            }}
          >
            {t(key)}
            {n !== undefined && n !== null && <span className="tab-count"> {formatNumber(n, locale)}</span>}
          </button>
        );
      })}
    </div>
  );
}

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
  const { me } = useSession();
  const plan = useMemo(() => regionFilterPlan(me.regions), [me.regions]);
  const kecamatanItems = useRegionChildren(plan.kind === 'kecamatan' ? plan.districtCode : null);
  const desaItems = useRegionChildren(
    plan.kind === 'kecamatan' ? filter.kecamatan || null : plan.kind === 'desaOfKecamatan' ? plan.kecamatanCode : null,
  );
  const n = (v: number | undefined) => formatNumber(v ?? 0, locale);
  const withCount = (label: string, v: number | undefined) => (counts ? `${label} (${n(v)})` : label);

  const importOptions = (imports ?? []).filter((i) => i.status === 'DONE');
  const operators = [...new Set(importOptions.map((i) => i.operator).filter((o): o is string => !!o))].sort();
  if (filter.operator && !operators.includes(filter.operator)) operators.unshift(filter.operator);

  return (
    <section className="filters card proposal-filters" aria-label={t('verval.filters')}>
      {plan.kind === 'kecamatan' && (
        <div className="field">
          <label htmlFor={`${fid}-kec`}>{t('list.kecamatan')}</label>
          <select id={`${fid}-kec`} value={filter.kecamatan} onChange={(e) => updateFilter({ kecamatan: e.target.value, desa: '' })}>
            <option value="">{t('list.allKecamatan')}</option>
            {regionOptions(kecamatanItems, filter.kecamatan).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {plan.kind !== 'none' && (
        <div className="field">
          <label htmlFor={`${fid}-desa`}>{t('list.desa')}</label>
          <select
            id={`${fid}-desa`}
            value={filter.desa}
            disabled={plan.kind === 'kecamatan' && !filter.kecamatan}
            onChange={(e) => updateFilter({ desa: e.target.value })}
          >
            <option value="">{t('list.allDesa')}</option>
            {regionOptions(plan.kind === 'desaList' ? plan.desa : desaItems, filter.desa).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${fid}-import`}>{t('verval.filter.import')}</label>
        <select id={`${fid}-import`} value={filter.importId} onChange={(e) => updateFilter({ importId: e.target.value })}>
          <option value="">{t('verval.filter.allImports')}</option>
          {filter.importId && !importOptions.some((i) => i.id === filter.importId) && (
            <option value={filter.importId}>{filter.importId.slice(0, 8)}</option>
          )}
          {importOptions.map((i) => (
            <option key={i.id} value={i.id}>
              {i.fileName} – {formatDateTime(i.uploadedAt, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${fid}-operator`}>{t('verval.filter.operator')}</label>
        <select id={`${fid}-operator`} value={filter.operator} onChange={(e) => updateFilter({ operator: e.target.value })}>
          <option value="">{t('verval.filter.allOperators')}</option>
          {operators.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      {filter.tab === 'PERBAIKAN' && (
        <div className="field">
          <label htmlFor={`${fid}-result`}>{t('verval.filter.result')}</label>
          <select
            id={`${fid}-result`}
            value={filter.result ?? ''}
            onChange={(e) => updateFilter({ result: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{t('verval.filter.allResults')}</option>
            {vervalOptions().map((r) => (
              <option key={r.code} value={r.code}>
                {r.code}. {r.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${fid}-status`}>{t('verval.filter.status')}</label>
        <select
          id={`${fid}-status`}
          value={filter.status}
          onChange={(e) =>
            updateFilter({
              status: (PROPOSAL_STATUSES as readonly string[]).includes(e.target.value) ? (e.target.value as ProposalFilter['status']) : '',
            })
          }
        >
          <option value="">{withCount(t('verval.filter.allStatus'), sumCounts(counts) ?? 0)}</option>
          {PROPOSAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {withCount(t(STATUS_KEYS[s]), counts?.byStatus[s])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${fid}-conflict`}>{t('verval.filter.conflict')}</label>
        <select
          id={`${fid}-conflict`}
          value={filter.conflict === null ? '' : String(filter.conflict)}
          onChange={(e) => updateFilter({ conflict: e.target.value === '' ? null : e.target.value === 'true' })}
        >
          <option value="">{t('verval.filter.all')}</option>
          <option value="true">{withCount(t('verval.filter.conflictYes'), counts?.conflict)}</option>
          <option value="false">{t('verval.filter.conflictNo')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${fid}-warning`}>{t('verval.filter.warning')}</label>
        <select
          id={`${fid}-warning`}
          value={filter.warning === null ? '' : String(filter.warning)}
          onChange={(e) => updateFilter({ warning: e.target.value === '' ? null : e.target.value === 'true' })}
        >
          <option value="">{t('verval.filter.all')}</option>
          <option value="true">{withCount(t('verval.filter.warningYes'), counts?.warning)}</option>
          <option value="false">{t('verval.filter.warningNo')}</option>
        </select>
      </div>
      <div className="field field-actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hasProposalFilter(filter)}
          onClick={() => navigate(proposalListHref({ ...parseProposalFilter(''), tab: filter.tab }))}
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

export function ProposalTable({ items, filter }: { items: readonly ProposalListItem[]; filter: ProposalFilter }) {
  const t = useT();
  const locale = useLocale();
  const empty = t('value.empty');
  const perbaikan = filter.tab === 'PERBAIKAN';
  const nameOf = (p: ProposalListItem) => p.namaKrt ?? (p.idbdt ? formatIdbdt(p.idbdt) : p.id.slice(0, 8));
  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, id: string) => {
    if ((e.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    navigate(proposalHref(id, filter));
  };
  return (
    <div className="table-wrap" role="region" aria-labelledby="proposal-caption" tabIndex={0}>
      <table className="table table-rows proposal-table">
        <caption id="proposal-caption">{t(perbaikan ? 'verval.caption.perbaikan' : 'verval.caption.usulanBaru')}</caption>
        <thead>
          <tr>
            {perbaikan && <th scope="col">{t('list.col.idbdt')}</th>}
            <th scope="col">{t('verval.col.household')}</th>
            {perbaikan && <th scope="col">{t('verval.col.result')}</th>}
            <th scope="col">{t('verval.col.status')}</th>
            <th scope="col">{t('verval.col.source')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('verval.col.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id} onClick={(e) => onRowClick(e, p.id)} className={p.conflict ? 'row-conflict' : undefined}>
              {perbaikan && <td className="mono nowrap">{p.idbdt ?? empty}</td>}
              <td>
                {p.namaKrt ?? empty}
                <br />
                <span className="muted small">{p.namaDesa ?? formatRegionCode(p.kodeWilayah)}</span>
              </td>
              {perbaikan && <td>{p.vervalResult === null ? empty : `${p.vervalResult}. ${vervalLabel(p.vervalResult)}`}</td>}
              <td>
                <span className="badges badges-stacked">
                  <ProposalStatusBadge status={p.status} />
                  {p.conflict && <span className="badge badge-conflict">{t('verval.flag.conflict')}</span>}
                  {p.hasWarning && <span className="badge badge-warning">{t('verval.flag.warning')}</span>}
                  {p.pendingOthers > 0 && (
                    <span className="badge badge-info">{t('verval.flag.others', { n: formatNumber(p.pendingOthers, locale) })}</span>
                  )}
                </span>
              </td>
              <td>
                {p.operator ?? empty}
                {p.fileName && (
                  <>
                    <br />
                    <span className="muted small">{p.fileName}</span>
                  </>
                )}
                {p.importedAt && (
                  <>
                    <br />
                    <span className="muted small nowrap">{formatDateTime(p.importedAt, locale)}</span>
                  </>
                )}
              </td>
              <td className="actions">
                <Link to={proposalHref(p.id, filter)} className="btn btn-small">
                  {t('verval.open')}
                  <span className="visually-hidden"> {t('verval.openOf', { name: nameOf(p) })}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type BulkState =
  | { phase: 'counting'; decision: 'APPROVE' | 'REJECT' }
  | { phase: 'confirm' | 'running'; decision: 'APPROVE' | 'REJECT'; dry: BulkDecisionResult; error?: string }
  | { phase: 'error'; decision: 'APPROVE' | 'REJECT'; error: string };

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
  const ref = useRef<HTMLDialogElement>(null);
  const fid = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const open = state !== null;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason('');
      setReasonError(null);
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) d.close();
  }, [open]);

  const approve = state?.decision === 'APPROVE';
  const busy = state?.phase === 'counting' || state?.phase === 'running';
  const count = state && (state.phase === 'confirm' || state.phase === 'running') ? bulkCount(state.dry, state.decision) : 0;
  const conflicts = state && (state.phase === 'confirm' || state.phase === 'running') ? state.dry.conflicts : 0;
  const canConfirm = state !== null && (state.phase === 'confirm' || state.phase === 'running') && count > 0;

  const confirm = () => {
    if (!approve && reason.trim() === '') {
      setReasonError(t('bulk.err.reason'));
      document.getElementById(`${fid}-reason`)?.focus();
      return;
    }
    onConfirm(reason.trim());
  };

  return (
    <dialog
      ref={ref}
      className="dialog bulk-dialog"
      aria-labelledby={`${fid}-title`}
      aria-describedby={`${fid}-message`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {state && (
        <>
          <h2 id={`${fid}-title`}>{t(approve ? 'bulk.approveTitle' : 'bulk.rejectTitle')}</h2>
          <div id={`${fid}-message`} aria-live="polite">
            {state.phase === 'counting' && <p>{t('bulk.counting')}</p>}
            {state.phase === 'error' && <p className="field-error">{state.error}</p>}
            {(state.phase === 'confirm' || state.phase === 'running') &&
              (count > 0 ? (
                <p className="bulk-question">
                  {t(approve ? 'bulk.approveQuestion' : 'bulk.rejectQuestion', { n: formatNumber(count, locale) })}
                </p>
              ) : (
                <p>{approve && conflicts > 0 ? t('bulk.onlyConflicts', { n: formatNumber(conflicts, locale) }) : t('bulk.none')}</p>
              ))}
            {approve && count > 0 && conflicts > 0 && (
              <p className="bulk-note">{t('bulk.approveConflicts', { n: formatNumber(conflicts, locale) })}</p>
            )}
            <p className="hint">{t('bulk.scope')}</p>
          </div>
          {!approve && canConfirm && (
            <div className="field">
              <label htmlFor={`${fid}-reason`}>{t('bulk.reason')}</label>
              <textarea
                id={`${fid}-reason`}
                rows={3}
                maxLength={1000}
                value={reason}
                aria-invalid={!!reasonError}
                aria-describedby={reasonError ? `${fid}-reason-error` : `${fid}-reason-hint`}
                onChange={(e) => {
                  setReason(e.target.value);
                  if (reasonError && e.target.value.trim() !== '') setReasonError(null);
                }}
              />
              {reasonError ? (
                <small id={`${fid}-reason-error`} className="field-error">
                  {reasonError}
                </small>
              ) : (
                <small id={`${fid}-reason-hint`} className="hint">
                  {t('decision.reasonHint')}
                </small>
              )}
            </div>
          )}
          {(state.phase === 'confirm' || state.phase === 'running') && state.error && (
            <p className="field-error" role="alert">
              {state.error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={state.phase === 'running'} autoFocus>
              {canConfirm ? t('confirm.cancel') : t('bulk.close')}
            </button>
            {canConfirm && (
              <button
                type="button"
                className={approve ? 'btn btn-primary' : 'btn btn-primary btn-reject'}
                onClick={confirm}
                disabled={busy}
              >
                {t(approve ? 'bulk.confirmApprove' : 'bulk.confirmReject')}
              </button>
            )}
          </div>
        </>
      )}
    </dialog>
  );
}

interface BulkOutcome {
  decision: 'APPROVE' | 'REJECT';
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

export function VerifikasiUsulanPage() {
  const t = useT();
  const locale = useLocale();
  const { me } = useSession();
  useDocumentTitle(t('verval.title'));
  const { search } = useLocation();
  const filter = useMemo(() => parseProposalFilter(search), [search]);
  const canonical = serializeProposalFilter(filter);
  const queryKey = JSON.stringify(toProposalQuery(filter));
  const allowed = me.role === 'SUPERVISOR';
  const [data, setData] = useState<ProposalPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [otherTotal, setOtherTotal] = useState<number | null>(null);
  const [imports, setImports] = useState<ImportItem[] | null>(null);
  const [bulk, setBulk] = useState<BulkState | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [flash] = useState(peekFlash);
  useEffect(() => clearFlash(), []);

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    proposalsApi.list(JSON.parse(queryKey) as ReturnType<typeof toProposalQuery>, ctrl.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
        rememberProposalOrder(
          canonical,
          d.items.map((i) => i.id),
        );
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [allowed, queryKey, canonical, attempt]);

  // The other tab's total (same filter, no status), for its label.
  const otherKey = JSON.stringify({
    ...toProposalFilterQuery({
      ...filter,
      tab: filter.tab === 'PERBAIKAN' ? 'USULAN_BARU' : 'PERBAIKAN',
      status: '',
      result: null,
    }),
  });
  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setOtherTotal(null);
    proposalsApi.list({ ...(JSON.parse(otherKey) as ReturnType<typeof toProposalFilterQuery>), page: 1, pageSize: 1 }, ctrl.signal).then(
      (d) => setOtherTotal(sumCounts(d.counts) ?? d.total),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [allowed, otherKey, attempt]);

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    importsApi.list(1, 100, ctrl.signal).then(
      (p) => setImports(p.items),
      () => setImports([]),
    );
    return () => ctrl.abort();
  }, [allowed]);

  if (!allowed) {
    return (
      <div className="verval-page">
        <h1>{t('verval.title')}</h1>
        <p className="alert alert-error">{t('verval.forbidden')}</p>
      </div>
    );
  }

  const bulkFilter = toBulkFilter(filter);
  const startBulk = (decision: 'APPROVE' | 'REJECT') => {
    if (!bulkFilter) return;
    setOutcome(null);
    setBulk({ phase: 'counting', decision });
    proposalsApi.bulk({ filter: bulkFilter, decision, dryRun: true }).then(
      (dry) => setBulk((b) => (b && b.phase === 'counting' && b.decision === decision ? { phase: 'confirm', decision, dry } : b)),
      (e: unknown) => setBulk((b) => (b ? { phase: 'error', decision, error: messageOf(e) } : b)),
    );
  };

  const confirmBulk = (reason: string) => {
    if (bulk?.phase !== 'confirm' || !bulkFilter) return;
    const { decision, dry } = bulk;
    setBulk({ phase: 'running', decision, dry });
    proposalsApi.bulk({ filter: bulkFilter, decision, ...(decision === 'REJECT' ? { reason } : {}) }).then(
      (r) => {
        setBulk(null);
        setOutcome({ decision, decided: r.decided, conflicts: decision === 'APPROVE' ? r.conflicts : 0 });
        setAttempt((a) => a + 1);
      },
      (e: unknown) => setBulk({ phase: 'confirm', decision, dry, error: messageOf(e) }),
    );
  };

  const activeTotal = sumCounts(data?.counts);
  const totals: Partial<Record<ProposalType, number | null>> =
    filter.tab === 'PERBAIKAN' ? { PERBAIKAN: activeTotal, USULAN_BARU: otherTotal } : { USULAN_BARU: activeTotal, PERBAIKAN: otherTotal };
  const range = data ? pageRange(filter.page, data.pageSize || PROPOSAL_PAGE_SIZE, data.total) : null;
  const pages = data ? pageCount(data.total, data.pageSize || PROPOSAL_PAGE_SIZE) : 1;
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
        <ProposalFilters filter={filter} counts={data?.counts} imports={imports} />
        {data && <StatusSummary filter={filter} counts={data.counts} />}
        <section className="bulk-actions" aria-label={t('bulk.label')}>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!data || !bulkFilter || waiting === 0 || bulk !== null}
            onClick={() => startBulk('APPROVE')}
          >
            {t('bulk.approveAll')}
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-danger"
            disabled={!data || !bulkFilter || waiting === 0 || bulk !== null}
            onClick={() => startBulk('REJECT')}
          >
            {t('bulk.rejectAll')}
          </button>
          <span className="hint">{bulkFilter ? t('bulk.scopeShort', { n: formatNumber(waiting, locale) }) : t('bulk.otherStatus')}</span>
        </section>
        {outcome && <BulkOutcomeView outcome={outcome} filter={filter} />}
        {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
        <div className="results" aria-busy={loading}>
          <p className="result-count" role="status">
            {loading && !data
              ? t('app.loading')
              : data && range && range.from > 0
                ? t('list.showing', {
                    from: formatNumber(range.from, locale),
                    to: formatNumber(range.to, locale),
                    total: formatNumber(data.total, locale),
                  })
                : data
                  ? t('verval.empty')
                  : ''}
          </p>
          {data && data.items.length > 0 && <ProposalTable items={data.items} filter={filter} />}
          {data && pages > 1 && (
            <nav className="pagination" aria-label={t('list.pagination')}>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={filter.page <= 1}
                onClick={() => updateFilter({ page: Math.min(filter.page - 1, pages) })}
              >
                {t('list.prev')}
              </button>
              <span className="page-of">
                {t('list.pageOf', { page: formatNumber(filter.page, locale), pages: formatNumber(pages, locale) })}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={filter.page >= pages}
                onClick={() => updateFilter({ page: filter.page + 1 })}
              >
                {t('list.next')}
              </button>
            </nav>
          )}
        </div>
      </div>
      <BulkDialog state={bulk} onConfirm={confirmBulk} onCancel={() => setBulk(null)} />
    </div>
  );
}

export default VerifikasiUsulanPage;
