// Entry point of the online web application.
import { mountApp } from '../shared/ui/mount.tsx';
import { App } from './App.tsx';
import { getLanguage, loadMessages } from './i18n/index.ts';
import './styles.css';

// A browser set to English fetches its messages first (Indonesian is in the bundle); if that
// fails the app starts in Indonesian rather than not at all.
const lang = getLanguage();
loadMessages(lang).then(
  () => mountApp(App, lang),
  () => mountApp(App, 'id'),
);
