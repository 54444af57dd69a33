import ExcelJS from 'exceljs';
import { type SqlBool, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { auditEntries, ctx, get, p, setupTestBed } from '../../../../test/support/bed.ts';
import { parseCsv, wholeList } from '../../../../test/support/exports.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import * as lq from './lists.queries.ts';

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 300, seed: 51 });
  await seedDistrict(c, { kab: '3171', households: 20, seed: 52 });
  await seedDemoLists(c, '3174', '2019-01-01');
  const db = c.database.db;
  // Variety the list shows: a removed KPM, a RASTRA KPM, a KPM and a participant without persentil.
  await sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-04-01', reason = 3
            where idbdt = (select min(idbdt) from kpm_memberships where kab_kota = '3174')`.execute(db);
  await sql`insert into kpm_memberships (kab_kota, program, idbdt, status, since)
            select '3174', 'RASTRA', idbdt, 'AKTIF', '2019-02-01' from kpm_memberships where kab_kota = '3174' order by idbdt desc limit 3`.execute(
    db,
  );
  await sql`update households set persentil = null
            where idbdt in (select distinct idbdt from kpm_memberships where kab_kota = '3174' order by idbdt desc limit 2)`.execute(db);
});

describe('GET /api/v1/kpm/export and /api/v1/pbi/export', () => {
  it('the csv is the whole list in the order of GET /api/v1/kpm, one log entry naming the filter and the rows', async () => {
    const list = await wholeList(p.supervisorJakSel, '/api/v1/kpm');
    expect(list.length).toBeGreaterThan(50);
    const res = await get(p.supervisorJakSel, '/api/v1/kpm/export?format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Daftar_KPM_3174_\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const [header, ...rows] = parseCsv(res.body);
    expect(header!.slice(0, 3)).toEqual(['Program', 'IDBDT', 'Kode Wilayah']);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => `${r[col('Program')]} ${r[col('IDBDT')]}`)).toEqual(list.map((i) => `${i.program} ${i.idbdt}`));
    expect(rows.map((r) => r[col('No KKS')] || null)).toEqual(list.map((i) => i.no_kks));
    expect(rows.map((r) => r[col('Nama Kepala Rumah Tangga')])).toEqual(list.map((i) => i.nama_krt));
    // Households without a persentil come last, as in the list; the removal's reason is spelled out.
    expect(rows.at(-1)![col('Persentil')]).toBe('');
    const removed = rows.find((r) => r[col('Status')] === 'NONAKTIF')!;
    expect([removed[col('Sampai')], removed[col('Kode Alasan')], removed[col('Alasan')]]).toEqual(['2019-04-01', '3', 'Mampu/tidak layak']);

    const filtered = parseCsv((await get(p.supervisorJakSel, '/api/v1/kpm/export?format=csv&program=RASTRA&persentilMax=100')).body);
    expect(filtered).toHaveLength(1 + 1);
    expect((await get(p.supervisorJakSel, '/api/v1/kpm?program=RASTRA&persentilMax=100')).json().total).toBe(1);

    const logs = await auditEntries('EXPORT_KPM');
    expect(logs.map((l) => l.text_id)).toEqual([
      `Download daftar KPM (csv, ${list.length} baris), filter: kabupaten/kota 3174`,
      'Download daftar KPM (csv, 1 baris), filter: program RASTRA, kabupaten/kota 3174, persentil 1–100',
    ]);
    expect(logs[1]).toMatchObject({
      actor_username: '3174_supervisor',
      region_code: '3174',
      text_en: 'Downloaded the KPM list (csv, 1 rows), filter: program RASTRA, district 3174, percentile 1–100',
    });
    expect(logs[1]!.details).toMatchObject({
      format: 'csv',
      rows: 1,
      masked: false,
      filter: { program: 'RASTRA', kab: '3174', persentilMax: 100 },
    });
  });

  it('the PBI xlsx holds every participant of the list with unmasked numbers for the supervisor', async () => {
    const list = await wholeList(p.supervisorJakSel, '/api/v1/pbi');
    const res = await get(p.supervisorJakSel, '/api/v1/pbi/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Daftar Peserta PBI')!;
    expect(ws.rowCount).toBe(1 + list.length);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['IDARTBDT', 'IDBDT', 'Kode Wilayah', 'Desa/Kelurahan', 'Nama', 'NIK']);
    const cells = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(cells(2).slice(0, 6)).toEqual([
      list[0]!.idartbdt,
      list[0]!.idbdt,
      list[0]!.kode_wilayah,
      list[0]!.nama_desa,
      list[0]!.nama,
      list[0]!.nik,
    ]);
    expect(cells(1 + list.length)[0]).toBe(list.at(-1)!.idartbdt);
    expect(String(cells(2)[5])).toMatch(/^[0-9]{16}$/);
    expect((await auditEntries('EXPORT_PBI')).at(-1)!.text_id).toBe(
      `Download daftar peserta PBI (xlsx, ${list.length.toLocaleString('id-ID')} baris), filter: kabupaten/kota 3174`,
    );
  });

  it('the province downloads the lists masked exactly as it sees them; outside the scope 404, without the verb 403, neither logged', async () => {
    const kpm = await get(p.provinsi31, '/api/v1/kpm/export?kab=3174&format=csv');
    expect(kpm.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(kpm.body);
    const list = await wholeList(p.provinsi31, '/api/v1/kpm?kab=3174');
    expect(rows.map((r) => r[header!.indexOf('No KKS')] || null)).toEqual(list.map((i) => i.no_kks));
    expect(rows.map((r) => r[header!.indexOf('Nama Pengurus')] || null)).toEqual(list.map((i) => i.nama_pengurus));
    for (const r of rows.filter((x) => x[header!.indexOf('No KKS')])) expect(r[header!.indexOf('No KKS')]).toMatch(/^\*{12}[0-9]{4}$/);

    const pbi = parseCsv((await get(p.provinsi31, '/api/v1/pbi/export?kab=3174&format=csv')).body);
    const nik = pbi[0]!.indexOf('NIK');
    expect(pbi.length).toBeGreaterThan(10);
    for (const r of pbi.slice(1)) {
      expect(r[nik]).toMatch(/^\*{12}[0-9]{4}$/);
      expect(r[pbi[0]!.indexOf('Nama')]).toMatch(/\*\*\*/);
    }
    const real = await ctx.database.db
      .selectFrom('pbi_participants as b')
      .innerJoin('members as m', 'm.idartbdt', 'b.idartbdt')
      .select('m.nik')
      .execute();
    const body = (await get(p.provinsi31, '/api/v1/pbi/export?kab=3174&format=csv')).body;
    expect(real.filter((r) => body.includes(r.nik))).toEqual([]);
    expect((await auditEntries('EXPORT_PBI')).at(-1)).toMatchObject({ actor_username: 'provinsi_31', details: { masked: true } });

    const logged = (await auditEntries('EXPORT_KPM')).length + (await auditEntries('EXPORT_PBI')).length;
    for (const url of ['/api/v1/kpm/export?kab=3174&format=csv', '/api/v1/pbi/export?kab=3174&format=xlsx']) {
      expect((await get(p.supervisorOther, url)).statusCode).toBe(404);
      expect((await get(p.operatorDesa, url)).statusCode).toBe(403);
    }
    expect((await auditEntries('EXPORT_KPM')).length + (await auditEntries('EXPORT_PBI')).length).toBe(logged);
  });

  it('read a page at a time, the export crosses page boundaries without losing or repeating a row', async () => {
    const f = { scope: sql<SqlBool>`h.kode_wilayah like '3174%'`, kab: '3174' };
    const all = async <T>(rows: AsyncIterable<T>) => {
      const out: T[] = [];
      for await (const r of rows) out.push(r);
      return out;
    };
    const kpm = (await lq.pageKpm(ctx.database.db, { ...f, page: 1, pageSize: 1000 })).items;
    expect((await all(lq.streamKpm(ctx.database.db, f, 7))).map((r) => `${r.program}${r.idbdt}`)).toEqual(
      kpm.map((r) => `${r.program}${r.idbdt}`),
    );
    const pbi = (await lq.pagePbi(ctx.database.db, { ...f, page: 1, pageSize: 1000 })).items;
    expect((await all(lq.streamPbi(ctx.database.db, f, 9))).map((r) => r.idartbdt)).toEqual(pbi.map((r) => r.idartbdt));
  });
});
