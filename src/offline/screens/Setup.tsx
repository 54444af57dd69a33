// O1 Inisiasi awal: open a .siksdb with its passphrase (in the import worker, with progress),
// choose the kecamatan/desa of this installation and the operator, store.

import { useMemo, useState, type FormEvent } from 'react';
import { formatRegionCode } from '../../shared/dictionary/index.ts';
import { toggled } from '../../shared/sets.ts';
import { formatNumber, useLang, useT } from '../i18n.ts';
import { ForgetReleaseButton, ImportStatus, ReleaseFileForm, ReleaseSummary, useImportWorker } from '../import-client.tsx';
import type { ReleaseInfo } from '../lib/importer.ts';
import type { ReleaseMeta } from '../lib/model.ts';
import { normalizeScope } from '../lib/release.ts';

export function Setup({ onDone }: { onDone: (meta: ReleaseMeta) => void }) {
  const t = useT();
  const lang = useLang();
  const [info, setInfo] = useState<ReleaseInfo | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [openKec, setOpenKec] = useState<Set<string>>(new Set());
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const worker = useImportWorker((m) => {
    if (m.type === 'opened') setInfo(m.info);
    else if (m.type === 'stored') {
      // Where the set-up time went (ms per step), for support and the benchmark.
      console.info(`SIKS import timings ${JSON.stringify(m.timings)}`);
      worker.close();
      onDone(m.meta);
    }
  });
  const { busy, setBusy, error, setError } = worker;

  const regions = info?.regions ?? [];
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
    worker.post({ type: 'store', scope, operator: { username: username.trim(), name: name.trim() } });
  };

  return (
    <main id="main" className="setup">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      {!info ? (
        <ReleaseFileForm
          idPrefix="release"
          busy={!!busy}
          onOpen={(file, passphrase) => {
            setInfo(null);
            void worker.open(file, passphrase);
          }}
        />
      ) : (
        <form onSubmit={store} className="card">
          <ReleaseSummary info={info} />
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
            <ForgetReleaseButton
              worker={worker}
              label={t('setup.other')}
              then={() => {
                setInfo(null);
                setChosen(new Set());
              }}
            />
          </div>
        </form>
      )}
      <ImportStatus busy={busy} error={error} />
    </main>
  );
}
