import { sql } from 'kysely';
import { contentOf, entryHash } from '../../src/server/platform/audit.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import type { Db } from '../../src/server/platform/db.ts';

/** What an attacker with write access does: edit one entry's text, then recompute its hash and every later one of its chain. */
export async function rewriteFrom(db: Db, id: number, textId: string): Promise<void> {
  await sql`update audit_log set text_id = ${textId} where id = ${id}`.execute(db);
  const { kab_kota } = await db.selectFrom('audit_log').select('kab_kota').where('id', '=', id).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('audit_log').selectAll().where('kab_kota', '=', kab_kota).where('id', '>=', id).orderBy('id').execute();
  let prev = rows[0]!.prev_hash;
  for (const r of rows) {
    const hash = entryHash(prev, contentOf(r));
    await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`.execute(db);
    prev = hash;
  }
}

/** A log entry of the CLI for the chain of `regionCode`'s district (null: the national chain), numbered `i`. */
export const testEntry = (regionCode: string | null, i = 0) => ({
  actor: CLI_ACTOR,
  action: 'TEST',
  text: { id: `Uji ${regionCode ?? 'nasional'} ${i}`, en: `Test ${regionCode ?? 'national'} ${i}` },
  regionCode,
  details: { i },
});
