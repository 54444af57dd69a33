import type { AppContext } from '../../src/server/platform/context.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { Persona } from './personas.ts';
import { solvePayload } from './captcha.ts';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

/** The HTTP application in-process (fastify inject), without the built web app. */
export function testApp(ctx: AppContext): Promise<TestApp> {
  return buildApp(ctx, { webDist: '/nonexistent' });
}

/** Headers that authenticate as a persona through its API token. */
export function bearer(p: Persona): Record<string, string> {
  return { authorization: `Bearer ${p.token}` };
}

/** A solved captcha payload obtained through the API, as the login form's widget does. */
export async function captchaFor(app: TestApp): Promise<string> {
  const challenge = (await app.inject({ method: 'GET', url: '/api/v1/captcha' })).json();
  return solvePayload(challenge);
}

/** Logs in through the API (with a solved captcha) and returns the result. */
export async function loginRequest(app: TestApp, username: string, password: string, extra: { headers?: Record<string, string> } = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password, captcha: await captchaFor(app) },
    headers: extra.headers,
  });
}

/** Logs in through the API and returns the headers of that browser session: cookies and CSRF token. */
export async function loginCookie(app: TestApp, p: Pick<Persona, 'username' | 'password'>): Promise<Record<string, string>> {
  const res = await loginRequest(app, p.username, p.password);
  if (res.statusCode !== 200) throw new Error(`login failed for ${p.username}: ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'siks_session')!.value;
  const csrf = res.cookies.find((c) => c.name === 'siks_csrf')!.value;
  return { cookie: `siks_session=${session}; siks_csrf=${csrf}`, 'x-csrf-token': csrf };
}
