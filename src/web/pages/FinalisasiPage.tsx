// F8 Finalisasi (/finalisasi, SUPERVISOR): the preview of the next finalisation of the open
// period — counts by status and by verval result, per kecamatan and desa — what blocks it
// (proposals still MENUNGGU, with links to them; missing letter profile), a confirmation that
// names the count, then the result with the letter and data downloads. Loaded lazily.
import { useState } from 'react';
import {
  finalisasiApi,
  PROPOSAL_STATUS_KEYS,
  VERVAL_RESULT_KEYS,
  type FinalisationDetail,
  type FinalisationPreview,
  type FinalisationSummary,
  type ProposalRecap,
  type RecapCounts,
  type WaitingProposal,
} from '../api/finalisasi.ts';
import { Can } from '../components/Can.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { DownloadButtons } from '../components/DownloadButtons.tsx';
import { FigureList } from '../components/FigureList.tsx';
import { ErrorBox, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatIdbdt, formatNumber, formatRegionCode } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useData, useMutation } from '../lib/useData.ts';
import { Link } from '../router.tsx';
import { areaColumn, countColumns, RESULT_LABEL, STATUS_LABEL, totalRow } from './RecapColumns.tsx';
import '../account.css';
import '../mou.css';
import '../finalisasi.css';

const PROFILE_LABEL: Record<FinalisationPreview['profileMissing'][number], MessageKey> = {
  namaInstansi: 'fin.profile.namaInstansi',
  alamat: 'fin.profile.alamat',
  namaBupati: 'fin.profile.namaBupati',
  pengesahNama: 'fin.profile.pengesahNama',
  pengesahNip: 'fin.profile.pengesahNip',
};

/** Figures of a set of proposals: by status and by verval result. */
export function CountsSummary({ counts }: { counts: RecapCounts }) {
  const t = useT();
  return (
    <div className="fin-figures">
      <FigureList
        label={t('fin.byStatus')}
        figures={[
          { key: 'total', label: t('fin.total'), value: counts.proposals, className: 'fin-figure-total' },
          ...PROPOSAL_STATUS_KEYS.map((s) => ({
            key: s,
            label: t(STATUS_LABEL[s]),
            value: counts.status[s],
            className: s === 'MENUNGGU' && counts.status[s] > 0 ? 'fin-figure-alert' : undefined,
          })),
        ]}
      />
      <FigureList
        label={t('fin.byResult')}
        figures={[
          ...VERVAL_RESULT_KEYS.map((r) => ({ key: r, label: t(RESULT_LABEL[r]), value: counts.result[r] })),
          { key: 'usulanBaru', label: t('fin.usulanBaru'), value: counts.usulanBaru },
        ]}
      />
    </div>
  );
}

type AreaCounts = { code: string; name: string; counts: RecapCounts };

/** The recap per area (kecamatan or desa) with a totals row. */
export function AreaCountsTable({
  rows,
  totals,
  caption,
  areaLabel,
}: {
  rows: readonly AreaCounts[];
  totals: RecapCounts;
  caption: string;
  areaLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<AreaCounts>[] = [areaColumn(areaLabel), ...countColumns<AreaCounts>((r) => r.counts, t, locale, 'decided')];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.code}
      footRows={[totalRow(t, { counts: totals })]}
      footRowClassName="fin-total-row"
      tableClassName="fin-table"
      empty={t('fin.recap.empty')}
      scrollable={false}
    />
  );
}

