import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';

export interface AuditFilter {
  /** Which entries the actor may read (see audit.service). */
  scope: Expression<SqlBool>;
  q?: string;
}

function filtered(db: Db, f: AuditFilter) {
  let query = db.selectFrom('audit_log as a').where(f.scope);
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

/** One page of log entries, newest first. */
export async function listAuditEntries(db: Db, f: AuditFilter, page: number, pageSize: number) {
  return filtered(db, f)
    .select(['a.id', 'a.at', 'a.text_id', 'a.text_en', 'a.actor_username', 'a.action', 'a.subject'])
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

/** Number of log entries matching the filter. */
export async function countAuditEntries(db: Db, f: AuditFilter): Promise<number> {
  return (await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
