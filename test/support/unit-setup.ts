// Setup of the unit project: the web app fetches its English messages on first use and the
// Indonesian messages behind the login after login (issue 17, lean pages); tests translate into
// both languages synchronously, so every table is loaded here.
import { loadMessages } from '../../src/web/i18n/index.ts';

await Promise.all([loadMessages('id'), loadMessages('en')]);