/** The proposals still waiting, each a link to its review. */
export function WaitingList({ waiting }: { waiting: { total: number; items: readonly WaitingProposal[] } }) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<WaitingProposal>[] = [
    {
      key: 'proposal',
      header: t('fin.col.proposal'),
      cell: (w) => (
        <>
          <Link to={`/verifikasi-usulan/${encodeURIComponent(w.id)}`}>{w.idbdt ? formatIdbdt(w.idbdt) : t('fin.type.USULAN_BARU')}</Link>
          {w.conflict && <span className="badge badge-conflict"> {t('fin.conflict')}</span>}
        </>
      ),
    },
    { key: 'type', header: t('fin.col.type'), cell: (w) => t(w.type === 'PERBAIKAN' ? 'fin.type.PERBAIKAN' : 'fin.type.USULAN_BARU') },
    {
      key: 'region',
      header: t('fin.col.region'),
      cell: (w) => (
        <>
          {w.desa ?? formatRegionCode(w.kode_wilayah)}
          {w.kecamatan && <span className="muted">, {w.kecamatan}</span>}
        </>
      ),
    },
    { key: 'operator', header: t('fin.col.operator'), cell: (w) => w.operator_username ?? '–' },
    { key: 'imported', header: t('fin.col.imported'), className: 'nowrap', cell: (w) => formatDateTime(w.imported_at, locale) },
  ];
  return (
    <section className="card fin-blocking" aria-labelledby="fin-waiting-title">
      <h2 id="fin-waiting-title">{t('fin.waiting.title')}</h2>
      <p className="alert alert-error">{t('fin.waiting.text', { n: formatNumber(waiting.total, locale) })}</p>
      <DataTable
        idPrefix="fin-waiting"
        caption={t('fin.waiting.caption', {
          shown: formatNumber(waiting.items.length, locale),
          total: formatNumber(waiting.total, locale),
        })}
        columns={columns}
        rows={waiting.items}
        rowKey={(w) => w.id}
        empty={t('fin.waiting.text', { n: formatNumber(waiting.total, locale) })}
        scrollable={false}
      />
      <p>
        <Link to="/verifikasi-usulan?status=MENUNGGU" className="btn btn-secondary">
          {t('fin.waiting.open')}
        </Link>
      </p>
    </section>
  );
}

/** The three downloads of a finalisation. */
export function FinalisationDownloads({ f }: { f: Pick<FinalisationSummary, 'id' | 'kab' | 'period' | 'number'> }) {
  const t = useT();
  return (
    <DownloadButtons
      items={[
        { key: 'letter', label: t('fin.download.letter'), primary: true, download: () => finalisasiApi.downloadLetter(f) },
        { key: 'xlsx', label: t('fin.download.xlsx'), download: () => finalisasiApi.downloadData(f, 'xlsx') },
        { key: 'csv', label: t('fin.download.csv'), download: () => finalisasiApi.downloadData(f, 'csv') },
      ]}
    />
  );
}

/** The recap of a preview or finalisation: figures, per kecamatan, and per desa on demand. */
export function RecapView({ recap }: { recap: ProposalRecap }) {
  const t = useT();
  return (
    <>
      <CountsSummary counts={recap.totals} />
      <AreaCountsTable rows={recap.kecamatan} totals={recap.totals} caption={t('fin.recap.kecamatan')} areaLabel={t('fin.col.kecamatan')} />
      {recap.desa.length > 0 && (
        <details className="fin-desa">
          <summary>{t('fin.recap.showDesa', { n: recap.desa.length })}</summary>
          <AreaCountsTable rows={recap.desa} totals={recap.totals} caption={t('fin.recap.desa')} areaLabel={t('fin.col.desa')} />
        </details>
      )}
    </>
  );
}

