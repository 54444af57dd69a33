import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ctx, get, householdsOf, p, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { actorOf, insertImport, insertProposals } from '../../../../test/support/finalisations.ts';
import { MAP_POINTS_CAP } from '../../../shared/api/map.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import { openPeriod } from '../periods/index.ts';
import type { AreaFiguresRow } from './map.queries.ts';
import { getMapPoints } from './map.service.ts';

// The map (F14) on 3174: figures per area against counts made here from the tables, and household
// points per viewport (clusters, single points, the cap) for the roles and scopes that may see them.

// Located households of 3174 lie on a grid south of Jakarta; every seventh has no location.
const ORIGIN = { lat: -6.3, lng: 106.8 };
const STEP = 0.002;
const WHOLE = '106.7,-6.4,107.0,-6.1';

let hs: { idbdt: string; kode_wilayah: string }[];

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3174', households: 90, seed: 71, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3171', households: 8, seed: 72, mistakeRate: 0 });
  hs = await householdsOf('3174');
  await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  await insertProposals(ctx, await insertImport(ctx, '3174', '2019-01'), '3174', [
    { idbdt: hs[0]!.idbdt, kode_wilayah: hs[0]!.kode_wilayah, status: 'MENUNGGU' },
    { idbdt: hs[1]!.idbdt, kode_wilayah: hs[1]!.kode_wilayah, status: 'DISETUJUI' },
    { idbdt: hs[50]!.idbdt, kode_wilayah: hs[50]!.kode_wilayah, status: 'MENUNGGU' },
    { kode_wilayah: hs[89]!.kode_wilayah, status: 'MENUNGGU' },
  ]);
  await seedDemoLists(ctx, '3174', '2019-01-01');
  const db = ctx.database.db;
  await sql`update households set status = 'NONAKTIF' where idbdt = ${hs[3]!.idbdt}`.execute(db);
  await sql`update households set persentil = null where idbdt = ${hs[4]!.idbdt}`.execute(db);
  // Our own grid in place of the generated demo points, so the viewports below know what they hold.
  await sql`delete from household_locations where kab_kota = '3174'`.execute(db);
  await sql`
    insert into household_locations (kab_kota, idbdt, lat, lng)
    select '3174', idbdt, ${ORIGIN.lat}::float8 + (n % 10) * ${STEP}::float8, ${ORIGIN.lng}::float8 + (n / 10) * ${STEP}::float8
    from (select idbdt, (row_number() over (order by idbdt) - 1)::int as n from households where kode_wilayah like '3174%') x
    where n % 7 <> 6`.execute(db);
});

const figures = async (who: keyof typeof p, parent?: string) => get(p[who], `/api/v1/map/figures${parent ? `?parent=${parent}` : ''}`);
const points = (who: keyof typeof p, query: string) => get(p[who], `/api/v1/map/points?${query}`);

type Area = AreaFiguresRow;

/** The figures of every area of a code length under a prefix, counted here row by row. */
async function expectedAreas(prefix: string, len: number) {
  const db = ctx.database.db;
  const households = await db.selectFrom('households').select(['idbdt', 'kode_wilayah', 'persentil', 'status']).execute();
  const waiting = await db
    .selectFrom('proposals')
    .select('kode_wilayah')
    .where('status', '=', 'MENUNGGU')
    .where('module', '=', 'BDT')
    .execute();
  const kpm = await db.selectFrom('kpm_memberships').select('idbdt').where('program', '=', 'BPNT').where('status', '=', 'AKTIF').execute();
  const pbi = await db.selectFrom('pbi_participants').select('idartbdt').where('status', '=', 'AKTIF').execute();
  const where = new Map(households.filter((h) => h.status === 'AKTIF').map((h) => [h.idbdt, h.kode_wilayah]));
  const out = new Map<string, { households: number; desil: number[]; low: number; waiting: number; kpm: number; pbi: number }>();
  const area = (code: string) => {
    const key = code.slice(0, len);
    if (!out.has(key)) out.set(key, { households: 0, desil: [], low: 0, waiting: 0, kpm: 0, pbi: 0 });
    return out.get(key)!;
  };
  for (const h of households) {
    if (!h.kode_wilayah.startsWith(prefix) || h.status !== 'AKTIF') continue;
    const a = area(h.kode_wilayah);
    a.households++;
    if (h.persentil != null) a.desil.push(Math.ceil(h.persentil / 10));
    if (h.persentil != null && h.persentil <= 40) a.low++;
  }
  for (const w of waiting) if (w.kode_wilayah.startsWith(prefix)) area(w.kode_wilayah).waiting++;
  for (const k of kpm) if (where.get(k.idbdt)?.startsWith(prefix)) area(where.get(k.idbdt)!).kpm++;
  for (const b of pbi) if (where.get(b.idartbdt.slice(0, 16))?.startsWith(prefix)) area(where.get(b.idartbdt.slice(0, 16))!).pbi++;
  return out;
}

