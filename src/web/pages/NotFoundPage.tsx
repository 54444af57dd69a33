// Any unknown URL inside the application.
import { useDocumentTitle } from '../components/Status.tsx';
import { useT } from '../i18n/index.ts';
import { Link } from '../router.tsx';

export function NotFoundPage() {
  const t = useT();
  useDocumentTitle(t('page.notFound.title'));
  return (
    <div className="not-found">
      <h1>{t('page.notFound.title')}</h1>
      <p>{t('page.notFound.text')}</p>
      <p>
        <Link to="/">{t('page.goHome')}</Link>
      </p>
    </div>
  );
}
