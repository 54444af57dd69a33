import { createHash } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import {
  appendAnchor,
  auditAnchorOf,
  CHECKPOINT_EVERY,
  type AuditAnchor,
  type Checkpoint,
  type CheckpointReason,
  checkpointHmac,
  checkpointSigned,
  readAnchorFile,
} from './audit-anchor.ts';
import type { AuditLogTable } from './db-schema.ts';
import { afterCommit, type Db } from './db.ts';
import { AppError } from './errors.ts';

// Serialises appends across processes so the chain stays linear.
const AUDIT_LOCK = 727_274_002;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  id: number | null;
  username: string;
}

export interface AuditEntryInput {
  actor: AuditActor;
  /** Stable action code, e.g. `LOGIN`, `FINALISE_PERIOD`. */
  action: string;
  /** The text users read in Logs History, in Indonesian and English. */
  text: { id: string; en: string };
  subject?: string | null;
  /** The region the action concerns (a district code for district work); null for national. */
  regionCode?: string | null;
  details?: Record<string, unknown>;
}

// What an entry's hash covers: every column of audit_log but its id and the chain links, with the
// time as its ISO text and the details as parsed JSON. A new column is thus hashed, or fails to compile.
type ChainedContent = Omit<Selectable<AuditLogTable>, 'id' | 'at' | 'details' | 'prev_hash' | 'hash'> & { at: string; details: unknown };

/** Canonical JSON (sorted keys) so the hash does not depend on how jsonb reorders keys. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** The hash of one entry: SHA-256 over the previous hash and the canonical content. */
export function entryHash(prevHash: string, c: ChainedContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(c)).digest('hex');
}

// Text the database cannot store as sent: NUL (refused by PostgreSQL) and unpaired surrogates
// (the driver writes U+FFFD instead), so the stored entry would not hash to what was computed.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function storable(v: unknown): boolean {
  if (typeof v === 'string') return !UNSTORABLE.test(v);
  if (Array.isArray(v)) return v.every(storable);
  if (v !== null && typeof v === 'object') return Object.entries(v).every(([k, x]) => storable(k) && storable(x));
  return true;
}

/** The hashed content of a stored entry, exactly as the database returns it. */
export function contentOf(r: Selectable<AuditLogTable>): ChainedContent {
  return {
    at: r.at.toISOString(),
    actor_id: r.actor_id,
    actor_username: r.actor_username,
    action: r.action,
    text_id: r.text_id,
    text_en: r.text_en,
    subject: r.subject,
    region_code: r.region_code,
    details: r.details,
  };
}

interface ChainState {
  lastId: number | null;
  head: string;
  /** The latest checkpoint's entry count and last id (0, 0 when there is none). */
  checkpoint: { count: number; lastId: number };
}

/** The head of the chain and its latest checkpoint, in one statement (under the audit lock). */
async function chainState(tx: Db): Promise<ChainState> {
  const r = await sql<{ last_id: number | null; head: string | null; cp_count: number | null; cp_last_id: number | null }>`
    select h.id as last_id, h.hash as head, cp.entry_count as cp_count, cp.last_id as cp_last_id
    from (select 1) one
    left join lateral (select id, hash from audit_log order by id desc limit 1) h on true
    left join lateral (select entry_count, last_id from audit_checkpoints order by id desc limit 1) cp on true`.execute(tx);
  const row = r.rows[0]!;
  return {
    lastId: row.last_id,
    head: row.head ?? GENESIS_HASH,
    checkpoint: { count: Number(row.cp_count ?? 0), lastId: Number(row.cp_last_id ?? 0) },
  };
}

