// Entry of the demo seeder's generation thread: a worker starts without the parent's TypeScript
// loader, so it registers tsx itself before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./demo.worker.ts');
