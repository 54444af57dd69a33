// Export of the user list (C1, PUSDATIN): every user of the list's filter as xlsx or csv, by
// username; streamed and logged like every list export.
import type { Role } from '../../../shared/roles.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { assertCan } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { type Column, filterTexts, loggedExport, type StreamedDownload } from '../finalisations/index.ts';
import * as q from './access.queries.ts';

const COLUMNS: readonly Column<q.UserListRow>[] = [
  { header: 'User ID', value: (r) => r.username, width: 20 },
  { header: 'Nama', value: (r) => r.name, width: 28 },
  { header: 'Peran', value: (r) => r.role, width: 12 },
  { header: 'Wilayah', value: (r) => r.regions.join(' '), width: 24 },
  { header: 'Status', value: (r) => r.status },
  { header: 'Wajib Ganti Kata Sandi', value: (r) => (r.must_change_password ? 'Ya' : 'Tidak') },
  { header: 'Terkunci Sampai', value: (r) => r.locked_until?.toISOString() ?? null, width: 24 },
  { header: 'Dibuat', value: (r) => r.created_at.toISOString(), width: 24 },
];

/** The users of the list's filter (PUSDATIN) as xlsx or csv; streamed and logged with the filter and row count. */
export async function exportUsers(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string; role?: Role; format: 'xlsx' | 'csv' },
): Promise<StreamedDownload> {
  assertCan(actor, 'users:manage');
  const { format, ...filter } = query;
  const { db } = ctx.database;
  return loggedExport(ctx, actor, {
    format,
    action: 'EXPORT_USERS',
    name: { id: 'daftar pengguna', en: 'user list' },
    filter: filterTexts(filter),
    rows: (await q.listUsers(db, filter, 1, 1)).total,
    subject: 'list:users',
    regionCode: null,
    details: { filter },
    fileName: `Pengguna_${now().toISOString().slice(0, 10)}`,
    table: { name: 'Pengguna', columns: COLUMNS, rows: q.streamUsers(db, filter) },
  });
}
