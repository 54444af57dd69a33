// Soak: a bounded mixed load against a server on 127.0.0.1 (a child process this script starts),
// for N minutes: fetch workers browsing as a district supervisor (household list, search, household
// page, proposal list and page, rekap), an import of a package every `--import-every` seconds and a
// bulk approval of the waiting proposals every `--decide-every` seconds. Reports errors, p50/p99 per
// kind of request and the server's RSS (read from its own GET /metrics) at start, peak and end:
// one JSON line on stdout, also written to bench/results/soak-<engine>.json. Not a test.
// Run: npx tsx bench/soak.ts [--minutes 10] [--workers 6] [--households 20000]
//      node scripts/with-postgres.mjs npx tsx bench/soak.ts     (on PostgreSQL)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'boolean' },
    minutes: { type: 'string', default: '10' },
    workers: { type: 'string', default: '6' },
    households: { type: 'string', default: '20000' },
    packages: { type: 'string', default: '80' },
    'per-package': { type: 'string', default: '40' },
    'import-every': { type: 'string', default: '10' },
    'decide-every': { type: 'string', default: '30' },
  },
});

/** What the server child tells the load generator once it listens. */
interface Served {
  port: number;
  supervisor: string;
  pusdatin: string;
  packages: string[];
  idbdt: string[];
  names: string[];
  niks: string[];
  kecamatan: string[];
  period: string;
  seedSeconds: number;
}

if (args.serve) await serve();
else await soak();

