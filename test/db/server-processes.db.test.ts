import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/server/platform/config.ts';
import { openDatabase } from '../../src/server/platform/db.ts';
import { TEST_AUDIT_KEY, type TestContext, testContext } from '../support/db.ts';

// The server's processes and memory (issue 17 items 4 and 6): SIKS_WORKERS runs N server processes
// sharing one port through node:cluster on PostgreSQL (npm run test:pg) and is refused at start on
// the embedded database; SIKS_PGLITE_SHARED_BUFFERS sizes the embedded database's buffer pool.

const engine = inject('dbTemplate').kind;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-workers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/** The pids of the live processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      // Fields after the command name, which is in brackets and may hold spaces: state, ppid, …
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the output so far once `pattern` appears in it; rejects if the process ends first. */
function waitFor(child: ChildProcess, output: () => string, pattern: RegExp, ms = 150_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = output().match(pattern);
      if (m) {
        clearInterval(timer);
        resolve(m);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the server ended (${child.exitCode}) before ${pattern}:\n${output()}`));
      }
    };
    const timer = setInterval(check, 200);
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no ${pattern} within ${ms} ms:\n${output()}`));
    }, ms).unref();
  });
}

// PGlite allows one process per data directory: the refusal comes before anything is opened.
function refusedOnPglite() {
  const dataDir = path.join(tmp, 'refused');
  const env: NodeJS.ProcessEnv = { ...process.env, SIKS_DATA_DIR: dataDir, SIKS_WORKERS: '2', PORT: '0' };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('SIKS-NG could not start: SIKS_WORKERS=2 needs PostgreSQL (DATABASE_URL)');
  expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
}

describe('SIKS_WORKERS', () => {
  it('is a whole number from 1, 1 when unset', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ SIKS_WORKERS: '3' }).workers).toBe(3);
    expect(() => loadConfig({ SIKS_WORKERS: '0' })).toThrow(/SIKS_WORKERS/);
    expect(() => loadConfig({ SIKS_WORKERS: '1.5' })).toThrow(/SIKS_WORKERS/);
  });

  it(engine === 'postgres'
    ? 'on PostgreSQL, two workers share the port, a dead worker is replaced and SIGTERM stops them all'
    : 'on the embedded database, two workers are refused before the data directory is touched', async () => {
    if (engine === 'pglite') return refusedOnPglite();
    const db: TestContext = await testContext();
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.config.databaseUrl,
      SIKS_AUDIT_KEY: TEST_AUDIT_KEY,
      SIKS_AUDIT_ANCHOR_FILE: path.join(tmp, 'anchor.log'),
      SIKS_DATA_DIR: path.join(tmp, 'pg-data'),
      SIKS_DEMO: '0',
      SIKS_LOG: '0',
      SIKS_WORKERS: '2',
      HOST: '127.0.0.1',
      PORT: String(port),
    };
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    const said = () => output;
    try {
      const m = await waitFor(server, said, /2 workers \(processes (\d+), (\d+)\) share the port/);
      const pids = [Number(m[1]), Number(m[2])];
      expect(new Set(pids).size).toBe(2);
      expect(childrenOf(server.pid!).sort()).toEqual([...pids].sort());
      // Fresh connections, so that the primary hands them to both workers in turn.
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { connection: 'close' } });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: 'ok', database: 'postgres' });
      }

      process.kill(pids[0]!, 'SIGKILL');
      await waitFor(server, said, new RegExp(`worker ${pids[0]} ended with signal SIGKILL; starting another`));
      // The replacement is a new child of the primary that answers like the others.
      const deadline = Date.now() + 120_000;
      let children: number[] = [];
      while (Date.now() < deadline) {
        children = childrenOf(server.pid!);
        if (children.length === 2 && !children.includes(pids[0]!)) {
          const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { connection: 'close' } }).catch(() => undefined);
          if (res?.status === 200) break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(children).toHaveLength(2);
      expect(children).toContain(pids[1]);

      const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of children) expect(alive(pid)).toBe(false);
      expect(output).not.toContain('could not start');
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
      await db.close();
    }
  }, 300_000);
});

describe('SIKS_PGLITE_SHARED_BUFFERS', () => {
  it('is 32MB unless set, and is the buffer pool the embedded database runs with', async () => {
    expect(loadConfig({}).pgliteSharedBuffers).toBe('32MB');
    expect(() => loadConfig({ SIKS_PGLITE_SHARED_BUFFERS: 'lots' })).toThrow(/SIKS_PGLITE_SHARED_BUFFERS/);
    const database = await openDatabase({
      pgliteDir: 'memory://',
      pgliteSharedBuffers: loadConfig({ SIKS_PGLITE_SHARED_BUFFERS: '16MB' }).pgliteSharedBuffers,
    });
    try {
      const r = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db);
      expect(r.rows[0]!.shared_buffers).toBe('16MB');
    } finally {
      await database.close();
    }
  });
});
