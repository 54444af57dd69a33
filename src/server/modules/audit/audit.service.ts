import { sql, type Expression, type SqlBool } from 'kysely';
import { can, isNational } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inScope, type Actor } from '../../platform/scope.ts';
import * as q from './audit.queries.ts';

// Who reads which entries (F15): national roles all; a province or district the entries of its
// regions; an operator its own.
function auditScope(actor: Actor): Expression<SqlBool> {
  if (isNational(actor.role)) return sql<SqlBool>`true`;
  if (actor.role === 'OPERATOR') return sql<SqlBool>`a.actor_id = ${actor.userId}`;
  return inScope(actor, 'a.region_code');
}

/** Logs History: entries the actor may read, newest first, searched and paged. */
export async function listAuditLog(ctx: AppContext, actor: Actor, input: { q?: string; page: number; pageSize: number }) {
  if (!can(actor.role, 'audit:read')) throw new AppError('FORBIDDEN');
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
