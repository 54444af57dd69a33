import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../../src/server/platform/audit.ts';
import { testEntry as entry } from '../support/audit.ts';
import { testContext } from '../support/db.ts';

// Issue 18 item 3 on PostgreSQL only: districts' appends to the log never wait on each other
// (docs/adr/0016-audit-chain-per-district.md). PGlite runs one transaction at a time, so this
// project runs with `npm run test:pg` and refuses to run without PostgreSQL instead of skipping.

beforeAll(() => {
  if (inject('dbTemplate').kind !== 'postgres')
    throw new Error(
      'these tests need PostgreSQL: run them with `npm run test:pg` (scripts/with-postgres.mjs starts a throw-away PostgreSQL 15)',
    );
});

describe('one audit chain per district, on PostgreSQL', () => {
  it('PostgreSQL: a transaction holding its district chain open blocks only that district, never another or the national chain', async () => {
    const fresh = await testContext();
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let entered!: () => void;
      const inside = new Promise<void>((r) => {
        entered = r;
      });
      const first = fresh.database.transaction(async (tx) => {
        await recordAudit(tx, entry('3201', 1));
        entered();
        await held;
      });
      await inside;
      // Another district and the national chain commit while 3201's append is uncommitted.
      const within = <T>(p: Promise<T>) =>
        Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('blocked by another chain')), 10_000))]);
      await within(fresh.database.transaction((tx) => recordAudit(tx, entry('3273', 1))));
      await within(fresh.database.transaction((tx) => recordAudit(tx, entry(null, 1))));
      // The same district queues behind it, on its chain's head row.
      let second = false;
      const queued = fresh.database
        .transaction((tx) => recordAudit(tx, entry('3201', 2)))
        .then(() => {
          second = true;
        });
      const waiting = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`.execute(fresh.database.db)
        ).rows[0]!.n;
      for (let i = 0; i < 400 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await waiting()).toBe(1);
      expect(second).toBe(false);
      release();
      await first;
      await queued;
      expect(second).toBe(true);
      const bogor = await fresh.database.db
        .selectFrom('audit_log')
        .select(['text_id', 'prev_hash', 'hash'])
        .where('kab_kota', '=', '3201')
        .orderBy('id')
        .execute();
      expect(bogor.map((e) => e.text_id)).toEqual(['Uji 3201 1', 'Uji 3201 2']);
      expect(bogor[1]!.prev_hash).toBe(bogor[0]!.hash);
      expect(await verifyAuditChain(fresh.database.db)).toEqual({ ok: true, checked: 4 });
    } finally {
      await fresh.close();
    }
  });
});
