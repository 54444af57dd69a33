// The import worker: opens a .siksdb (scrypt, AES-GCM, ZIP, NDJSON) and stores the chosen scope in
// IndexedDB off the page's thread, reporting progress. The release stays in this worker's memory
// between "open" and "store" only.

import './zod-config.ts';
import type { ReleaseContent } from '../shared/siks/index.ts';
import { openDatabase } from './lib/db.ts';
import { describeError, openRelease, storeRelease, type ImportPhase, type ReleaseInfo } from './lib/importer.ts';
import type { Operator, ReleaseMeta } from './lib/model.ts';
import type { RebaseReport } from './lib/rebase.ts';
import { updateRelease } from './lib/update.ts';

export type ToWorker =
  | { type: 'open'; file: ArrayBuffer; passphrase: string }
  | { type: 'store'; scope: string[]; operator: Operator }
  /** A newer release over the installed one (lib/update.ts). */
  | { type: 'update' }
  | { type: 'forget' };
export type FromWorker =
  | { type: 'progress'; phase: ImportPhase; fraction: number }
  | { type: 'opened'; info: ReleaseInfo }
  | { type: 'stored'; meta: ReleaseMeta; timings: Record<string, number> }
  | { type: 'updated'; meta: ReleaseMeta; report: RebaseReport }
  | { type: 'error'; code: string; messages: { id: string; en: string } };

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let opened: ReleaseContent | undefined;
let openMs = 0;
let lastSent = 0;
const progress = (phase: ImportPhase, fraction: number) => {
  // At most ~20 messages a second.
  const now = Date.now();
  if (fraction < 1 && fraction > 0 && now - lastSent < 50) return;
  lastSent = now;
  scope.postMessage({ type: 'progress', phase, fraction });
};

scope.onmessage = async (e) => {
  const msg = e.data;
  try {
    if (msg.type === 'open') {
      opened = undefined;
      const t0 = performance.now();
      const { content, info } = await openRelease(new Uint8Array(msg.file), msg.passphrase, progress);
      opened = content;
      openMs = Math.round(performance.now() - t0);
      scope.postMessage({ type: 'opened', info });
    } else if (msg.type === 'store') {
      if (!opened) throw new Error('no release opened');
      const db = await openDatabase();
      try {
        const timings: Record<string, number> = { open: openMs };
        const meta = await storeRelease(db, opened, msg.scope, msg.operator, progress, timings);
        opened = undefined;
        scope.postMessage({ type: 'stored', meta, timings });
      } finally {
        db.close();
      }
    } else if (msg.type === 'update') {
      if (!opened) throw new Error('no release opened');
      const db = await openDatabase();
      try {
        const { meta, report } = await updateRelease(db, opened, progress);
        opened = undefined;
        scope.postMessage({ type: 'updated', meta, report });
      } finally {
        db.close();
      }
    } else if (msg.type === 'forget') {
      opened = undefined;
    }
  } catch (err) {
    if (msg.type === 'open') opened = undefined;
    const d = describeError(err);
    scope.postMessage({ type: 'error', code: d.code, messages: d.messages });
  }
};
