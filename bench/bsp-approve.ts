// BSP approval at scale (issue 10): a district of 200,000 households with its demo KPM list
// (BPNT quota 25 % of households, list filled to 90 %), 10,000 BSP_GANTI proposals (each KPM
// replaced by a household of the waiting list), then one bulk approval of all of them with the
// quota locked and checked inside the approving transaction. Beside it, the p95 of the KPM list
// page (GET /api/v1/kpm's service), the BSP review list and the waiting list.
// Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set
// (node scripts/with-postgres.mjs npx tsx bench/bsp-approve.ts).
// Usage: npx tsx bench/bsp-approve.ts [households=200000] [proposals=10000]
// BENCH_PROFILE=dir writes a CPU profile of the approval alone into dir (bsp-approve.cpuprofile).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openContext } from '../src/server/bootstrap.ts';
import { seedDemoLists, seedDistrict } from '../src/server/modules/demo/index.ts';
import { openPeriod } from '../src/server/modules/periods/index.ts';
import { listKpm } from '../src/server/modules/programs/index.ts';
import { decideProgrammeProposals, kpmWaitingList, listProgrammeProposals } from '../src/server/modules/programs/proposals.service.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { CLI_ACTOR } from '../src/server/platform/context.ts';
import { benchSupervisor, profiled } from './support.ts';

const households = Number(process.argv[2] ?? 200_000);
const proposals = Number(process.argv[3] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-bsp-'));
const config = loadConfig({ ...process.env, SIKS_DATA_DIR: dir, SIKS_TEST_FAST_HASHING: '1' });
const opened = await openContext(config);
const { ctx } = opened;
const db = ctx.database.db;
const engine = ctx.database.kind;
const t = () => performance.now();

let t0 = t();
await seedDistrict(ctx, { kab: '3174', households, seed: 7, mistakeRate: 0 });
await openPeriod(ctx, CLI_ACTOR, { code: '2026-07', startsOn: '2026-07-01', endsOn: '2026-12-31' });
const lists = (await seedDemoLists(ctx, '3174', '2026-07-01'))!;
const seedSeconds = (t() - t0) / 1000;
const { actor } = await benchSupervisor(ctx);

// The n richest KPM, each replaced by the n-th household of the waiting list (desil 1–4, not KPM).
await sql`
  insert into proposals (id, kab_kota, kode_wilayah, module, type, idbdt, body, operator_username, status, proposal_created_at,
                         origin, program, replacement_idbdt, reason_code)
  select gen_random_uuid(), '3174', o.kode_wilayah, 'BSP', 'BSP_GANTI', o.idbdt,
         jsonb_build_object('type', 'BSP_GANTI', 'program', 'BPNT', 'idbdt', o.idbdt, 'replacementIdbdt', r.idbdt, 'reason', 3,
                            'note', '', 'id_pengurus', null, 'no_kks', null, 'no_rekening', null),
         '3174_supervisor', 'MENUNGGU', now(), 'ONLINE', 'BPNT', r.idbdt, 3
  from (select h.idbdt, h.kode_wilayah, row_number() over (order by h.persentil desc, h.idbdt) as n
        from kpm_memberships k join households h on h.idbdt = k.idbdt
        where k.kab_kota = '3174' and k.program = 'BPNT' and k.status = 'AKTIF') o
  join (select h.idbdt, row_number() over (order by h.persentil, h.idbdt) as n
        from households h
        where h.kode_wilayah like '3174%' and h.status = 'AKTIF' and h.persentil between 1 and 40
          and not exists (select 1 from kpm_memberships k where k.idbdt = h.idbdt)) r on r.n = o.n
  where o.n <= ${proposals}`.execute(db);
const waiting = (await listProgrammeProposals(ctx, actor, 'BSP', { status: 'MENUNGGU', page: 1, pageSize: 1 })).total;
const usedBefore = Number(
  (await sql<{ n: string }>`select count(*) as n from kpm_memberships where kab_kota = '3174' and status = 'AKTIF'`.execute(db)).rows[0]!.n,
);

t0 = t();
const decided = await profiled('bsp-approve', () => decideProgrammeProposals(ctx, actor, 'BSP', { filter: {}, decision: 'APPROVE' }));
const approveSeconds = (t() - t0) / 1000;
const usedAfter = Number(
  (await sql<{ n: string }>`select count(*) as n from kpm_memberships where kab_kota = '3174' and status = 'AKTIF'`.execute(db)).rows[0]!.n,
);

// Server-side latency of the list pages (p95 over repeated calls).
async function p95(fn: (i: number) => Promise<unknown>, n = 40) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = t();
    await fn(i);
    times.push(t() - s);
  }
  times.sort((a, b) => a - b);
  return +times[Math.floor(n * 0.95) - 1]!.toFixed(1);
}
const listKpmP95 = await p95((i) => listKpm(ctx, actor, { program: 'BPNT', status: 'AKTIF', page: 1 + (i % 20), pageSize: 25 }));
const listKpmDeepP95 = await p95((i) => listKpm(ctx, actor, { program: 'BPNT', page: 1000 + i, pageSize: 25 }));
const listProposalsP95 = await p95((i) => listProgrammeProposals(ctx, actor, 'BSP', { page: 1 + (i % 20), pageSize: 25 }));
const waitingListP95 = await p95(() => kpmWaitingList(ctx, actor, { program: 'BPNT', page: 1, pageSize: 25 }), 10);

const result = {
  engine,
  households,
  kpm: lists.kpm,
  quota: lists.quotas.BPNT,
  proposals: waiting,
  seedSeconds: +seedSeconds.toFixed(1),
  approveSeconds: +approveSeconds.toFixed(2),
  approvedPerSecond: Math.round(decided.decided / approveSeconds),
  ...decided,
  aktifBefore: usedBefore,
  aktifAfter: usedAfter,
  listKpmP95ms: listKpmP95,
  listKpmPage1000P95ms: listKpmDeepP95,
  listBspProposalsP95ms: listProposalsP95,
  kpmWaitingListP95ms: waitingListP95,
  date: new Date().toISOString(),
};
console.log(JSON.stringify(result));
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/bsp-approve-${engine}.json`, `${JSON.stringify(result, null, 2)}\n`);
await opened.close();
fs.rmSync(dir, { recursive: true, force: true });
