import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/server/platform/audit.ts';
import { bearer, captchaFor, loginCookie, loginRequest, testApp } from '../support/http.ts';
import { app, ctx, p, setupTestBed } from '../support/bed.ts';

setupTestBed();

const asPusdatin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: bearer(p.pusdatin) });

async function newUser(username: string, role = 'SUPERVISOR', regions = ['3175']) {
  const res = await asPusdatin('POST', '/api/v1/users', { username, name: `Pengguna ${username}`, role, regions });
  expect(res.statusCode).toBe(201);
  return res.json() as { username: string; password: string };
}

async function auditActions(subject: string) {
  const rows = await ctx.database.db.selectFrom('audit_log').select('action').where('subject', '=', subject).orderBy('id').execute();
  return rows.map((r) => r.action);
}

describe('captcha (Saya bukan robot)', () => {
  it('a login without a solved captcha is refused with its message', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: p.pfm.username, password: p.pfm.password },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'CAPTCHA_REQUIRED',
      message: 'Centang "Saya bukan robot" terlebih dahulu.',
    });
  });

  it('a replayed captcha payload is refused, even with the right password', async () => {
    const captcha = await captchaFor(app);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: p.pfm.username, password: p.pfm.password, captcha },
    });
    expect(first.statusCode).toBe(200);
    const replay = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: p.pfm.username, password: p.pfm.password, captcha },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({
      code: 'CAPTCHA_REPLAYED',
      message: 'Verifikasi "Saya bukan robot" sudah pernah dipakai. Silakan ulangi.',
    });
  });

  it('a forged solution is refused', async () => {
    const captcha = JSON.parse(Buffer.from(await captchaFor(app), 'base64').toString());
    const key: string = captcha.solution.derivedKey;
    captcha.solution.derivedKey = (key[0] === '0' ? '1' : '0') + key.slice(1);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: {
        username: p.pfm.username,
        password: p.pfm.password,
        captcha: Buffer.from(JSON.stringify(captcha)).toString('base64'),
      },
    });
    expect(res.json().code).toBe('CAPTCHA_INVALID');
  });
});

describe('account lock after repeated failures', () => {
  it('after five wrong passwords in 15 minutes the right password is refused until the lock ends, and both are logged', async () => {
    const u = await newUser('3175_supervisor');
    // A first login to leave the one-time password behind.
    const cookie = await loginCookie(app, { username: u.username, password: u.password });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/me/password',
          headers: cookie,
          payload: { currentPassword: u.password, newPassword: 'Jaksel-Timur-2026' },
        })
      ).statusCode,
    ).toBe(200);

    for (let i = 1; i <= 4; i++) expect((await loginRequest(app, u.username, `salah-${i}-password`)).json().code).toBe('LOGIN_FAILED');
    const fifth = await loginRequest(app, u.username, 'salah-5-password');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await loginRequest(app, u.username, 'Jaksel-Timur-2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toMatch(
      /^Akun Anda dikunci sementara karena terlalu banyak percobaan login yang gagal\. Coba lagi dalam 1[45] menit\.$/,
    );
    expect(right.cookies.find((c) => c.name === 'siks_session')).toBeUndefined();

    // The lock ends (moved into the past rather than waiting 15 minutes).
    await sql`update login_locks set locked_until = now() - interval '1 second' where username = ${u.username}`.execute(ctx.database.db);
    expect((await loginRequest(app, u.username, 'Jaksel-Timur-2026')).statusCode).toBe(200);
    expect(await auditActions(u.username)).toEqual(expect.arrayContaining(['ACCOUNT_LOCKED', 'ACCOUNT_UNLOCKED']));
    // One failure after the lock ended does not lock again: the count restarted.
    expect((await loginRequest(app, u.username, 'salah-lagi-password')).json().code).toBe('LOGIN_FAILED');
    expect((await loginRequest(app, u.username, 'Jaksel-Timur-2026')).statusCode).toBe(200);
  });

  it('PUSDATIN can lift a lock early', async () => {
    const u = await newUser('3173_supervisor', 'SUPERVISOR', ['3173']);
    for (let i = 0; i < 5; i++) await loginRequest(app, u.username, `keliru-${i}-password`);
    expect((await loginRequest(app, u.username, u.password)).statusCode).toBe(423);
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/unlock`)).statusCode).toBe(200);
    expect((await loginRequest(app, u.username, u.password)).statusCode).toBe(200);
  });

  it('many failures from one address are throttled whatever the account', async () => {
    const strict = await testApp({ ...ctx, config: { ...ctx.config, addressMaxFailures: 3 } });
    const at = (username: string) =>
      strict
        .inject({
          method: 'POST',
          url: '/api/v1/session',
          remoteAddress: '10.9.8.7',
          payload: { username, password: 'bukan-password-ini' },
        })
        .then(async (r) => r);
    for (const name of ['a_user', 'b_user', 'c_user']) {
      const captcha = await captchaFor(strict);
      await strict.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: '10.9.8.7',
        payload: { username: name, password: 'bukan-password-ini', captcha },
      });
    }
    const res = await at(p.pfm.username);
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toBe('Terlalu banyak percobaan login yang gagal dari alamat ini. Coba lagi nanti.');
    await strict.close();
  });
});

describe('users (C1)', () => {
  it('PUSDATIN creates a district supervisor named <kode kab>_supervisor by default; a supervisor may not', async () => {
    const res = await asPusdatin('POST', '/api/v1/users', {
      name: 'Supervisor Bogor',
      role: 'SUPERVISOR',
      regions: ['3201'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().username).toBe('3201_supervisor');
    const list = (await asPusdatin('GET', '/api/v1/users?q=3201')).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        username: '3201_supervisor',
        role: 'SUPERVISOR',
        regions: ['3201'],
        mustChangePassword: true,
      }),
    ]);
    const bySupervisor = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(p.supervisorJakSel),
      payload: { name: 'x', role: 'PFM', regions: [] },
    });
    expect(bySupervisor.statusCode).toBe(403);
  });

  it('refuses a scope that does not fit the role, and unknown regions', async () => {
    expect(
      (
        await asPusdatin('POST', '/api/v1/users', {
          username: 'prov_x',
          name: 'x',
          role: 'PROVINSI',
          regions: ['3174'],
        })
      ).json().code,
    ).toBe('SCOPE_MISMATCH');
    expect(
      (
        await asPusdatin('POST', '/api/v1/users', {
          username: 'op_x',
          name: 'x',
          role: 'OPERATOR',
          regions: ['999999'],
        })
      ).json().code,
    ).toBe('UNKNOWN_REGION');
  });

  it('a reset password works once and forces a change before anything else', async () => {
    const u = await newUser('3172_supervisor', 'SUPERVISOR', ['3172']);
    const { password: oneTime } = (await asPusdatin('POST', `/api/v1/users/${u.username}/reset-password`)).json();
    expect(oneTime).not.toBe(u.password);
    expect((await loginRequest(app, u.username, u.password)).json().code).toBe('LOGIN_FAILED');
    const cookie = await loginCookie(app, { username: u.username, password: oneTime });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: cookie })).json().mustChangePassword).toBe(true);
    const blocked = await app.inject({ method: 'GET', url: '/api/v1/households', headers: cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: cookie,
      payload: { currentPassword: oneTime, newPassword: 'password123' },
    });
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const same = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: cookie,
      payload: { currentPassword: oneTime, newPassword: u.username },
    });
    expect(same.json().code).toBe('WEAK_PASSWORD');
    const common = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: cookie,
      payload: { currentPassword: oneTime, newPassword: '1234567890' },
    });
    expect(common.json().code).toBe('WEAK_PASSWORD');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/me/password',
          headers: cookie,
          payload: { currentPassword: oneTime, newPassword: 'Kota-Jakut-2026!' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/households', headers: cookie })).statusCode).toBe(200);
    expect((await loginRequest(app, u.username, oneTime)).json().code).toBe('LOGIN_FAILED');
    expect(await auditActions(u.username)).toEqual(expect.arrayContaining(['CREATE_USER', 'RESET_PASSWORD', 'CHANGE_OWN_PASSWORD']));
  });

  it('an old session of a disabled user stops working at its next request', async () => {
    const u = await newUser('3171_operator', 'OPERATOR', ['317101']);
    const cookie = await loginCookie(app, { username: u.username, password: u.password });
    await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: cookie,
      payload: { currentPassword: u.password, newPassword: 'Operator-Gambir-1' },
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: cookie })).statusCode).toBe(200);
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/disable`)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: cookie })).statusCode).toBe(401);
    const again = await loginRequest(app, u.username, 'Operator-Gambir-1');
    expect(again.json().code).toBe('ACCOUNT_DISABLED');
    expect((await asPusdatin('POST', `/api/v1/users/${u.username}/enable`)).statusCode).toBe(200);
    expect((await loginRequest(app, u.username, 'Operator-Gambir-1')).statusCode).toBe(200);
  });
});

describe('CSRF and language', () => {
  it('a cookie session must echo its CSRF token on every change', async () => {
    const headers = await loginCookie(app, p.supervisorJakSel);
    const { 'x-csrf-token': _omit, ...withoutToken } = headers;
    const refused = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: withoutToken,
      payload: { language: 'en' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CSRF');
    const forged = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...withoutToken, 'x-csrf-token': 'AAAA' },
      payload: { language: 'en' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { language: 'id' } })).statusCode).toBe(200);
  });

  it('the language is kept per user and errors follow it', async () => {
    const headers = bearer(p.supervisorOther);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { language: 'en' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers })).json().language).toBe('en');
    expect((await app.inject({ method: 'GET', url: '/api/v1/households/3174011001999999', headers })).json().message).toBe('Not found.');
    await app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { language: 'id' } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/households/3174011001999999', headers })).json().message).toBe(
      'Data tidak ditemukan.',
    );
  });
});

describe('API tokens', () => {
  it('are created, listed without their secret, used, and revoked by their owner', async () => {
    const headers = bearer(p.operatorDesa);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'skrip rekap' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).json().username).toBe(
      '3174_operator',
    );
    const list = (await app.inject({ method: 'GET', url: '/api/v1/tokens', headers })).json();
    const item = list.items.find((t: { id: number }) => t.id === id);
    expect(item).toMatchObject({ name: 'skrip rekap', revoked_at: null });
    expect(item.last_used_at).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(token);
    // Another user cannot see or revoke it; PUSDATIN can.
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: bearer(p.supervisorJakSel) })).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/tokens?username=3174_operator',
          headers: bearer(p.supervisorJakSel),
        })
      ).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    // The list keeps the revoked token with the moment it was revoked (the "Dicabut" column).
    const after = (await app.inject({ method: 'GET', url: '/api/v1/tokens', headers })).json();
    const revoked = after.items.find((t: { id: number }) => t.id === id);
    expect(revoked.revoked_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.parse(revoked.revoked_at)).toBeGreaterThanOrEqual(Date.parse(revoked.created_at));
    const stored = await ctx.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
  });
});

describe('Logs History (F15)', () => {
  it('a supervisor reads its district entries only, newest first; PUSDATIN reads all; search works', async () => {
    await loginCookie(app, p.supervisorJakSel);
    await loginCookie(app, p.supervisorOther);
    const own = (await app.inject({ method: 'GET', url: '/api/v1/audit?pageSize=100', headers: bearer(p.supervisorJakSel) })).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((i: { actor: string }) => i.actor !== '3171_supervisor')).toBe(true);
    const ids = own.items.map((i: { id: number }) => i.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(own.items[0].text).toBe('Login ke sistem');
    const all = (await app.inject({ method: 'GET', url: '/api/v1/audit?pageSize=100', headers: bearer(p.pusdatin) })).json();
    expect(all.total).toBeGreaterThan(own.total);
    const search = (await app.inject({ method: 'GET', url: '/api/v1/audit?q=token%20api', headers: bearer(p.pusdatin) })).json();
    expect(search.items.length).toBeGreaterThan(0);
    expect(search.items.every((i: { text: string }) => /token API/i.test(i.text))).toBe(true);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});
