// The offline operator application: set-up when nothing is installed, else the working screens.

import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { formatPeriod, LangContext, storeLang, storedLang, translate, type Key, type Lang } from './i18n.ts';
import { openDatabase } from './lib/db.ts';
import { pendingProposals } from './lib/exporter.ts';
import { describeError } from './lib/importer.ts';
import { type Installation, loadInstallation } from './lib/store.ts';
import { Households } from './screens/Households.tsx';
import { AppContext, navigate, useRoute, type AppState } from './state.tsx';
import { UpdateBanner } from './sw-register.tsx';

// The first screen (the household list) is in the entry; every other screen, with the editor,
// the dictionary and the import worker, is fetched when opened (issue 17, lean pages: first load
// ≤ 150 KB compressed; scripts/bundle-budget.ts). The service worker caches every chunk at
// install, so they open offline too.
const ExportPage = lazy(() => import('./screens/Export.tsx').then((m) => ({ default: m.ExportPage })));
const FeedbackPage = lazy(() => import('./screens/Feedback.tsx').then((m) => ({ default: m.FeedbackPage })));
const HouseholdPage = lazy(() => import('./screens/Household.tsx').then((m) => ({ default: m.HouseholdPage })));
const NewReleasePage = lazy(() => import('./screens/NewRelease.tsx').then((m) => ({ default: m.NewReleasePage })));
const PrintHousehold = lazy(() => import('./screens/Print.tsx').then((m) => ({ default: m.PrintHousehold })));
const PrintProposals = lazy(() => import('./screens/Print.tsx').then((m) => ({ default: m.PrintProposals })));
const ProgrammePage = lazy(() => import('./screens/Programme.tsx').then((m) => ({ default: m.ProgrammePage })));
const SettingsPage = lazy(() => import('./screens/Settings.tsx').then((m) => ({ default: m.SettingsPage })));
const Setup = lazy(() => import('./screens/Setup.tsx').then((m) => ({ default: m.Setup })));
const UsulanList = lazy(() => import('./screens/Usulan.tsx').then((m) => ({ default: m.UsulanList })));
const UsulanPage = lazy(() => import('./screens/Usulan.tsx').then((m) => ({ default: m.UsulanPage })));

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup'; db: IDBDatabase }
  | { kind: 'ready'; db: IDBDatabase; inst: Installation };

export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const t = useCallback((key: Key, params?: Record<string, string | number>) => translate(lang, key, params), [lang]);

  const load = useCallback(
    async (db?: IDBDatabase) => {
      try {
        const d = db ?? (await openDatabase());
        const inst = await loadInstallation(d);
        setPhase(inst ? { kind: 'ready', db: d, inst } : { kind: 'setup', db: d });
      } catch (err) {
        setPhase({ kind: 'failed', message: describeError(err).messages[lang] });
      }
    },
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on start; later loads are explicit
  useEffect(() => {
    if (!globalThis.indexedDB) return setPhase({ kind: 'failed', message: t('app.noStorage') });
    if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) return setPhase({ kind: 'failed', message: t('app.insecure') });
    void load();
  }, []);

  const setLang = (l: Lang) => {
    storeLang(l);
    setLangState(l);
  };

  let body;
  if (phase.kind === 'loading')
    body = (
      <main id="main">
        <p>{t('app.loading')}</p>
      </main>
    );
  else if (phase.kind === 'failed')
    body = (
      <main id="main">
        <p className="alert" role="alert">
          {phase.message}
        </p>
      </main>
    );
  else if (phase.kind === 'setup') {
    body = (
      <Setup
        onDone={() => {
          // Ask the browser not to evict the data under storage pressure (best effort).
          void navigator.storage?.persist?.().catch(() => false);
          navigate('/', true);
          void load(phase.db);
        }}
      />
    );
  } else {
    body = (
      <Ready
        state={{
          db: phase.db,
          inst: phase.inst,
          setInst: (inst) => setPhase({ kind: 'ready', db: phase.db, inst }),
          lang,
          setLang,
          reset: () => {
            navigate('/', true);
            setPhase({ kind: 'setup', db: phase.db });
          },
        }}
      />
    );
  }
  return (
    <LangContext.Provider value={lang}>
      <UpdateBanner />
      {phase.kind !== 'ready' ? (
        <header className="topbar">
          <span className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-sub">{t('app.sub')}</span>
          </span>
          <button type="button" className="lang" onClick={() => setLang(lang === 'id' ? 'en' : 'id')}>
            {t('lang.switch')}
          </button>
        </header>
      ) : null}
      <Suspense fallback={<p>{t('app.loading')}</p>}>{body}</Suspense>
    </LangContext.Provider>
  );
}

