import { z } from 'zod';
import { ROLE_LABELS, ROLES } from '../../../shared/roles.ts';
import { actorOf, CSRF_COOKIE, SESSION_COOKIE } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/scope.ts';
import { describeScope } from '../regions/index.ts';
import { changeOwnPassword, csrfTokenFor, login, logout, setMyLanguage } from './access.service.ts';
import { createCaptchaChallenge } from './captcha.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.service.ts';
import { createUser, listUsers, setPassword, setUserStatus, unlockUser } from './users.service.ts';

const Label = z.object({ id: z.string(), en: z.string() });
export const MeSchema = z.object({
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  roleLabel: Label,
  regions: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  language: z.enum(['id', 'en']),
  mustChangePassword: z.boolean(),
});

async function presentMe(ctx: AppContext, actor: Actor): Promise<z.infer<typeof MeSchema>> {
  const regions = await describeScope(ctx, actor);
  return {
    username: actor.username,
    name: actor.name,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    regions: regions.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    language: actor.language,
    mustChangePassword: actor.mustChangePassword,
  };
}

const Username = z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/);
const Ok = z.object({ ok: z.literal(true) });
const UserItem = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  status: z.enum(['ACTIVE', 'DISABLED']),
  mustChangePassword: z.boolean(),
  lockedUntil: z.date().nullable(),
  createdAt: z.date(),
  regions: z.array(z.string()),
});
const TokenItem = z.object({
  id: z.number(),
  name: z.string(),
  created_at: z.date(),
  last_used_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
});

/** Routes of the access module: captcha, login, logout, the current user, users (C1), tokens. */
export function accessRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/captcha',
    {
      schema: {
        operationId: 'getCaptchaChallenge',
        summary: 'A proof-of-work challenge for the login form ("Saya bukan robot")',
        tags: ['access'],
        security: [],
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return (await createCaptchaChallenge(ctx)) as unknown as Record<string, unknown>;
    },
  );

  app.post(
    '/api/v1/session',
    {
      schema: {
        operationId: 'login',
        summary: 'Log in with User ID, password and a solved captcha; sets the session and CSRF cookies',
        tags: ['access'],
        security: [],
        body: z.object({
          username: z.string().min(1).max(64),
          password: z.string().min(1).max(200),
          captcha: z.string().max(20_000).optional(),
        }),
        response: { 200: z.object({ user: MeSchema }) },
      },
    },
    async (req, reply) => {
      const { token, actor } = await login(ctx, { ...req.body, address: req.ip });
      const cookie = { path: '/', sameSite: 'strict' as const, secure: ctx.config.behindTls };
      reply.setCookie(SESSION_COOKIE, token, { ...cookie, httpOnly: true });
      // Readable by the page's script, which echoes it in X-CSRF-Token on every change.
      reply.setCookie(CSRF_COOKIE, csrfTokenFor(token), { ...cookie, httpOnly: false });
      return { user: await presentMe(ctx, actor) };
    },
  );

  app.delete(
    '/api/v1/session',
    {
      schema: {
        operationId: 'logout',
        summary: 'Log out: ends the session',
        tags: ['access'],
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.sessionToken) await logout(ctx, actor, req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        operationId: 'getMe',
        summary: 'The logged-in user, role and region scope',
        tags: ['access'],
        response: { 200: MeSchema },
      },
    },
    async (req) => presentMe(ctx, actorOf(req)),
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        operationId: 'updateMe',
        summary: 'Keep the language of the user (Bahasa Indonesia or English)',
        tags: ['access'],
        body: z.object({ language: z.enum(['id', 'en']) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await setMyLanguage(ctx, actorOf(req), req.body.language);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        operationId: 'changeOwnPassword',
        summary: 'Change the own password (required after a reset); ends the other sessions',
        tags: ['access'],
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await changeOwnPassword(ctx, actorOf(req), { ...req.body, sessionToken: req.sessionToken });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        summary: 'Users with their role and scope (PUSDATIN)',
        tags: ['users'],
        querystring: z.object({
          q: z.string().max(64).optional(),
          role: z.enum(ROLES).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: {
          200: z.object({ items: z.array(UserItem), total: z.number(), page: z.number(), pageSize: z.number() }),
        },
      },
    },
    async (req) => {
      const r = await listUsers(ctx, actorOf(req), req.query);
      return {
        ...r,
        items: r.items.map((u) => ({
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
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        operationId: 'createUser',
        summary: 'Create a user with role and scope (PUSDATIN); answers a one-time password',
        tags: ['users'],
        body: z.object({
          username: Username.optional(),
          name: z.string().min(1).max(100),
          role: z.enum(ROLES),
          regions: z.array(z.string().regex(/^[0-9]{2,10}$/)).max(500),
        }),
        response: { 201: z.object({ username: z.string(), password: z.string() }) },
      },
    },
    async (req, reply) => {
      const r = await createUser(ctx, actorOf(req), req.body);
      return reply.code(201).send({ username: r.username, password: r.password });
    },
  );

  const userAction = (
    url: string,
    operationId: string,
    summary: string,
    run: (actor: Actor, username: string) => Promise<unknown>,
    response = Ok,
  ) =>
    app.post(
      url,
      {
        schema: {
          operationId,
          summary,
          tags: ['users'],
          params: z.object({ username: Username }),
          response: { 200: response },
        },
      },
      async (req) => (await run(actorOf(req), req.params.username)) as z.infer<typeof response>,
    );
  userAction('/api/v1/users/:username/disable', 'disableUser', 'Disable a user; its sessions end (PUSDATIN)', async (a, u) => {
    await setUserStatus(ctx, a, u, 'DISABLED');
    return { ok: true };
  });
  userAction('/api/v1/users/:username/enable', 'enableUser', 'Re-enable a user (PUSDATIN)', async (a, u) => {
    await setUserStatus(ctx, a, u, 'ACTIVE');
    return { ok: true };
  });
  userAction('/api/v1/users/:username/unlock', 'unlockUser', 'Lift an account lock (PUSDATIN)', async (a, u) => {
    await unlockUser(ctx, a, u);
    return { ok: true };
  });
  app.post(
    '/api/v1/users/:username/reset-password',
    {
      schema: {
        operationId: 'resetPassword',
        summary: 'Reset a password to a one-time password that must be changed at the next login (PUSDATIN)',
        tags: ['users'],
        params: z.object({ username: Username }),
        response: { 200: z.object({ password: z.string() }) },
      },
    },
    async (req) => ({ password: await setPassword(ctx, actorOf(req), req.params.username) }),
  );

  app.get(
    '/api/v1/tokens',
    {
      schema: {
        operationId: 'listApiTokens',
        summary: 'API tokens of the user (PUSDATIN may name another user)',
        tags: ['tokens'],
        querystring: z.object({ username: Username.optional() }),
        response: { 200: z.object({ items: z.array(TokenItem) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { items: await listApiTokens(ctx, actor, req.query.username ?? actor.username) };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        summary: 'Create an API token for the user (shown once)',
        tags: ['tokens'],
        body: z.object({ name: z.string().min(1).max(100), username: Username.optional() }),
        response: { 201: z.object({ id: z.number(), token: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await createApiToken(ctx, actor, req.body.username ?? actor.username, req.body.name));
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        operationId: 'revokeApiToken',
        summary: 'Revoke an API token (its owner or PUSDATIN)',
        tags: ['tokens'],
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await revokeApiToken(ctx, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
