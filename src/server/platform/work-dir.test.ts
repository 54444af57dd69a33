import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanWorkDir, makeWorkDir, processWorkDir } from './work-dir.ts';

// A pid that certainly belongs to no running process: a child that has exited.
const deadPid = () => spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;

const dirs: string[] = [];
function freshWorkDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-workdir-test-'));
  dirs.push(d);
  return path.join(d, 'work');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A run directory as a killed process leaves it: its owner file and a decrypted package. */
function leftover(workDir: string, owner: { host: string; pid: number }, ageMs = 0): string {
  const run = path.join(workDir, `run-${randomUUID()}`);
  fs.mkdirSync(path.join(run, 'import-x'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(run, 'owner.json'), JSON.stringify(owner));
  fs.writeFileSync(path.join(run, 'import-x', `siks-${randomUUID()}.zip.tmp`), '{"nik":"3174015501870003"}');
  if (ageMs) {
    const t = new Date(Date.now() - ageMs);
    fs.utimesSync(path.join(run, 'owner.json'), t, t);
  }
  return run;
}

describe('Work directory (issue 9 finding 7)', () => {
  it('finding 7: leftover work files are removed at start; a live process and unrelated files are kept', () => {
    const workDir = freshWorkDir();
    const config = { workDir };
    const mine = makeWorkDir(config, 'import');
    fs.writeFileSync(path.join(mine.dir, 'package.siks'), 'x');
    fs.chmodSync(workDir, 0o755);
    const dead = leftover(workDir, { host: os.hostname(), pid: deadPid() });
    const alive = leftover(workDir, { host: os.hostname(), pid: process.ppid });
    const otherHostLive = leftover(workDir, { host: 'server-b', pid: 1 });
    const otherHostGone = leftover(workDir, { host: 'server-b', pid: 2 }, 11 * 60_000);
    fs.writeFileSync(path.join(workDir, 'README'), 'not ours');

    // PostgreSQL: several processes may share the directory; only dead ones' files go.
    expect(cleanWorkDir(config, { exclusive: false })).toBe(2);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(otherHostGone)).toBe(false);
    for (const kept of [alive, otherHostLive, mine.dir, path.join(workDir, 'README')]) expect(fs.existsSync(kept)).toBe(true);
    expect(fs.statSync(workDir).mode & 0o777).toBe(0o700);

    // Embedded database: this process is the only one allowed, every other run directory goes.
    expect(cleanWorkDir(config, { exclusive: true })).toBe(2);
    expect(fs.readdirSync(workDir).sort()).toEqual(['README', path.basename(processWorkDir(config))].sort());
    expect(fs.readFileSync(path.join(mine.dir, 'package.siks'), 'utf8')).toBe('x');
    mine.dispose();
    expect(fs.existsSync(mine.dir)).toBe(false);
  });

  it('work directories are private (0700), an existing one included', () => {
    const workDir = freshWorkDir();
    fs.mkdirSync(workDir, { mode: 0o777 });
    fs.chmodSync(workDir, 0o777);
    const w = makeWorkDir({ workDir }, 'release');
    for (const d of [workDir, processWorkDir({ workDir }), w.dir]) expect(fs.statSync(d).mode & 0o777).toBe(0o700);
  });
});
