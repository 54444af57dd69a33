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
  NATIONAL_CHAIN,
  readAnchorFile,
} from './audit-anchor.ts';
import type { AuditChainHeadsTable, AuditLogTable } from './db-schema.ts';
import { afterCommit, type Db } from './db.ts';
import { AppError } from './errors.ts';

export { NATIONAL_CHAIN };
/** The genesis of the national chain (the log's only chain before it had one per district). */
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
// The chain key (kab_kota) is bound through the chain's genesis (chainGenesis) instead, so the entries
// written before the log had a chain per district keep their hashes.
type ChainedContent = Omit<Selectable<AuditLogTable>, 'id' | 'kab_kota' | 'at' | 'details' | 'prev_hash' | 'hash'> & {
  at: string;
  details: unknown;
};

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

/** The chain an entry about `regionCode` joins: its district (first four digits), or the national chain. */
export function auditChainOf(regionCode: string | null | undefined): string {
  return regionCode && /^[0-9]{4}/.test(regionCode) ? regionCode.slice(0, 4) : NATIONAL_CHAIN;
}

/**
 * The hash a chain's first entry links to. The national chain keeps the zeros it had as the only chain;
 * a district's names the district, so an entry (or a whole chain) moved to another chain breaks its link.
 */
export function chainGenesis(chain: string): string {
  return chain === NATIONAL_CHAIN ? GENESIS_HASH : createHash('sha256').update(`siks-audit-chain/1\n${chain}`).digest('hex');
}

interface ChainHead {
  chain: string;
  count: number;
  lastId: number | null;
  head: string;
  /** Entries in the chain at its latest checkpoint (0: none). */
  checkpointCount: number;
}

const headOf = (r: Selectable<AuditChainHeadsTable>): ChainHead => ({
  chain: r.kab_kota,
  count: Number(r.entry_count),
  lastId: r.last_id === null ? null : Number(r.last_id),
  head: r.head_hash,
  checkpointCount: Number(r.checkpoint_count),
});

/**
 * Locks the head of `chain` (its audit_chain_heads row, made on the chain's first append) until `tx`
 * ends, and returns it: appends to one chain queue here, appends to two chains never meet. Everything
 * read comes from the locked row, so a writer that waited sees the head its predecessor committed.
 */
async function lockHead(tx: Db, chain: string): Promise<ChainHead> {
  const read = () => tx.selectFrom('audit_chain_heads').selectAll().where('kab_kota', '=', chain).forUpdate().executeTakeFirst();
  let row = await read();
  if (!row) {
    await tx
      .insertInto('audit_chain_heads')
      .values({ kab_kota: chain, entry_count: 0, last_id: null, head_hash: chainGenesis(chain), checkpoint_count: 0 })
      .onConflict((oc) => oc.column('kab_kota').doNothing())
      .execute();
    row = await read();
  }
  return headOf(row!);
}

async function moveHead(tx: Db, h: ChainHead): Promise<void> {
  await tx
    .updateTable('audit_chain_heads')
    .set({ entry_count: h.count, last_id: h.lastId, head_hash: h.head, checkpoint_count: h.checkpointCount })
    .where('kab_kota', '=', h.chain)
    .execute();
}

