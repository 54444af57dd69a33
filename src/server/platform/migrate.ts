import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

// Any constant works; it only has to be the same in every process migrating this database.
const MIGRATION_LOCK = 727_274_001;

/** Lists migration files in the order they apply (`NNNN_verb_object.sql`). */
export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction
 * together with its record. An advisory lock lets several server processes start at once.
 * Returns the names applied.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await database.transaction(async (tx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(
      tx,
    );
  });
  for (const name of listMigrations(dir)) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    await database.transaction(async (tx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
      const done = await tx.selectFrom('schema_migrations').select('name').where('name', '=', name).executeTakeFirst();
      if (done) return;
      await sql.raw(text).execute(tx);
      await tx.insertInto('schema_migrations').values({ name }).execute();
      applied.push(name);
    });
  }
  return applied;
}
