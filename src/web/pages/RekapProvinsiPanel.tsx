// "Rekapitulasi Provinsi" (issue 18), a tab of /rekapitulasi for province and national users: the
// provinces of the nation (Pusdatin) or the districts of one province, read from the maintained
// district figures, with a totals row and xlsx/csv export. A province's name opens its districts,
// a district's name its Rekapitulasi Kecamatan.
import { type RecapRow, type RegionRecap, reportsApi } from '../api/finalisasi.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { DownloadButtons } from '../components/DownloadButtons.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { formatRegionCode } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useData } from '../lib/useData.ts';
import { Link } from '../router.tsx';
import { recapFigureColumns, totalRow } from './RecapColumns.tsx';

/** The recap table of provinces or of one province's districts; `hrefOf` is where an area's name leads. */
export function RegionRecapTable({ recap, hrefOf }: { recap: RegionRecap; hrefOf: (code: string) => string }) {
  const t = useT();
  const locale = useLocale();
  const provinces = recap.level === 'provinsi';
  const columns: Column<RecapRow>[] = [
    {
      key: 'area',
      header: t(provinces ? 'rekap.pick.provinsi' : 'rekap.pick.kab'),
      rowHeader: true,
      cell: (r) =>
        r.code ? (
          <>
            <Link to={hrefOf(r.code)}>{r.name}</Link> <span className="muted mono">{formatRegionCode(r.code)}</span>
          </>
        ) : (
          r.name
        ),
    },
    ...recapFigureColumns(t, locale),
  ];
  return (
    <DataTable
      idPrefix="rekap"
      caption={
        provinces
          ? t('rekap.caption.provinsi', { period: recap.period.name })
          : t('rekap.caption.kabkota', { provinsi: recap.provinsi?.name ?? '', period: recap.period.name })
      }
      columns={columns}
      rows={recap.rows}
      rowKey={(r) => r.code}
      footRows={[totalRow(t, { ...recap.totals, kecamatan: null })]}
      footRowClassName="fin-total-row"
      tableClassName="fin-table"
      empty={t('fin.recap.empty')}
    />
  );
}

/** The tab's panel: the recap of `provinsi` ('' = every province in scope) and `period` ('' = the current one). */
export function RekapProvinsiPanel({
  provinsi,
  period,
  hrefOf,
}: {
  provinsi: string;
  period: string;
  hrefOf: (level: RegionRecap['level'], code: string) => string;
}) {
  const t = useT();
  const query = { provinsi: provinsi || undefined, period: period || undefined };
  const recap = useData(
    (signal) => reportsApi.recapProvinsi({ provinsi: provinsi || undefined, period: period || undefined }, signal),
    [provinsi, period],
  );
  if (recap.error) return <ErrorBox message={recap.error} onRetry={recap.reload} />;
  const shown = recap.loading ? null : recap.data;
  if (!shown) return <Loading />;
  return (
    <>
      <DownloadButtons
        items={(['xlsx', 'csv'] as const).map((format) => ({
          key: format,
          label: t(format === 'xlsx' ? 'rekap.export.xlsx' : 'rekap.export.csv'),
          download: () => reportsApi.exportRecapProvinsi(format, query),
        }))}
      />
      <RegionRecapTable recap={shown} hrefOf={(code) => hrefOf(shown.level, code)} />
    </>
  );
}
