import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_FILE, generate, SCHEMA_FILE } from '../../scripts/gen-db-schema.ts';
import { type TestContext, testContext } from '../support/db.ts';

// The Kysely table types and the table list of docs/database.md are generated from the migrated
// database (scripts/gen-db-schema.ts); these tests fail when a migration lands without them.

let ctx: TestContext;
let scratch: TestContext;

beforeAll(async () => {
  [ctx, scratch] = await Promise.all([testContext(), testContext()]);
});
afterAll(async () => {
  await ctx?.close();
  await scratch?.close();
});

const STALE = 'out of date with migrations/: run `npm run db:schema` and commit the result';

describe('db-schema.ts and docs/database.md follow the migrations', () => {
  it('the committed table types and table list equal those generated from the migrated database', async () => {
    const { schema, docs } = await generate(ctx.database);
    expect(schema, `src/server/platform/db-schema.ts is ${STALE}`).toBe(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(docs, `docs/database.md (tables section) is ${STALE}`).toBe(fs.readFileSync(DOCS_FILE, 'utf8'));
  });

  it('a migration adding a column makes the generated files differ from the committed ones, naming the column', async () => {
    await sql`alter table periods add column drift_probe varchar(5) check (drift_probe in ('A', 'B'))`.execute(scratch.database.db);
    const { schema, docs } = await generate(scratch.database);
    expect(schema).not.toBe(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(docs).not.toBe(fs.readFileSync(DOCS_FILE, 'utf8'));
    const periods = /export interface PeriodsTable \{[^}]*\}/.exec(schema)?.[0];
    expect(periods).toContain("  drift_probe: 'A' | 'B' | null;\n");
    expect(docs).toMatch(/`periods` \(periods\).*\n.* · drift_probe varchar\(5\) null \{A, B\}\n/);
  });
});
