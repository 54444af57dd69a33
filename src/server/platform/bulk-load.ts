import { sql } from 'kysely';
import type { Db } from './db.ts';

/**
 * Bulk-load fast path, as pg_restore does it: when every one of `tables` is empty (a first start,
 * a first baseline, a benchmark's fresh database), their secondary indexes — and with `foreignKeys`
 * their foreign keys — are dropped inside the caller's transaction; the returned function makes them
 * again after the load: one sorted build per index and one set-based check per key instead of
 * per-row upkeep. Definitions are read from the catalog, so the migrations stay their only source;
 * primary keys and indexes backing a constraint stay. The tables are locked first (the drop holds
 * an ACCESS EXCLUSIVE lock until the commit anyway); a rollback restores everything. Tables holding
 * rows keep their indexes: rebuilding them would cost the whole table, not the rows added.
 * With `insertTriggers` the tables' statement-level AFTER INSERT triggers are disabled too (a trigger
 * with a transition table keeps a copy of every loaded row): the caller does their work once after.
 */
export async function deferIndexesIfEmpty(
  tx: Db,
  tables: readonly string[],
  opts: { foreignKeys?: boolean; insertTriggers?: boolean } = {},
): Promise<() => Promise<void>> {
  for (const t of tables) await sql`lock table ${sql.table(t)} in access exclusive mode`.execute(tx);
  const anyRow = sql.join(
    tables.map((t) => sql`exists (select 1 from ${sql.table(t)})`),
    sql` or `,
  );
  if ((await sql<{ full: boolean }>`select ${anyRow} as full`.execute(tx)).rows[0]!.full) return async () => {};
  const names = sql.join(tables.map((t) => sql`${t}::regclass`));
  const keys = opts.foreignKeys
    ? (
        await sql<{ tbl: string; name: string; def: string }>`
          select conrelid::regclass::text as tbl, quote_ident(conname) as name, pg_get_constraintdef(oid) as def
          from pg_constraint where contype = 'f' and conrelid in (${names}) order by conrelid, conname`.execute(tx)
      ).rows
    : [];
  const indexes = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid in (${names}) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by i.indexrelid`.execute(tx);
  // tgtype bits: 1 row-level, 4 INSERT.
  const triggers = opts.insertTriggers
    ? (
        await sql<{ tbl: string; name: string }>`
          select tgrelid::regclass::text as tbl, quote_ident(tgname) as name from pg_trigger
          where tgrelid in (${names}) and not tgisinternal and tgenabled <> 'D' and tgtype & 4 <> 0 and tgtype & 1 = 0
          order by tgrelid, tgname`.execute(tx)
      ).rows
    : [];
  for (const t of triggers) await sql.raw(`alter table ${t.tbl} disable trigger ${t.name}`).execute(tx);
  for (const k of keys) await sql.raw(`alter table ${k.tbl} drop constraint ${k.name}`).execute(tx);
  for (const i of indexes.rows) await sql.raw(`drop index ${i.name}`).execute(tx);
  return async () => {
    // Larger sort memory for the builds, for this transaction only.
    await sql`set local maintenance_work_mem = '256MB'`.execute(tx);
    for (const i of indexes.rows) await sql.raw(i.def).execute(tx);
    for (const k of keys) await sql.raw(`alter table ${k.tbl} add constraint ${k.name} ${k.def}`).execute(tx);
    for (const t of triggers) await sql.raw(`alter table ${t.tbl} enable trigger ${t.name}`).execute(tx);
  };
}
