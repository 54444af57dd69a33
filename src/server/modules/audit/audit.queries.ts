import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keyset, readPage } from '../../platform/keyset.ts';

export interface AuditFilter {
  /** Which entries the actor may read (see audit.service). */
  scope: Expression<SqlBool>;
  q?: string;
  /** Entries up to this id only (an export leaves out the entries written while it runs, its own included). */
  upTo?: number;
}

function filtered(db: Db, f: AuditFilter) {
  let query = db.selectFrom('audit_log as a').where(f.scope);
  if (f.upTo !== undefined) query = query.where('a.id', '<=', f.upTo);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(a.text_id)`, 'like', like),
        eb(sql`lower(a.text_en)`, 'like', like),
        eb(sql`lower(a.actor_username)`, 'like', like),
      ]),
    );
  }
  return query;
}

// The entries of a filter with the columns the list shows, newest first.
function entries(db: Db, f: AuditFilter) {
  return filtered(db, f)
    .select(['a.id', 'a.at', 'a.text_id', 'a.text_en', 'a.actor_username', 'a.action', 'a.subject'])
    .orderBy('a.id', 'desc');
}

/** One page of log entries, newest first. */
export async function listAuditEntries(db: Db, f: AuditFilter, page: number, pageSize: number) {
  return readPage(entries(db, f), page, pageSize);
}

/** A log entry as the list reads it. */
export type AuditEntryRow = Awaited<ReturnType<typeof listAuditEntries>>[number];

/** Every entry of the filter, newest first, read a page at a time before the last (exports). */
export function streamAuditEntries(db: Db, f: AuditFilter): AsyncGenerator<AuditEntryRow> {
  return keyset<AuditEntryRow>((after, limit) =>
    (after ? entries(db, f).where('a.id', '<', after.id) : entries(db, f)).limit(limit).execute(),
  );
}

/** The id of the newest log entry (0 when there is none). */
export async function lastAuditId(db: Db): Promise<number> {
  const r = await db.selectFrom('audit_log').select(sql<number | null>`max(id)`.as('id')).executeTakeFirstOrThrow();
  return Number(r.id ?? 0);
}

/** Number of log entries matching the filter. */
export async function countAuditEntries(db: Db, f: AuditFilter): Promise<number> {
  return (await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
