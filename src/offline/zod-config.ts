// The codec validates headers with zod. zod probes whether it may compile validators with
// `new Function`, which the Content-Security-Policy (script-src 'self') forbids and the browser
// reports as an error; jitless mode skips the probe. Imported first by main.tsx and the worker.
import { z } from 'zod';

z.config({ jitless: true });
