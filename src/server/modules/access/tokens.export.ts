// Export of the API token list (F13): the tokens of the user (PUSDATIN may name another), never
// their secrets. The rows hold no personal data, so the download is not logged.
import { listExport } from '../finalisations/index.ts';
import { listApiTokens } from './tokens.service.ts';

type Row = Awaited<ReturnType<typeof listApiTokens>>[number];

/** The API tokens of `username` (default the caller) as xlsx or csv; 404 for another user unless PUSDATIN. */
export const exportApiTokens = listExport<Row, { username?: string; format: 'xlsx' | 'csv' }>(
  { personal: false, action: 'EXPORT_API_TOKENS', name: { id: 'daftar token API', en: 'API token list' }, fileName: 'Token_API' },
  [
    { header: 'ID', value: (r) => r.id },
    { header: 'Nama Token', value: (r) => r.name, width: 28 },
    { header: 'Dibuat', value: (r) => r.created_at.toISOString(), width: 24 },
    { header: 'Terakhir Dipakai', value: (r) => r.last_used_at?.toISOString() ?? null, width: 24 },
    { header: 'Dicabut', value: (r) => r.revoked_at?.toISOString() ?? null, width: 24 },
  ],
  (ctx, actor, query) => {
    const username = query.username ?? actor.username;
    return { items: listApiTokens(ctx, actor, username), file: { filter: { username } } };
  },
);
