// The application: session bootstrap (GET /me), routing, and the login/logout flow.
import { lazy, Suspense, useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { ApiError, api, setUnauthorizedHandler, type Me } from './api/client.ts';
import { Layout, PublicLayout } from './components/Layout.tsx';
import { ErrorBox, Loading } from './components/Status.tsx';
import { setDisplayTimeZone } from './format.ts';
import { AllMessages, hasStoredLanguage, setLanguage, useT } from './i18n/index.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { matchPath, navigate, safeNextPath, useLocation } from './router.tsx';
import { SessionContext, type Session } from './session.ts';
import { useData } from './lib/useData.ts';

// Every page is fetched on first visit, the login page too (its captcha widget stays off the
// logged-in pages). Issue 17, lean pages: scripts/bundle-budget.ts measures what each page loads.
const LoginPage = lazy(() => import('./pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const HelpPage = lazy(() => import('./pages/HelpPage.tsx').then((m) => ({ default: m.HelpPage })));
const HomePage = lazy(() => import('./pages/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const HouseholdListPage = lazy(() => import('./pages/HouseholdListPage.tsx').then((m) => ({ default: m.HouseholdListPage })));
const DocumentsAdminPage = lazy(() => import('./pages/DocumentsAdminPage.tsx').then((m) => ({ default: m.DocumentsAdminPage })));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const TokensPage = lazy(() => import('./pages/TokensPage.tsx').then((m) => ({ default: m.TokensPage })));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const MouPage = lazy(() => import('./pages/MouPage.tsx').then((m) => ({ default: m.MouPage })));
const MouReviewPage = lazy(() => import('./pages/MouReviewPage.tsx').then((m) => ({ default: m.MouReviewPage })));
const PeriodsPage = lazy(() => import('./pages/PeriodsPage.tsx').then((m) => ({ default: m.PeriodsPage })));
const BaselinePage = lazy(() => import('./pages/BaselinePage.tsx').then((m) => ({ default: m.BaselinePage })));
// The household page carries the data dictionary: load it only when a household is opened.
const HouseholdPage = lazy(() => import('./pages/HouseholdPage.tsx'));
// Import Data and Verifikasi Usulan carry the dictionary too (error paths, labels, code meanings).
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const VerifikasiUsulanPage = lazy(() => import('./pages/VerifikasiUsulanPage.tsx'));
const ProposalPage = lazy(() => import('./pages/ProposalPage.tsx'));
// Finalisasi, Rekapitulasi, Surat Pengesahan (F8, F9) and Monitoring (C5).
const FinalisasiPage = lazy(() => import('./pages/FinalisasiPage.tsx'));
const RekapitulasiPage = lazy(() => import('./pages/RekapitulasiPage.tsx'));
const SuratPengesahanPage = lazy(() => import('./pages/SuratPengesahanPage.tsx'));
const MonitoringPage = lazy(() => import('./pages/MonitoringPage.tsx'));
// Usulan PKH (F11b).
const UsulanPkhPage = lazy(() => import('./pages/pkh/UsulanPkhPage.tsx'));
const RelocationsPage = lazy(() => import('./pages/relocations/RelocationsPage.tsx'));
// Kuota (C4): the quota screen of Ditjen PFM.
const QuotaPage = lazy(() => import('./pages/QuotaPage.tsx'));
// Batas Wilayah (F14): Pusdatin's boundary load for the map.
const BoundariesPage = lazy(() => import('./pages/BoundariesPage.tsx'));
// Verifikasi & Validasi BSP and PBI (F10, F11): lists, waiting lists, proposals and their review.
const BspPage = lazy(() => import('./pages/programs/ProgramPage.tsx').then((m) => ({ default: m.BspPage })));
const PbiPage = lazy(() => import('./pages/programs/ProgramPage.tsx').then((m) => ({ default: m.PbiPage })));
const ProgramProposalPage = lazy(() => import('./pages/programs/ProgramProposalPage.tsx'));
// Peta (F14): Leaflet and the map code stay in this chunk.
const MapPage = lazy(() => import('./pages/map/MapPage.tsx'));
// The public check of a Surat Pengesahan (QR code on the letter): no login needed.
const VerifikasiSuratPage = lazy(() => import('./pages/VerifikasiSuratPage.tsx'));

type Auth = { kind: 'loading' } | { kind: 'anonymous' } | { kind: 'error'; message: string } | { kind: 'user'; me: Me };

/** The user's saved language applies unless this browser has an explicit choice; dates show in the user's district's zone. */
function adoptLanguage(me: Me): void {
  if (!hasStoredLanguage()) setLanguage(me.language, false);
  setDisplayTimeZone(me.regions[0]?.code);
}

/** The logged-in user (its language adopted), or null when nobody is (401). */
async function currentUser(signal: AbortSignal): Promise<Me | null> {
  try {
    const me = await api.me(signal);
    adoptLanguage(me);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setDisplayTimeZone(null); // nobody is logged in: public pages show WIB, not the last user's zone
      return null;
    }
    throw e;
  }
}

function loginHref(current: string): string {
  return current === '/' ? '/login' : `/login?next=${encodeURIComponent(current)}`;
}

/** The pages behind the login, by path pattern; `p` holds the pattern's parameters. */
const ROUTES: readonly (readonly [pattern: string, render: (p: Record<string, string>) => ReactNode])[] = [
  ['/', () => <HomePage />],
  ['/data-kesos', () => <HouseholdListPage />],
  ['/data-kesos/:idbdt', (p) => <HouseholdPage key={p.idbdt} idbdt={p.idbdt ?? ''} />],
  ['/bantuan', () => <HelpPage loggedIn />],
  ['/profil', () => <ProfilePage />],
  ['/akun/password', () => <ChangePasswordPage />],
  ['/akun/token', () => <TokensPage />],
  ['/pengguna', () => <UsersPage />],
  ['/dokumen', () => <DocumentsAdminPage />],
  ['/mou', () => <MouPage />],
  // The queue and one review are one component (same position): its state survives going back.
  ['/mou-review', () => <MouReviewPage />],
  ['/mou-review/:id', (p) => <MouReviewPage id={p.id ?? ''} />],
  ['/periode', () => <PeriodsPage />],
  ['/data-awal', () => <BaselinePage />],
  ['/import', () => <ImportPage />],
  ['/import/:id', (p) => <ImportPage key={p.id} id={p.id ?? ''} />],
  ['/verifikasi-usulan', () => <VerifikasiUsulanPage />],
  ['/verifikasi-usulan/:id', (p) => <ProposalPage key={p.id} id={p.id ?? ''} />],
  ['/finalisasi', () => <FinalisasiPage />],
  ['/rekapitulasi', () => <RekapitulasiPage />],
  ['/surat-pengesahan', () => <SuratPengesahanPage />],
  ['/monitoring', () => <MonitoringPage />],
  ['/usulan-pkh', () => <UsulanPkhPage />],
  ['/pemindahan', () => <RelocationsPage />],
  ['/peta', () => <MapPage />],
  ['/kuota', () => <QuotaPage />],
  ['/batas-wilayah', () => <BoundariesPage />],
  ['/verifikasi-bsp', () => <BspPage />],
  ['/verifikasi-bsp/usulan/:id', (p) => <ProgramProposalPage key={p.id} module="BSP" id={p.id ?? ''} />],
  ['/verifikasi-pbi', () => <PbiPage />],
  ['/verifikasi-pbi/usulan/:id', (p) => <ProgramProposalPage key={p.id} module="PBI" id={p.id ?? ''} />],
];

function ProtectedRoutes({ pathname }: { pathname: string }) {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, pathname);
    // One Suspense for every page: the lazily loaded ones show "Memuat…" while their code arrives.
    if (params) return <Suspense fallback={<Loading />}>{render(params)}</Suspense>;
  }
  return <NotFoundPage />;
}

export function App() {
  const t = useT();
  const location = useLocation();
  // Who is logged in (null: nobody), asked at start and on "Coba lagi" after a failure.
  const who = useData((signal) => currentUser(signal), []);
  const setUser = who.setData;
  const auth: Auth = who.error
    ? { kind: 'error', message: who.error }
    : who.loading && who.data === null
      ? { kind: 'loading' }
      : who.data
        ? { kind: 'user', me: who.data }
        : { kind: 'anonymous' };

  // Any later 401 (session expired or ended elsewhere): back to the login page.
  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    return () => setUnauthorizedHandler(null);
  }, [setUser]);

  const verifikasi = matchPath('/verifikasi/:id', location.pathname);
  const isPublic = location.pathname === '/login' || matchPath('/bantuan', location.pathname) !== null || verifikasi !== null;

  // Logged out on a protected page: go to /login, remembering where to come back to.
  useEffect(() => {
    if (auth.kind === 'anonymous' && !isPublic) navigate(loginHref(location.href), { replace: true });
  }, [auth.kind, isPublic, location.href]);

  // Logged in on /login (e.g. Back after login): go on to the target.
  useEffect(() => {
    if (auth.kind === 'user' && location.pathname === '/login') {
      navigate(safeNextPath(new URLSearchParams(location.search).get('next')), { replace: true });
    }
  }, [auth.kind, location.pathname, location.search]);

  const onLoggedIn = useCallback(
    (me: Me) => {
      adoptLanguage(me);
      setUser(me);
    },
    [setUser],
  );

  const refreshMe = useCallback(async () => setUser(await api.me()), [setUser]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session is forgotten locally either way.
    }
    setDisplayTimeZone(null);
    setUser(null);
    navigate('/login');
  }, [setUser]);

  const session = useMemo<Session | null>(() => (auth.kind === 'user' ? { me: auth.me, logout } : null), [auth, logout]);

  // The letter check is public: the same page whether or not someone is logged in
  // (it does not wait for the session check).
  if (verifikasi) {
    return (
      <PublicLayout>
        <Suspense fallback={<Loading />}>
          <AllMessages>
            <VerifikasiSuratPage publicId={verifikasi.id ?? ''} />
          </AllMessages>
        </Suspense>
      </PublicLayout>
    );
  }
  if (auth.kind === 'loading') {
    return (
      <div className="boot">
        <Loading />
      </div>
    );
  }
  if (auth.kind === 'error') {
    return (
      <PublicLayout>
        <h1>{t('error.title')}</h1>
        <ErrorBox message={auth.message} onRetry={who.reload} />
      </PublicLayout>
    );
  }
  if (!session) {
    return (
      <PublicLayout>
        <Suspense fallback={<Loading />}>
          {matchPath('/bantuan', location.pathname) ? (
            <AllMessages>
              <HelpPage loggedIn={false} />
            </AllMessages>
          ) : (
            <LoginPage onLoggedIn={onLoggedIn} />
          )}
        </Suspense>
      </PublicLayout>
    );
  }
  if (location.pathname === '/login') return null; // redirecting to the target
  // A created or reset password must be changed first: nothing else until then (the API refuses
  // everything else with PASSWORD_CHANGE_REQUIRED). Afterwards /me is reloaded and the app goes on.
  if (session.me.mustChangePassword) {
    return (
      <SessionContext.Provider value={session}>
        <PublicLayout>
          <Suspense fallback={<Loading />}>
            <AllMessages>
              <ChangePasswordPage forced onChanged={refreshMe} />
            </AllMessages>
          </Suspense>
        </PublicLayout>
      </SessionContext.Provider>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Suspense
        fallback={
          <div className="boot">
            <Loading />
          </div>
        }
      >
        <AllMessages>
          <Layout>
            <ProtectedRoutes pathname={location.pathname} />
          </Layout>
        </AllMessages>
      </Suspense>
    </SessionContext.Provider>
  );
}
