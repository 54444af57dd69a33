// Contract of the access module: login, the current user, users (C1), API tokens.
import { z } from 'zod';
import {
  DataFormatSchema,
  IdParamsSchema,
  LanguageSchema,
  listOf,
  LocalizedTextSchema,
  pageOf,
  pagingQuery,
  RoleSchema,
  VerbSchema,
  text,
} from './common.ts';
import { RegionRefSchema } from './regions.ts';

export const UsernameSchema = z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/);
export const UserStatusSchema = z.enum(['ACTIVE', 'DISABLED']);

/** The logged-in user: role, scope, language and what the role may do. */
export const MeSchema = z.object({
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  roleLabel: LocalizedTextSchema,
  regions: z.array(RegionRefSchema),
  language: LanguageSchema,
  mustChangePassword: z.boolean(),
  abilities: z.array(VerbSchema).describe("The verbs the user's role holds: show an action only when its verb is here"),
});

/** GET /api/v1/captcha: an ALTCHA proof-of-work challenge. */
export const CaptchaChallengeSchema = z.record(z.string(), z.unknown());

/** POST /api/v1/session */
export const LoginBodySchema = z.object({
  username: text().min(1).max(64),
  password: text().min(1).max(200),
  captcha: text().max(20_000).optional(),
});
export const LoginResultSchema = z.object({ user: MeSchema });

/** PATCH /api/v1/me */
export const UpdateMeBodySchema = z.object({ language: LanguageSchema });
/** POST /api/v1/me/password */
export const ChangePasswordBodySchema = z.object({ currentPassword: text().min(1).max(200), newPassword: text().min(1).max(200) });

/** GET /api/v1/users */
const UserFilterFields = { q: text().max(64).optional(), role: RoleSchema.optional() };
export const UserListQuerySchema = z.object({ ...UserFilterFields, ...pagingQuery({ pageSize: 25 }) });
/** GET /api/v1/users/export: the list's filters and the file format. */
export const UserExportQuerySchema = z.object({ ...UserFilterFields, format: DataFormatSchema });
export const UserItemSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  status: UserStatusSchema,
  mustChangePassword: z.boolean(),
  lockedUntil: z.date().nullable().describe('The account is locked while it lies in the future'),
  createdAt: z.date(),
  regions: z.array(z.string()).describe('Region codes of the scope'),
});
export const UserPageSchema = pageOf(UserItemSchema);

/** POST /api/v1/users: `username` may be left out for a SUPERVISOR (`<kode kab>_supervisor`). */
export const CreateUserBodySchema = z.object({
  username: UsernameSchema.optional(),
  name: text().min(1).max(100),
  role: RoleSchema,
  regions: z.array(z.string().regex(/^[0-9]{2,10}$/)).max(500),
});
/** The new user's one-time password (shown once). */
export const CreatedUserSchema = z.object({ username: z.string(), password: z.string() });

export const UsernameParamsSchema = z.object({ username: UsernameSchema });
/** POST /api/v1/users/:username/role: the new role and scope; the user's sessions and API tokens end. */
export const SetUserRoleBodySchema = z.object({
  role: RoleSchema,
  regions: z.array(z.string().regex(/^[0-9]{2,10}$/)).max(500),
});
/** POST /api/v1/users/:username/reset-password: the one-time password. */
export const ResetPasswordResultSchema = z.object({ password: z.string() });

/** GET /api/v1/tokens: PUSDATIN may name another user. */
export const TokenListQuerySchema = z.object({ username: UsernameSchema.optional() });
/** GET /api/v1/tokens/export */
export const TokenExportQuerySchema = TokenListQuerySchema.extend({ format: DataFormatSchema });
export const TokenItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  created_at: z.date(),
  last_used_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
});
export const TokenListSchema = listOf(TokenItemSchema);
/** POST /api/v1/tokens */
export const CreateTokenBodySchema = z.object({ name: text().min(1).max(100), username: UsernameSchema.optional() });
/** The new token (shown once). */
export const CreatedTokenSchema = z.object({ id: z.number(), token: z.string() });
export const TokenParamsSchema = IdParamsSchema;