/** Signs and stores a checkpoint of head `h` (the anchor file gets it once `tx` commits). */
async function insertCheckpoint(
  tx: Db,
  anchor: AuditAnchor,
  h: ChainHead & { lastId: number },
  reason: CheckpointReason,
  finalisationId: number | null,
): Promise<Checkpoint> {
  const at = new Date().toISOString();
  const c: Checkpoint = { chain: h.chain, count: h.count, lastId: h.lastId, head: h.head, at, reason, finalisationId, hmac: '' };
  c.hmac = checkpointHmac(anchor.key, c);
  await tx
    .insertInto('audit_checkpoints')
    .values({
      kab_kota: c.chain,
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
 * Appends one log entry inside transaction `tx` (the same transaction as the change it records), to
 * the chain of its region: the district's (`auditChainOf`), or the national one. Locks only that
 * chain's head, so appends to one chain queue and the chain stays linear while other districts
 * append freely. Every 1,000th entry of a chain also writes a checkpoint of it (audit-anchor.ts).
 * Text the database would not store exactly (NUL, lone surrogates) is refused, never changed.
 */
export async function recordAudit(tx: Db, input: AuditEntryInput): Promise<void> {
  // The details as jsonb will hold them (Dates as ISO text, no undefined): what verify reads back.
  const details = JSON.parse(JSON.stringify(input.details ?? {})) as unknown;
  const fields = [input.actor.username, input.action, input.text.id, input.text.en, input.subject, input.regionCode, details];
  if (!fields.every(storable)) throw new AppError('AUDIT_TEXT_INVALID');
  const h = await lockHead(tx, auditChainOf(input.regionCode));
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
  const hash = entryHash(h.head, content);
  const stored = await tx
    .insertInto('audit_log')
    .values({ ...content, kab_kota: h.chain, details: JSON.stringify(details), prev_hash: h.head, hash })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The hash must hold for exactly what the database returns, or verify would call the entry altered.
  if (entryHash(h.head, contentOf(stored)) !== hash) throw new AppError('AUDIT_TEXT_INVALID');
  const next = { ...h, count: h.count + 1, lastId: stored.id, head: hash };
  if (next.count - h.checkpointCount >= CHECKPOINT_EVERY) {
    await insertCheckpoint(tx, requireAnchor(tx), next, 'EVERY_1000', null);
    next.checkpointCount = next.count;
  }
  await moveHead(tx, next);
}

/**
 * Writes a checkpoint of one chain as it stands, inside `tx`: the chain of `regionCode` (a
 * finalisation's district), the national chain without one; null when that chain is empty.
 */
export async function writeAuditCheckpoint(
  tx: Db,
  opts: { reason: Exclude<CheckpointReason, 'EVERY_1000'>; finalisationId?: number; regionCode?: string | null },
): Promise<Checkpoint | null> {
  const anchor = requireAnchor(tx);
  const h = await lockHead(tx, auditChainOf(opts.regionCode));
  if (h.lastId === null) return null;
  const c = await insertCheckpoint(tx, anchor, { ...h, lastId: h.lastId }, opts.reason, opts.finalisationId ?? null);
  await moveHead(tx, { ...h, checkpointCount: h.count });
  return c;
}

/**
 * `siks audit checkpoint`, backup and restore: a checkpoint of every chain whose head moved since its
 * latest one, inside `tx`, in key order (heads locked in one order, so two such calls cannot deadlock).
 */
export async function writeAuditCheckpoints(tx: Db, opts: { reason: 'MANUAL' }): Promise<Checkpoint[]> {
  const anchor = requireAnchor(tx);
  const heads = await tx
    .selectFrom('audit_chain_heads')
    .selectAll()
    .where((eb) => eb('entry_count', '>', eb.ref('checkpoint_count')))
    .orderBy('kab_kota')
    .forUpdate()
    .execute();
  const written: Checkpoint[] = [];
  for (const h of heads.map(headOf)) {
    if (h.lastId === null) continue;
    written.push(await insertCheckpoint(tx, anchor, { ...h, lastId: h.lastId }, opts.reason, null));
    await moveHead(tx, { ...h, checkpointCount: h.count });
  }
  return written;
}

/** The checkpoint printed on a finalisation's letter, in its district's chain (none for finalisations made before anchoring). */
export async function checkpointOfFinalisation(
  db: Db,
  kab: string,
  finalisationId: number,
): Promise<{ count: number; hmac: string } | null> {
  const r = await db
    .selectFrom('audit_checkpoints')
    .select(['entry_count', 'hmac'])
    .where('kab_kota', '=', kab)
    .where('finalisation_id', '=', finalisationId)
    .executeTakeFirst();
  return r ? { count: Number(r.entry_count), hmac: r.hmac } : null;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry that breaks a chain, how, and the chain. */
  firstBad?: { id: number; problem: 'altered' | 'removed-or-inserted'; chain: string };
}

/**
 * The key of every chain: those with entries (a loose index scan over the primary key, one probe per
 * chain), with a head, or with a checkpoint (a chain whose entries were all deleted still has those).
 */
export async function auditChains(db: Db): Promise<string[]> {
  const r = await sql<{ chain: string }>`
    with recursive k(v) as (
      (select kab_kota from audit_log order by kab_kota limit 1)
      union all
      select (select a.kab_kota from audit_log a where a.kab_kota > k.v order by a.kab_kota limit 1) from k where k.v is not null
    )
    select v as chain from k where v is not null
    union select kab_kota from audit_chain_heads
    union select kab_kota from audit_checkpoints`.execute(db);
  return r.rows.map((x) => x.chain).sort();
}

/** Walks one chain in id order (pages of `pageSize`), calling `visit` after each entry that links; stops at the first break. */
async function walkChain(
  db: Db,
  chain: string,
  pageSize: number,
  visit: (r: { id: number; hash: string }, position: number) => boolean,
): Promise<VerifyResult & { lastId: number | null; stopped?: boolean }> {
  let prev = chainGenesis(chain);
  let afterId = 0;
  let checked = 0;
  let lastId: number | null = null;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('kab_kota', '=', chain)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, lastId, firstBad: { id: r.id, problem: 'removed-or-inserted', chain } };
      if (entryHash(prev, contentOf(r)) !== r.hash)
        return { ok: false, checked, lastId, firstBad: { id: r.id, problem: 'altered', chain } };
      prev = r.hash;
      afterId = r.id;
      lastId = r.id;
      checked++;
      if (!visit(r, checked)) return { ok: false, checked, lastId, stopped: true };
    }
    if (rows.length < pageSize) return { ok: true, checked, lastId };
  }
}

