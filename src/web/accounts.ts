// Pure helpers of the account pages (F1 password change, C1 users, API tokens): the checks the
// forms make before calling the server (which checks again), and what badges a user row shows.
// No React, no I/O.
import { scopeCodeLengths, type Role } from '../shared/roles.ts';
import type { MessageKey } from './i18n/index.ts';

/** The server's rule for a User ID. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;

/** The minimum length of a password, in characters (code points, as the server counts). */
export const MIN_PASSWORD_LENGTH = 10;

/** The standard User ID of a district supervisor (spec section 2): '3174' → '3174_supervisor'. */
export function supervisorUsername(kab: string): string {
  return `${kab}_supervisor`;
}

/** Whether a new account of `role` may leave its User ID empty: the server derives it from the district (supervisor). */
export function derivesUsername(role: Role | ''): boolean {
  return role === 'SUPERVISOR';
}

/** What is wrong with a role's region scope, or null when it has the shape the server accepts. */
export function scopeProblem(role: Role, regions: readonly string[]): MessageKey | null {
  const lengths = scopeCodeLengths(role);
  const unique = [...new Set(regions)];
  const fits = (n: number) =>
    unique.every((r) => /^[0-9]+$/.test(r) && lengths.includes(r.length)) && unique.length >= 1 && unique.length <= n;
  switch (role) {
    case 'PUSDATIN':
    case 'PFM':
      return unique.length === 0 ? null : 'scope.error.national';
    case 'PROVINSI':
      return fits(1) ? null : 'scope.error.province';
    case 'SUPERVISOR':
      return fits(1) ? null : 'scope.error.district';
    case 'OPERATOR':
      return fits(Number.POSITIVE_INFINITY) ? null : 'scope.error.operator';
    case 'INTEGRASI':
      return unique.length === 0 || fits(1) ? null : 'scope.error.integration';
  }
}

/**
 * An operator's chosen kecamatan (6 digits) and desa (10 digits), without repeats and without a
 * desa whose kecamatan is chosen as a whole; sorted by code.
 */
export function normalizeOperatorScope(codes: readonly string[]): string[] {
  const unique = [...new Set(codes)];
  const kecamatan = new Set(unique.filter((c) => c.length === 6));
  return unique.filter((c) => c.length !== 10 || !kecamatan.has(c.slice(0, 6))).sort();
}

/** Adds or removes one code of an operator's scope; choosing a kecamatan drops its desa. */
export function toggleOperatorRegion(codes: readonly string[], code: string, on: boolean): string[] {
  const rest = codes.filter((c) => c !== code);
  return normalizeOperatorScope(on ? [...rest, code] : rest);
}

export interface NewUserDraft {
  role: Role | '';
  name: string;
  username: string;
  regions: readonly string[];
}

export type NewUserProblems = Partial<Record<'role' | 'name' | 'username' | 'regions', MessageKey>>;

/** The problems of the "Tambah Pengguna" form, by field; empty when it can be sent. */
export function newUserProblems(d: NewUserDraft): NewUserProblems {
  const p: NewUserProblems = {};
  if (d.role === '') p.role = 'users.error.role';
  if (d.name.trim() === '') p.name = 'users.error.name';
  const username = d.username.trim();
  // A supervisor's User ID may be left empty: the server derives <kode kab>_supervisor.
  if (!(derivesUsername(d.role) && username === '') && !USERNAME_PATTERN.test(username)) p.username = 'users.error.username';
  if (d.role !== '') {
    const scope = scopeProblem(d.role, d.regions);
    if (scope) p.regions = scope;
  }
  return p;
}

export interface PasswordDraft {
  current: string;
  next: string;
  repeat: string;
}

/** The first problem of the "Ganti Password" form (the common-password check is the server's). */
export function passwordProblem(username: string, d: PasswordDraft): MessageKey | null {
  if (d.current === '' || d.next === '' || d.repeat === '') return 'password.required';
  if ([...d.next].length < MIN_PASSWORD_LENGTH) return 'password.tooShort';
  if (d.next.toLowerCase() === username.toLowerCase()) return 'password.sameAsUser';
  if (d.next === d.current) return 'password.sameAsCurrent';
  if (d.next !== d.repeat) return 'password.mismatch';
  return null;
}

/** Whether an account lock (ISO timestamp) is still in force at `now`. */
export function isLocked(lockedUntil: string | null | undefined, now: Date): boolean {
  if (!lockedUntil) return false;
  const t = Date.parse(lockedUntil);
  return Number.isFinite(t) && t > now.getTime();
}

export type UserBadge = 'active' | 'disabled' | 'locked' | 'mustChange';

/** The badges of a user row: its status, then a lock in force, then a pending password change. */
export function userBadges(
  u: { status: 'ACTIVE' | 'DISABLED'; lockedUntil: string | null; mustChangePassword: boolean },
  now: Date,
): UserBadge[] {
  const badges: UserBadge[] = [u.status === 'ACTIVE' ? 'active' : 'disabled'];
  if (isLocked(u.lockedUntil, now)) badges.push('locked');
  if (u.mustChangePassword) badges.push('mustChange');
  return badges;
}

export type UserAction = 'disable' | 'enable' | 'unlock' | 'reset';

/**
 * The actions a row offers. Nobody disables or resets their own account here (that would end
 * their own session; the own password is changed under "Ganti Password").
 */
export function userActions(
  u: { username: string; status: 'ACTIVE' | 'DISABLED'; lockedUntil: string | null },
  me: string,
  now: Date,
): UserAction[] {
  const self = u.username === me;
  const actions: UserAction[] = [];
  if (u.status === 'ACTIVE' && !self) actions.push('disable');
  if (u.status === 'DISABLED') actions.push('enable');
  if (isLocked(u.lockedUntil, now)) actions.push('unlock');
  if (!self) actions.push('reset');
  return actions;
}