const NAV: { to: string; key: Key; match: (r: string[]) => boolean }[] = [
  { to: '/', key: 'nav.households', match: (r) => r.length === 0 || r[0] === 'rt' || r[0] === 'program' },
  { to: '/usulan-baru', key: 'nav.usulan', match: (r) => r[0] === 'usulan-baru' },
  { to: '/ekspor', key: 'nav.export', match: (r) => r[0] === 'ekspor' },
  { to: '/umpan-balik', key: 'nav.feedback', match: (r) => r[0] === 'umpan-balik' },
  { to: '/pengaturan', key: 'nav.settings', match: (r) => r[0] === 'pengaturan' || r[0] === 'rilis-baru' },
];

function Ready({ state }: { state: AppState }) {
  const route = useRoute();
  const { inst, lang } = state;
  const t = (key: Key, params?: Record<string, string | number>) => translate(lang, key, params);
  const pending = useMemo(() => pendingProposals(inst.proposals).length, [inst.proposals]);
  const kab = inst.regions.find((r) => r.level === 'kabkota');
  const [a, b] = route;
  let page;
  if (!a) page = <Households />;
  else if (a === 'rt' && b) page = <HouseholdPage idbdt={b} />;
  else if (a === 'program' && b && route[2] && route[3])
    page = <ProgrammePage key={route.join('/')} idbdt={b} module={route[2]} target={route[3]} />;
  else if (a === 'usulan-baru' && b) page = <UsulanPage subject={b} />;
  else if (a === 'usulan-baru') page = <UsulanList />;
  else if (a === 'ekspor') page = <ExportPage />;
  else if (a === 'umpan-balik') page = <FeedbackPage />;
  else if (a === 'pengaturan') page = <SettingsPage />;
  else if (a === 'rilis-baru') page = <NewReleasePage />;
  else if (a === 'cetak' && b === 'rt' && route[2]) page = <PrintHousehold idbdt={route[2]} />;
  else if (a === 'cetak' && b === 'usulan') page = <PrintProposals />;
  else page = <Households />;
  const printing = a === 'cetak';
  return (
    <AppContext.Provider value={state}>
      <div className={printing ? 'app printing' : 'app'}>
        <header className="topbar no-print">
          <span className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-sub">
              {kab?.name ?? inst.meta.kabKota} · {t('header.period', { period: formatPeriod(inst.meta.period, lang) })}
            </span>
          </span>
          <span className="operator">{t('header.operator', { name: inst.meta.operator.name })}</span>
          <button type="button" className="lang" onClick={() => state.setLang(lang === 'id' ? 'en' : 'id')}>
            {t('lang.switch')}
          </button>
        </header>
        <nav className="tabs no-print" aria-label={t('nav.label')}>
          {NAV.map((n) => (
            <a key={n.to} href={`#${n.to}`} aria-current={n.match(route) ? 'page' : undefined}>
              {t(n.key)}
              {n.to === '/ekspor' && pending > 0 ? <span className="badge">{pending}</span> : null}
            </a>
          ))}
        </nav>
        <Suspense fallback={<p>{t('app.loading')}</p>}>{page}</Suspense>
      </div>
    </AppContext.Provider>
  );
}
