// Static help: a short user manual and FAQ, reachable before login ("User Manual", "FAQ").
import { useEffect } from 'react';
import { useDocumentTitle } from '../components/Status.tsx';
import { useT } from '../i18n/index.ts';
import { Link, useLocation } from '../router.tsx';

export function HelpPage({ loggedIn }: { loggedIn: boolean }) {
  const t = useT();
  useLocation(); // re-render on navigation: the fragment may have changed
  useDocumentTitle(t('help.title'));
  const fragment = typeof window === 'undefined' ? '' : window.location.hash.slice(1);

  // pushState does not scroll to a #fragment: do it for links such as /bantuan#faq.
  useEffect(() => {
    if (fragment) document.getElementById(fragment)?.scrollIntoView();
  }, [fragment]);

  const faqs = [
    ['help.faqQ1', 'help.faqA1'],
    ['help.faqQ2', 'help.faqA2'],
    ['help.faqQ3', 'help.faqA3'],
  ] as const;

  return (
    <div className="help">
      <h1>{t('help.title')}</h1>
      <section id="panduan" aria-labelledby="panduan-title" className="card">
        <h2 id="panduan-title">{t('help.manualTitle')}</h2>
        <p>{t('help.manualText')}</p>
        <p>
          {/* Served by the server (HTML and PDF), outside the web app's router. */}
          <a href="/panduan">{t('help.openGuide')}</a> · <a href="/panduan.pdf">{t('help.guidePdf')}</a>
        </p>
      </section>
      <section id="faq" aria-labelledby="faq-title" className="card">
        <h2 id="faq-title">{t('help.faqTitle')}</h2>
        <dl className="faq">
          {faqs.map(([q, a]) => (
            <div key={q}>
              <dt>{t(q)}</dt>
              <dd>{t(a)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <p>
        <Link to={loggedIn ? '/' : '/login'}>{t(loggedIn ? 'help.backToHome' : 'help.backToLogin')}</Link>
      </p>
    </div>
  );
}
