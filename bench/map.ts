// The map at scale (issue 12): a district of N households (argv[2], default 200,000) seeded with its
// generated shapes and household coordinates and the demo KPM/PBI lists; then the requests of the
// map page as a supervisor makes them (boundaries + figures of the district level and of one
// kecamatan) and the points route at several zooms, each over a 1280×720 viewport centred on the
// district's densest spot (the largest answer a screen can ask for). Requests go through the HTTP
// app (fastify inject: validation, serialisation, no network). EXPLAIN ANALYZE of the figures query
// goes to stderr; one JSON line to stdout and to bench/results/map-<engine>.json.
// Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set
// (node scripts/with-postgres.mjs npx tsx bench/map.ts 200000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { mapCellSize } from '../src/shared/api/map.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { buildApp } from '../src/server/http/app.ts';
import { seedDemoLists, seedDistrict } from '../src/server/modules/demo/index.ts';
import { figuresQuery, viewportClusters } from '../src/server/modules/gis/map.queries.ts';
import { openPeriod } from '../src/server/modules/periods/index.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { CLI_ACTOR } from '../src/server/platform/context.ts';
import { inScope } from '../src/server/platform/scope.ts';
import { benchSupervisor } from './support.ts';

const KAB = '3174';
const households = Number(process.argv[2] ?? 200_000);
const runs = 5;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-map-'));
const config = loadConfig({ ...process.env, SIKS_DATA_DIR: dir, SIKS_TEST_FAST_HASHING: '1' });
const opened = await openContext(config);
const { ctx } = opened;
const db = ctx.database.db;
const t = () => performance.now();

const t0 = t();
await seedDistrict(ctx, { kab: KAB, households, seed: 12, mistakeRate: 0 });
await openPeriod(ctx, CLI_ACTOR, { code: '2026-07', startsOn: '2026-07-01', endsOn: '2026-12-31' });
await seedDemoLists(ctx, KAB, '2026-07-01');
if (ctx.database.kind === 'postgres') await sql`analyze`.execute(db);
const seedSeconds = (t() - t0) / 1000;
const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(db)).rows[0]!.n;
const located = await count(sql`select count(*)::int as n from household_locations where kab_kota = ${KAB}`);
const shapes = await count(sql`select count(*)::int as n from region_boundaries where code like ${`${KAB}%`}`);
if (located === 0 || shapes === 0) throw new Error(`the seeded district has ${located} located households and ${shapes} shapes`);

const { token, actor } = await benchSupervisor(ctx, KAB);
const app = await buildApp(ctx, { webDist: '/nonexistent' });
await app.ready();

/** The median time and the size of a GET, after one warm-up call. */
async function measure(url: string) {
  const call = () => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const first = await call();
  if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body.slice(0, 300)}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = t();
    await call();
    times.push(t() - s);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(runs / 2)]! * 10) / 10, bytes: first.rawPayload.length, body: first.json() };
}

/** The page's two requests for one area (they run side by side in the browser; here one after the other). */
async function pageLoad(parent: string) {
  const shapesAnswer = await measure(`/api/v1/boundaries?parent=${parent}`);
  const figures = await measure(`/api/v1/map/figures?parent=${parent}`);
  return {
    parent,
    areas: (figures.body as { items: unknown[] }).items.length,
    boundaries: { ms: shapesAnswer.ms, bytes: shapesAnswer.bytes },
    figures: { ms: figures.ms, bytes: figures.bytes },
    totalMs: Math.round((shapesAnswer.ms + figures.ms) * 10) / 10,
  };
}

const district = await pageLoad(KAB);
const kecamatan = (
  await sql<{ code: string }>`select left(kode_wilayah, 6) as code from households where kode_wilayah like ${`${KAB}%`}
    group by 1 order by count(*) desc limit 1`.execute(db)
).rows[0]!.code;
const kecamatanLoad = await pageLoad(kecamatan);

// The densest spot: the fullest cell of the zoom-14 grid.
const bounds = (
  await sql<{ w: number; s: number; e: number; n: number }>`
  select min(lng) as w, min(lat) as s, max(lng) as e, max(lat) as n from household_locations where kab_kota = ${KAB}`.execute(db)
).rows[0]!;
const whole = [bounds.w, bounds.s, bounds.e, bounds.n] as const;
const scoped = { kab: KAB, bbox: whole, households: inScope(actor, 'h.kode_wilayah') };
const densest = (await viewportClusters(db, scoped, mapCellSize(14))).sort((a, b) => b.count - a.count)[0]!;

/** The bbox of a width×height pixel screen at a zoom around a centre (Web Mercator, near the equator). */
function viewport(lat: number, lng: number, zoom: number, width = 1280, height = 720) {
  const degPerPx = 360 / (256 * 2 ** zoom);
  const halfW = (width / 2) * degPerPx;
  const halfH = (height / 2) * degPerPx * Math.cos((lat * Math.PI) / 180);
  return [lng - halfW, lat - halfH, lng + halfW, lat + halfH].map((x) => x.toFixed(6)).join(',');
}

const points = [];
for (const zoom of [11, 12, 13, 14, 15, 16, 17, 18]) {
  const r = await measure(`/api/v1/map/points?kab=${KAB}&bbox=${viewport(densest.lat, densest.lng, zoom)}&zoom=${zoom}`);
  const body = r.body as { kind: string; total: number; clusters: unknown[]; points: unknown[] };
  points.push({
    zoom,
    kind: body.kind,
    households: body.total,
    items: body.clusters.length + body.points.length,
    ms: r.ms,
    bytes: r.bytes,
  });
}
const largest = points.reduce((a, b) => (b.bytes > a.bytes ? b : a));

// Plans of the figures query (district level) and of the points queries at the largest answer.
const explain = async (name: string, statement: ReturnType<typeof sql>) => {
  const r = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${statement}`.execute(db);
  process.stderr.write(`--- ${name}\n${r.rows.map((row) => row['QUERY PLAN']).join('\n')}\n`);
};
const period = '2026-07';
await explain(
  'figures of the district (kecamatan level)',
  figuresQuery({ prefix: KAB, level: 'kecamatan', period, areas: sql`true`, households: (c) => inScope(actor, c) }),
);
await explain(
  'figures of a kecamatan (desa level)',
  figuresQuery({ prefix: kecamatan, level: 'desa', period, areas: sql`true`, households: (c) => inScope(actor, c) }),
);

await app.close();
await opened.close();
fs.rmSync(dir, { recursive: true, force: true });
const result = {
  bench: 'map',
  engine: ctx.database.kind,
  households,
  located,
  shapes,
  seedSeconds: Math.round(seedSeconds),
  runs,
  page: { district, kecamatan: kecamatanLoad },
  points,
  largestPoints: largest,
};
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/map-${ctx.database.kind}.json`, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
