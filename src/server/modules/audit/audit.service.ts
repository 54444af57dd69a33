import { sql, type Expression, type SqlBool } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { allows, assertCan } from '../../platform/policy.ts';
import { inScope, type Actor } from '../../platform/scope.ts';
import { now } from '../../platform/clock.ts';
import { logRegionOf } from '../access/index.ts';
import { type Column, filterTexts, loggedExport, type StreamedDownload } from '../finalisations/index.ts';
import * as q from './audit.queries.ts';

// Who reads which entries (F15): a role reading the log of its scope gets the entries of its
// regions (all of them for a national scope); any other reader only its own entries.
function auditScope(actor: Actor): Expression<SqlBool> {
  if (!allows(actor, 'audit:read-scope')) return sql<SqlBool>`a.actor_id = ${actor.userId}`;
  const own = inScope(actor, 'a.region_code');
  if (actor.regions.length === 0) return own;
  // A hand-over between districts (F12) is one entry naming both: the destination reads it too.
  const peer = sql<SqlBool>`(a.details ->> 'peerRegion') collate "C" like any(${actor.regions.map((c) => `${c}%`)}::text[])`;
  return sql<SqlBool>`(${own} or (a.details ? 'peerRegion' and ${peer}))`;
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

const EXPORT_COLUMNS: readonly Column<q.AuditEntryRow & { text: string }>[] = [
  { header: 'Waktu', value: (r) => r.at.toISOString(), width: 24 },
  { header: 'Informasi', value: (r) => r.text, width: 80 },
  { header: 'Oleh', value: (r) => r.actor_username, width: 20 },
  { header: 'Aksi', value: (r) => r.action, width: 22 },
];

/**
 * Logs History as the actor may read it (the list's search) as xlsx or csv, newest first, in the
 * actor's language; streamed, and logged like every list export. The entries written after the
 * count (the export's own entry among them) are left out, so the file holds exactly the rows it says.
 */
export async function exportAuditLog(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string; format: 'xlsx' | 'csv' },
): Promise<StreamedDownload> {
  assertCan(actor, 'audit:read');
  const { db } = ctx.database;
  const search = query.q?.trim() || undefined;
  const filter = { scope: auditScope(actor), q: search, upTo: await q.lastAuditId(db) };
  async function* rows() {
    for await (const r of q.streamAuditEntries(db, filter)) yield { ...r, text: actor.language === 'en' ? r.text_en : r.text_id };
  }
  return loggedExport(ctx, actor, {
    format: query.format,
    action: 'EXPORT_AUDIT',
    name: { id: 'Logs History', en: 'Logs History' },
    filter: filterTexts({ q: search }),
    rows: await q.countAuditEntries(db, filter),
    subject: 'list:audit',
    regionCode: logRegionOf(actor),
    details: { filter: { q: search ?? null }, upTo: filter.upTo },
    fileName: `Logs_History_${now().toISOString().slice(0, 10)}`,
    table: { name: 'Logs History', columns: EXPORT_COLUMNS, rows: rows() },
  });
}
