import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { allows, assertCan } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import * as q from './access.queries.ts';
import { auditActorOf, logRegionOf } from './actors.ts';

// API tokens for scripts and integrations: shown once, stored as SHA-256, listed with their last
// use, revoked by their owner or by PUSDATIN.

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Whether `by` may manage the tokens of `username`: anyone's for PUSDATIN and the command line, its
 * own with `tokens:own`. A role without it (INTEGRASI) is refused even its own: its tokens are issued
 * by Pusdatin, never minted by a token.
 */
function mayManage(by: Actor | AuditActor, username: string): boolean {
  if (!('userId' in by) || allows(by, 'users:manage')) return true;
  if (by.username !== username) return false;
  assertCan(by, 'tokens:own');
  return true;
}

/** Creates an API token for a user; the token is returned once and only its hash is kept. */
export async function createApiToken(
  ctx: AppContext,
  by: Actor | AuditActor,
  username: string,
  name = 'token',
): Promise<{ id: number; token: string }> {
  if (!mayManage(by, username)) throw notFound();
  const token = `siks_${randomBytes(32).toString('base64url')}`;
  const id = await ctx.database.transaction(async (tx) => {
    const user = await q.findUserByUsername(tx, username);
    if (!user) throw notFound();
    const id = await q.insertApiToken(tx, user.id, name, sha256(token));
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'CREATE_API_TOKEN',
      text: { id: `Membuat token API "${name}" untuk ${username}`, en: `Created API token "${name}" for ${username}` },
      subject: username,
      regionCode: logRegionOf(by),
      details: { tokenId: id },
    });
    return id;
  });
  return { id, token };
}

/** The tokens of a user (own, or any user's for PUSDATIN). */
export async function listApiTokens(ctx: AppContext, by: Actor, username: string) {
  if (!mayManage(by, username)) throw notFound();
  const user = await q.findUserByUsername(ctx.database.db, username);
  if (!user) throw notFound();
  return q.listApiTokens(ctx.database.db, user.id);
}

/** Revokes a token; someone else's token is "not found" unless the actor is PUSDATIN. */
export async function revokeApiToken(ctx: AppContext, by: Actor | AuditActor, tokenId: number): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const t = await q.findApiToken(tx, tokenId);
    if (!t || !mayManage(by, t.username)) throw notFound();
    if (t.revoked_at) throw new AppError('VALIDATION', { reason: 'already revoked' });
    await q.revokeApiToken(tx, tokenId, new Date());
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'REVOKE_API_TOKEN',
      text: {
        id: `Mencabut token API "${t.name}" milik ${t.username}`,
        en: `Revoked API token "${t.name}" of ${t.username}`,
      },
      subject: t.username,
      regionCode: logRegionOf(by),
      details: { tokenId },
    });
  });
}
