import { sql, type Expression, type SqlBool } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { allows, assertCan } from '../../platform/policy.ts';
import { inScope, type Actor } from '../../platform/scope.ts';
import * as q from './audit.queries.ts';

// Who reads which entries (F15): a role reading the log of its scope gets the entries of its
// regions (all of them for a national scope); any other reader only its own entries.
function auditScope(actor: Actor): Expression<SqlBool> {
  if (!allows(actor, 'audit:read-scope')) return sql<SqlBool>`a.actor_id = ${actor.userId}`;
  return inScope(actor, 'a.region_code');
}

/** Logs History: entries the actor may read, newest first, searched and paged. */
export async function listAuditLog(ctx: AppContext, actor: Actor, input: { q?: string; page: number; pageSize: number }) {
  assertCan(actor, 'audit:read');
  const filter = { scope: auditScope(actor), q: input.q?.trim() || undefined };
  const [rows, total] = await Promise.all([
    q.listAuditEntries(ctx.database.db, filter, input.page, input.pageSize),
    q.countAuditEntries(ctx.database.db, filter),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      text: actor.language === 'en' ? r.text_en : r.text_id,
      actor: r.actor_username,
      action: r.action,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
