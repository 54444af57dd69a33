// F5 "Kirim MoU & Download" (/mou, SUPERVISOR): the district's MoU state with the guide's
// messages, the upload of both scans at once, and after approval the downloads of the release
// database (sealed with a passphrase set here) and of the offline application.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, isAbort } from '../api/client.ts';
import {
  mouApi,
  periodsApi,
  releasesApi,
  saveFile,
  type DownloadProgress,
  type DownloadedFile,
  type MouStatus,
  type Period,
  type ReleaseItem,
} from '../api/mou.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { translate, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import {
  checkMouFile,
  checkMouFiles,
  checkPassphrase,
  MIN_PASSPHRASE_CODE_POINTS,
  MOU_ACCEPT,
  progressPercent,
  type MouFileErrors,
  type PassphraseErrors,
} from '../release.ts';
import { useSession } from '../session.ts';
import { formatFileSize } from './HomePage.tsx';
import '../account.css';
import '../mou.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

/** An object URL of a chosen file for its preview, revoked when the file changes or the view goes. */
function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return url;
}

function ScanInput({
  id,
  label,
  file,
  error,
  disabled,
  inputKey,
  onChange,
}: {
  id: string;
  label: string;
  file: File | null;
  error: string | undefined;
  disabled: boolean;
  inputKey: number;
  onChange: (f: File | null) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const preview = useObjectUrl(file && !error ? file : null);
  // A file the browser cannot show is most likely not a JPEG/PNG: say so (the server decides).
  const [broken, setBroken] = useState<string | null>(null);
  return (
    <div className="field scan-field">
      <label htmlFor={id}>{label}</label>
      <input
        key={inputKey}
        id={id}
        name={id}
        type="file"
        accept={MOU_ACCEPT}
        disabled={disabled}
        aria-invalid={!!error}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      <small id={`${id}-hint`} className="hint">
        {t('mou.fileHint')}
        {file ? ` ${file.name} (${formatFileSize(file.size, t, locale)})` : ''}
      </small>
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
      {preview && broken === preview && <small className="field-warning">{t('mou.previewFailed')}</small>}
      {preview && broken !== preview && (
        <img className="scan-preview" src={preview} alt={t('mou.previewAlt', { label })} onError={() => setBroken(preview)} />
      )}
    </div>
  );
}

/** The upload of both scans at once ("Upload"); the server answers with the new state. */
export function MouUploadForm({ onUploaded }: { onUploaded: (status: MouStatus) => void }) {
  const t = useT();
  const id = useId();
  const [mou, setMou] = useState<File | null>(null);
  const [permohonan, setPermohonan] = useState<File | null>(null);
  const [errors, setErrors] = useState<MouFileErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const pick = (which: 'mou' | 'permohonan', f: File | null) => {
    (which === 'mou' ? setMou : setPermohonan)(f);
    // Say what is wrong with a chosen file at once; a missing one only when sending.
    setErrors((prev) => ({ ...prev, [which]: f ? checkMouFile(f, t) : undefined }));
    setServerError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkMouFiles({ mou, permohonan }, t);
    setErrors(found);
    setServerError(null);
    if (found.mou || found.permohonan) {
      document.getElementById(found.mou ? `${id}-mou` : `${id}-permohonan`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const status = await mouApi.upload(mou!, permohonan!);
      setMou(null);
      setPermohonan(null);
      setInputKey((k) => k + 1);
      onUploaded(status);
    } catch (err) {
      setServerError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card mou-upload" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mou.uploadTitle')}</h2>
      {serverError && <ErrorBox message={serverError} />}
      <div className="scan-grid">
        <ScanInput
          id={`${id}-mou`}
          label={t('mou.fileMou')}
          file={mou}
          error={errors.mou}
          disabled={busy}
          inputKey={inputKey}
          onChange={(f) => pick('mou', f)}
        />
        <ScanInput
          id={`${id}-permohonan`}
          label={t('mou.filePermohonan')}
          file={permohonan}
          error={errors.permohonan}
          disabled={busy}
          inputKey={inputKey}
          onChange={(f) => pick('permohonan', f)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('mou.uploading') : t('mou.upload')}
        </button>
      </div>
    </form>
  );
}

/** Bytes received so far (and of how many), with a progress bar; indeterminate while the server prepares. */
export function DownloadProgressView({ progress, waitingKey }: { progress: DownloadProgress; waitingKey: MessageKey }) {
  const t = useT();
  const locale = useLocale();
  const percent = progressPercent(progress.received, progress.total);
  const text =
    progress.phase === 'waiting'
      ? t(waitingKey)
      : percent === null
        ? t('release.receivingUnknown', { received: formatFileSize(progress.received, t, locale) })
        : t('release.receiving', {
            received: formatFileSize(progress.received, t, locale),
            total: formatFileSize(progress.total ?? 0, t, locale),
            percent: formatNumber(percent, locale),
          });
  return (
    <div className="download-progress">
      <progress aria-label={t('release.progressLabel')} max={100} value={percent ?? undefined} />
      <p role="status">{text}</p>
    </div>
  );
}

type DownloadState =
  | { kind: 'idle' }
  | { kind: 'busy'; progress: DownloadProgress }
  | { kind: 'done'; name: string; size: number; url: string }
  | { kind: 'error'; message: string };

/**
 * A download into memory with progress, then offered through an object URL (kept for "save
 * again" until the next download or the page goes).
 */
function useDownload() {
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });
  const ctrl = useRef<AbortController | null>(null);
  const url = useRef<string | null>(null);

  const drop = () => {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = null;
  };
  useEffect(
    () => () => {
      ctrl.current?.abort();
      drop();
    },
    [],
  );

  const run = useCallback(
    async (
      start: (opts: { signal: AbortSignal; onProgress: (p: DownloadProgress) => void }) => Promise<DownloadedFile>,
    ): Promise<boolean> => {
      ctrl.current?.abort();
      drop();
      const c = new AbortController();
      ctrl.current = c;
      setState({ kind: 'busy', progress: { phase: 'waiting', received: 0, total: null } });
      try {
        const file = await start({ signal: c.signal, onProgress: (progress) => setState({ kind: 'busy', progress }) });
        url.current = saveFile(file);
        setState({ kind: 'done', name: file.filename, size: file.blob.size, url: url.current });
        return true;
      } catch (e) {
        if (isAbort(e)) setState({ kind: 'idle' });
        else setState({ kind: 'error', message: messageOf(e) });
        return false;
      } finally {
        if (ctrl.current === c) ctrl.current = null;
      }
    },
    [],
  );

  const cancel = useCallback(() => ctrl.current?.abort(), []);
  return { state, run, cancel };
}

/** "Download Database BDT Rilis": the passphrase twice, explained, then the download with progress. */
export function ReleaseForm({ onDownloaded }: { onDownloaded: () => void }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<PassphraseErrors>({});
  const { state, run, cancel } = useDownload();
  const busy = state.kind === 'busy';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkPassphrase(passphrase, repeat, t);
    setErrors(found);
    if (found.passphrase || found.repeat) {
      document.getElementById(found.passphrase ? `${id}-pass` : `${id}-repeat`)?.focus();
      return;
    }
    const ok = await run((opts) => releasesApi.download(passphrase, opts));
    if (ok) {
      setPassphrase('');
      setRepeat('');
      setShow(false);
      onDownloaded();
    }
  };

  const describedBy = (field: keyof PassphraseErrors, hint?: string) =>
    [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form id={`${id}-form`} className="card release-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('release.download')}</h2>
      <p id={`${id}-explain`} className="alert alert-info">
        {t('release.explain')}
      </p>
      <div className="release-fields">
        <div className="field">
          <label htmlFor={`${id}-pass`}>{t('release.passphrase')}</label>
          <input
            id={`${id}-pass`}
            type={show ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            value={passphrase}
            disabled={busy}
            aria-invalid={!!errors.passphrase}
            aria-describedby={describedBy('passphrase', `${id}-pass-hint ${id}-explain`)}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <small id={`${id}-pass-hint`} className="hint">
            {t('release.passphraseHint', { min: MIN_PASSPHRASE_CODE_POINTS })}
          </small>
          {errors.passphrase && (
            <small id={`${id}-passphrase-error`} className="field-error">
              {errors.passphrase}
            </small>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-repeat`}>{t('release.repeat')}</label>
          <input
            id={`${id}-repeat`}
            type={show ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            value={repeat}
            disabled={busy}
            aria-invalid={!!errors.repeat}
            aria-describedby={describedBy('repeat')}
            onChange={(e) => setRepeat(e.target.value)}
          />
          {errors.repeat && (
            <small id={`${id}-repeat-error`} className="field-error">
              {errors.repeat}
            </small>
          )}
        </div>
      </div>
      <label className="check-inline">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} /> {t('release.show')}
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('release.start')}
        </button>
        {busy && (
          <button type="button" className="btn btn-secondary" onClick={cancel}>
            {t('release.cancel')}
          </button>
        )}
      </div>
      {state.kind === 'busy' && <DownloadProgressView progress={state.progress} waitingKey="release.preparing" />}
      {state.kind === 'error' && <ErrorBox message={state.message} />}
      {state.kind === 'done' && (
        <div className="alert alert-success" role="status">
          <p>{t('release.done', { name: state.name, size: formatFileSize(state.size, t, locale) })}</p>
          <p>
            <a href={state.url} download={state.name}>
              {t('release.saveAgain', { name: state.name })}
            </a>
          </p>
        </div>
      )}
    </form>
  );
}

/** The releases downloaded for the district: period, households, members, date, by. */
export function ReleasesTable({ items, periods }: { items: readonly ReleaseItem[]; periods: readonly Period[] }) {
  const t = useT();
  const locale = useLocale();
  const nameOf = (code: string) => periods.find((p) => p.code === code)?.name;
  if (items.length === 0) return <p className="muted">{t('release.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('release.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('release.col.period')}</th>
            <th scope="col" className="num">
              {t('release.col.households')}
            </th>
            <th scope="col" className="num">
              {t('release.col.members')}
            </th>
            <th scope="col">{t('release.col.date')}</th>
            <th scope="col">{t('release.col.by')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const name = nameOf(r.period);
            return (
              <tr key={r.id}>
                <td>
                  {name ?? r.period}
                  {name && <span className="muted"> ({r.period})</span>}
                </td>
                <td className="num">{formatNumber(r.counts.households, locale)}</td>
                <td className="num">{formatNumber(r.counts.members, locale)}</td>
                <td className="nowrap">{formatDateTime(r.created_at, locale)}</td>
                <td>{r.created_by ?? '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The approved state: the guide's messages, both download buttons, the release form and history. */
function ApprovedView({ status }: { status: MouStatus }) {
  const t = useT();
  const locale = useLocale();
  const formId = useId();
  const [formOpen, setFormOpen] = useState(false);
  const [releases, setReleases] = useState<ReleaseItem[] | null>(null);
  const [periods, setPeriods] = useState<Period[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const offline = useDownload();

  useEffect(() => {
    const ctrl = new AbortController();
    setListError(null);
    releasesApi.list(ctrl.signal).then(setReleases, (e: unknown) => !isAbort(e) && setListError(messageOf(e)));
    periodsApi.list(ctrl.signal).then(setPeriods, () => undefined); // names only; codes suffice without them
    return () => ctrl.abort();
  }, [attempt]);

  return (
    <>
      <div className="alert alert-success mou-state">
        <p className="mou-state-title">{t('mou.approved')}</p>
        <p>{t('mou.ready')}</p>
        {status.reviewedAt && <p className="mou-state-meta">{t('mou.approvedOn', { date: formatDateTime(status.reviewedAt, locale) })}</p>}
      </div>
      <div className="download-buttons">
        <button
          type="button"
          className="btn btn-primary"
          aria-expanded={formOpen}
          aria-controls={`${formId}-panel`}
          onClick={() => setFormOpen((o) => !o)}
        >
          {t('release.download')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={offline.state.kind === 'busy'}
          onClick={() => void offline.run((opts) => releasesApi.offlineApp(opts))}
        >
          {t('release.offline')}
        </button>
      </div>
      {offline.state.kind === 'busy' && (
        <div className="card">
          <DownloadProgressView progress={offline.state.progress} waitingKey="release.offlinePreparing" />
          <button type="button" className="btn btn-secondary btn-small" onClick={offline.cancel}>
            {t('release.cancel')}
          </button>
        </div>
      )}
      {offline.state.kind === 'error' && <ErrorBox message={offline.state.message} />}
      {offline.state.kind === 'done' && (
        <div className="alert alert-success" role="status">
          <p>
            {t('release.offlineDone', {
              name: offline.state.name,
              size: formatFileSize(offline.state.size, t, locale),
            })}
          </p>
          <p>
            <a href={offline.state.url} download={offline.state.name}>
              {t('release.saveAgain', { name: offline.state.name })}
            </a>
          </p>
        </div>
      )}
      <div id={`${formId}-panel`} hidden={!formOpen}>
        {formOpen && <ReleaseForm onDownloaded={() => setAttempt((a) => a + 1)} />}
      </div>
      <section className="release-history" aria-labelledby={`${formId}-history`}>
        <h2 id={`${formId}-history`}>{t('release.history')}</h2>
        {listError && <ErrorBox message={listError} onRetry={() => setAttempt((a) => a + 1)} />}
        {!releases && !listError && <Loading />}
        {releases && <ReleasesTable items={releases} periods={periods} />}
      </section>
    </>
  );
}

/** What the page shows for each MoU state (exported for rendering tests). */
export function MouStateView({ status, onUploaded }: { status: MouStatus; onUploaded: (s: MouStatus) => void }) {
  const t = useT();
  const locale = useLocale();
  switch (status.state) {
    case 'NOT_UPLOADED':
      return (
        <>
          <div className="alert alert-info mou-state">
            <p className="mou-state-title">{t('mou.notUploaded')}</p>
          </div>
          <MouUploadForm onUploaded={onUploaded} />
        </>
      );
    case 'WAITING':
      return (
        <div className="alert alert-warning mou-state">
          <p className="mou-state-title">{t('mou.waitingTitle')}</p>
          <p>{t('mou.waitingText')}</p>
          {status.submittedAt && (
            <p className="mou-state-meta">{t('mou.submittedOn', { date: formatDateTime(status.submittedAt, locale) })}</p>
          )}
        </div>
      );
    case 'RETURNED':
      return (
        <>
          <div className="alert alert-error mou-state">
            <p className="mou-state-title">{t('mou.returnedTitle')}</p>
            <p>{t('mou.returnedMessage')}</p>
            <blockquote className="mou-message">{status.message ?? ''}</blockquote>
            <p>{t('mou.returnedText')}</p>
          </div>
          <MouUploadForm onUploaded={onUploaded} />
        </>
      );
    case 'APPROVED':
      return <ApprovedView status={status} />;
  }
}

/** The /mou page (SUPERVISOR only; the API refuses others anyway). */
export function MouPage() {
  const t = useT();
  const { me } = useSession();
  useDocumentTitle(t('mou.title'));
  const [status, setStatus] = useState<MouStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const allowed = me.role === 'SUPERVISOR';
  const district = me.regions.find((r) => r.level === 'kabkota') ?? me.regions[0];

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setError(null);
    mouApi.status(ctrl.signal).then(setStatus, (e: unknown) => !isAbort(e) && setError(messageOf(e)));
    return () => ctrl.abort();
  }, [allowed, attempt]);

  if (!allowed) {
    return (
      <div>
        <h1>{t('mou.title')}</h1>
        <p className="alert alert-error">{t('mou.forbidden')}</p>
      </div>
    );
  }

  return (
    <div className="mou-page">
      <h1>{t('mou.title')}</h1>
      {district && <p className="lead">{t('mou.region', { name: district.name })}</p>}
      <p className="alert alert-ok" role="status" hidden={!flash}>
        {flash}
      </p>
      {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
      {!status && !error && <Loading />}
      {status && (
        <MouStateView
          status={status}
          onUploaded={(s) => {
            setStatus(s);
            setFlash(t('mou.uploaded'));
          }}
        />
      )}
    </div>
  );
}
