// Demo data: fills a district with generated households (bulk COPY in one transaction) and, on
// the first start of an empty installation, creates the demo district and one user per role.
import { on } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { deferIndexesIfEmpty } from '../../platform/bulk-load.ts';
import { markDistrictFiguresStale } from '../figures/index.ts';
import type { Role } from '../../../shared/roles.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { CLI_ACTOR, type AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import sharp from 'sharp';
import { createUser } from '../access/index.ts';
import { isMouApproved } from '../mou/index.ts';
import { findOpenPeriod, openPeriod } from '../periods/index.ts';
import { desaShapes, ensureDemoBoundaries } from '../gis/index.ts';
import { findRegion, listRegionsUnder } from '../regions/index.ts';
import { approveMouDirectly, seedDemoPrograms } from './demo.fixtures.ts';
import { seedDemoLists } from './demo.lists.ts';
import { DEFAULT_MISTAKE_RATE, districtBox, hashSeed, Rng } from './demo.generator.ts';
import { HOUSEHOLD_COLUMNS, LOCATION_COLUMNS, MEMBER_COLUMNS, type SeedBatch, type SeedPlan, seedBatches } from './demo.rows.ts';

// Seeding takes this lock for its transaction, so two seedings of one installation queue instead
// of reading the same "next free serial" and colliding on the primary key.
const DEMO_SEED_LOCK = 727_274_010;

// From this size the rows are generated in a worker thread while this one copies the previous
// batch (the thread's start, about a second, is not worth it below).
const PARALLEL_FROM = 20_000;
// Batches the generation thread may run ahead of the copying: memory stays a few batches' text.
const PARALLEL_AHEAD = 2;

/** The district of the demo installation: Kota Administrasi Jakarta Selatan. */
export const DEMO_KAB = '3174';
/** Households of the demo district when none is asked for. */
export const DEMO_HOUSEHOLDS = 20_000;

/** Input of seedDistrict. */
export interface SeedDistrictInput {
  /** Kabupaten/kota code (4 digits). */
  kab: string;
  households: number;
  seed: number;
  /** Share of households with one planted mistake (default 0.02). */
  mistakeRate?: number;
  /** Generate in a worker thread while copying (default: from 20,000 households); the rows are the same either way. */
  parallel?: boolean;
}

/** Result of seedDistrict: rows written and the time taken. */
export interface SeedDistrictResult {
  households: number;
  members: number;
  ms: number;
}

const invalid = (id: string, en: string) => new AppError('VALIDATION', undefined, { id, en });

