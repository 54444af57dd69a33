// F9 Rekapitulasi (/rekapitulasi): tabs "Rekapitulasi Kecamatan" and "Rekapitulasi Desa" of a
// district and period (and, for province and national users, "Rekapitulasi Provinsi") — AKTIF households and members, verval results, usulan baru, proposals by
// status, AKTIF KPM BPNT/RASTRA and PBI participants, the district's quota use above the table —
// with a totals row and xlsx/csv export. The choices live in the address
// (?tab=desa&period=…&kab=…&kecamatan=…, ?tab=provinsi&provinsi=…) so that a link or a reload shows the same recap.
import { reportsApi, type Recap, type RecapLevel, type RecapRow } from '../api/finalisasi.ts';
import { PROGRAMS } from '../api/quotas.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { DownloadButtons } from '../components/DownloadButtons.tsx';
import { PeriodSelect } from '../components/PeriodSelect.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { ErrorBox, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { useLocale, useT } from '../i18n/index.ts';
import { ownDistrict, ownProvince, useCan } from '../lib/abilities.ts';
import { useData } from '../lib/useData.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { areaColumn, recapFigureColumns, totalRow } from './RecapColumns.tsx';
import { QuotaHeader } from './programs/QuotaHeader.tsx';
import { DistrictPicker } from './RekapDistrictPicker.tsx';
import { RekapProvinsiPanel } from './RekapProvinsiPanel.tsx';
import '../account.css';
import '../finalisasi.css';

type RekapTab = RecapLevel | 'provinsi';

interface RekapState {
  tab: RekapTab;
  period: string;
  kab: string;
  kecamatan: string;
  /** The province whose districts the "provinsi" tab lists ('' = every province in scope). */
  provinsi: string;
}

const TABS: readonly RekapTab[] = ['kecamatan', 'desa', 'provinsi'];

/** Reads the page's choices from the query string. */
export function parseRekapState(search: string): RekapState {
  const sp = new URLSearchParams(search);
  const period = sp.get('period') ?? '';
  const kab = sp.get('kab') ?? '';
  const kecamatan = sp.get('kecamatan') ?? '';
  const provinsi = sp.get('provinsi') ?? '';
  return {
    tab: TABS.find((tab) => tab === sp.get('tab')) ?? 'kecamatan',
    period: /^\d{4}-\d{2}$/.test(period) ? period : '',
    kab: /^\d{4}$/.test(kab) ? kab : '',
    kecamatan: /^\d{6}$/.test(kecamatan) ? kecamatan : '',
    provinsi: /^\d{2}$/.test(provinsi) ? provinsi : '',
  };
}

/** The address of the page with these choices. */
export function rekapHref(s: RekapState): string {
  const sp = new URLSearchParams();
  if (s.tab !== 'kecamatan') sp.set('tab', s.tab);
  if (s.period) sp.set('period', s.period);
  if (s.tab === 'provinsi' && s.provinsi) sp.set('provinsi', s.provinsi);
  if (s.kab) sp.set('kab', s.kab);
  if (s.tab === 'desa' && s.kecamatan) sp.set('kecamatan', s.kecamatan);
  const q = sp.toString();
  return `/rekapitulasi${q ? `?${q}` : ''}`;
}

/** The recap table: one row per area, the totals row in the footer. */
export function RecapTable({ recap }: { recap: Recap }) {
  const t = useT();
  const locale = useLocale();
  const desa = recap.level === 'desa';
  const columns: Column<RecapRow>[] = [
    areaColumn(t(desa ? 'rekap.col.desa' : 'rekap.col.kecamatan')),
    ...(desa ? [{ key: 'kecamatan', header: t('rekap.col.kecamatan'), cell: (r: RecapRow) => r.kecamatan?.name ?? '' }] : []),
    ...recapFigureColumns(t, locale),
  ];
  return (
    <DataTable
      idPrefix="rekap"
      caption={t(desa ? 'rekap.caption.desa' : 'rekap.caption.kecamatan', { kab: recap.kab.name, period: recap.period.name })}
      columns={columns}
      rows={recap.rows}
      rowKey={(r) => r.code}
      footRows={[totalRow(t, { ...recap.totals, kecamatan: null })]}
      actions={<QuotaHeader use={{ kab: recap.kab.code, name: recap.kab.name, items: recap.quotas }} programs={PROGRAMS} />}
      footRowClassName="fin-total-row"
      tableClassName="fin-table"
      empty={t('fin.recap.empty')}
    />
  );
}

