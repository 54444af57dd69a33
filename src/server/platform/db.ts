import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { copyValue } from './copy-text.ts';
import type { DB } from './db-schema.ts';

export type { DB } from './db-schema.ts';
export type Db = Kysely<DB>;
export type DatabaseKind = 'pglite' | 'postgres';

// Values come back as the JS types the dictionary promises: numeric → number, int8 → number
// (ids stay far below 2^53), date → 'YYYY-MM-DD' string (no time-zone shift).
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

/** A database handle: Kysely for queries, plus transactions that also allow COPY. */
export interface Database {
  kind: DatabaseKind;
  db: Db;
  /**
   * Runs `fn` in one transaction; commits when it resolves, rolls back when it throws.
   * `snapshot` asks for REPEATABLE READ: every read sees the same snapshot (e.g. a release's
   * counts and its rows).
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, opts?: { snapshot?: boolean }): Promise<T>;
  /**
   * Bulk-loads rows with COPY inside transaction `tx`. Values are written in COPY text format;
   * null becomes \N. Returns the number of rows.
   */
  copyRows(
    tx: Db,
    table: string,
    columns: readonly string[],
    rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
  ): Promise<number>;
  /**
   * Bulk-loads text already in COPY text format (whole lines, tab-separated, \N for null) inside
   * transaction `tx`, chunk by chunk: for producers that encode rows themselves (the demo seeder's
   * generation thread).
   */
  copyText(tx: Db, table: string, columns: readonly string[], text: AsyncIterable<string> | Iterable<string>): Promise<void>;
  /**
   * PostgreSQL only: the output of `copySql` (a `COPY … TO STDOUT`) run inside transaction `tx`, as
   * a byte stream read with backpressure. Read it to its end before the next statement on `tx`.
   */
  copyOut?(tx: Db, copySql: string): AsyncIterable<Buffer>;
  /**
   * PGlite only: the whole output of `copySql` (a `COPY … TO STDOUT` of a bounded statement, such as
   * a keyset page) inside transaction `tx`, as bytes. PGlite writes it to a blob: no row becomes a
   * JavaScript string or object, which a query's rows do all at once (a release's memory, docs/performance.md).
   */
  copyOutBytes?(tx: Db, copySql: string): Promise<Uint8Array>;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory, taken between queries (siks backup). */
  dumpDataDir?(): Promise<Blob>;
  /** Connections of the pool: open, idle and requests waiting for one (metrics). */
  poolStats(): { total: number; idle: number; waiting: number };
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Directory for PGlite; `memory://` for a throw-away database. */
  pgliteDir?: string;
  /** A PGlite data-dir dump (tar) to start from, for fast test databases. */
  loadDataDir?: Blob;
  /** Server pool size on PostgreSQL. */
  poolSize?: number;
  /** PGlite only: its shared_buffers (e.g. `32MB`); unset, PostgreSQL's 128MB. */
  pgliteSharedBuffers?: string;
  /**
   * Tests only: called with the text of every statement sent (queries, COPY) before it runs, so a
   * test can check what the server asks (test/db/district-queries.db.test.ts). Unset, nothing is wrapped.
   */
  onStatement?: (sql: string) => void;
}

/** Opens the database: PostgreSQL when a URL is given, PGlite otherwise. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.onStatement);
  return openPglite(opts.pgliteDir ?? 'memory://', opts.loadDataDir, opts.pgliteSharedBuffers, opts.onStatement);
}

/**
 * Reports every statement a client of `pool` sends to `onStatement` (a test's recorder). Every handle
 * (root, transactions, COPY streams) queries through the pool's clients, wrapped here as each one connects.
 */
function traceStatements(pool: pg.Pool, onStatement: ((sql: string) => void) | undefined): void {
  if (!onStatement) return;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((q: unknown, ...rest: unknown[]) => {
      onStatement(typeof q === 'string' ? q : ((q as { text?: string }).text ?? ''));
      return query(q, ...rest);
    }) as typeof client.query;
  });
}

type Client = pg.PoolClient;

// A transaction is a Kysely bound to one checked-out client; we remember the client so that
// copyRows can stream COPY on the same connection.
const clientOf = new WeakMap<Db, Client>();
// Work deferred until a transaction commits (e.g. appending to a file outside the database), and the
// Database each handle (root or transaction) belongs to, so platform code given only `tx` can find
// what was attached to its Database.
const afterCommitOf = new WeakMap<Db, (() => void)[]>();
const ownerOf = new WeakMap<Db, Database>();

/**
 * Runs `fn` once the transaction of `tx` has committed, never when it rolls back. On a handle that is
 * not a transaction of `database.transaction()` the statements have committed already: `fn` runs now.
 */
export function afterCommit(tx: Db, fn: () => void): void {
  const hooks = afterCommitOf.get(tx);
  if (hooks) hooks.push(fn);
  else fn();
}

/** The Database a handle (its `db` or one of its transactions) belongs to. */
export function databaseOf(handle: Db): Database | undefined {
  return ownerOf.get(handle);
}

function kyselyOn(pool: pg.Pool | { connect(): Promise<unknown>; end(): Promise<void> }): Db {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as pg.Pool }) });
}

