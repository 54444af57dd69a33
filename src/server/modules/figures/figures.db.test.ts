import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { auditEntries, ctx, get, householdsOf, p, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { insertImport, insertProposals } from '../../../../test/support/finalisations.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import { areaFigures } from '../gis/index.ts';
import { openPeriod } from '../periods/index.ts';
import { handOverRows } from '../relocations/index.ts';
import { refreshDistrictFigures } from './figures.queries.ts';

// The maintained district figures (migration 0031) against the live GROUP BY over the registry and
// the lists, after the kinds of change districts make: new households and members, a status, a
// persentil, a member leaving, a hand-over to a district of another province, list changes.

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3174', households: 60, seed: 81, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3171', households: 25, seed: 82, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3201', households: 30, seed: 83, mistakeRate: 0 });
  await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  for (const kab of ['3174', '3171', '3201']) await seedDemoLists(ctx, kab, '2019-01-01');
});

/** The figures per desa counted live, written independently of the refresh (correlated counts per household; the lists of the household's district). */
async function liveFigures() {
  const { rows } = await sql<Record<string, number | string>>`
    select left(h.kode_wilayah, 4) as kab_kota, h.kode_wilayah,
      count(*) filter (where h.status = 'AKTIF')::int as households,
      coalesce(sum((select count(*) from members m where m.idbdt = h.idbdt and m.sta_keberadaan_art in (1, 4))) filter (where h.status = 'AKTIF'), 0)::int as members,
      coalesce(sum(ceil(h.persentil / 10.0)) filter (where h.status = 'AKTIF' and h.persentil between 1 and 100), 0)::int as desil_sum,
      count(*) filter (where h.status = 'AKTIF' and h.persentil between 1 and 100)::int as desil_n,
      count(*) filter (where h.status = 'AKTIF' and h.persentil between 1 and 40)::int as low_desil,
      coalesce(sum((select count(*) from kpm_memberships k where k.kab_kota = left(h.kode_wilayah, 4) and k.idbdt = h.idbdt and k.status = 'AKTIF' and k.program = 'BPNT')), 0)::int as kpm_bpnt,
      coalesce(sum((select count(*) from kpm_memberships k where k.kab_kota = left(h.kode_wilayah, 4) and k.idbdt = h.idbdt and k.status = 'AKTIF' and k.program = 'RASTRA')), 0)::int as kpm_rastra,
      coalesce(sum((select count(*) from pbi_participants b where b.kab_kota = left(h.kode_wilayah, 4) and left(b.idartbdt, 16) = h.idbdt and b.status = 'AKTIF')), 0)::int as pbi,
      coalesce(sum((select count(*) from kpm_memberships k where k.kab_kota = left(h.kode_wilayah, 4) and k.idbdt = h.idbdt and k.status = 'AKTIF' and k.program = 'BPNT')) filter (where h.status = 'AKTIF'), 0)::int as aktif_kpm_bpnt,
      coalesce(sum((select count(*) from pbi_participants b where b.kab_kota = left(h.kode_wilayah, 4) and left(b.idartbdt, 16) = h.idbdt and b.status = 'AKTIF')) filter (where h.status = 'AKTIF'), 0)::int as aktif_pbi
    from households h
    group by 1, 2
    order by 1, 2`.execute(ctx.database.db);
  return rows;
}

async function maintained() {
  await refreshDistrictFigures(ctx.database);
  const { rows } = await sql<Record<string, number | string>>`
    select kab_kota, kode_wilayah, households, members, desil_sum, desil_n, low_desil, kpm_bpnt, kpm_rastra, pbi, aktif_kpm_bpnt, aktif_pbi
    from district_figures order by 1, 2`.execute(ctx.database.db);
  return rows;
}

const staleDistricts = async () =>
  (await sql<{ kab: string }>`select distinct kab_kota as kab from district_figures_stale order by 1`.execute(ctx.database.db)).rows.map(
    (r) => r.kab,
  );