/** The preview with its blockers and the finalise action. */
export function PreviewView({ preview, onFinalise, busy }: { preview: FinalisationPreview; onFinalise: () => void; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const p = preview;
  return (
    <>
      <section className="card" aria-labelledby="fin-preview-title">
        <h2 id="fin-preview-title">{t('fin.preview.title', { n: p.nextNumber })}</h2>
        <p>
          {t('fin.preview.period', { period: p.period.name, kab: p.kab.name })}
          {p.period.skNumber && <> {t('fin.preview.sk', { sk: p.period.skNumber })}</>}
        </p>
        <RecapView recap={p.recap} />
      </section>

      {p.waiting.total > 0 && <WaitingList waiting={p.waiting} />}

      {p.profileMissing.length > 0 && (
        <section className="card fin-blocking" aria-labelledby="fin-profile-title">
          <h2 id="fin-profile-title">{t('fin.profile.title')}</h2>
          <div className="alert alert-error">
            <p>{t('fin.profile.text')}</p>
            <ul>
              {p.profileMissing.map((f) => (
                <li key={f}>{t(PROFILE_LABEL[f])}</li>
              ))}
            </ul>
          </div>
          <p>
            <Link to="/profil" className="btn btn-secondary">
              {t('fin.profile.open')}
            </Link>
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="fin-action-title">
        <h2 id="fin-action-title">{t('fin.action.title')}</h2>
        {p.toFinalise === 0 && p.waiting.total === 0 ? (
          <p className="alert alert-info">{t('fin.action.nothing')}</p>
        ) : (
          <p>{t('fin.action.text', { n: formatNumber(p.toFinalise, locale), number: p.nextNumber })}</p>
        )}
        <button type="button" className="btn btn-primary" disabled={!p.canFinalise || busy} onClick={onFinalise}>
          {busy ? t('fin.action.busy') : t('fin.action.button')}
        </button>
        {!p.canFinalise && p.toFinalise > 0 && <p className="muted">{t('fin.action.blocked')}</p>}
      </section>

      {p.previous.length > 0 && (
        <section className="card" aria-labelledby="fin-previous-title">
          <h2 id="fin-previous-title">{t('fin.previous.title')}</h2>
          <ul className="fin-previous">
            {p.previous.map((f) => (
              <li key={f.id}>
                {t('fin.previous.item', {
                  number: f.number,
                  letter: f.letterNumber,
                  date: formatDateTime(f.createdAt, locale),
                  n: formatNumber(f.proposals, locale),
                })}
              </li>
            ))}
          </ul>
          <Can verb="letter:read">
            <Link to="/surat-pengesahan">{t('fin.previous.letters')}</Link>
          </Can>
        </section>
      )}
    </>
  );
}

/** What a finished finalisation shows: its number, letter number, recap and downloads. */
export function ResultView({ result }: { result: FinalisationDetail }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="fin-result-title">
      <h2 id="fin-result-title">{t('fin.result.title', { number: result.number })}</h2>
      <p className="alert alert-ok" role="status">
        {t('fin.result.text', {
          number: result.number,
          period: result.period.name,
          n: formatNumber(result.proposals, locale),
          letter: result.letterNumber,
        })}
      </p>
      <p className="fin-hash">
        {t('fin.result.hash')} <code>{result.dataSha256}</code>
      </p>
      <FinalisationDownloads f={result} />
      <RecapView recap={result.recap} />
    </section>
  );
}

/** The /finalisasi page (finalisation:manage, the district's supervisor; the API checks again). */
export function FinalisasiPage() {
  const t = useT();
  const locale = useLocale();
  const allowed = useCan()('finalisation:manage');
  useDocumentTitle(t('fin.title'));
  const preview = useData((signal) => finalisasiApi.preview(signal), [], allowed);
  const finalise = useMutation((count: number) => finalisasiApi.finalise(count));
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<FinalisationDetail | null>(null);

  if (!allowed) return <Forbidden title={t('fin.title')} message={t('fin.forbidden')} />;

  const p = preview.data;
  const confirm = async () => {
    if (!p) return;
    const done = await finalise.run(p.toFinalise);
    setConfirming(false);
    if (done.ok) setResult(done.value);
    else preview.reload(); // the preview shows what changed
  };
  const error = finalise.error ?? preview.error;

  return (
    <div className="fin-page">
      <h1>{t('fin.title')}</h1>
      <p className="muted">{t('fin.intro')}</p>
      {error && <ErrorBox message={error} onRetry={result ? undefined : preview.reload} />}
      {result ? (
        <>
          <ResultView result={result} />
          <p>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setResult(null);
                finalise.clearError();
                preview.reload();
              }}
            >
              {t('fin.result.back')}
            </button>
          </p>
        </>
      ) : p && !preview.loading ? (
        <PreviewView preview={p} busy={finalise.busy} onFinalise={() => setConfirming(true)} />
      ) : (
        !error && <Loading />
      )}
      <ConfirmDialog
        open={confirming && !!p}
        title={t('fin.confirm.title', { number: p?.nextNumber ?? 1 })}
        message={t('fin.confirm.text', {
          n: formatNumber(p?.toFinalise ?? 0, locale),
          period: p?.period.name ?? '',
          number: p?.nextNumber ?? 1,
        })}
        confirmLabel={t('fin.confirm.button')}
        busy={finalise.busy}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

export default FinalisasiPage;
