// A district inside a nation (issue 18): one district of D households seeded alone, and the same
// district (same generator, same seed) inside a nation of N households over 40 districts in 5
// provinces. Each district operation — import of P proposals, their bulk approval, household list
// p95, proposal list p95, rekap desa, release download — runs `runs` times on both databases, the
// two alternating so that the machine's load falls on both alike; medians side by side with the
// ratio (aim ≤ 1.3×). Then the national views on the nation (map figures, rekap per province,
// monitoring, Beranda) as Pusdatin and as the province: the first read after the district's writes
// (it recomputes the district's figures) and the median of `runs` reads, beside the live GROUP BY
// the maintained figures replace. Services are called in-process (no HTTP), as in import-approve.ts.
// Usage: node scripts/with-postgres.mjs npx tsx bench/nation.ts [nation=2000000] [district=200000] [proposals=10000] [runs=5]
// (PGlite without DATABASE_URL.) On PostgreSQL the nation is seeded into DATABASE_URL's database once
// (a nation already seeded there is reused: seedNation skips districts that hold households) and kept
// as it was seeded: every run works on a copy of it made afresh (CREATE DATABASE … TEMPLATE, a file
// copy), so no run inherits an earlier run's proposals or history; the district alone is a database
// beside it, also made afresh. JSON: bench/results/nation-<engine>.json and one line on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openContext } from '../src/server/bootstrap.ts';
import { seedNation } from '../src/server/modules/demo/demo.nation.ts';
import { refreshDistrictFigures } from '../src/server/modules/figures/index.ts';
import { getMapFigures } from '../src/server/modules/gis/map.service.ts';
import { areaFigures } from '../src/server/modules/gis/map.queries.ts';
import { getHome } from '../src/server/modules/home/home.service.ts';
import { listHouseholds } from '../src/server/modules/households/index.ts';
import { findOpenPeriod, openPeriod } from '../src/server/modules/periods/index.ts';
import { decideProposals, listProposals } from '../src/server/modules/proposals/index.ts';
import { prepareRelease } from '../src/server/modules/releases/index.ts';
import { getFinalisationMonitoring, getRecapDesa, getRecapProvinsi } from '../src/server/modules/reports/index.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { type AppContext, CLI_ACTOR } from '../src/server/platform/context.ts';
import type { Actor } from '../src/server/platform/scope.ts';
import { makeRelease } from '../test/support/packages.ts';
import { benchUser, importFloorProposals, median, percentile, timesOf } from './support.ts';

const nationHouseholds = Number(process.argv[2] ?? 2_000_000);
const districtHouseholds = Number(process.argv[3] ?? 200_000);
const proposals = Number(process.argv[4] ?? 10_000);
const runs = Number(process.argv[5] ?? 5);
const KAB = '3201';
const PROVINCE = KAB.slice(0, 2);
const PERIOD = { code: '2026-07', startsOn: '2026-07-01', endsOn: '2026-12-31' };
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const ms = () => performance.now();

const openConfig = (dir: string, url?: string) =>
  openContext(loadConfig({ ...process.env, ...(url ? { DATABASE_URL: url } : {}), SIKS_DATA_DIR: dir, SIKS_TEST_FAST_HASHING: '1' }));

/**
 * Makes `name` afresh beside DATABASE_URL's database — empty, or a file copy of `template` (which
 * must have no open connection) — and returns its URL.
 */
