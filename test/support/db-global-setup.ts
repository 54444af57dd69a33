import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../../src/server/platform/db.ts';
import { migrate } from '../../src/server/platform/migrate.ts';
import { loadRegionsIfEmpty } from '../../src/server/modules/regions/index.ts';

// Migrates one template database per run; every test file then starts from a copy of it
// (PostgreSQL: CREATE DATABASE … TEMPLATE; PGlite: a data-dir dump loaded into memory).

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; dump: string };
  }
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>) {
  await migrate(database);
  await database.transaction((tx) => loadRegionsIfEmpty(database, tx));
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `siks_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    await prepare(database);
    await database.close();
    project.provide('dbTemplate', { kind: 'postgres', url, template });
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${template}`);
      await c.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-test-'));
  // Every test file unpacks the dump into memory: without recycling, the checkpoints delete used WAL
  // segments instead of keeping two spare 16 MiB ones, which makes the dump a third smaller (95 → 62 MB).
  // wal_recycle is read at start, hence the restart before migrating.
  let database = await openDatabase({ pgliteDir: path.join(dir, 'db') });
  await sql`alter system set wal_recycle = off`.execute(database.db);
  await database.close();
  database = await openDatabase({ pgliteDir: path.join(dir, 'db') });
  await prepare(database);
  await sql`alter system reset wal_recycle`.execute(database.db);
  await sql`checkpoint`.execute(database.db);
  await database.close();
  const dump = path.join(dir, 'template.tar');
  fs.writeFileSync(dump, Buffer.from(await (await dumpPglite(path.join(dir, 'db'))).arrayBuffer()));
  project.provide('dbTemplate', { kind: 'pglite', dump });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
