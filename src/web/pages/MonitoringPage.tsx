// C5 Monitoring (/monitoring, PROVINSI and PUSDATIN): the finalisation status of every district
// of the province (or of all provinces, optionally one) in a period — the last finalisation
// (number and date), proposals, still waiting, decided but not finalised — with links to the
// district's letters and recap.
import { useMemo } from 'react';
import { reportsApi, type Monitoring, type MonitoringRow, type MonitoringState } from '../api/finalisasi.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { FigureList } from '../components/FigureList.tsx';
import { PeriodSelect } from '../components/PeriodSelect.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { Forbidden, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { hasNationalScope, useCan } from '../lib/abilities.ts';
import { useData } from '../lib/useData.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { numberColumn } from './RecapColumns.tsx';
import '../account.css';
import '../finalisasi.css';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';

export const STATE_LABEL: Record<MonitoringState, MessageKey> = {
  BELUM_ADA_USULAN: 'monitor.state.BELUM_ADA_USULAN',
  BELUM_FINALISASI: 'monitor.state.BELUM_FINALISASI',
  SEBAGIAN: 'monitor.state.SEBAGIAN',
  FINAL: 'monitor.state.FINAL',
};

/** Districts per page of the monitoring (the country has ~514). */
export const MONITOR_PAGE_SIZE = 50;

const MONITORING_STATES = Object.keys(STATE_LABEL) as MonitoringState[];

/** A state of the URL, or '' for none or an unknown one. */
function monitoringState(raw: string | null): MonitoringState | '' {
  return raw && (MONITORING_STATES as string[]).includes(raw) ? (raw as MonitoringState) : '';
}

/** The districts with their finalisation status (rows null while loading). */
export function MonitoringTable({
  data,
  showProvince,
  loading,
  error,
  onRetry,
  onPage,
}: {
  data: Monitoring | null;
  showProvince: boolean;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  /** Pages on the server when given (the answer's page, pageSize and total). */
  onPage?: (page: number) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const can = useCan();
  const period = data?.period;
  const columns: Column<MonitoringRow>[] = [
    ...(showProvince ? [{ key: 'provinsi', header: t('monitor.col.provinsi'), cell: (r: MonitoringRow) => r.provinsi.name }] : []),
    { key: 'kab', header: t('monitor.col.kab'), rowHeader: true, cell: (r) => r.kab.name },
    {
      key: 'state',
      header: t('monitor.col.state'),
      cell: (r) => <span className={`badge fin-state fin-state-${r.state.toLowerCase()}`}>{t(STATE_LABEL[r.state])}</span>,
    },
    {
      key: 'last',
      header: t('monitor.col.last'),
      cell: (r) => (r.last ? t('monitor.last', { number: r.last.number, date: formatDateTime(r.last.at, locale) }) : '–'),
    },
    numberColumn<MonitoringRow>('proposals', t('monitor.col.proposals'), (r) => r.proposals, locale),
    numberColumn<MonitoringRow>('waiting', t('monitor.col.waiting'), (r) => r.waiting, locale),
    numberColumn<MonitoringRow>('openDecided', t('monitor.col.openDecided'), (r) => r.openDecided, locale),
    {
      key: 'links',
      header: t('monitor.col.links'),
      className: 'nowrap',
      cell: (r) => (
        <>
          {r.finalisations > 0 && can('letter:read') && (
            <>
              <Link to={`/surat-pengesahan?kab=${r.kab.code}`}>{t('monitor.letters')}</Link>
              {' · '}
            </>
          )}
          {can('recap:read') && <Link to={`/rekapitulasi?kab=${r.kab.code}&period=${period?.code ?? ''}`}>{t('monitor.recap')}</Link>}
        </>
      ),
    },
  ];
  return (
    <DataTable
      idPrefix="monitor"
      caption={t('monitor.caption', { period: period?.name ?? '' })}
      columns={columns}
      rows={data?.items}
      rowKey={(r) => r.kab.code}
      loading={loading}
      error={error}
      onRetry={onRetry}
      tableClassName="fin-table"
      empty={t('monitor.empty')}
      paging={data && onPage ? { page: data.page, pageSize: data.pageSize, total: data.total, onPage } : undefined}
    />
  );
}

/** The /monitoring page (monitoring:read: a province its districts, Pusdatin all or one province). */
export function MonitoringPage() {
  const t = useT();
  const { me } = useSession();
  const location = useLocation();
  const allowed = useCan()('monitoring:read');
  useDocumentTitle(t('monitor.title'));
  const sp = new URLSearchParams(location.search);
  const period = sp.get('period') ?? '';
  const national = hasNationalScope(me);
  const provinsi = national ? (sp.get('provinsi') ?? '') : '';
  const state = monitoringState(sp.get('state'));
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const filter = useMemo(
    () => ({ period: period || undefined, provinsi: provinsi || undefined, state: state || undefined }),
    [period, provinsi, state],
  );
  const monitoring = useData(
    (signal) => reportsApi.monitoring({ ...filter, page, pageSize: MONITOR_PAGE_SIZE }, signal),
    [filter, page],
    allowed,
  );

  if (!allowed) return <Forbidden title={t('monitor.title')} message={t('monitor.forbidden')} />;

  // A change of filter goes back to page 1.
  const go = (patch: { period?: string; provinsi?: string; state?: MonitoringState | ''; page?: number }) => {
    const q = new URLSearchParams();
    const p = patch.period ?? period;
    const pr = patch.provinsi ?? provinsi;
    const st = patch.state ?? state;
    if (p) q.set('period', p);
    if (pr) q.set('provinsi', pr);
    if (st) q.set('state', st);
    if (patch.page && patch.page > 1) q.set('page', String(patch.page));
    navigate(`/monitoring${q.toString() ? `?${q}` : ''}`);
  };
  // After a change of choice the previous choice's figures are not shown.
  const data = monitoring.loading ? null : monitoring.data;

  return (
    <div className="fin-page">
      <h1>{t('monitor.title')}</h1>
      <p className="muted">{t('monitor.intro')}</p>
      <div className="fin-controls">
        <PeriodSelect id="monitor-period" value={period} onChange={(p) => go({ period: p })} />
        {national && (
          <RegionPicker
            to="provinsi"
            idPrefix="monitor"
            value={{ provinsi }}
            onChange={(next) => go({ provinsi: next.provinsi ?? '' })}
            labels={{ provinsi: t('rekap.pick.provinsi') }}
            emptyLabels={{ provinsi: t('monitor.allProvinces') }}
          />
        )}
        <label className="field">
          {t('monitor.filter.state')}{' '}
          <select id="monitor-state" value={state} onChange={(e) => go({ state: monitoringState(e.target.value) })}>
            <option value="">{t('monitor.filter.allStates')}</option>
            {MONITORING_STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data && (
        <FigureList
          figures={[
            { key: 'districts', label: t('monitor.summary.districts'), value: data.summary.districts },
            { key: 'finalised', label: t('monitor.summary.finalised'), value: data.summary.finalised },
            { key: 'complete', label: t('monitor.summary.complete'), value: data.summary.complete },
            { key: 'waiting', label: t('monitor.summary.waiting'), value: data.summary.waiting },
          ]}
        />
      )}
      <ExportButtons download={(format) => exportsApi.monitoring(format, filter)} />
      <MonitoringTable
        data={data}
        showProvince={national && !provinsi}
        loading={monitoring.loading}
        error={monitoring.error}
        onRetry={monitoring.reload}
        onPage={(p) => go({ page: p })}
      />
    </div>
  );
}

export default MonitoringPage;
