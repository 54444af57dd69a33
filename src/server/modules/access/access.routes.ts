import type { z } from 'zod';
import * as api from '../../../shared/api/access.ts';
import { NoContentSchema, OkSchema } from '../../../shared/api/common.ts';
import { abilitiesOf, ROLE_LABELS } from '../../../shared/roles.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/auth.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/scope.ts';
import { exportRoute } from '../finalisations/index.ts';
import { describeScope } from '../regions/index.ts';
import { changeOwnPassword, csrfTokenFor, login, logout, setMyLanguage } from './access.service.ts';
import { createCaptchaChallenge } from './captcha.ts';
import { exportApiTokens } from './tokens.export.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.service.ts';
import { exportUsers } from './users.export.ts';
import { createUser, listUsers, setPassword, setUserRole, setUserStatus, unlockUser } from './users.service.ts';

async function presentMe(ctx: AppContext, actor: Actor): Promise<z.infer<typeof api.MeSchema>> {
  const regions = await describeScope(ctx, actor);
  return {
    username: actor.username,
    name: actor.name,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    regions: regions.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    language: actor.language,
    mustChangePassword: actor.mustChangePassword,
    abilities: abilitiesOf(actor.role),
  };
}

const ok = { ok: true as const };

/** Routes of the access module: captcha, login, logout, the current user, users (C1), tokens. */
export function accessRoutes(app: FastifyZod, ctx: AppContext) {
  const r = routeTable(app, 'access');
  r.get('/api/v1/captcha', 'getCaptchaChallenge', { security: [], response: { 200: api.CaptchaChallengeSchema } })
    .summary('A proof-of-work challenge for the login form ("Saya bukan robot")')
    .handle(async ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return (await createCaptchaChallenge(ctx)) as unknown as Record<string, unknown>;
    });
  r.post('/api/v1/session', 'login', { security: [], body: api.LoginBodySchema, response: { 200: api.LoginResultSchema } })
    .summary('Log in with User ID, password and a solved captcha; sets the session and CSRF cookies')
    .handle(async ({ body, req, reply }) => {
      const { token, actor } = await login(ctx, { ...body, address: req.ip });
      const cookie = { path: '/', sameSite: 'strict' as const, secure: ctx.config.behindTls };
      reply.setCookie(SESSION_COOKIE, token, { ...cookie, httpOnly: true });
      // Readable by the page's script, which echoes it in X-CSRF-Token on every change.
      reply.setCookie(CSRF_COOKIE, csrfTokenFor(token), { ...cookie, httpOnly: false });
      return { user: await presentMe(ctx, actor) };
    });
  r.delete('/api/v1/session', 'logout', { status: 204, response: { 204: NoContentSchema } })
    .summary('Log out: ends the session')
    .handle(async ({ actor, req, reply }) => {
      if (req.sessionToken) await logout(ctx, actor, req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return null;
    });
  r.get('/api/v1/me', 'getMe', { response: { 200: api.MeSchema } })
    .summary('The logged-in user, role and region scope')
    .handle(({ actor }) => presentMe(ctx, actor));
  r.patch('/api/v1/me', 'updateMe', { body: api.UpdateMeBodySchema, response: { 200: OkSchema } })
    .summary('Keep the language of the user (Bahasa Indonesia or English)')
    .handle(async ({ actor, body }) => {
      await setMyLanguage(ctx, actor, body.language);
      return ok;
    });
  r.post('/api/v1/me/password', 'changeOwnPassword', { body: api.ChangePasswordBodySchema, response: { 200: OkSchema } })
    .summary('Change the own password (required after a reset); ends the other sessions')
    .handle(async ({ actor, body, req }) => {
      await changeOwnPassword(ctx, actor, { ...body, sessionToken: req.sessionToken });
      return ok;
    });

  const users = routeTable(app, 'users');
  users
    .get('/api/v1/users', 'listUsers', { querystring: api.UserListQuerySchema, response: { 200: api.UserPageSchema } })
    .summary('Users with their role and scope (PUSDATIN)')
    .handle(async ({ actor, query }) => {
      const page = await listUsers(ctx, actor, query);
      return {
        ...page,
        items: page.items.map((u) => ({
          id: u.id,
          username: u.username,
          name: u.name,
          role: u.role,
          status: u.status,
          mustChangePassword: u.must_change_password,
          lockedUntil: u.locked_until,
          createdAt: u.created_at,
          regions: u.regions,
        })),
      };
    });
  exportRoute(
    users,
    '/api/v1/users/export',
    'exportUsers',
    api.UserExportQuerySchema,
    "The users of the list's filters as xlsx or csv (PUSDATIN); streamed and logged",
    (actor, query) => exportUsers(ctx, actor, query),
  );
  users
    .post('/api/v1/users', 'createUser', { body: api.CreateUserBodySchema, status: 201, response: { 201: api.CreatedUserSchema } })
    .summary('Create a user with role and scope (PUSDATIN); answers a one-time password')
    .handle(async ({ actor, body }) => {
      const created = await createUser(ctx, actor, body);
      return { username: created.username, password: created.password };
    });
  // The actions on one named user that answer { ok: true }.
  const userAction = (url: string, operationId: string, summary: string, run: (actor: Actor, username: string) => Promise<unknown>) =>
    users
      .post(url, operationId, { params: api.UsernameParamsSchema, response: { 200: OkSchema } })
      .summary(summary)
      .handle(async ({ actor, params }) => {
        await run(actor, params.username);
        return ok;
      });
  userAction('/api/v1/users/:username/disable', 'disableUser', 'Disable a user; its sessions and API tokens end (PUSDATIN)', (a, u) =>
    setUserStatus(ctx, a, u, 'DISABLED'),
  );
  userAction('/api/v1/users/:username/enable', 'enableUser', 'Re-enable a user (PUSDATIN)', (a, u) => setUserStatus(ctx, a, u, 'ACTIVE'));
  userAction('/api/v1/users/:username/unlock', 'unlockUser', 'Lift an account lock (PUSDATIN)', (a, u) => unlockUser(ctx, a, u));
  users
    .post('/api/v1/users/:username/role', 'setUserRole', {
      params: api.UsernameParamsSchema,
      body: api.SetUserRoleBodySchema,
      response: { 200: OkSchema },
    })
    .summary("Change a user's role and region scope (PUSDATIN); its sessions and API tokens end")
    .handle(async ({ actor, params, body }) => {
      await setUserRole(ctx, actor, params.username, body);
      return ok;
    });
  users
    .post('/api/v1/users/:username/reset-password', 'resetPassword', {
      params: api.UsernameParamsSchema,
      response: { 200: api.ResetPasswordResultSchema },
    })
    .summary('Reset a password to a one-time password that must be changed at the next login (PUSDATIN)')
    .handle(async ({ actor, params }) => ({ password: await setPassword(ctx, actor, params.username) }));

  const tokens = routeTable(app, 'tokens');
  tokens
    .get('/api/v1/tokens', 'listApiTokens', { querystring: api.TokenListQuerySchema, response: { 200: api.TokenListSchema } })
    .summary('API tokens of the user (PUSDATIN may name another user)')
    .handle(async ({ actor, query }) => ({ items: await listApiTokens(ctx, actor, query.username ?? actor.username) }));
  exportRoute(
    tokens,
    '/api/v1/tokens/export',
    'exportApiTokens',
    api.TokenExportQuerySchema,
    'API tokens of the user as xlsx or csv',
    (actor, q) => exportApiTokens(ctx, actor, q),
  );
  tokens
    .post('/api/v1/tokens', 'createApiToken', { body: api.CreateTokenBodySchema, status: 201, response: { 201: api.CreatedTokenSchema } })
    .summary('Create an API token for the user (shown once)')
    .handle(({ actor, body }) => createApiToken(ctx, actor, body.username ?? actor.username, body.name));
  tokens
    .delete('/api/v1/tokens/:id', 'revokeApiToken', { params: api.TokenParamsSchema, response: { 200: OkSchema } })
    .summary('Revoke an API token (its owner or PUSDATIN)')
    .handle(async ({ actor, params }) => {
      await revokeApiToken(ctx, actor, params.id);
      return ok;
    });
}
