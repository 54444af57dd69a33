import {
  defaultUsername,
  logRegionLength,
  ROLES,
  scopeCodeLengths,
  scopeHoldsManyRegions,
  scopeMayBeNational,
  signsInWithPassword,
  type Role,
} from '../../../shared/roles.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { findRegion } from '../regions/index.ts';
import * as q from './access.queries.ts';
import { auditActorOf, checkPasswordPolicy } from './actors.ts';
import { generatePassword, hashPassword } from './passwords.ts';

// Users and their scope (C1). Only PUSDATIN manages users from the web; the command line
// (the machine's administrator) may too.

function requireManager(by: Actor | AuditActor): void {
  if ('userId' in by) assertCan(by, 'users:manage');
}

function regionOfUser(role: Role, regions: string[]): string | null {
  const first = regions[0];
  return first ? first.slice(0, logRegionLength(role)) : null;
}

/** The distinct regions of a scope, when they fit the role (SCOPE_MISMATCH otherwise). */
function checkedScope(role: Role, input: string[]): string[] {
  if (!ROLES.includes(role)) throw new AppError('VALIDATION', { field: 'role' });
  const lengths = scopeCodeLengths(role);
  const regions = [...new Set(input)];
  const fits =
    lengths.length === 0 || (regions.length === 0 && scopeMayBeNational(role))
      ? regions.length === 0
      : regions.length > 0 && regions.every((r) => lengths.includes(r.length)) && (scopeHoldsManyRegions(role) || regions.length === 1);
  if (!fits) throw new AppError('SCOPE_MISMATCH');
  return regions;
}

export interface CreateUserInput {
  /** Defaults to `<kode kab>_supervisor` for a SUPERVISOR. */
  username?: string;
  name: string;
  role: Role;
  regions: string[];
  /** Chosen password; a random one-time password is generated when absent. */
  password?: string;
  /** Must the user change the password at the first login? Default: when it was generated. */
  mustChangePassword?: boolean;
}

/** Creates a user with its role and region scope; returns its id, User ID and initial password. */
export async function createUser(
  ctx: AppContext,
  by: Actor | AuditActor,
  input: CreateUserInput,
): Promise<{ id: number; username: string; password: string }> {
  requireManager(by);
  const regions = checkedScope(input.role, input.regions);
  const username = input.username ?? defaultUsername(input.role, regions);
  if (!username || !/^[A-Za-z0-9_.-]{3,64}$/.test(username)) throw new AppError('VALIDATION', { field: 'username' });
  const password = input.password ?? generatePassword();
  checkPasswordPolicy(username, password);
  const passwordHash = await hashPassword(password, ctx.config.fastHashing);
  const id = await ctx.database.transaction(async (tx) => {
    for (const r of regions) if (!(await findRegion(tx, r))) throw new AppError('UNKNOWN_REGION', { region: r });
    if (await q.findUserByUsername(tx, username)) throw new AppError('USER_EXISTS');
    const id = await q.insertUser(tx, {
      username,
      name: input.name,
      role: input.role,
      passwordHash,
      // An integration never logs in with its password, so it has none to change.
      mustChangePassword: signsInWithPassword(input.role) && (input.mustChangePassword ?? input.password === undefined),
      regions,
    });
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'CREATE_USER',
      text: { id: `Membuat pengguna ${username} (${input.role})`, en: `Created user ${username} (${input.role})` },
      subject: username,
      regionCode: regionOfUser(input.role, regions),
      details: { role: input.role, regions },
    });
    return id;
  });
  return { id, username, password };
}

/** Lists users (PUSDATIN). */
export async function listUsers(ctx: AppContext, by: Actor, f: { q?: string; role?: Role; page: number; pageSize: number }) {
  requireManager(by);
  const r = await q.listUsers(ctx.database.db, f, f.page, f.pageSize);
  return { ...r, page: f.page, pageSize: f.pageSize };
}

/**
 * Ends every session and revokes every API token of a user, logged in the same transaction as the
 * change that calls for it (password reset, disabling, a new role or scope): a credential issued
 * under the old state must not outlive it.
 */
async function revokeCredentials(
  tx: Db,
  by: Actor | AuditActor,
  user: q.UserRow,
  regionCode: string | null,
  because: string,
): Promise<void> {
  const sessions = await q.deleteUserSessions(tx, user.id);
  const tokens = await q.revokeUserApiTokens(tx, user.id, new Date());
  if (sessions + tokens === 0) return;
  await recordAudit(tx, {
    actor: auditActorOf(by),
    action: 'REVOKE_USER_CREDENTIALS',
    text: {
      id: `Mengakhiri ${sessions} sesi dan mencabut ${tokens} token API pengguna ${user.username}`,
      en: `Ended ${sessions} session(s) and revoked ${tokens} API token(s) of user ${user.username}`,
    },
    subject: user.username,
    regionCode,
    details: { sessions, tokens, because },
  });
}

