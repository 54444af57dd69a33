// Bahasa Indonesia: the default language and the master list of message keys, in two parts so that
// the login page loads only what it shows (id-public.ts; id-app.ts is fetched after login).
// Placeholders are written {name}; en.ts must carry the same keys and placeholders (i18n.test.ts).
// Import values from here only in tests: the app takes the parts through index.ts.
import { idApp } from './id-app.ts';
import { idPublic } from './id-public.ts';

export const id = { ...idPublic, ...idApp };

export type MessageKey = keyof typeof id;
