// Import Data and bulk approval at scale: a package of 10,000 PERBAIKAN proposals into a
// district of 200,000 households, then one bulk approval of all of them; beside it, a plain
// COPY of the same number of rows into a scratch table, measured in the same run (median of 3), as the floor.
// Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set
// (node scripts/with-postgres.mjs npx tsx bench/import-approve.ts).
// Usage: npx tsx bench/import-approve.ts [households=200000] [proposals=10000]
// BENCH_PROFILE=dir writes CPU profiles of the import and of the approval alone into dir
// (import.cpuprofile, approve.cpuprofile; open them in Chrome DevTools).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { CLI_ACTOR } from '../src/server/platform/context.ts';
import { benchSupervisor, floorProposal, profiled } from './support.ts';
import { seedDistrict } from '../src/server/modules/demo/index.ts';
import { openPeriod } from '../src/server/modules/periods/index.ts';
import { importPackage, runPendingImports } from '../src/server/modules/packages/index.ts';
import { decideProposals, listProposals } from '../src/server/modules/proposals/index.ts';
import { buildPackage, makeRelease } from '../test/support/packages.ts';
import { Readable } from 'node:stream';

const households = Number(process.argv[2] ?? 200_000);
const proposals = Number(process.argv[3] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-import-'));
const config = loadConfig({ ...process.env, SIKS_DATA_DIR: dir, SIKS_TEST_FAST_HASHING: '1' });
const opened = await openContext(config);
const { ctx } = opened;
const engine = ctx.database.kind;
const t = () => performance.now();

let t0 = t();
await seedDistrict(ctx, { kab: '3174', households, seed: 7, mistakeRate: 0 });
const seedSeconds = (t() - t0) / 1000;
const { actor } = await benchSupervisor(ctx);
await openPeriod(ctx, CLI_ACTOR, { code: '2026-07', startsOn: '2026-07-01', endsOn: '2026-12-31' });
const release = await makeRelease(ctx, '3174', '2026-07');

// Every n-th household of the district, one PERBAIKAN each.
const targets = await ctx.database.db
  .selectFrom('households')
  .select(['idbdt', 'version', 'kode_wilayah', 'lantai'])
  .where('kode_wilayah', 'like', '3174%')
  .orderBy('idbdt')
  .execute();
const step = Math.max(1, Math.floor(targets.length / proposals));
const chosen = targets.filter((_h, i) => i % step === 0).slice(0, proposals);
const lines = chosen.map(floorProposal);
const scope = [...new Set(chosen.map((h) => h.kode_wilayah.slice(0, 6)))];
const pkg = await buildPackage({ release, kab: '3174', period: '2026-07', scope, proposals: lines });

t0 = t();
await importPackage(ctx, actor, { fileName: 'bench.siks', stream: Readable.from([Buffer.from(pkg.bytes)]) });
const uploadSeconds = (t() - t0) / 1000;
t0 = t();
await profiled('import', () => runPendingImports(ctx));
const importSeconds = (t() - t0) / 1000;
const waiting = (await listProposals(ctx, actor, { status: 'MENUNGGU', page: 1, pageSize: 1 })).total;

// Meanwhile another user's query, every 20 ms: the longest stretch in which none completed is
// how long the approval kept other requests waiting (PGlite runs in this process, with one
// connection; a transaction holds it until it commits).
let lastServed = t();
let longestPause = 0;
const probe = setInterval(async () => {
  await sql`select 1`.execute(ctx.database.db);
  longestPause = Math.max(longestPause, t() - lastServed);
  lastServed = t();
}, 20);
t0 = t();
const decided = await profiled('approve', () => decideProposals(ctx, actor, { filter: {}, decision: 'APPROVE' }));
const approveSeconds = (t() - t0) / 1000;
await new Promise((r) => setTimeout(r, 100));
clearInterval(probe);

// The floor: COPY of as many rows into a scratch table of the same shape as the staging rows, the
// median of 3 runs (each into an emptied table) so that one slow run does not flatter the ratio.
await sql`create table bench_copy (import_id uuid, line_no int, proposal_id uuid, duplicate boolean, row jsonb)`.execute(ctx.database.db);
const scratch = lines.map((l, i) => [randomUUID(), i + 1, l.proposalId, false, l]);
const copyRuns: number[] = [];
for (let run = 0; run < 3; run++) {
  await sql`truncate bench_copy`.execute(ctx.database.db);
  t0 = t();
  await ctx.database.transaction((tx) =>
    ctx.database.copyRows(tx, 'bench_copy', ['import_id', 'line_no', 'proposal_id', 'duplicate', 'row'], scratch),
  );
  copyRuns.push((t() - t0) / 1000);
}
const copySeconds = copyRuns.sort((a, b) => a - b)[1]!;

// Server-side latency of the review pages (p95 over repeated calls).
async function p95(fn: () => Promise<unknown>, n = 40) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = t();
    await fn();
    times.push(t() - s);
  }
  times.sort((a, b) => a - b);
  return +times[Math.floor(n * 0.95) - 1]!.toFixed(1);
}
const { getProposal } = await import('../src/server/modules/proposals/index.ts');
const someId = lines[Math.floor(lines.length / 2)]!.proposalId;
const listP95 = await p95(() => listProposals(ctx, actor, { tab: 'PERBAIKAN', page: 3, pageSize: 25 }));
const proposalP95 = await p95(() => getProposal(ctx, actor, someId));

const result = {
  engine,
  households,
  proposals: lines.length,
  packageMiB: +(pkg.bytes.length / 2 ** 20).toFixed(2),
  seedSeconds: +seedSeconds.toFixed(1),
  uploadSeconds: +uploadSeconds.toFixed(2),
  importSeconds: +importSeconds.toFixed(2),
  importPerSecond: Math.round(lines.length / importSeconds),
  waiting,
  approveSeconds: +approveSeconds.toFixed(2),
  approvedPerSecond: Math.round(decided.decided / approveSeconds),
  decided: decided.decided,
  otherQueriesLongestPauseSeconds: +(longestPause / 1000).toFixed(2),
  plainCopySeconds: +copySeconds.toFixed(3),
  importToCopyRatio: +(importSeconds / copySeconds).toFixed(1),
  listProposalsP95ms: listP95,
  getProposalP95ms: proposalP95,
};
console.log(JSON.stringify(result));
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/import-approve-${engine}.json`, `${JSON.stringify(result, null, 2)}\n`);
await opened.close();
fs.rmSync(dir, { recursive: true, force: true });
