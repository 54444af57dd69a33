// F3 Beranda: top, the region, role, KKS quota, BDT total, BPNT stage and used/quota per programme; for the supervisor
// the round at a glance (MoU, next step, downloads, finalisations) and proposals per kecamatan (an operator: his own);
// middle, download cards of the documents Pusdatin published for the user's district; bottom, Logs History (F15).
import { useState } from 'react';
import { api, type HomeData, type HomeDocument, type RegionRef } from '../api/client.ts';
import { documentDownloadUrl, documentKindLabel, documentsApi, type AuditItem } from '../api/documents.ts';
import { exportsApi } from '../api/exports.ts';
import { DataTable, type Column, type TableState } from '../components/DataTable.tsx';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { TextField } from '../components/TextField.tsx';
import { formatDate, formatDateTime, formatFileSize, formatNumber } from '../format.ts';
import { useLanguage, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { useDebounced, usePageOf } from '../lib/useDebounced.ts';
import { useData } from '../lib/useData.ts';
import { numberColumn } from './RecapColumns.tsx';

const LEVEL_KEYS: Record<RegionRef['level'], MessageKey> = {
  provinsi: 'level.provinsi',
  kabkota: 'level.kabkota',
  kecamatan: 'level.kecamatan',
  desa: 'level.desa',
};

/** Page sizes of Logs History ("Tampilkan 10 entri"). */
export const LOG_PAGE_SIZES = [10, 25, 50, 100] as const;

/** "Kabupaten/Kota - KOTA ADMINISTRASI JAKARTA SELATAN"; the national label when there is no region. */
export function regionTitle(region: RegionRef | null, levelLabel: (level: RegionRef['level']) => string, nationalLabel: string): string {
  if (!region) return nationalLabel;
  return `${levelLabel(region.level)} - ${region.name.toLocaleUpperCase('id-ID')}`;
}

/** The top block of Beranda: region, module title, role and the district's figures. */
export function HomeSummary({ data }: { data: HomeData }) {
  const t = useT();
  const lang = useLanguage();
  const locale = useLocale();
  return (
    <section className="card home-summary" aria-labelledby="home-module">
      <p className="home-region">{regionTitle(data.region, (l) => t(LEVEL_KEYS[l]), t('home.national'))}</p>
      <h2 className="home-module" id="home-module">
        {t('home.module')}
      </h2>
      <p className="home-role">{t('home.loggedInAs', { role: data.roleLabel[lang] })}</p>
      <ul className="home-figures">
        {data.kuotaKks !== null && <li className="home-quota">{t('home.kuotaKks', { count: formatNumber(data.kuotaKks, locale) })}</li>}
        <li className="home-total">{t('home.totalHouseholds', { count: formatNumber(data.totalHouseholds, locale) })}</li>
        {data.tahapBpnt && <li className="home-stage">{t('home.tahapBpnt', { tahap: data.tahapBpnt })}</li>}
        {(data.quotas ?? [])
          .filter((q) => q.quota !== null || q.used > 0)
          .map((q) => (
            <li key={q.program} className="home-quota-use">
              {q.quota === null
                ? t('home.quotaUseNone', { program: q.program, used: formatNumber(q.used, locale) })
                : t('home.quotaUse', { program: q.program, used: formatNumber(q.used, locale), quota: formatNumber(q.quota, locale) })}
            </li>
          ))}
      </ul>
      <p>
        <Link to="/data-kesos" className="btn btn-primary">
          {t('home.openData')}
        </Link>
      </p>
    </section>
  );
}

type HomeRound = NonNullable<HomeData['round']>;
type HomeKecamatan = NonNullable<HomeData['proposals']>[number];

/** Where each next step of the round is done. */
export const NEXT_STEP_LINKS: Record<HomeRound['nextStep'], string> = {
  UPLOAD_MOU: '/mou',
  WAIT_REVIEW: '/mou',
  DOWNLOAD_RELEASE: '/mou',
  IMPORT_PACKAGES: '/import',
  DECIDE_PROPOSALS: '/verifikasi-usulan',
  FINALISE: '/finalisasi',
};

/** "3 kali, terakhir 13 Mar 2019 14.05 WIB" or "belum pernah". */
function DownloadFigure({ label, figure }: { label: string; figure: HomeRound['releaseDownloads'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li>
      {label} :{' '}
      {figure.lastAt
        ? t('home.downloads.count', { count: formatNumber(figure.count, locale), at: formatDateTime(figure.lastAt, locale) })
        : t('home.downloads.never')}
    </li>
  );
}

/** The supervisor's round at a glance: MoU state, the next step, downloads and the finalisations of the period. */
export function RoundPanel({ round, period }: { round: HomeRound; period: HomeData['period'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card home-round" aria-labelledby="home-round">
      <h2 id="home-round">{period ? t('home.round.titlePeriod', { period: period.name }) : t('home.round.title')}</h2>
      <p className="home-mou">{t('home.round.mou', { state: t(`home.mou.${round.mou.state}` as MessageKey) })}</p>
      <p className="home-next">
        <strong>{t('home.next.label')}</strong> {t(`home.next.${round.nextStep}` as MessageKey)}{' '}
        <Link to={NEXT_STEP_LINKS[round.nextStep]} className="btn btn-primary btn-small">
          {t(`home.next.link.${round.nextStep}` as MessageKey)}
        </Link>
      </p>
      <ul className="home-downloads">
        <DownloadFigure label={t('home.downloads.release')} figure={round.releaseDownloads} />
        <DownloadFigure label={t('home.downloads.offline')} figure={round.offlineAppDownloads} />
      </ul>
      <h3>{t('home.finalisations.title')}</h3>
      {round.finalisations.length === 0 ? (
        <p className="muted">{t('home.finalisations.empty')}</p>
      ) : (
        <ul className="home-finalisations">
          {round.finalisations.map((f) => {
            const at = formatDateTime(f.at, locale);
            const count = formatNumber(f.proposals, locale);
            // The letter itself is one click away, on Surat Pengesahan.
            return (
              <li key={f.id}>
                <Link to="/surat-pengesahan">{t('home.finalisations.item', { number: f.number, letter: f.letterNumber, at, count })}</Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** BDT proposals of the period per kecamatan of the user's scope (an operator: his own only). */
export function KecamatanProposals({ rows, period }: { rows: readonly HomeKecamatan[]; period: HomeData['period'] }) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<HomeKecamatan>[] = [
    { key: 'kecamatan', header: t('home.proposals.col.kecamatan'), rowHeader: true, cell: (r) => r.kecamatan.name },
    numberColumn<HomeKecamatan>('total', t('home.proposals.col.total'), (r) => r.total, locale),
    numberColumn<HomeKecamatan>('waiting', t('home.proposals.col.waiting'), (r) => r.waiting, locale),
    numberColumn<HomeKecamatan>('openDecided', t('home.proposals.col.openDecided'), (r) => r.openDecided, locale),
  ];
  return (
    <section className="card home-proposals" aria-labelledby="home-proposals">
      <h2 id="home-proposals">{t('home.proposals.title')}</h2>
      <DataTable
        idPrefix="home-proposals"
        caption={t('home.proposals.caption', { period: period?.name ?? '' })}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.kecamatan.code}
        empty={t('home.proposals.empty')}
        scrollable={false}
      />
    </section>
  );
}

/** The middle block: one download card per document published for the user's district. */
export function DocumentCards({ documents }: { documents: HomeDocument[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="home-documents" aria-labelledby="home-documents">
      <h2 id="home-documents">{t('home.documents')}</h2>
      {documents.length === 0 ? (
        <p className="muted">{t('home.documentsEmpty')}</p>
      ) : (
        <ul className="doc-cards">
          {documents.map((d) => {
            const kind = documentKindLabel(d.contentType);
            const size = formatFileSize(d.size, locale);
            return (
              <li key={d.id} className="card doc-card">
                <span className="doc-kind" aria-hidden="true">
                  {kind}
                </span>
                <h3 className="doc-title">{d.title}</h3>
                <p className="doc-meta">
                  {kind} · {size} · {t('home.uploadedOn', { date: formatDate(d.uploadedAt, locale) })}
                </p>
                <a
                  className="btn btn-primary"
                  href={documentDownloadUrl(d.id)}
                  download
                  aria-label={t('home.downloadLabel', { title: d.title, kind, size })}
                >
                  {t('home.download')}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The WAKTU | INFORMASI | OLEH table of one page of Logs History. */
export function LogsTable({
  items,
  empty,
  ...table
}: TableState & {
  items: readonly AuditItem[] | null;
  empty?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<AuditItem>[] = [
    {
      key: 'waktu',
      header: t('logs.col.waktu'),
      className: 'nowrap',
      cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>,
    },
    { key: 'informasi', header: t('logs.col.informasi'), cell: (e) => e.text },
    { key: 'oleh', header: t('logs.col.oleh'), cell: (e) => e.actor },
  ];
  return (
    <DataTable
      {...table}
      idPrefix="logs"
      caption={t('logs.caption')}
      columns={columns}
      rows={items}
      rowKey={(e) => e.id}
      tableClassName="logs-table"
      empty={empty ?? t('logs.empty')}
      showing={(r) => t('logs.showing', r)}
    />
  );
}

/** The bottom block: Logs History with search, page size and paging on the server (GET /api/v1/audit). */
export function LogsHistory() {
  const t = useT();
  const [text, setText] = useState('');
  const [q, flush] = useDebounced(text.trim());
  const [pageSize, setPageSize] = useState<number>(LOG_PAGE_SIZES[0]);
  const [page, setPage] = usePageOf(`${q}|${pageSize}`);
  const logs = useData((signal) => documentsApi.auditLog({ q: q || undefined, page, pageSize }, signal), [q, page, pageSize]);

  return (
    <section className="card logs" aria-labelledby="logs-title">
      <h2 id="logs-title">{t('logs.title')}</h2>
      <div className="logs-toolbar">
        <label className="logs-size">
          {t('logs.show')}{' '}
          <select value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
            {LOG_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>{' '}
          {t('logs.entries')}
        </label>
        <form
          role="search"
          className="logs-search"
          onSubmit={(e) => {
            e.preventDefault();
            flush();
          }}
        >
          <TextField id="logs-q" type="search" label={t('logs.search')} value={text} maxLength={100} onChange={setText} />
        </form>
      </div>
      <ExportButtons download={(format) => exportsApi.audit(format, { q: q || undefined })} />
      <div className="results">
        <LogsTable
          items={logs.data?.items ?? null}
          empty={q ? t('logs.noMatch') : t('logs.empty')}
          paging={logs.data ? { page, pageSize: logs.data.pageSize || pageSize, total: logs.data.total, onPage: setPage } : undefined}
          loading={logs.loading}
          error={logs.error}
          onRetry={logs.reload}
        />
      </div>
    </section>
  );
}

/** Beranda (F3). */
export function HomePage() {
  const t = useT();
  useDocumentTitle(t('home.title'));
  const home = useData((signal) => api.home(signal), []);
  const data = home.data;

  return (
    <div className="home">
      <h1>{t('home.title')}</h1>
      {home.error && <ErrorBox message={home.error} onRetry={home.reload} />}
      {!data && !home.error && <Loading />}
      {data && <HomeSummary data={data} />}
      {data?.round && <RoundPanel round={data.round} period={data.period} />}
      {data?.proposals && <KecamatanProposals rows={data.proposals} period={data.period} />}
      {data && <DocumentCards documents={data.documents} />}
      {/* Loaded on its own: the log's failure must not hide the figures above, nor the reverse. */}
      <LogsHistory />
    </div>
  );
}
