// Generates src/server/platform/db-schema.ts (the Kysely table types) and the table list of
// docs/database.md from one source: a fresh database migrated with the project's own migrate().
// Run it after adding a migration: `npm run db:schema`. test/db/db-schema.db.test.ts fails when
// the committed files and the migrations drift apart.
//
// Types follow what the driver returns (type parsers in platform/db.ts): int8 and numeric are
// numbers, date is a 'YYYY-MM-DD' string, timestamptz a Date. A string column whose CHECK lists
// its values (`status IN ('A', 'B')`) becomes a union; jsonb columns get their shape from JSON_SHAPES.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Database, type Db, openDatabase } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = path.join(root, 'src/server/platform/db-schema.ts');
export const DOCS_FILE = path.join(root, 'docs/database.md');
const DOCS_START = '<!-- tables:start -->';
const DOCS_END = '<!-- tables:end -->';

/** Named unions other code imports, keyed by `table.column`. */
const NAMED_UNIONS: Record<string, string> = {
  'users.role': 'Role',
  'imports.status': 'ImportStatus',
  'proposals.status': 'ProposalStatus',
  'images.content_type': 'ImageContentType',
  'documents.content_type': 'DocumentContentType',
};

/** The shape of each jsonb column as the code writes and reads it (the database only knows "jsonb"). */
const JSON_SHAPES: Record<string, string> = {
  'releases.counts': '{ households: number; members: number; kpm: number; pbi: number }',
  'releases.finalization': '{ period: string; number: number }',
  'imports.counts': 'ImportCounts',
  'proposals.body': 'Record<string, unknown>',
  'proposals.errors': 'unknown[]',
  'proposals.warnings': 'unknown[]',
  'proposals.conflict_changes': '{ fields: string[]; members: string[] }',
  'proposals.accepted_fields': 'string[]',
  'proposals.rejected_fields': 'string[]',
  'proposals.assigned': '{ idbdt: string; members: Record<string, string> }',
  'import_staging.body': 'Record<string, unknown>',
  'import_staging.errors': 'unknown[]',
  'import_staging.warnings': 'unknown[]',
  'import_staging.conflict_changes': '{ fields: string[]; members: string[] }',
  'finalisation_households.record': 'Record<string, unknown>',
  'finalisation_memberships.record': 'Record<string, unknown>',
};

/**
 * Column runs that several tables share (the field-by-field history tables, the state of a programme
 * membership), written once as a base
 * interface that each table with all of them, typed alike, extends.
 */
const SHARED_COLUMNS: Record<string, string[]> = {
  FieldChangeColumns: ['field', 'old_value', 'new_value', 'version', 'changed_at', 'changed_by', 'source', 'reason'],
  MembershipStateColumns: ['status', 'since', 'until', 'reason', 'version', 'created_at', 'updated_at'],
};

/** Types the JSON shapes above name, written into the generated file as they are. */
const PREAMBLE_TYPES = `export interface ImportCounts {
  new: number;
  failed: number;
  duplicate: number;
  conflict: number;
  warnings: number;
}`;

/**
 * The module owning each table and what it holds, for docs/database.md. A `COMMENT ON TABLE`
 * in a migration takes precedence over the text here.
 */
