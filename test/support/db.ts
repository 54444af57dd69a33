import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { attachAuditAnchor, resolveAuditAnchor } from '../../src/server/platform/audit-anchor.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { openDatabase } from '../../src/server/platform/db.ts';

/** The SIKS_AUDIT_KEY of test databases. */
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789abcdef';

export interface TestContext extends AppContext {
  close(): Promise<void>;
}

/**
 * A fresh, migrated database with all regions, private to the calling test file.
 * PGlite by default; PostgreSQL when DATABASE_URL is set (npm run test:pg).
 */
export async function testContext(opts: { onStatement?: (sql: string) => void } = {}): Promise<TestContext> {
  // The log's key and anchor file of this file's database: a fixed key (as SIKS_AUDIT_KEY would give
  // every process one) and an anchor file of its own, removed on close.
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-anchor-'));
  const config = loadConfig({
    SIKS_TEST_FAST_HASHING: '1',
    SIKS_TEST_EASY_CAPTCHA: '1',
    SIKS_DATA_DIR: '.tmp/test-data',
    SIKS_AUDIT_KEY: TEST_AUDIT_KEY,
    SIKS_AUDIT_ANCHOR_FILE: path.join(anchorDir, 'audit-anchor.log'),
  });
  const anchor = resolveAuditAnchor(config);
  const removeAnchor = () => fs.rmSync(anchorDir, { recursive: true, force: true });
  const t = inject('dbTemplate');
  if (t.kind === 'pglite') {
    // The server's own buffer pool size (SIKS_PGLITE_SHARED_BUFFERS, 32MB), not PGlite's 128MB: the
    // pool is touched whole at start, once per test file.
    const database = await openDatabase({
      pgliteDir: 'memory://',
      loadDataDir: new Blob([fs.readFileSync(t.dump)]),
      pgliteSharedBuffers: config.pgliteSharedBuffers,
      onStatement: opts.onStatement,
    });
    attachAuditAnchor(database, anchor);
    return {
      config,
      database,
      async close() {
        await database.close();
        removeAnchor();
      },
    };
  }
  const name = `siks_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${t.template}`);
  await admin.end();
  const u = new URL(t.url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4, onStatement: opts.onStatement });
  attachAuditAnchor(database, anchor);
  return {
    config: { ...config, databaseUrl: u.toString() },
    database,
    async close() {
      await database.close();
      removeAnchor();
      const c = new pg.Client({ connectionString: t.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}
