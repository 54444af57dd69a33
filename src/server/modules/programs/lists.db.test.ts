import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, auditEntries, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 400, seed: 10 });
  await seedDistrict(c, { kab: '3171', households: 60, seed: 11 });
});

const get = (who: Persona, url: string) => app.inject({ method: 'GET', url, headers: bearer(who) });
const count = async (query: string) => Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(ctx.database.db)).rows[0]!.n);

describe('demo programme lists (issue 10)', () => {
  it('quotas are a quarter of the district, lists fill about 90 % from the lowest persentil, most households stay out', async () => {
    const aktif = await count(`select count(*) as n from households where kode_wilayah like '3174%' and status = 'AKTIF'`);
    const members = await count(
      `select count(*) as n from members m join households h on h.idbdt = m.idbdt where h.kode_wilayah like '3174%' and h.status = 'AKTIF'`,
    );
    const r = (await seedDemoLists(ctx, '3174', '2019-01-01'))!;
    expect(r.quotas).toEqual({ BPNT: Math.round(aktif * 0.25), PBI: Math.round(members * 0.25) });
    expect(r.kpm).toBe(Math.floor(r.quotas.BPNT * 0.9));
    expect(r.pbi).toBe(Math.floor(r.quotas.PBI * 0.9));
    expect(r.kpm).toBeGreaterThan(0);
    expect(r.kpm).toBeLessThan(aktif / 2);
    expect(r.pbi).toBeLessThan(members / 2);
    // Nobody outside the list is poorer than the richest KPM.
    const richestKpm = await count(
      `select max(h.persentil) as n from kpm_memberships k join households h on h.idbdt = k.idbdt where k.kab_kota = '3174'`,
    );
    const poorestOut = await count(
      `select min(h.persentil) as n from households h where h.kode_wilayah like '3174%' and h.status = 'AKTIF'
       and not exists (select 1 from kpm_memberships k where k.idbdt = h.idbdt)`,
    );
    expect(richestKpm).toBeLessThanOrEqual(poorestOut);
    // Each membership starts with a history entry; the pengurus is a member of the household.
    expect(await count(`select count(*) as n from kpm_history where kab_kota = '3174'`)).toBe(r.kpm);
    expect(await count(`select count(*) as n from pbi_history where kab_kota = '3174'`)).toBe(r.pbi);
    expect(await count(`select count(*) as n from kpm_memberships where id_pengurus is null or left(id_pengurus, 16) <> idbdt`)).toBe(0);
    expect(await auditEntries('DEMO_LISTS')).toHaveLength(1);
    // Once only, and the same registry gives the same lists.
    expect(await seedDemoLists(ctx, '3174', '2019-01-01')).toBeNull();
    expect((await seedDemoLists(ctx, '3171', '2019-01-01'))!.kpm).toBeGreaterThan(0);
  });

  it('the database refuses impossible memberships', async () => {
    const idbdt = (await sql<{ idbdt: string }>`select idbdt from kpm_memberships where kab_kota = '3174' limit 1`.execute(ctx.database.db))
      .rows[0]!.idbdt;
    await expect(
      sql`update kpm_memberships set status = 'NONAKTIF' where kab_kota = '3174' and idbdt = ${idbdt}`.execute(ctx.database.db),
    ).rejects.toThrow(/check/i);
    await expect(
      sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-02-01', reason = 7 where kab_kota = '3174' and idbdt = ${idbdt}`.execute(
        ctx.database.db,
      ),
    ).rejects.toThrow(/check/i);
    await expect(
      sql`update pbi_participants set no_kartu = '123456789012' where kab_kota = '3174' and no_kartu is not null`.execute(ctx.database.db),
    ).rejects.toThrow(/check/i);
  });
});

describe('GET /api/v1/kpm, /api/v1/pbi, /api/v1/quotas', () => {
  it('the supervisor pages its own list; another district sees none of it and gets 404 for 3174', async () => {
    const own = await get(p.supervisorJakSel, '/api/v1/kpm?pageSize=10');
    expect(own.statusCode, own.body).toBe(200);
    const body = own.json();
    expect(body.total).toBe(await count(`select count(*) as n from kpm_memberships where kab_kota = '3174'`));
    expect(body.items).toHaveLength(10);
    expect(body.items[0]).toMatchObject({ program: 'BPNT', status: 'AKTIF', since: '2019-01-01', until: null, reason: null });
    expect(body.items[0].no_kks).toMatch(/^6013[0-9]{12}$/);
    expect(body.items[0].nama_krt).not.toContain('*');
    const page2 = (await get(p.supervisorJakSel, '/api/v1/kpm?pageSize=10&page=2')).json();
    expect(page2.items).toHaveLength(10);
    expect(page2.items.map((i: { idbdt: string }) => i.idbdt)).not.toContain(body.items[0].idbdt);
    // Lowest persentil first.
    const ps = body.items.map((i: { persentil: number }) => i.persentil);
    expect(ps).toEqual([...ps].sort((a, b) => a - b));

    const other = await get(p.supervisorOther, '/api/v1/kpm?pageSize=100');
    expect(other.statusCode).toBe(200);
    expect(other.json().total).toBeGreaterThan(0);
    expect(other.json().items.every((i: { idbdt: string }) => i.idbdt.startsWith('3171'))).toBe(true);
    expect((await get(p.supervisorOther, '/api/v1/kpm?kecamatan=317401')).json().total).toBe(0);
    for (const url of ['/api/v1/kpm?kab=3174', '/api/v1/pbi?kab=3174', '/api/v1/quotas?kab=3174']) {
      const res = await get(p.supervisorOther, url);
      expect([url, res.statusCode, res.json().code]).toEqual([url, 404, 'NOT_FOUND']);
      expect((await get(p.operatorDesa, url)).statusCode).toBe(403);
    }
  });

  it('the province sees the lists masked', async () => {
    const kpm = await get(p.provinsi31, '/api/v1/kpm?kab=3174&pageSize=5');
    expect(kpm.statusCode).toBe(200);
    for (const i of kpm.json().items) {
      expect(i.no_kks).toMatch(/^\*{12}[0-9]{4}$/);
      expect(i.no_rekening).toMatch(/^\*+[0-9]{4}$/);
      expect(i.nama_krt).toMatch(/\*\*\*/);
      expect(i.nama_pengurus).toMatch(/\*\*\*/);
    }
    const pbi = await get(p.provinsi31, '/api/v1/pbi?kab=3174&pageSize=20');
    expect(pbi.statusCode).toBe(200);
    expect(pbi.json().items).toHaveLength(20);
    for (const i of pbi.json().items) {
      expect(i.nik).toMatch(/^\*{12}[0-9]{4}$/);
      expect(i.nama).toMatch(/\*\*\*/);
      if (i.no_kartu !== null) expect(i.no_kartu).toMatch(/^\*{9}[0-9]{4}$/);
    }
    const unmasked = (await get(p.supervisorJakSel, '/api/v1/pbi?pageSize=20')).json();
    expect(unmasked.items[0].nik).toMatch(/^[0-9]{16}$/);
    expect(unmasked.items.some((i: { no_kartu: string | null }) => i.no_kartu === null)).toBe(true);
  });

  it('used counts AKTIF members only; filters by status, desa and persentil', async () => {
    const quota = async () => (await get(p.supervisorJakSel, '/api/v1/quotas')).json();
    const before = await quota();
    expect(before.kab).toBe('3174');
    const bpnt = before.items.find((i: { program: string }) => i.program === 'BPNT');
    expect(bpnt.used).toBe(await count(`select count(*) as n from kpm_memberships where kab_kota = '3174'`));
    expect(before.items.find((i: { program: string }) => i.program === 'RASTRA')).toEqual({ program: 'RASTRA', quota: null, used: 0 });

    const first = (await get(p.supervisorJakSel, '/api/v1/kpm?pageSize=1')).json().items[0];
    await sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-03-01', reason = 1
              where kab_kota = '3174' and program = 'BPNT' and idbdt = ${first.idbdt}`.execute(ctx.database.db);
    await sql`update pbi_participants set status = 'NONAKTIF', until = '2019-03-01', reason = 2
              where kab_kota = '3174' and idartbdt = (select min(idartbdt) from pbi_participants where kab_kota = '3174')`.execute(
      ctx.database.db,
    );
    const after = await quota();
    expect(after.items.find((i: { program: string }) => i.program === 'BPNT').used).toBe(bpnt.used - 1);
    expect(after.items.find((i: { program: string }) => i.program === 'PBI').used).toBe(
      before.items.find((i: { program: string }) => i.program === 'PBI').used - 1,
    );
    const gone = (await get(p.supervisorJakSel, '/api/v1/kpm?status=NONAKTIF')).json();
    expect(gone.total).toBe(1);
    expect(gone.items[0]).toMatchObject({ idbdt: first.idbdt, status: 'NONAKTIF', until: '2019-03-01', reason: 1 });
    expect((await get(p.supervisorJakSel, '/api/v1/pbi?status=NONAKTIF')).json().total).toBe(1);
    // The AKTIF lists' totals (counted from the list alone when only the district filters) agree with used.
    expect((await get(p.supervisorJakSel, '/api/v1/kpm?status=AKTIF')).json().total).toBe(bpnt.used - 1);
    expect((await get(p.supervisorJakSel, '/api/v1/pbi?status=AKTIF')).json().total).toBe(
      after.items.find((i: { program: string }) => i.program === 'PBI').used,
    );

    const byDesa = (await get(p.supervisorJakSel, `/api/v1/kpm?desa=${first.kode_wilayah}&pageSize=100`)).json();
    expect(byDesa.total).toBeGreaterThan(0);
    expect(byDesa.items.every((i: { kode_wilayah: string }) => i.kode_wilayah === first.kode_wilayah)).toBe(true);
    const poor = (await get(p.supervisorJakSel, '/api/v1/kpm?persentilMax=5&pageSize=100')).json();
    expect(poor.items.every((i: { persentil: number }) => i.persentil <= 5)).toBe(true);
    expect(poor.total).toBeLessThan(bpnt.used);
    expect((await get(p.supervisorJakSel, '/api/v1/kpm?program=RASTRA')).json().total).toBe(0);
  });
});
