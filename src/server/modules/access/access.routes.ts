import { z } from 'zod';
import { ROLE_LABELS, ROLES } from '../../../shared/roles.ts';
import { actorOf, SESSION_COOKIE } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { describeScope } from '../regions/index.ts';
import { login, logout } from './access.service.ts';
import type { Actor } from '../../platform/scope.ts';

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

/** Routes of the access module: login, logout, the current user. */
export function accessRoutes(app: FastifyZod, ctx: AppContext) {
  app.post(
    '/api/v1/session',
    {
      schema: {
        operationId: 'login',
        summary: 'Log in with User ID and password; sets the session cookie',
        tags: ['access'],
        security: [],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: MeSchema }) },
      },
    },
    async (req, reply) => {
      const { token, actor } = await login(ctx, req.body);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.config.behindTls });
      return { user: await presentMe(ctx, actor) };
    },
  );

  app.delete(
    '/api/v1/session',
    { schema: { operationId: 'logout', summary: 'Log out: ends the session', tags: ['access'], response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.sessionToken) await logout(ctx, actor, req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { operationId: 'getMe', summary: 'The logged-in user, role and region scope', tags: ['access'], response: { 200: MeSchema } } },
    async (req) => presentMe(ctx, actorOf(req)),
  );
}
