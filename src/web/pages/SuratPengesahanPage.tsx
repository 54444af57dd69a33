// F8 Surat Pengesahan (/surat-pengesahan): the finalisations of a district, newest first, each
// with its letter (PDF) and finalised data downloads. A supervisor sees its own district; a
// province and Pusdatin choose one (?kab= in the address, so Monitoring can link here).
import { useEffect, useState } from 'react';
import { ApiError, isAbort } from '../api/client.ts';
import { finalisasiApi, type FinalisationSummary } from '../api/finalisasi.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { translate, useLocale, useT } from '../i18n/index.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { FinalisationDownloads } from './FinalisasiPage.tsx';
import { DistrictPicker, hasOwnDistrict } from './RekapDistrictPicker.tsx';
import '../account.css';
import '../finalisasi.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));
const PAGE_SIZE = 20;

/** The finalisations as a table with their downloads. */
export function LettersTable({ items }: { items: readonly FinalisationSummary[] }) {
  const t = useT();
  const locale = useLocale();
  if (items.length === 0) return <p className="muted">{t('surat.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('surat.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('surat.col.number')}</th>
            <th scope="col">{t('surat.col.period')}</th>
            <th scope="col">{t('surat.col.finalisation')}</th>
            <th scope="col">{t('surat.col.date')}</th>
            <th scope="col" className="num">
              {t('surat.col.proposals')}
            </th>
            <th scope="col">{t('surat.col.by')}</th>
            <th scope="col">{t('surat.col.hash')}</th>
            <th scope="col">{t('surat.col.downloads')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr key={f.id}>
              <th scope="row" className="nowrap">
                {f.letterNumber}
              </th>
              <td>{f.period.name}</td>
              <td>{t('surat.number', { n: f.number })}</td>
              <td className="nowrap">{formatDateTime(f.createdAt, locale)}</td>
              <td className="num">{formatNumber(f.proposals, locale)}</td>
              <td>{f.createdBy}</td>
              <td>
                <code className="fin-hash-short" title={f.dataSha256}>
                  {f.dataSha256.slice(0, 16)}…
                </code>
              </td>
              <td>
                <FinalisationDownloads f={f} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The /surat-pengesahan page. */
export function SuratPengesahanPage() {
  const t = useT();
  const { me } = useSession();
  const location = useLocation();
  useDocumentTitle(t('surat.title'));
  const params = new URLSearchParams(location.search);
  const own = hasOwnDistrict(me.role);
  const kab = own ? '' : (params.get('kab') ?? '');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ items: FinalisationSummary[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const allowed = me.role === 'SUPERVISOR' || me.role === 'PROVINSI' || me.role === 'PUSDATIN';
  const ready = allowed && (own || kab !== '');

  useEffect(() => {
    if (!ready) return;
    const ctrl = new AbortController();
    setError(null);
    setData(null);
    finalisasiApi
      .list({ kab: kab || undefined, page, pageSize: PAGE_SIZE }, ctrl.signal)
      .then(setData, (e: unknown) => !isAbort(e) && setError(messageOf(e)));
    return () => ctrl.abort();
  }, [ready, kab, page, attempt]);

  const go = (next: { kab?: string; page?: number }) => {
    const sp = new URLSearchParams();
    const k = next.kab ?? kab;
    if (k) sp.set('kab', k);
    if ((next.page ?? 1) > 1) sp.set('page', String(next.page));
    navigate(`/surat-pengesahan${sp.toString() ? `?${sp}` : ''}`);
  };

  if (!allowed) {
    return (
      <div>
        <h1>{t('surat.title')}</h1>
        <p className="alert alert-error">{t('surat.forbidden')}</p>
      </div>
    );
  }
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <div className="fin-page">
      <h1>{t('surat.title')}</h1>
      <p className="muted">{t('surat.intro')}</p>
      {!own && <DistrictPicker value={kab} onChange={(k) => go({ kab: k, page: 1 })} />}
      {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
      {!ready ? (
        <p className="muted">{t('rekap.pick.first')}</p>
      ) : data ? (
        <>
          <LettersTable items={data.items} />
          {pages > 1 && (
            <nav className="fin-pager" aria-label={t('surat.pages')}>
              <button type="button" className="btn btn-small btn-secondary" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
                {t('surat.prev')}
              </button>
              <span>{t('surat.pageOf', { page, pages })}</span>
              <button type="button" className="btn btn-small btn-secondary" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
                {t('surat.next')}
              </button>
            </nav>
          )}
        </>
      ) : (
        !error && <Loading />
      )}
    </div>
  );
}

export default SuratPengesahanPage;
