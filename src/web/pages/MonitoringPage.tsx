// C5 Monitoring (/monitoring, PROVINSI and PUSDATIN): the finalisation status of every district
// of the province (or of all provinces, optionally one) in a period — the last finalisation
// (number and date), proposals, still waiting, decided but not finalised — with links to the
// district's letters and recap.
import { useEffect, useId, useState } from 'react';
import { api, ApiError, isAbort, type Region } from '../api/client.ts';
import { reportsApi, type Monitoring, type MonitoringState } from '../api/finalisasi.ts';
import { periodsApi, type Period } from '../api/mou.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { translate, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import '../account.css';
import '../finalisasi.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

export const STATE_LABEL: Record<MonitoringState, MessageKey> = {
  BELUM_ADA_USULAN: 'monitor.state.BELUM_ADA_USULAN',
  BELUM_FINALISASI: 'monitor.state.BELUM_FINALISASI',
  SEBAGIAN: 'monitor.state.SEBAGIAN',
  FINAL: 'monitor.state.FINAL',
};

/** The districts with their finalisation status. */
export function MonitoringTable({ data, showProvince }: { data: Monitoring; showProvince: boolean }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="table-wrap">
      <table className="table fin-table">
        <caption>{t('monitor.caption', { period: data.period.name })}</caption>
        <thead>
          <tr>
            {showProvince && <th scope="col">{t('monitor.col.provinsi')}</th>}
            <th scope="col">{t('monitor.col.kab')}</th>
            <th scope="col">{t('monitor.col.state')}</th>
            <th scope="col">{t('monitor.col.last')}</th>
            <th scope="col" className="num">
              {t('monitor.col.proposals')}
            </th>
            <th scope="col" className="num">
              {t('monitor.col.waiting')}
            </th>
            <th scope="col" className="num">
              {t('monitor.col.openDecided')}
            </th>
            <th scope="col">{t('monitor.col.links')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((r) => (
            <tr key={r.kab.code}>
              {showProvince && <td>{r.provinsi.name}</td>}
              <th scope="row">{r.kab.name}</th>
              <td>
                <span className={`badge fin-state fin-state-${r.state.toLowerCase()}`}>{t(STATE_LABEL[r.state])}</span>
              </td>
              <td>{r.last ? t('monitor.last', { number: r.last.number, date: formatDateTime(r.last.at, locale) }) : '–'}</td>
              <td className="num">{n(r.proposals)}</td>
              <td className="num">{n(r.waiting)}</td>
              <td className="num">{n(r.openDecided)}</td>
              <td className="nowrap">
                {r.finalisations > 0 && (
                  <>
                    <Link to={`/surat-pengesahan?kab=${r.kab.code}`}>{t('monitor.letters')}</Link>
                    {' · '}
                  </>
                )}
                <Link to={`/rekapitulasi?kab=${r.kab.code}&period=${data.period.code}`}>{t('monitor.recap')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The /monitoring page. */
export function MonitoringPage() {
  const t = useT();
  const id = useId();
  const locale = useLocale();
  const { me } = useSession();
  const location = useLocation();
  useDocumentTitle(t('monitor.title'));
  const sp = new URLSearchParams(location.search);
  const period = sp.get('period') ?? '';
  const national = me.role === 'PUSDATIN';
  const provinsi = national ? (sp.get('provinsi') ?? '') : '';
  const allowed = national || me.role === 'PROVINSI';
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [provinces, setProvinces] = useState<Region[] | null>(null);
  const [data, setData] = useState<Monitoring | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    periodsApi.list(ctrl.signal).then(setPeriods, () => setPeriods([]));
    if (national) api.regions('').then(setProvinces, () => setProvinces([]));
    return () => ctrl.abort();
  }, [national]);

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setError(null);
    setData(null);
    reportsApi
      .monitoring({ period: period || undefined, provinsi: provinsi || undefined }, ctrl.signal)
      .then(setData, (e: unknown) => !isAbort(e) && setError(messageOf(e)));
    return () => ctrl.abort();
  }, [allowed, period, provinsi, attempt]);

  if (!allowed) {
    return (
      <div>
        <h1>{t('monitor.title')}</h1>
        <p className="alert alert-error">{t('monitor.forbidden')}</p>
      </div>
    );
  }

  const go = (patch: { period?: string; provinsi?: string }) => {
    const q = new URLSearchParams();
    const p = patch.period ?? period;
    const pr = patch.provinsi ?? provinsi;
    if (p) q.set('period', p);
    if (pr) q.set('provinsi', pr);
    navigate(`/monitoring${q.toString() ? `?${q}` : ''}`);
  };

  return (
    <div className="fin-page">
      <h1>{t('monitor.title')}</h1>
      <p className="muted">{t('monitor.intro')}</p>
      <div className="fin-controls">
        <div className="field">
          <label htmlFor={`${id}-period`}>{t('rekap.period')}</label>
          <select id={`${id}-period`} value={period} onChange={(e) => go({ period: e.target.value })}>
            <option value="">{t('rekap.period.current')}</option>
            {(periods ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {national && (
          <div className="field">
            <label htmlFor={`${id}-prov`}>{t('rekap.pick.provinsi')}</label>
            <select id={`${id}-prov`} value={provinsi} onChange={(e) => go({ provinsi: e.target.value })}>
              <option value="">{t('monitor.allProvinces')}</option>
              {(provinces ?? []).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
      {data ? (
        <>
          <dl className="fin-figure-list">
            <div className="fin-figure">
              <dt>{t('monitor.summary.districts')}</dt>
              <dd>{formatNumber(data.summary.districts, locale)}</dd>
            </div>
            <div className="fin-figure">
              <dt>{t('monitor.summary.finalised')}</dt>
              <dd>{formatNumber(data.summary.finalised, locale)}</dd>
            </div>
            <div className="fin-figure">
              <dt>{t('monitor.summary.complete')}</dt>
              <dd>{formatNumber(data.summary.complete, locale)}</dd>
            </div>
            <div className="fin-figure">
              <dt>{t('monitor.summary.waiting')}</dt>
              <dd>{formatNumber(data.summary.waiting, locale)}</dd>
            </div>
          </dl>
          <MonitoringTable data={data} showProvince={national && !provinsi} />
        </>
      ) : (
        !error && <Loading />
      )}
    </div>
  );
}

export default MonitoringPage;
