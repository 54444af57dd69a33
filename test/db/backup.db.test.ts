import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runRestore } from '../../src/cli/backup.ts';
import { runCommand } from '../../src/cli/commands.ts';
import { openContext } from '../../src/server/bootstrap.ts';
import { BACKUP_HEADER_BYTES } from '../../src/server/platform/backup.ts';
import { type Config, loadConfig } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { TEST_AUDIT_KEY, testContext, type TestContext } from '../support/db.ts';

// siks backup / siks restore on the engine of the run (PGlite, or PostgreSQL under test:pg): a seeded
// district backed up, restored into a fresh data directory or database, its log verified and its
// households counted; a target with data, a damaged file and a file of the other engine refused.

let source: TestContext;
let dir: string;
let file: string;
const dropDatabases: string[] = [];

async function siks(ctx: AppContext, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, ctx, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function restore(config: Config, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRestore(args, config, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A fresh, empty target: a new data directory (PGlite) or a new database on the test cluster. */
async function freshTarget(name: string): Promise<Config> {
  const dataDir = path.join(dir, name);
  const env = {
    SIKS_TEST_FAST_HASHING: '1',
    SIKS_DATA_DIR: dataDir,
    SIKS_AUDIT_KEY: TEST_AUDIT_KEY,
    SIKS_AUDIT_ANCHOR_FILE: path.join(dataDir, 'audit-anchor.log'),
  };
  const t = inject('dbTemplate');
  if (t.kind === 'pglite') return loadConfig(env);
  const db = `siks_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  dropDatabases.push(db);
  const u = new URL(t.url);
  u.pathname = `/${db}`;
  return loadConfig({ ...env, DATABASE_URL: u.toString() });
}

async function households(ctx: AppContext): Promise<number> {
  const r = await ctx.database.db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-backup-'));
  file = path.join(dir, 'siks.backup');
  source = await testContext();
  await siks(source, 'users', 'create', '3174_supervisor', '--role', 'SUPERVISOR', '--region', '3174', '--password', 'Jakarta-Selatan-1');
  await siks(source, 'demo', 'seed', '--kab', '3174', '--households', '25');
});

afterAll(async () => {
  await source?.close();
  const t = inject('dbTemplate');
  if (t.kind === 'postgres' && dropDatabases.length > 0) {
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    for (const db of dropDatabases) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('siks backup and siks restore', () => {
  it('round trip: the restored database has the same households and an intact, anchored log', async () => {
    const made = await siks(source, 'backup', file);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain(`backup written to ${file}: `);
    expect(made.out).toContain('25 households');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const target = await freshTarget('restored');
    const r = await restore(target, file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('25 households');

    const opened = await openContext(target);
    try {
      expect(await households(opened.ctx)).toBe(await households(source));
      const verify = await siks(opened.ctx, 'audit', 'verify');
      expect(verify.err).not.toMatch(/wrong HMAC|truncated|broken/);
      expect(verify.code).toBe(0);
      const actions = await opened.ctx.database.db.selectFrom('audit_log').select('action').orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['DEMO_SEED', 'DB_BACKUP', 'DB_RESTORE']));
      expect(actions.at(-1)?.action).toBe('DB_RESTORE');
    } finally {
      await opened.close();
    }

    // The target now holds data: refused without --force, replaced with it (the log still holds).
    const again = await restore(target, file);
    expect(again.code).toBe(2);
    expect(again.err).toContain('RESTORE_NOT_EMPTY');
    const forced = await restore(target, file, '--force');
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    const reopened = await openContext(target);
    try {
      expect(await households(reopened.ctx)).toBe(25);
      expect((await siks(reopened.ctx, 'audit', 'verify')).code).toBe(0);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a damaged file, a truncated one and one of the other engine, leaving the target empty', async () => {
    if (!fs.existsSync(file)) expect((await siks(source, 'backup', file)).code).toBe(0);
    const bytes = fs.readFileSync(file);
    const flipped = Buffer.from(bytes);
    const at = BACKUP_HEADER_BYTES + Math.floor((bytes.length - BACKUP_HEADER_BYTES) / 2);
    flipped[at] = flipped[at]! ^ 0x40;
    const damaged = path.join(dir, 'damaged.backup');
    fs.writeFileSync(damaged, flipped);
    const target = await freshTarget('damaged');
    const r = await restore(target, damaged);
    expect(r.code).toBe(2);
    expect(r.err).toContain('checksum (SHA-256) does not match');

    const truncated = path.join(dir, 'truncated.backup');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    const t = await restore(target, truncated);
    expect(t.code).toBe(2);
    expect(t.err).toContain('truncated or appended to');

    const other = path.join(dir, 'other.backup');
    const kind = inject('dbTemplate').kind;
    const header = bytes.subarray(0, BACKUP_HEADER_BYTES).toString('utf8');
    const swapped = header.replace(`"engine":"${kind}"`, `"engine":"${kind === 'pglite' ? 'postgres' : 'pglite'}"`);
    fs.writeFileSync(
      other,
      Buffer.concat([Buffer.from(swapped.trimEnd().padEnd(BACKUP_HEADER_BYTES)), bytes.subarray(BACKUP_HEADER_BYTES)]),
    );
    const o = await restore(target, other);
    expect(o.code).toBe(2);
    expect(o.err).toContain('BACKUP_ENGINE_MISMATCH');

    const notBackup = path.join(dir, 'not-a-backup');
    fs.writeFileSync(notBackup, 'hello');
    expect((await restore(target, notBackup)).err).toContain('is not a SIKS-NG backup file');
    // Nothing was loaded: the target restores without --force afterwards.
    expect((await restore(target, file)).code).toBe(0);
  });
});