const TABLE_DOCS: Record<string, [module: string, purpose: string]> = {
  api_tokens: ['access', 'SHA-256 of each API token, its last use and revocation'],
  audit_log: [
    'platform/audit',
    'the hash-chained log, one chain per district (`kab_kota`) plus `00` for national actions: `hash` = SHA-256(prev_hash, canonical JSON of the entry)',
  ],
  audit_chain_heads: ['platform/audit', 'the head of each chain of the log: what an append locks (FOR UPDATE) and links to'],
  audit_checkpoints: [
    'platform/audit-anchor',
    'HMAC-signed checkpoints (entry count, head hash) of the log, also appended to the anchor file',
  ],
  captcha_used: ['access', 'burned captcha challenges, so that a solved one cannot be replayed'],
  district_profiles: ['profiles', 'Profil Instansi and Profil Pengesahan of a kabupaten/kota, created on its first save'],
  district_programs: ['programs', 'the BPNT stage (Tahap) of a district'],
  district_quotas: ['programs', 'BSP/PBI quota per district and programme, set by Ditjen PFM; no row: no quota'],
  document_regions: ['documents', 'the kabupaten/kota a restricted document is shown to'],
  documents: ['documents', 'documents Pusdatin publishes on Beranda, their bytes in the database'],
  finalisation_households: ['finalisations', 'snapshot of every household a finalisation covers; immutable (trigger)'],
  finalisation_memberships: ['finalisations', 'BSP/PBI: snapshot of the list memberships a finalisation changed; immutable (trigger)'],
  finalisations: ['finalisations', 'immutable finalisation records: recap, letter, data hash, public id (trigger-guarded)'],
  household_history: ['households', 'every applied change: field, old, new, version, when, who, source, reason'],
  households: ['households', 'rumah tangga: one typed column per dictionary field; `idbdt` = desa code + 6-digit serial'],
  images: ['profiles, mou', 'checked and re-encoded PNG/JPEG bytes (logos, photos, MoU scans)'],
  import_duplicates: ['packages', 'package lines whose proposalId was already known'],
  import_staging: ['packages', 'proposals staged by an import job before the one publishing transaction'],
  import_uploads: ['packages', 'the uploaded bytes of an import in 1 MiB pieces, until its job has read them'],
  imports: ['packages', 'upload jobs (claimed with `FOR UPDATE SKIP LOCKED`, heartbeat) and their results'],
  login_attempts: ['access', 'failed and successful logins per account and address (lock, throttle)'],
  login_locks: ['access', "login locks per (User ID as typed, address); address '' locks the User ID from everywhere"],
  personal_search_counts: ['households', 'searches by NIK, No KK or name per user and minute (the personal-search limit)'],
  kpm_memberships: [
    'programs',
    'KPM of BPNT and RASTRA per district (F10): pengurus, KKS and account numbers, AKTIF or NONAKTIF with a reason',
  ],
  kpm_history: ['programs', 'every change of a KPM membership, field by field (like household_history)'],
  pbi_participants: [
    'programs',
    'PBI-JK participants per district (F11): card number (null until issued), AKTIF or NONAKTIF with a reason',
  ],
  pbi_history: ['programs', 'every change of a PBI participant, field by field'],
  pkh_nominations: ['pkh', 'Usulan PKH (F11b): DIUSULKAN, DITERIMA or DITOLAK, components at nomination; one open per household'],
  pkh_nomination_history: ['pkh', 'every status change of a PKH nomination, with who and why'],
  members: ['households', 'anggota rumah tangga; `idartbdt` = idbdt + 2-digit serial'],
  mou_submissions: ['mou', "every MoU upload and its review; a district's state is its latest row"],
  periods: ['periods', 'verval periods; a partial unique index keeps one open'],
  proposal_media: ['packages, proposals', 'photos of proposals by SHA-256'],
  proposals: ['packages, proposals', 'usulan with their checks, conflicts and decisions'],
  regions: ['regions', 'Kemendagri provinsi, kabupaten/kota, kecamatan, desa; codes without dots, C collation'],
  releases: ['releases', 'each district database download and its `package_key`'],
  schema_migrations: ['platform/migrate', 'applied migration files'],
  sessions: ['access', 'SHA-256 of each session cookie and its idle deadline, shared by all server processes'],
  settings: ['access', 'server-wide secrets (captcha HMAC keys)'],
  user_profiles: ['profiles', 'Profil Pengguna beside the account'],
  user_regions: ['access', 'the region scope of each user; PUSDATIN/PFM have none (the nation)'],
  users: ['access', 'accounts: role, password hash, status'],
};

export interface ColumnInfo {
  name: string;
  /** pg_type.typname: int4, varchar, _text, … */
  typname: string;
  /** format_type(): character varying(10), timestamp with time zone, … */
  sqlType: string;
  notNull: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
  /** Values of a single-column `col IN ('a', 'b')` CHECK. */
  values?: string[];
}

export interface TableInfo {
  name: string;
  comment: string | null;
  columns: ColumnInfo[];
}

