import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keyset } from '../../platform/keyset.ts';
import { forgetActors } from './actor-cache.ts';
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

/** Serialises the logins of one User ID (existing or not) until the transaction ends. */
export async function lockLoginName(tx: Db, username: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(727274200, hashtext(${username}))`.execute(tx);
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
  forgetActors(db);
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

/** Replaces a user's role and region scope. */
export async function updateUserRole(db: Db, userId: number, role: Role, regions: string[]): Promise<void> {
  forgetActors(db);
  await db.updateTable('users').set({ role, updated_at: new Date() }).where('id', '=', userId).execute();
  await db.deleteFrom('user_regions').where('user_id', '=', userId).execute();
  if (regions.length)
    await db
      .insertInto('user_regions')
      .values(regions.map((region_code) => ({ user_id: userId, region_code })))
      .execute();
}

/** Sets a user's status. */
export async function updateUserStatus(db: Db, userId: number, status: 'ACTIVE' | 'DISABLED'): Promise<void> {
  forgetActors(db);
  await db.updateTable('users').set({ status, updated_at: new Date() }).where('id', '=', userId).execute();
}

/** The address of the lock of a User ID from every address. */
export const ANY_ADDRESS = '';

export interface LoginLockRow {
  address: string;
  locked_until: Date | null;
  failures_since: Date;
}

/** The locks of a User ID for the given addresses (ANY_ADDRESS for the whole User ID). */
export async function listLoginLocks(db: Db, username: string, addresses: string[]): Promise<LoginLockRow[]> {
  return db
    .selectFrom('login_locks')
    .select(['address', 'locked_until', 'failures_since'])
    .where('username', '=', username)
    .where('address', 'in', addresses)
    .execute();
}

/** Sets (or clears, with null) a lock of a User ID at an address; failures before `failuresSince` stop counting. */
export async function upsertLoginLock(
  db: Db,
  username: string,
  address: string,
  lockedUntil: Date | null,
  failuresSince: Date,
): Promise<void> {
  await db
    .insertInto('login_locks')
    .values({ username, address, locked_until: lockedUntil, failures_since: failuresSince })
    .onConflict((oc) => oc.columns(['username', 'address']).doUpdateSet({ locked_until: lockedUntil, failures_since: failuresSince }))
    .execute();
}

/** Lifts every lock of a User ID and restarts its failure counts. */
export async function clearLoginLocks(db: Db, username: string, now: Date): Promise<void> {
  await db.updateTable('login_locks').set({ locked_until: null, failures_since: now }).where('username', '=', username).execute();
  await upsertLoginLock(db, username, ANY_ADDRESS, null, now);
}

/** Sets the user's language. */
export async function updateUserLanguage(db: Db, userId: number, language: 'id' | 'en'): Promise<void> {
  forgetActors(db);
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

/**
 * Failed logins of a User ID (as typed): from one address since `addressSince`, and the number of
 * addresses that failed since `anySince` (anySince <= addressSince).
 */
export async function countNameFailures(
  db: Db,
  f: { username: string; address: string; addressSince: Date; anySince: Date },
): Promise<{ fromAddress: number; addresses: number }> {
  return db
    .selectFrom('login_attempts')
    .select([
      sql<number>`(count(*) filter (where address = ${f.address} and at >= ${f.addressSince}))::int`.as('fromAddress'),
      sql<number>`count(distinct address)::int`.as('addresses'),
    ])
    .where('username', '=', f.username)
    .where('success', '=', false)
    .where('at', '>=', f.anySince)
    .executeTakeFirstOrThrow();
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

// The users of the list's filter, and their list columns.
function filteredUsers(db: Db, f: { q?: string; role?: Role }) {
  let q = db.selectFrom('users as u');
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(u.username)`, 'like', like), eb(sql`lower(u.name)`, 'like', like)]));
  }
  return q;
}

function userRows(db: Db, f: { q?: string; role?: Role }) {
  return filteredUsers(db, f)
    .select([
      'u.id',
      'u.username',
      'u.name',
      'u.role',
      'u.status',
      'u.must_change_password',
      // The latest lock still running, from any address: the user who calls is let in by lifting it.
      sql<Date | null>`(select max(l.locked_until) from login_locks l where l.username = u.username and l.locked_until > now())`.as(
        'locked_until',
      ),
      'u.created_at',
      sql<string[]>`coalesce((select array_agg(r.region_code order by r.region_code) from user_regions r where r.user_id = u.id), '{}')`.as(
        'regions',
      ),
    ])
    .orderBy('u.username');
}

/** One page of users, with their scope, filtered by text and role. */
export async function listUsers(
  db: Db,
  f: { q?: string; role?: Role },
  page: number,
  pageSize: number,
): Promise<{ items: UserListRow[]; total: number }> {
  const [items, total] = await Promise.all([
    userRows(db, f)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filteredUsers(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Every user of the list's filter by username, read a page at a time after the last (exports). */
export function streamUsers(db: Db, f: { q?: string; role?: Role }): AsyncGenerator<UserListRow> {
  return keyset<UserListRow>((after, limit) =>
    (after ? userRows(db, f).where('u.username', '>', after.username) : userRows(db, f)).limit(limit).execute(),
  );
}

/** Inserts a session (only the token's hash is stored). */
export async function insertSession(db: Db, tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

// The user of a credential with its scope, in the statement that finds the credential: an API
// request authenticates with one round trip instead of three (issue 17 item 4).
const credentialUser = [
  'users.id',
  'users.username',
  'users.name',
  'users.role',
  'users.status',
  'users.must_change_password',
  'users.language',
  sql<
    string[]
  >`coalesce((select array_agg(ur.region_code order by ur.region_code) from user_regions ur where ur.user_id = users.id), '{}')`.as(
    'regions',
  ),
] as const;

/** A live session with its user and the user's regions, or undefined when unknown or expired. */
export async function findSessionUser(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.last_seen_at', 'sessions.expires_at', ...credentialUser])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

/** A usable API token with its user and the user's regions, or undefined. */
export async function findApiTokenUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', ...credentialUser])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Moves a session's idle deadline forward. */
export async function touchSession(db: Db, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

/** Deletes one session; returns whether it existed. */
export async function deleteSession(db: Db, tokenHash: string): Promise<boolean> {
  forgetActors(db);
  const r = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Deletes every session of a user except, optionally, one; returns how many ended. */
export async function deleteUserSessions(db: Db, userId: number, exceptHash?: string): Promise<number> {
  forgetActors(db);
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash) q = q.where('token_hash', '!=', exceptHash);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Revokes every live API token of a user; returns how many. */
export async function revokeUserApiTokens(db: Db, userId: number, now: Date): Promise<number> {
  forgetActors(db);
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
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
  forgetActors(db);
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
