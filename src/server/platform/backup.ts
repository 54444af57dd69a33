import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { type Database, type DatabaseKind, type Db, openDatabase, pgliteDirOf } from './db.ts';
import { AppError } from './errors.ts';
import { listMigrations } from './migrate.ts';
import { acquireDataLock } from './data-lock.ts';
import { now } from './clock.ts';

// `siks backup FILE` / `siks restore FILE`. A backup file is a fixed 4 KiB header (magic line, then
// JSON padded with spaces) followed by the engine's own dump: pg_dump's custom format on PostgreSQL,
// PGlite's gzipped data-directory tarball on the embedded database. The header names the engine, the
// schema (last migration) and the SHA-256 of the payload, so a restore refuses a file of the other
// engine, of a newer version or a damaged one before it touches the target.

const MAGIC = 'SIKS-BACKUP/1\n';
export const BACKUP_HEADER_BYTES = 4096;

/** What the header of a backup file says about its payload. */
export interface BackupHeader {
  engine: DatabaseKind;
  /** The last migration applied to the backed-up database, and how many were. */
  schema: string;
  migrations: number;
  createdAt: string;
  bytes: number;
  sha256: string;
  households: number;
  /**
   * The generated `<dataDir>/audit.key` of an embedded database without SIKS_AUDIT_KEY: its checkpoints
   * are signed with it, and it lives beside the database in the data directory this file copies.
   */
  embeddedAuditKey?: string;
}

const invalid = (en: string, id: string) => new AppError('BACKUP_INVALID', undefined, { id, en });

