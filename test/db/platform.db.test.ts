import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/server/platform/audit.ts';
import { migrate } from '../../src/server/platform/migrate.ts';
import { countRegionsByLevel } from '../../src/server/modules/regions/index.ts';
import { bearer, loginRequest } from '../support/http.ts';
import { app, ctx, p, setupTestBed } from '../support/bed.ts';

setupTestBed();

describe('platform', () => {
  it('holds every Kemendagri region', async () => {
    expect(await countRegionsByLevel(ctx.database.db)).toEqual({
      provinsi: 38,
      kabkota: 514,
      kecamatan: 7285,
      desa: 83762,
    });
  });

  it('migrations are recorded and applying them again changes nothing', async () => {
    expect(await migrate(ctx.database)).toEqual([]);
  });

  it('the database refuses impossible values (CHECK constraints)', async () => {
    await expect(
      sql`insert into regions (code, name, level, parent_code) values ('99', 'x', 'desa', null)`.execute(ctx.database.db),
    ).rejects.toThrow();
  });

  it('a failed transaction leaves nothing behind', async () => {
    await expect(
      ctx.database.transaction(async (tx) => {
        await tx.insertInto('regions').values({ code: '99', name: 'Uji', level: 'provinsi', parent_code: null }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await ctx.database.db.selectFrom('regions').select('code').where('code', '=', '99').executeTakeFirst()).toBeUndefined();
  });

  it('health names the database', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: ctx.database.kind });
  });

  it('OpenAPI documents every route with an operation id', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((m) =>
      Object.values(m).map((o) => o.operationId),
    );
    expect(ops).toEqual(
      expect.arrayContaining(['listHouseholds', 'getHousehold', 'login', 'logout', 'getMe', 'getHome', 'listRegions', 'getHealth']),
    );
    expect(ops.every(Boolean)).toBe(true);
  });
});

describe('login, sessions and the log', () => {
  it('a wrong password gets the Indonesian message and no session', async () => {
    const res = await loginRequest(app, p.supervisorJakSel.username, 'salah-sekali-123');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'LOGIN_FAILED', message: 'User ID atau password salah.' });
    expect(res.cookies).toHaveLength(0);
  });

  it('an unknown user gets the same message as a wrong password', async () => {
    const res = await loginRequest(app, 'tidak_ada', 'apa-saja-12345');
    expect(res.json()).toMatchObject({ code: 'LOGIN_FAILED', message: 'User ID atau password salah.' });
  });

  it('login sets an http-only SameSite cookie; logout ends the session', async () => {
    const res = await loginRequest(app, p.supervisorJakSel.username, p.supervisorJakSel.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      username: '3174_supervisor',
      role: 'SUPERVISOR',
      regions: [{ code: '3174' }],
    });
    const c = res.cookies.find((x) => x.name === 'siks_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const csrf = res.cookies.find((x) => x.name === 'siks_csrf')!.value;
    const cookie = { cookie: `siks_session=${c.value}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: cookie })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { ...cookie, 'x-csrf-token': csrf } })).statusCode).toBe(
      204,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: cookie })).statusCode).toBe(401);
  });

  it('a revoked or unknown token is refused', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer siks_nope' } });
    expect(res.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(p.pfm) })).json().role).toBe('PFM');
  });

  it('logins are logged in the hash chain; altering an entry is detected and named', async () => {
    const entries = await ctx.database.db.selectFrom('audit_log').select(['id', 'action']).where('action', '=', 'LOGIN').execute();
    expect(entries.length).toBeGreaterThan(0);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
    const victim = entries[0]!.id;
    await sql`update audit_log set text_id = 'Login ke sistem!' where id = ${victim}`.execute(ctx.database.db);
    const r = await verifyAuditChain(ctx.database.db);
    expect(r).toMatchObject({ ok: false, firstBad: { id: victim, problem: 'altered' } });
    await sql`update audit_log set text_id = 'Login ke sistem' where id = ${victim}`.execute(ctx.database.db);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});
