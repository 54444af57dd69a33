import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain, verifyAuditLog, writeAuditCheckpoint } from '../../src/server/platform/audit.ts';
import { AuditKeyError, auditAnchorOf, CHECKPOINT_EVERY, resolveAuditAnchor } from '../../src/server/platform/audit-anchor.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { rewriteFrom } from '../support/audit.ts';
import { TEST_AUDIT_KEY, testContext, type TestContext } from '../support/db.ts';

// Finding 4 of issue 9: the chain alone does not notice its newest entries deleted, nor one entry
// edited with every later hash recomputed. Checkpoints signed with SIKS_AUDIT_KEY and kept in the
// database and in the anchor file outside it do.

let ctx: TestContext;
let tmp: string;
beforeAll(async () => {
  ctx = await testContext();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-anchor-test-'));
});
afterAll(async () => {
  await ctx?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const anchor = () => auditAnchorOf(ctx.database.db)!;

async function append(n: number, what = 'TEST'): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordAudit(tx, { actor: CLI_ACTOR, action: what, text: { id: `Uji ${i}`, en: `Test ${i}` }, details: { i } });
    }
  });
}

const ids = async () => (await ctx.database.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);

describe('the anchored audit log', () => {
  it('finding 4: writes a signed checkpoint at the 1,000th entry, in the database and in the anchor file', async () => {
    await append(CHECKPOINT_EVERY - 1);
    expect(await ctx.database.db.selectFrom('audit_checkpoints').selectAll().execute()).toEqual([]);
    await append(1);
    const cps = await ctx.database.db.selectFrom('audit_checkpoints').selectAll().execute();
    const last = (await ids()).at(-1)!;
    expect(cps).toMatchObject([{ entry_count: CHECKPOINT_EVERY, last_id: last, reason: 'EVERY_1000' }]);
    const line = JSON.parse(fs.readFileSync(anchor().file, 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ count: CHECKPOINT_EVERY, lastId: last, head: cps[0]!.head_hash, hmac: cps[0]!.hmac });
    expect(await verifyAuditLog(ctx.database.db, anchor())).toMatchObject({ ok: true, checked: CHECKPOINT_EVERY });
    // A rolled-back transaction leaves neither its entries nor a line in the anchor file.
    await expect(
      ctx.database.transaction(async (tx) => {
        await writeAuditCheckpoint(tx, { reason: 'MANUAL' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(fs.readFileSync(anchor().file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('finding 4: deleting the newest entries is reported as entries missing after the last one left', async () => {
    await append(5);
    await ctx.database.transaction((tx) => writeAuditCheckpoint(tx, { reason: 'MANUAL' }));
    const all = await ids();
    expect(await verifyAuditLog(ctx.database.db, anchor())).toMatchObject({ ok: true, checked: all.length });
    const removed = await ctx.database.db.selectFrom('audit_log').selectAll().where('id', '>', all.at(-4)!).execute();
    await sql`delete from audit_log where id > ${all.at(-4)!}`.execute(ctx.database.db);
    // The chain alone still looks intact…
    expect(await verifyAuditChain(ctx.database.db)).toEqual({ ok: true, checked: all.length - 3 });
    // …the checkpoint is not.
    const r = await verifyAuditLog(ctx.database.db, anchor());
    expect(r.ok).toBe(false);
    expect(r.truncated).toMatchObject({ missing: 3, afterId: all.at(-4), checkpoint: { count: all.length, lastId: all.at(-1) } });
    // The same when the checkpoint rows are deleted too: the anchor file outside the database still has it.
    await sql`alter table audit_checkpoints disable trigger user`.execute(ctx.database.db);
    await sql`delete from audit_checkpoints where entry_count = ${all.length}`.execute(ctx.database.db);
    await sql`alter table audit_checkpoints enable trigger user`.execute(ctx.database.db);
    const fromFile = await verifyAuditLog(ctx.database.db, anchor());
    expect(fromFile.truncated).toMatchObject({ missing: 3, afterId: all.at(-4) });
    expect(fromFile.missingFromDatabase.map((c) => c.count)).toEqual([all.length]);
    // The entries come back for the tests below: the chain's head row still names the newest of them,
    // so an entry appended after a truncation would link to a deleted one and break the chain there.
    await ctx.database.db
      .insertInto('audit_log')
      .values(removed.map((r) => ({ ...r, details: JSON.stringify(r.details) })))
      .execute();
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('finding 4: editing an entry and recomputing every later hash is reported as a rewrite since the checkpoint', async () => {
    const fresh = await testContext();
    try {
      const db = fresh.database.db;
      await fresh.database.transaction(async (tx) => {
        for (let i = 0; i < 6; i++) await recordAudit(tx, { actor: CLI_ACTOR, action: 'TEST', text: { id: `Uji ${i}`, en: `Test ${i}` } });
        await writeAuditCheckpoint(tx, { reason: 'MANUAL' });
        for (let i = 6; i < 9; i++) await recordAudit(tx, { actor: CLI_ACTOR, action: 'TEST', text: { id: `Uji ${i}`, en: `Test ${i}` } });
      });
      const all = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
      await rewriteFrom(db, all[2]!, 'Uji diubah');
      expect((await verifyAuditChain(db)).ok).toBe(true);
      const r = await verifyAuditLog(db, auditAnchorOf(db)!);
      expect(r.ok).toBe(false);
      expect(r.rewritten).toMatchObject({ fromId: all[0], toId: all[5], checkpoint: { count: 6, lastId: all[5] } });
    } finally {
      await fresh.close();
    }
  });

  it('finding 4: text the database would not store exactly is refused, and the chain stays verifiable', async () => {
    const before = (await ids()).length;
    for (const bad of ['\ud800', 'a\u0000b', 'x\udc00']) {
      await expect(
        ctx.database.transaction((tx) => recordAudit(tx, { actor: CLI_ACTOR, action: 'TOKEN_CREATE', text: { id: bad, en: 'ok' } })),
      ).rejects.toMatchObject({ code: 'AUDIT_TEXT_INVALID' });
      await expect(
        ctx.database.transaction((tx) =>
          recordAudit(tx, { actor: CLI_ACTOR, action: 'TOKEN_CREATE', text: { id: 'ok', en: 'ok' }, details: { name: bad } }),
        ),
      ).rejects.toMatchObject({ code: 'AUDIT_TEXT_INVALID' });
    }
    // A Date in the details is hashed as the text jsonb stores, and emoji (paired surrogates) are fine.
    await ctx.database.transaction((tx) =>
      recordAudit(tx, {
        actor: CLI_ACTOR,
        action: 'TEST',
        text: { id: 'Uji 😀', en: 'Test' },
        details: { when: new Date(0), list: [undefined] },
      }),
    );
    expect(await ids()).toHaveLength(before + 1);
    const r = await verifyAuditChain(ctx.database.db);
    expect(r.firstBad).toBeUndefined();
  });

  it('finding 4: two processes share the key; a checkpoint signed with another key is reported', async () => {
    // The embedded default: the first process generates the key into the data directory (0600), every later one reads it.
    const dataDir = path.join(tmp, 'data');
    const first = resolveAuditAnchor(loadConfig({ SIKS_DATA_DIR: dataDir }));
    const second = resolveAuditAnchor(loadConfig({ SIKS_DATA_DIR: dataDir }));
    expect(second.key.equals(first.key)).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'audit.key')).mode & 0o777).toBe(0o600);
    expect(first.file).toBe(path.join(dataDir, 'audit-anchor.log'));
    // With DATABASE_URL: every process gets SIKS_AUDIT_KEY; another process with the same key (and its own
    // anchor file) verifies this one's checkpoints, one with another key does not.
    await ctx.database.transaction((tx) => writeAuditCheckpoint(tx, { reason: 'MANUAL' }));
    const pg = (key: string) =>
      resolveAuditAnchor(
        loadConfig({
          DATABASE_URL: 'postgres://db/siks',
          SIKS_AUDIT_KEY: key,
          SIKS_AUDIT_ANCHOR_FILE: path.join(tmp, `other-${key.length}.log`),
        }),
      );
    const same = await verifyAuditLog(ctx.database.db, pg(TEST_AUDIT_KEY));
    expect(same).toMatchObject({ ok: true, forged: [] });
    expect(same.checkpoints.file).toBeNull();
    const other = await verifyAuditLog(ctx.database.db, pg(`${TEST_AUDIT_KEY}-other`));
    expect(other.ok).toBe(false);
    expect(other.forged.length).toBeGreaterThan(0);
  });

  it('finding 4: with DATABASE_URL and no SIKS_AUDIT_KEY the server refuses to start, saying why', () => {
    expect(() => resolveAuditAnchor(loadConfig({ DATABASE_URL: 'postgres://db/siks' }))).toThrow(AuditKeyError);
    expect(() => resolveAuditAnchor(loadConfig({ DATABASE_URL: 'postgres://db/siks', SIKS_AUDIT_KEY: 'short' }))).toThrow(/at least 32/);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: 'postgres://127.0.0.1:1/none',
      SIKS_DATA_DIR: path.join(tmp, 'refused'),
      PORT: '0',
    };
    delete env.SIKS_AUDIT_KEY;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('SIKS-NG could not start: SIKS_AUDIT_KEY is not set');
    expect(r.stderr).toContain('openssl rand -hex 32');
  });
});