async function quotaOf(kab: string, program: 'BPNT' | 'PBI') {
  const r = await ctx.database.db
    .selectFrom('district_quotas')
    .select('quota')
    .where('kab', '=', kab)
    .where('program', '=', program)
    .executeTakeFirst();
  return r?.quota ?? null;
}

describe('map figures', () => {
  it('gives each kecamatan of the district the counts of its households, proposals and lists', async () => {
    const res = await figures('supervisorJakSel', '3174');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { parent: { code: string; level: string }; level: string; items: Area[] };
    expect(body.parent).toMatchObject({ code: '3174', level: 'kabkota' });
    expect(body.level).toBe('kecamatan');
    const expected = await expectedAreas('3174', 6);
    expect(body.items.map((a) => a.code)).toEqual(await regionCodes('3174', 'kecamatan'));
    const bpntQuota = await quotaOf('3174', 'BPNT');
    const pbiQuota = await quotaOf('3174', 'PBI');
    expect(bpntQuota).toBeGreaterThan(0);
    let total = 0;
    for (const a of body.items) {
      const e = expected.get(a.code) ?? { households: 0, desil: [], low: 0, waiting: 0, kpm: 0, pbi: 0 };
      total += a.households;
      expect(a.households, a.code).toBe(e.households);
      const mean = e.desil.length ? e.desil.reduce((x, y) => x + y, 0) / e.desil.length : null;
      if (mean === null) expect(a.meanDesil).toBeNull();
      else expect(a.meanDesil).toBeCloseTo(mean, 2);
      expect(a.lowDesilShare).toBe(e.households ? e.low / e.households : null);
      expect(a.proposalsWaiting, a.code).toBe(e.waiting);
      expect(a.kpm).toEqual({ active: e.kpm, quota: bpntQuota, use: e.kpm / bpntQuota! });
      expect(a.pbi.active, a.code).toBe(e.pbi);
      expect(a.pbi.quota).toBe(pbiQuota);
    }
    expect(total).toBe(89);
    expect(body.items.reduce((n, a) => n + a.proposalsWaiting, 0)).toBe(3);
    expect(body.items.reduce((n, a) => n + a.kpm.active, 0)).toBeGreaterThan(0);
  });

  it('gives the desa of a kecamatan and, at the top, the provinces with the whole registry', async () => {
    const kec = hs[0]!.kode_wilayah.slice(0, 6);
    const res = await figures('supervisorJakSel', kec);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { level: string; items: Area[] };
    expect(body.level).toBe('desa');
    const expected = await expectedAreas(kec, 10);
    for (const a of body.items) expect(a.households, a.code).toBe(expected.get(a.code)?.households ?? 0);
    expect(body.items.every((a) => a.code.startsWith(kec) && a.code.length === 10)).toBe(true);

    const national = (await figures('pusdatin')).json() as { level: string; items: Area[] };
    expect(national.level).toBe('provinsi');
    const dki = national.items.find((a) => a.code === '31')!;
    expect(dki.households).toBe(89 + 8);
    // Quotas are per district: a province has none to use.
    expect(dki.kpm.quota).toBeNull();
    const districts = (await figures('provinsi31', '31')).json() as { items: Area[] };
    expect(districts.items.find((a) => a.code === '3174')).toMatchObject({ households: 89, kpm: { quota: await quotaOf('3174', 'BPNT') } });
    expect(districts.items.find((a) => a.code === '3171')?.households).toBe(8);
  });

  it('answers 404 outside the scope and limits a narrower scope to its own areas and households', async () => {
    expect((await figures('supervisorOther', '3174')).statusCode).toBe(404);
    expect((await figures('supervisorOther', hs[0]!.kode_wilayah.slice(0, 6))).statusCode).toBe(404);
    expect((await figures('provinsi31', '32')).statusCode).toBe(404);
    expect((await figures('pusdatin', '99')).statusCode).toBe(404);
    expect((await figures('pusdatin', '31744')).statusCode).toBe(400);

    // The supervisor's own map from the top: its province only, counting its district only.
    const top = (await figures('supervisorJakSel')).json() as { items: Area[] };
    expect(top.items.map((a) => a.code)).toEqual(['31']);
    expect(top.items[0]!.households).toBe(89);

    // The operator of 317401 opens its district's map and sees its kecamatan only.
    const op = await figures('operatorDesa', '3174');
    expect(op.statusCode, op.body).toBe(200);
    const items = (op.json() as { items: Area[] }).items;
    expect(items.map((a) => a.code)).toEqual(['317401']);
    expect(items[0]!.households).toBe((await expectedAreas('317401', 6)).get('317401')?.households ?? 0);
  });
});

interface Points {
  kind: 'clusters' | 'points';
  total: number;
  clusters: { lat: number; lng: number; count: number }[];
  points: { idbdt: string; desil: number | null; lat: number; lng: number }[];
}