describe('district figures', () => {
  it('equal the live GROUP BY once computed, and leave no mark behind', async () => {
    expect(await staleDistricts()).toEqual(['3171', '3174', '3201']);
    const live = await liveFigures();
    expect(live.length).toBeGreaterThan(3);
    expect(await maintained()).toEqual(live);
    expect(await staleDistricts()).toEqual([]);
    // Nothing written since: the next read recomputes nothing.
    expect(await refreshDistrictFigures(ctx.database)).toEqual([]);
  });

  it('a change marks only its own district, and the next read recomputes that district alone', async () => {
    const db = ctx.database.db;
    const [first] = await householdsOf('3171');
    await sql`update households set persentil = 7 where idbdt = ${first!.idbdt}`.execute(db);
    expect(await staleDistricts()).toEqual(['3171']);
    expect(await refreshDistrictFigures(ctx.database)).toEqual(['3171']);
    expect(await maintained()).toEqual(await liveFigures());
  });

  it("a district's read recomputes that district only; another district's mark waits for its own read", async () => {
    const db = ctx.database.db;
    const [a] = await householdsOf('3171');
    const [b] = await householdsOf('3201');
    await sql`update households set persentil = 8 where idbdt = ${a!.idbdt}`.execute(db);
    await sql`update households set persentil = 9 where idbdt = ${b!.idbdt}`.execute(db);
    expect(await staleDistricts()).toEqual(['3171', '3201']);
    expect(await refreshDistrictFigures(ctx.database, '3201')).toEqual(['3201']);
    expect(await staleDistricts()).toEqual(['3171']);
    // A province's read covers its districts only (3171 is in province 31).
    expect(await refreshDistrictFigures(ctx.database, '32')).toEqual([]);
    expect(await refreshDistrictFigures(ctx.database, '31')).toEqual(['3171']);
    expect(await maintained()).toEqual(await liveFigures());
  });

  it('stay equal after the changes districts make', async () => {
    const db = ctx.database.db;
    const hs = await householdsOf('3174');
    // A household becomes NONAKTIF; another one's persentil changes; a member leaves (sta_keberadaan_art 2).
    await sql`update households set status = 'NONAKTIF' where idbdt = ${hs[0]!.idbdt}`.execute(db);
    await sql`update households set persentil = 95 where idbdt = ${hs[1]!.idbdt}`.execute(db);
    await sql`update members set sta_keberadaan_art = 2 where idartbdt = (select min(idartbdt) from members where idbdt = ${hs[2]!.idbdt})`.execute(
      db,
    );
    // A household handed over to a desa of another province (it keeps its IDBDT); its list entries end.
    const [target] = await regionCodes('3201', 'desa');
    await sql`update kpm_memberships set status = 'NONAKTIF', until = since where idbdt = ${hs[3]!.idbdt}`.execute(db);
    await sql`update pbi_participants set status = 'NONAKTIF', until = since where left(idartbdt, 16) = ${hs[3]!.idbdt}`.execute(db);
    await db.transaction().execute((tx) => handOverRows(tx, hs[3]!.idbdt, '3174', target!));
    expect(await staleDistricts()).toEqual(['3174', '3201']);
    expect(await maintained()).toEqual(await liveFigures());
    // A member of the handed-over household changes: the district it lives in now is marked, not its IDBDT's.
    await sql`update members set sta_keberadaan_art = case when sta_keberadaan_art = 1 then 4 else 1 end
              where idartbdt = (select min(idartbdt) from members where idbdt = ${hs[3]!.idbdt})`.execute(db);
    expect(await staleDistricts()).toEqual(['3201']);
    // A new household with a member; a list entry ends; a household is deleted with its members.
    await seedDistrict(ctx, { kab: '3171', households: 2, seed: 84, mistakeRate: 0 });
    await sql`update kpm_memberships set status = 'NONAKTIF', until = since where idbdt = (select min(idbdt) from kpm_memberships where kab_kota = '3171' and status = 'AKTIF')`.execute(
      db,
    );
    const gone = hs[5]!.idbdt;
    await sql`delete from pbi_participants where left(idartbdt, 16) = ${gone}`.execute(db);
    await sql`delete from kpm_history where idbdt = ${gone}`.execute(db);
    await sql`delete from kpm_memberships where idbdt = ${gone}`.execute(db);
    await sql`delete from pbi_history where left(idartbdt, 16) = ${gone}`.execute(db);
    await sql`delete from household_locations where idbdt = ${gone}`.execute(db);
    await sql`delete from members where idbdt = ${gone}`.execute(db);
    await sql`delete from households where idbdt = ${gone}`.execute(db);
    expect(await staleDistricts()).toEqual(['3171', '3174', '3201']);
    expect(await maintained()).toEqual(await liveFigures());
  });

  it('an update marks its district once per transaction, and only when it changes what the figures read', async () => {
    const db = ctx.database.db;
    await refreshDistrictFigures(ctx.database);
    const hs = await householdsOf('3201');
    // An approval's write-back (floor, version, updated_at) and a member's name change no figure: no mark.
    await sql`update households set lantai = 2, version = version + 1, updated_at = now() where idbdt = ${hs[0]!.idbdt}`.execute(db);
    await sql`update members set nama = upper(nama) where idbdt = ${hs[0]!.idbdt}`.execute(db);
    // A figure column set to the value it has is no change either.
    await sql`update households set status = status, persentil = persentil where idbdt = ${hs[1]!.idbdt}`.execute(db);
    expect(await staleDistricts()).toEqual([]);
    // Three changes in one transaction: one mark.
    await db.transaction().execute(async (tx) => {
      await sql`update households set persentil = coalesce(persentil, 0) % 100 + 1 where idbdt = ${hs[0]!.idbdt}`.execute(tx);
      await sql`update households set status = 'NONAKTIF' where idbdt = ${hs[1]!.idbdt}`.execute(tx);
      await sql`update members set sta_keberadaan_art = 2 where idartbdt = (select min(idartbdt) from members where idbdt = ${hs[2]!.idbdt})`.execute(
        tx,
      );
    });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from district_figures_stale where kab_kota = '3201'`.execute(db);
    expect(rows[0]!.n).toBe(1);
    expect(await maintained()).toEqual(await liveFigures());
  });

  it('a mark made after a recomputation read its marks survives it', async () => {
    const db = ctx.database.db;
    // The recomputation deletes only the marks up to the last one it read: a newer one stays.
    const before = (await sql<{ seq: string }>`select coalesce(max(seq), 0)::text as seq from district_figures_stale`.execute(db)).rows[0]!
      .seq;
    await sql`insert into district_figures_stale (kab_kota) values ('3174')`.execute(db);
    await sql`delete from district_figures_stale where kab_kota = '3174' and seq <= ${before}::bigint`.execute(db);
    expect(await staleDistricts()).toEqual(['3174']);
    expect(await refreshDistrictFigures(ctx.database)).toEqual(['3174']);
  });

  it('the map of the nation and of a province reads them and answers as the live GROUP BY', async () => {
    const db = ctx.database.db;
    const hs = await householdsOf('3201');
    await insertProposals(ctx, await insertImport(ctx, '3201', '2019-01'), '3201', [
      { idbdt: hs[0]!.idbdt, kode_wilayah: hs[0]!.kode_wilayah, status: 'MENUNGGU' },
    ]);
    await sql`update households set status = 'NONAKTIF' where idbdt = ${hs[1]!.idbdt}`.execute(db);
    await refreshDistrictFigures(ctx.database);
    for (const [prefix, level] of [
      ['', 'provinsi'],
      ['31', 'kabkota'],
      ['32', 'kabkota'],
    ] as const) {
      const input = { prefix, level, period: '2019-01', areas: sql<boolean>`true`, households: () => sql<boolean>`true` };
      const live = await areaFigures(db, { ...input, live: true });
      expect(live.some((a) => a.households > 0)).toBe(true);
      expect(await areaFigures(db, input)).toEqual(live);
    }
    const res = await get(p.pusdatin, '/api/v1/map/figures');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { code: string; households: number }[];
    const aktif = await sql<{ n: number }>`select count(*)::int as n from households where status = 'AKTIF'`.execute(db);
    expect(items.reduce((n, i) => n + i.households, 0)).toBe(aktif.rows[0]!.n);
  });
});

describe('Beranda above a district', () => {
  it('counts the AKTIF households of the nation and of a province from the figures, as the live count', async () => {
    const db = ctx.database.db;
    await sql`update households set status = 'NONAKTIF' where idbdt = (select min(idbdt) from households where kode_wilayah like '3171%' and status = 'AKTIF')`.execute(
      db,
    );
    const live = async (prefix: string) =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from households where status = 'AKTIF' and kode_wilayah like ${`${prefix}%`}`.execute(db)
      ).rows[0]!.n;
    for (const [who, prefix] of [
      [p.pusdatin, ''],
      [p.provinsi31, '31'],
    ] as const) {
      const res = await get(who, '/api/v1/home');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().totalHouseholds).toBe(await live(prefix));
    }
  });
});