async function getUser(ctx: AppContext, username: string) {
  const user = await q.findUserByUsername(ctx.database.db, username);
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}

/**
 * Sets a password (CLI) or resets it to a one-time password (PUSDATIN, C1) that must be changed
 * at the next login. Returns the password. Existing sessions of the user end.
 */
export async function setPassword(ctx: AppContext, by: Actor | AuditActor, username: string, password?: string): Promise<string> {
  requireManager(by);
  const user = await getUser(ctx, username);
  const pw = password ?? generatePassword();
  checkPasswordPolicy(username, pw);
  const hashed = await hashPassword(pw, ctx.config.fastHashing);
  const oneTime = password === undefined;
  await ctx.database.transaction(async (tx) => {
    const regionCode = regionOfUser(user.role, await q.listUserRegions(tx, user.id));
    const action = oneTime ? 'RESET_PASSWORD' : 'SET_PASSWORD';
    await q.updateUserPassword(tx, user.id, hashed, oneTime);
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action,
      text: oneTime
        ? { id: `Mereset password pengguna ${username}`, en: `Reset the password of user ${username}` }
        : { id: `Mengganti password pengguna ${username}`, en: `Changed the password of user ${username}` },
      subject: username,
      regionCode,
    });
    await revokeCredentials(tx, by, user, regionCode, action);
  });
  return pw;
}

/** Disables or re-enables a user; a disabled user's sessions end at once (C1). */
export async function setUserStatus(
  ctx: AppContext,
  by: Actor | AuditActor,
  username: string,
  status: 'ACTIVE' | 'DISABLED',
): Promise<void> {
  requireManager(by);
  const user = await getUser(ctx, username);
  if ('userId' in by && by.userId === user.id && status === 'DISABLED')
    throw new AppError('VALIDATION', { reason: 'cannot disable yourself' });
  await ctx.database.transaction(async (tx) => {
    const regionCode = regionOfUser(user.role, await q.listUserRegions(tx, user.id));
    await q.updateUserStatus(tx, user.id, status);
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: status === 'DISABLED' ? 'DISABLE_USER' : 'ENABLE_USER',
      text:
        status === 'DISABLED'
          ? { id: `Menonaktifkan pengguna ${username}`, en: `Disabled user ${username}` }
          : { id: `Mengaktifkan kembali pengguna ${username}`, en: `Re-enabled user ${username}` },
      subject: username,
      regionCode,
    });
    if (status === 'DISABLED') await revokeCredentials(tx, by, user, regionCode, 'DISABLE_USER');
  });
}

/**
 * Gives a user another role or scope (PUSDATIN). Its sessions and API tokens end in the same
 * transaction: they were granted under the old role and regions.
 */
export async function setUserRole(
  ctx: AppContext,
  by: Actor | AuditActor,
  username: string,
  input: { role: Role; regions: string[] },
): Promise<void> {
  requireManager(by);
  const regions = checkedScope(input.role, input.regions);
  const user = await getUser(ctx, username);
  if ('userId' in by && by.userId === user.id) throw new AppError('VALIDATION', { reason: 'cannot change your own role' });
  await ctx.database.transaction(async (tx) => {
    for (const r of regions) if (!(await findRegion(tx, r))) throw new AppError('UNKNOWN_REGION', { region: r });
    const before = await q.listUserRegions(tx, user.id);
    if (user.role === input.role && before.join() === [...regions].sort().join()) return;
    await q.updateUserRole(tx, user.id, input.role, regions);
    const regionCode = regionOfUser(input.role, regions) ?? regionOfUser(user.role, before);
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'SET_USER_ROLE',
      text: {
        id: `Mengubah peran/wilayah pengguna ${username} menjadi ${input.role} (${regions.join(', ') || 'nasional'})`,
        en: `Changed the role/scope of user ${username} to ${input.role} (${regions.join(', ') || 'national'})`,
      },
      subject: username,
      regionCode,
      details: { from: { role: user.role, regions: before }, to: { role: input.role, regions } },
    });
    await revokeCredentials(tx, by, user, regionCode, 'SET_USER_ROLE');
  });
}

/** Lifts every login lock of a user (from any address) before it ends (PUSDATIN). */
export async function unlockUser(ctx: AppContext, by: Actor | AuditActor, username: string): Promise<void> {
  requireManager(by);
  const user = await getUser(ctx, username);
  await ctx.database.transaction(async (tx) => {
    await q.clearLoginLocks(tx, user.username, new Date());
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'ACCOUNT_UNLOCKED',
      text: { id: `Membuka kunci akun ${username}`, en: `Unlocked account ${username}` },
      subject: username,
      regionCode: regionOfUser(user.role, await q.listUserRegions(tx, user.id)),
    });
  });
}
