// Measures View Data Kesos' list (GET /api/v1/households) over HTTP on loopback: requests per
// second and latency percentiles at 1 and 50 concurrent connections, for an unfiltered first page,
// random pages 1–400, and a kecamatan filter, on a district of N households.
// Run: npx tsx bench/household-list.ts [households=200000] [seconds=15] [label]
//   PGlite:      SIKS_DATA_DIR=/tmp/siks-bench-list npx tsx bench/household-list.ts   (reuses the seeded directory)
//   PostgreSQL:  node scripts/with-postgres.mjs npx tsx bench/household-list.ts
// Results: bench/results/household-list-<engine>[-label].json
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const households = Number(process.argv[2] ?? 200_000);
const seconds = Number(process.argv[3] ?? 15);
const label = process.argv[4];
const engine = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
const dataDir = process.env.SIKS_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-list-'));

const t0 = Date.now();
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/household-list-server.ts', String(households)], {
  // The personal-search limit (issue 9 item 3) must not throttle a benchmark.
  env: { ...process.env, SIKS_DATA_DIR: dataDir, SIKS_PERSONAL_SEARCH_PER_MINUTE: '1000000000' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
const { port, token, plans } = JSON.parse(line) as { port: number; token: string; plans: Record<string, string> };
const setupSeconds = (Date.now() - t0) / 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const kecamatan = (
  JSON.parse((await get('/api/v1/households?pageSize=1')).body) as { items: { kode_wilayah: string }[] }
).items[0]!.kode_wilayah.slice(0, 6);
const scenarios: Record<string, () => string> = {
  'page 1': () => '/api/v1/households?page=1&pageSize=25',
  'random page 1–400': () => `/api/v1/households?page=${1 + Math.floor(Math.random() * 400)}&pageSize=25`,
  'kecamatan, page 1': () => `/api/v1/households?kecamatan=${kecamatan}&page=1&pageSize=25`,
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const results = [];
const sample = JSON.parse((await get('/api/v1/households?page=1&pageSize=25')).body) as Record<string, unknown>;
for (const [name, url] of Object.entries(scenarios)) {
  for (const connections of [1, 50]) {
    for (let i = 0; i < 5; i++) await get(url()); // warm-up
    const latencies: number[] = [];
    let errors = 0;
    const end = Date.now() + seconds * 1000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < end) {
          const t = performance.now();
          try {
            const r = await get(url());
            if (r.status !== 200) errors++;
          } catch {
            errors++;
          }
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const row = {
      scenario: name,
      connections,
      requests: latencies.length,
      errors,
      requestsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
      p50ms: Math.round(pct(latencies, 50) * 10) / 10,
      p95ms: Math.round(pct(latencies, 95) * 10) / 10,
      p99ms: Math.round(pct(latencies, 99) * 10) / 10,
    };
    results.push(row);
    console.log(JSON.stringify(row));
  }
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
agent.destroy();
const out = {
  engine,
  households,
  seconds,
  label,
  date: new Date().toISOString(),
  setupSeconds,
  responseFields: Object.keys(sample).filter((k) => k !== 'items'),
  total: sample.total,
  results,
  plans,
};
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/household-list-${engine}${label ? `-${label}` : ''}.json`, `${JSON.stringify(out, null, 2)}\n`);
