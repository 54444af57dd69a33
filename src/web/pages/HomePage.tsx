// F3 Beranda: region, role and the number of BDT households of the user's scope.
import { useEffect, useState } from 'react';
import { ApiError, api, isAbort, type HomeData, type RegionRef } from '../api/client.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatNumber } from '../format.ts';
import { translate, useLanguage, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link } from '../router.tsx';

const LEVEL_KEYS: Record<RegionRef['level'], MessageKey> = {
  provinsi: 'level.provinsi',
  kabkota: 'level.kabkota',
  kecamatan: 'level.kecamatan',
  desa: 'level.desa',
};

/** "Kabupaten/Kota - KOTA ADMINISTRASI JAKARTA SELATAN"; the national label when there is no region. */
export function regionTitle(region: RegionRef | null, levelLabel: (level: RegionRef['level']) => string, nationalLabel: string): string {
  if (!region) return nationalLabel;
  return `${levelLabel(region.level)} - ${region.name.toLocaleUpperCase('id-ID')}`;
}

export function HomePage() {
  const t = useT();
  const lang = useLanguage();
  const locale = useLocale();
  useDocumentTitle(t('home.title'));
  const [data, setData] = useState<HomeData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    api
      .home(ctrl.signal)
      .then(setData)
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        setError(e instanceof ApiError ? e.message : translate('error.generic'));
      });
    return () => ctrl.abort();
  }, [attempt]);

  return (
    <div className="home">
      <h1>{t('home.title')}</h1>
      {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
      {!data && !error && <Loading />}
      {data && (
        <section className="card home-summary">
          <p className="home-region">{regionTitle(data.region, (l) => t(LEVEL_KEYS[l]), t('home.national'))}</p>
          <h2 className="home-module">{t('home.module')}</h2>
          <p className="home-role">{t('home.loggedInAs', { role: data.roleLabel[lang] })}</p>
          <p className="home-total">{t('home.totalHouseholds', { count: formatNumber(data.totalHouseholds, locale) })}</p>
          <p>
            <Link to="/data-kesos" className="btn btn-primary">
              {t('home.openData')}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
