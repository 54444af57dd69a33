// Contract of Logs History (F15).
import { z } from 'zod';
import { DataFormatSchema, pageOf, pagingQuery, text } from './common.ts';

/** GET /api/v1/audit */
export const AuditQuerySchema = z.object({
  q: text().max(100).optional(),
  ...pagingQuery({ pageSize: 10, maxPage: 1_000_000 }),
});
/** GET /api/v1/audit/export: the list's search and the file format. */
export const AuditExportQuerySchema = z.object({ q: text().max(100).optional(), format: DataFormatSchema });
/** One line of Logs History: `text` is already in the user's language. */
export const AuditItemSchema = z.object({ id: z.number(), at: z.date(), text: z.string(), actor: z.string(), action: z.string() });
export const AuditPageSchema = pageOf(AuditItemSchema);
