import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

/**
 * A server-wide secret (e.g. the captcha HMAC key), created once and kept in the database so
 * every server process uses the same one. The first writer wins; everyone reads its value.
 */
export async function serverSecret(db: Db, key: string): Promise<string> {
  const existing = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
