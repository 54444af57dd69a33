import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { openDatabase } from '../../src/server/platform/db.ts';

export interface TestContext extends AppContext {
  close(): Promise<void>;
}

/**
 * A fresh, migrated database with all regions, private to the calling test file.
 * PGlite by default; PostgreSQL when DATABASE_URL is set (npm run test:pg).
 */
export async function testContext(): Promise<TestContext> {
  const config = loadConfig({
    SIKS_TEST_FAST_HASHING: '1',
    SIKS_TEST_EASY_CAPTCHA: '1',
    SIKS_DATA_DIR: '.tmp/test-data',
  });
  const t = inject('dbTemplate');
  if (t.kind === 'pglite') {
    const database = await openDatabase({ pgliteDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(t.dump)]) });
    return { config, database, close: () => database.close() };
  }
  const name = `siks_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${t.template}`);
  await admin.end();
  const u = new URL(t.url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  return {
    config: { ...config, databaseUrl: u.toString() },
    database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: t.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}
