// Setup of the unit project: the web app fetches its English messages on first use (issue 17,
// lean pages); tests translate into both languages synchronously, so both tables are loaded here.
import { loadMessages } from '../../src/web/i18n/index.ts';

await loadMessages('en');
