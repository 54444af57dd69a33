// F5, the download part of /mou once the MoU is approved: the release database (sealed with a
// passphrase set here) and the offline application, each with progress, and the releases the
// district has downloaded.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isAbort } from '../api/client.ts';
import { releasesApi, saveFile, type DownloadedFile, type DownloadProgress, type Period, type ReleaseItem } from '../api/mou.ts';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { Can } from '../components/Can.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { fieldErrors } from '../components/FieldErrors.tsx';
import { usePeriods } from '../components/PeriodSelect.tsx';
import { ErrorBox } from '../components/Status.tsx';
import { formatDateTime, formatFileSize, formatNumber } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { errorText } from '../lib/errors.ts';
import { useData } from '../lib/useData.ts';
import { checkPassphrase, MIN_PASSPHRASE_CODE_POINTS, progressPercent, type PassphraseErrors } from '../release.ts';
import '../account.css';
import '../mou.css';

/** Bytes received so far (and of how many), with a progress bar; indeterminate while the server prepares. */
export function DownloadProgressView({ progress, waitingKey }: { progress: DownloadProgress; waitingKey: MessageKey }) {
  const t = useT();
  const locale = useLocale();
  const percent = progressPercent(progress.received, progress.total);
  const text =
    progress.phase === 'waiting'
      ? t(waitingKey)
      : percent === null
        ? t('release.receivingUnknown', { received: formatFileSize(progress.received, locale) })
        : t('release.receiving', {
            received: formatFileSize(progress.received, locale),
            total: formatFileSize(progress.total ?? 0, locale),
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

type StartDownload = (opts: { signal: AbortSignal; onProgress: (p: DownloadProgress) => void }) => Promise<DownloadedFile>;

/**
 * A download into memory with progress, then offered through an object URL (kept for "save
 * again" until the next download or the page goes).
 */
function useDownload() {
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });
  const ctrl = useRef<AbortController | null>(null);
  const url = useRef<string | null>(null);

  const drop = useCallback(() => {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = null;
  }, []);
  useEffect(
    () => () => {
      ctrl.current?.abort();
      drop();
    },
    [drop],
  );

  const run = useCallback(
    async (start: StartDownload): Promise<boolean> => {
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
        setState(isAbort(e) ? { kind: 'idle' } : { kind: 'error', message: errorText(e) });
        return false;
      } finally {
        if (ctrl.current === c) ctrl.current = null;
      }
    },
    [drop],
  );

  const cancel = useCallback(() => ctrl.current?.abort(), []);
  return { state, run, cancel };
}

/** What a download shows under its button: progress with "cancel", the error, or the saved file. */
function DownloadStatus({
  state,
  waitingKey,
  doneKey,
  onCancel,
}: {
  state: DownloadState;
  waitingKey: MessageKey;
  doneKey: MessageKey;
  /** A cancel button beside the progress (the release form has its own). */
  onCancel?: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  switch (state.kind) {
    case 'idle':
      return null;
    case 'busy':
      return onCancel ? (
        <div className="card">
          <DownloadProgressView progress={state.progress} waitingKey={waitingKey} />
          <button type="button" className="btn btn-secondary btn-small" onClick={onCancel}>
            {t('release.cancel')}
          </button>
        </div>
      ) : (
        <DownloadProgressView progress={state.progress} waitingKey={waitingKey} />
      );
    case 'error':
      return <ErrorBox message={state.message} />;
    case 'done':
      return (
        <div className="alert alert-success" role="status">
          <p>{t(doneKey, { name: state.name, size: formatFileSize(state.size, locale) })}</p>
          <p>
            <a href={state.url} download={state.name}>
              {t('release.saveAgain', { name: state.name })}
            </a>
          </p>
        </div>
      );
  }
}

/** One passphrase field, shown as text when "show" is ticked; its hint and error as children. */
function PassphraseInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  show: boolean;
  disabled: boolean;
  invalid: boolean;
  describedBy: string | undefined;
  children?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.show ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.children}
    </div>
  );
}