async function recreate(dir: string, name: string, template?: string) {
  const admin = await openContext(loadConfig({ ...process.env, SIKS_DATA_DIR: dir }));
  const db = admin.ctx.database.db;
  await sql`drop database if exists ${sql.id(name)}`.execute(db);
  if (template) await sql`create database ${sql.id(name)} template ${sql.id(template)} strategy file_copy`.execute(db);
  else await sql`create database ${sql.id(name)}`.execute(db);
  await admin.close();
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Seeds the district (alone, or inside the nation) where it is missing; seconds for the seed and for every district's figures. */
async function seed(ctx: AppContext, label: string, households: number, districts: number | undefined, provinces: number | undefined) {
  if (!(await findOpenPeriod(ctx))) await openPeriod(ctx, CLI_ACTOR, PERIOD);
  const t0 = ms();
  const seeded = await seedNation(
    ctx,
    { households, districts, provinces, seed: 1, with: { kab: KAB, households: districtHouseholds } },
    (d, i, of) => process.stderr.write(`${label}: ${i + 1}/${of} ${d.kab} ${d.households}${d.skipped ? ' (already there)' : ''}\n`),
  );
  // As a live database is (autovacuum): statistics, and a visibility map for index-only scans — a
  // bulk load leaves it empty, and a count over the district then read the nation's 8 M members.
  if (ctx.database.kind === 'postgres') await sql`vacuum (analyze)`.execute(ctx.database.db);
  const seedSeconds = (ms() - t0) / 1000;
  // The figures of every district, computed once (later reads recompute only districts written since).
  const t1 = ms();
  await refreshDistrictFigures(ctx.database);
  return { seedSeconds, figuresSeconds: (ms() - t1) / 1000, seeded: seeded.districts.length };
}

/**
 * A database with the district (alone, or inside the nation), its supervisor and a release to import
 * against. PGlite: a fresh directory. PostgreSQL: the district alone in a database made afresh; the
 * nation seeded in DATABASE_URL's database, then worked on in a fresh copy of it.
 */
async function prepare(label: 'alone' | 'nation', households: number, districts: number | undefined, provinces: number | undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-nation-'));
  const url = process.env.DATABASE_URL;
  let opened: Awaited<ReturnType<typeof openContext>>;
  let seeded: Awaited<ReturnType<typeof seed>>;
  if (url && label === 'nation') {
    const template = await openConfig(dir, url);
    seeded = await seed(template.ctx, label, households, districts, provinces);
    await template.close();
    const source = decodeURIComponent(new URL(url).pathname.slice(1));
    opened = await openConfig(dir, await recreate(dir, `${source}_bench_copy`, source));
  } else {
    opened = await openConfig(dir, url ? await recreate(dir, 'siks_nation_bench_alone') : undefined);
    seeded = await seed(opened.ctx, label, households, districts, provinces);
  }
  const { ctx } = opened;
  const { seedSeconds, figuresSeconds } = seeded;
  const username = `${KAB}_supervisor_${Date.now()}`;
  const { actor } = await benchUser(ctx, username, 'SUPERVISOR', [KAB]);
  const release = await makeRelease(ctx, KAB, PERIOD.code);
  return { label, opened: { ...opened, dir }, ctx, actor, release, seedSeconds, figuresSeconds, seeded: seeded.seeded };
}
type Side = Awaited<ReturnType<typeof prepare>>;

const OPERATIONS = ['import', 'approve', 'householdListP95', 'proposalListP95', 'rekapDesa', 'release'] as const;
type Operation = (typeof OPERATIONS)[number];

/** One run of every district operation on one side: seconds for import and approval, ms for the rest. */
async function districtRun(side: Side): Promise<Record<Operation, number>> {
  const { ctx, actor } = side;
  const imported = await importFloorProposals(ctx, actor, { kab: KAB, period: PERIOD.code, release: side.release, count: proposals });
  let t0 = ms();
  const decided = await decideProposals(ctx, actor, { filter: {}, decision: 'APPROVE' });
  const approve = (ms() - t0) / 1000;
  if (decided.decided !== imported.proposals) throw new Error(`${side.label}: ${decided.decided} of ${imported.proposals} approved`);
  const pages = Math.max(1, Math.min(400, Math.floor(districtHouseholds / 25)));
  const householdList = await timesOf(() => listHouseholds(ctx, actor, { page: 1 + Math.floor(Math.random() * pages), pageSize: 25 }), 40);
  const proposalList = await timesOf(() => listProposals(ctx, actor, { tab: 'PERBAIKAN', page: 3, pageSize: 25 }), 40);
  t0 = ms();
  await getRecapDesa(ctx, actor, {});
  const rekapDesa = ms() - t0;
  t0 = ms();
  const file = await prepareRelease(ctx, actor, 'kata sandi bench rilis');
  const release = ms() - t0;
  file.dispose();
  return {
    import: imported.seconds,
    approve,
    householdListP95: percentile(householdList, 95),
    proposalListP95: percentile(proposalList, 95),
    rekapDesa,
    release,
  };
}

/** The national and province views: the first read (after district writes) and the median of `runs` reads, in ms. */
async function nationalViews(ctx: AppContext) {
  const { actor: pusdatin } = await benchUser(ctx, `pusdatin_bench_${Date.now()}`, 'PUSDATIN', []);
  const { actor: province } = await benchUser(ctx, `provinsi_bench_${Date.now()}`, 'PROVINSI', [PROVINCE]);
  const db = ctx.database.db;
  const live = (prefix: string, level: 'provinsi' | 'kabkota') => () =>
    areaFigures(db, { prefix, level, period: PERIOD.code, areas: sql<boolean>`true`, households: () => sql<boolean>`true`, live: true });
  const views: [string, (a: { pusdatin: Actor; province: Actor }) => Promise<unknown>][] = [
    ['map figures, nation', (a) => getMapFigures(ctx, a.pusdatin, {})],
    ['map figures, province', (a) => getMapFigures(ctx, a.province, { parent: PROVINCE })],
    ['rekap per province, nation', (a) => getRecapProvinsi(ctx, a.pusdatin, {})],
    ['rekap per province, province', (a) => getRecapProvinsi(ctx, a.province, {})],
    ['monitoring, nation', (a) => getFinalisationMonitoring(ctx, a.pusdatin, {})],
    ['monitoring, province', (a) => getFinalisationMonitoring(ctx, a.province, {})],
    ['beranda, nation', (a) => getHome(ctx, a.pusdatin)],
    ['beranda, province', (a) => getHome(ctx, a.province)],
    ['(live GROUP BY) map figures, nation', live('', 'provinsi')],
    ['(live GROUP BY) map figures, province', live(PROVINCE, 'kabkota')],
  ];
  const out: { view: string; firstMs: number; medianMs: number }[] = [];
  for (const [view, fn] of views) {
    const t0 = ms();
    await fn({ pusdatin, province });
    const firstMs = ms() - t0;
    const times = await timesOf(() => fn({ pusdatin, province }), runs);
    out.push({ view, firstMs: round(firstMs), medianMs: round(percentile(times, 50)) });
  }
  return out;
}

const alone = await prepare('alone', districtHouseholds, 1, 1);
const nation = await prepare('nation', nationHouseholds, undefined, undefined);
const counts = async (ctx: AppContext) =>
  (
    await sql<{ households: number; districts: number }>`
    select count(*)::int as households, count(distinct left(kode_wilayah, 4))::int as districts from households`.execute(ctx.database.db)
  ).rows[0]!;
const sizes = { alone: await counts(alone.ctx), nation: await counts(nation.ctx) };

const samples: Record<'alone' | 'nation', Record<Operation, number>[]> = { alone: [], nation: [] };
for (let run = 0; run < runs; run++) {
  // Alternating (and swapping who goes first) so that a busy minute is shared by both sides.
  const order = run % 2 === 0 ? [alone, nation] : [nation, alone];
  for (const side of order) {
    const r = await districtRun(side);
    samples[side.label as 'alone' | 'nation'].push(r);
    process.stderr.write(
      `run ${run + 1} ${side.label}: ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, 2)])))}\n`,
    );
  }
}
/** Rows and bytes (table, indexes and TOAST: pg_total_relation_size) of the district-owned tables, PostgreSQL only. */
async function tableSizes(ctx: AppContext) {
  if (ctx.database.kind !== 'postgres') return [];
  const tables = ['households', 'members', 'household_history', 'household_locations', 'kpm_memberships', 'pbi_participants'];
  const more = ['proposals', 'import_staging', 'audit_log', 'district_figures'];
  const out: { table: string; rows: number; bytes: number; bytesPerRow: number | null }[] = [];
  for (const table of [...tables, ...more]) {
    const r = await sql<{ rows: number; bytes: string }>`
      select (select count(*)::int from ${sql.table(table)}) as rows, pg_total_relation_size(${table}::regclass)::text as bytes`.execute(
      ctx.database.db,
    );
    const { rows, bytes } = r.rows[0]!;
    out.push({ table, rows, bytes: Number(bytes), bytesPerRow: rows > 0 ? Math.round(Number(bytes) / rows) : null });
  }
  return out;
}

// The district just wrote: the first national read recomputes its figures (the others are current).
const views = await nationalViews(nation.ctx);
const sizesOnDisk = await tableSizes(nation.ctx);

const unit: Record<Operation, string> = {
  import: 's',
  approve: 's',
  householdListP95: 'ms',
  proposalListP95: 'ms',
  rekapDesa: 'ms',
  release: 'ms',
};
const operations = OPERATIONS.map((op) => {
  const a = median(samples.alone.map((s) => s[op]));
  const n = median(samples.nation.map((s) => s[op]));
  return { operation: op, unit: unit[op], alone: round(a, 2), nation: round(n, 2), ratio: round(n / a, 2) };
});
const pad = (s: string, n: number) => s.padEnd(n);
process.stderr.write(`\n${pad('operation', 20)}${pad('alone', 12)}${pad('in nation', 12)}ratio\n`);
for (const o of operations)
  process.stderr.write(`${pad(o.operation, 20)}${pad(`${o.alone} ${o.unit}`, 12)}${pad(`${o.nation} ${o.unit}`, 12)}${o.ratio}×\n`);
process.stderr.write(`\n${pad('national view', 40)}${pad('first', 12)}median\n`);
for (const v of views) process.stderr.write(`${pad(v.view, 40)}${pad(`${v.firstMs} ms`, 12)}${v.medianMs} ms\n`);

const result = {
  bench: 'nation',
  engine,
  nationHouseholds: sizes.nation.households,
  nationDistricts: sizes.nation.districts,
  districtHouseholds,
  proposals,
  runs,
  seedSeconds: { alone: round(alone.seedSeconds), nation: round(nation.seedSeconds) },
  /** Computing the maintained figures of every district of the nation at once (a fresh installation's first national read). */
  figuresSeconds: round(nation.figuresSeconds, 2),
  load: os.loadavg().map((x) => round(x, 2)),
  operations,
  maxRatio: Math.max(...operations.map((o) => o.ratio)),
  views,
  slowestViewMs: Math.max(...views.filter((v) => !v.view.startsWith('(live')).map((v) => v.medianMs)),
  tables: sizesOnDisk,
  samples,
};
for (const side of [alone, nation]) {
  await side.opened.close();
  fs.rmSync(side.opened.dir, { recursive: true, force: true });
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/nation-${engine}.json`, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
