import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/platform/db.ts';
import { DISTRICT_TABLES, DISTRIBUTION_COLUMN, LOCAL_TABLES, REFERENCE_TABLES } from '../../src/server/platform/distribution.ts';
import { MIGRATIONS_DIR } from '../../src/server/platform/migrate.ts';
import { type TestContext, testContext } from '../support/db.ts';

// Issue 18 item 2: the schema Citus can distribute by district (docs/adr/0015-distribution-by-district.md),
// checked on the migrated database's catalog. Each rule is a list of violations, so a failure names
// the table, key or constraint at fault.

interface Classification {
  reference: readonly string[];
  district: readonly string[];
  local: readonly string[];
}

const CLASSIFIED: Classification = {
  reference: Object.keys(REFERENCE_TABLES),
  district: DISTRICT_TABLES,
  local: Object.keys(LOCAL_TABLES),
};

const K = DISTRIBUTION_COLUMN;

/** Every rule of the distribution, checked on `db`'s catalog; one line per violation. */
async function violations(db: Db, c: Classification): Promise<string[]> {
  const out: string[] = [];
  const placement = (t: string) =>
    c.district.includes(t) ? 'district' : c.reference.includes(t) ? 'reference' : c.local.includes(t) ? 'local' : undefined;

  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  for (const { name } of tables.rows) {
    if (!placement(name))
      out.push(
        `table ${name} is not classified: add it to src/server/platform/distribution.ts (reference or district) and to the Citus migration`,
      );
  }
  const present = new Set(tables.rows.map((t) => t.name));
  for (const t of [...c.reference, ...c.district, ...c.local]) if (!present.has(t)) out.push(`classified table ${t} does not exist`);

  // The distribution column of every district table.
  const cols = await sql<{ table_name: string; is_nullable: string; data_type: string; len: number | null; collation_name: string | null }>`
    select table_name, is_nullable, data_type, character_maximum_length as len, collation_name from information_schema.columns
    where table_schema = current_schema() and column_name = ${K}`.execute(db);
  const col = new Map(cols.rows.map((r) => [r.table_name, r]));
  for (const t of c.district.filter((x) => present.has(x))) {
    const k = col.get(t);
    if (!k) out.push(`district table ${t} has no ${K}`);
    else {
      if (k.is_nullable !== 'NO') out.push(`district table ${t}: ${K} must be NOT NULL`);
      if (k.data_type !== 'character varying' || Number(k.len) !== 4 || k.collation_name !== 'C')
        out.push(`district table ${t}: ${K} must be varchar(4) COLLATE "C" (is ${k.data_type}(${k.len}) ${k.collation_name ?? 'default'})`);
    }
  }

  // Primary keys, unique constraints and unique indexes (partial ones included) of district tables.
  const keys = await sql<{ table_name: string; index_name: string; primary: boolean; columns: (string | null)[] }>`
    select t.relname as table_name, i.relname as index_name, x.indisprimary as primary,
      array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, n)
            left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
            where k.n <= x.indnkeyatts order by k.n) as columns
    from pg_index x
    join pg_class t on t.oid = x.indrelid
    join pg_class i on i.oid = x.indexrelid
    where x.indisunique and t.relnamespace = current_schema()::regnamespace`.execute(db);
  const pk = new Set<string>();
  for (const r of keys.rows) {
    if (placement(r.table_name) !== 'district') continue;
    if (r.primary) {
      pk.add(r.table_name);
      if (r.columns[0] !== K)
        out.push(`district table ${r.table_name}: primary key ${r.index_name} (${r.columns.join(', ')}) must start with ${K}`);
    } else if (!r.columns.includes(K)) {
      out.push(`district table ${r.table_name}: unique index ${r.index_name} (${r.columns.join(', ')}) must include ${K}`);
    }
  }
  for (const t of c.district.filter((x) => present.has(x) && !pk.has(x))) out.push(`district table ${t} has no primary key`);

  // Foreign keys: between district tables with kab_kota on both sides, matched to each other; to a
  // reference table freely; never from a reference (or local) table to a district one.
  const fks = await sql<{ name: string; source: string; target: string; source_columns: string[]; target_columns: string[] }>`
    select c.conname as name, s.relname as source, t.relname as target,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, n)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n) as source_columns,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, n)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n) as target_columns
    from pg_constraint c
    join pg_class s on s.oid = c.conrelid
    join pg_class t on t.oid = c.confrelid
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db);
  for (const f of fks.rows) {
    const from = placement(f.source);
    const to = placement(f.target);
    const what = `foreign key ${f.name} ${f.source}(${f.source_columns.join(', ')}) → ${f.target}(${f.target_columns.join(', ')})`;
    if (to === 'district' && from !== 'district') out.push(`${what}: a ${from ?? 'unclassified'} table may not point at a district table`);
    if (from === 'district' && to === 'district') {
      const i = f.source_columns.indexOf(K);
      if (i < 0 || f.target_columns[i] !== K) out.push(`${what}: a key between district tables must match ${K} to ${K}`);
    }
    if (from === 'district' && to === 'local') out.push(`${what}: a district table may point at reference or district tables only`);
  }
  return out;
}

/**
 * The tables every Citus block of the migrations places (blocks that run only where the citus
 * extension exists, like 0029): reference and distributed, from their FOREACH … LOOP PERFORM lists
 * and single create_distributed_table('…') calls.
 */
function citusPlacement(): { reference: string[]; district: string[]; files: string[] } {
  const out = { reference: [] as string[], district: [] as string[], files: [] as string[] };
  for (const file of fs.readdirSync(MIGRATIONS_DIR).sort()) {
    const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    if (!/IF NOT EXISTS \(SELECT 1 FROM pg_extension WHERE extname = 'citus'\) THEN\s+RETURN;/.test(text)) continue;
    out.files.push(file);
    // In the order of the file: a table must be placed after the tables its keys point at.
    const lists =
      /ARRAY\[([^\]]*)\]\s*LOOP\s*PERFORM (create_reference_table|create_distributed_table)\(|PERFORM (create_distributed_table)\('([a-z_]+)'/g;
    for (const m of text.matchAll(lists)) {
      const names = m[4] ? [m[4]] : [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((n) => n[1]!);
      ((m[2] ?? m[3]) === 'create_reference_table' ? out.reference : out.district).push(...names);
    }
  }
  return out;
}

let ctx: TestContext;
let scratch: TestContext;

beforeAll(async () => {
  [ctx, scratch] = await Promise.all([testContext(), testContext()]);
});
afterAll(async () => {
  await ctx?.close();
  await scratch?.close();
});

describe('the schema follows the distribution by district (Citus)', () => {
  it('every table is classified, and every district table, key and foreign key keeps to the rules', async () => {
    expect(await violations(ctx.database.db, CLASSIFIED)).toEqual([]);
  });

  it('a table is either reference, district or local, never two of them', () => {
    const all = [...CLASSIFIED.reference, ...CLASSIFIED.district, ...CLASSIFIED.local];
    expect(all.filter((t, i) => all.indexOf(t) !== i)).toEqual([]);
  });

  it('the Citus migrations place exactly the classified tables, each once, households first', () => {
    const placed = citusPlacement();
    expect(placed.files[0]).toBe('0029_citus_distribution.sql');
    expect([...placed.reference].sort()).toEqual([...CLASSIFIED.reference].sort());
    expect([...placed.district].sort()).toEqual([...CLASSIFIED.district].sort());
    expect(placed.district[0]).toBe('households');
  });

  it('names what breaks the rules: an unclassified table, a district key without kab_kota first, keys across placements', async () => {
    const db = scratch.database.db;
    await sql`create table zz_unclassified (id int primary key)`.execute(db);
    await sql`create table zz_parent (kab_kota varchar(4) collate "C" not null, id int not null, primary key (id, kab_kota), unique (id))`.execute(
      db,
    );
    await sql`create table zz_child (kab_kota varchar(4) collate "C" not null, id int, parent_id int references zz_parent (id), primary key (kab_kota, id))`.execute(
      db,
    );
    await sql`create table zz_loose (kab_kota varchar(4), id int, primary key (id))`.execute(db);
    await sql`create table zz_ref (id int primary key, parent_id int references zz_parent (id))`.execute(db);
    const found = await violations(db, {
      reference: [...CLASSIFIED.reference, 'zz_ref'],
      district: [...CLASSIFIED.district, 'zz_parent', 'zz_child', 'zz_loose'],
      local: CLASSIFIED.local,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^table zz_unclassified is not classified/),
        'district table zz_parent: primary key zz_parent_pkey (id, kab_kota) must start with kab_kota',
        'district table zz_parent: unique index zz_parent_id_key (id) must include kab_kota',
        'district table zz_loose: kab_kota must be NOT NULL',
        expect.stringMatching(/^district table zz_loose: kab_kota must be varchar\(4\) COLLATE "C"/),
        expect.stringMatching(/^district table zz_loose: primary key zz_loose_pkey \(id\) must start with kab_kota/),
        'foreign key zz_child_parent_id_fkey zz_child(parent_id) → zz_parent(id): a key between district tables must match kab_kota to kab_kota',
        'foreign key zz_ref_parent_id_fkey zz_ref(parent_id) → zz_parent(id): a reference table may not point at a district table',
      ]),
    );
    expect(found).toHaveLength(8);
  });
});
