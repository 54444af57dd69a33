// F3 Beranda: top, the region, role, KKS quota, BDT total and BPNT stage; middle, download cards
// of the documents Pusdatin published for the user's district; bottom, Logs History (F15).
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, isAbort, type HomeData, type HomeDocument, type Page, type RegionRef } from '../api/client.ts';
import { documentDownloadUrl, documentKindLabel, documentsApi, type AuditItem } from '../api/documents.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { translate, useLanguage, useLocale, useT, type MessageKey, type Translate } from '../i18n/index.ts';
import { Link } from '../router.tsx';

const LEVEL_KEYS: Record<RegionRef['level'], MessageKey> = {
  provinsi: 'level.provinsi',
  kabkota: 'level.kabkota',
  kecamatan: 'level.kecamatan',
  desa: 'level.desa',
};

/** Page sizes of Logs History ("Tampilkan 10 entri"). */
export const LOG_PAGE_SIZES = [10, 25, 50, 100] as const;
const SEARCH_DEBOUNCE_MS = 350;

/** "Kabupaten/Kota - KOTA ADMINISTRASI JAKARTA SELATAN"; the national label when there is no region. */
export function regionTitle(region: RegionRef | null, levelLabel: (level: RegionRef['level']) => string, nationalLabel: string): string {
  if (!region) return nationalLabel;
  return `${levelLabel(region.level)} - ${region.name.toLocaleUpperCase('id-ID')}`;
}

/** A file size for people: "820 B", "12,5 KB", "1,2 MB" (one decimal, the locale's separator). */
export function formatFileSize(bytes: number, t: Translate, locale: string): string {
  const oneDecimal = (v: number) => formatNumber(Math.round(v * 10) / 10, locale);
  if (bytes < 1024) return t('size.bytes', { n: formatNumber(bytes, locale) });
  if (bytes < 1024 * 1024) return t('size.kb', { n: oneDecimal(bytes / 1024) });
  return t('size.mb', { n: oneDecimal(bytes / (1024 * 1024)) });
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
      </ul>
      <p>
        <Link to="/data-kesos" className="btn btn-primary">
          {t('home.openData')}
        </Link>
      </p>
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
            const size = formatFileSize(d.size, t, locale);
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
export function LogsTable({ items }: { items: AuditItem[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap" role="region" aria-labelledby="logs-caption" tabIndex={0}>
      <table className="table logs-table">
        <caption id="logs-caption">{t('logs.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('logs.col.waktu')}</th>
            <th scope="col">{t('logs.col.informasi')}</th>
            <th scope="col">{t('logs.col.oleh')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">
                <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
              </td>
              <td>{e.text}</td>
              <td>{e.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The bottom block: Logs History with search, page size and paging on the server (GET /api/v1/audit). */
export function LogsHistory() {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(LOG_PAGE_SIZES[0]);
  const [data, setData] = useState<Page<AuditItem> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    documentsApi.auditLog({ q: q || undefined, page, pageSize }, ctrl.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(e instanceof ApiError ? e.message : translate('error.generic'));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [q, page, pageSize, attempt]);

  // Typing searches after a pause; every new search starts at page 1.
  const onSearch = (v: string) => {
    setText(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setQ(v.trim());
      setPage(1);
    }, SEARCH_DEBOUNCE_MS);
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || pageSize))) : 1;
  const from = data && data.total > 0 ? (page - 1) * data.pageSize + 1 : 0;
  const to = data ? Math.min(data.total, page * data.pageSize) : 0;

  return (
    <section className="card logs" aria-labelledby="logs-title">
      <h2 id="logs-title">{t('logs.title')}</h2>
      <div className="logs-toolbar">
        <label className="logs-size">
          {t('logs.show')}{' '}
          <select
            value={pageSize}
            onChange={(e) => {
              setPageSize(Number(e.target.value));
              setPage(1);
            }}
          >
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
            clearTimeout(timer.current);
            setQ(text.trim());
            setPage(1);
          }}
        >
          <label htmlFor="logs-q">{t('logs.search')}</label>
          <input id="logs-q" type="search" value={text} maxLength={100} autoComplete="off" onChange={(e) => onSearch(e.target.value)} />
        </form>
      </div>
      {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
      <div className="results" aria-busy={loading}>
        {!data && loading && !error && <Loading />}
        {data && data.items.length > 0 && <LogsTable items={data.items} />}
        {data && (
          <p className="result-count" role="status">
            {data.total > 0
              ? t('logs.showing', {
                  from: formatNumber(from, locale),
                  to: formatNumber(to, locale),
                  total: formatNumber(data.total, locale),
                })
              : q
                ? t('logs.noMatch')
                : t('logs.empty')}
          </p>
        )}
        {data && data.total > data.pageSize && (
          <nav className="pagination" aria-label={t('list.pagination')}>
            <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => setPage((p) => Math.max(1, p - 1))}>
              {t('list.prev')}
            </button>
            <span className="page-of">{t('list.pageOf', { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={page >= pages}
              onClick={() => setPage((p) => Math.min(pages, p + 1))}
            >
              {t('list.next')}
            </button>
          </nav>
        )}
      </div>
    </section>
  );
}

/** Beranda (F3). */
export function HomePage() {
  const t = useT();
  useDocumentTitle(t('home.title'));
  const [data, setData] = useState<HomeData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    api
      .home(ctrl.signal)
      .then(setData)
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        setError(e instanceof ApiError ? e.message : translate('error.generic'));
      });
    return () => ctrl.abort();
  }, [attempt]);

  return (
    <div className="home">
      <h1>{t('home.title')}</h1>
      {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
      {!data && !error && <Loading />}
      {data && <HomeSummary data={data} />}
      {data && <DocumentCards documents={data.documents} />}
      {/* Loaded on its own: the log's failure must not hide the figures above, nor the reverse. */}
      <LogsHistory />
    </div>
  );
}
