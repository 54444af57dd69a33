// O1 Inisiasi awal: open a .siksdb with its passphrase (in the import worker, with progress),
// choose the kecamatan/desa of this installation and the operator, store.

import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { formatRegionCode } from '../../shared/dictionary/index.ts';
import { toggled } from '../../shared/sets.ts';
import { ProgressBar } from '../components.tsx';
import { formatDateTime, formatNumber, formatPeriod, useLang, useT, type Key } from '../i18n.ts';
import type { FromWorker, ToWorker } from '../import.worker.ts';
import type { ImportPhase, ReleaseInfo } from '../lib/importer.ts';
import type { ReleaseMeta } from '../lib/model.ts';
import { normalizeScope } from '../lib/release.ts';

const PHASE_KEY: Record<ImportPhase, Key> = {
  kdf: 'setup.kdf',
  decrypt: 'setup.decrypt',
  households: 'setup.households',
  index: 'setup.index',
};

export function Setup({ onDone }: { onDone: (meta: ReleaseMeta) => void }) {
  const t = useT();
  const lang = useLang();
  const worker = useRef<Worker | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState<{ phase: ImportPhase; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<ReleaseInfo | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [openKec, setOpenKec] = useState<Set<string>>(new Set());
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');

  useEffect(() => () => worker.current?.terminate(), []);

  const call = (msg: ToWorker, transfer: Transferable[] = []) => {
    if (!worker.current) {
      worker.current = new Worker(new URL('../import.worker.ts', import.meta.url), { type: 'module' });
    }
    const w = worker.current;
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') setBusy({ phase: m.phase, fraction: m.fraction });
      else if (m.type === 'opened') {
        setBusy(null);
        setInfo(m.info);
        setPassphrase('');
      } else if (m.type === 'stored') {
        // Where the set-up time went (ms per step), for support and the benchmark.
        console.info(`SIKS import timings ${JSON.stringify(m.timings)}`);
        setBusy(null);
        w.terminate();
        worker.current = null;
        onDone(m.meta);
      } else if (m.type === 'error') {
        setBusy(null);
        setError(m.messages[lang]);
      }
    };
    w.onerror = (e) => {
      setBusy(null);
      setError(e.message || 'Worker error');
    };
    w.postMessage(msg, transfer);
  };

  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setInfo(null);
    setBusy({ phase: 'kdf', fraction: 0 });
    const buf = await file.arrayBuffer();
    call({ type: 'open', file: buf, passphrase }, [buf]);
  };

  const regions = info?.regions ?? [];
  const kab = regions.find((r) => r.level === 'kabkota');
  const kecamatan = regions.filter((r) => r.level === 'kecamatan');
  const desaOf = (kec: string) => regions.filter((r) => r.level === 'desa' && r.parent === kec);
  const count = (code: string) => Object.entries(info?.perDesa ?? {}).reduce((s, [d, n]) => (d.startsWith(code) ? s + n : s), 0);
  const scope = useMemo(() => (info ? normalizeScope([...chosen], info.kabKota) : []), [chosen, info]);
  const inChosen = scope.reduce((s, c) => s + count(c), 0);

  const toggle = (code: string) => setChosen(toggled(chosen, code));

  const store = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (scope.length === 0) return setError(t('setup.chooseScope'));
    if (!username.trim() || !name.trim()) return setError(t('setup.needOperator'));
    setBusy({ phase: 'households', fraction: 0 });
    call({ type: 'store', scope, operator: { username: username.trim(), name: name.trim() } });
  };

  const pct = (f: number) => `${Math.round(f * 100)}%`;
  return (
    <main id="main" className="setup">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      {!info ? (
        <form onSubmit={(e) => void open(e)} className="card">
          <div className="field">
            <label htmlFor="release-file">{t('setup.file')}</label>
            <input
              id="release-file"
              type="file"
              accept=".siksdb"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              disabled={!!busy}
            />
          </div>
          <div className="field">
            <label htmlFor="release-pass">{t('setup.passphrase')}</label>
            <input
              id="release-pass"
              type={show ? 'text' : 'password'}
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              disabled={!!busy}
            />
            <label className="inline">
              <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} /> {t('setup.showPassphrase')}
            </label>
          </div>
          <button type="submit" className="btn" disabled={!file || !passphrase || !!busy}>
            {t('setup.open')}
          </button>
        </form>
      ) : (
        <form onSubmit={store} className="card">
          <p className="release-info">
            {t('setup.release', {
              kab: kab ? `${kab.name} (${info.kabKota})` : info.kabKota,
              period: formatPeriod(info.period, lang),
              date: formatDateTime(info.createdAt, lang),
              households: formatNumber(info.counts.households, lang),
              members: formatNumber(info.counts.members, lang),
            })}
          </p>
          <fieldset>
            <legend>{t('setup.scope')}</legend>
            <p className="hint">{t('setup.scopeHelp')}</p>
            <ul className="scope-list">
              {kecamatan.map((k) => {
                const desa = desaOf(k.code);
                return (
                  <li key={k.code}>
                    <label className="inline">
                      <input type="checkbox" checked={chosen.has(k.code)} onChange={() => toggle(k.code)} disabled={!!busy} />
                      Kecamatan {k.name} ({formatRegionCode(k.code)}) ·{' '}
                      {t('setup.households.count', { n: formatNumber(count(k.code), lang) })}
                    </label>
                    {desa.length > 0 ? (
                      <details
                        open={openKec.has(k.code)}
                        onToggle={(e) => {
                          const next = new Set(openKec);
                          if ((e.target as HTMLDetailsElement).open) next.add(k.code);
                          else next.delete(k.code);
                          setOpenKec(next);
                        }}
                      >
                        <summary>{t('setup.showDesa')}</summary>
                        <ul>
                          {desa.map((d) => (
                            <li key={d.code}>
                              <label className="inline">
                                <input
                                  type="checkbox"
                                  checked={chosen.has(d.code) || chosen.has(k.code)}
                                  disabled={chosen.has(k.code) || !!busy}
                                  onChange={() => toggle(d.code)}
                                />
                                {d.name} ({formatRegionCode(d.code)}) ·{' '}
                                {t('setup.households.count', { n: formatNumber(count(d.code), lang) })}
                              </label>
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <p>{t('setup.selected', { n: formatNumber(inChosen, lang) })}</p>
          </fieldset>
          <fieldset>
            <legend>{t('setup.operator')}</legend>
            <p className="hint">{t('setup.operatorHelp')}</p>
            <div className="field">
              <label htmlFor="op-username">{t('setup.username')}</label>
              <input id="op-username" value={username} onChange={(e) => setUsername(e.target.value)} maxLength={60} disabled={!!busy} />
            </div>
            <div className="field">
              <label htmlFor="op-name">{t('setup.name')}</label>
              <input id="op-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} disabled={!!busy} />
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="btn" disabled={!!busy}>
              {t('setup.store')}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={!!busy}
              onClick={() => {
                worker.current?.postMessage({ type: 'forget' } satisfies ToWorker);
                setInfo(null);
                setChosen(new Set());
              }}
            >
              {t('setup.other')}
            </button>
          </div>
        </form>
      )}
      {busy ? (
        <ProgressBar
          label={t(PHASE_KEY[busy.phase], { pct: pct(busy.fraction) })}
          fraction={busy.phase === 'decrypt' || busy.phase === 'index' ? undefined : busy.fraction}
        />
      ) : null}
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}
