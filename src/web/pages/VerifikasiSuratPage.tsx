// The public check of a Surat Pengesahan (/verifikasi/:id, no login): the address printed on the
// letter and in its QR code (which adds ?hash=<the data hash>). Says in Indonesian whether a
// stored finalisation has this id, what it is, and whether the hash on the paper matches. Nothing
// personal is shown (the API answers none). A Berita Acara of a BSP or PBI finalisation is checked
// the same way; the page names the document and its list changes.
import { useId, useState, type FormEvent } from 'react';
import { verifyLetter, type LetterVerification } from '../api/finalisasi.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { TextField } from '../components/TextField.tsx';
import { formatDateTime, formatNumber, regionTimeZone } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { navigate, useLocation } from '../router.tsx';
import { useData } from '../lib/useData.ts';
import '../finalisasi.css';

const HASH = /^[0-9a-fA-F]{64}$/;

const DOCUMENT: Record<LetterVerification['module'], MessageKey> = { BDT: 'verif.doc.BDT', BSP: 'verif.doc.BSP', PBI: 'verif.doc.PBI' };

type State = { kind: 'loading' } | { kind: 'found'; v: LetterVerification } | { kind: 'missing' } | { kind: 'error'; message: string };

/** What the page shows for an answer. */
export function VerificationView({ state, hash }: { state: State; hash: string | null }) {
  const t = useT();
  const locale = useLocale();
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorBox message={state.message} />;
  if (state.kind === 'missing') {
    return (
      <div className="alert alert-error fin-verdict" role="status">
        <p className="fin-verdict-title">{t('verif.missing.title')}</p>
        <p>{t('verif.missing.text')}</p>
      </div>
    );
  }
  const v = state.v;
  return (
    <>
      {v.matches === false ? (
        <div className="alert alert-error fin-verdict" role="status">
          <p className="fin-verdict-title">{t('verif.mismatch.title')}</p>
          <p>{t('verif.mismatch.text')}</p>
        </div>
      ) : (
        <div className="alert alert-ok fin-verdict" role="status">
          <p className="fin-verdict-title">{t(v.module === 'BDT' ? 'verif.genuine.title' : 'verif.genuine.titleBa')}</p>
          <p>{t(v.matches ? 'verif.genuine.matches' : 'verif.genuine.text')}</p>
        </div>
      )}
      <dl className="fin-verif-details">
        <dt>{t('verif.document')}</dt>
        <dd>{t(DOCUMENT[v.module])}</dd>
        <dt>{t('verif.kab')}</dt>
        <dd>{v.kab.name}</dd>
        <dt>{t('verif.period')}</dt>
        <dd>{v.period.name}</dd>
        <dt>{t('verif.letterNumber')}</dt>
        <dd>{v.letterNumber}</dd>
        <dt>{t('verif.number')}</dt>
        <dd>{t('surat.number', { n: v.number })}</dd>
        <dt>{t('verif.date')}</dt>
        <dd>{formatDateTime(v.finalisedAt, locale, regionTimeZone(v.kab.code))}</dd>
        <dt>{t('verif.totals')}</dt>
        <dd>
          {v.module !== 'BDT' && v.changes
            ? t(v.module === 'BSP' ? 'verif.changesText.BSP' : 'verif.changesText.PBI', {
                proposals: formatNumber(v.totals.proposals, locale),
                approved: formatNumber(v.totals.approved, locale),
                rejected: formatNumber(v.totals.rejected, locale),
                masuk: formatNumber(v.changes.masuk, locale),
                keluar: formatNumber(v.changes.keluar, locale),
                diganti: formatNumber(v.changes.diganti, locale),
                ubahData: formatNumber(v.changes.ubahData, locale),
              })
            : t('verif.totalsText', {
                proposals: formatNumber(v.totals.proposals, locale),
                perbaikan: formatNumber(v.totals.perbaikan, locale),
                usulanBaru: formatNumber(v.totals.usulanBaru, locale),
                approved: formatNumber(v.totals.approved, locale),
                rejected: formatNumber(v.totals.rejected, locale),
              })}
        </dd>
        <dt>{t('verif.hash')}</dt>
        <dd>
          <code className="fin-hash-full">{v.dataSha256}</code>
        </dd>
        {hash && (
          <>
            <dt>{t('verif.hashOnLetter')}</dt>
            <dd>
              <code className="fin-hash-full">{hash.toLowerCase()}</code>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

/** The public /verifikasi/:id page. */
export function VerifikasiSuratPage({ publicId }: { publicId: string }) {
  const t = useT();
  const id = useId();
  const location = useLocation();
  useDocumentTitle(t('verif.title'));
  const given = new URLSearchParams(location.search).get('hash');
  const hash = given && HASH.test(given.trim()) ? given.trim() : null;
  const letter = useData((signal) => verifyLetter(publicId, hash, signal), [publicId, hash]);
  // The answer for this id and hash only (an earlier one stays in `data` while the next loads).
  const state: State = letter.error
    ? { kind: 'error', message: letter.error }
    : letter.loading
      ? { kind: 'loading' }
      : letter.data
        ? { kind: 'found', v: letter.data }
        : { kind: 'missing' };
  const [input, setInput] = useState(hash ?? '');
  const [inputError, setInputError] = useState<string | null>(null);

  const check = (e: FormEvent) => {
    e.preventDefault();
    const h = input.replace(/\s+/g, '');
    if (!HASH.test(h)) {
      setInputError(t('verif.form.invalid'));
      return;
    }
    setInputError(null);
    navigate(`/verifikasi/${encodeURIComponent(publicId)}?hash=${h.toLowerCase()}`, { replace: true });
  };

  return (
    <div className="fin-page fin-verif">
      <h1>{t('verif.title')}</h1>
      <p className="muted">{t('verif.intro')}</p>
      <VerificationView state={state} hash={hash} />
      {state.kind === 'found' && (
        <form className="card fin-verif-form" onSubmit={check} noValidate>
          <TextField id={`${id}-hash`} label={t('verif.form.label')} verbatim value={input} onChange={setInput} error={inputError} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              {t('verif.form.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export default VerifikasiSuratPage;
