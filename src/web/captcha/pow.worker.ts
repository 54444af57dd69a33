// The captcha's proof-of-work worker: altcha-lib's own solver loop with the browser's PBKDF2
// (Web Crypto), answering the messages of components/Captcha.tsx ({type: 'work' | 'abort'}).
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });
