import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/platform/audit.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { bearer, captchaFor, loginCookie, testApp, type TestApp } from '../support/http.ts';
import type { Persona } from '../support/personas.ts';
import { app, ctx, p, setupTestBed } from '../support/bed.ts';

// Issue 9, findings 5 (forwarded addresses), 6 (credentials that outlive a reset, a disable or a new
// role) and 8 (locks that told which User IDs exist and let anyone lock any account).

setupTestBed();

const asPusdatin = (method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: bearer(p.pusdatin) });

/** A login attempt from a client address, optionally naming another one in X-Forwarded-For. */
async function loginFrom(a: TestApp, username: string, password: string, from: { address: string; forwardedFor?: string }) {
  return a.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: from.address,
    headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
    payload: { username, password, captcha: await captchaFor(a) },
  });
}

/** A user created by PUSDATIN whose one-time password was already changed; its password. */
async function activeUser(username: string, regions = ['3175']): Promise<Persona> {
  const created = await asPusdatin('POST', '/api/v1/users', { username, name: `Pengguna ${username}`, role: 'SUPERVISOR', regions });
  expect(created.statusCode).toBe(201);
  const password = `${username}-Baru-2026!`;
  const headers = await loginCookie(app, { username, password: created.json().password });
  const changed = await app.inject({
    method: 'POST',
    url: '/api/v1/me/password',
    headers,
    payload: { currentPassword: created.json().password, newPassword: password },
  });
  expect(changed.statusCode).toBe(200);
  return { username, password } as Persona;
}

async function auditOf(subject: string) {
  return ctx.database.db.selectFrom('audit_log').select(['action', 'details']).where('subject', '=', subject).orderBy('id').execute();
}

