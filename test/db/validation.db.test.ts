// Request validation answers in the user's language, per field, naming each field by its label.
import { describe, expect, it } from 'vitest';
import { forgetActors } from '../../src/server/modules/access/actor-cache.ts';
import { app, ctx, p, setupTestBed } from '../support/bed.ts';
import { bearer } from '../support/http.ts';
import type { Persona } from '../support/personas.ts';

setupTestBed();

const createUser = (who: Persona, payload: object) => app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(who), payload });

async function inEnglish<T>(who: Persona, run: () => Promise<T>): Promise<T> {
  await ctx.database.db.updateTable('users').set({ language: 'en' }).where('username', '=', who.username).execute();
  forgetActors(ctx.database.db); // the actor cache does not see a direct write
  try {
    return await run();
  } finally {
    await ctx.database.db.updateTable('users').set({ language: 'id' }).where('username', '=', who.username).execute();
    forgetActors(ctx.database.db); // the actor cache does not see a direct write
  }
}

describe('request validation errors', () => {
  const bad = { name: '', role: 'KAPTEN', regions: ['3174', '1'] };

  it('answers 400 VALIDATION in Indonesian, one entry per field, and creates nothing', async () => {
    const before = await ctx.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await createUser(p.pusdatin, bad);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.message).toBe('Periksa kembali isian: Nama, Peran, Wilayah.');
    expect(body.details).toEqual([
      { path: '/name', field: 'name', code: 'REQUIRED', message: 'Nama wajib diisi.' },
      { path: '/role', field: 'role', code: 'CODE', message: expect.stringMatching(/^Peran harus salah satu dari: .*SUPERVISOR.*\.$/) },
      { path: '/regions/1', field: 'regions', code: 'PATTERN', message: 'Wilayah harus 2–10 digit angka.' },
    ]);
    const after = await ctx.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers in English to a user who chose English', async () => {
    const res = await inEnglish(p.pusdatin, () => createUser(p.pusdatin, { ...bad, name: 'x'.repeat(101) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('Please check: Name, Role, Regions.');
    expect(res.json().details).toEqual([
      { path: '/name', field: 'name', code: 'LENGTH', message: 'Name must be at most 100 characters.' },
      { path: '/role', field: 'role', code: 'CODE', message: expect.stringMatching(/^Role must be one of: .*SUPERVISOR.*\.$/) },
      { path: '/regions/1', field: 'regions', code: 'PATTERN', message: 'Regions must be 2 to 10 digits.' },
    ]);
  });

  it('names a BDT field by its dictionary label, in both languages', async () => {
    const get = () => app.inject({ method: 'GET', url: '/api/v1/households/12345', headers: bearer(p.supervisorJakSel) });
    const id = await get();
    expect(id.statusCode).toBe(400);
    expect(id.json()).toEqual({
      code: 'VALIDATION',
      message: 'Periksa kembali isian: ID BDT (rumah tangga).',
      details: [{ path: '/idbdt', field: 'idbdt', code: 'PATTERN', message: 'ID BDT (rumah tangga) harus 16 digit angka.' }],
    });
    const en = await inEnglish(p.supervisorJakSel, get);
    expect(en.json().details[0].message).toBe('ID BDT (rumah tangga) must be 16 digits.');
  });

  it('tells a wrong type from a missing value, and numbers out of range, in a query string and a body', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/households?desil=11&page=x', headers: bearer(p.supervisorJakSel) });
    expect(list.statusCode).toBe(400);
    expect(list.json().details).toEqual([
      { path: '/desil', field: 'desil', code: 'RANGE', message: 'Desil paling besar 10.' },
      { path: '/page', field: 'page', code: 'TYPE', message: 'Halaman harus berupa angka.' },
    ]);
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(p.supervisorJakSel), payload });
    expect((await patch({})).json().details).toEqual([
      { path: '/language', field: 'language', code: 'REQUIRED', message: 'Bahasa wajib diisi.' },
    ]);
    expect((await patch({ language: 'fr' })).json().details).toEqual([
      { path: '/language', field: 'language', code: 'CODE', message: 'Bahasa harus salah satu dari: id, en.' },
    ]);
    expect((await patch({ language: 7 })).json().details[0]).toMatchObject({ code: 'CODE' });
  });
});