/** The PostgreSQL client program `name`: SIKS_PG_BIN, the newest /usr/lib/postgresql/N/bin, then PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore' | 'psql', env: NodeJS.ProcessEnv = process.env): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const dirs = [env.SIKS_PG_BIN, ...versions.map((v) => `${root}/${v}/bin`), ...(env.PATH ?? '').split(path.delimiter)];
  for (const dir of dirs) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  throw new AppError(
    'BACKUP_TOOL_MISSING',
    { program: name },
    {
      id: `${name} tidak ditemukan. Pasang klien PostgreSQL 15 (apt-get install postgresql-client-15) atau arahkan SIKS_PG_BIN ke direktori bin-nya.`,
      en: `${name} was not found. Install the PostgreSQL 15 client (apt-get install postgresql-client-15) or point SIKS_PG_BIN at its bin directory.`,
    },
  );
}

/** libpq environment for a postgres:// URL, so that no password shows in the process list. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  env.PGDATABASE = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const params: Record<string, string> = { sslmode: 'PGSSLMODE', sslrootcert: 'PGSSLROOTCERT', host: 'PGHOST', port: 'PGPORT' };
  for (const [k, v] of u.searchParams) if (params[k]) env[params[k]] = v;
  return env;
}

/** Waits for a child process; rejects with its stderr when it fails. */
function finished(child: ChildProcess, name: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${name} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

async function schemaOf(db: Db): Promise<{ schema: string; migrations: number }> {
  const rows = await db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  return { schema: rows.at(-1)?.name ?? '', migrations: rows.length };
}

async function householdCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Writes a backup of `database` to `file` (0600; written beside it and renamed when complete).
 * The caller writes an audit checkpoint first, so the copied log ends at a signed checkpoint.
 */
export async function writeBackup(
  database: Database,
  config: Pick<Config, 'databaseUrl' | 'auditKey' | 'dataDir'>,
  file: string,
): Promise<BackupHeader> {
  const { schema, migrations } = await schemaOf(database.db);
  const households = await householdCount(database.db);
  const partial = `${file}.partial`;
  const fd = fs.openSync(partial, 'w', 0o600);
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const out = fs.createWriteStream('', { fd, start: BACKUP_HEADER_BYTES, autoClose: false });
    if (database.kind === 'pglite') {
      if (!database.dumpDataDir) throw new Error('this database cannot dump its data directory');
      const blob = await database.dumpDataDir();
      await pipeline(Readable.fromWeb(blob.stream() as WebReadableStream), count, out);
    } else {
      const child = spawn(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', '--compress=6'], {
        env: libpqEnv(config.databaseUrl!),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const done = finished(child, 'pg_dump');
      await Promise.all([pipeline(child.stdout!, count, out), done]);
    }
    const header: BackupHeader = {
      engine: database.kind,
      schema,
      migrations,
      createdAt: now().toISOString(),
      bytes,
      sha256: hash.digest('hex'),
      households,
    };
    if (database.kind === 'pglite' && !config.auditKey) {
      const keyFile = path.join(config.dataDir, 'audit.key');
      if (fs.existsSync(keyFile)) header.embeddedAuditKey = fs.readFileSync(keyFile, 'utf8').trim();
    }
    fs.writeSync(fd, encodeHeader(header), 0, BACKUP_HEADER_BYTES, 0);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(partial, file);
  return readBackupHeader(file);
}

function encodeHeader(h: BackupHeader): Buffer {
  const text = `${MAGIC}${JSON.stringify(h)}\n`;
  if (Buffer.byteLength(text) > BACKUP_HEADER_BYTES) throw new Error('backup header too long');
  return Buffer.from(text.padEnd(BACKUP_HEADER_BYTES, ' '));
}

/** Reads and checks the header of a backup file (not yet its payload: see verifyBackup). */
export function readBackupHeader(file: string): BackupHeader {
  const buf = Buffer.alloc(BACKUP_HEADER_BYTES);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw invalid(`cannot open ${file}: ${(err as Error).message}`, `berkas ${file} tidak dapat dibuka: ${(err as Error).message}`);
  }
  let read: number;
  try {
    read = fs.readSync(fd, buf, 0, BACKUP_HEADER_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  const text = buf.subarray(0, read).toString('utf8');
  if (read < BACKUP_HEADER_BYTES || !text.startsWith(MAGIC))
    throw invalid(`${file} is not a SIKS-NG backup file`, `${file} bukan berkas cadangan SIKS-NG`);
  let h: BackupHeader;
  try {
    h = JSON.parse(text.slice(MAGIC.length).trimEnd()) as BackupHeader;
  } catch {
    throw invalid(`the header of ${file} is damaged`, `kepala berkas ${file} rusak`);
  }
  if (
    (h.engine !== 'pglite' && h.engine !== 'postgres') ||
    typeof h.schema !== 'string' ||
    !Number.isSafeInteger(h.bytes) ||
    typeof h.sha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(h.sha256)
  )
    throw invalid(`the header of ${file} is damaged`, `kepala berkas ${file} rusak`);
  return h;
}

/** Checks the payload's size and SHA-256 against the header. */
export async function verifyBackup(file: string, h: BackupHeader): Promise<void> {
  const size = fs.statSync(file).size - BACKUP_HEADER_BYTES;
  if (size !== h.bytes)
    throw invalid(
      `${file} is damaged: ${size} bytes of data where the header says ${h.bytes} (truncated or appended to)`,
      `${file} rusak: ${size} bita data, kepala berkas menyebut ${h.bytes} (terpotong atau ditambahi)`,
    );
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { start: BACKUP_HEADER_BYTES })) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== h.sha256)
    throw invalid(`${file} is damaged: its checksum (SHA-256) does not match`, `${file} rusak: checksum (SHA-256) tidak cocok`);
}

// Whether a database holds anything worth protecting: users, households or log entries. The tables are
// looked up first: a fresh database has none, and a query naming a missing table fails to plan.
async function hasData(db: Db): Promise<boolean> {
  const tables = ['users', 'households', 'audit_log'] as const;
  for (const t of tables) {
    const found = await sql<{ t: string | null }>`select to_regclass(${`public.${t}`})::text as t`.execute(db);
    if (!found.rows[0]?.t) continue;
    const r = await sql<{ used: boolean }>`select exists (select 1 from ${sql.table(t)}) as used`.execute(db);
    if (r.rows[0]?.used) return true;
  }
  return false;
}

const notEmpty = () => new AppError('RESTORE_NOT_EMPTY');