/** The /rekapitulasi page (recap:read: a supervisor its district; province and Pusdatin choose one). */
export function RekapitulasiPage() {
  const t = useT();
  const { me } = useSession();
  const location = useLocation();
  const allowed = useCan()('recap:read');
  useDocumentTitle(t('rekap.title'));
  const s = parseRekapState(location.search);
  const own = ownDistrict(me);
  const kab = own ?? s.kab;
  // The provinces' tab is for those who see more than one district.
  const tab: RekapTab = own && s.tab === 'provinsi' ? 'kecamatan' : s.tab;
  const level: RecapLevel | null = tab === 'provinsi' ? null : tab;
  const query = {
    kab: own ? undefined : kab || undefined,
    period: s.period || undefined,
    kecamatan: tab === 'desa' ? s.kecamatan || undefined : undefined,
  };
  const recap = useData(
    (signal) => reportsApi.recap(level ?? 'kecamatan', { kab: query.kab, period: query.period, kecamatan: query.kecamatan }, signal),
    [level, query.kab, query.period, query.kecamatan],
    allowed && kab !== '' && level !== null,
  );

  if (!allowed) return <Forbidden title={t('rekap.title')} message={t('rekap.forbidden')} />;

  const update = (patch: Partial<RekapState>) => navigate(rekapHref({ ...s, ...patch }));
  // A reload after a change of choice shows the loading state, not the previous choice's recap.
  const shown = recap.loading ? null : recap.data;

  return (
    <div className="fin-page">
      <h1>{t('rekap.title')}</h1>
      <p className="muted">{t('rekap.intro')}</p>
      <div className="fin-controls">
        {!own && level && <DistrictPicker value={kab} onChange={(k) => update({ kab: k, kecamatan: '' })} />}
        <PeriodSelect id="rekap-period" value={s.period} onChange={(period) => update({ period })} />
        {tab === 'desa' && kab && (
          <RegionPicker
            root={kab}
            to="kecamatan"
            idPrefix="rekap"
            value={{ kecamatan: s.kecamatan }}
            onChange={(next) => update({ kecamatan: next.kecamatan ?? '' })}
            labels={{ kecamatan: t('rekap.col.kecamatan') }}
            emptyLabels={{ kecamatan: t('rekap.allKecamatan') }}
          />
        )}
      </div>
      <Tabs
        label={t('rekap.tabs')}
        idPrefix="rekap-tab"
        panelId="rekap-panel"
        selected={tab}
        onSelect={(next) => update({ tab: next })}
        tabs={[
          { key: 'kecamatan', label: t('rekap.tab.kecamatan') },
          { key: 'desa', label: t('rekap.tab.desa') },
          ...(own ? [] : [{ key: 'provinsi' as const, label: t('rekap.tab.provinsi') }]),
        ]}
      />
      <div id="rekap-panel" role="tabpanel" aria-labelledby={`rekap-tab-${tab}`} className="tab-panel">
        {level === null ? (
          <>
            {s.provinsi && !ownProvince(me) && (
              <p>
                <Link to={rekapHref({ ...s, provinsi: '' })}>{t('rekap.allProvinsi')}</Link>
              </p>
            )}
            <RekapProvinsiPanel
              provinsi={ownProvince(me) ?? s.provinsi}
              period={s.period}
              hrefOf={(area, code) =>
                rekapHref(area === 'provinsi' ? { ...s, provinsi: code } : { ...s, tab: 'kecamatan', kab: code, provinsi: '' })
              }
            />
          </>
        ) : kab === '' ? (
          <p className="muted">{t('rekap.pick.first')}</p>
        ) : recap.error ? (
          <ErrorBox message={recap.error} onRetry={recap.reload} />
        ) : shown ? (
          <>
            <DownloadButtons
              items={(['xlsx', 'csv'] as const).map((format) => ({
                key: format,
                label: t(format === 'xlsx' ? 'rekap.export.xlsx' : 'rekap.export.csv'),
                download: () => reportsApi.exportRecap(level, format, query),
              }))}
            />
            <RecapTable recap={shown} />
          </>
        ) : (
          <Loading />
        )}
      </div>
    </div>
  );
}

export default RekapitulasiPage;
