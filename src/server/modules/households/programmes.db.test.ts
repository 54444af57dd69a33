import { type RawBuilder, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ctx, get, p, setupTestBed } from '../../../../test/support/bed.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';

// View Data Kesos (F13) and the programme lists of issue 10: the household list filtered by
// programme, and the household page with its memberships.

let kpmHousehold: string;
let removed: string;
let rastra: string;
let pkhAccepted: string;
let pkhProposed: string;

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 200, seed: 71 });
  await seedDistrict(c, { kab: '3171', households: 20, seed: 72 });
  await seedDemoLists(c, '3174', '2019-01-01');
  const db = c.database.db;
  const one = async (query: RawBuilder<{ idbdt: string }>) => (await query.execute(db)).rows[0]!.idbdt;
  // A KPM whose household also has PBI participants.
  kpmHousehold = await one(sql`select k.idbdt from kpm_memberships k where exists
    (select 1 from pbi_participants b where left(b.idartbdt, 16) = k.idbdt) order by k.idbdt limit 1`);
  removed = await one(sql`select idbdt from kpm_memberships where idbdt <> ${kpmHousehold} order by idbdt desc limit 1`);
  await sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-05-01', reason = 4 where idbdt = ${removed}`.execute(db);
  const outside = sql`select h.idbdt from households h where h.kode_wilayah like '3174%'
    and not exists (select 1 from kpm_memberships k where k.idbdt = h.idbdt)
    and not exists (select 1 from pbi_participants b where left(b.idartbdt, 16) = h.idbdt) order by h.idbdt`;
  const others = (await sql<{ idbdt: string }>`${outside} limit 3`.execute(db)).rows.map((r) => r.idbdt);
  [rastra, pkhAccepted, pkhProposed] = others as [string, string, string];
  await sql`insert into kpm_memberships (kab_kota, program, idbdt, status, since) values ('3174', 'RASTRA', ${rastra}, 'AKTIF', '2019-02-01')`.execute(
    db,
  );
  await sql`insert into pkh_nominations (kab_kota, idbdt, components, status, decided_at) values ('3174', ${pkhAccepted}, '{}', 'DITERIMA', now())`.execute(
    db,
  );
  await sql`insert into pkh_nominations (kab_kota, idbdt, components) values ('3174', ${pkhProposed}, '{}')`.execute(db);
});

// Every household of a list filter (pages of 100).
async function idsOf(query: string, who = p.supervisorJakSel): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await get(who, `/api/v1/households?${query}&pageSize=100&page=${page}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    ids.push(...body.items.map((i: { idbdt: string }) => i.idbdt));
    if (ids.length >= body.total) return ids;
  }
}
const listed = async (query: RawBuilder<{ idbdt: string }>) => (await query.execute(ctx.database.db)).rows.map((r) => r.idbdt).sort();

describe('View Data Kesos by programme (issue 10, F13)', () => {
  it('filters the household list by programme: AKTIF KPM of BPNT or RASTRA, a member AKTIF in PBI, an accepted PKH nomination', async () => {
    const bpnt = await idsOf('program=BPNT');
    expect(bpnt.length).toBeGreaterThan(10);
    expect([...bpnt].sort()).toEqual(
      await listed(sql<{ idbdt: string }>`select idbdt from kpm_memberships where program = 'BPNT' and status = 'AKTIF' order by idbdt`),
    );
    expect(bpnt).toContain(kpmHousehold);
    expect(bpnt).not.toContain(removed);
    expect(await idsOf('program=RASTRA')).toEqual([rastra]);
    expect(await idsOf('program=PKH')).toEqual([pkhAccepted]);
    const pbi = await idsOf('program=PBI');
    expect([...pbi].sort()).toEqual(
      await listed(sql<{ idbdt: string }>`select distinct m.idbdt from pbi_participants b join members m on m.idartbdt = b.idartbdt
        where b.status = 'AKTIF' order by m.idbdt`),
    );
    // With the other filters; another district's supervisor finds none of 3174's; a bad value is refused.
    const desa = (
      await ctx.database.db.selectFrom('households').select('kode_wilayah').where('idbdt', '=', kpmHousehold).executeTakeFirstOrThrow()
    ).kode_wilayah;
    const inDesa = await idsOf(`program=BPNT&desa=${desa}`);
    expect(inDesa).toContain(kpmHousehold);
    expect(inDesa.every((id) => bpnt.includes(id))).toBe(true);
    expect(await idsOf('program=BPNT', p.supervisorOther)).toEqual([]);
    const bad = await get(p.supervisorJakSel, '/api/v1/households?program=KIP');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION']);
  });

  it('the household page shows its memberships: KPM with pengurus and KKS, PBI per member, PKH; masked for the province', async () => {
    const res = await get(p.supervisorJakSel, `/api/v1/households/${kpmHousehold}`);
    expect(res.statusCode).toBe(200);
    const { programs, members } = res.json();
    const head = members.find((m: { hub_krt: number }) => m.hub_krt === 1);
    expect(programs.kpm).toEqual([
      {
        program: 'BPNT',
        status: 'AKTIF',
        since: '2019-01-01',
        until: null,
        reason: null,
        id_pengurus: head.idartbdt,
        nama_pengurus: head.nama,
        no_kks: `6013${kpmHousehold.slice(-12)}`,
        no_rekening: `0${kpmHousehold.slice(-12)}`,
      },
    ]);
    const participants = await ctx.database.db
      .selectFrom('pbi_participants')
      .select(['idartbdt', 'no_kartu'])
      .where('idartbdt', 'like', `${kpmHousehold}%`)
      .orderBy('idartbdt')
      .execute();
    expect(programs.pbi.map((b: { idartbdt: string; no_kartu: string | null }) => [b.idartbdt, b.no_kartu])).toEqual(
      participants.map((b) => [b.idartbdt, b.no_kartu]),
    );
    expect(programs.pbi[0]).toMatchObject({ status: 'AKTIF', since: '2019-01-01', until: null, reason: null });
    expect(programs.pbi[0].nama).toBe(members.find((m: { idartbdt: string }) => m.idartbdt === programs.pbi[0].idartbdt).nama);
    expect(programs.pkh).toEqual([]);

    const masked = (await get(p.provinsi31, `/api/v1/households/${kpmHousehold}`)).json().programs;
    expect(masked.kpm[0].no_kks).toBe(`************${kpmHousehold.slice(-4)}`);
    expect(masked.kpm[0].no_rekening).toMatch(/^\*+[0-9]{4}$/);
    expect(masked.kpm[0].nama_pengurus).toMatch(/^([A-Z]\*\*\* ?)+$/);
    for (const b of masked.pbi) {
      expect(b.nama).toMatch(/\*\*\*/);
      if (b.no_kartu !== null) expect(b.no_kartu).toMatch(/^\*{9}[0-9]{4}$/);
    }
    expect(JSON.stringify(masked)).not.toContain(head.nama);

    // Ended memberships stay on the page with their reason; PKH nominations with their status.
    expect((await get(p.supervisorJakSel, `/api/v1/households/${removed}`)).json().programs.kpm[0]).toMatchObject({
      status: 'NONAKTIF',
      until: '2019-05-01',
      reason: 4,
    });
    expect((await get(p.supervisorJakSel, `/api/v1/households/${pkhProposed}`)).json().programs).toEqual({
      kpm: [],
      pbi: [],
      pkh: [{ status: 'DIUSULKAN', nominated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), decided_at: null }],
    });
    expect((await get(p.supervisorJakSel, `/api/v1/households/${pkhAccepted}`)).json().programs.pkh[0].status).toBe('DITERIMA');
  });
});
