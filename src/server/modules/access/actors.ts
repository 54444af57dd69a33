import fs from 'node:fs';
import { logRegionLength, signsInWithPassword } from '../../../shared/roles.ts';
import type { AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import * as q from './access.queries.ts';

/** Builds the actor (role, scope) of a user row. */
export async function actorOfUser(db: Db, u: q.UserRow): Promise<Actor> {
  return actorOf(u, await q.listUserRegions(db, u.id));
}

/** The actor of a user row whose region scope was read with it. */
export function actorOf(u: Omit<q.UserRow, 'password_hash'>, regions: string[]): Actor {
  return {
    userId: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    regions,
    language: u.language,
    // A one-time password must not block an integration's tokens: it never logs in to change it.
    mustChangePassword: u.must_change_password && signsInWithPassword(u.role),
  };
}

/** Who the log names for an actor (a user, or the command line). */
export function auditActorOf(actor: Actor | AuditActor): AuditActor {
  return 'userId' in actor ? { id: actor.userId, username: actor.username } : actor;
}

/** The region a user's log entries belong to: its district (or province) when it has one. */
export function logRegionOf(actor: Actor | AuditActor): string | null {
  if (!('userId' in actor)) return null;
  const first = actor.regions[0];
  if (!first) return null;
  return first.slice(0, logRegionLength(actor.role));
}

// The 1,000 most common passwords (zxcvbn-ts common list, MIT), compared case-insensitively.
const COMMON = new Set(
  fs
    .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((p) => p.toLowerCase()),
);

/** Checks a new password: at least 10 characters, not the User ID, not a common password. */
export function checkPasswordPolicy(username: string, password: string): void {
  const lower = password.toLowerCase();
  if ([...password].length < 10 || lower === username.toLowerCase() || COMMON.has(lower)) throw new AppError('WEAK_PASSWORD');
}