/** Walks every chain in id order (streamed in pages) and reports the first broken entry; `checked` counts the entries that linked. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  let checked = 0;
  for (const chain of await auditChains(db)) {
    const walked = await walkChain(db, chain, pageSize, () => true);
    checked += walked.checked;
    if (walked.firstBad) return { ok: false, checked, firstBad: walked.firstBad };
  }
  return { ok: true, checked };
}

/** What verify found in one chain. */
export interface ChainVerifyResult {
  chain: string;
  ok: boolean;
  /** Entries that linked (up to the first break). */
  checked: number;
  /** The newest valid checkpoint of the chain (database or anchor file). */
  lastCheckpoint: Checkpoint | null;
  firstBad?: { id: number; problem: 'altered' | 'removed-or-inserted'; chain: string };
  /** The newest entries were deleted: `missing` entries after entry `afterId` (null: from the start). */
  truncated?: { missing: number; afterId: number | null; checkpoint: Checkpoint };
  /** An entry among `fromId`…`toId` was changed (and later hashes recomputed) since `checkpoint`. */
  rewritten?: { fromId: number; toId: number; checkpoint: Checkpoint };
}

/** The result of checking every chain against its checkpoints (database and anchor file). */
export interface AnchoredVerifyResult extends VerifyResult {
  /** Every chain, in key order (the national one first). */
  chains: ChainVerifyResult[];
  /** The first broken chain's truncation, as `chains` has it. */
  truncated?: ChainVerifyResult['truncated'];
  /** The first broken chain's rewrite, as `chains` has it. */
  rewritten?: ChainVerifyResult['rewritten'];
  /** Checkpoints whose HMAC does not verify: forged, or signed with another SIKS_AUDIT_KEY. */
  forged: { source: 'database' | 'file'; checkpoint: Checkpoint }[];
  /** Valid checkpoints of the anchor file that the database lacks. */
  missingFromDatabase: Checkpoint[];
  /** Lines of the anchor file that are not checkpoints. */
  badLines: number[];
  checkpoints: { database: number; file: number | null };
  anchorFile: string;
}

const sameCheckpoint = (a: Checkpoint, b: Checkpoint) =>
  a.chain === b.chain && a.count === b.count && a.lastId === b.lastId && a.head === b.head && a.at === b.at;

/** The checkpoints stored in the database, oldest first. */
export async function storedCheckpoints(db: Db): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    chain: r.kab_kota,
    count: Number(r.entry_count),
    lastId: Number(r.last_id),
    head: r.head_hash,
    at: r.at.toISOString(),
    reason: r.reason as CheckpointReason,
    finalisationId: r.finalisation_id === null ? null : Number(r.finalisation_id),
    hmac: r.hmac,
  }));
}

/** One chain against its valid checkpoints: the first broken entry, a rewrite since a checkpoint, or truncation. */
async function verifyChain(db: Db, chain: string, valid: Checkpoint[], pageSize: number): Promise<ChainVerifyResult> {
  const byCount = new Map<number, Checkpoint[]>();
  for (const c of valid) byCount.set(c.count, [...(byCount.get(c.count) ?? []), c]);
  const newest = valid.reduce<Checkpoint | null>((m, c) => (m === null || c.count > m.count ? c : m), null);
  let rewritten: ChainVerifyResult['rewritten'];
  // The first entry after the last checkpoint that held: where a rewrite found at the next one may start.
  let rangeStart: number | null = null;
  const walked = await walkChain(db, chain, pageSize, (r, position) => {
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
  const base = { chain, checked: walked.checked, lastCheckpoint: newest };
  if (walked.firstBad) return { ...base, ok: false, firstBad: walked.firstBad };
  if (rewritten) return { ...base, ok: false, rewritten };
  if (newest && newest.count > walked.checked)
    return { ...base, ok: false, truncated: { missing: newest.count - walked.checked, afterId: walked.lastId, checkpoint: newest } };
  return { ...base, ok: true };
}

/**
 * `siks audit verify`: every chain, then each chain against every checkpoint of it in the database and
 * in the anchor file. Names per chain the first broken entry, the entries deleted after the last one
 * left (truncation), and the checkpoint whose head no longer matches (an edit with recomputed hashes).
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
  const keys = [...new Set([...(await auditChains(db)), ...valid.map((c) => c.chain)])].sort();
  const chains: ChainVerifyResult[] = [];
  for (const chain of keys)
    chains.push(
      await verifyChain(
        db,
        chain,
        valid.filter((c) => c.chain === chain),
        pageSize,
      ),
    );
  const broken = chains.find((c) => !c.ok);
  const problems = forged.length > 0 || missingFromDatabase.length > 0 || (file?.badLines.length ?? 0) > 0;
  return {
    ok: !broken && !problems,
    checked: chains.reduce((n, c) => n + c.checked, 0),
    ...(broken?.firstBad && { firstBad: broken.firstBad }),
    ...(broken?.rewritten && { rewritten: broken.rewritten }),
    ...(broken?.truncated && { truncated: broken.truncated }),
    chains,
    forged,
    missingFromDatabase,
    badLines: file?.badLines ?? [],
    checkpoints: { database: stored.length, file: file ? file.checkpoints.length : null },
    anchorFile: anchor.file,
  };
}
