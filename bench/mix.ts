// Lists under load (issue 17 item 4): autocannon against the real server (src/server/main.ts, as
// `npm start` runs it) with a district supervisor's realistic mix of reads, 50 connections, on
// 127.0.0.1 only. The mix, per 20 requests: 6 household list pages (random page 1–400), 2 name
// searches, 4 household pages, 3 proposal list pages, 3 proposal pages, 2 rekap desa.
// The district (3174) gets N households and P imported proposals first, in-process; then the
// server is started with SIKS_WORKERS=1 and, on PostgreSQL, 2 (node cluster), each run after a
// warm-up. Aims: PostgreSQL ≥ 500 requests/s, p99 ≤ 250 ms, 0 errors; PGlite ≥ 150 requests/s, 0 errors.
// Usage: node scripts/with-postgres.mjs npx tsx bench/mix.ts [households=200000] [seconds=20] [proposals=2000]
//        npx tsx bench/mix.ts [households] [seconds] [proposals]     (PGlite, one process)
// Results: bench/results/mix-<engine>.json and one JSON line per run on stdout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openContext } from '../src/server/bootstrap.ts';
import { seedDistrict } from '../src/server/modules/demo/index.ts';
import { openPeriod } from '../src/server/modules/periods/index.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { CLI_ACTOR } from '../src/server/platform/context.ts';
import { makeRelease } from '../test/support/packages.ts';
import { benchSupervisor, importFloorProposals, median } from './support.ts';

const households = Number(process.argv[2] ?? 200_000);
const seconds = Number(process.argv[3] ?? 20);
const proposalCount = Number(process.argv[4] ?? 2_000);
const KAB = '3174';
const PERIOD = '2026-07';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-mix-'));
const env = { ...process.env, SIKS_DATA_DIR: dataDir };

// 1. The district, its proposals and a supervisor's API token, written in-process.
const t0 = performance.now();
const opened = await openContext(loadConfig(env));
const { ctx } = opened;
const engine = ctx.database.kind;
await seedDistrict(ctx, { kab: KAB, households, seed: 3, mistakeRate: 0 });
const { token, actor } = await benchSupervisor(ctx, KAB);
await openPeriod(ctx, CLI_ACTOR, { code: PERIOD, startsOn: '2026-07-01', endsOn: '2026-12-31' });
const release = await makeRelease(ctx, KAB, PERIOD);
await importFloorProposals(ctx, actor, { kab: KAB, period: PERIOD, release, count: proposalCount });
const db = ctx.database.db;
// Ids the mix draws from: households, proposals, kecamatan, and names to search for.
const idbdts = (await db.selectFrom('households').select('idbdt').where('kode_wilayah', 'like', `${KAB}%`).execute()).map((r) => r.idbdt);
const proposalIds = (await db.selectFrom('proposals').select('id').where('kab_kota', '=', KAB).execute()).map((r) => r.id);
const kecamatans = (
  await sql<{ k: string }>`select distinct left(kode_wilayah, 6) as k from households where kode_wilayah like ${`${KAB}%`}`.execute(db)
).rows.map((r) => r.k);
const names = (
  await sql<{
    n: string;
  }>`select split_part(nama_krt, ' ', 1) as n from households where kode_wilayah like ${`${KAB}%`} and nama_krt is not null limit 200`.execute(
    db,
  )
).rows.map((r) => r.n);
await opened.close();
const setupSeconds = (performance.now() - t0) / 1000;

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
const MIX: { weight: number; kind: string; path: () => string }[] = [
  { weight: 6, kind: 'household list', path: () => `/api/v1/households?page=${1 + Math.floor(Math.random() * 400)}&pageSize=25` },
  { weight: 2, kind: 'name search', path: () => `/api/v1/households?q=${encodeURIComponent(pick(names))}&pageSize=25` },
  { weight: 4, kind: 'household page', path: () => `/api/v1/households/${pick(idbdts)}` },
  { weight: 3, kind: 'proposal list', path: () => `/api/v1/proposals?page=${1 + Math.floor(Math.random() * 40)}&pageSize=25` },
  { weight: 3, kind: 'proposal page', path: () => `/api/v1/proposals/${pick(proposalIds)}` },
  { weight: 2, kind: 'rekap desa', path: () => `/api/v1/reports/recap/desa?kab=${KAB}&period=${PERIOD}&kecamatan=${pick(kecamatans)}` },
];
const cycle = MIX.flatMap((m) => Array.from({ length: m.weight }, () => m));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `npm start`'s server on the prepared database and resolves when it answers. */
async function startServer(workers: number) {
  const port = await freePort();
  // BENCH_PROFILE=dir: each server process writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SIKS_WORKERS: String(workers),
      SIKS_DEMO: '0',
      // The personal-search limit (issue 9 item 3) must not throttle a benchmark.
      SIKS_PERSONAL_SEARCH_PER_MINUTE: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/api/v1/households?pageSize=1`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** One autocannon run of the mix; every request draws a fresh path of its kind. */
function run(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url,
    connections,
    duration,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (req) => {
          const m = cycle[i++ % cycle.length] as (typeof cycle)[number];
          return { ...req, method: 'GET', path: m.path() };
        },
      },
    ],
  });
}

/** Median time of each kind of request alone (one connection, 15 requests each), to see which one costs. */
async function kindsAlone(url: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of MIX) {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const r = await fetch(`${url}${m.path()}`, { headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${m.kind}: HTTP ${r.status}`);
      times.push(performance.now() - t);
    }
    out[m.kind] = Math.round(median(times) * 10) / 10;
  }
  return out;
}

const rows = [];
for (const workers of engine === 'postgres' ? [1, 2] : [1]) {
  const server = await startServer(workers);
  try {
    await run(server.url, 10, 5); // warm-up: caches, JIT, connection pools
    const alone = await kindsAlone(server.url);
    const r = await run(server.url, 50, seconds);
    const row = {
      engine,
      workers,
      connections: 50,
      seconds,
      requests: r.requests.total,
      requestsPerSecond: Math.round(r.requests.average),
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx,
      non2xx: r.non2xx,
      medianMsAlone: alone,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  } finally {
    await server.stop();
  }
}
fs.rmSync(dataDir, { recursive: true, force: true });
const out = {
  engine,
  households,
  proposals: proposalIds.length,
  mix: MIX.map((m) => ({ kind: m.kind, share: m.weight / cycle.length })),
  date: new Date().toISOString(),
  cores: os.cpus().length,
  loadAverage: os.loadavg()[0],
  setupSeconds,
  rows,
};
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/mix-${engine}.json`, `${JSON.stringify(out, null, 2)}\n`);