describe('finding 5: forwarded addresses are believed only from trusted proxies', () => {
  it('finding 5: SIKS_TRUSTED_PROXIES is a list of addresses apart from SIKS_BEHIND_TLS, empty by default', () => {
    expect(loadConfig({ SIKS_BEHIND_TLS: '1' }).trustedProxies).toEqual([]);
    expect(loadConfig({ SIKS_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' }).trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ SIKS_TRUSTED_PROXIES: 'proxy.example' })).toThrow(/SIKS_TRUSTED_PROXIES/);
  });

  it('finding 5: behind TLS without trusted proxies, a changing X-Forwarded-For does not escape the per-address throttle', async () => {
    const tls = await testApp({ ...ctx, config: { ...ctx.config, behindTls: true, trustedProxies: [], addressMaxFailures: 3 } });
    try {
      for (let i = 1; i <= 3; i++) {
        const res = await loginFrom(tls, `nobody_${i}`, 'bukan-password-ini', { address: '10.5.0.1', forwardedFor: `198.51.100.${i}` });
        expect(res.statusCode).toBe(401);
      }
      const fourth = await loginFrom(tls, p.pfm.username, p.pfm.password, { address: '10.5.0.1', forwardedFor: '198.51.100.99' });
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().code).toBe('TOO_MANY_ATTEMPTS');
      const recorded = await ctx.database.db
        .selectFrom('login_attempts')
        .select('address')
        .where('username', 'like', 'nobody\\_%')
        .execute();
      expect(new Set(recorded.map((r) => r.address))).toEqual(new Set(['10.5.0.1']));
    } finally {
      await tls.close();
    }
  });

  it('finding 5: with 127.0.0.1 as trusted proxy, the forwarded client address is the throttled one', async () => {
    const proxied = await testApp({
      ...ctx,
      config: { ...ctx.config, behindTls: true, trustedProxies: ['127.0.0.1'], addressMaxFailures: 3 },
    });
    try {
      for (let i = 1; i <= 3; i++)
        expect(
          (await loginFrom(proxied, `ghost_${i}`, 'bukan-password-ini', { address: '127.0.0.1', forwardedFor: '203.0.113.7' })).statusCode,
        ).toBe(401);
      const same = await loginFrom(proxied, p.pfm.username, p.pfm.password, { address: '127.0.0.1', forwardedFor: '203.0.113.7' });
      expect(same.statusCode).toBe(429);
      // Another client behind the same proxy is not throttled by the first one's failures.
      const other = await loginFrom(proxied, p.pfm.username, p.pfm.password, { address: '127.0.0.1', forwardedFor: '203.0.113.8' });
      expect(other.statusCode).toBe(200);
      // A client that is not the proxy cannot name an address.
      const spoofed = await loginFrom(proxied, 'ghost_x', 'bukan-password-ini', { address: '10.6.0.1', forwardedFor: '203.0.113.9' });
      expect(spoofed.statusCode).toBe(401);
      const rows = await ctx.database.db
        .selectFrom('login_attempts')
        .select(['username', 'address'])
        .where('username', 'like', 'ghost\\_%')
        .execute();
      expect(rows.map((r) => r.address)).toEqual(['203.0.113.7', '203.0.113.7', '203.0.113.7', '10.6.0.1']);
    } finally {
      await proxied.close();
    }
  });
});

describe('finding 6: a reset, a disable or a new role ends sessions and API tokens', () => {
  async function credentialsOf(u: Persona) {
    const session = await loginCookie(app, u);
    const created = await asPusdatin('POST', '/api/v1/tokens', { username: u.username, name: 'skrip' });
    expect(created.statusCode).toBe(201);
    const token = { authorization: `Bearer ${created.json().token}` };
    for (const headers of [session, token]) expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(200);
    return { session, token };
  }
  const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/me', headers }).then((r) => r.statusCode);

  it('finding 6: a password reset revokes the API tokens and ends the sessions, logged', async () => {
    const u = await activeUser('3175_reset_tok');
    const { session, token } = await credentialsOf(u);
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/reset-password`)).statusCode).toBe(200);
    expect(await me(token)).toBe(401);
    expect(await me(session)).toBe(401);
    const log = await auditOf(u.username);
    expect(log.at(-1)).toMatchObject({ action: 'REVOKE_USER_CREDENTIALS', details: { sessions: 2, tokens: 1, because: 'RESET_PASSWORD' } });
    expect(log.at(-2)?.action).toBe('RESET_PASSWORD');
  });

  it('finding 6: a token of a disabled user stays revoked after the user is enabled again', async () => {
    const u = await activeUser('3175_disable_tok');
    const { session, token } = await credentialsOf(u);
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/disable`)).statusCode).toBe(200);
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/enable`)).statusCode).toBe(200);
    expect(await me(token)).toBe(401);
    expect(await me(session)).toBe(401);
    const tokens = (await asPusdatin('GET', `/api/v1/tokens?username=${u.username}`)).json().items;
    expect(tokens.every((t: { revoked_at: string | null }) => t.revoked_at !== null)).toBe(true);
    expect((await auditOf(u.username)).map((e) => e.action).slice(-3)).toEqual(['DISABLE_USER', 'REVOKE_USER_CREDENTIALS', 'ENABLE_USER']);
    // The user logs in again and works with a new token.
    expect(await me(await loginCookie(app, u))).toBe(200);
  });

  it('finding 6: a new role or scope revokes the API tokens and ends the sessions, logged', async () => {
    const u = await activeUser('3175_role_tok');
    let { session, token } = await credentialsOf(u);
    const scope = await asPusdatin('POST', `/api/v1/users/${u.username}/role`, { role: 'SUPERVISOR', regions: ['3173'] });
    expect(scope.statusCode).toBe(200);
    expect(await me(token)).toBe(401);
    expect(await me(session)).toBe(401);
    const afterScope = await app.inject({ method: 'GET', url: '/api/v1/me', headers: await loginCookie(app, u) });
    expect(afterScope.json().regions.map((r: { code: string }) => r.code)).toEqual(['3173']);

    ({ session, token } = await credentialsOf(u));
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/role`, { role: 'OPERATOR', regions: ['317301'] })).statusCode).toBe(200);
    expect(await me(token)).toBe(401);
    expect(await me(session)).toBe(401);
    const log = await auditOf(u.username);
    expect(log.filter((e) => e.action === 'SET_USER_ROLE')).toHaveLength(2);
    expect(log.at(-1)).toMatchObject({ action: 'REVOKE_USER_CREDENTIALS', details: { tokens: 1, because: 'SET_USER_ROLE' } });
    // A scope that does not fit the role is refused, and only PUSDATIN may change roles.
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/role`, { role: 'PROVINSI', regions: ['3173'] })).json().code).toBe(
      'SCOPE_MISMATCH',
    );
    const bySupervisor = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.username}/role`,
      headers: bearer(p.supervisorJakSel),
      payload: { role: 'PFM', regions: [] },
    });
    expect(bySupervisor.statusCode).toBe(403);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});

