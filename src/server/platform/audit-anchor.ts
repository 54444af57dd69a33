import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from './config.ts';
import { type Database, type Db, databaseOf } from './db.ts';

// The anchor of the hash-chained log (docs/adr/0012-audit-anchor.md): checkpoints (entry count and
// head hash) signed with HMAC-SHA-256 under a key kept outside the database, stored in the database
// and appended to a file outside it. This file holds the key, the signature and the file; audit.ts
// writes checkpoints and checks the chain against them. The log is one chain per district plus the
// national one (docs/adr/0016-audit-chain-per-district.md); every checkpoint belongs to one chain.

/**
 * The key of the national chain: actions on no district's data (users, periods, national and
 * province views) and every entry written before the log had one chain per district. Not a region
 * code (province codes run 11–94), shorter than a district's, and first in key order.
 */
export const NATIONAL_CHAIN = '00';

/** A checkpoint is written when this many entries were appended since the last one. */
export const CHECKPOINT_EVERY = 1000;
/** Shortest SIKS_AUDIT_KEY accepted: 32 characters (`openssl rand -hex 32` gives 64). */
const MIN_KEY_LENGTH = 32;
const KEY_FILE = 'audit.key';

export type CheckpointReason = 'EVERY_1000' | 'FINALISATION' | 'MANUAL';

/** What a process needs to sign checkpoints and where it appends them. */
export interface AuditAnchor {
  key: Buffer;
  file: string;
}

/** One checkpoint as stored in the database and written to the anchor file. */
export interface Checkpoint {
  /** The chain it anchors: a district's kab_kota, or NATIONAL_CHAIN. */
  chain: string;
  /** Entries in the chain when it was made. */
  count: number;
  /** Id and hash of the last of them. */
  lastId: number;
  head: string;
  /** ISO instant (milliseconds). */
  at: string;
  reason: CheckpointReason;
  finalisationId: number | null;
  hmac: string;
}

/** Refusal to start: the key is missing or unusable (a message for the operator). */
export class AuditKeyError extends Error {}

/**
 * The key and anchor file of this process: SIKS_AUDIT_KEY when set; otherwise, on the embedded database,
 * the key generated once into `<dataDir>/audit.key` (0600) and read by every later process; with
 * DATABASE_URL a missing key is refused, since processes on other machines could not share a generated one.
 */
export function resolveAuditAnchor(config: Pick<Config, 'auditKey' | 'auditAnchorFile' | 'databaseUrl' | 'dataDir'>): AuditAnchor {
  let key = config.auditKey;
  if (key === undefined) {
    if (config.databaseUrl)
      throw new AuditKeyError(
        'SIKS_AUDIT_KEY is not set. With DATABASE_URL every server and `siks` process must sign the audit log checkpoints with the same secret key, kept outside the database: generate one with `openssl rand -hex 32` and set SIKS_AUDIT_KEY to it in the environment of every process.',
      );
    key = embeddedKey(config.dataDir);
  }
  if (key.length < MIN_KEY_LENGTH)
    throw new AuditKeyError(`SIKS_AUDIT_KEY must have at least ${MIN_KEY_LENGTH} characters; generate one with \`openssl rand -hex 32\`.`);
  return { key: Buffer.from(key, 'utf8'), file: config.auditAnchorFile };
}

function embeddedKey(dataDir: string): string {
  const file = path.join(dataDir, KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': the first process creates it, every later one (CLI, restart) reads the same key.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

const anchors = new WeakMap<Database, AuditAnchor>();

/** Makes `anchor` the one every append and checkpoint on `database` uses. */
export function attachAuditAnchor(database: Database, anchor: AuditAnchor): void {
  anchors.set(database, anchor);
}

/** The anchor attached to the Database a handle (root or transaction) belongs to. */
export function auditAnchorOf(handle: Db): AuditAnchor | undefined {
  const database = databaseOf(handle);
  return database ? anchors.get(database) : undefined;
}

/**
 * HMAC-SHA-256 (hex) of a checkpoint: version, chain, count, last id, head hash and time. The national
 * chain keeps version 1 (no chain in the text), so its checkpoints signed before the chains split still
 * verify; a district's is version 2 and names its chain, so no checkpoint can be moved to another chain.
 */
export function checkpointHmac(key: Buffer, c: Pick<Checkpoint, 'chain' | 'count' | 'lastId' | 'head' | 'at'>): string {
  const chain = c.chain === NATIONAL_CHAIN ? 'siks-audit-checkpoint/1' : `siks-audit-checkpoint/2\n${c.chain}`;
  return createHmac('sha256', key).update(`${chain}\n${c.count}\n${c.lastId}\n${c.head}\n${c.at}`).digest('hex');
}

/** Whether a checkpoint was signed with `key`. */
export function checkpointSigned(key: Buffer, c: Checkpoint): boolean {
  const want = Buffer.from(checkpointHmac(key, c), 'hex');
  const got = Buffer.from(/^[0-9a-f]{64}$/.test(c.hmac) ? c.hmac : '', 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The line a checkpoint takes in the anchor file (JSON, one per line); the national chain's lines are as before the split (v 1). */
export function anchorLine(c: Checkpoint): string {
  return JSON.stringify({
    ...(c.chain === NATIONAL_CHAIN ? { v: 1 } : { v: 2, chain: c.chain }),
    at: c.at,
    count: c.count,
    lastId: c.lastId,
    head: c.head,
    reason: c.reason,
    finalisationId: c.finalisationId,
    hmac: c.hmac,
  });
}

/**
 * Appends a checkpoint to the anchor file (created 0600). A failure does not undo the committed
 * checkpoint, which stays in the database; it is reported so the operator can repair the file's disk.
 */
export function appendAnchor(file: string, c: Checkpoint): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, `${anchorLine(c)}\n`, { mode: 0o600 });
  } catch (err) {
    process.stderr.write(`SIKS-NG: could not append the audit checkpoint at ${c.count} entries to ${file}: ${(err as Error).message}\n`);
  }
}

/** The checkpoints of an anchor file (null when it does not exist) and the numbers of lines that are not one. */
export function readAnchorFile(file: string): { checkpoints: Checkpoint[]; badLines: number[] } | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const checkpoints: Checkpoint[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      const chain = o.v === 1 ? NATIONAL_CHAIN : o.v === 2 && typeof o.chain === 'string' && /^[0-9]{4}$/.test(o.chain) ? o.chain : null;
      if (
        chain === null ||
        !Number.isInteger(o.count) ||
        !Number.isInteger(o.lastId) ||
        typeof o.head !== 'string' ||
        typeof o.at !== 'string' ||
        typeof o.hmac !== 'string'
      )
        throw new Error('not a checkpoint');
      checkpoints.push({
        chain,
        count: o.count as number,
        lastId: o.lastId as number,
        head: o.head,
        at: o.at,
        reason: o.reason as CheckpointReason,
        finalisationId: (o.finalisationId as number | null) ?? null,
        hmac: o.hmac,
      });
    } catch {
      badLines.push(i + 1);
    }
  });
  return { checkpoints, badLines };
}
