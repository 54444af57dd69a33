import type { Db } from '../../platform/db.ts';
import type { Role } from '../../../shared/roles.ts';

export interface UserRow {
  id: number;
  username: string;
  name: string;
  role: Role;
  password_hash: string;
  status: 'ACTIVE' | 'DISABLED';
  must_change_password: boolean;
  language: 'id' | 'en';
}

const userColumns = ['id', 'username', 'name', 'role', 'password_hash', 'status', 'must_change_password', 'language'] as const;

/** A user by User ID (case-sensitive, as typed at login), or undefined. */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('username', '=', username).executeTakeFirst();
}

/** A user by id, or undefined. */
export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** The region codes of a user's scope. */
export async function listUserRegions(db: Db, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_regions').select('region_code').where('user_id', '=', userId).orderBy('region_code').execute();
  return rows.map((r) => r.region_code);
}

/** Inserts a user with its scope; returns its id. */
export async function insertUser(db: Db, u: { username: string; name: string; role: Role; passwordHash: string; mustChangePassword: boolean; regions: string[] }): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({ username: u.username, name: u.name, role: u.role, password_hash: u.passwordHash, must_change_password: u.mustChangePassword })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (u.regions.length) await db.insertInto('user_regions').values(u.regions.map((region_code) => ({ user_id: id, region_code }))).execute();
  return id;
}

/** Replaces a user's password hash. */
export async function updateUserPassword(db: Db, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: mustChange, updated_at: new Date() }).where('id', '=', userId).execute();
}

/** Inserts a session (only the token's hash is stored). */
export async function insertSession(db: Db, tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

/** A live session with its user, or undefined when unknown or expired. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.last_seen_at', 'users.status'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

/** Moves a session's idle deadline forward. */
export async function touchSession(db: Db, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

/** Deletes one session; returns whether it existed. */
export async function deleteSession(db: Db, tokenHash: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Deletes expired sessions. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Inserts an API token (hash only); returns its id. */
export async function insertApiToken(db: Db, userId: number, name: string, tokenHash: string): Promise<number> {
  const { id } = await db.insertInto('api_tokens').values({ user_id: userId, name, token_hash: tokenHash }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A usable API token with its user's status, or undefined. */
export async function findLiveApiToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.last_used_at', 'users.status'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Records when a token was last used. */
export async function touchApiToken(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
