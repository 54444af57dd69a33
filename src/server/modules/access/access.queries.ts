import { sql } from 'kysely';
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
  locked_until: Date | null;
  failures_since: Date | null;
}

const userColumns = [
  'id',
  'username',
  'name',
  'role',
  'password_hash',
  'status',
  'must_change_password',
  'language',
  'locked_until',
  'failures_since',
] as const;

/** A user by User ID (case-sensitive, as typed at login), or undefined. */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('username', '=', username).executeTakeFirst();
}

/** A user by id, or undefined. */
export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** A user row locked for update inside a transaction (serialises concurrent logins of one account). */
export async function lockUser(tx: Db, id: number): Promise<UserRow | undefined> {
  return tx.selectFrom('users').select(userColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The region codes of a user's scope. */
export async function listUserRegions(db: Db, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_regions').select('region_code').where('user_id', '=', userId).orderBy('region_code').execute();
  return rows.map((r) => r.region_code);
}

/** Inserts a user with its scope; returns its id. */
export async function insertUser(
  db: Db,
  u: {
    username: string;
    name: string;
    role: Role;
    passwordHash: string;
    mustChangePassword: boolean;
    regions: string[];
  },
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: u.username,
      name: u.name,
      role: u.role,
      password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (u.regions.length)
    await db
      .insertInto('user_regions')
      .values(u.regions.map((region_code) => ({ user_id: id, region_code })))
      .execute();
  return id;
}

/** Replaces a user's password hash. */
export async function updateUserPassword(db: Db, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

/** Sets a user's status. */
export async function updateUserStatus(db: Db, userId: number, status: 'ACTIVE' | 'DISABLED'): Promise<void> {
  await db.updateTable('users').set({ status, updated_at: new Date() }).where('id', '=', userId).execute();
}

/** Sets (or clears, with null) an account lock; `failuresSince` restarts the failure count. */
export async function updateUserLock(db: Db, userId: number, lockedUntil: Date | null, failuresSince: Date | null): Promise<void> {
  await db.updateTable('users').set({ locked_until: lockedUntil, failures_since: failuresSince }).where('id', '=', userId).execute();
}

/** Sets the user's language. */
export async function updateUserLanguage(db: Db, userId: number, language: 'id' | 'en'): Promise<void> {
  await db.updateTable('users').set({ language, updated_at: new Date() }).where('id', '=', userId).execute();
}

/** Records a login attempt. */
export async function insertLoginAttempt(
  db: Db,
  a: { username: string; userId: number | null; address: string; success: boolean; at: Date },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      username: a.username.slice(0, 64),
      user_id: a.userId,
      address: a.address.slice(0, 64),
      success: a.success,
      at: a.at,
    })
    .execute();
}

/** Failed logins of an account at or after a moment. */
export async function countUserFailures(db: Db, userId: number, since: Date): Promise<number> {
  const r = await db
    .selectFrom('login_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('success', '=', false)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Failed logins from an address since a moment. */
export async function countAddressFailures(db: Db, address: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('login_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('address', '=', address)
    .where('success', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return r.n;
}

export interface UserListRow {
  id: number;
  username: string;
  name: string;
  role: Role;
  status: 'ACTIVE' | 'DISABLED';
  must_change_password: boolean;
  locked_until: Date | null;
  created_at: Date;
  regions: string[];
}

/** One page of users, with their scope, filtered by text and role. */
export async function listUsers(
  db: Db,
  f: { q?: string; role?: Role },
  page: number,
  pageSize: number,
): Promise<{ items: UserListRow[]; total: number }> {
  let q = db.selectFrom('users as u');
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(u.username)`, 'like', like), eb(sql`lower(u.name)`, 'like', like)]));
  }
  const [items, total] = await Promise.all([
    q
      .select([
        'u.id',
        'u.username',
        'u.name',
        'u.role',
        'u.status',
        'u.must_change_password',
        'u.locked_until',
        'u.created_at',
        sql<
          string[]
        >`coalesce((select array_agg(r.region_code order by r.region_code) from user_regions r where r.user_id = u.id), '{}')`.as(
          'regions',
        ),
      ])
      .orderBy('u.username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
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

/** Deletes every session of a user except, optionally, one. */
export async function deleteUserSessions(db: Db, userId: number, exceptHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash) q = q.where('token_hash', '!=', exceptHash);
  await q.execute();
}

/** Deletes expired sessions. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Inserts an API token (hash only); returns its id. */
export async function insertApiToken(db: Db, userId: number, name: string, tokenHash: string): Promise<number> {
  const { id } = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: tokenHash })
    .returning('id')
    .executeTakeFirstOrThrow();
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

/** The tokens of a user (never their secrets), newest first. */
export async function listApiTokens(db: Db, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

/** A token with its owner's username, or undefined. */
export async function findApiToken(db: Db, id: number) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.name', 'api_tokens.revoked_at', 'users.username'])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}

/** Revokes a token. */
export async function revokeApiToken(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
