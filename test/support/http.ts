import type { AppContext } from '../../src/server/platform/context.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { Persona } from './personas.ts';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

/** The HTTP application in-process (fastify inject), without the built web app. */
export function testApp(ctx: AppContext): Promise<TestApp> {
  return buildApp(ctx, { webDist: '/nonexistent' });
}

/** Headers that authenticate as a persona through its API token. */
export function bearer(p: Persona): Record<string, string> {
  return { authorization: `Bearer ${p.token}` };
}

/** Logs in through the API and returns the session cookie header. */
export async function loginCookie(app: TestApp, p: Persona): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: p.username, password: p.password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${p.username}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'siks_session');
  return { cookie: `siks_session=${cookie!.value}` };
}
