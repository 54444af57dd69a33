// F9 Rekapitulasi (/rekapitulasi): tabs "Rekapitulasi Kecamatan" and "Rekapitulasi Desa" of a
// district and period — AKTIF households and members, verval results, usulan baru, proposals by
// status — with a totals row and xlsx/csv export. The choices live in the address
// (?tab=desa&period=…&kab=…&kecamatan=…) so that a link or a reload shows the same recap.
import { useEffect, useId, useState } from 'react';
import { api, ApiError, isAbort, type Region } from '../api/client.ts';
import { reportsApi, VERVAL_RESULT_KEYS, type DataFormat, type Recap, type RecapLevel } from '../api/finalisasi.ts';
import { periodsApi, type Period } from '../api/mou.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatNumber, formatRegionCode } from '../format.ts';
import { translate, useLocale, useT } from '../i18n/index.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { RESULT_LABEL, STATUS_LABEL } from './FinalisasiPage.tsx';
import { DistrictPicker, hasOwnDistrict } from './RekapDistrictPicker.tsx';
import '../account.css';
import '../finalisasi.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));
const STATUS_COLUMNS = ['MENUNGGU', 'DISETUJUI', 'SEBAGIAN', 'DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI'] as const;

interface RekapState {
  tab: RecapLevel;
  period: string;
  kab: string;
  kecamatan: string;
}

/** Reads the page's choices from the query string. */
export function parseRekapState(search: string): RekapState {
  const sp = new URLSearchParams(search);
  const period = sp.get('period') ?? '';
  const kab = sp.get('kab') ?? '';
  const kecamatan = sp.get('kecamatan') ?? '';
  return {
    tab: sp.get('tab') === 'desa' ? 'desa' : 'kecamatan',
    period: /^\d{4}-\d{2}$/.test(period) ? period : '',
    kab: /^\d{4}$/.test(kab) ? kab : '',
    kecamatan: /^\d{6}$/.test(kecamatan) ? kecamatan : '',
  };
}

/** The address of the page with these choices. */
export function rekapHref(s: RekapState): string {
  const sp = new URLSearchParams();
  if (s.tab === 'desa') sp.set('tab', 'desa');
  if (s.period) sp.set('period', s.period);
  if (s.kab) sp.set('kab', s.kab);
  if (s.tab === 'desa' && s.kecamatan) sp.set('kecamatan', s.kecamatan);
  const q = sp.toString();
  return `/rekapitulasi${q ? `?${q}` : ''}`;
}

