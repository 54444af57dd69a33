import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  chainGenesis,
  entryHash,
  GENESIS_HASH,
  recordAudit,
  verifyAuditChain,
  verifyAuditLog,
  writeAuditCheckpoint,
  writeAuditCheckpoints,
} from '../../src/server/platform/audit.ts';
import { attachAuditAnchor, auditAnchorOf, CHECKPOINT_EVERY, checkpointHmac } from '../../src/server/platform/audit-anchor.ts';
import { testEntry as entry } from '../support/audit.ts';
import { type Database, openDatabase } from '../../src/server/platform/db.ts';
import { MIGRATIONS_DIR, migrate } from '../../src/server/platform/migrate.ts';
import { TEST_AUDIT_KEY, type TestContext, testContext } from '../support/db.ts';

// Issue 18 item 3: one hash chain per district plus the national one (docs/adr/0016-audit-chain-per-district.md),
// so that no district's append waits on another's, each chain anchored and verified on its own.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(async () => ctx?.close());

const db = () => ctx.database.db;
const anchor = () => auditAnchorOf(db())!;
const chainOf = async (chain: string) =>
  db().selectFrom('audit_log').select(['id', 'prev_hash', 'hash']).where('kab_kota', '=', chain).orderBy('id').execute();

describe('one audit chain per district', () => {
  it('entries of two districts, a desa of one and national actions form three chains, each linked from its own genesis', async () => {
    await ctx.database.transaction(async (tx) => {
      await recordAudit(tx, entry('3201'));
      await recordAudit(tx, entry('3273'));
      await recordAudit(tx, entry(null));
      await recordAudit(tx, entry('3201010001', 1));
      await recordAudit(tx, entry('32', 1));
      await recordAudit(tx, entry('3273', 1));
    });
    const bogor = await chainOf('3201');
    const bandung = await chainOf('3273');
    const national = await chainOf('00');
    expect([bogor.length, bandung.length, national.length]).toEqual([2, 2, 2]);
    // A desa's entry joins its district's chain; a province's joins the national one.
    expect(await db().selectFrom('audit_log').select('region_code').where('kab_kota', '=', '3201').orderBy('id').execute()).toEqual([
      { region_code: '3201' },
      { region_code: '3201010001' },
    ]);
    expect(bogor[0]!.prev_hash).toBe(chainGenesis('3201'));
    expect(bandung[0]!.prev_hash).toBe(chainGenesis('3273'));
    expect(national[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(chainGenesis('3201')).not.toBe(chainGenesis('3273'));
    expect(bogor[1]!.prev_hash).toBe(bogor[0]!.hash);
    expect(bandung[1]!.prev_hash).toBe(bandung[0]!.hash);
    // Each chain's head row names its newest entry.
    const heads = await db().selectFrom('audit_chain_heads').selectAll().orderBy('kab_kota').execute();
    expect(heads).toMatchObject([
      { kab_kota: '00', entry_count: 2, last_id: national[1]!.id, head_hash: national[1]!.hash },
      { kab_kota: '3201', entry_count: 2, last_id: bogor[1]!.id, head_hash: bogor[1]!.hash },
      { kab_kota: '3273', entry_count: 2, last_id: bandung[1]!.id, head_hash: bandung[1]!.hash },
    ]);
    const r = await verifyAuditLog(db(), anchor());
    expect(r).toMatchObject({ ok: true, checked: 6 });
    expect(r.chains.map((c) => [c.chain, c.checked, c.ok])).toEqual([
      ['00', 2, true],
      ['3201', 2, true],
      ['3273', 2, true],
    ]);
  });

  it('checkpoints are per chain: signed with the chain, written to the anchor file with it; 1,000 entries of a chain anchor that chain only', async () => {
    const cp = await ctx.database.transaction((tx) => writeAuditCheckpoint(tx, { reason: 'MANUAL', regionCode: '3201' }));
    expect(cp).toMatchObject({ chain: '3201', count: 2 });
    expect(cp!.hmac).toBe(checkpointHmac(Buffer.from(TEST_AUDIT_KEY), cp!));
    expect(cp!.hmac).not.toBe(checkpointHmac(Buffer.from(TEST_AUDIT_KEY), { ...cp!, chain: '3273' }));
    const lines = () =>
      fs
        .readFileSync(anchor().file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines().at(-1)).toMatchObject({ v: 2, chain: '3201', count: 2, hmac: cp!.hmac });
    // Every chain that grew since its last checkpoint, and only those.
    const all = await ctx.database.transaction((tx) => writeAuditCheckpoints(tx, { reason: 'MANUAL' }));
    expect(all.map((c) => [c.chain, c.count])).toEqual([
      ['00', 2],
      ['3273', 2],
    ]);
    // The national chain's line is written as before the chains split.
    expect(lines().find((l) => l.count === 2 && !('chain' in l))).toMatchObject({ v: 1 });

    await ctx.database.transaction(async (tx) => {
      // 3273 stood at 2 entries at its checkpoint: 999 more, and one national entry.
      for (let i = 0; i < CHECKPOINT_EVERY - 1; i++) await recordAudit(tx, entry('3273', i + 2));
      await recordAudit(tx, entry(null, 2));
    });
    expect(await db().selectFrom('audit_checkpoints').select('kab_kota').where('reason', '=', 'EVERY_1000').execute()).toEqual([]);
    await ctx.database.transaction((tx) => recordAudit(tx, entry('3273', CHECKPOINT_EVERY)));
    const every = await db().selectFrom('audit_checkpoints').selectAll().where('reason', '=', 'EVERY_1000').execute();
    const bandung = await chainOf('3273');
    expect(every).toMatchObject([{ kab_kota: '3273', entry_count: CHECKPOINT_EVERY + 2, last_id: bandung.at(-1)!.id }]);
    const r = await verifyAuditLog(db(), anchor());
    expect(r.ok).toBe(true);
    expect(r.chains.map((c) => [c.chain, c.checked, c.lastCheckpoint?.count])).toEqual([
      ['00', 3, 2],
      ['3201', 2, 2],
      ['3273', CHECKPOINT_EVERY + 2, CHECKPOINT_EVERY + 2],
    ]);
  });

  it("tampering with one district's entry is reported for that chain only", async () => {
    const victim = (await chainOf('3201'))[1]!;
    await sql`update audit_log set text_id = 'Uji diubah' where id = ${victim.id}`.execute(db());
    const r = await verifyAuditLog(db(), anchor());
    expect(r.ok).toBe(false);
    expect(r.firstBad).toEqual({ id: victim.id, problem: 'altered', chain: '3201' });
    expect(r.chains.map((c) => [c.chain, c.ok])).toEqual([
      ['00', true],
      ['3201', false],
      ['3273', true],
    ]);
    expect((await verifyAuditChain(db())).firstBad).toEqual({ id: victim.id, problem: 'altered', chain: '3201' });
    await sql`update audit_log set text_id = 'Uji 3201010001 1' where id = ${victim.id}`.execute(db());
    expect((await verifyAuditLog(db(), anchor())).ok).toBe(true);
  });

  it('an entry moved to another chain breaks both; a checkpoint moved to another chain no longer verifies', async () => {
    const moved = (await chainOf('3201'))[0]!;
    await sql`update audit_log set kab_kota = '3204' where id = ${moved.id}`.execute(db());
    const r = await verifyAuditLog(db(), anchor());
    expect(r.chains.filter((c) => !c.ok).map((c) => [c.chain, c.firstBad])).toEqual([
      ['3201', { id: (await chainOf('3201'))[0]!.id, problem: 'removed-or-inserted', chain: '3201' }],
      ['3204', { id: moved.id, problem: 'removed-or-inserted', chain: '3204' }],
    ]);
    await sql`update audit_log set kab_kota = '3201' where id = ${moved.id}`.execute(db());

    await sql`alter table audit_checkpoints disable trigger user`.execute(db());
    await sql`update audit_checkpoints set kab_kota = '3204' where kab_kota = '3201'`.execute(db());
    await sql`alter table audit_checkpoints enable trigger user`.execute(db());
    const relabelled = await verifyAuditLog(db(), anchor());
    expect(relabelled.ok).toBe(false);
    expect(relabelled.forged.map((f) => [f.source, f.checkpoint.chain])).toEqual([['database', '3204']]);
  });
});

/** An empty database of the engine under test, migrated with the migrations up to `last` only. */
async function databaseUpTo(last: string): Promise<{ database: Database; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-migrations-'));
  for (const f of fs.readdirSync(MIGRATIONS_DIR)) if (f <= last) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  const t = inject('dbTemplate');
  let database: Database;
  let drop = async () => {};
  if (t.kind === 'pglite') database = await openDatabase({ pgliteDir: 'memory://' });
  else {
    const name = `siks_chain_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(t.url);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    drop = async () => {
      const c = new pg.Client({ connectionString: t.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    };
  }
  await migrate(database, dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    database,
    async close() {
      await database.close();
      await drop();
    },
  };
}

describe('migration 0028', () => {
  it('makes the log written as one chain the national chain, its hashes and checkpoints still valid', async () => {
    const old = await databaseUpTo('0027');
    try {
      const { database } = old;
      attachAuditAnchor(database, anchor());
      // The log as the single chain wrote it: genesis 64 zeros, entries of districts and the nation mixed,
      // and a checkpoint signed in the format of the time (version 1, no chain).
      let prev = GENESIS_HASH;
      const ids: number[] = [];
      for (const [i, region] of [
        [0, '3201'],
        [1, null],
        [2, '3273'],
      ] as const) {
        const content = {
          at: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
          actor_id: null,
          actor_username: 'siks-cli',
          action: 'TEST',
          text_id: `Lama ${i}`,
          text_en: `Old ${i}`,
          subject: null,
          region_code: region,
          details: { i },
        };
        const hash = entryHash(prev, content);
        const r = await sql<{
          id: number;
        }>`insert into audit_log (at, actor_id, actor_username, action, text_id, text_en, subject, region_code, details, prev_hash, hash)
          values (${content.at}, null, 'siks-cli', 'TEST', ${content.text_id}, ${content.text_en}, null, ${region}, ${JSON.stringify(content.details)}, ${prev}, ${hash})
          returning id`.execute(database.db);
        ids.push(Number(r.rows[0]!.id));
        prev = hash;
      }
      const at = new Date(Date.UTC(2026, 10, 1, 9)).toISOString();
      const hmac = checkpointHmac(anchor().key, { chain: '00', count: 3, lastId: ids[2]!, head: prev, at });
      await sql`insert into audit_checkpoints (at, entry_count, last_id, head_hash, reason, hmac)
        values (${at}, 3, ${ids[2]!}, ${prev}, 'MANUAL', ${hmac})`.execute(database.db);

      expect(await migrate(database)).toContain('0028_audit_chain_per_district.sql');
      expect(await database.db.selectFrom('audit_log').select('kab_kota').distinct().execute()).toEqual([{ kab_kota: '00' }]);
      expect(await database.db.selectFrom('audit_chain_heads').selectAll().execute()).toEqual([
        { kab_kota: '00', entry_count: 3, last_id: ids[2], head_hash: prev, checkpoint_count: 3 },
      ]);
      // New entries: the national one continues the old chain, a district's starts its own.
      await database.transaction(async (tx) => {
        await recordAudit(tx, entry(null, 9));
        await recordAudit(tx, entry('3201', 9));
      });
      const national = await database.db
        .selectFrom('audit_log')
        .select(['id', 'prev_hash'])
        .where('kab_kota', '=', '00')
        .orderBy('id')
        .execute();
      expect(national).toHaveLength(4);
      expect(national[3]!.prev_hash).toBe(prev);
      const r = await verifyAuditLog(database.db, { key: anchor().key, file: path.join(os.tmpdir(), 'siks-no-anchor-file.log') });
      expect(r).toMatchObject({ ok: true, checked: 5, forged: [] });
      expect(r.chains.map((c) => [c.chain, c.checked, c.lastCheckpoint?.count ?? null])).toEqual([
        ['00', 4, 3],
        ['3201', 1, null],
      ]);
    } finally {
      await old.close();
    }
  });
});
