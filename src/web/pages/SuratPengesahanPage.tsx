// F8 Surat Pengesahan (/surat-pengesahan): the finalisations of a district, newest first, each
// with its letter (PDF) and finalised data downloads. A supervisor sees its own district; a
// province and Pusdatin choose one (?kab= in the address, so Monitoring can link here).
import { finalisasiApi, type FinalisationSummary } from '../api/finalisasi.ts';
import { DataTable, tableTexts, type Column, type Paging } from '../components/DataTable.tsx';
import { Forbidden, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { can } from '../lib/abilities.ts';
import { FinalisationDownloads } from './FinalisasiPage.tsx';
import { ownDistrict } from '../lib/abilities.ts';
import { DistrictPicker } from './RekapDistrictPicker.tsx';
import { useData } from '../lib/useData.ts';
import '../account.css';
import '../finalisasi.css';

const PAGE_SIZE = 20;

/** The finalisations as a table with their downloads; server-paged when `paging` is given. */
export function LettersTable({
  items,
  paging,
  loading,
  error,
  onRetry,
}: {
  items: readonly FinalisationSummary[] | null;
  paging?: Paging;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<FinalisationSummary>[] = [
    { key: 'number', header: t('surat.col.number'), rowHeader: true, className: 'nowrap', cell: (f) => f.letterNumber },
    { key: 'module', header: t('surat.col.module'), cell: (f) => f.module },
    { key: 'period', header: t('surat.col.period'), cell: (f) => f.period.name },
    { key: 'finalisation', header: t('surat.col.finalisation'), cell: (f) => t('surat.number', { n: f.number }) },
    { key: 'date', header: t('surat.col.date'), className: 'nowrap', cell: (f) => formatDateTime(f.createdAt, locale) },
    { key: 'proposals', header: t('surat.col.proposals'), num: true, cell: (f) => formatNumber(f.proposals, locale) },
    { key: 'by', header: t('surat.col.by'), cell: (f) => f.createdBy },
    {
      key: 'hash',
      header: t('surat.col.hash'),
      cell: (f) => (
        <code className="fin-hash-short" title={f.dataSha256}>
          {f.dataSha256.slice(0, 16)}…
        </code>
      ),
    },
    { key: 'downloads', header: t('surat.col.downloads'), cell: (f) => <FinalisationDownloads f={f} /> },
  ];
  return (
    <DataTable
      {...tableTexts(t, 'surat')}
      columns={columns}
      rows={items}
      rowKey={(f) => f.id}
      paging={paging}
      loading={loading}
      error={error}
      onRetry={onRetry}
    />
  );
}

/** The /surat-pengesahan page. */
export function SuratPengesahanPage() {
  const t = useT();
  const { me } = useSession();
  const location = useLocation();
  useDocumentTitle(t('surat.title'));
  const params = new URLSearchParams(location.search);
  const own = ownDistrict(me) !== null;
  const kab = own ? '' : (params.get('kab') ?? '');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const allowed = can(me, 'letter:read');
  const ready = allowed && (own || kab !== '');
  const letters = useData((signal) => finalisasiApi.list({ kab: kab || undefined, page, pageSize: PAGE_SIZE }, signal), [kab, page], ready);

  const go = (next: { kab?: string; page?: number }) => {
    const sp = new URLSearchParams();
    const k = next.kab ?? kab;
    if (k) sp.set('kab', k);
    if ((next.page ?? 1) > 1) sp.set('page', String(next.page));
    navigate(`/surat-pengesahan${sp.toString() ? `?${sp}` : ''}`);
  };

  if (!allowed) return <Forbidden title={t('surat.title')} message={t('surat.forbidden')} />;
  const data = letters.data;
  return (
    <div className="fin-page">
      <h1>{t('surat.title')}</h1>
      <p className="muted">{t('surat.intro')}</p>
      {!own && <DistrictPicker value={kab} onChange={(k) => go({ kab: k, page: 1 })} />}
      {!ready ? (
        <p className="muted">{t('rekap.pick.first')}</p>
      ) : (
        <LettersTable
          // A new district or page shows "loading", not the previous district's letters.
          items={data && !letters.loading ? data.items : null}
          loading={letters.loading}
          error={letters.error}
          onRetry={letters.reload}
          paging={data && !letters.loading ? { page, pageSize: PAGE_SIZE, total: data.total, onPage: (p) => go({ page: p }) } : undefined}
        />
      )}
    </div>
  );
}

export default SuratPengesahanPage;