/** The recap table: one row per area, the totals row in the footer. */
export function RecapTable({ recap }: { recap: Recap }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const desa = recap.level === 'desa';
  return (
    <div className="table-wrap">
      <table className="table fin-table">
        <caption>
          {t(desa ? 'rekap.caption.desa' : 'rekap.caption.kecamatan', {
            kab: recap.kab.name,
            period: recap.period.name,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t(desa ? 'rekap.col.desa' : 'rekap.col.kecamatan')}</th>
            {desa && <th scope="col">{t('rekap.col.kecamatan')}</th>}
            <th scope="col" className="num">
              {t('rekap.col.households')}
            </th>
            <th scope="col" className="num">
              {t('rekap.col.members')}
            </th>
            {VERVAL_RESULT_KEYS.map((r) => (
              <th key={r} scope="col" className="num">
                {t(RESULT_LABEL[r])}
              </th>
            ))}
            <th scope="col" className="num">
              {t('fin.usulanBaru')}
            </th>
            {STATUS_COLUMNS.map((s) => (
              <th key={s} scope="col" className="num">
                {t(STATUS_LABEL[s])}
              </th>
            ))}
            <th scope="col" className="num">
              {t('fin.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {recap.rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                {r.name} <span className="muted mono">{formatRegionCode(r.code)}</span>
              </th>
              {desa && <td>{r.kecamatan?.name ?? ''}</td>}
              <td className="num">{n(r.households)}</td>
              <td className="num">{n(r.members)}</td>
              {VERVAL_RESULT_KEYS.map((k) => (
                <td key={k} className="num">
                  {n(r.counts.result[k])}
                </td>
              ))}
              <td className="num">{n(r.counts.usulanBaru)}</td>
              {STATUS_COLUMNS.map((s) => (
                <td key={s} className="num">
                  {n(r.counts.status[s])}
                </td>
              ))}
              <td className="num">{n(r.counts.proposals)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="fin-total-row">
            <th scope="row">{t('fin.totalRow')}</th>
            {desa && <td />}
            <td className="num">{n(recap.totals.households)}</td>
            <td className="num">{n(recap.totals.members)}</td>
            {VERVAL_RESULT_KEYS.map((k) => (
              <td key={k} className="num">
                {n(recap.totals.counts.result[k])}
              </td>
            ))}
            <td className="num">{n(recap.totals.counts.usulanBaru)}</td>
            {STATUS_COLUMNS.map((s) => (
              <td key={s} className="num">
                {n(recap.totals.counts.status[s])}
              </td>
            ))}
            <td className="num">{n(recap.totals.counts.proposals)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The /rekapitulasi page (SUPERVISOR for its district; PROVINSI and PUSDATIN choose one). */
export function RekapitulasiPage() {
  const t = useT();
  const id = useId();
  const { me } = useSession();
  const location = useLocation();
  useDocumentTitle(t('rekap.title'));
  const s = parseRekapState(location.search);
  const own = hasOwnDistrict(me.role);
  const allowed = own || me.role === 'PROVINSI' || me.role === 'PUSDATIN';
  const kab = own ? (me.regions[0]?.code ?? '') : s.kab;
  const ready = allowed && kab !== '';
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [kecamatanList, setKecamatanList] = useState<Region[] | null>(null);
  const [recap, setRecap] = useState<Recap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [exporting, setExporting] = useState<DataFormat | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const query = {
    kab: own ? undefined : kab || undefined,
    period: s.period || undefined,
    kecamatan: s.tab === 'desa' ? s.kecamatan || undefined : undefined,
  };
  const key = JSON.stringify([s.tab, query]);

  useEffect(() => {
    const ctrl = new AbortController();
    periodsApi.list(ctrl.signal).then(setPeriods, () => setPeriods([]));
    return () => ctrl.abort();
  }, []);

  useEffect(() => {
    if (!kab) return;
    let live = true;
    api.regions(kab).then(
      (items) => live && setKecamatanList(items),
      () => live && setKecamatanList([]),
    );
    return () => {
      live = false;
    };
  }, [kab]);

  useEffect(() => {
    if (!ready) return;
    const ctrl = new AbortController();
    setError(null);
    setRecap(null);
    reportsApi.recap(s.tab, query, ctrl.signal).then(setRecap, (e: unknown) => !isAbort(e) && setError(messageOf(e)));
    return () => ctrl.abort();
    // `key` stands for the query's contents.
  }, [ready, key, attempt]);

  if (!allowed) {
    return (
      <div>
        <h1>{t('rekap.title')}</h1>
        <p className="alert alert-error">{t('rekap.forbidden')}</p>
      </div>
    );
  }

  const update = (patch: Partial<RekapState>) => navigate(rekapHref({ ...s, ...patch }));
  const exportAs = async (format: DataFormat) => {
    setExporting(format);
    setExportError(null);
    try {
      await reportsApi.exportRecap(s.tab, format, query);
    } catch (e) {
      setExportError(messageOf(e));
    } finally {
      setExporting(null);
    }
  };

  const tabs: { tab: RecapLevel; label: string }[] = [
    { tab: 'kecamatan', label: t('rekap.tab.kecamatan') },
    { tab: 'desa', label: t('rekap.tab.desa') },
  ];

  return (
    <div className="fin-page">
      <h1>{t('rekap.title')}</h1>
      <p className="muted">{t('rekap.intro')}</p>
      <div className="fin-controls">
        {!own && <DistrictPicker value={kab} onChange={(k) => update({ kab: k, kecamatan: '' })} />}
        <div className="field">
          <label htmlFor={`${id}-period`}>{t('rekap.period')}</label>
          <select id={`${id}-period`} value={s.period} onChange={(e) => update({ period: e.target.value })}>
            <option value="">{t('rekap.period.current')}</option>
            {(periods ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {s.tab === 'desa' && kab && (
          <div className="field">
            <label htmlFor={`${id}-kec`}>{t('rekap.col.kecamatan')}</label>
            <select id={`${id}-kec`} value={s.kecamatan} onChange={(e) => update({ kecamatan: e.target.value })}>
              <option value="">{t('rekap.allKecamatan')}</option>
              {(kecamatanList ?? []).map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="tabs" role="tablist" aria-label={t('rekap.tabs')}>
        {tabs.map(({ tab, label }) => {
          const selected = s.tab === tab;
          return (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`rekap-tab-${tab}`}
              aria-selected={selected}
              aria-controls="rekap-panel"
              tabIndex={selected ? 0 : -1}
              className={selected ? 'tab tab-selected' : 'tab'}
              onClick={() => !selected && update({ tab })}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  e.preventDefault();
                  const other = tab === 'kecamatan' ? 'desa' : 'kecamatan';
                  update({ tab: other });
                  requestAnimationFrame(() => document.getElementById(`rekap-tab-${other}`)?.focus());
                }
              }}
            >
              {label}
            </button>
          );
        })}
      </div>
      <div id="rekap-panel" role="tabpanel" aria-labelledby={`rekap-tab-${s.tab}`} className="tab-panel">
        {!ready ? (
          <p className="muted">{t('rekap.pick.first')}</p>
        ) : error ? (
          <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />
        ) : recap ? (
          <>
            <div className="fin-downloads">
              <button type="button" className="btn btn-secondary" disabled={exporting !== null} onClick={() => void exportAs('xlsx')}>
                {exporting === 'xlsx' ? t('fin.downloading') : t('rekap.export.xlsx')}
              </button>
              <button type="button" className="btn btn-secondary" disabled={exporting !== null} onClick={() => void exportAs('csv')}>
                {exporting === 'csv' ? t('fin.downloading') : t('rekap.export.csv')}
              </button>
            </div>
            {exportError && <ErrorBox message={exportError} />}
            <RecapTable recap={recap} />
          </>
        ) : (
          <Loading />
        )}
      </div>
    </div>
  );
}

export default RekapitulasiPage;