/** Generates `households` demo households in a district and stores them with COPY in one transaction (appends after existing serials). */
export async function seedDistrict(ctx: AppContext, input: SeedDistrictInput): Promise<SeedDistrictResult> {
  const started = Date.now();
  const { kab, households, seed } = input;
  const mistakeRate = input.mistakeRate ?? DEFAULT_MISTAKE_RATE;
  if (!Number.isSafeInteger(households) || households < 1)
    throw invalid('Jumlah rumah tangga harus bilangan bulat positif', 'The number of households must be a positive whole number');
  if (!Number.isSafeInteger(seed)) throw invalid('Seed harus bilangan bulat', 'The seed must be a whole number');
  if (!(mistakeRate >= 0 && mistakeRate <= 1))
    throw invalid('Proporsi kesalahan harus antara 0 dan 1', 'The mistake rate must be between 0 and 1');
  if (typeof kab !== 'string' || !/^[0-9]{4}$/.test(kab)) throw new AppError('UNKNOWN_REGION', { region: kab });

  const { database } = ctx;
  const region = await findRegion(database.db, kab);
  if (region?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION', { region: kab });
  const desa = (await listRegionsUnder(database.db, kab, 'desa')).map((r) => ({
    code: r.code,
    kecamatan: r.parent_code ?? r.code.slice(0, 6),
  }));
  if (desa.length === 0) throw new AppError('UNKNOWN_REGION', { region: kab });

  const counts = await database.transaction(async (tx) => {
    await sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`.execute(tx);
    // The map works with no download: a district without shapes gets generated ones (kept across
    // seedings), and every household a point inside its desa's shape, also its own lat/lng.
    const box = districtBox(kab);
    const shapeRng = new Rng(hashSeed('demo-shapes', kab));
    const shapes = await ensureDemoBoundaries(tx, kab, box, () => shapeRng.next());
    const restoreKeys = await deferIndexesIfEmpty(tx, LOADED_TABLES, { foreignKeys: true, insertTriggers: true });
    const plan: SeedPlan = {
      kab,
      desa,
      households,
      seed,
      mistakeRate,
      nextSerial: await nextIdbdtSerials(tx, kab),
      personFloor: await personSerialFloors(tx, kab),
      box,
      today: districtDate(kab, now()),
      birthPlace: townOf(kab, region.name),
      shapes: await desaShapes(tx, kab),
    };
    let totalHouseholds = 0;
    let totalMembers = 0;
    let totalPoints = 0;
    for await (const batch of seedBatchesOf(plan, input.parallel ?? households >= PARALLEL_FROM)) {
      await database.copyText(tx, 'households', HOUSEHOLD_COLUMNS, [batch.households]);
      await database.copyText(tx, 'members', MEMBER_COLUMNS, [batch.members]);
      if (batch.counts.points > 0) await database.copyText(tx, 'household_locations', LOCATION_COLUMNS, [batch.locations]);
      totalHouseholds += batch.counts.households;
      totalMembers += batch.counts.members;
      totalPoints += batch.counts.points;
    }
    await restoreKeys();
    // What the figures' insert triggers (migration 0031), off during a load into empty tables, do
    // once: mark the district's figures stale (a mark too many only costs one recomputation).
    await markDistrictFiguresStale(tx, kab);

    const n = (v: number, lang: 'id-ID' | 'en-US') => v.toLocaleString(lang);
    await recordAudit(tx, {
      actor: CLI_ACTOR,
      action: 'DEMO_SEED',
      text: {
        id: `Membuat data demo ${n(totalHouseholds, 'id-ID')} rumah tangga di ${region.name}`,
        en: `Created demo data of ${n(totalHouseholds, 'en-US')} households in ${region.name}`,
      },
      regionCode: kab,
      details: { households: totalHouseholds, members: totalMembers, seed, shapes, points: totalPoints },
    });
    return { households: totalHouseholds, members: totalMembers };
  });
  // Fresh statistics after a bulk load: PGlite has no autovacuum, and without them the planner
  // sorts a whole district for every page of a release instead of walking the index.
  await sql`analyze households`.execute(database.db);
  await sql`analyze members`.execute(database.db);
  await sql`analyze household_locations`.execute(database.db);
  return { ...counts, ms: Date.now() - started };
}

/** The plan's batches: generated here, or in a worker thread (demo.worker.ts) running ahead of the copying. */
async function* seedBatchesOf(plan: SeedPlan, parallel: boolean): AsyncGenerator<SeedBatch> {
  if (!parallel) {
    yield* seedBatches(plan);
    return;
  }
  const consumed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./demo.worker.mjs', import.meta.url), { workerData: { plan, consumed, ahead: PARALLEL_AHEAD } });
  try {
    // `on` rejects when the worker throws, which rolls the seeding back.
    for await (const [batch] of on(worker, 'message') as AsyncIterableIterator<[SeedBatch | null]>) {
      if (batch === null) return;
      yield batch;
      Atomics.add(consumed, 0, 1);
      Atomics.notify(consumed, 0);
    }
  } finally {
    await worker.terminate();
  }
}

// The tables a seeding loads, parents first.
const LOADED_TABLES = ['households', 'members', 'household_locations'] as const;

/** Next free 6-digit serial per desa: the highest idbdt serial already issued there, plus one. */
async function nextIdbdtSerials(tx: Db, kab: string): Promise<Map<string, number>> {
  // By the idbdt prefix, not kode_wilayah: a household moved to another desa keeps its idbdt,
  // and its serial must never be issued again in the desa it came from.
  const rows = await sql<{ desa: string; serial: number }>`
    select left(idbdt, 10) as desa, max(right(idbdt, 6))::int as serial
    from households where idbdt like ${`${kab}%`} group by 1`.execute(tx);
  return new Map(rows.rows.map((r) => [r.desa, r.serial + 1]));
}

/** Highest NIK / No KK serial (digits 13-16) per kecamatan prefix of the district, so that new numbers are not reissued. */
async function personSerialFloors(tx: Db, kab: string): Promise<Map<string, number>> {
  const prefix = `${kab}%`;
  const rows = await sql<{ kecamatan: string; serial: number }>`
    select kecamatan, max(serial)::int as serial from (
      select left(nik, 6) as kecamatan, max(right(nik, 4)) as serial from members where nik like ${prefix} group by 1
      union all
      select left(no_kk, 6), max(right(no_kk, 4)) from members where no_kk like ${prefix} group by 1
    ) s group by kecamatan`.execute(tx);
  return new Map(rows.rows.map((r) => [r.kecamatan, r.serial]));
}

/** The town name people write as their place of birth: "Kota Administrasi Jakarta Selatan" → "Jakarta". */
function townOf(kab: string, name: string): string {
  if (kab.startsWith('31')) return 'Jakarta';
  return name.replace(/^(kabupaten|kota)\s+(administrasi\s+)?/i, '').trim() || name;
}

/** One demo login, as printed once and written to demo-credentials.txt. */
export interface DemoCredential {
  username: string;
  role: string;
  password: string;
}

const DEMO_USERS: readonly { username: string; name: string; role: Role; regions: string[] }[] = [
  { username: 'pusdatin', name: 'Pusdatin Kesos (demo)', role: 'PUSDATIN', regions: [] },
  { username: 'pfm', name: 'Ditjen PFM (demo)', role: 'PFM', regions: [] },
  { username: 'provinsi_31', name: 'Dinas Sosial Provinsi DKI Jakarta (demo)', role: 'PROVINSI', regions: ['31'] },
  {
    username: '3174_supervisor',
    name: 'Supervisor Kota Jakarta Selatan (demo)',
    role: 'SUPERVISOR',
    regions: ['3174'],
  },
  { username: '3174_operator', name: 'Operator Kecamatan Tebet (demo)', role: 'OPERATOR', regions: ['317401'] },
];

/** File name of the demo logins inside the data directory. */
export const DEMO_CREDENTIALS_FILE = 'demo-credentials.txt';

/** With no user at all: seeds 3174 and creates one user per role, passwords in <dataDir>/demo-credentials.txt (0600); else does nothing. */
export async function ensureDemo(
  ctx: AppContext,
  opts: { dataDir: string; households?: number },
): Promise<{ created: boolean; credentials?: DemoCredential[] }> {
  const { db } = ctx.database;
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return { created: false };
  // Seed only a district that is still empty: if an earlier start seeded it but stopped before
  // creating the users, seeding again would double the district.
  const seeded = await db.selectFrom('households').select('idbdt').where('idbdt', 'like', `${DEMO_KAB}%`).limit(1).executeTakeFirst();
  if (!seeded) await seedDistrict(ctx, { kab: DEMO_KAB, households: opts.households ?? DEMO_HOUSEHOLDS, seed: 1 });
  const credentials: DemoCredential[] = [];
  for (const u of DEMO_USERS) {
    const { password } = await createUser(ctx, CLI_ACTOR, {
      username: u.username,
      name: u.name,
      role: u.role,
      regions: u.regions,
      mustChangePassword: false,
    });
    credentials.push({ username: u.username, role: u.role, password });
  }
  await prepareDemoLoop(ctx);
  writeCredentials(path.join(opts.dataDir, DEMO_CREDENTIALS_FILE), credentials);
  return { created: true, credentials };
}

/** The verval period of a date: periods start in January and July ("BDT Juli 2026"). */
export function demoPeriodOf(today: Date): { code: string; startsOn: string; endsOn: string } {
  const y = today.getUTCFullYear();
  const first = today.getUTCMonth() < 6;
  return first
    ? { code: `${y}-01`, startsOn: `${y}-01-01`, endsOn: `${y}-06-30` }
    : { code: `${y}-07`, startsOn: `${y}-07-01`, endsOn: `${y}-12-31` };
}

// A scanned page stand-in: an A4-shaped PNG with a caption, made by the server's own image
// pipeline so that it passes the same checks as a real upload.
async function demoScan(title: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="620" height="877"><rect width="100%" height="100%" fill="#fff"/><text x="40" y="80" font-family="sans-serif" font-size="28">${title}</text><text x="40" y="130" font-family="sans-serif" font-size="18">Contoh untuk demo SIKS-NG</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Makes the whole field loop available at once in the demo: a period open for verval, the BSP/PBI
 * quotas, and the district's MoU uploaded and approved (the same rows and log entries as real).
 */
async function prepareDemoLoop(ctx: AppContext): Promise<void> {
  await ensureDemoPeriod(ctx);
  await prepareDemoDistrict(ctx, DEMO_KAB);
}

/** Opens the demo period (of the demo district's date) unless a period is open. */
export async function ensureDemoPeriod(ctx: AppContext): Promise<void> {
  if (await findOpenPeriod(ctx)) return;
  // The period of the demo district's date (31 December 20:00 UTC is already January in Jakarta).
  const p = demoPeriodOf(new Date(districtDate(DEMO_KAB, now())));
  await openPeriod(ctx, CLI_ACTOR, { ...p, skNumber: 'Demo' });
}

/** Gives a seeded district the demo programme stage, quotas and lists and an approved MoU (each once). */
export async function prepareDemoDistrict(ctx: AppContext, kab: string): Promise<void> {
  await seedDemoPrograms(ctx, kab);
  await seedDemoLists(ctx, kab, districtDate(kab, now()));
  await approveDemoMou(ctx, kab);
}

/** Uploads and approves demo scans as a district's MoU unless it has an approved one; returns whether it approved one now. */
export async function approveDemoMou(ctx: AppContext, kab: string): Promise<boolean> {
  const region = await findRegion(ctx.database.db, kab);
  if (region?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION', { region: kab });
  if (await isMouApproved(ctx, kab)) return false;
  await approveMouDirectly(ctx, CLI_ACTOR, kab, {
    mou: await demoScan('Nota Kesepahaman (MoU)'),
    permohonan: await demoScan('Surat Permohonan Data BDT'),
  });
  return true;
}

function writeCredentials(file: string, credentials: readonly DemoCredential[]): void {
  const widths = [Math.max(4, ...credentials.map((c) => c.role.length)), Math.max(7, ...credentials.map((c) => c.username.length))];
  const row = (a: string, b: string, c: string) => `${a.padEnd(widths[0]!)}  ${b.padEnd(widths[1]!)}  ${c}`;
  const text = [
    'SIKS-NG demo logins / Akun demo SIKS-NG',
    `Created ${new Date().toISOString()}. Keep this file private; delete it once the passwords are changed.`,
    '',
    row('Role', 'User ID', 'Password'),
    row('-'.repeat(widths[0]!), '-'.repeat(widths[1]!), '-'.repeat(8)),
    ...credentials.map((c) => row(c.role, c.username, c.password)),
    '',
  ].join('\n');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A fresh file ('wx') so that mode 0600 applies even when an old copy was readable by others.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
}