describe('finding 8: locks by (User ID, address); unknown User IDs answer alike', () => {
  const withoutLockTime = (body: Record<string, unknown>) => ({ ...body, details: undefined });

  it('finding 8: an unknown User ID gets the same status and body as an existing one, lock included', async () => {
    const u = await activeUser('3175_exists');
    for (let i = 1; i <= 6; i++) {
      const known = await loginFrom(app, u.username, `salah-${i}-password`, { address: '10.8.0.1' });
      const unknown = await loginFrom(app, '3175_absent', `salah-${i}-password`, { address: '10.8.0.1' });
      expect(unknown.statusCode).toBe(known.statusCode);
      expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
      expect(withoutLockTime(unknown.json())).toEqual(withoutLockTime(known.json()));
      expect(Object.keys(unknown.json().details ?? {})).toEqual(Object.keys(known.json().details ?? {}));
      expect(known.statusCode).toBe(i < 5 ? 401 : 423);
    }
  });

  it('finding 8: failures from one address lock that pair only; the real user gets in from another address', async () => {
    const u = await activeUser('3175_victim');
    for (let i = 1; i <= 5; i++) await loginFrom(app, u.username, `tebak-${i}-password`, { address: '10.8.1.1' });
    const attacker = await loginFrom(app, u.username, u.password, { address: '10.8.1.1' });
    expect(attacker.statusCode).toBe(423);
    expect(attacker.json().message).toMatch(/^Akun Anda dikunci sementara/);
    const real = await loginFrom(app, u.username, u.password, { address: '10.8.1.2' });
    expect(real.statusCode).toBe(200);
    expect((await auditOf(u.username)).find((e) => e.action === 'ACCOUNT_LOCKED')?.details).toMatchObject({
      scope: 'address',
      address: '10.8.1.1',
      failures: 5,
    });
  });

  it('finding 8: failures from many addresses lock the User ID everywhere, known or not, until PUSDATIN lifts it', async () => {
    const u = await activeUser('3175_botnet');
    const { addresses } = ctx.config.loginLock;
    for (const name of [u.username, '3175_botnot']) {
      for (let i = 1; i <= addresses; i++) {
        const res = await loginFrom(app, name, `acak-${i}-password`, { address: `10.9.${i}.1` });
        expect(res.statusCode).toBe(i < addresses ? 401 : 423);
      }
      const elsewhere = await loginFrom(app, name, name === u.username ? u.password : 'apa-saja-password', { address: '10.9.250.1' });
      expect(elsewhere.statusCode).toBe(423);
      expect(elsewhere.json().code).toBe('ACCOUNT_LOCKED');
    }
    expect((await auditOf(u.username)).find((e) => e.action === 'ACCOUNT_LOCKED')?.details).toMatchObject({
      scope: 'account',
      failures: addresses,
    });
    const listed = (await asPusdatin('GET', `/api/v1/users?q=${u.username}`)).json().items[0];
    expect(new Date(listed.lockedUntil).getTime()).toBeGreaterThan(Date.now());
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/unlock`)).statusCode).toBe(200);
    expect((await loginFrom(app, u.username, u.password, { address: '10.9.250.1' })).statusCode).toBe(200);
  });
});
