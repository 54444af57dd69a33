// F8 Finalisasi (/finalisasi, SUPERVISOR): the preview of the next finalisation of the open
// period — counts by status and by verval result, per kecamatan and desa — what blocks it
// (proposals still MENUNGGU, with links to them; missing letter profile), a confirmation that
// names the count, then the result with the letter and data downloads. Loaded lazily.
import { useEffect, useState } from 'react';
import { ApiError, isAbort } from '../api/client.ts';
import {
  approvedOf,
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
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatIdbdt, formatNumber, formatRegionCode } from '../format.ts';
import { translate, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import '../account.css';
import '../mou.css';
import '../finalisasi.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

/** i18n keys of proposal statuses and verval results. */
export const STATUS_LABEL: Record<(typeof PROPOSAL_STATUS_KEYS)[number], MessageKey> = {
  MENUNGGU: 'fin.status.MENUNGGU',
  DISETUJUI: 'fin.status.DISETUJUI',
  SEBAGIAN: 'fin.status.SEBAGIAN',
  DITOLAK: 'fin.status.DITOLAK',
  PERLU_PERBAIKAN: 'fin.status.PERLU_PERBAIKAN',
  GAGAL_VALIDASI: 'fin.status.GAGAL_VALIDASI',
};
export const RESULT_LABEL: Record<(typeof VERVAL_RESULT_KEYS)[number], MessageKey> = {
  DITEMUKAN: 'fin.result.DITEMUKAN',
  TIDAK_DITEMUKAN: 'fin.result.TIDAK_DITEMUKAN',
  PINDAH: 'fin.result.PINDAH',
  BAGIAN_RUTA_LAIN: 'fin.result.BAGIAN_RUTA_LAIN',
  MENOLAK: 'fin.result.MENOLAK',
  GANDA: 'fin.result.GANDA',
};
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
  const locale = useLocale();
  return (
    <div className="fin-figures">
      <dl className="fin-figure-list" aria-label={t('fin.byStatus')}>
        <div className="fin-figure fin-figure-total">
          <dt>{t('fin.total')}</dt>
          <dd>{formatNumber(counts.proposals, locale)}</dd>
        </div>
        {PROPOSAL_STATUS_KEYS.map((s) => (
          <div key={s} className={s === 'MENUNGGU' && counts.status[s] > 0 ? 'fin-figure fin-figure-alert' : 'fin-figure'}>
            <dt>{t(STATUS_LABEL[s])}</dt>
            <dd>{formatNumber(counts.status[s], locale)}</dd>
          </div>
        ))}
      </dl>
      <dl className="fin-figure-list" aria-label={t('fin.byResult')}>
        {VERVAL_RESULT_KEYS.map((r) => (
          <div key={r} className="fin-figure">
            <dt>{t(RESULT_LABEL[r])}</dt>
            <dd>{formatNumber(counts.result[r], locale)}</dd>
          </div>
        ))}
        <div className="fin-figure">
          <dt>{t('fin.usulanBaru')}</dt>
          <dd>{formatNumber(counts.usulanBaru, locale)}</dd>
        </div>
      </dl>
    </div>
  );
}

