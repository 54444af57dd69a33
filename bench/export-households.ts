// Measures the View Data Kesos export (GET /api/v1/households/export, issue 11 F13) over HTTP on
// loopback: rows per second and the server's peak RSS while it streams a whole district of N
// households as csv and as xlsx. The server is bench/household-list-server.ts (it seeds 3174 once
// and hands out a supervisor token); its peak RSS is reset (/proc/<pid>/clear_refs, 5) just before
// each export and read (VmHWM) right after, so the seeding's own peak does not count.
// Run: npx tsx bench/export-households.ts [households=200000]
//   PGlite:      SIKS_DATA_DIR=/tmp/siks-bench-list npx tsx bench/export-households.ts   (reuses the seeded directory)
//   PostgreSQL:  node scripts/with-postgres.mjs npx tsx bench/export-households.ts
// Results: bench/results/export-households-<engine>.json
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const households = Number(process.argv[2] ?? 200_000);
const engine = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
const dataDir = process.env.SIKS_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-export-'));

const t0 = Date.now();
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/household-list-server.ts', String(households)], {
  env: { ...process.env, SIKS_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'ignore'],
});
const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
const { port, token, pid } = JSON.parse(line) as { port: number; token: string; pid: number };
const setupSeconds = (Date.now() - t0) / 1000;

// The server's resident set (VmRSS) and its peak since the last reset (VmHWM), in MiB.
function memory(): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

// Streams one export, counting its bytes and (csv) its lines without keeping the body.
function download(format: 'csv' | 'xlsx'): Promise<{ status: number; bytes: number; lines: number; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: `/api/v1/households/export?format=${format}`, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let bytes = 0;
        let lines = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, lines, seconds: (performance.now() - started) / 1000 }));
      },
    );
    req.setTimeout(600_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const results = [];
for (const format of ['csv', 'xlsx'] as const) {
  const before = memory();
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  let sampledPeak = 0;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memory().rss);
  }, 100);
  const r = await download(format);
  clearInterval(sampler);
  const after = memory();
  const row = {
    format,
    status: r.status,
    rows: format === 'csv' ? r.lines - 1 : households,
    seconds: Math.round(r.seconds * 100) / 100,
    rowsPerSecond: Math.round((format === 'csv' ? r.lines - 1 : households) / r.seconds),
    megabytes: Math.round((r.bytes / 1024 / 1024) * 10) / 10,
    rssBeforeMiB: Math.round(before.rss),
    peakRssMiB: Math.round(Math.max(after.peak, sampledPeak)),
  };
  results.push(row);
  console.log(JSON.stringify(row));
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const out = { engine, households, date: new Date().toISOString(), setupSeconds, results };
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/export-households-${engine}.json`, `${JSON.stringify(out, null, 2)}\n`);
