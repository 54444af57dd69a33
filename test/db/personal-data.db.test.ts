import { describe, expect, it, vi } from 'vitest';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { now } from '../../src/server/platform/clock.ts';
import { actorOf, makeFinalisation } from '../support/finalisations.ts';
import { auditEntries, ctx, get, p, setupTestBed } from '../support/bed.ts';
import { testApp } from '../support/http.ts';
import type { Persona } from '../support/personas.ts';

// Issue 9, findings 2 and 3: what a role without `personal:unmasked` (PROVINSI) sees of a person,
// what it may search for, and the per-user limit on searches by NIK, No KK or name.

let finalisationId: number;
let target: { idbdt: string; kode_wilayah: string; alamat: string };

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 30, seed: 91, mistakeRate: 0 });
  await seedDistrict(c, { kab: '3171', households: 10, seed: 92 });
  const h = await c.database.db
    .selectFrom('households')
    .select(['idbdt', 'kode_wilayah', 'alamat'])
    .where('kode_wilayah', 'like', '3174%')
    .orderBy('idbdt')
    .executeTakeFirstOrThrow();
  target = h;
  // Coordinates, an SLS name and customer numbers on the household; a history with personal values.
  await c.database.db
    .updateTable('households')
    .set({ lat: -6.2615, lng: 106.8106, nama_sls: 'RT 004 RW 002', nomor_pln: '512345678901', nomor_meter_air: '88001234' })
    .where('idbdt', '=', h.idbdt)
    .execute();
  const m = await c.database.db
    .selectFrom('members')
    .selectAll()
    .where('idbdt', '=', h.idbdt)
    .orderBy('idartbdt')
    .executeTakeFirstOrThrow();
  const entry = { kab_kota: m.kab_kota, idbdt: h.idbdt, idartbdt: m.idartbdt, version: 2, source: 'test' };
  await c.database.db
    .insertInto('household_history')
    .values([
      { ...entry, field: 'nik', old_value: '3174015501870003', new_value: m.nik },
      { ...entry, field: 'tanggal_lahir', old_value: '1987-01-15', new_value: m.tanggal_lahir },
      { ...entry, field: 'nama', old_value: 'Siti Aminah', new_value: m.nama },
      { ...entry, idartbdt: null, field: 'alamat', old_value: 'Jl. Tebet Barat Dalam IV No. 12', new_value: h.alamat },
      { ...entry, idartbdt: null, field: 'anggota_baru', old_value: null, new_value: `${h.idbdt}09 Budi Santoso` },
    ])
    .execute();
});

const MASKED_NUMBER = /^\*{12}[0-9]{4}$/;
const list = (who: Persona, query = '') => get(who, `/api/v1/households${query}`);

async function membersOf(idbdt: string) {
  return ctx.database.db.selectFrom('members').selectAll().where('idbdt', '=', idbdt).orderBy('idartbdt').execute();
}

// What masking must hide of a NIK or No KK: its first 12 digits, and its birth-date part with the
// serial (the region part alone is no secret: it is also the IDBDT's and the region code's).
function hiddenDigitRuns(numbers: string[]): string[] {
  return [...new Set(numbers.flatMap((n) => [n.slice(0, 12), n.slice(6)]))];
}

