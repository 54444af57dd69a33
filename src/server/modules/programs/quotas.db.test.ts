import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, auditEntries, ctx, get, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { multipartFiles } from '../../../../test/support/route-probes.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';

// 2019-01 holds the demo quotas of 3174; 2019-02 is the open period and sets nothing of its own.
let demo: { BPNT: number; PBI: number };
setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 160, seed: 31 });
  await sql`insert into periods (code, name, starts_on, ends_on) values ('2019-01', 'BDT Januari 2019', '2019-01-01', '2019-01-31')`.execute(
    c.database.db,
  );
  demo = (await seedDemoLists(c, '3174', '2019-01-01'))!.quotas;
  await sql`update periods set status = 'CLOSED', closed_at = now() where code = '2019-01'`.execute(c.database.db);
  await sql`insert into periods (code, name, starts_on, ends_on) values ('2019-02', 'BDT Februari 2019', '2019-02-01', '2019-02-28')`.execute(
    c.database.db,
  );
});

const count = async (query: string) => Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(ctx.database.db)).rows[0]!.n);
const usedBpnt = () => count(`select count(*) as n from kpm_memberships where kab_kota = '3174' and status = 'AKTIF'`);
const quotaRows = () =>
  sql<{ kab: string; program: string; period: string; quota: number | null }>`
    select kab, program, period, quota from district_quotas order by kab, program, period`
    .execute(ctx.database.db)
    .then((r) => r.rows);

