// Client of the account and user-management API (F1, C1): own password and language, users
// (PUSDATIN), API tokens. Same conventions as client.ts: errors come back as ApiError with the
// server's message in the user's language.
import { queryString, request, type Page, type Role } from './client.ts';

export type UserStatus = 'ACTIVE' | 'DISABLED';

export interface UserItem {
  id: number;
  username: string;
  name: string;
  role: Role;
  status: UserStatus;
  mustChangePassword: boolean;
  /** ISO timestamp; the account is locked while it lies in the future. */
  lockedUntil: string | null;
  createdAt: string;
  /** Undotted region codes of the scope. */
  regions: string[];
}

export interface UserQuery {
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export interface NewUser {
  /** Optional for a SUPERVISOR (the server then uses `<kode kab>_supervisor`). */
  username?: string;
  name: string;
  role: Role;
  regions: string[];
}

export interface ApiToken {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

type Ok = { ok: true };

export const accessApi = {
  /** Changes the own password; 400 WRONG_CURRENT_PASSWORD or WEAK_PASSWORD as ApiError. */
  changePassword(currentPassword: string, newPassword: string): Promise<Ok> {
    return request<Ok>('POST', '/api/v1/me/password', { body: { currentPassword, newPassword } });
  },

  /** Keeps the UI language with the user (a failure is the caller's to ignore). */
  setLanguage(language: 'id' | 'en'): Promise<Ok> {
    return request<Ok>('PATCH', '/api/v1/me', { body: { language }, redirectOn401: false });
  },

  users(query: UserQuery, signal?: AbortSignal): Promise<Page<UserItem>> {
    return request<Page<UserItem>>('GET', `/api/v1/users${queryString({ ...query })}`, { signal });
  },

  /** Creates a user; answers its User ID and one-time password (shown once). */
  createUser(input: NewUser): Promise<{ username: string; password: string }> {
    return request<{ username: string; password: string }>('POST', '/api/v1/users', { body: input });
  },

  userAction(username: string, action: 'disable' | 'enable' | 'unlock'): Promise<Ok> {
    return request<Ok>('POST', `/api/v1/users/${encodeURIComponent(username)}/${action}`);
  },

  /** Resets a password to a one-time password that the user must change at the next login. */
  resetPassword(username: string): Promise<{ password: string }> {
    return request<{ password: string }>('POST', `/api/v1/users/${encodeURIComponent(username)}/reset-password`);
  },

  tokens(signal?: AbortSignal): Promise<{ items: ApiToken[] }> {
    return request<{ items: ApiToken[] }>('GET', '/api/v1/tokens', { signal });
  },

  /** Creates an API token of the logged-in user; the token is shown once. */
  createToken(name: string): Promise<{ id: number; token: string }> {
    return request<{ id: number; token: string }>('POST', '/api/v1/tokens', { body: { name } });
  },

  revokeToken(id: number): Promise<Ok> {
    return request<Ok>('DELETE', `/api/v1/tokens/${id}`);
  },
};