/** Entries after the latest checkpoint up to `lastId`: one count over the primary key, bounded by them. */
async function countSince(tx: Db, state: ChainState, lastId: number): Promise<number> {
  const r = await tx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '>', state.checkpoint.lastId)
    .where('id', '<=', lastId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function insertCheckpoint(
  tx: Db,
  anchor: AuditAnchor,
  head: { count: number; lastId: number; head: string },
  reason: CheckpointReason,
  finalisationId: number | null,
): Promise<Checkpoint> {
  const at = new Date().toISOString();
  const c: Checkpoint = { ...head, at, reason, finalisationId, hmac: '' };
  c.hmac = checkpointHmac(anchor.key, c);
  await tx
    .insertInto('audit_checkpoints')
    .values({
      at,
      entry_count: c.count,
      last_id: c.lastId,
      head_hash: c.head,
      reason,
      finalisation_id: finalisationId,
      hmac: c.hmac,
    })
    .execute();
  // Only a committed checkpoint reaches the file: a line for a rolled-back one would later read as entries lost.
  afterCommit(tx, () => appendAnchor(anchor.file, c));
  return c;
}

function requireAnchor(tx: Db): AuditAnchor {
  const anchor = auditAnchorOf(tx);
  if (!anchor) throw new Error('no audit anchor is attached to this database (openContext attaches it)');
  return anchor;
}

/**
 * Appends one log entry inside transaction `tx` (the same transaction as the change it records).
 * Takes a transaction-scoped advisory lock, so concurrent appends queue and the chain stays linear.
 * Every 1,000th entry also writes a checkpoint (audit-anchor.ts). Text the database would not store
 * exactly (NUL, lone surrogates) is refused, never changed.
 */
export async function recordAudit(tx: Db, input: AuditEntryInput): Promise<void> {
  // The details as jsonb will hold them (Dates as ISO text, no undefined): what verify reads back.
  const details = JSON.parse(JSON.stringify(input.details ?? {})) as unknown;
  const fields = [input.actor.username, input.action, input.text.id, input.text.en, input.subject, input.regionCode, details];
  if (!fields.every(storable)) throw new AppError('AUDIT_TEXT_INVALID');
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const state = await chainState(tx);
  const prevHash = state.head;
  // Millisecond precision survives the round trip through timestamptz exactly.
  const at = new Date().toISOString();
  const content: ChainedContent = {
    at,
    actor_id: input.actor.id,
    actor_username: input.actor.username,
    action: input.action,
    text_id: input.text.id,
    text_en: input.text.en,
    subject: input.subject ?? null,
    region_code: input.regionCode ?? null,
    details,
  };
  const hash = entryHash(prevHash, content);
  const stored = await tx
    .insertInto('audit_log')
    .values({ ...content, details: JSON.stringify(details), prev_hash: prevHash, hash })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The hash must hold for exactly what the database returns, or verify would call the entry altered.
  if (entryHash(prevHash, contentOf(stored)) !== hash) throw new AppError('AUDIT_TEXT_INVALID');
  // Ids only grow (a rolled-back append leaves a gap), so fewer ids than CHECKPOINT_EVERY since the
  // checkpoint's last one means fewer entries: the append path counts nothing until then.
  if (stored.id - state.checkpoint.lastId >= CHECKPOINT_EVERY) {
    const since = await countSince(tx, state, stored.id);
    if (since >= CHECKPOINT_EVERY) {
      const head = { count: state.checkpoint.count + since, lastId: stored.id, head: hash };
      await insertCheckpoint(tx, requireAnchor(tx), head, 'EVERY_1000', null);
    }
  }
}

/**
 * Writes a checkpoint of the chain as it stands, inside `tx` (a finalisation's transaction, or the
 * `siks audit checkpoint` command); null when the log is empty.
 */
export async function writeAuditCheckpoint(
  tx: Db,
  opts: { reason: Exclude<CheckpointReason, 'EVERY_1000'>; finalisationId?: number },
): Promise<Checkpoint | null> {
  const anchor = requireAnchor(tx);
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const state = await chainState(tx);
  if (state.lastId === null) return null;
  const head = { count: state.checkpoint.count + (await countSince(tx, state, state.lastId)), lastId: state.lastId, head: state.head };
  return insertCheckpoint(tx, anchor, head, opts.reason, opts.finalisationId ?? null);
}

/** The checkpoint printed on a finalisation's letter (none for finalisations made before anchoring). */
export async function checkpointOfFinalisation(db: Db, finalisationId: number): Promise<{ count: number; hmac: string } | null> {
  const r = await db
    .selectFrom('audit_checkpoints')
    .select(['entry_count', 'hmac'])
    .where('finalisation_id', '=', finalisationId)
    .executeTakeFirst();
  return r ? { count: Number(r.entry_count), hmac: r.hmac } : null;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry that breaks the chain, and how. */
  firstBad?: { id: number; problem: 'altered' | 'removed-or-inserted' };
}

/** Walks the chain in id order (pages of `pageSize`), calling `visit` after each entry that links; stops at the first break. */
async function walkChain(
  db: Db,
  pageSize: number,
  visit: (r: { id: number; hash: string }, position: number) => boolean,
): Promise<VerifyResult & { lastId: number | null; stopped?: boolean }> {
  let prev = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  let lastId: number | null = null;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize).execute();
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, lastId, firstBad: { id: r.id, problem: 'removed-or-inserted' } };
      if (entryHash(prev, contentOf(r)) !== r.hash) return { ok: false, checked, lastId, firstBad: { id: r.id, problem: 'altered' } };
      prev = r.hash;
      afterId = r.id;
      lastId = r.id;
      checked++;
      if (!visit(r, checked)) return { ok: false, checked, lastId, stopped: true };
    }
    if (rows.length < pageSize) return { ok: true, checked, lastId };
  }
}

