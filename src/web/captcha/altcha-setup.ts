// Loads the self-hosted captcha widget (altcha, the CSP-friendly "external" build) with its
// stylesheet, its Indonesian and English strings and the PBKDF2 proof-of-work worker, which the
// server's challenges use. Imported lazily by components/Captcha.tsx: the widget touches
// `customElements` when it loads, and only the login page needs it.
import 'altcha/external';
import 'altcha/altcha.css';
import 'altcha/i18n/id';
import 'altcha/i18n/en';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';
import { hasMessages, LANGUAGES, subscribe, translate } from '../i18n/index.ts';
import './captcha.css';

$altcha.algorithms.set('PBKDF2/SHA-256', () => new Pbkdf2Worker({ name: 'altcha-pbkdf2' }));

// The checkbox label comes from the app's own tables, so it reads exactly as the server's
// captcha messages do ("Saya bukan robot" / "I am not a robot"). English messages arrive when
// English is first chosen: its label is set then (before the widget re-renders in English).
function setLabels(): void {
  for (const lang of LANGUAGES) {
    if (hasMessages(lang)) $altcha.i18n.set(lang, { ...$altcha.i18n.get(lang), label: translate('captcha.label', undefined, lang) });
  }
}
setLabels();
subscribe(setLabels);
