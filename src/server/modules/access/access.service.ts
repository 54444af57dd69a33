import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { logRegionLength, signsInWithPassword } from '../../../shared/roles.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import * as q from './access.queries.ts';
import { actorCacheGeneration, cachedActor, keepActor } from './actor-cache.ts';
import { actorOf, actorOfUser, auditActorOf, checkPasswordPolicy, logRegionOf } from './actors.ts';
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

const later = (a: Date, b: Date | undefined) => (b && b > a ? b : a);

/**
 * Logs a user in (F1): per-address throttle, captcha, then password. Locks are kept per (User ID,
 * address): `threshold` failures from one address lock that pair for `minutes`, so a stranger cannot
 * lock the real user out from elsewhere; failures from `addresses` addresses lock the User ID
 * everywhere. Unknown User IDs get the same answers, locks and password work as existing ones, so
 * nothing tells which exist. Locks and their ends are logged; every attempt is recorded.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<{ token: string; actor: Actor }> {
  const { db } = ctx.database;
  const { threshold, addresses, windowMinutes, minutes } = ctx.config.loginLock;
  const now = new Date();
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  if ((await q.countAddressFailures(db, input.address, windowStart)) >= ctx.config.addressMaxFailures)
    throw new AppError('TOO_MANY_ATTEMPTS');
  await verifyCaptcha(ctx, input.captcha);

  const username = input.username.slice(0, 64);
  const address = input.address.slice(0, 64);
  const found = await q.findUserByUsername(db, input.username);
  // Hash work happens outside the transaction: on PGlite a transaction blocks every other query.
  // An unknown User ID is checked against a decoy hash of the same cost, so timing tells nothing.
  const passwordOk = await verifyPassword(found?.password_hash ?? (await decoyHash(ctx.config.fastHashing)), input.password);

  const outcome = await ctx.database.transaction(async (tx): Promise<Outcome> => {
    await q.lockLoginName(tx, username);
    const u = found && (await q.findUserById(tx, found.id));
    const logRegion = u ? ((await q.listUserRegions(tx, u.id))[0]?.slice(0, logRegionLength(u.role)) ?? null) : null;
    const log = async (action: string, text: { id: string; en: string }, details?: Record<string, unknown>) => {
      if (u)
        await recordAudit(tx, {
          actor: { id: u.id, username: u.username },
          action,
          text,
          subject: u.username,
          regionCode: logRegion,
          details,
        });
    };
    const attempt = (success: boolean) => q.insertLoginAttempt(tx, { username, userId: u?.id ?? null, address, success, at: now });

    const locks = await q.listLoginLocks(tx, username, [address, q.ANY_ADDRESS]);
    for (const l of locks) {
      if (!l.locked_until || l.locked_until > now) continue;
      // The lock has ended: record its end, and count failures afresh from here.
      await q.upsertLoginLock(tx, username, l.address, null, now);
      await log(
        'ACCOUNT_UNLOCKED',
        { id: `Kunci akun ${username} berakhir`, en: `The lock of account ${username} ended` },
        lockScope(l.address),
      );
      l.locked_until = null;
      l.failures_since = now;
    }
    const running = locks.flatMap((l) => (l.locked_until ? [l.locked_until] : []));
    if (running.length) {
      await attempt(false);
      return { kind: 'fail', error: lockedError(new Date(Math.max(...running.map((d) => d.getTime()))), now) };
    }

    if (u && passwordOk) {
      if (u.status !== 'ACTIVE') {
        await attempt(false);
        return { kind: 'fail', error: new AppError('ACCOUNT_DISABLED') };
      }
      // An integration account works through API tokens only: no session, whatever its password.
      if (!signsInWithPassword(u.role)) {
        await attempt(false);
        return { kind: 'fail', error: new AppError('LOGIN_API_ONLY') };
      }
      await attempt(true);
      const token = randomBytes(32).toString('base64url');
      const actor = await actorOfUser(tx, u);
      await q.insertSession(tx, sha256(token), u.id, sessionDeadline(ctx, now));
      await recordAudit(tx, {
        actor: { id: u.id, username: u.username },
        action: 'LOGIN',
        text: { id: 'Login ke sistem', en: 'Logged in' },
        regionCode: logRegionOf(actor),
      });
      return { kind: 'ok', token, actor };
    }

    await attempt(false);
    const anyLock = locks.find((l) => l.address === q.ANY_ADDRESS);
    const pairLock = locks.find((l) => l.address === address);
    const anySince = later(windowStart, anyLock?.failures_since);
    const failures = await q.countNameFailures(tx, {
      username,
      address,
      anySince,
      addressSince: later(anySince, pairLock?.failures_since),
    });
    const lockAt = failures.addresses >= addresses ? q.ANY_ADDRESS : failures.fromAddress >= threshold ? address : undefined;
    if (lockAt === undefined) return { kind: 'fail', error: new AppError('LOGIN_FAILED') };
    const until = new Date(now.getTime() + minutes * 60_000);
    // Failures made while locked do not count once the lock ends.
    await q.upsertLoginLock(tx, username, lockAt, until, until);
    const count = lockAt === q.ANY_ADDRESS ? failures.addresses : failures.fromAddress;
    await log(
      'ACCOUNT_LOCKED',
      lockAt === q.ANY_ADDRESS
        ? {
            id: `Akun ${username} dikunci ${minutes} menit setelah login gagal dari ${count} alamat`,
            en: `Account ${username} locked for ${minutes} minutes after failed logins from ${count} addresses`,
          }
        : {
            id: `Login akun ${username} dari alamat ${address} dikunci ${minutes} menit setelah ${count} kali gagal`,
            en: `Logins to account ${username} from address ${address} locked for ${minutes} minutes after ${count} failures`,
          },
      { ...lockScope(lockAt), failures: count, lockedUntil: until.toISOString() },
    );
    return { kind: 'fail', error: lockedError(until, now) };
  });
  // Failures are committed (they count towards the lock) before the refusal is thrown.
  if (outcome.kind === 'fail') throw outcome.error;
  return { token: outcome.token, actor: outcome.actor };
}

function lockScope(address: string): Record<string, unknown> {
  return address === q.ANY_ADDRESS ? { scope: 'account' } : { scope: 'address', address };
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

// The actor of a credential: from the actor cache, else read (and kept until `until`, see actor-cache.ts).
async function throughCache(
  ctx: AppContext,
  key: string,
  read: () => Promise<{ actor: Actor; until: number } | undefined>,
): Promise<Actor | undefined> {
  const cached = cachedActor(ctx.database, key);
  if (cached) return cached;
  const generation = actorCacheGeneration(ctx.database);
  const found = await read();
  if (found) keepActor(ctx.database, key, found.actor, generation, found.until);
  return found?.actor;
}

/** The actor of a session cookie, or undefined when it is unknown, expired or its user disabled. */
export async function authenticateSession(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const hash = sha256(token);
  return throughCache(ctx, `s:${hash}`, async () => {
    const { db } = ctx.database;
    const now = new Date();
    const s = await q.findSessionUser(db, hash, now);
    if (s?.status !== 'ACTIVE') return undefined;
    let deadline = s.expires_at;
    if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      deadline = sessionDeadline(ctx, now);
      await q.touchSession(db, hash, now, deadline);
    }
    // Never kept past the session's idle deadline.
    return { actor: actorOf(s, s.regions), until: deadline.getTime() };
  });
}

/** The actor of an API token (`Authorization: Bearer …`), or undefined. */
export async function authenticateToken(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const hash = sha256(token);
  return throughCache(ctx, `t:${hash}`, async () => {
    const { db } = ctx.database;
    const t = await q.findApiTokenUser(db, hash);
    if (t?.status !== 'ACTIVE') return undefined;
    const now = new Date();
    if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > TOUCH_EVERY_MS) await q.touchApiToken(db, t.token_id, now);
    return { actor: actorOf(t, t.regions), until: Number.POSITIVE_INFINITY };
  });
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
