// Server memory on the embedded database (issue 17 item 6): `node bin/start.mjs` on a fresh data
// directory (first start: builds the apps if their sources changed, seeds the demo district of N
// households), idle for a while, then its resident set (VmRSS) and peak (VmHWM) from /proc; stopped
// with SIGTERM and started again on the same directory (a later start), measured the same way.
// Run: npx tsx bench/memory.ts [households=20000] [idleSeconds=30]   → bench/results/memory-pglite.json

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const households = Number(process.argv[2] ?? 20_000);
const idleSeconds = Number(process.argv[3] ?? 30);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-memory-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM of a process, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (k: string) => Math.round(Number(new RegExp(`${k}:\\s+(\\d+)`).exec(text)![1]) / 1024);
  return { rss: mib('VmRSS'), peak: mib('VmHWM') };
}

async function start(): Promise<{ seconds: number; rss: number; peak: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SIKS_DATA_DIR: dataDir, SIKS_DEMO_HOUSEHOLDS: String(households), PORT: String(port) };
  delete env.DATABASE_URL;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['bin/start.mjs'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      process.stderr.write(`  ${l}\n`);
      if (l.startsWith('SIKS-NG is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server ended with code ${code} before it was running`)));
  });
  const seconds = (Date.now() - t0) / 1000;
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  if (health.status !== 200) throw new Error(`/api/health answered ${health.status}`);
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const m = memoryOf(child.pid!);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { seconds, ...m };
}

const first = await start();
const later = await start();
fs.rmSync(dataDir, { recursive: true, force: true });
const result = {
  engine: 'pglite',
  households,
  idleSeconds,
  firstStartSeconds: first.seconds,
  firstStartRssMiB: first.rss,
  firstStartPeakMiB: first.peak,
  laterStartSeconds: later.seconds,
  laterStartRssMiB: later.rss,
  laterStartPeakMiB: later.peak,
  date: new Date().toISOString(),
};
console.log(JSON.stringify(result));
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/memory-pglite.json', `${JSON.stringify(result, null, 2)}\n`);