/** Located AKTIF households of 3174 (under a prefix) inside a bbox, counted here. */
async function located(bbox: [number, number, number, number], prefix = '3174') {
  const [w, s, e, n] = bbox;
  const { rows } = await sql<{ idbdt: string }>`
    select l.idbdt from household_locations l join households h using (idbdt)
    where h.status = 'AKTIF' and h.kode_wilayah like ${`${prefix}%`} and l.lat between ${s} and ${n} and l.lng between ${w} and ${e}
    order by 1`.execute(ctx.database.db);
  return rows.map((r) => r.idbdt);
}

describe('map points', () => {
  it('clusters the district at a low zoom, the counts adding up to the located households', async () => {
    const res = await points('supervisorJakSel', `kab=3174&bbox=${WHOLE}&zoom=11`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Points;
    expect(body.kind).toBe('clusters');
    const all = await located([106.7, -6.4, 107.0, -6.1]);
    expect(all.length).toBeGreaterThan(60);
    expect(body.total).toBe(all.length);
    expect(body.clusters.reduce((n, c) => n + c.count, 0)).toBe(all.length);
    expect(body.clusters.length).toBeLessThan(all.length);
    expect(body.points).toEqual([]);
  });

  it('gives single households (no names) when zoomed in, only those in the viewport', async () => {
    const bbox: [number, number, number, number] = [106.799, -6.301, 106.811, -6.289];
    const res = await points('supervisorJakSel', `kab=3174&bbox=${bbox.join(',')}&zoom=16`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Points;
    expect(body.kind).toBe('points');
    const expected = await located(bbox);
    expect(expected.length).toBeGreaterThan(0);
    expect(body.points.map((x) => x.idbdt).sort()).toEqual(expected);
    expect(Object.keys(body.points[0]!).sort()).toEqual(['desil', 'idbdt', 'lat', 'lng']);
    const nonaktif = hs[3]!.idbdt;
    expect(body.points.some((x) => x.idbdt === nonaktif)).toBe(false);
  });

  it('is refused to masked roles, 404 outside the scope, and limited to an operator area', async () => {
    const q = `kab=3174&bbox=${WHOLE}&zoom=11`;
    const prov = await points('provinsi31', q);
    expect(prov.statusCode).toBe(403);
    expect((await points('supervisorOther', q)).statusCode).toBe(404);
    expect((await points('pusdatin', `kab=3174&bbox=${WHOLE}&zoom=11`)).statusCode).toBe(200);
    const op = await points('operatorDesa', q);
    expect(op.statusCode, op.body).toBe(200);
    const body = op.json() as Points;
    const own = await located([106.7, -6.4, 107.0, -6.1], '317401');
    expect(body.total).toBe(own.length);
    expect(own.length).toBeLessThan((await located([106.7, -6.4, 107.0, -6.1])).length);
  });

  it('refuses a nonsense viewport or zoom with 400', async () => {
    for (const query of [
      'kab=3174&bbox=1,2,3&zoom=10',
      'kab=3174&bbox=107,-6.4,106.7,-6.1&zoom=10',
      'kab=3174&bbox=106.7,-96,107,-6.1&zoom=10',
      'kab=3174&bbox=abc,-6.4,107,-6.1&zoom=10',
      `kab=3174&bbox=${WHOLE}&zoom=23`,
      `kab=3174&bbox=${WHOLE}&zoom=1.5`,
      'kab=3174&bbox=-180,-90,180,90&zoom=12',
      `kab=31744&bbox=${WHOLE}&zoom=10`,
    ]) {
      const res = await points('supervisorJakSel', query);
      expect(res.statusCode, query).toBe(400);
    }
  });
  it('answers clusters instead of more single points than the cap', async () => {
    // The cap is 5,000 on the route; the service takes a smaller one so that a few dozen households pass it.
    const actor = await actorOf(ctx, p.supervisorJakSel.token);
    const bbox: [number, number, number, number] = [106.79, -6.31, 106.83, -6.27];
    const all = await located(bbox);
    const over = await getMapPoints(ctx, actor, { kab: '3174', bbox, zoom: 16 }, all.length - 1);
    expect(over.kind).toBe('clusters');
    expect(over.points).toEqual([]);
    expect(over.total).toBe(all.length);
    const exact = await getMapPoints(ctx, actor, { kab: '3174', bbox, zoom: 16 }, all.length);
    expect(exact.kind).toBe('points');
    expect(exact.points).toHaveLength(all.length);
    // The route's own cap: the whole district fits under 5,000 at zoom 16.
    const res = await points('supervisorJakSel', `kab=3174&bbox=${bbox.join(',')}&zoom=16`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Points).points).toHaveLength(all.length);
    expect(all.length).toBeLessThan(MAP_POINTS_CAP);
  });
});