async function serve(): Promise<void> {
  const { openContext } = await import('../src/server/bootstrap.ts');
  const { buildApp } = await import('../src/server/http/app.ts');
  const { loadConfig } = await import('../src/server/platform/config.ts');
  const { CLI_ACTOR } = await import('../src/server/platform/context.ts');
  const { createApiToken, createUser } = await import('../src/server/modules/access/index.ts');
  const { seedDistrict } = await import('../src/server/modules/demo/index.ts');
  const { openPeriod } = await import('../src/server/modules/periods/index.ts');
  const { startImportWorker } = await import('../src/server/modules/packages/index.ts');
  const { buildPackage, makeRelease } = await import('../test/support/packages.ts');
  const { benchSupervisor, floorProposal } = await import('./support.ts');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-soak-'));
  const config = loadConfig({
    ...process.env,
    SIKS_DATA_DIR: path.join(dir, 'data'),
    SIKS_TEST_FAST_HASHING: '1',
    // The per-user limit of personal searches would turn the search share of the mix into 429s.
    SIKS_PERSONAL_SEARCH_PER_MINUTE: '1000000000',
    SIKS_AUDIT_KEY: process.env.SIKS_AUDIT_KEY || randomBytes(32).toString('hex'),
    SIKS_LOG: '0',
  });
  const opened = await openContext(config);
  const { ctx } = opened;
  const t0 = Date.now();
  await seedDistrict(ctx, { kab: '3174', households: Number(args.households), seed: 11, mistakeRate: 0 });
  const seedSeconds = (Date.now() - t0) / 1000;
  const { token: supervisor } = await benchSupervisor(ctx);
  await createUser(ctx, CLI_ACTOR, {
    username: 'pusdatin_soak',
    name: 'soak',
    role: 'PUSDATIN',
    regions: [],
    password: 'bench-password-123',
    mustChangePassword: false,
  });
  const { token: pusdatin } = await createApiToken(ctx, CLI_ACTOR, 'pusdatin_soak', 'soak');
  const period = '2026-07';
  await openPeriod(ctx, CLI_ACTOR, { code: period, startsOn: '2026-07-01', endsOn: '2026-12-31' });
  const release = await makeRelease(ctx, '3174', period);

  // Packages of PERBAIKAN proposals over disjoint households, so that each applies after the last.
  const db = ctx.database.db;
  const all = await db
    .selectFrom('households')
    .select(['idbdt', 'version', 'kode_wilayah', 'lantai'])
    .where('kode_wilayah', 'like', '3174%')
    .orderBy('idbdt')
    .execute();
  const perPackage = Number(args['per-package']);
  const packages: string[] = [];
  for (let p = 0; p < Number(args.packages) && (p + 1) * perPackage <= all.length; p++) {
    const chosen = all.slice(p * perPackage, (p + 1) * perPackage);
    const proposals = chosen.map(floorProposal);
    const scope = [...new Set(chosen.map((h) => h.kode_wilayah.slice(0, 6)))];
    const pkg = await buildPackage({ release, kab: '3174', period, scope, proposals });
    const file = path.join(dir, `soak-${p}.siks`);
    fs.writeFileSync(file, pkg.bytes);
    packages.push(file);
  }
  const step = Math.max(1, Math.floor(all.length / 300));
  const idbdt = all.filter((_h, i) => i % step === 0).map((h) => h.idbdt);
  const members = await db.selectFrom('members').select(['nik', 'nama']).where('idbdt', 'in', idbdt.slice(0, 100)).execute();
  const names = [...new Set(members.map((m) => m.nama.split(' ')[0]!.slice(0, 4)))];
  const kecamatan = [...new Set(all.map((h) => h.kode_wilayah.slice(0, 6)))];

  const stopWorker = startImportWorker(ctx, (m) => process.stderr.write(`${m}\n`));
  const app = await buildApp(ctx, { webDist: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const served: Served = {
    port,
    supervisor,
    pusdatin,
    packages,
    idbdt,
    names,
    niks: members.map((m) => m.nik),
    kecamatan,
    period,
    seedSeconds,
  };
  process.stdout.write(`${JSON.stringify(served)}\n`);
  const stop = async () => {
    await app.close();
    await stopWorker();
    await opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function soak(): Promise<void> {
  const minutes = Number(args.minutes);
  const workers = Number(args.workers);
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve', ...process.argv.slice(2)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const s = JSON.parse(line) as Served;
  const setupSeconds = (Date.now() - started) / 1000;
  const base = `http://127.0.0.1:${s.port}`;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const errorSamples: string[] = [];
  async function call(
    kind: string,
    url: string,
    init: RequestInit = {},
    ok = (st: number) => st >= 200 && st < 300,
  ): Promise<Response | undefined> {
    const t = performance.now();
    try {
      const res = await fetch(`${base}${url}`, { ...init, headers: { ...auth(s.supervisor), ...(init.headers ?? {}) } });
      const body = await res.arrayBuffer();
      const ms = performance.now() - t;
      if (!latencies.has(kind)) latencies.set(kind, []);
      latencies.get(kind)!.push(ms);
      if (!ok(res.status)) {
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
        if (errorSamples.length < 10) errorSamples.push(`${kind} ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 160)}`);
        return undefined;
      }
      return new Response(body, { status: res.status, headers: res.headers });
    } catch (err) {
      errors.set(kind, (errors.get(kind) ?? 0) + 1);
      if (errorSamples.length < 10) errorSamples.push(`${kind} ${(err as Error).message}`);
      return undefined;
    }
  }

  async function rss(): Promise<number> {
    const res = await fetch(`${base}/metrics`, { headers: auth(s.pusdatin) });
    const m = /^siks_process_resident_memory_bytes (\S+)$/m.exec(await res.text());
    return Number(m?.[1] ?? 0);
  }

  // The mix of a district office at work, by weight.
  const proposalIds: string[] = [];
  const mix: [number, () => Promise<unknown>][] = [
    [30, () => call('household list', `/api/v1/households?page=${1 + Math.floor(Math.random() * 40)}&pageSize=25`)],
    [8, () => call('household list (kecamatan)', `/api/v1/households?kecamatan=${pick(s.kecamatan)}&pageSize=25`)],
    [7, () => call('search by name', `/api/v1/households?q=${encodeURIComponent(pick(s.names))}&pageSize=25`)],
    [5, () => call('search by NIK', `/api/v1/households?q=${pick(s.niks)}`)],
    [20, () => call('household page', `/api/v1/households/${pick(s.idbdt)}`)],
    [
      12,
      async () => {
        const res = await call('proposal list', `/api/v1/proposals?page=${1 + Math.floor(Math.random() * 5)}&pageSize=25`);
        if (!res) return;
        const items = ((await res.json()) as { items: { id: string }[] }).items;
        for (const i of items.slice(0, 5)) if (proposalIds.length < 2000) proposalIds.push(i.id);
      },
    ],
    [10, () => (proposalIds.length ? call('proposal page', `/api/v1/proposals/${pick(proposalIds)}`) : Promise.resolve())],
    [8, () => call('rekap', `/api/v1/reports/recap/kecamatan?kab=3174&period=${s.period}`)],
  ];
  const total = mix.reduce((a, [w]) => a + w, 0);
  const nextRequest = () => {
    let r = Math.random() * total;
    for (const [w, f] of mix) {
      r -= w;
      if (r < 0) return f();
    }
    return mix[0]![1]();
  };

  const rssStart = await rss();
  let rssPeak = rssStart;
  const end = Date.now() + minutes * 60_000;
  let imports = 0;
  let importsDone = 0;
  let decisions = 0;
  let decided = 0;
  const timers: NodeJS.Timeout[] = [];
  const importIds: string[] = [];
  timers.push(
    setInterval(async () => {
      const file = s.packages[imports];
      if (!file || Date.now() > end) return;
      imports++;
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
      const res = await call('import upload', '/api/v1/imports', { method: 'POST', body: form });
      if (res) importIds.push(((await res.json()) as { id: string }).id);
    }, Number(args['import-every']) * 1000),
    setInterval(async () => {
      if (Date.now() > end) return;
      decisions++;
      const res = await call('bulk approve', '/api/v1/proposals/decisions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: {}, decision: 'APPROVE' }),
      });
      if (res) decided += ((await res.json()) as { decided?: number }).decided ?? 0;
    }, Number(args['decide-every']) * 1000),
    setInterval(async () => {
      rssPeak = Math.max(rssPeak, await rss().catch(() => 0));
    }, 5000),
  );
  let requests = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < end) {
        await nextRequest();
        requests++;
      }
    }),
  );
  for (const t of timers) clearInterval(t);
  await new Promise((r) => setTimeout(r, 2000));
  for (const id of importIds) {
    const res = await call('import status', `/api/v1/imports/${id}`);
    if (res && ((await res.json()) as { status: string }).status === 'DONE') importsDone++;
  }
  const rssEnd = await rss();
  child.kill('SIGTERM');

  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const byKind: Record<string, { n: number; errors: number; p50ms: number; p99ms: number }> = {};
  const everything: number[] = [];
  for (const [kind, xs] of latencies) {
    xs.sort((a, b) => a - b);
    everything.push(...xs);
    byKind[kind] = { n: xs.length, errors: errors.get(kind) ?? 0, p50ms: +pct(xs, 50).toFixed(1), p99ms: +pct(xs, 99).toFixed(1) };
  }
  everything.sort((a, b) => a - b);
  const mib = (b: number) => +(b / 2 ** 20).toFixed(1);
  const result = {
    engine,
    date: new Date().toISOString(),
    minutes,
    workers,
    households: Number(args.households),
    setupSeconds: +setupSeconds.toFixed(1),
    requests,
    requestsPerSecond: +(requests / (minutes * 60)).toFixed(1),
    errors: [...errors.values()].reduce((a, b) => a + b, 0),
    p50ms: +pct(everything, 50).toFixed(1),
    p99ms: +pct(everything, 99).toFixed(1),
    imports,
    importsDone,
    bulkDecisions: decisions,
    decided,
    rssStartMiB: mib(rssStart),
    rssPeakMiB: mib(Math.max(rssPeak, rssEnd)),
    rssEndMiB: mib(rssEnd),
    rssGrowthMiB: mib(rssEnd - rssStart),
    byKind,
    errorSamples,
  };
  console.log(JSON.stringify(result));
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/soak-${engine}.json`, `${JSON.stringify(result, null, 2)}\n`);
}