type Cell = { quota: number | null; from: string | null; used: number };
type Row = { kab: string; name: string; provinsi: { code: string; name: string }; BPNT: Cell; RASTRA: Cell; PBI: Cell };
async function district(kab: string, period?: string): Promise<Row> {
  const res = await get(p.pfm, `/api/v1/quotas/districts?q=${kab}${period ? `&period=${period}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.find((i: Row) => i.kab === kab);
}
const put = (who: Persona, kab: string, program: string, payload: object) =>
  app.inject({ method: 'PUT', url: `/api/v1/districts/${kab}/quotas/${program}`, payload, headers: bearer(who) });

/** An xlsx quota sheet: a header row, then the rows as given. */
async function sheet(rows: (string | number | null)[][], header = ['Kode Kab/Kota', 'Nama Kab/Kota', 'BPNT', 'RASTRA', 'PBI']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kuota');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(who: Persona, bytes: Buffer | Uint8Array, query = '') {
  const form = multipartFiles({ file: { name: 'kuota.xlsx', bytes } });
  return app.inject({
    method: 'POST',
    url: `/api/v1/quotas/import${query}`,
    payload: form.payload,
    headers: { ...form.headers, ...bearer(who) },
  });
}

describe('GET /api/v1/quotas/districts', () => {
  it('lists every district with server paging; a period without its own setting inherits the earlier one', async () => {
    const res = await get(p.pfm, '/api/v1/quotas/districts?pageSize=100&page=2');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const districts = await count(`select count(*) as n from regions where level = 'kabkota'`);
    expect([body.total, body.items.length, body.period]).toEqual([districts, 100, '2019-02']);
    expect(districts).toBeGreaterThan(500);
    const codes = body.items.map((i: Row) => i.kab);
    expect(codes).toEqual([...codes].sort());

    const jaksel = await district('3174');
    expect(jaksel.provinsi).toEqual({ code: '31', name: expect.any(String) });
    expect(jaksel.BPNT).toEqual({ quota: demo.BPNT, from: '2019-01', used: await usedBpnt() });
    expect(jaksel.PBI.quota).toBe(demo.PBI);
    expect(jaksel.PBI.used).toBe(await count(`select count(*) as n from pbi_participants where kab_kota = '3174' and status = 'AKTIF'`));
    expect(jaksel.RASTRA).toEqual({ quota: null, from: null, used: 0 });
    // Before any setting there is none.
    expect((await district('3174', '2018-12')).BPNT).toEqual({ quota: null, from: null, used: await usedBpnt() });

    const dki = (await get(p.pfm, '/api/v1/quotas/districts?provinsi=31')).json();
    expect(dki.total).toBe(await count(`select count(*) as n from regions where level = 'kabkota' and parent_code = '31'`));
    expect(dki.items.every((i: Row) => i.provinsi.code === '31')).toBe(true);
    const byName = (await get(p.pfm, '/api/v1/quotas/districts?q=jakarta%20sel')).json();
    expect(byName.items.map((i: Row) => i.kab)).toEqual(['3174']);
  });

  it('is scoped: a supervisor sees its district, the province its own, an operator is refused', async () => {
    const own = (await get(p.supervisorJakSel, '/api/v1/quotas/districts')).json();
    expect(own.items.map((i: Row) => i.kab)).toEqual(['3174']);
    expect(own.total).toBe(1);
    expect((await get(p.supervisorJakSel, '/api/v1/quotas/districts?provinsi=31')).json().total).toBe(1);
    const elsewhere = await get(p.supervisorJakSel, '/api/v1/quotas/districts?provinsi=32');
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([404, 'NOT_FOUND']);
    const province = (await get(p.provinsi31, '/api/v1/quotas/districts?pageSize=100')).json();
    expect(province.items.length).toBeGreaterThan(1);
    expect(province.items.every((i: Row) => i.kab.startsWith('31'))).toBe(true);
    expect((await get(p.provinsi31, '/api/v1/quotas/districts?provinsi=32')).statusCode).toBe(404);
    expect((await get(p.pusdatin, '/api/v1/quotas/districts')).json().total).toBeGreaterThan(500);
    expect((await get(p.operatorDesa, '/api/v1/quotas/districts')).statusCode).toBe(403);
    expect((await get(p.pfm, '/api/v1/quotas/districts?period=2019-13')).statusCode).toBe(400);
  });
});

describe('PUT /api/v1/districts/:kab/quotas/:program with a period', () => {
  it('sets a quota from a period on without changing the earlier one; null removes it from then on', async () => {
    const res = await put(p.pfm, '3174', 'BPNT', { quota: 50, period: '2019-03' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ period: '2019-03', quotas: { BPNT: 50, PBI: demo.PBI } });
    expect((await district('3174', '2019-02')).BPNT).toMatchObject({ quota: demo.BPNT, from: '2019-01' });
    expect((await district('3174', '2019-03')).BPNT).toMatchObject({ quota: 50, from: '2019-03' });
    expect((await district('3174', '2019-07')).BPNT).toMatchObject({ quota: 50, from: '2019-03' });
    expect((await district('3174', '2019-07')).PBI).toMatchObject({ quota: demo.PBI, from: '2019-01' });

    expect((await put(p.pfm, '3174', 'BPNT', { quota: null, period: '2019-05' })).statusCode).toBe(200);
    expect((await district('3174', '2019-06')).BPNT).toMatchObject({ quota: null, from: '2019-05' });
    expect((await district('3174', '2019-04')).BPNT).toMatchObject({ quota: 50, from: '2019-03' });

    const entries = await auditEntries('SET_QUOTA');
    expect(entries.slice(-2).map((e) => e.details)).toEqual([
      { kab: '3174', program: 'BPNT', period: '2019-03', quota: 50 },
      { kab: '3174', program: 'BPNT', period: '2019-05', quota: null },
    ]);
    expect(entries.at(-2)!.text_id).toContain('periode 2019-03');
    expect(entries.at(-2)!.actor_username).toBe('pfm');
  });

  it('without a period sets the current quota period; a quota below the count removes nobody', async () => {
    const used = await usedBpnt();
    expect(used).toBeGreaterThan(2);
    const res = await put(p.pfm, '3174', 'BPNT', { quota: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ period: '2019-02', quotas: { BPNT: 2 } });
    expect((await district('3174')).BPNT).toEqual({ quota: 2, from: '2019-02', used });
    expect(await usedBpnt()).toBe(used);
    expect((await district('3174', '2019-01')).BPNT.quota).toBe(demo.BPNT);
  });

  it('refuses other roles (403) and a bad period (400)', async () => {
    for (const who of [p.pusdatin, p.supervisorJakSel, p.provinsi31, p.operatorDesa]) {
      expect((await put(who, '3174', 'BPNT', { quota: 9, period: '2019-02' })).statusCode, who.username).toBe(403);
    }
    expect((await put(p.pfm, '3174', 'BPNT', { quota: 9, period: '2019-00' })).statusCode).toBe(400);
  });
});

describe('the xlsx quota sheet', () => {
  it('a sheet with faults is refused whole, every fault listed by row in Indonesian, nothing changed or logged', async () => {
    const before = await quotaRows();
    const logged = (await auditEntries('IMPORT_QUOTAS')).length;
    const res = await upload(
      p.pfm,
      await sheet([
        ['3171', 'Jakarta Pusat', 100, 10, 200],
        ['3199', 'Tidak ada', 1, 1, 1],
        ['3172', 'Jakarta Utara', 'banyak', -5, 1.5],
        ['3171', 'Jakarta Pusat lagi', 1, null, null],
        ['31', null, 1, 1, 1],
      ]),
      '?period=2019-03',
    );
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.code).toBe('QUOTA_SHEET_INVALID');
    expect(body.message).toContain('tidak ada kuota yang diubah');
    const kode = 'Kode Kab/Kota';
    expect(body.details.map((d: { row: number; column: string; message: string }) => [d.row, d.column, d.message])).toEqual([
      [3, kode, 'Kode kabupaten/kota 3199 tidak dikenal.'],
      [4, 'BPNT', 'Kuota BPNT "banyak" bukan bilangan bulat.'],
      [4, 'RASTRA', 'Kuota RASTRA tidak boleh negatif (-5).'],
      [4, 'PBI', 'Kuota PBI "1.5" bukan bilangan bulat.'],
      [5, kode, 'Kabupaten/kota 3171 sudah ada di baris 2.'],
      [6, kode, 'Kode kabupaten/kota "31" tidak valid (4 angka, misalnya 3174).'],
    ]);
    expect(await quotaRows()).toEqual(before);
    expect(await auditEntries('IMPORT_QUOTAS')).toHaveLength(logged);

    const noHeader = await upload(p.pfm, await sheet([['3171', 1, 2]], ['Kode', 'BPNT', 'PBI']));
    expect(noHeader.json().details).toEqual([{ row: 1, column: null, message: 'Baris judul tidak memuat kolom RASTRA.' }]);
    const notXlsx = await upload(p.pfm, Buffer.from('kode,bpnt\n3171,1\n'));
    expect([notXlsx.statusCode, notXlsx.json().code]).toEqual([400, 'QUOTA_SHEET_UNREADABLE']);
    // A small file that inflates to tens of megabytes is refused before it is parsed.
    const bomb = zipSync({ '[Content_Types].xml': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refused = await upload(p.pfm, bomb);
    expect([refused.statusCode, refused.json().code]).toEqual([413, 'QUOTA_SHEET_TOO_LARGE']);
    expect(await quotaRows()).toEqual(before);
  });

  it('a good sheet is applied in one transaction with one log entry naming the period and the count', async () => {
    const at = (period: string) => district('3171', period);
    const good = await sheet([
      ['3171', 'Jakarta Pusat', 1200, 300, null],
      ['31.72', 'Jakarta Utara', 900, null, 4000],
      // As it already holds in 2019-04 (inherited from 2019-03 as set above): no change, stays inherited.
      ['3174', 'Jakarta Selatan', 50, null, null],
      [null, null, null, null, null],
    ]);
    // A fault after the quotas are written (the log entry fails) leaves none of them behind.
    const before = await quotaRows();
    const db = ctx.database.db;
    await sql`create function refuse_quota_log() returns trigger language plpgsql as $$
              begin if new.action = 'IMPORT_QUOTAS' then raise exception 'injected fault'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_quota_log before insert on audit_log for each row execute function refuse_quota_log()`.execute(db);
    const failed = await upload(p.pfm, good, '?period=2019-04');
    await sql`drop trigger refuse_quota_log on audit_log`.execute(db);
    await sql`drop function refuse_quota_log()`.execute(db);
    expect(failed.statusCode).toBe(500);
    expect(await quotaRows()).toEqual(before);

    const res = await upload(p.pfm, good, '?period=2019-04');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ period: '2019-04', rows: 3, changed: 4, unchanged: 5 });
    expect((await at('2019-04')).BPNT).toMatchObject({ quota: 1200, from: '2019-04' });
    expect((await at('2019-04')).RASTRA).toMatchObject({ quota: 300, from: '2019-04' });
    expect((await at('2019-04')).PBI).toMatchObject({ quota: null, from: null });
    expect((await at('2019-03')).BPNT.quota).toBeNull();
    expect((await district('3172', '2019-09')).PBI).toMatchObject({ quota: 4000, from: '2019-04' });
    expect((await district('3174', '2019-04')).BPNT).toMatchObject({ quota: 50, from: '2019-03' });

    const entries = await auditEntries('IMPORT_QUOTAS');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.text_id).toBe('Mengimpor lembar kuota periode 2019-04: 4 kuota diubah di 2 kabupaten/kota (3 baris)');
    expect(entries[0]!.actor_username).toBe('pfm');
    expect(entries[0]!.details).toMatchObject({
      period: '2019-04',
      changed: 4,
      changes: expect.arrayContaining([
        { kab: '3171', program: 'BPNT', before: null, after: 1200 },
        { kab: '3172', program: 'PBI', before: null, after: 4000 },
      ]),
    });
  });

  it('the template carries the districts of the filter with their quotas and goes back in unchanged', async () => {
    const res = await get(p.pfm, '/api/v1/quotas/template.xlsx?provinsi=31&period=2019-04');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('Kuota_2019-04_31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Kode Kab/Kota', 'Nama Kab/Kota', 'Provinsi', 'BPNT', 'RASTRA', 'PBI']);
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[1])).toEqual(
      (
        await sql<{ code: string }>`select code from regions where level = 'kabkota' and parent_code = '31' order by code`.execute(
          ctx.database.db,
        )
      ).rows.map((r) => r.code),
    );
    const jakpus = rows.find((r) => r[1] === '3171')!;
    expect([jakpus[4], jakpus[5], jakpus[6]]).toEqual([1200, 300, undefined]);

    const logged = (await auditEntries('IMPORT_QUOTAS')).length;
    const again = await upload(p.pfm, Buffer.from(res.rawPayload), '?period=2019-04');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ changed: 0 });
    expect(await auditEntries('IMPORT_QUOTAS')).toHaveLength(logged + 1);
  });

  it('only PFM imports or downloads the template', async () => {
    const bytes = await sheet([['3174', 'Jakarta Selatan', 1, 1, 1]]);
    for (const who of [p.pusdatin, p.supervisorJakSel, p.provinsi31, p.operatorDesa]) {
      expect((await upload(who, bytes)).statusCode, who.username).toBe(403);
      expect((await get(who, '/api/v1/quotas/template.xlsx')).statusCode, who.username).toBe(403);
    }
    expect((await district('3174', '2019-04')).BPNT.quota).toBe(50);
  });
});

describe('Beranda', () => {
  it('shows used and quota per programme of the district', async () => {
    const home = (await get(p.supervisorJakSel, '/api/v1/home')).json();
    expect(home.quotas).toEqual([
      { program: 'BPNT', quota: 2, used: await usedBpnt() },
      { program: 'RASTRA', quota: null, used: 0 },
      { program: 'PBI', quota: demo.PBI, used: expect.any(Number) },
    ]);
    // An operator sees his own kecamatan's figures on Beranda, not the district's quota (issue 13).
    expect((await get(p.operatorDesa, '/api/v1/home')).json().quotas).toBeNull();
    expect((await get(p.provinsi31, '/api/v1/home')).json().quotas).toBeNull();
  });
});