/** A suffix for what a forced restore moves aside: the time, safe in a file name. */
export function asideSuffix(): string {
  return `before-restore-${now().toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Loads a checked backup into the configured target: on PGlite a new data directory (an existing one
 * is moved aside with --force), on PostgreSQL the `public` schema replaced in one transaction
 * (psql -1 over pg_restore's script). Refuses a target holding data without `force`.
 * Returns what was moved aside. Migrations run afterwards, when the caller opens the database.
 */
export async function loadBackup(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'auditKey'>,
  file: string,
  h: BackupHeader,
  force: boolean,
): Promise<string[]> {
  const target: DatabaseKind = config.databaseUrl ? 'postgres' : 'pglite';
  if (h.engine !== target)
    throw new AppError('BACKUP_ENGINE_MISMATCH', undefined, {
      id: `Berkas cadangan ini dari ${h.engine === 'pglite' ? 'basis data tertanam (PGlite)' : 'PostgreSQL'}, sedangkan tujuannya ${target === 'pglite' ? 'basis data tertanam (PGlite)' : 'PostgreSQL (DATABASE_URL)'}.`,
      en: `This backup is of ${h.engine === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL'}, the target is ${target === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL (DATABASE_URL)'}.`,
    });
  if (h.schema && !listMigrations().includes(h.schema))
    throw new AppError('BACKUP_NEWER_SCHEMA', undefined, {
      id: `Berkas cadangan memuat migrasi ${h.schema} yang tidak dikenal versi ini: pulihkan dengan versi SIKS-NG yang membuatnya.`,
      en: `The backup has migration ${h.schema}, unknown to this version: restore it with the SIKS-NG version that made it.`,
    });
  return target === 'pglite' ? loadPglite(config, file, h, force) : loadPostgres(config.databaseUrl!, file, force);
}

async function loadPglite(config: Pick<Config, 'dataDir' | 'auditKey'>, file: string, h: BackupHeader, force: boolean): Promise<string[]> {
  const lock = acquireDataLock(config.dataDir);
  const aside: string[] = [];
  try {
    const dir = pgliteDirOf(config.dataDir);
    if (fs.existsSync(path.join(dir, 'PG_VERSION'))) {
      const existing = await openDatabase({ pgliteDir: dir });
      let used: boolean;
      try {
        used = await hasData(existing.db);
      } finally {
        await existing.close();
      }
      if (used && !force) throw notEmpty();
    }
    if (fs.existsSync(dir)) {
      // Kept, not deleted: the operator removes it once the restored database is checked.
      const moved = `${dir}.${asideSuffix()}`;
      fs.renameSync(dir, moved);
      aside.push(moved);
    }
    const payload = fs.readFileSync(file).subarray(BACKUP_HEADER_BYTES);
    const restored = await openDatabase({ pgliteDir: dir, loadDataDir: new Blob([payload]) });
    await restored.close();
    const keyFile = path.join(config.dataDir, 'audit.key');
    if (h.embeddedAuditKey && !config.auditKey) {
      const current = fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : undefined;
      if (current !== h.embeddedAuditKey) {
        if (current !== undefined) {
          const moved = `${keyFile}.${asideSuffix()}`;
          fs.renameSync(keyFile, moved);
          aside.push(moved);
        }
        fs.writeFileSync(keyFile, `${h.embeddedAuditKey}\n`, { mode: 0o600 });
      }
    }
    return aside;
  } finally {
    lock.release();
  }
}

async function loadPostgres(url: string, file: string, force: boolean): Promise<string[]> {
  const existing = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    if ((await hasData(existing.db)) && !force) throw notEmpty();
  } finally {
    await existing.close();
  }
  // pg_restore turns the archive into SQL; psql runs it after emptying `public`, all in one
  // transaction: a failure leaves the target as it was, and no table of a later migration survives.
  const restore = spawn(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--file=-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const psql = spawn(
    pgTool('psql'),
    [
      '-X',
      '-q',
      '--single-transaction',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'DROP SCHEMA IF EXISTS public CASCADE',
      '-c',
      'CREATE SCHEMA public',
      '-f',
      '-',
    ],
    { env: libpqEnv(url), stdio: ['pipe', 'ignore', 'pipe'] },
  );
  const restoreDone = finished(restore, 'pg_restore');
  const psqlDone = finished(psql, 'psql');
  await Promise.all([
    pipeline(fs.createReadStream(file, { start: BACKUP_HEADER_BYTES }), restore.stdin!),
    pipeline(restore.stdout!, psql.stdin!),
    restoreDone,
    psqlDone,
  ]);
  return [];
}