/** Walks the whole chain in id order (streamed in pages) and reports the first broken entry. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  const { ok, checked, firstBad } = await walkChain(db, pageSize, () => true);
  return firstBad ? { ok, checked, firstBad } : { ok, checked };
}

/** The result of checking the chain against its checkpoints (database and anchor file). */
export interface AnchoredVerifyResult extends VerifyResult {
  /** The newest entries were deleted: `missing` entries after entry `afterId` (null: from the start). */
  truncated?: { missing: number; afterId: number | null; checkpoint: Checkpoint };
  /** An entry among `fromId`…`toId` was changed (and later hashes recomputed) since `checkpoint`. */
  rewritten?: { fromId: number; toId: number; checkpoint: Checkpoint };
  /** Checkpoints whose HMAC does not verify: forged, or signed with another SIKS_AUDIT_KEY. */
  forged: { source: 'database' | 'file'; checkpoint: Checkpoint }[];
  /** Valid checkpoints of the anchor file that the database lacks. */
  missingFromDatabase: Checkpoint[];
  /** Lines of the anchor file that are not checkpoints. */
  badLines: number[];
  checkpoints: { database: number; file: number | null };
  anchorFile: string;
}

const sameCheckpoint = (a: Checkpoint, b: Checkpoint) => a.count === b.count && a.lastId === b.lastId && a.head === b.head && a.at === b.at;

/** The checkpoints stored in the database, oldest first. */
export async function storedCheckpoints(db: Db): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    count: Number(r.entry_count),
    lastId: Number(r.last_id),
    head: r.head_hash,
    at: r.at.toISOString(),
    reason: r.reason as CheckpointReason,
    finalisationId: r.finalisation_id === null ? null : Number(r.finalisation_id),
    hmac: r.hmac,
  }));
}

/**
 * `siks audit verify`: the hash chain, then the chain against every checkpoint of the database and of
 * the anchor file. Names the first broken entry, the entries deleted after the last one left
 * (truncation), and the checkpoint whose head no longer matches (an edit with recomputed hashes).
 */
export async function verifyAuditLog(db: Db, anchor: AuditAnchor, pageSize = 5000): Promise<AnchoredVerifyResult> {
  const stored = await storedCheckpoints(db);
  const file = readAnchorFile(anchor.file);
  const forged: AnchoredVerifyResult['forged'] = [];
  const valid: Checkpoint[] = [];
  for (const c of stored) {
    if (checkpointSigned(anchor.key, c)) valid.push(c);
    else forged.push({ source: 'database', checkpoint: c });
  }
  const missingFromDatabase: Checkpoint[] = [];
  for (const c of file?.checkpoints ?? []) {
    if (!checkpointSigned(anchor.key, c)) forged.push({ source: 'file', checkpoint: c });
    else if (!valid.some((v) => sameCheckpoint(v, c))) {
      missingFromDatabase.push(c);
      valid.push(c);
    }
  }
  const byCount = new Map<number, Checkpoint[]>();
  for (const c of valid) byCount.set(c.count, [...(byCount.get(c.count) ?? []), c]);

  let rewritten: AnchoredVerifyResult['rewritten'];
  // The first entry after the last checkpoint that held: where a rewrite found at the next one may start.
  let rangeStart: number | null = null;
  const walked = await walkChain(db, pageSize, (r, position) => {
    rangeStart ??= r.id;
    for (const c of byCount.get(position) ?? []) {
      if (c.lastId !== r.id || c.head !== r.hash) {
        rewritten = { fromId: rangeStart, toId: r.id, checkpoint: c };
        return false;
      }
    }
    if (byCount.has(position)) rangeStart = null;
    return true;
  });
  const base = {
    checked: walked.checked,
    forged,
    missingFromDatabase,
    badLines: file?.badLines ?? [],
    checkpoints: { database: stored.length, file: file ? file.checkpoints.length : null },
    anchorFile: anchor.file,
  };
  const problems = forged.length > 0 || missingFromDatabase.length > 0 || (file?.badLines.length ?? 0) > 0;
  if (walked.firstBad) return { ...base, ok: false, firstBad: walked.firstBad };
  if (rewritten) return { ...base, ok: false, rewritten };
  const newest = valid.reduce<Checkpoint | null>((m, c) => (m === null || c.count > m.count ? c : m), null);
  if (newest && newest.count > walked.checked)
    return { ...base, ok: false, truncated: { missing: newest.count - walked.checked, afterId: walked.lastId, checkpoint: newest } };
  return { ...base, ok: !problems };
}