function makeTransaction(pool: pg.Pool, owner: { database?: Database }) {
  return async function transaction<T>(fn: (tx: Db) => Promise<T>, opts: { snapshot?: boolean } = {}): Promise<T> {
    const client = await pool.connect();
    // Kysely releases a connection after each query; the real release happens below, once.
    const pinned = { query: client.query.bind(client), release() {} } as unknown as Client;
    const tx = kyselyOn({ connect: async () => pinned, end: async () => {} });
    clientOf.set(tx, client);
    const hooks: (() => void)[] = [];
    afterCommitOf.set(tx, hooks);
    if (owner.database) ownerOf.set(tx, owner.database);
    let broken = false;
    try {
      await client.query(opts.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      for (const hook of hooks) hook();
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw err;
    } finally {
      clientOf.delete(tx);
      afterCommitOf.delete(tx);
      client.release(broken);
    }
  };
}

function copyLine(row: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += '\t';
    line += copyValue(row[i]);
  }
  return `${line}\n`;
}

function copySql(table: string, columns: readonly string[], source: string): string {
  const ident = (s: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`bad identifier ${s}`);
    return s;
  };
  return `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM ${source}`;
}

async function* chunks(rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>, counter: { n: number }) {
  let buf = '';
  for await (const row of rows) {
    buf += copyLine(row);
    counter.n++;
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

function requireClient(tx: Db): Client {
  const client = clientOf.get(tx);
  if (!client) throw new Error('copyRows needs a transaction handle from database.transaction()');
  return client;
}

/** The Database over `pool`: transactions pinned to one client, linked back to it (ownerOf). */
function databaseOn(
  pool: pg.Pool,
  db: Db,
  own: Pick<Database, 'kind' | 'copyRows' | 'copyText' | 'copyOut' | 'copyOutBytes' | 'close' | 'dumpDataDir'>,
): Database {
  const owner: { database?: Database } = {};
  const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  owner.database = { ...own, db, poolStats, transaction: makeTransaction(pool, owner) };
  ownerOf.set(db, owner.database);
  return owner.database;
}

async function openPostgres(url: string, poolSize: number, onStatement?: (sql: string) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  traceStatements(pool, onStatement);
  pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
  const db = kyselyOn(pool);
  await sql`select 1`.execute(db);
  return databaseOn(pool, db, {
    kind: 'postgres',
    async copyRows(tx, table, columns, rows) {
      const client = requireClient(tx);
      const counter = { n: 0 };
      await pipeline(Readable.from(chunks(rows, counter)), client.query(copyFrom(copySql(table, columns, 'STDIN'))));
      return counter.n;
    },
    async copyText(tx, table, columns, text) {
      await pipeline(Readable.from(text), requireClient(tx).query(copyFrom(copySql(table, columns, 'STDIN'))));
    },
    copyOut(tx, copySql) {
      return requireClient(tx).query(copyTo(copySql));
    },
    async close() {
      await db.destroy();
    },
  });
}

async function openPglite(dir: string, loadDataDir?: Blob, sharedBuffers?: string, onStatement?: (sql: string) => void): Promise<Database> {
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
  // The buffer pool lives in PGlite's WebAssembly heap and is touched whole at start: its size is
  // resident for the life of the process (docs/performance.md, Memory).
  const lite = await PGlite.create(dir, {
    ...(loadDataDir ? { loadDataDir } : {}),
    ...(sharedBuffers ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`] } : {}),
  });
  // PGlite has one connection: every transaction blocks all other queries, as documented.
  const pool = new pg.Pool(createPgConfig(lite));
  traceStatements(pool, onStatement);
  // COPY runs on PGlite itself, past the pool's clients.
  const liteQuery: typeof lite.query = (query, ...rest) => {
    onStatement?.(query);
    return lite.query(query, ...rest);
  };
  const db = kyselyOn(pool);
  return databaseOn(pool, db, {
    kind: 'pglite',
    async copyRows(tx, table, columns, rows) {
      // pg-copy-streams does not work over PGlite's wire adapter; PGlite reads COPY data from a
      // blob instead. Holding the pool's only client (tx) guarantees no other query interleaves.
      requireClient(tx);
      const counter = { n: 0 };
      for await (const chunk of chunks(rows, counter)) {
        await liteQuery(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([chunk]) });
      }
      return counter.n;
    },
    async copyText(tx, table, columns, text) {
      requireClient(tx);
      for await (const chunk of text) await liteQuery(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([chunk]) });
    },
    async copyOutBytes(tx, copyOutSql) {
      requireClient(tx);
      const toBlob = copyOutSql.replace(/ TO STDOUT\b/, " TO '/dev/blob'");
      if (toBlob === copyOutSql) throw new Error('copyOutBytes needs a COPY … TO STDOUT');
      const { blob } = await liteQuery(toBlob);
      return blob ? new Uint8Array(await blob.arrayBuffer()) : new Uint8Array(0);
    },
    async close() {
      await db.destroy();
      await lite.close();
    },
    async dumpDataDir() {
      // Hold the only connection so no transaction is half-way through; a checkpoint first makes
      // the files on disk complete, so the restored copy needs no WAL replay.
      const client = await pool.connect();
      try {
        await client.query('CHECKPOINT');
        return await lite.dumpDataDir('gzip');
      } finally {
        client.release();
      }
    },
  });
}

/** Dumps a PGlite database to a tarball blob (used to clone migrated test databases quickly). */
export async function dumpPglite(dir: string): Promise<Blob> {
  const lite = await PGlite.create(dir);
  try {
    return await lite.dumpDataDir('none');
  } finally {
    await lite.close();
  }
}

/** Path of the PGlite directory inside the data directory. */
export function pgliteDirOf(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}
