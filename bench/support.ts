// What the benches share: the district supervisor they act as, with an API token for HTTP benches
// and the actor the services see for in-process ones (read back through the token, as a request would).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { authenticateToken, createApiToken, createUser } from '../src/server/modules/access/index.ts';
import { type AppContext, CLI_ACTOR } from '../src/server/platform/context.ts';
import type { Actor } from '../src/server/platform/scope.ts';
import type { Role } from '../src/shared/roles.ts';
import { importPackage, runPendingImports } from '../src/server/modules/packages/index.ts';
import { buildPackage } from '../test/support/packages.ts';
import { Readable } from 'node:stream';

/** Creates `<kab>_supervisor` (password bench-password-123) and returns its token and actor. */
export async function benchSupervisor(ctx: AppContext, kab = '3174'): Promise<{ token: string; actor: Actor }> {
  return benchUser(ctx, `${kab}_supervisor`, 'SUPERVISOR', [kab]);
}

/** Creates a user of any role and scope (password bench-password-123) and returns its token and actor. */
export async function benchUser(
  ctx: AppContext,
  username: string,
  role: Role,
  regions: string[],
): Promise<{ token: string; actor: Actor }> {
  await createUser(ctx, CLI_ACTOR, { username, name: 'bench', role, regions, password: 'bench-password-123', mustChangePassword: false });
  const { token } = await createApiToken(ctx, CLI_ACTOR, username, 'bench');
  const actor = await authenticateToken(ctx, token);
  if (!actor) throw new Error(`the bench token of ${username} does not authenticate`);
  return { token, actor: actor as Actor };
}

/** A PERBAIKAN proposal line that changes a household's floor (lantai), as an operator would send it. */
export function floorProposal(h: { idbdt: string; version: number; lantai: number | null }) {
  return {
    proposalId: randomUUID(),
    type: 'PERBAIKAN',
    idbdt: h.idbdt,
    baseVersion: h.version,
    verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2026-08-11', musdesAt: null, note: '' },
    household: { lantai: h.lantai === 2 ? 4 : 2 },
    members: [],
    media: [],
    createdAt: '2026-08-11T09:00:00+07:00',
  };
}

/** Runs `fn` under the CPU profiler when BENCH_PROFILE names a directory; the profile goes to <dir>/<name>.cpuprofile. */
export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const out = process.env.BENCH_PROFILE;
  if (!out) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** The times (ms, sorted) of `n` calls of `fn`, one after the other. */
export async function timesOf(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** The median of values (the middle one, or the lower middle of an even count). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Imports `count` PERBAIKAN proposals (floorProposal of every n-th household of the district, at
 * their current versions) as one operator package against `release`, and runs the import job;
 * returns the proposals sent and the seconds of the job (the upload aside).
 */
export async function importFloorProposals(
  ctx: AppContext,
  actor: Actor,
  opts: { kab: string; period: string; release: { id: string; packageKey: Uint8Array }; count: number },
): Promise<{ proposals: number; seconds: number }> {
  const targets = await ctx.database.db
    .selectFrom('households')
    .select(['idbdt', 'version', 'kode_wilayah', 'lantai'])
    .where('kode_wilayah', 'like', `${opts.kab}%`)
    .orderBy('idbdt')
    .execute();
  const step = Math.max(1, Math.floor(targets.length / opts.count));
  const chosen = targets.filter((_h, i) => i % step === 0).slice(0, opts.count);
  const scope = [...new Set(chosen.map((h) => h.kode_wilayah.slice(0, 6)))];
  const pkg = await buildPackage({
    release: opts.release,
    kab: opts.kab,
    period: opts.period,
    scope,
    proposals: chosen.map(floorProposal),
  });
  await importPackage(ctx, actor, { fileName: 'bench.siks', stream: Readable.from([Buffer.from(pkg.bytes)]) });
  const t0 = performance.now();
  await runPendingImports(ctx);
  return { proposals: chosen.length, seconds: (performance.now() - t0) / 1000 };
}
