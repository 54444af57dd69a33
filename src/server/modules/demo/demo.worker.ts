// The demo seeder's generation thread: generates and encodes the batches (demo.rows.ts) while the
// seeding thread copies the previous ones, at most AHEAD batches ahead so that memory stays flat.
import { parentPort, workerData } from 'node:worker_threads';
import { type SeedPlan, seedBatches } from './demo.rows.ts';

const { plan, consumed, ahead } = workerData as { plan: SeedPlan; consumed: Int32Array; ahead: number };
let produced = 0;
for (const batch of seedBatches(plan)) {
  // Wait while the seeding thread is `ahead` batches behind (it notifies after each batch).
  for (let seen = Atomics.load(consumed, 0); produced - seen >= ahead; seen = Atomics.load(consumed, 0)) Atomics.wait(consumed, 0, seen);
  parentPort!.postMessage(batch);
  produced++;
}
parentPort!.postMessage(null);
