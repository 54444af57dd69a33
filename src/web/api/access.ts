// Client of the account and user-management API (F1, C1): own password and language, users
// (PUSDATIN), API tokens. Same conventions as client.ts: errors come back as ApiError with the
// server's message in the user's language.
import type * as contract from '../../shared/api/access.ts';
import type { Language, Ok, Page, Wire } from '../../shared/api/common.ts';
import { queryString, request } from './client.ts';

export type UserStatus = Wire<typeof contract.UserStatusSchema>;
/** A user; `lockedUntil` (ISO) locks the account while it lies in the future. */
export type UserItem = Wire<typeof contract.UserItemSchema>;
export type UserQuery = Wire<typeof contract.UserListQuerySchema>;
/** A new user; `username` is optional for a SUPERVISOR (the server then uses `<kode kab>_supervisor`). */
export type NewUser = Wire<typeof contract.CreateUserBodySchema>;
export type ApiToken = Wire<typeof contract.TokenItemSchema>;
type CreatedUser = Wire<typeof contract.CreatedUserSchema>;
type CreatedToken = Wire<typeof contract.CreatedTokenSchema>;
type ResetPasswordResult = Wire<typeof contract.ResetPasswordResultSchema>;
type TokenList = Wire<typeof contract.TokenListSchema>;

export const accessApi = {
  /** Changes the own password; 400 WRONG_CURRENT_PASSWORD or WEAK_PASSWORD as ApiError. */
  changePassword(currentPassword: string, newPassword: string): Promise<Ok> {
    return request<Ok>('POST', '/api/v1/me/password', { body: { currentPassword, newPassword } });
  },

  /** Keeps the UI language with the user (a failure is the caller's to ignore). */
  setLanguage(language: Language): Promise<Ok> {
    return request<Ok>('PATCH', '/api/v1/me', { body: { language }, redirectOn401: false });
  },

  users(query: UserQuery, signal?: AbortSignal): Promise<Page<UserItem>> {
    return request<Page<UserItem>>('GET', `/api/v1/users${queryString({ ...query })}`, { signal });
  },

  /** Creates a user; answers its User ID and one-time password (shown once). */
  createUser(input: NewUser): Promise<CreatedUser> {
    return request<CreatedUser>('POST', '/api/v1/users', { body: input });
  },

  userAction(username: string, action: 'disable' | 'enable' | 'unlock'): Promise<Ok> {
    return request<Ok>('POST', `/api/v1/users/${encodeURIComponent(username)}/${action}`);
  },

  /** Resets a password to a one-time password that the user must change at the next login. */
  resetPassword(username: string): Promise<ResetPasswordResult> {
    return request<ResetPasswordResult>('POST', `/api/v1/users/${encodeURIComponent(username)}/reset-password`);
  },

  tokens(signal?: AbortSignal): Promise<TokenList> {
    return request<TokenList>('GET', '/api/v1/tokens', { signal });
  },

  /** Creates an API token of the logged-in user; the token is shown once. */
  createToken(name: string): Promise<CreatedToken> {
    return request<CreatedToken>('POST', '/api/v1/tokens', { body: { name } });
  },

  revokeToken(id: number): Promise<Ok> {
    return request<Ok>('DELETE', `/api/v1/tokens/${id}`);
  },
};