describe('Rekapitulasi per province', () => {
  it('lists the provinces for Pusdatin and the districts of a province, with the live counts', async () => {
    const db = ctx.database.db;
    const live = await liveFigures();
    const sum = (prefix: string, key: string) =>
      live.filter((r) => String(r.kode_wilayah).startsWith(prefix)).reduce((n, r) => n + Number(r[key]), 0);
    const nation = await get(p.pusdatin, '/api/v1/reports/recap/provinsi?period=2019-01');
    expect(nation.statusCode, nation.body).toBe(200);
    const body = nation.json();
    expect(body.level).toBe('provinsi');
    const row31 = body.rows.find((r: { code: string }) => r.code === '31');
    expect(row31).toMatchObject({ households: sum('31', 'households'), members: sum('31', 'members') });
    expect(row31.programs).toEqual({ BPNT: sum('31', 'kpm_bpnt'), RASTRA: sum('31', 'kpm_rastra'), PBI: sum('31', 'pbi') });
    expect(body.totals.households).toBe(sum('', 'households'));
    // The proposal of 3201 in 2019-01 is counted in its province.
    expect(body.rows.find((r: { code: string }) => r.code === '32').counts.proposals).toBe(1);

    const province = await get(p.provinsi31, '/api/v1/reports/recap/provinsi');
    expect(province.statusCode, province.body).toBe(200);
    const districts = province.json();
    expect(districts.provinsi.code).toBe('31');
    expect(districts.level).toBe('kabkota');
    const jaksel = districts.rows.find((r: { code: string }) => r.code === '3174');
    expect(jaksel).toMatchObject({ households: sum('3174', 'households'), members: sum('3174', 'members') });
    expect(districts.rows.every((r: { code: string }) => r.code.startsWith('31'))).toBe(true);
    const count = await sql<{ n: number }>`select count(*)::int as n from regions where level = 'kabkota' and code like '31%'`.execute(db);
    expect(districts.rows).toHaveLength(count.rows[0]!.n);
  });

  it('limits a district user to its district, and answers 404 for a province out of reach and 403 without the verb', async () => {
    const own = await get(p.supervisorJakSel, '/api/v1/reports/recap/provinsi');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().rows.map((r: { code: string }) => r.code)).toEqual(['3174']);
    expect((await get(p.provinsi31, '/api/v1/reports/recap/provinsi?provinsi=32')).statusCode).toBe(404);
    expect((await get(p.supervisorJakSel, '/api/v1/reports/recap/provinsi?provinsi=32')).statusCode).toBe(404);
    expect((await get(p.pfm, '/api/v1/reports/recap/provinsi')).statusCode).toBe(403);
  });

  it('exports the province recap as csv with its totals row, logged, and not a province out of reach', async () => {
    const shown = (await get(p.provinsi31, '/api/v1/reports/recap/provinsi')).json();
    const res = await get(p.provinsi31, '/api/v1/reports/recap/provinsi/export?format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`Rekapitulasi_Kabupaten_Kota_31_${shown.period.code}.csv`);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^Kode Wilayah,Kabupaten\/Kota,Rumah Tangga \(AKTIF\),Anggota Rumah Tangga,/);
    expect(lines[0]).not.toContain('Kuota');
    expect(lines).toHaveLength(shown.rows.length + 2);
    const jaksel = shown.rows.find((r: { code: string }) => r.code === '3174');
    expect(
      lines
        .find((l) => l.startsWith('3174,'))!
        .split(',')
        .slice(2, 4),
    ).toEqual([String(jaksel.households), String(jaksel.members)]);
    expect(lines.at(-1)!.split(',').slice(1, 4)).toEqual(['JUMLAH', String(shown.totals.households), String(shown.totals.members)]);
    const logged = (await auditEntries('EXPORT_RECAP')).filter((e) => e.actor_username === 'provinsi_31' && e.subject === 'recap:kabkota');
    expect(logged).toHaveLength(1);
    expect((await get(p.provinsi31, '/api/v1/reports/recap/provinsi/export?provinsi=32&format=csv')).statusCode).toBe(404);
    expect((await get(p.pfm, '/api/v1/reports/recap/provinsi/export?format=csv')).statusCode).toBe(403);
  });
});
