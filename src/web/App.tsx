// The application: session bootstrap (GET /me), routing, and the login/logout flow.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setUnauthorizedHandler, type Me } from './api/client.ts';
import { Layout, PublicLayout } from './components/Layout.tsx';
import { ErrorBox, Loading } from './components/Status.tsx';
import { hasStoredLanguage, setLanguage, translate, useT } from './i18n/index.ts';
import { HelpPage } from './pages/HelpPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { HouseholdListPage } from './pages/HouseholdListPage.tsx';
import { DocumentsAdminPage } from './pages/DocumentsAdminPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { TokensPage } from './pages/TokensPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { MouPage } from './pages/MouPage.tsx';
import { MouReviewPage } from './pages/MouReviewPage.tsx';
import { PeriodsPage } from './pages/PeriodsPage.tsx';
import { matchPath, navigate, safeNextPath, useLocation } from './router.tsx';
import { SessionContext, type Session } from './session.ts';

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
// The public check of a Surat Pengesahan (QR code on the letter): no login needed.
const VerifikasiSuratPage = lazy(() => import('./pages/VerifikasiSuratPage.tsx'));

type Auth = { kind: 'loading' } | { kind: 'anonymous' } | { kind: 'error'; message: string } | { kind: 'user'; me: Me };

/** The user's saved language applies unless this browser has an explicit choice. */
function adoptLanguage(me: Me): void {
  if (!hasStoredLanguage()) setLanguage(me.language, false);
}

function loginHref(current: string): string {
  return current === '/' ? '/login' : `/login?next=${encodeURIComponent(current)}`;
}

function ProtectedRoutes({ pathname }: { pathname: string }) {
  if (pathname === '/') return <HomePage />;
  if (matchPath('/data-kesos', pathname)) return <HouseholdListPage />;
  const household = matchPath('/data-kesos/:idbdt', pathname);
  if (household) {
    return (
      <Suspense fallback={<Loading />}>
        <HouseholdPage key={household.idbdt} idbdt={household.idbdt ?? ''} />
      </Suspense>
    );
  }
  if (matchPath('/bantuan', pathname)) return <HelpPage loggedIn />;
  if (matchPath('/profil', pathname)) return <ProfilePage />;
  if (matchPath('/akun/password', pathname)) return <ChangePasswordPage />;
  if (matchPath('/akun/token', pathname)) return <TokensPage />;
  if (matchPath('/pengguna', pathname)) return <UsersPage />;
  if (matchPath('/dokumen', pathname)) return <DocumentsAdminPage />;
  if (matchPath('/mou', pathname)) return <MouPage />;
  // The queue and one review are one component (same position): its state survives going back.
  if (matchPath('/mou-review', pathname)) return <MouReviewPage />;
  const mouReview = matchPath('/mou-review/:id', pathname);
  if (mouReview) return <MouReviewPage id={mouReview.id ?? ''} />;
  if (matchPath('/periode', pathname)) return <PeriodsPage />;
  if (matchPath('/import', pathname))
    return (
      <Suspense fallback={<Loading />}>
        <ImportPage />
      </Suspense>
    );
  const importDetail = matchPath('/import/:id', pathname);
  if (importDetail)
    return (
      <Suspense fallback={<Loading />}>
        <ImportPage key={importDetail.id} id={importDetail.id ?? ''} />
      </Suspense>
    );
  if (matchPath('/verifikasi-usulan', pathname))
    return (
      <Suspense fallback={<Loading />}>
        <VerifikasiUsulanPage />
      </Suspense>
    );
  const proposal = matchPath('/verifikasi-usulan/:id', pathname);
  if (proposal)
    return (
      <Suspense fallback={<Loading />}>
        <ProposalPage key={proposal.id} id={proposal.id ?? ''} />
      </Suspense>
    );
  if (matchPath('/finalisasi', pathname))
    return (
      <Suspense fallback={<Loading />}>
        <FinalisasiPage />
      </Suspense>
    );
  if (matchPath('/rekapitulasi', pathname))
    return (
      <Suspense fallback={<Loading />}>
        <RekapitulasiPage />
      </Suspense>
    );
  if (matchPath('/surat-pengesahan', pathname))
    return (
      <Suspense fallback={<Loading />}>
        <SuratPengesahanPage />
      </Suspense>
    );
  if (matchPath('/monitoring', pathname))
    return (
      <Suspense fallback={<Loading />}>
        <MonitoringPage />
      </Suspense>
    );
  return <NotFoundPage />;
}

export function App() {
  const t = useT();
  const location = useLocation();
  const [auth, setAuth] = useState<Auth>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    api.me(ctrl.signal).then(
      (me) => {
        adoptLanguage(me);
        setAuth({ kind: 'user', me });
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setAuth({ kind: 'anonymous' });
        else if (!(e instanceof DOMException && e.name === 'AbortError')) {
          setAuth({ kind: 'error', message: e instanceof ApiError ? e.message : translate('error.generic') });
        }
      },
    );
    return () => ctrl.abort();
  }, [attempt]);

  // Any later 401 (session expired or ended elsewhere): back to the login page.
  useEffect(() => {
    setUnauthorizedHandler(() => setAuth({ kind: 'anonymous' }));
    return () => setUnauthorizedHandler(null);
  }, []);

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

  const onLoggedIn = useCallback((me: Me) => {
    adoptLanguage(me);
    setAuth({ kind: 'user', me });
  }, []);

  const refreshMe = useCallback(async () => {
    const me = await api.me();
    setAuth({ kind: 'user', me });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session is forgotten locally either way.
    }
    setAuth({ kind: 'anonymous' });
    navigate('/login');
  }, []);

  const session = useMemo<Session | null>(() => (auth.kind === 'user' ? { me: auth.me, logout } : null), [auth, logout]);

  // The letter check is public: the same page whether or not someone is logged in
  // (it does not wait for the session check).
  if (verifikasi) {
    return (
      <PublicLayout>
        <Suspense fallback={<Loading />}>
          <VerifikasiSuratPage publicId={verifikasi.id ?? ''} />
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
        <ErrorBox message={auth.message} onRetry={() => setAttempt((a) => a + 1)} />
      </PublicLayout>
    );
  }
  if (!session) {
    return (
      <PublicLayout>
        {matchPath('/bantuan', location.pathname) ? <HelpPage loggedIn={false} /> : <LoginPage onLoggedIn={onLoggedIn} />}
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
          <ChangePasswordPage forced onChanged={refreshMe} />
        </PublicLayout>
      </SessionContext.Provider>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Layout>
        <ProtectedRoutes pathname={location.pathname} />
      </Layout>
    </SessionContext.Provider>
  );
}
