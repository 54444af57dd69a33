import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from './config.ts';
import { alive } from './data-lock.ts';

// Work files (an uploaded package copied out of the database, its decrypted ZIP, a release being
// written) hold personal data in the clear or keys' output, so they never go to the shared system
// temp directory: they live in a private directory (0700) under the data directory, one
// subdirectory per process, and what a killed process left behind is removed at the next start.
// The owner file names the process (host and pid) and is touched while it lives, so on a directory
// shared by several servers (PostgreSQL) only a dead process's files are removed.

const RUN_PREFIX = 'run-';
const OWNER_FILE = 'owner.json';
/** A run directory whose owner file was not touched for this long belongs to a dead process. */
const OWNER_STALE_MS = 10 * 60_000;
const TOUCH_MS = 60_000;

interface Owner {
  host: string;
  pid: number;
}

interface Run {
  dir: string;
  timer: NodeJS.Timeout;
}
const runs = new Map<string, Run>();

function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700); // an existing directory, or one the umask widened
}

/** This process's own work directory under `config.workDir` (created 0700 on first use). */
export function processWorkDir(config: Pick<Config, 'workDir'>): string {
  const known = runs.get(config.workDir);
  if (known && fs.existsSync(known.dir)) return known.dir;
  if (known) clearInterval(known.timer);
  privateDir(config.workDir);
  const dir = path.join(config.workDir, `${RUN_PREFIX}${randomUUID()}`);
  privateDir(dir);
  const ownerFile = path.join(dir, OWNER_FILE);
  fs.writeFileSync(ownerFile, JSON.stringify({ host: os.hostname(), pid: process.pid } satisfies Owner), { mode: 0o600 });
  const timer = setInterval(() => {
    const t = new Date();
    fs.utimes(ownerFile, t, t, () => {});
  }, TOUCH_MS);
  timer.unref();
  runs.set(config.workDir, { dir, timer });
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A fresh private subdirectory of this process's work directory for one task; `dispose` removes it
 * with everything in it.
 */
export function makeWorkDir(config: Pick<Config, 'workDir'>, prefix: string): { dir: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(processWorkDir(config), `${prefix}-`));
  fs.chmodSync(dir, 0o700);
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function ownerIsDead(dir: string, now: number): boolean {
  const file = path.join(dir, OWNER_FILE);
  let owner: Owner;
  let touched: number;
  try {
    owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Owner;
    touched = fs.statSync(file).mtimeMs;
  } catch {
    // No readable owner file: a process killed while creating it, or not ours at all.
    try {
      return now - fs.statSync(dir).mtimeMs > OWNER_STALE_MS;
    } catch {
      return false;
    }
  }
  if (owner.host === os.hostname()) return !alive(owner.pid) || (owner.pid === process.pid && !isOurs(dir));
  return now - touched > OWNER_STALE_MS;
}

const isOurs = (dir: string) => [...runs.values()].some((r) => r.dir === dir);

/**
 * Removes the work files that processes no longer running left behind (a crash, kill -9) and
 * returns how many run directories went. `exclusive`: this process is the only one that may use
 * the directory (the embedded database allows one process per data directory), so every run
 * directory but this process's own goes.
 */
export function cleanWorkDir(config: Pick<Config, 'workDir'>, opts: { exclusive: boolean }): number {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(config.workDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  privateDir(config.workDir);
  const now = Date.now();
  let removed = 0;
  for (const e of entries) {
    const full = path.join(config.workDir, e.name);
    // Only run directories: SIKS_WORK_DIR may name a directory that holds other files too.
    if (!e.isDirectory() || !e.name.startsWith(RUN_PREFIX) || isOurs(full)) continue;
    if (opts.exclusive || ownerIsDead(full, now)) {
      fs.rmSync(full, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
