import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { testContext, type TestContext } from '../support/db.ts';
import { bearer, loginCookie, testApp, type TestApp } from '../support/http.ts';
import { createPersonas, type Persona, type PersonaName } from '../support/personas.ts';

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;

beforeAll(async () => {
  ctx = await testContext();
  p = await createPersonas(ctx);
  await seedDistrict(ctx, { kab: '3174', households: 60, seed: 7 });
  await seedDistrict(ctx, { kab: '3171', households: 20, seed: 8 });
  app = await testApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const list = (who: Persona, query = '') => app.inject({ method: 'GET', url: `/api/v1/households${query}`, headers: bearer(who) });
const get = (who: Persona, idbdt: string) => app.inject({ method: 'GET', url: `/api/v1/households/${idbdt}`, headers: bearer(who) });

async function anyHouseholdIn(kab: string) {
  return ctx.database.db
    .selectFrom('households')
    .select('idbdt')
    .where('kode_wilayah', 'like', `${kab}%`)
    .orderBy('idbdt')
    .executeTakeFirstOrThrow();
}

describe('View Data Kesos within region scope', () => {
  it('a district supervisor lists only its own district, paged on the server', async () => {
    const res = await list(p.supervisorJakSel, '?pageSize=25');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(60);
    expect(body.items).toHaveLength(25);
    expect(body.items.every((i: { kode_wilayah: string }) => i.kode_wilayah.startsWith('3174'))).toBe(true);
    const page3 = (await list(p.supervisorJakSel, '?pageSize=25&page=3')).json();
    expect(page3.items).toHaveLength(10);
  });

  it('finds a household by a member NIK, by No KK and by IDBDT', async () => {
    const m = await ctx.database.db
      .selectFrom('members')
      .select(['nik', 'no_kk', 'idbdt'])
      .where('idbdt', 'like', '3174%')
      .orderBy('idartbdt', 'desc')
      .executeTakeFirstOrThrow();
    for (const q of [m.nik, m.no_kk, m.idbdt]) {
      const body = (await list(p.supervisorJakSel, `?q=${q}`)).json();
      expect(body.items.map((i: { idbdt: string }) => i.idbdt)).toContain(m.idbdt);
    }
  });

  it('finds households by the start of a name, case-insensitively', async () => {
    const h = await ctx.database.db
      .selectFrom('households')
      .select(['idbdt', 'nama_krt'])
      .where('kode_wilayah', 'like', '3174%')
      .executeTakeFirstOrThrow();
    const body = (await list(p.supervisorJakSel, `?q=${encodeURIComponent(h.nama_krt!.slice(0, 4).toUpperCase())}`)).json();
    expect(body.items.map((i: { idbdt: string }) => i.idbdt)).toContain(h.idbdt);
  });

  it('a name search finds, for every scope, exactly the households whose head or any member the name starts, counted exactly on every page', async () => {
    const { db } = ctx.database;
    // The search's meaning, written plainly: a case-insensitive prefix of the head's or any member's name.
    const expected = async (prefix: string, region: string) =>
      (
        await sql<{ idbdt: string }>`select h.idbdt from households h
          where h.kode_wilayah like ${`${region}%`}
            and (lower(h.nama_krt) like ${`${prefix}%`} or exists (select 1 from members m where m.idbdt = h.idbdt and lower(m.nama) like ${`${prefix}%`}))
          order by h.kode_wilayah, h.idbdt`.execute(db)
      ).rows.map((r) => r.idbdt);
    // A prefix found in both districts, by members who do not head their household too.
    const { prefix } = (
      await sql<{ prefix: string }>`select lower(left(m.nama, 2)) as prefix from members m where m.hub_krt <> 1
        group by 1 having count(distinct left(m.idbdt, 4)) = 2 order by count(*) desc limit 1`.execute(db)
    ).rows[0]!;
    const cases: [Persona, string, string][] = [
      [p.supervisorJakSel, '', '3174'],
      [p.operatorDesa, '', '317401'],
      [p.pusdatin, '', ''],
      [p.pusdatin, '&provinsi=31', '31'],
      [p.pusdatin, '&kab=3171', '3171'],
      [p.supervisorOther, '', '3171'],
    ];
    const kecamatan = (await expected(prefix, '3171'))[0]!.slice(0, 6);
    cases.push([p.supervisorOther, `&kecamatan=${kecamatan}`, kecamatan]);
    for (const [who, filter, region] of cases) {
      const want = await expected(prefix, region);
      expect(want.length, `${who.username} ${filter}`).toBeGreaterThan(0);
      const first = (await list(who, `?q=${encodeURIComponent(prefix.toUpperCase())}${filter}&pageSize=5`)).json();
      expect(first, `${who.username} ${filter}`).toMatchObject({ total: want.length, totalApproximate: false });
      expect(first.items.map((i: { idbdt: string }) => i.idbdt)).toEqual(want.slice(0, 5));
      // Every row names a member whose name starts so, or none when only the head's name did.
      for (const i of first.items as { idbdt: string; matchedMember: { idartbdt: string; nama: string } | null }[])
        if (i.matchedMember) expect(i.matchedMember.nama.toLowerCase().startsWith(prefix)).toBe(true);
      const last = Math.ceil(want.length / 5);
      const lastPage = (await list(who, `?q=${prefix}${filter}&pageSize=5&page=${last}`)).json();
      expect(lastPage.total).toBe(want.length);
      expect(lastPage.items.map((i: { idbdt: string }) => i.idbdt)).toEqual(want.slice((last - 1) * 5));
      // Past the last page: no rows, the same total.
      expect((await list(who, `?q=${prefix}${filter}&pageSize=5&page=${last + 1}`)).json()).toMatchObject({
        items: [],
        total: want.length,
      });
    }
    // A member found by name is the one named, and the first by idartbdt among several.
    const member = (
      await sql<{ idbdt: string; idartbdt: string; nama: string }>`select distinct on (m.idbdt) m.idbdt, m.idartbdt, m.nama from members m
        where m.hub_krt <> 1 and m.idbdt like '3174%' and lower(m.nama) like ${`${prefix}%`} order by m.idbdt, m.idartbdt limit 1`.execute(
        db,
      )
    ).rows[0]!;
    const all = (await list(p.supervisorJakSel, `?q=${prefix}&pageSize=100`)).json();
    expect(all.items.find((i: { idbdt: string }) => i.idbdt === member.idbdt)?.matchedMember).toEqual({
      idartbdt: member.idartbdt,
      nama: member.nama,
    });
    expect((await list(p.supervisorJakSel, `?q=${prefix}zzzz`)).json()).toMatchObject({ items: [], total: 0, totalApproximate: false });
  });

  it('filters by kecamatan, desa, status and desil', async () => {
    const h = await ctx.database.db
      .selectFrom('households')
      .select(['kode_wilayah', 'persentil'])
      .where('kode_wilayah', 'like', '3174%')
      .executeTakeFirstOrThrow();
    const kec = h.kode_wilayah.slice(0, 6);
    const byKec = (await list(p.supervisorJakSel, `?kecamatan=${kec}&pageSize=100`)).json();
    expect(byKec.total).toBeGreaterThan(0);
    expect(byKec.items.every((i: { kode_wilayah: string }) => i.kode_wilayah.startsWith(kec))).toBe(true);
    const byDesa = (await list(p.supervisorJakSel, `?desa=${h.kode_wilayah}&pageSize=100`)).json();
    expect(byDesa.items.every((i: { kode_wilayah: string }) => i.kode_wilayah === h.kode_wilayah)).toBe(true);
    const desil = Math.ceil(h.persentil! / 10);
    const byDesil = (await list(p.supervisorJakSel, `?desil=${desil}&pageSize=100`)).json();
    expect(byDesil.total).toBeGreaterThan(0);
    expect(byDesil.items.every((i: { persentil: number }) => Math.ceil(i.persentil / 10) === desil)).toBe(true);
    expect((await list(p.supervisorJakSel, '?status=NONAKTIF')).json().total).toBe(0);
  });

  it('a household of another district answers 404 to a supervisor, and is visible to its own and to the province', async () => {
    const other = await anyHouseholdIn('3171');
    const res = await get(p.supervisorJakSel, other.idbdt);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect((await get(p.supervisorOther, other.idbdt)).statusCode).toBe(200);
    expect((await get(p.provinsi31, other.idbdt)).statusCode).toBe(200);
    expect((await get(p.pusdatin, other.idbdt)).statusCode).toBe(200);
    expect((await list(p.supervisorJakSel, `?q=${other.idbdt}`)).json().total).toBe(0);
  });

  it('the province sees both districts with NIK, No KK and names masked', async () => {
    expect((await list(p.provinsi31)).json().total).toBe(80);
    const own = await anyHouseholdIn('3174');
    const body = (await get(p.provinsi31, own.idbdt)).json();
    for (const m of body.members) {
      expect(m.nik).toMatch(/^\*{12}[0-9]{4}$/);
      expect(m.no_kk).toMatch(/^\*{12}[0-9]{4}$/);
      expect(m.nama).toMatch(/\*/);
    }
  });

  it('an operator sees only its kecamatan', async () => {
    const body = (await list(p.operatorDesa, '?pageSize=100')).json();
    expect(body.items.every((i: { kode_wilayah: string }) => i.kode_wilayah.startsWith('317401'))).toBe(true);
    const outside = await ctx.database.db
      .selectFrom('households')
      .select('idbdt')
      .where('kode_wilayah', 'like', '3174%')
      .where('kode_wilayah', 'not like', '317401%')
      .executeTakeFirst();
    if (outside) expect((await get(p.operatorDesa, outside.idbdt)).statusCode).toBe(404);
  });

  it('a household page has members with dictionary fields and an empty history for seeded data', async () => {
    const own = await anyHouseholdIn('3174');
    const res = await get(p.supervisorJakSel, own.idbdt);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.household.idbdt).toBe(own.idbdt);
    expect(body.household.version).toBe(1);
    expect(body.members.length).toBe(body.household.jumlah_art);
    expect(body.members.filter((m: { hub_krt: number }) => m.hub_krt === 1)).toHaveLength(1);
    expect(body.members.every((m: { idartbdt: string }) => m.idartbdt.startsWith(own.idbdt))).toBe(true);
    expect(body.history).toEqual([]);
  });

  it('without a session or token the API answers 401, with a cookie session it works', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/households' })).statusCode).toBe(401);
    const cookie = await loginCookie(app, p.supervisorJakSel);
    expect((await app.inject({ method: 'GET', url: '/api/v1/households', headers: cookie })).json().total).toBe(60);
  });

  it('rejects malformed filters with a 400 in Indonesian', async () => {
    const res = await list(p.supervisorJakSel, '?kecamatan=12ab');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION',
      message: 'Periksa kembali isian: Kecamatan.',
      details: [{ path: '/kecamatan', field: 'kecamatan', code: 'PATTERN' }],
    });
  });

  it('Beranda shows the region, the role and the real total of AKTIF households', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/v1/home', headers: bearer(p.supervisorJakSel) })).json();
    expect(body.region).toMatchObject({ code: '3174', level: 'kabkota' });
    expect(body.region.name).toMatch(/Jakarta Selatan/);
    expect(body.roleLabel.id).toBe('Supervisor Kabupaten/Kota');
    expect(body.totalHouseholds).toBe(60);
  });

  it('region lists stay inside the scope', async () => {
    const kec = (await app.inject({ method: 'GET', url: '/api/v1/regions?parent=3174', headers: bearer(p.supervisorJakSel) })).json();
    expect(kec.items).toHaveLength(10);
    expect((await app.inject({ method: 'GET', url: '/api/v1/regions?parent=3171', headers: bearer(p.supervisorJakSel) })).statusCode).toBe(
      404,
    );
    const prov = (await app.inject({ method: 'GET', url: '/api/v1/regions?parent=31', headers: bearer(p.supervisorJakSel) })).json();
    expect(prov.items.map((r: { code: string }) => r.code)).toEqual(['3174']);
  });
});
