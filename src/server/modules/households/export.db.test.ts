import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { auditEntries, ctx, get, p, setupTestBed } from '../../../../test/support/bed.ts';
import { csvExport, wholeList, xlsxRows } from '../../../../test/support/exports.ts';
import { seedDistrict } from '../demo/index.ts';

// Export of View Data Kesos (issue 11, F13): the household list of a filter as a streamed file,
// logged, masked for the province; the list's region filter and the member a search matched.

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 180, seed: 81 });
  await seedDistrict(c, { kab: '3171', households: 30, seed: 82 });
  // Some households of each status: an unfiltered export has them all.
  await sql`update households set status = 'NONAKTIF' where idbdt in
    (select idbdt from households where kode_wilayah like '3174%' order by idbdt desc limit 7)`.execute(c.database.db);
});

const ids = (items: Record<string, unknown>[]) => items.map((i) => i.idbdt);
const exportsLogged = async () => (await auditEntries('EXPORT_HOUSEHOLDS')).length;

describe('GET /api/v1/households/export', () => {
  it('unfiltered, the csv holds every household of the scope in the order of the list, all statuses; one log entry with the count', async () => {
    const list = await wholeList(p.supervisorJakSel, '/api/v1/households', 100);
    const { n } = await ctx.database.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kode_wilayah', 'like', '3174%')
      .executeTakeFirstOrThrow();
    expect(list).toHaveLength(Number(n));
    const before = await exportsLogged();
    const res = await get(p.supervisorJakSel, '/api/v1/households/export?format=csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Data_Kesos_3174_\d{4}-\d{2}-\d{2}\.csv"$/);
    const { header, rows } = await csvExport(p.supervisorJakSel, '/api/v1/households/export?format=csv');
    expect(header).toEqual([
      'IDBDT',
      'Kode Wilayah',
      'Kecamatan',
      'Desa/Kelurahan',
      'Nama Kepala Rumah Tangga',
      'Alamat',
      'Jumlah ART',
      'Persentil',
      'Desil',
      'Status',
    ]);
    expect(rows.map((r) => r.IDBDT)).toEqual(ids(list));
    expect(rows.filter((r) => r.Status === 'NONAKTIF')).toHaveLength(7);
    expect(rows.map((r) => [r['Nama Kepala Rumah Tangga'], r.Alamat, r['Desa/Kelurahan']])).toEqual(
      list.map((i) => [i.nama_krt ?? '', i.alamat, i.nama_desa]),
    );
    const withPersentil = rows.find((r) => r.Persentil !== '')!;
    expect(Number(withPersentil.Desil)).toBe(Math.ceil(Number(withPersentil.Persentil) / 10));

    const logs = await auditEntries('EXPORT_HOUSEHOLDS');
    expect(logs).toHaveLength(before + 2);
    expect(logs.at(-1)).toMatchObject({
      actor_username: '3174_supervisor',
      region_code: '3174',
      text_id: `Download daftar rumah tangga (csv, ${list.length} baris), filter: semua`,
      text_en: `Downloaded the household list (csv, ${list.length} rows), filter: none`,
      details: { format: 'csv', rows: list.length, masked: false },
    });
  });

  it('with a filter the file is exactly the filtered list, in xlsx too', async () => {
    const query = 'status=AKTIF&desil=3';
    const list = await wholeList(p.supervisorJakSel, `/api/v1/households?${query}`);
    expect(list.length).toBeGreaterThan(3);
    const { rows } = await csvExport(p.supervisorJakSel, `/api/v1/households/export?format=csv&${query}`);
    expect(rows.map((r) => r.IDBDT)).toEqual(ids(list));
    expect(new Set(rows.map((r) => `${r.Status} ${r.Desil}`))).toEqual(new Set(['AKTIF 3']));

    const res = await get(p.supervisorJakSel, `/api/v1/households/export?format=xlsx&${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await xlsxRows(res.rawPayload);
    expect(sheet[0]![0]).toBe('IDBDT');
    expect(sheet.slice(1).map((r) => r[0])).toEqual(ids(list));
    expect((await auditEntries('EXPORT_HOUSEHOLDS')).at(-1)).toMatchObject({
      text_id: `Download daftar rumah tangga (xlsx, ${list.length} baris), filter: status AKTIF, desil 3`,
      details: { rows: list.length, filter: { status: 'AKTIF', desil: 3 } },
    });
  });

  it('the province exports masked exactly as its list shows; it cannot export a personal search', async () => {
    const list = await wholeList(p.provinsi31, '/api/v1/households?kab=3174', 100);
    const { rows } = await csvExport(p.provinsi31, '/api/v1/households/export?format=csv&kab=3174');
    expect(rows.map((r) => [r.IDBDT, r['Nama Kepala Rumah Tangga'], r.Alamat])).toEqual(
      list.map((i) => [i.idbdt, i.nama_krt ?? '', i.alamat]),
    );
    for (const r of rows.filter((x) => x['Nama Kepala Rumah Tangga'])) expect(r['Nama Kepala Rumah Tangga']).toMatch(/^([A-Z]\*\*\* ?)+$/);
    expect(rows.every((r) => r.Alamat === r['Desa/Kelurahan'])).toBe(true);
    const real = await ctx.database.db.selectFrom('households').select(['nama_krt']).where('kode_wilayah', 'like', '3174%').execute();
    const body = (await get(p.provinsi31, '/api/v1/households/export?format=csv&kab=3174')).body;
    // Full names (a single word may be part of a desa's name).
    expect(real.filter((h) => h.nama_krt?.includes(' ') && body.includes(h.nama_krt))).toEqual([]);
    expect((await auditEntries('EXPORT_HOUSEHOLDS')).at(-1)).toMatchObject({
      actor_username: 'provinsi_31',
      text_id: `Download daftar rumah tangga (csv, ${list.length} baris), filter: kabupaten/kota 3174`,
      details: { masked: true, rows: list.length },
    });

    const searched = await get(p.provinsi31, '/api/v1/households/export?format=csv&q=siti');
    expect([searched.statusCode, searched.json().code]).toEqual([403, 'PERSONAL_SEARCH_FORBIDDEN']);
  });

  it('a search exports its matches; the log says there was a search but not what was searched', async () => {
    const head = (
      await ctx.database.db
        .selectFrom('households')
        .select('nama_krt')
        .where('kode_wilayah', 'like', '3174%')
        .orderBy('idbdt')
        .executeTakeFirstOrThrow()
    ).nama_krt!;
    const list = await wholeList(p.supervisorJakSel, `/api/v1/households?q=${encodeURIComponent(head)}`);
    const { rows } = await csvExport(p.supervisorJakSel, `/api/v1/households/export?format=csv&q=${encodeURIComponent(head)}`);
    expect(rows.map((r) => r.IDBDT)).toEqual(ids(list));
    const log = (await auditEntries('EXPORT_HOUSEHOLDS')).at(-1)!;
    expect([log.text_id, log.text_en]).toEqual([
      `Download daftar rumah tangga (csv, ${list.length} baris), filter: pencarian …`,
      `Downloaded the household list (csv, ${list.length} rows), filter: search …`,
    ]);
    expect(JSON.stringify(log)).not.toContain(head);
  });

  it('outside the scope 404, without registry:read 403, and neither is logged', async () => {
    const before = await exportsLogged();
    expect((await get(p.supervisorJakSel, '/api/v1/households/export?format=csv&kab=3171')).statusCode).toBe(404);
    expect((await get(p.provinsi31, '/api/v1/households/export?format=csv&provinsi=32')).statusCode).toBe(404);
    expect((await get(p.supervisorJakSel, '/api/v1/households/export?format=pdf')).statusCode).toBe(400);
    expect(await exportsLogged()).toBe(before);
    // The operator's scope lies inside the district: the district filter gives its own households.
    const { rows } = await csvExport(p.operatorDesa, '/api/v1/households/export?format=csv&kab=3174');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['Kode Wilayah']!.startsWith('317401'))).toBe(true);
  });
});

describe('View Data Kesos filters (issue 11, F13)', () => {
  it('national and province users narrow the list by province and district; a district outside the scope is 404', async () => {
    const kab3171 = await wholeList(p.pusdatin, '/api/v1/households?kab=3171', 100);
    expect(kab3171).toHaveLength(30);
    expect(kab3171.every((i) => String(i.kode_wilayah).startsWith('3171'))).toBe(true);
    const province = (await get(p.provinsi31, '/api/v1/households?provinsi=31&pageSize=1')).json();
    expect(province.total).toBe(180 + 30);
    expect((await get(p.pusdatin, '/api/v1/households?provinsi=32&pageSize=1')).json().total).toBe(0);
    expect((await get(p.supervisorOther, '/api/v1/households?kab=3174')).statusCode).toBe(404);
  });

  it('a search by name or NIK names the member that matched; other lists have no matched member', async () => {
    const db = ctx.database.db;
    // A member who is not the head, with a name no earlier member of the household starts with.
    const member = await db
      .selectFrom('members as m')
      .select(['m.idbdt', 'm.idartbdt', 'm.nama', 'm.nik'])
      .where('m.hub_krt', '<>', 1)
      .where('m.idbdt', 'like', '3174%')
      .where(
        sql<boolean>`not exists (select 1 from members o where o.idbdt = m.idbdt and o.idartbdt < m.idartbdt
          and lower(o.nama) like lower(m.nama) || '%')`,
      )
      .orderBy('m.idartbdt')
      .executeTakeFirstOrThrow();
    const byName = (await get(p.supervisorJakSel, `/api/v1/households?q=${encodeURIComponent(member.nama)}&pageSize=100`)).json();
    const found = byName.items.find((i: { idbdt: string }) => i.idbdt === member.idbdt);
    expect(found.matchedMember).toEqual({ idartbdt: member.idartbdt, nama: member.nama });
    const byNik = (await get(p.supervisorJakSel, `/api/v1/households?q=${member.nik}`)).json();
    expect(byNik.items.map((i: { idbdt: string; matchedMember: unknown }) => [i.idbdt, i.matchedMember])).toEqual([
      [member.idbdt, { idartbdt: member.idartbdt, nama: member.nama }],
    ]);
    const plain = (await get(p.supervisorJakSel, '/api/v1/households?pageSize=5')).json();
    expect(plain.items.map((i: { matchedMember: unknown }) => i.matchedMember)).toEqual([null, null, null, null, null]);
    // The province searches by IDBDT only, and its items name no member.
    const masked = (await get(p.provinsi31, `/api/v1/households?q=${member.idbdt}`)).json();
    expect(masked.items).toHaveLength(1);
    expect(masked.items[0].matchedMember).toBeUndefined();
  });
});
