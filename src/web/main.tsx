// Entry point of the online web application.
import { mountApp } from '../shared/ui/mount.tsx';
import { App } from './App.tsx';
import { getLanguage, hasMessages, loadMessages } from './i18n/index.ts';
import './styles.css';

// A browser set to English fetches its messages first (Indonesian's public part is in the bundle,
// the rest comes with the first page behind the login); if that fails the app starts in Indonesian
// rather than not at all.
const lang = getLanguage();
if (hasMessages(lang)) mountApp(App, lang);
else
  loadMessages(lang).then(
    () => mountApp(App, lang),
    () => mountApp(App, 'id'),
  );
