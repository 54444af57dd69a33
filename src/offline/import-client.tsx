// The page's side of the import worker (import.worker.ts), shared by the first set-up (Setup) and a
// newer release over the installed one (NewRelease): the worker with its progress and errors, the
// release file form, and the progress bar.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ProgressBar } from './components.tsx';
import { type Key, formatDateTime, formatNumber, formatPeriod, useLang, useT } from './i18n.ts';
import type { FromWorker, ToWorker } from './import.worker.ts';
import type { ImportPhase, ReleaseInfo } from './lib/importer.ts';

const PHASE_KEY: Record<ImportPhase, Key> = {
  kdf: 'setup.kdf',
  decrypt: 'setup.decrypt',
  households: 'setup.households',
  index: 'setup.index',
};

export type Busy = { phase: ImportPhase; fraction: number };
/** What the worker answers besides progress and errors (which the hook handles). */
export type WorkerAnswer = Exclude<FromWorker, { type: 'progress' | 'error' }>;

/** The import worker, started on the first message; `handle` gets its answers. */
export function useImportWorker(handle: (m: WorkerAnswer) => void) {
  const lang = useLang();
  const worker = useRef<Worker | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);

  const post = (msg: ToWorker, transfer: Transferable[] = []) => {
    worker.current ??= new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    const w = worker.current;
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') return setBusy({ phase: m.phase, fraction: m.fraction });
      setBusy(null);
      if (m.type === 'error') return setError(m.messages[lang]);
      handle(m);
    };
    w.onerror = (e) => {
      setBusy(null);
      setError(e.message || 'Worker error');
    };
    w.postMessage(msg, transfer);
  };
  /** Ends the worker (after a release is stored: its memory goes with it). */
  const close = () => {
    worker.current?.terminate();
    worker.current = null;
  };
  /** Opens a release file with its passphrase (the answer is `opened` or an error). */
  const open = async (file: File, passphrase: string) => {
    setError(null);
    setBusy({ phase: 'kdf', fraction: 0 });
    const buf = await file.arrayBuffer();
    post({ type: 'open', file: buf, passphrase }, [buf]);
  };
  return { post, close, open, busy, setBusy, error, setError };
}

/** The button that drops the release opened in the worker (nothing was stored), then `then()`. */
export function ForgetReleaseButton(props: { worker: ReturnType<typeof useImportWorker>; label: string; then: () => void }) {
  const { worker } = props;
  return (
    <button
      type="button"
      className="btn btn-secondary"
      disabled={!!worker.busy}
      onClick={() => {
        worker.post({ type: 'forget' });
        props.then();
      }}
    >
      {props.label}
    </button>
  );
}

/** The release file (.siksdb) and its passphrase; `onOpen` when both are given. */
export function ReleaseFileForm({
  busy,
  onOpen,
  idPrefix,
}: {
  busy: boolean;
  onOpen: (file: File, passphrase: string) => void;
  idPrefix: string;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [show, setShow] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    onOpen(file, passphrase);
    setPassphrase('');
  };
  return (
    <form onSubmit={submit} className="card">
      <div className="field">
        <label htmlFor={`${idPrefix}-file`}>{t('setup.file')}</label>
        <input
          id={`${idPrefix}-file`}
          type="file"
          accept=".siksdb"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          disabled={busy}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-pass`}>{t('setup.passphrase')}</label>
        <input
          id={`${idPrefix}-pass`}
          type={show ? 'text' : 'password'}
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          disabled={busy}
        />
        <label className="inline">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} /> {t('setup.showPassphrase')}
        </label>
      </div>
      <button type="submit" className="btn" disabled={!file || !passphrase || busy}>
        {t('setup.open')}
      </button>
    </form>
  );
}

/** The import's progress and its error, under the form. */
export function ImportStatus({ busy, error }: { busy: Busy | null; error: string | null }) {
  const t = useT();
  return (
    <>
      {busy ? (
        <ProgressBar
          label={t(PHASE_KEY[busy.phase], { pct: `${Math.round(busy.fraction * 100)}%` })}
          fraction={busy.phase === 'decrypt' || busy.phase === 'index' ? undefined : busy.fraction}
        />
      ) : null}
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** What an opened release is: district, period, when it was made, how many rows. */
export function ReleaseSummary({ info }: { info: ReleaseInfo }) {
  const t = useT();
  const lang = useLang();
  const kab = info.regions.find((r) => r.level === 'kabkota');
  return (
    <p className="release-info">
      {t('setup.release', {
        kab: kab ? `${kab.name} (${info.kabKota})` : info.kabKota,
        period: formatPeriod(info.period, lang),
        date: formatDateTime(info.createdAt, lang),
        households: formatNumber(info.counts.households, lang),
        members: formatNumber(info.counts.members, lang),
      })}
    </p>
  );
}