/** Reads the tables of the current schema from the catalogue. */
export async function readSchema(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; comment: string | null }>`
    select c.relname as name, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  const columns = await sql<{
    table: string;
    name: string;
    typname: string;
    sql_type: string;
    not_null: boolean;
    has_default: boolean;
    primary_key: boolean;
  }>`
    select c.relname as table, a.attname as name, t.typname, format_type(a.atttypid, a.atttypmod) as sql_type,
      a.attnotnull as not_null, (a.atthasdef or a.attidentity <> '') as has_default,
      exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p' and a.attnum = any (k.conkey)) as primary_key
    from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_type t on t.oid = a.atttypid
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  const checks = await sql<{ table: string; column: string; def: string }>`
    select c.relname as table, a.attname as column, pg_get_constraintdef(k.oid) as def
    from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
    where n.nspname = current_schema() and k.contype = 'c' and array_length(k.conkey, 1) = 1`.execute(db);
  const valuesOf = new Map<string, string[]>();
  for (const c of checks.rows) {
    const values = parseInCheck(c.column, c.def);
    if (values) valuesOf.set(`${c.table}.${c.column}`, values);
  }
  return tables.rows.map((t) => ({
    name: t.name,
    comment: t.comment,
    columns: columns.rows
      .filter((c) => c.table === t.name)
      .map((c) => ({
        name: c.name,
        typname: c.typname,
        sqlType: c.sql_type,
        notNull: c.not_null,
        hasDefault: c.has_default,
        primaryKey: c.primary_key,
        values: valuesOf.get(`${t.name}.${c.name}`),
      })),
  }));
}

/**
 * The string values of `CHECK (col IN ('a', 'b'))` as PostgreSQL prints it back
 * (`CHECK (((col)::text = ANY ((ARRAY['a'::character varying, …])::text[])))`); undefined for any
 * other check (ranges, patterns, numeric lists, conditions joined with AND/OR).
 */
export function parseInCheck(column: string, def: string): string[] | undefined {
  const m = /^CHECK \(\(+"?(\w+)"?\)?(?:::[a-z ]+)? = ANY \(\(?ARRAY\[([^\]]*)\]\)?(?:::[a-z ]+\[\])?\)\)+$/.exec(def);
  if (!m || m[1] !== column) return undefined;
  const items = m[2]!.split(', ');
  const values: string[] = [];
  for (const item of items) {
    const v = /^'((?:[^']|'')*)'(?:::[a-z ]+)?$/.exec(item);
    if (!v) return undefined;
    values.push(v[1]!.replaceAll("''", "'"));
  }
  return values;
}