/** The recap per area (kecamatan or desa) with a totals row. */
export function AreaCountsTable({
  rows,
  totals,
  caption,
  areaLabel,
}: {
  rows: readonly { code: string; name: string; counts: RecapCounts }[];
  totals: RecapCounts;
  caption: string;
  areaLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const cells = (c: RecapCounts) => [
    ...VERVAL_RESULT_KEYS.map((r) => c.result[r]),
    c.usulanBaru,
    c.status.MENUNGGU,
    approvedOf(c),
    c.status.DITOLAK,
    c.status.PERLU_PERBAIKAN,
    c.status.GAGAL_VALIDASI,
    c.proposals,
  ];
  return (
    <div className="table-wrap">
      <table className="table fin-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{areaLabel}</th>
            {VERVAL_RESULT_KEYS.map((r) => (
              <th key={r} scope="col" className="num">
                {t(RESULT_LABEL[r])}
              </th>
            ))}
            <th scope="col" className="num">
              {t('fin.usulanBaru')}
            </th>
            <th scope="col" className="num">
              {t('fin.status.MENUNGGU')}
            </th>
            <th scope="col" className="num">
              {t('fin.approved')}
            </th>
            <th scope="col" className="num">
              {t('fin.status.DITOLAK')}
            </th>
            <th scope="col" className="num">
              {t('fin.status.PERLU_PERBAIKAN')}
            </th>
            <th scope="col" className="num">
              {t('fin.status.GAGAL_VALIDASI')}
            </th>
            <th scope="col" className="num">
              {t('fin.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                {r.name} <span className="muted mono">{formatRegionCode(r.code)}</span>
              </th>
              {cells(r.counts).map((v, i) => (
                <td key={i} className="num">
                  {n(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="fin-total-row">
            <th scope="row">{t('fin.totalRow')}</th>
            {cells(totals).map((v, i) => (
              <td key={i} className="num">
                {n(v)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The proposals still waiting, each a link to its review. */
export function WaitingList({ waiting }: { waiting: { total: number; items: readonly WaitingProposal[] } }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card fin-blocking" aria-labelledby="fin-waiting-title">
      <h2 id="fin-waiting-title">{t('fin.waiting.title')}</h2>
      <p className="alert alert-error">{t('fin.waiting.text', { n: formatNumber(waiting.total, locale) })}</p>
      <div className="table-wrap">
        <table className="table">
          <caption>
            {t('fin.waiting.caption', {
              shown: formatNumber(waiting.items.length, locale),
              total: formatNumber(waiting.total, locale),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('fin.col.proposal')}</th>
              <th scope="col">{t('fin.col.type')}</th>
              <th scope="col">{t('fin.col.region')}</th>
              <th scope="col">{t('fin.col.operator')}</th>
              <th scope="col">{t('fin.col.imported')}</th>
            </tr>
          </thead>
          <tbody>
            {waiting.items.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link to={`/verifikasi-usulan/${encodeURIComponent(w.id)}`}>
                    {w.idbdt ? formatIdbdt(w.idbdt) : t('fin.type.USULAN_BARU')}
                  </Link>
                  {w.conflict && <span className="badge badge-conflict"> {t('fin.conflict')}</span>}
                </td>
                <td>{t(w.type === 'PERBAIKAN' ? 'fin.type.PERBAIKAN' : 'fin.type.USULAN_BARU')}</td>
                <td>
                  {w.desa ?? formatRegionCode(w.kode_wilayah)}
                  {w.kecamatan && <span className="muted">, {w.kecamatan}</span>}
                </td>
                <td>{w.operator_username ?? '–'}</td>
                <td className="nowrap">{formatDateTime(w.imported_at, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (key: string, job: () => Promise<void>) => async () => {
    setBusy(key);
    setError(null);
    try {
      await job();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="fin-downloads">
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy !== null}
        onClick={run('letter', () => finalisasiApi.downloadLetter(f))}
      >
        {busy === 'letter' ? t('fin.downloading') : t('fin.download.letter')}
      </button>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy !== null}
        onClick={run('xlsx', () => finalisasiApi.downloadData(f, 'xlsx'))}
      >
        {busy === 'xlsx' ? t('fin.downloading') : t('fin.download.xlsx')}
      </button>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy !== null}
        onClick={run('csv', () => finalisasiApi.downloadData(f, 'csv'))}
      >
        {busy === 'csv' ? t('fin.downloading') : t('fin.download.csv')}
      </button>
      {error && <ErrorBox message={error} />}
    </div>
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
          <Link to="/surat-pengesahan">{t('fin.previous.letters')}</Link>
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

/** The /finalisasi page (SUPERVISOR; the API refuses others anyway). */
export function FinalisasiPage() {
  const t = useT();
  const locale = useLocale();
  const { me } = useSession();
  useDocumentTitle(t('fin.title'));
  const [preview, setPreview] = useState<FinalisationPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FinalisationDetail | null>(null);
  const allowed = me.role === 'SUPERVISOR';

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setError(null);
    setPreview(null);
    finalisasiApi.preview(ctrl.signal).then(setPreview, (e: unknown) => !isAbort(e) && setError(messageOf(e)));
    return () => ctrl.abort();
  }, [allowed, attempt]);

  if (!allowed) {
    return (
      <div>
        <h1>{t('fin.title')}</h1>
        <p className="alert alert-error">{t('fin.forbidden')}</p>
      </div>
    );
  }

  const finalise = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await finalisasiApi.finalise(preview.toFinalise));
      setConfirming(false);
    } catch (e) {
      setConfirming(false);
      setError(messageOf(e));
      setAttempt((a) => a + 1); // the preview shows what changed
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fin-page">
      <h1>{t('fin.title')}</h1>
      <p className="muted">{t('fin.intro')}</p>
      {error && <ErrorBox message={error} onRetry={result ? undefined : () => setAttempt((a) => a + 1)} />}
      {result ? (
        <>
          <ResultView result={result} />
          <p>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setResult(null);
                setAttempt((a) => a + 1);
              }}
            >
              {t('fin.result.back')}
            </button>
          </p>
        </>
      ) : preview ? (
        <PreviewView preview={preview} busy={busy} onFinalise={() => setConfirming(true)} />
      ) : (
        !error && <Loading />
      )}
      <ConfirmDialog
        open={confirming && !!preview}
        title={t('fin.confirm.title', { number: preview?.nextNumber ?? 1 })}
        message={t('fin.confirm.text', {
          n: formatNumber(preview?.toFinalise ?? 0, locale),
          period: preview?.period.name ?? '',
          number: preview?.nextNumber ?? 1,
        })}
        confirmLabel={t('fin.confirm.button')}
        busy={busy}
        onConfirm={() => void finalise()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

export default FinalisasiPage;
