import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { logRegionOf, type Actor } from '../access/index.ts';

// The per-user limit on personal searches (by NIK, No KK or name; issue 9, finding 3): a lookup
// that confirms a guessed NIK or narrows a name prefix is cheap to repeat, so each user gets
// SIKS_PERSONAL_SEARCH_PER_MINUTE of them per clock minute. The counter is one row per user and
// minute in the database (migration 0015), so every server process on one PostgreSQL database
// shares it; one upsert on the primary key per search.

/**
 * Counts one personal search of `actor` in the current minute; past the limit it answers 429
 * PERSONAL_SEARCH_LIMIT, and the first refusal of a minute is logged.
 */
export async function countPersonalSearch(ctx: AppContext, actor: Actor): Promise<void> {
  const limit = ctx.config.personalSearchPerMinute;
  const minute = new Date(Math.floor(now().getTime() / 60_000) * 60_000);
  const { db } = ctx.database;
  const row = await sql<{ searches: number }>`
    insert into personal_search_counts (user_id, minute, searches) values (${actor.userId}, ${minute}, 1)
    on conflict (user_id, minute) do update set searches = personal_search_counts.searches + 1
    returning searches`.execute(db);
  const searches = Number(row.rows[0]!.searches);
  // A new minute: the user's older minutes are of no use any more.
  if (searches === 1)
    await db.deleteFrom('personal_search_counts').where('user_id', '=', actor.userId).where('minute', '<', minute).execute();
  if (searches <= limit) return;
  if (searches === limit + 1) {
    await ctx.database.transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { id: actor.userId, username: actor.username },
        action: 'PERSONAL_SEARCH_LIMITED',
        text: {
          id: `Pencarian berdasarkan NIK, No KK, atau nama dihentikan sementara: lebih dari ${limit} pencarian dalam satu menit`,
          en: `Searches by NIK, No KK or name stopped for a while: more than ${limit} searches within one minute`,
        },
        subject: `user:${actor.userId}`,
        regionCode: logRegionOf(actor),
        // The searched text is not logged: it is the personal data the limit protects.
        details: { limit, minute: minute.toISOString() },
      });
    });
  }
  throw new AppError('PERSONAL_SEARCH_LIMIT', { limit });
}
