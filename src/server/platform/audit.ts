import { createHash } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { AuditLogTable } from './db-schema.ts';
import type { Db } from './db.ts';

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

/**
 * Appends one log entry inside transaction `tx` (the same transaction as the change it records).
 * Takes a transaction-scoped advisory lock, so concurrent appends queue and the chain stays linear.
 */
export async function recordAudit(tx: Db, input: AuditEntryInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
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
    details: input.details ?? {},
  };
  await tx
    .insertInto('audit_log')
    .values({
      ...content,
      details: JSON.stringify(content.details),
      prev_hash: prevHash,
      hash: entryHash(prevHash, content),
    })
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry that breaks the chain, and how. */
  firstBad?: { id: number; problem: 'altered' | 'removed-or-inserted' };
}

/** Walks the whole chain in id order (streamed in pages) and reports the first broken entry. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize).execute();
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, firstBad: { id: r.id, problem: 'removed-or-inserted' } };
      const content: ChainedContent = {
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
      if (entryHash(prev, content) !== r.hash) return { ok: false, checked, firstBad: { id: r.id, problem: 'altered' } };
      prev = r.hash;
      afterId = r.id;
      checked++;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}
