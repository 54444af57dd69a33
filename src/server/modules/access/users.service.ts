import { defaultUsername, logRegionLength, ROLES, scopeCodeLengths, scopeHoldsManyRegions, type Role } from '../../../shared/roles.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
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
  if (!ROLES.includes(input.role)) throw new AppError('VALIDATION', { field: 'role' });
  const lengths = scopeCodeLengths(input.role);
  const regions = [...new Set(input.regions)];
  const fits =
    lengths.length === 0
      ? regions.length === 0
      : regions.length > 0 &&
        regions.every((r) => lengths.includes(r.length)) &&
        (scopeHoldsManyRegions(input.role) || regions.length === 1);
  if (!fits) throw new AppError('SCOPE_MISMATCH');
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
      mustChangePassword: input.mustChangePassword ?? input.password === undefined,
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
    await q.updateUserPassword(tx, user.id, hashed, oneTime);
    await q.deleteUserSessions(tx, user.id);
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: oneTime ? 'RESET_PASSWORD' : 'SET_PASSWORD',
      text: oneTime
        ? { id: `Mereset password pengguna ${username}`, en: `Reset the password of user ${username}` }
        : { id: `Mengganti password pengguna ${username}`, en: `Changed the password of user ${username}` },
      subject: username,
      regionCode: regionOfUser(user.role, await q.listUserRegions(tx, user.id)),
    });
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
    await q.updateUserStatus(tx, user.id, status);
    if (status === 'DISABLED') await q.deleteUserSessions(tx, user.id);
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: status === 'DISABLED' ? 'DISABLE_USER' : 'ENABLE_USER',
      text:
        status === 'DISABLED'
          ? { id: `Menonaktifkan pengguna ${username}`, en: `Disabled user ${username}` }
          : { id: `Mengaktifkan kembali pengguna ${username}`, en: `Re-enabled user ${username}` },
      subject: username,
      regionCode: regionOfUser(user.role, await q.listUserRegions(tx, user.id)),
    });
  });
}

/** Lifts an account lock before it ends (PUSDATIN). */
export async function unlockUser(ctx: AppContext, by: Actor | AuditActor, username: string): Promise<void> {
  requireManager(by);
  const user = await getUser(ctx, username);
  await ctx.database.transaction(async (tx) => {
    await q.updateUserLock(tx, user.id, null, new Date());
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'ACCOUNT_UNLOCKED',
      text: { id: `Membuka kunci akun ${username}`, en: `Unlocked account ${username}` },
      subject: username,
      regionCode: regionOfUser(user.role, await q.listUserRegions(tx, user.id)),
    });
  });
}