/** The rows of a CSV text (RFC 4180 quoting) as objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  const [header, ...body] = rows.map((r) => r.map((c) => c.replace(/^\uFEFF/, '')));
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('finding 2: a masked role cannot rebuild personal data', () => {
  it('finding 2: the province list shows initials and the desa, never a street', async () => {
    const res = await list(p.provinsi31, `?pageSize=100&kecamatan=${target.kode_wilayah.slice(0, 6)}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { idbdt: string; nama_krt: string; alamat: string; nama_desa: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.alamat).toBe(i.nama_desa);
      expect(i.nama_krt).toMatch(/^(\p{Lu}\*\*\*)( \p{Lu}\*\*\*)*$/u);
    }
    expect(res.body).not.toContain(target.alamat);
  });

  it('finding 2: the household page shows the last 4 digits, the birth year and the desa only', async () => {
    const real = await membersOf(target.idbdt);
    const res = await get(p.provinsi31, `/api/v1/households/${target.idbdt}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const desa = (
      await ctx.database.db.selectFrom('regions').select('name').where('code', '=', target.kode_wilayah).executeTakeFirstOrThrow()
    ).name;
    expect(body.household).toMatchObject({ alamat: desa, lat: null, lng: null, nama_sls: null, nomor_pln: '********8901' });
    expect(body.household.nomor_meter_air).toBe('****1234');
    expect(body.members).toHaveLength(real.length);
    for (const [i, m] of (body.members as { nik: string; no_kk: string; nama: string; tanggal_lahir: string }[]).entries()) {
      expect(m.nik).toMatch(MASKED_NUMBER);
      expect(m.nik.slice(-4)).toBe(real[i]!.nik.slice(-4));
      expect(m.no_kk).toMatch(MASKED_NUMBER);
      expect(m.tanggal_lahir).toBe(real[i]!.tanggal_lahir.slice(0, 4));
      expect(m.nama).toMatch(/^(\p{Lu}\*\*\*)( \p{Lu}\*\*\*)*$/u);
    }
    for (const run of hiddenDigitRuns(real.flatMap((m) => [m.nik, m.no_kk]))) expect(res.body).not.toContain(run);
    expect(res.body).not.toContain(target.alamat);
    expect(res.body).not.toContain('106.8106');

    // The history is masked by the same rule.
    const history = new Map(
      (body.history as { field: string; old_value: string | null; new_value: string | null }[]).map((h) => [h.field, h]),
    );
    expect(history.get('nik')!.old_value).toBe('************0003');
    expect(history.get('nik')!.new_value).toMatch(MASKED_NUMBER);
    expect(history.get('tanggal_lahir')!.old_value).toBe('1987');
    expect(history.get('nama')!.old_value).toBe('S*** A***');
    expect(history.get('alamat')).toMatchObject({ old_value: desa, new_value: desa });
    expect(history.get('anggota_baru')!.new_value).toBe(`${target.idbdt}09 B*** S***`);
    expect(res.body).not.toContain('Tebet Barat Dalam');
    expect(res.body).not.toContain('1987-01-15');

    // A supervisor of the district sees everything.
    const own = (await get(p.supervisorJakSel, `/api/v1/households/${target.idbdt}`)).json();
    expect(own.members[0].nik).toBe(real[0]!.nik);
    expect(own.household.alamat).toBe(target.alamat);
  });

  it('finding 2: the finalised-data CSV shows no NIK digit beyond the last 4, no full birth date, no street', async () => {
    finalisationId = await makeFinalisation(ctx, await actorOf(ctx, p.supervisorJakSel.token));
    const art = await get(p.provinsi31, `/api/v1/finalisations/${finalisationId}/data?format=csv&table=art`);
    expect(art.statusCode).toBe(200);
    const rows = parseCsv(art.body);
    expect(rows.length).toBeGreaterThan(0);
    const idbdts = [...new Set(rows.map((r) => r.idbdt!))];
    const real = (await Promise.all(idbdts.map(membersOf))).flat();
    for (const r of rows) {
      expect(r.nik).toMatch(MASKED_NUMBER);
      expect(r.no_kk).toMatch(MASKED_NUMBER);
      expect(r.tanggal_lahir).toMatch(/^[0-9]{4}$/);
    }
    for (const run of hiddenDigitRuns(real.flatMap((m) => [m.nik, m.no_kk]))) expect(art.body).not.toContain(run);

    const ruta = parseCsv((await get(p.provinsi31, `/api/v1/finalisations/${finalisationId}/data?format=csv&table=ruta`)).body);
    const streets = await ctx.database.db.selectFrom('households').select(['idbdt', 'alamat']).where('idbdt', 'in', idbdts).execute();
    const desaNames = new Map(
      (await ctx.database.db.selectFrom('regions').select(['code', 'name']).where('code', 'like', '3174%').execute()).map((r) => [
        r.code,
        r.name,
      ]),
    );
    for (const r of ruta) {
      expect(r.alamat).toBe(desaNames.get(r.kode_wilayah!));
      expect(r.lat).toBe('');
    }
    const usulan = (await get(p.provinsi31, `/api/v1/finalisations/${finalisationId}/data?format=csv`)).body;
    for (const s of streets) expect(usulan + JSON.stringify(ruta)).not.toContain(s.alamat);
  });

  it('finding 2: a masked role cannot search by NIK, No KK or name; IDBDT and filters stay', async () => {
    const [m] = await membersOf(target.idbdt);
    for (const q of [m!.nik, m!.no_kk, m!.nama.slice(0, 3)]) {
      const res = await list(p.provinsi31, `?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'PERSONAL_SEARCH_FORBIDDEN',
        message: expect.stringMatching(/tidak dapat mencari berdasarkan NIK/),
      });
    }
    const byIdbdt = await list(p.provinsi31, `?q=${target.idbdt}`);
    expect(byIdbdt.statusCode).toBe(200);
    expect(byIdbdt.json().items.map((i: { idbdt: string }) => i.idbdt)).toEqual([target.idbdt]);
    expect((await list(p.provinsi31, `?desil=1&status=AKTIF&desa=${target.kode_wilayah}`)).statusCode).toBe(200);
    // The supervisor still finds the member by NIK.
    expect((await list(p.supervisorJakSel, `?q=${m!.nik}`)).json().items.map((i: { idbdt: string }) => i.idbdt)).toContain(target.idbdt);
  });
});

describe('finding 3: personal searches are limited per user', () => {
  it('finding 3: the 61st personal search of a supervisor in a minute answers 429 and is logged, across server processes', async () => {
    // The searches of the tests above are forgotten, and the 61 searches fall in one minute of the server's clock:
    // the clock jumps to the start of the next minute and runs on from there, instead of the test waiting for it.
    await ctx.database.db.deleteFrom('personal_search_counts').execute();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 - (now().getTime() % 60_000), shouldAdvanceTime: true });
    const [m] = await membersOf(target.idbdt);
    const other = await testApp(ctx); // a second server process on the same database
    try {
      const search = (i: number) =>
        i % 2 === 0
          ? get(p.supervisorJakSel, `/api/v1/households?q=${m!.nik}`)
          : other.inject({
              method: 'GET',
              url: `/api/v1/households?q=${encodeURIComponent(m!.nama.slice(0, 2))}`,
              headers: { authorization: `Bearer ${p.supervisorJakSel.token}` },
            });
      for (let i = 0; i < 60; i++) expect((await search(i)).statusCode).toBe(200);
      expect(await auditEntries('PERSONAL_SEARCH_LIMITED')).toEqual([]);
      const refused = await search(60);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'PERSONAL_SEARCH_LIMIT', message: expect.stringMatching(/Terlalu banyak pencarian/) });
      expect((await search(61)).statusCode).toBe(429);
      const logged = await auditEntries('PERSONAL_SEARCH_LIMITED');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ actor_username: p.supervisorJakSel.username, region_code: '3174' });
      expect(JSON.stringify(logged[0])).not.toContain(m!.nik);

      // IDBDT searches and filters are not personal searches; another user has a count of its own.
      for (let i = 0; i < 3; i++) expect((await get(p.supervisorJakSel, `/api/v1/households?q=${target.idbdt}`)).statusCode).toBe(200);
      expect((await get(p.supervisorJakSel, '/api/v1/households?desil=2')).statusCode).toBe(200);
      expect((await get(p.operatorDesa, `/api/v1/households?q=${m!.nik}`)).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
      await other.close();
    }
  });
});
