import { createHash, randomBytes } from 'node:crypto';
import { ROLES, scopeCodeLengths, type Role } from '../../../shared/roles.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findRegion } from '../regions/index.ts';
import * as q from './access.queries.ts';
import { decoyHash, generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import type { Actor } from '../../platform/scope.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Builds the actor (role, scope) of a user row. */
async function actorOf(db: Db, u: q.UserRow): Promise<Actor> {
  return {
    userId: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    regions: await q.listUserRegions(db, u.id),
    language: u.language,
    mustChangePassword: u.must_change_password,
  };
}

function auditActorOf(actor: Actor | AuditActor): AuditActor {
  return 'userId' in actor ? { id: actor.userId, username: actor.username } : actor;
}

/** Checks a new password against the policy (length, not the User ID). */
export function checkPasswordPolicy(username: string, password: string): void {
  if ([...password].length < 10 || password.toLowerCase() === username.toLowerCase()) throw new AppError('WEAK_PASSWORD');
}

/** Logs a user in with User ID and password; returns a new session token and the actor. */
export async function login(ctx: AppContext, input: { username: string; password: string }): Promise<{ token: string; actor: Actor }> {
  const { db } = ctx.database;
  const user = await q.findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(await decoyHash(ctx.config.fastHashing), input.password);
    throw new AppError('LOGIN_FAILED');
  }
  if (!(await verifyPassword(user.password_hash, input.password))) throw new AppError('LOGIN_FAILED');
  if (user.status !== 'ACTIVE') throw new AppError('ACCOUNT_DISABLED');
  const token = randomBytes(32).toString('base64url');
  const actor = await actorOf(db, user);
  await ctx.database.transaction(async (tx) => {
    await q.insertSession(tx, sha256(token), user.id, sessionDeadline(ctx, new Date()));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'LOGIN',
      text: { id: 'Login ke sistem', en: 'Logged in' },
      regionCode: logRegionOf(actor),
    });
  });
  return { token, actor };
}

/** Ends a session (logout). */
export async function logout(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    if (!(await q.deleteSession(tx, sha256(token)))) return;
    await recordAudit(tx, { actor: auditActorOf(actor), action: 'LOGOUT', text: { id: 'Logout dari sistem', en: 'Logged out' }, regionCode: logRegionOf(actor) });
  });
}

function sessionDeadline(ctx: AppContext, now: Date): Date {
  return new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60_000);
}

// Writing last_seen on every request would turn each read into a write; once a minute suffices.
const TOUCH_EVERY_MS = 60_000;

/** The actor of a session cookie, or undefined when it is unknown, expired or its user disabled. */
export async function authenticateSession(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const { db } = ctx.database;
  const now = new Date();
  const s = await q.findLiveSession(db, sha256(token), now);
  if (!s || s.status !== 'ACTIVE') return undefined;
  if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await q.touchSession(db, sha256(token), now, sessionDeadline(ctx, now));
  const user = await q.findUserById(db, s.user_id);
  return user && actorOf(db, user);
}

/** The actor of an API token (`Authorization: Bearer …`), or undefined. */
export async function authenticateToken(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const { db } = ctx.database;
  const t = await q.findLiveApiToken(db, sha256(token));
  if (!t || t.status !== 'ACTIVE') return undefined;
  const now = new Date();
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > TOUCH_EVERY_MS) await q.touchApiToken(db, t.id, now);
  const user = await q.findUserById(db, t.user_id);
  return user && actorOf(db, user);
}

/** The region a user's log entries belong to: its district (or province) when it has one. */
export function logRegionOf(actor: Actor): string | null {
  const first = actor.regions[0];
  if (!first) return null;
  return actor.role === 'PROVINSI' ? first.slice(0, 2) : first.slice(0, 4);
}

export interface CreateUserInput {
  username: string;
  name: string;
  role: Role;
  regions: string[];
  /** Chosen password; a random one is generated when absent. */
  password?: string;
  mustChangePassword?: boolean;
}

/** Creates a user with its role and region scope; returns its id and the initial password. */
export async function createUser(ctx: AppContext, by: Actor | AuditActor, input: CreateUserInput): Promise<{ id: number; password: string }> {
  if (!ROLES.includes(input.role)) throw new AppError('VALIDATION', { field: 'role' });
  const lengths = scopeCodeLengths(input.role);
  const regions = [...new Set(input.regions)];
  const fits =
    lengths.length === 0 ? regions.length === 0 : regions.length > 0 && regions.every((r) => lengths.includes(r.length)) && (input.role === 'OPERATOR' || regions.length === 1);
  if (!fits) throw new AppError('SCOPE_MISMATCH');
  const password = input.password ?? generatePassword();
  checkPasswordPolicy(input.username, password);
  const passwordHash = await hashPassword(password, ctx.config.fastHashing);
  const id = await ctx.database.transaction(async (tx) => {
    for (const r of regions) if (!(await findRegion(tx, r))) throw new AppError('UNKNOWN_REGION', { region: r });
    if (await q.findUserByUsername(tx, input.username)) throw new AppError('USER_EXISTS');
    const id = await q.insertUser(tx, { username: input.username, name: input.name, role: input.role, passwordHash, mustChangePassword: input.mustChangePassword ?? false, regions });
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'CREATE_USER',
      text: { id: `Membuat pengguna ${input.username} (${input.role})`, en: `Created user ${input.username} (${input.role})` },
      subject: input.username,
      regionCode: regions[0] ? regions[0].slice(0, input.role === 'PROVINSI' ? 2 : 4) : null,
      details: { role: input.role, regions },
    });
    return id;
  });
  return { id, password };
}

/** Sets a user's password (a random one when absent); returns the password. */
export async function setPassword(ctx: AppContext, by: Actor | AuditActor, username: string, password?: string, mustChange = false): Promise<string> {
  const pw = password ?? generatePassword();
  checkPasswordPolicy(username, pw);
  const hashed = await hashPassword(pw, ctx.config.fastHashing);
  await ctx.database.transaction(async (tx) => {
    const user = await q.findUserByUsername(tx, username);
    if (!user) throw new AppError('NOT_FOUND');
    await q.updateUserPassword(tx, user.id, hashed, mustChange);
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'SET_PASSWORD',
      text: { id: `Mengganti password pengguna ${username}`, en: `Changed the password of user ${username}` },
      subject: username,
    });
  });
  return pw;
}

/** Creates an API token for a user; the token is returned once and only its hash is kept. */
export async function createApiToken(ctx: AppContext, by: Actor | AuditActor, username: string, name = 'token'): Promise<string> {
  const token = `siks_${randomBytes(32).toString('base64url')}`;
  await ctx.database.transaction(async (tx) => {
    const user = await q.findUserByUsername(tx, username);
    if (!user) throw new AppError('NOT_FOUND');
    const id = await q.insertApiToken(tx, user.id, name, sha256(token));
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'CREATE_API_TOKEN',
      text: { id: `Membuat token API untuk ${username}`, en: `Created an API token for ${username}` },
      subject: username,
      details: { tokenId: id, name },
    });
  });
  return token;
}
