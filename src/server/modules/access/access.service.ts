import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { logRegionLength } from '../../../shared/roles.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import * as q from './access.queries.ts';
import { actorOfUser, auditActorOf, checkPasswordPolicy, logRegionOf } from './actors.ts';
import { verifyCaptcha } from './captcha.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginInput {
  username: string;
  password: string;
  /** The solved captcha payload (base64), from the login form's widget. */
  captcha?: string;
  /** The client address, for per-address throttling. */
  address: string;
}

type Outcome = { kind: 'ok'; token: string; actor: Actor } | { kind: 'fail'; error: AppError };

function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    'ACCOUNT_LOCKED',
    { lockedUntil: until.toISOString() },
    {
      id: `Akun Anda dikunci sementara karena terlalu banyak percobaan login yang gagal. Coba lagi dalam ${minutes} menit.`,
      en: `Your account is locked for a while after too many failed logins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    },
  );
}

/**
 * Logs a user in (F1): per-address throttle, captcha, then password. After `threshold` failures
 * within the window the account locks for `minutes`: even the right password is refused until
 * it ends. The lock and its end are logged; every attempt is recorded.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<{ token: string; actor: Actor }> {
  const { db } = ctx.database;
  const { threshold, windowMinutes, minutes } = ctx.config.loginLock;
  const now = new Date();
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  if ((await q.countAddressFailures(db, input.address, windowStart)) >= ctx.config.addressMaxFailures)
    throw new AppError('TOO_MANY_ATTEMPTS');
  await verifyCaptcha(ctx, input.captcha);

  const user = await q.findUserByUsername(db, input.username);
  // Hash work happens outside the transaction: on PGlite a transaction blocks every other query.
  const passwordOk = await verifyPassword(user?.password_hash ?? (await decoyHash(ctx.config.fastHashing)), input.password);
  if (!user) {
    await q.insertLoginAttempt(db, {
      username: input.username,
      userId: null,
      address: input.address,
      success: false,
      at: now,
    });
    throw new AppError('LOGIN_FAILED');
  }

  const outcome = await ctx.database.transaction(async (tx): Promise<Outcome> => {
    let u = (await q.lockUser(tx, user.id))!;
    const actorForLog = { id: u.id, username: u.username };
    const regions = await q.listUserRegions(tx, u.id);
    const logRegion = regions[0] ? regions[0].slice(0, logRegionLength(u.role)) : null;
    // Every attempt on a known account is recorded in the same transaction as its outcome.
    const attempt = (success: boolean) =>
      q.insertLoginAttempt(tx, { username: u.username, userId: u.id, address: input.address, success, at: now });
    if (u.locked_until && u.locked_until > now) {
      await attempt(false);
      return { kind: 'fail', error: lockedError(u.locked_until, now) };
    }
    if (u.locked_until) {
      // The lock has ended: record its end, and count failures afresh from here.
      await q.updateUserLock(tx, u.id, null, now);
      await recordAudit(tx, {
        actor: actorForLog,
        action: 'ACCOUNT_UNLOCKED',
        text: { id: `Kunci akun ${u.username} berakhir`, en: `The lock of account ${u.username} ended` },
        subject: u.username,
        regionCode: logRegion,
      });
      u = { ...u, locked_until: null, failures_since: now };
    }
    if (!passwordOk) {
      await attempt(false);
      const since = u.failures_since && u.failures_since > windowStart ? u.failures_since : windowStart;
      const failures = await q.countUserFailures(tx, u.id, since);
      if (failures < threshold) return { kind: 'fail', error: new AppError('LOGIN_FAILED') };
      const until = new Date(now.getTime() + minutes * 60_000);
      await q.updateUserLock(tx, u.id, until, u.failures_since);
      await recordAudit(tx, {
        actor: actorForLog,
        action: 'ACCOUNT_LOCKED',
        text: {
          id: `Akun ${u.username} dikunci ${minutes} menit setelah ${failures} kali gagal login`,
          en: `Account ${u.username} locked for ${minutes} minutes after ${failures} failed logins`,
        },
        subject: u.username,
        regionCode: logRegion,
        details: { failures, lockedUntil: until.toISOString(), address: input.address },
      });
      return { kind: 'fail', error: lockedError(until, now) };
    }
    if (u.status !== 'ACTIVE') {
      await attempt(false);
      return { kind: 'fail', error: new AppError('ACCOUNT_DISABLED') };
    }
    await attempt(true);
    const token = randomBytes(32).toString('base64url');
    const actor = await actorOfUser(tx, u);
    await q.insertSession(tx, sha256(token), u.id, sessionDeadline(ctx, now));
    await recordAudit(tx, {
      actor: actorForLog,
      action: 'LOGIN',
      text: { id: 'Login ke sistem', en: 'Logged in' },
      regionCode: logRegionOf(actor),
    });
    return { kind: 'ok', token, actor };
  });
  // Failures are committed (they count towards the lock) before the refusal is thrown.
  if (outcome.kind === 'fail') throw outcome.error;
  return { token: outcome.token, actor: outcome.actor };
}

/** Ends a session (logout). */
export async function logout(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    if (!(await q.deleteSession(tx, sha256(token)))) return;
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'LOGOUT',
      text: { id: 'Logout dari sistem', en: 'Logged out' },
      regionCode: logRegionOf(actor),
    });
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
  if (s?.status !== 'ACTIVE') return undefined;
  if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await q.touchSession(db, sha256(token), now, sessionDeadline(ctx, now));
  const user = await q.findUserById(db, s.user_id);
  return user && actorOfUser(db, user);
}

/** The actor of an API token (`Authorization: Bearer …`), or undefined. */
export async function authenticateToken(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const { db } = ctx.database;
  const t = await q.findLiveApiToken(db, sha256(token));
  if (t?.status !== 'ACTIVE') return undefined;
  const now = new Date();
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > TOUCH_EVERY_MS) await q.touchApiToken(db, t.id, now);
  const user = await q.findUserById(db, t.user_id);
  return user && actorOfUser(db, user);
}

/** The CSRF token bound to a session: an HMAC of the session token, so nothing is stored. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('siks-csrf').digest('base64url');
}

/** Whether a presented CSRF token belongs to the session. */
export function csrfTokenMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const want = Buffer.from(csrfTokenFor(sessionToken));
  const got = Buffer.from(presented);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Changes the actor's own password; ends the user's other sessions. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; sessionToken?: string },
): Promise<void> {
  const user = await q.findUserById(ctx.database.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) throw new AppError('WRONG_CURRENT_PASSWORD');
  checkPasswordPolicy(actor.username, input.newPassword);
  if (input.newPassword === input.currentPassword) throw new AppError('WEAK_PASSWORD');
  const hashed = await hashPassword(input.newPassword, ctx.config.fastHashing);
  await ctx.database.transaction(async (tx) => {
    await q.updateUserPassword(tx, actor.userId, hashed, false);
    await q.deleteUserSessions(tx, actor.userId, input.sessionToken && sha256(input.sessionToken));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'CHANGE_OWN_PASSWORD',
      text: { id: 'Mengganti password sendiri', en: 'Changed own password' },
      subject: actor.username,
      regionCode: logRegionOf(actor),
    });
  });
}

/** Keeps the actor's language choice (Bahasa Indonesia or English). */
export async function setMyLanguage(ctx: AppContext, actor: Actor, language: 'id' | 'en'): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    await q.updateUserLanguage(tx, actor.userId, language);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'SET_LANGUAGE',
      text: {
        id: `Mengganti bahasa menjadi ${language === 'id' ? 'Bahasa Indonesia' : 'English'}`,
        en: `Changed language to ${language === 'id' ? 'Bahasa Indonesia' : 'English'}`,
      },
      regionCode: logRegionOf(actor),
    });
  });
}
