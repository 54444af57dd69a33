import fs from 'node:fs';
import path from 'node:path';

/**
 * One process per PGlite directory: PGlite itself takes no lock, and two processes writing
 * the same files corrupt the database. The lock file holds the owner's pid and, for a server,
 * the path of its control socket so that the CLI can run commands through it.
 */
export interface DataLock {
  release(): void;
}

export interface LockOwner {
  pid: number;
  socket?: string;
}

export function lockFileOf(dataDir: string): string {
  return path.join(dataDir, 'siks.lock');
}

/** Whether a process with this pid runs (EPERM: it does, under another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns the live owner of the lock, or undefined (a stale lock of a dead process is ignored). */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(lockFileOf(dataDir), 'utf8')) as LockOwner;
    return owner.pid !== process.pid && alive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws `DataDirBusyError` naming the running process. */
export function acquireDataLock(dataDir: string, info: Omit<LockOwner, 'pid'> = {}): DataLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFileOf(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, ...info }), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
          if (owner.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readLockOwner(dataDir);
      if (owner) throw new DataDirBusyError(dataDir, owner);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${file}`);
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The database in ${dataDir} is in use by process ${owner.pid}. Stop the server first, or run the command while the server is running so that it goes through the server.`,
    );
  }
}
