// Any unknown URL inside the application, and anything a page cannot show (a household outside
// the scope, a page the user may not use): the same view with its own text and way back.
import { useDocumentTitle } from '../components/Status.tsx';
import { useT } from '../i18n/index.ts';
import { Link } from '../router.tsx';

export interface NotFoundProps {
  /** Default: "Halaman tidak ditemukan", the address does not exist, back to the home page. */
  title?: string;
  text?: string;
  back?: { to: string; label: string };
}

export function NotFoundPage({ title, text, back }: NotFoundProps) {
  const t = useT();
  const heading = title ?? t('page.notFound.title');
  useDocumentTitle(heading);
  return (
    <div className="not-found">
      <h1>{heading}</h1>
      <p>{text ?? t('page.notFound.text')}</p>
      <p>
        <Link to={back?.to ?? '/'}>{back?.label ?? t('page.goHome')}</Link>
      </p>
    </div>
  );
}