/** "Download Database BDT Rilis": the passphrase twice, explained, then the download with progress. */
export function ReleaseForm({ onDownloaded }: { onDownloaded: () => void }) {
  const t = useT();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<PassphraseErrors>({});
  const { state, run, cancel } = useDownload();
  const busy = state.kind === 'busy';
  const fe = fieldErrors(id, errors);
  const field = (name: keyof PassphraseErrors, value: string, onChange: (v: string) => void) => ({
    value,
    onChange,
    show,
    disabled: busy,
    invalid: !!errors[name],
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkPassphrase(passphrase, repeat, t);
    setErrors(found);
    if (found.passphrase || found.repeat) {
      document.getElementById(found.passphrase ? `${id}-pass` : `${id}-repeat`)?.focus();
      return;
    }
    if (await run((opts) => releasesApi.download(passphrase, opts))) {
      setPassphrase('');
      setRepeat('');
      setShow(false);
      onDownloaded();
    }
  };

  return (
    <form id={`${id}-form`} className="card release-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('release.download')}</h2>
      <p id={`${id}-explain`} className="alert alert-info">
        {t('release.explain')}
      </p>
      <div className="release-fields">
        <PassphraseInput
          id={`${id}-pass`}
          label={t('release.passphrase')}
          {...field('passphrase', passphrase, setPassphrase)}
          describedBy={fe.describedBy('passphrase', `${id}-pass-hint ${id}-explain`)}
        >
          <small id={`${id}-pass-hint`} className="hint">
            {t('release.passphraseHint', { min: MIN_PASSPHRASE_CODE_POINTS })}
          </small>
          {fe.error('passphrase')}
        </PassphraseInput>
        <PassphraseInput
          id={`${id}-repeat`}
          label={t('release.repeat')}
          {...field('repeat', repeat, setRepeat)}
          describedBy={fe.describedBy('repeat')}
        >
          {fe.error('repeat')}
        </PassphraseInput>
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
      <DownloadStatus state={state} waitingKey="release.preparing" doneKey="release.done" />
    </form>
  );
}

/** The releases downloaded for the district: period, households, members, date, by. */
export function ReleasesTable({ items, periods }: { items: readonly ReleaseItem[] | null; periods: readonly Period[] }) {
  const t = useT();
  const locale = useLocale();
  const nameOf = (code: string) => periods.find((p) => p.code === code)?.name;
  const columns: Column<ReleaseItem>[] = [
    {
      key: 'period',
      header: t('release.col.period'),
      cell: (r) => {
        const name = nameOf(r.period);
        return (
          <>
            {name ?? r.period}
            {name && <span className="muted"> ({r.period})</span>}
          </>
        );
      },
    },
    { key: 'households', header: t('release.col.households'), num: true, cell: (r) => formatNumber(r.counts.households, locale) },
    { key: 'members', header: t('release.col.members'), num: true, cell: (r) => formatNumber(r.counts.members, locale) },
    { key: 'date', header: t('release.col.date'), className: 'nowrap', cell: (r) => formatDateTime(r.created_at, locale) },
    { key: 'by', header: t('release.col.by'), cell: (r) => r.created_by ?? '–' },
  ];
  return (
    <DataTable
      idPrefix="release-history"
      caption={<span className="visually-hidden">{t('release.history')}</span>}
      columns={columns}
      rows={items}
      rowKey={(r) => r.id}
      empty={<span className="muted">{t('release.empty')}</span>}
      scrollable={false}
    />
  );
}

/** The approved state's downloads: both buttons, the release form and the release history. */
export function ReleaseDownloads() {
  const t = useT();
  const formId = useId();
  const [formOpen, setFormOpen] = useState(false);
  const releases = useData((signal) => releasesApi.list(signal), []);
  const periods = usePeriods(); // names only; codes suffice without them
  const offline = useDownload();

  return (
    <>
      <div className="download-buttons">
        <Can verb="release:download">
          <button
            type="button"
            className="btn btn-primary"
            aria-expanded={formOpen}
            aria-controls={`${formId}-panel`}
            onClick={() => setFormOpen((o) => !o)}
          >
            {t('release.download')}
          </button>
        </Can>
        <button
          type="button"
          className="btn btn-primary"
          disabled={offline.state.kind === 'busy'}
          onClick={() => void offline.run((opts) => releasesApi.offlineApp(opts))}
        >
          {t('release.offline')}
        </button>
      </div>
      <DownloadStatus state={offline.state} waitingKey="release.offlinePreparing" doneKey="release.offlineDone" onCancel={offline.cancel} />
      <div id={`${formId}-panel`} hidden={!formOpen}>
        {formOpen && <ReleaseForm onDownloaded={releases.reload} />}
      </div>
      <section className="release-history" aria-labelledby={`${formId}-history`}>
        <h2 id={`${formId}-history`}>{t('release.history')}</h2>
        {releases.data && releases.data.length > 0 && <ExportButtons download={(format) => exportsApi.releases(format)} />}
        {releases.error ? (
          <ErrorBox message={releases.error} onRetry={releases.reload} />
        ) : (
          <ReleasesTable items={releases.data} periods={periods} />
        )}
      </section>
    </>
  );
}