const pascal = (s: string) => s.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const literal = (v: string) => `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function scalarType(table: string, c: ColumnInfo, typname: string): string {
  switch (typname) {
    case 'int2':
    case 'int4':
    case 'int8': // parsed as a number in platform/db.ts (ids stay far below 2^53)
    case 'float4':
    case 'float8':
    case 'numeric': // parsed as a number in platform/db.ts
      return 'number';
    case 'bool':
      return 'boolean';
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'uuid':
    case 'name':
    case 'date': // kept as 'YYYY-MM-DD' in platform/db.ts
      return c.values ? (NAMED_UNIONS[`${table}.${c.name}`] ?? c.values.map(literal).join(' | ')) : 'string';
    case 'timestamptz':
    case 'timestamp':
      return 'Timestamp';
    case 'json':
    case 'jsonb': {
      const shape = JSON_SHAPES[`${table}.${c.name}`];
      return shape ? `Json<${shape}>` : 'Json';
    }
    case 'bytea':
      return 'Bytes';
    default:
      throw new Error(`gen-db-schema: no TypeScript type for ${table}.${c.name} (${c.sqlType}); add one to scalarType()`);
  }
}

function columnType(table: string, c: ColumnInfo): string {
  let t = c.typname.startsWith('_') ? `${scalarType(table, c, c.typname.slice(1))}[]` : scalarType(table, c, c.typname);
  if (!c.notNull) t = `${t} | null`;
  return c.hasDefault ? `Generated<${t}>` : t;
}

/** Breaks `export type X = 'a' | 'b';` the way the formatter does when it is too long. */
function unionAlias(name: string, values: string[]): string {
  const line = `export type ${name} = ${values.map(literal).join(' | ')};`;
  if (line.length <= 140) return line;
  return `export type ${name} =\n${values.map((v) => `  | ${literal(v)}`).join('\n')};`;
}

/** The text of src/server/platform/db-schema.ts for these tables. */
export function renderSchema(tables: TableInfo[]): string {
  const aliases: string[] = [];
  for (const [key, name] of Object.entries(NAMED_UNIONS)) {
    const [table, column] = key.split('.');
    const values = tables.find((t) => t.name === table)?.columns.find((c) => c.name === column)?.values;
    if (!values) throw new Error(`gen-db-schema: ${key} has no CHECK (… IN (…)) to name ${name} after`);
    aliases.push(unionAlias(name, values));
  }
  const out = [
    '// Kysely table types, generated from the migrated database by scripts/gen-db-schema.ts.',
    '// Do not edit: add a migration, then run `npm run db:schema`.',
    "import type { ColumnType } from 'kysely';",
    '',
    "/** A column with a default (or identity): optional on insert. Unlike kysely's, it keeps the insert type of a ColumnType. */",
    'type Generated<T> = T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;',
    'type Timestamp = ColumnType<Date, Date | string, Date | string>;',
    '/** A jsonb column: read as its value, written as JSON text. */',
    'type Json<T = unknown> = ColumnType<T, string, string>;',
    'type Bytes = ColumnType<Buffer, Buffer | Uint8Array, Buffer | Uint8Array>;',
    '',
    ...aliases,
    '',
    PREAMBLE_TYPES,
    '',
  ];
  const lines = (t: TableInfo) => new Map(t.columns.map((c) => [c.name, `  ${c.name}: ${columnType(t.name, c)};`]));
  const bases: { name: string; lines: string[] }[] = [];
  for (const [name, columns] of Object.entries(SHARED_COLUMNS)) {
    const first = tables.map(lines).find((l) => columns.every((c) => l.has(c)));
    if (first) bases.push({ name, lines: columns.map((c) => first.get(c)!) });
  }
  for (const base of bases) out.push(`export interface ${base.name} {`, ...base.lines, '}', '');
  for (const t of tables) {
    const own = [...lines(t).values()];
    const extended = bases.filter((b) => b.lines.every((l) => own.includes(l)));
    const shared = new Set(extended.flatMap((b) => b.lines));
    const heritage = extended.length ? ` extends ${extended.map((b) => b.name).join(', ')}` : '';
    out.push(`export interface ${pascal(t.name)}Table${heritage} {`, ...own.filter((l) => !shared.has(l)), '}', '');
  }
  out.push('export interface DB {');
  for (const t of tables) out.push(`  ${t.name}: ${pascal(t.name)}Table;`);
  out.push('}', '');
  return out.join('\n');
}

const shortType = (s: string) =>
  s
    .replace('character varying', 'varchar')
    .replace(/^character\(/, 'char(')
    .replace('timestamp with time zone', 'timestamptz')
    .replace('timestamp without time zone', 'timestamp');

/** The generated table list of docs/database.md (between the markers, markers included). */
export function renderDocs(tables: TableInfo[]): string {
  const out = [
    DOCS_START,
    '<!-- Generated by scripts/gen-db-schema.ts from the migrated database; run `npm run db:schema` after a migration. -->',
    '',
    'Each table: the module that owns it, what it holds, and its columns (**bold**: primary key).',
    '',
  ];
  for (const t of tables) {
    const [module, purpose] = TABLE_DOCS[t.name] ?? ['?', ''];
    const what = t.comment ?? purpose;
    out.push(`- \`${t.name}\` (${module})${what ? `: ${what}` : ''}.`);
    const cols = t.columns.map((c) => {
      const name = c.primaryKey ? `**${c.name}**` : c.name;
      const values = c.values ? ` {${c.values.join(', ')}}` : '';
      return `${name} ${shortType(c.sqlType)}${c.notNull ? '' : ' null'}${c.hasDefault ? ' default' : ''}${values}`;
    });
    out.push(`  ${cols.join(' · ')}`);
  }
  out.push('', DOCS_END);
  return out.join('\n');
}

/** `doc` with its marked table list replaced by `section`. */
export function spliceDocs(doc: string, section: string): string {
  const start = doc.indexOf(DOCS_START);
  const end = doc.indexOf(DOCS_END);
  if (start < 0 || end < start) throw new Error(`docs/database.md: markers ${DOCS_START} … ${DOCS_END} not found`);
  return doc.slice(0, start) + section + doc.slice(end + DOCS_END.length);
}

/** Both generated texts for a migrated database. */
export async function generate(database: Database): Promise<{ schema: string; docs: string }> {
  const tables = await readSchema(database.db);
  return { schema: renderSchema(tables), docs: spliceDocs(fs.readFileSync(DOCS_FILE, 'utf8'), renderDocs(tables)) };
}

async function main() {
  const database = await openDatabase({ pgliteDir: 'memory://' });
  try {
    await migrate(database);
    const { schema, docs } = await generate(database);
    fs.writeFileSync(SCHEMA_FILE, schema);
    fs.writeFileSync(DOCS_FILE, docs);
    console.log(`wrote ${path.relative(root, SCHEMA_FILE)} and ${path.relative(root, DOCS_FILE)}`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
