import cluster, { type Worker } from 'node:cluster';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DemoCredential } from './modules/demo/index.ts';
import { AuditKeyError } from './platform/audit-anchor.ts';
import { DataDirBusyError } from './platform/data-lock.ts';

// The server's processes: the preparation child (migrations and the demo seed) and the cluster
// of workers that share the port when SIKS_WORKERS > 1.

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Node options for a child that runs TypeScript: the parent's own, plus tsx's loader by absolute URL
 * (bin/start.mjs registers tsx through its API, which leaves no trace in execArgv, and a bare
 * `--import tsx` would resolve from the working directory).
 */
export function tsxExecArgv(): string[] {
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const own = process.execArgv;
  const has =
    own.some((a, i) => (a === '--import' || a === '--loader') && /tsx/.test(own[i + 1] ?? '')) ||
    own.some((a) => /^--import=.*tsx/.test(a));
  return has ? [...own] : [...own, '--import', loader];
}

/** What the preparation child reports. */
export interface Prepared {
  demoCreated: boolean;
  credentials?: DemoCredential[];
}

/**
 * Applies migrations and makes the demo district in a child process (src/server/prepare.ts), so that
 * the memory a seed takes — PGlite's WebAssembly heap never shrinks, and the generator's arrays
 * leave a large V8 heap behind — is returned when the child exits instead of staying with the server.
 */
export function prepareInChild(opts: { demo: boolean; households?: number }): Promise<Prepared> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, SIKS_PREPARE_DEMO: opts.demo ? '1' : '0' };
    if (opts.households !== undefined) env.SIKS_DEMO_HOUSEHOLDS = String(opts.households);
    // The child's memory is returned when it exits: the seed may use PostgreSQL's usual buffer pool.
    if (!env.SIKS_PGLITE_SHARED_BUFFERS) env.SIKS_PGLITE_SHARED_BUFFERS = '128MB';
    const child = fork(path.join(here, 'prepare.ts'), [], { execArgv: tsxExecArgv(), env, stdio: 'inherit' });
    let prepared: Prepared | undefined;
    child.on('message', (m: { prepared?: Prepared }) => {
      if (m.prepared) prepared = m.prepared;
    });
    child.once('error', reject);
    // The child has written its own reason (startFailure) to stderr before exiting.
    child.once('exit', (code, signal) => {
      if (prepared && code === 0) resolve(prepared);
      else reject(new PrepareError(`the preparation process ended with ${signal ?? `code ${code}`}`, code || 1));
    });
  });
}

/** Why the server cannot start, as a line for stderr and the exit code (5: the data directory is in use). */
export function startFailure(err: Error): { line: string; exitCode: number } {
  if (err instanceof DataDirBusyError)
    return {
      line: `SIKS-NG: another server (process ${err.owner.pid}) already uses ${err.dataDir}. Stop it first, or start this one with another SIKS_DATA_DIR.`,
      exitCode: 5,
    };
  if (err instanceof AuditKeyError || err instanceof WorkersRefused)
    return { line: `SIKS-NG could not start: ${err.message}`, exitCode: 1 };
  return { line: `SIKS-NG could not start: ${err.stack ?? err.message}`, exitCode: 1 };
}

/** SIKS_WORKERS > 1 on the embedded database: refused, since PGlite allows one process per data directory. */
export class WorkersRefused extends Error {
  constructor(workers: number) {
    super(
      `SIKS_WORKERS=${workers} needs PostgreSQL (DATABASE_URL): the embedded database (PGlite) can be opened by one process only. Unset SIKS_WORKERS, or set DATABASE_URL.`,
    );
  }
}

/** The preparation child failed; `exitCode` is the child's, so main can exit as it would have. */
export class PrepareError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** How often a worker may die within RESTART_WINDOW_MS before the primary gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const STOP_GRACE_MS = 15_000;

/**
 * Runs `count` copies of src/server/main.ts as cluster workers sharing the port (each serves requests
 * and runs the import worker; import jobs are claimed through the database). A worker that dies is
 * replaced, with a log line; SIGTERM or SIGINT stops them all. Resolves once every worker listens,
 * with the workers' pids for the start-up log.
 */
export function superviseWorkers(count: number, log: (t: string) => void): Promise<number[]> {
  cluster.setupPrimary({ exec: path.join(here, 'main.ts'), execArgv: tsxExecArgv() });
  let stopping = false;
  const restarts: number[] = [];
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w.process.kill(signal);
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  return new Promise((resolve, reject) => {
    let started = false;
    const listening = new Set<number>();
    cluster.on('listening', (w) => {
      if (started) return;
      listening.add(w.process.pid ?? 0);
      if (listening.size === count) {
        started = true;
        resolve([...listening]);
      }
    });
    cluster.on('exit', (w, code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (!started || restarts.length > MAX_RESTARTS) {
        // A worker that cannot start (or dies over and over) would be restarted forever: stop instead.
        const why = started ? `${restarts.length} workers died within a minute` : `a worker ended with ${how} before listening`;
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
        reject(new Error(why));
        return;
      }
      log(`SIKS-NG: worker ${w.process.pid} ended with ${how}; starting another`);
      cluster.fork();
    });
    for (let i = 0; i < count; i++) cluster.fork();
  });
}
