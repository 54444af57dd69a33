// Pengaturan: operator, language, what this installation holds, storage, and deleting it.

import { useEffect, useState, type FormEvent } from 'react';
import { useLang, useT, formatDateTime, formatNumber, formatPeriod } from '../i18n.ts';
import { clearAll } from '../lib/db.ts';
import { pendingProposals } from '../lib/exporter.ts';
import { scopeLabel } from '../lib/release.ts';
import { saveMeta } from '../lib/store.ts';
import { useApp } from '../state.tsx';

function bytes(n: number, lang: 'id' | 'en'): string {
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 1024), lang)} KB`;
  if (n < 1024 ** 3) return `${formatNumber(Math.round(n / 1024 / 1024), lang)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

export function SettingsPage() {
  const t = useT();
  const lang = useLang();
  const { db, inst, setInst, setLang, reset } = useApp();
  const [username, setUsername] = useState(inst.meta.operator.username);
  const [name, setName] = useState(inst.meta.operator.name);
  const [saved, setSaved] = useState(false);
  const [storage, setStorage] = useState<{ used: number; quota: number; persisted: boolean } | null>(null);
  const [confirm, setConfirm] = useState('');
  const pending = pendingProposals(inst.proposals).length;

  useEffect(() => {
    void (async () => {
      const est = await navigator.storage?.estimate?.();
      const persisted = (await navigator.storage?.persisted?.()) ?? false;
      if (est) setStorage({ used: est.usage ?? 0, quota: est.quota ?? 0, persisted });
    })();
  }, []);

  const saveOperator = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !name.trim()) return;
    const meta = { ...inst.meta, operator: { username: username.trim(), name: name.trim() } };
    await saveMeta(db, meta);
    setInst({ ...inst, meta });
    setSaved(true);
  };

  const wipe = async () => {
    if (confirm !== 'HAPUS') return;
    await clearAll(db);
    reset();
  };

  const m = inst.meta;
  const kab = inst.regions.find((r) => r.level === 'kabkota');
  return (
    <main id="main">
      <h1>{t('set.title')}</h1>
      <form className="card" onSubmit={(e) => void saveOperator(e)}>
        <h2>{t('set.operator')}</h2>
        <div className="field">
          <label htmlFor="set-username">{t('setup.username')}</label>
          <input id="set-username" value={username} maxLength={60} onChange={(e) => (setUsername(e.target.value), setSaved(false))} />
        </div>
        <div className="field">
          <label htmlFor="set-name">{t('setup.name')}</label>
          <input id="set-name" value={name} maxLength={100} onChange={(e) => (setName(e.target.value), setSaved(false))} />
        </div>
        <button type="submit" className="btn">
          {t('set.saveOperator')}
        </button>
        {saved ? <span className="ok"> {t('common.saved')}</span> : null}
      </form>
      <section className="card">
        <h2>{t('set.language')}</h2>
        <div className="actions">
          <button type="button" className="btn btn-secondary" aria-pressed={lang === 'id'} onClick={() => setLang('id')}>
            Bahasa Indonesia
          </button>
          <button type="button" className="btn btn-secondary" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
            English
          </button>
        </div>
      </section>
      <section className="card">
        <h2>{t('set.installation')}</h2>
        <dl className="facts">
          <dt>{t('set.release')}</dt>
          <dd>
            {kab?.name ?? m.kabKota} · {formatPeriod(m.period, lang)} · {formatDateTime(m.createdAt, lang)} · <code>{m.releaseId}</code>
          </dd>
          <dt>{t('set.scope')}</dt>
          <dd>
            {scopeLabel(m.scope, inst.regions)} ({m.scope.join(', ')})
          </dd>
          <dt>BDT</dt>
          <dd>{t('set.counts', { households: formatNumber(m.households, lang), members: formatNumber(m.members, lang) })}</dd>
          <dt>{t('pg.title')}</dt>
          <dd>
            {inst.programmes
              ? t('set.programmes', {
                  kpm: formatNumber(inst.programmes.counts.kpm, lang),
                  pbi: formatNumber(inst.programmes.counts.pbi, lang),
                })
              : t('pg.unavailable')}
          </dd>
          {storage ? (
            <>
              <dt>IndexedDB</dt>
              <dd>
                {t('set.storage', { used: bytes(storage.used, lang), quota: bytes(storage.quota, lang) })}.{' '}
                {storage.persisted ? t('set.persisted') : t('set.notPersisted')}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card">
        <h2>{t('set.newRelease')}</h2>
        <p>{t('set.newReleaseHelp')}</p>
        <a className="btn" href="#/rilis-baru">
          {t('nr.title')}
        </a>
      </section>
      <section className="card danger">
        <h2>{t('set.reset')}</h2>
        <p>{t('set.resetHelp')}</p>
        {pending > 0 ? <p className="alert">{t('set.resetPending', { n: pending })}</p> : null}
        <div className="field">
          <label htmlFor="set-confirm">{t('set.resetConfirm')}</label>
          <input id="set-confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
        </div>
        <button type="button" className="btn btn-danger" disabled={confirm !== 'HAPUS'} onClick={() => void wipe()}>
          {t('set.reset')}
        </button>
      </section>
    </main>
  );
}
