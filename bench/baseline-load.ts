// Baseline load (C2) at scale: households.csv and members.csv generated from the demo generator
// (no planted mistakes) for one district, then loaded as Pusdatin would: read and COPY into
// staging, every row checked (loadBaseline), and published in one transaction (confirmBaseline).
// Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set
// (node scripts/with-postgres.mjs npx tsx bench/baseline-load.ts 1000000). Aim: 1,000,000
// households in ≤ 180 s on PostgreSQL.
// Usage: npx tsx bench/baseline-load.ts [households=100000] [kab=3201]
// BENCH_PROFILE=dir writes CPU profiles of the load (read + check) and of the publish into dir
// (load.cpuprofile, publish.cpuprofile; open them in Chrome DevTools).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { CLI_ACTOR } from '../src/server/platform/context.ts';
import { confirmBaseline, loadBaseline } from '../src/server/modules/baseline/index.ts';
import { sampleHouseholds, writeBaselineCsv } from '../src/server/modules/baseline/baseline.sample.ts';
import { openPeriod } from '../src/server/modules/periods/index.ts';
import { listRegionsUnder } from '../src/server/modules/regions/index.ts';
import { profiled } from './support.ts';

const households = Number(process.argv[2] ?? 100_000);
const kab = process.argv[3] ?? '3201';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-baseline-'));
const config = loadConfig({ ...process.env, SIKS_DATA_DIR: path.join(dir, 'data'), SIKS_TEST_FAST_HASHING: '1' });
const opened = await openContext(config);
const { ctx } = opened;
const engine = ctx.database.kind;
const t = () => performance.now();
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

// The files, written in 1 MiB pieces.
let t0 = t();
const desa = (await listRegionsUnder(ctx.database.db, kab, 'desa')).map((r) => ({
  code: r.code,
  kecamatan: r.parent_code ?? r.code.slice(0, 6),
}));
const files = { households: path.join(dir, 'households.csv'), members: path.join(dir, 'members.csv') };
const sink = (file: string) => {
  const fd = fs.openSync(file, 'w');
  let buf = '';
  return {
    write(line: string) {
      buf += line;
      if (buf.length >= 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    },
    close() {
      fs.writeSync(fd, buf);
      fs.closeSync(fd);
    },
  };
};
const [h, m] = [sink(files.households), sink(files.members)];
const written = writeBaselineCsv(sampleHouseholds({ kab, desa, households, seed: 3 }), {
  households: (l) => h.write(l),
  members: (l) => m.write(l),
});
h.close();
m.close();
const generateSeconds = (t() - t0) / 1000;
const csvMiB = (fs.statSync(files.households).size + fs.statSync(files.members).size) / 2 ** 20;

await openPeriod(ctx, CLI_ACTOR, { code: '2026-07', startsOn: '2026-07-01', endsOn: '2026-12-31' });
t0 = t();
const load = await profiled('load', () =>
  loadBaseline(ctx, CLI_ACTOR, {
    kab,
    period: '2026-07',
    files: [
      { name: 'households.csv', stream: fs.createReadStream(files.households) },
      { name: 'members.csv', stream: fs.createReadStream(files.members) },
    ],
  }),
);
const checkSeconds = (t() - t0) / 1000;
if (load.status !== 'READY') throw new Error(`the generated baseline has ${load.errorCount} errors (${load.status})`);
t0 = t();
const published = await profiled('publish', () => confirmBaseline(ctx, CLI_ACTOR, load.id, {}));
const publishSeconds = (t() - t0) / 1000;
clearInterval(sampler);

const result = {
  engine,
  kab,
  households: written.households,
  members: written.members,
  csvMiB: +csvMiB.toFixed(1),
  generateSeconds: +generateSeconds.toFixed(1),
  readAndCheckSeconds: +checkSeconds.toFixed(1),
  publishSeconds: +publishSeconds.toFixed(1),
  totalLoadSeconds: +(checkSeconds + publishSeconds).toFixed(1),
  householdsPerSecond: Math.round(written.households / (checkSeconds + publishSeconds)),
  published: published.households,
  peakRssMiB: Math.round(peakRss / 2 ** 20),
};
console.log(JSON.stringify(result));
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/baseline-load-${engine}.json`, `${JSON.stringify(result, null, 2)}\n`);
await opened.close();
fs.rmSync(dir, { recursive: true, force: true });
