import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, auditEntries, ctx, get, householdsOf, p, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { insertImport, insertProposals, saveLetterProfile } from '../../../../test/support/finalisations.ts';
import { csvExport, wholeList, xlsxRows } from '../../../../test/support/exports.ts';
import { bearer } from '../../../../test/support/http.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import { closePeriod, openPeriod } from '../periods/index.ts';

// Rekapitulasi Kecamatan / Desa (F9) and the finalisation monitoring (C5) on 3174, with
// proposals in two periods and a little in 3171.

let hs: { idbdt: string; kode_wilayah: string }[];

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3174', households: 80, seed: 61, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3171', households: 6, seed: 62 });
  hs = await householdsOf('3174');

  // An earlier period with one proposal, then the open period with the ones the recap shows.
  await openPeriod(ctx, CLI_ACTOR, { code: '2018-07', startsOn: '2018-07-01', endsOn: '2018-12-31' });
  await insertProposals(ctx, await insertImport(ctx, '3174', '2018-07'), '3174', [
    { idbdt: hs[0]!.idbdt, kode_wilayah: hs[0]!.kode_wilayah, verval_result: 2, status: 'DISETUJUI' },
  ]);
  await closePeriod(ctx, CLI_ACTOR, '2018-07');
  await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  const imp = await insertImport(ctx, '3174', '2019-01');
  await insertProposals(ctx, imp, '3174', [
    { idbdt: hs[0]!.idbdt, kode_wilayah: hs[0]!.kode_wilayah, verval_result: 1, status: 'DISETUJUI' },
    { idbdt: hs[1]!.idbdt, kode_wilayah: hs[1]!.kode_wilayah, verval_result: 2, status: 'DITOLAK' },
    { idbdt: hs[2]!.idbdt, kode_wilayah: hs[2]!.kode_wilayah, verval_result: 3, status: 'MENUNGGU' },
    { idbdt: hs[3]!.idbdt, kode_wilayah: hs[3]!.kode_wilayah, verval_result: 4, status: 'SEBAGIAN' },
    { idbdt: hs[4]!.idbdt, kode_wilayah: hs[4]!.kode_wilayah, verval_result: 5, status: 'PERLU_PERBAIKAN' },
    { idbdt: hs[5]!.idbdt, kode_wilayah: hs[5]!.kode_wilayah, verval_result: 6, status: 'GAGAL_VALIDASI' },
    { kode_wilayah: hs[79]!.kode_wilayah, status: 'MENUNGGU' },
  ]);
  const other = (await householdsOf('3171'))[0]!;
  await insertProposals(ctx, await insertImport(ctx, '3171', '2019-01'), '3171', [
    { idbdt: other.idbdt, kode_wilayah: other.kode_wilayah, status: 'MENUNGGU' },
  ]);
  // One household leaves the registry: it no longer counts as AKTIF.
  await sql`update households set status = 'NONAKTIF' where idbdt = ${hs[6]!.idbdt}`.execute(ctx.database.db);
  // Programme lists (quotas of 2019-01 on), one KPM removed and one RASTRA KPM.
  await seedDemoLists(ctx, '3174', '2019-01-01');
  await sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-03-01', reason = 2
            where idbdt = (select min(idbdt) from kpm_memberships where kab_kota = '3174')`.execute(ctx.database.db);
  await sql`insert into kpm_memberships (kab_kota, program, idbdt, status, since) values ('3174', 'RASTRA', ${hs[10]!.idbdt}, 'AKTIF', '2019-02-01')`.execute(
    ctx.database.db,
  );
});

/** AKTIF KPM per programme and AKTIF PBI participants per area, counted here from the lists. */
async function expectedPrograms(len: 6 | 10) {
  const { rows } = await sql<{ area: string; bpnt: number; rastra: number; pbi: number }>`
    select substr(h.kode_wilayah, 1, ${len}) as area,
      (select count(*)::int from kpm_memberships k where k.idbdt = any(array_agg(h.idbdt)) and k.program = 'BPNT' and k.status = 'AKTIF') as bpnt,
      (select count(*)::int from kpm_memberships k where k.idbdt = any(array_agg(h.idbdt)) and k.program = 'RASTRA' and k.status = 'AKTIF') as rastra,
      (select count(*)::int from pbi_participants b where left(b.idartbdt, 16) = any(array_agg(h.idbdt)) and b.status = 'AKTIF') as pbi
    from households h where h.kode_wilayah like '3174%' group by 1`.execute(ctx.database.db);
  return new Map(rows.map((r) => [r.area, { BPNT: r.bpnt, RASTRA: r.rastra, PBI: r.pbi }]));
}

/** Expected figures per area, computed here from the rows themselves. */
async function expected(len: 6 | 10) {
  const { rows: h } = await sql<{
    area: string;
    n: number;
  }>`select substr(kode_wilayah, 1, ${len}) as area, count(*)::int as n from households where kode_wilayah like '3174%' and status = 'AKTIF' group by 1`.execute(
    ctx.database.db,
  );
  const { rows: m } = await sql<{
    area: string;
    n: number;
  }>`select substr(h.kode_wilayah, 1, ${len}) as area, count(*)::int as n from members m join households h using (idbdt)
    where h.kode_wilayah like '3174%' and h.status = 'AKTIF' and m.sta_keberadaan_art in (1, 4) group by 1`.execute(ctx.database.db);
  return { households: new Map(h.map((r) => [r.area, r.n])), members: new Map(m.map((r) => [r.area, r.n])) };
}

describe('Rekapitulasi', () => {
  it('Rekapitulasi Kecamatan: every kecamatan with households, members, results, usulan baru, statuses and totals', async () => {
    const res = await get(p.supervisorJakSel, '/api/v1/reports/recap/kecamatan');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      level: 'kecamatan',
      kab: { code: '3174' },
      period: { code: '2019-01', name: 'BDT Januari 2019' },
      kecamatan: null,
    });
    expect(r.rows.map((x: { code: string }) => x.code)).toEqual(await regionCodes('3174', 'kecamatan'));
    const want = await expected(6);
    for (const row of r.rows) {
      expect(row.households, row.code).toBe(want.households.get(row.code) ?? 0);
      expect(row.members, row.code).toBe(want.members.get(row.code) ?? 0);
    }
    expect(r.totals.households).toBe(79);
    expect(r.totals.counts).toEqual({
      proposals: 7,
      perbaikan: 6,
      usulanBaru: 1,
      result: { DITEMUKAN: 1, TIDAK_DITEMUKAN: 1, PINDAH: 1, BAGIAN_RUTA_LAIN: 1, MENOLAK: 1, GANDA: 1 },
      status: { MENUNGGU: 2, DISETUJUI: 1, SEBAGIAN: 1, DITOLAK: 1, PERLU_PERBAIKAN: 1, GAGAL_VALIDASI: 1 },
    });
    const first = r.rows.find((x: { code: string }) => x.code === hs[0]!.kode_wilayah.slice(0, 6));
    expect(first.counts.result.DITEMUKAN).toBe(1);
    // Programme counts per kecamatan, and at the district level against the quota of the period.
    const programs = await expectedPrograms(6);
    for (const row of r.rows) expect(row.programs, row.code).toEqual(programs.get(row.code) ?? { BPNT: 0, RASTRA: 0, PBI: 0 });
    const used = Object.fromEntries(
      (
        await sql<{ program: string; n: number }>`select program, count(*)::int as n from kpm_memberships where status = 'AKTIF' group by 1
        union all select 'PBI', count(*)::int from pbi_participants where status = 'AKTIF'`.execute(ctx.database.db)
      ).rows.map((x) => [x.program, x.n]),
    );
    expect(r.totals.programs).toEqual({ BPNT: used.BPNT, RASTRA: 1, PBI: used.PBI });
    const quota = await sql<{ program: string; quota: number }>`select program, quota from district_quotas where kab = '3174'`.execute(
      ctx.database.db,
    );
    const quotaOf = (program: string) => quota.rows.find((x) => x.program === program)?.quota ?? null;
    expect(quotaOf('BPNT')).toBeGreaterThan(used.BPNT!);
    expect(r.quotas).toEqual([
      { program: 'BPNT', quota: quotaOf('BPNT'), used: used.BPNT },
      { program: 'RASTRA', quota: null, used: 1 },
      { program: 'PBI', quota: quotaOf('PBI'), used: used.PBI },
    ]);
    // Another period counts its own proposals only.
    const earlier = (await get(p.supervisorJakSel, '/api/v1/reports/recap/kecamatan?period=2018-07')).json();
    expect(earlier.totals.counts).toMatchObject({ proposals: 1, result: { TIDAK_DITEMUKAN: 1 } });
    // The quotas were set from 2019-01 on: the earlier period has none.
    expect(earlier.quotas.map((x: { quota: number | null }) => x.quota)).toEqual([null, null, null]);
    expect((await get(p.supervisorJakSel, '/api/v1/reports/recap/kecamatan?period=2017-01')).statusCode).toBe(404);
  });

  it('Rekapitulasi Desa: every desa (or those of one kecamatan) with totals', async () => {
    const all = (await get(p.supervisorJakSel, '/api/v1/reports/recap/desa')).json();
    const desa = await regionCodes('3174', 'desa');
    expect(all.rows).toHaveLength(desa.length);
    expect(all.totals.counts.proposals).toBe(7);
    const want = await expected(10);
    for (const row of all.rows) expect(row.households, row.code).toBe(want.households.get(row.code) ?? 0);
    const programs = await expectedPrograms(10);
    for (const row of all.rows) expect(row.programs, row.code).toEqual(programs.get(row.code) ?? { BPNT: 0, RASTRA: 0, PBI: 0 });
    expect(all.rows.some((x: { programs: { PBI: number } }) => x.programs.PBI > 0)).toBe(true);
    const kec = hs[0]!.kode_wilayah.slice(0, 6);
    const one = (await get(p.supervisorJakSel, `/api/v1/reports/recap/desa?kecamatan=${kec}`)).json();
    expect(one.kecamatan.code).toBe(kec);
    expect(one.rows.every((x: { code: string; kecamatan: { code: string } }) => x.code.startsWith(kec) && x.kecamatan.code === kec)).toBe(
      true,
    );
    expect((await get(p.supervisorJakSel, '/api/v1/reports/recap/desa?kecamatan=317101')).statusCode).toBe(404);
  });

  it('keeps to the scope: own district for a supervisor, named districts for province and Pusdatin, none for others', async () => {
    expect((await get(p.supervisorOther, '/api/v1/reports/recap/kecamatan?kab=3174')).statusCode).toBe(404);
    const own = (await get(p.supervisorOther, '/api/v1/reports/recap/kecamatan')).json();
    expect(own.kab.code).toBe('3171');
    expect(JSON.stringify(own)).not.toContain('"3174');
    expect((await get(p.provinsi31, '/api/v1/reports/recap/kecamatan?kab=3174')).json().totals.counts.proposals).toBe(7);
    expect((await get(p.provinsi31, '/api/v1/reports/recap/kecamatan')).statusCode).toBe(400);
    expect((await get(p.provinsi31, '/api/v1/reports/recap/kecamatan?kab=3273')).statusCode).toBe(404);
    expect((await get(p.pusdatin, '/api/v1/reports/recap/desa?kab=3174')).statusCode).toBe(200);
    expect((await get(p.operatorDesa, '/api/v1/reports/recap/kecamatan')).statusCode).toBe(403);
    expect((await get(p.pfm, '/api/v1/reports/recap/kecamatan?kab=3174')).statusCode).toBe(403);
  });

  it('exports to csv and xlsx with a totals row, streamed and logged once per export', async () => {
    const csv = await get(p.supervisorJakSel, '/api/v1/reports/recap/export?level=kecamatan&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="Rekapitulasi_Kecamatan_3174_2019-01.csv"');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Kode Wilayah,Kecamatan,Rumah Tangga (AKTIF),Anggota Rumah Tangga,Ditemukan,Tidak Ditemukan,Pindah,Bagian Ruta Lain,Menolak,Ganda,Usulan Perbaikan,Usulan Baru,Menunggu,Disetujui,Disetujui Sebagian,Ditolak,Perlu Perbaikan,Gagal Validasi,Jumlah Usulan,' +
        'KPM BPNT (AKTIF),KPM RASTRA (AKTIF),Peserta PBI (AKTIF),Kuota BPNT,Kuota RASTRA,Kuota PBI',
    );
    const recap = (await get(p.supervisorJakSel, '/api/v1/reports/recap/kecamatan')).json();
    const [bpnt, , pbi] = recap.quotas;
    expect(lines.at(-1)!.startsWith(',JUMLAH,79,')).toBe(true);
    expect(lines.at(-1)!.endsWith(`,1,1,1,1,1,1,6,1,2,1,1,1,1,1,7,${bpnt.used},1,${pbi.used},${bpnt.quota},,${pbi.quota}`)).toBe(true);
    // Area rows carry their counts and leave the district's quota to the totals row.
    const row = lines.find((l) => l.startsWith(`${recap.rows[0].code},`))!.split(',');
    expect(row.slice(-6)).toEqual([...Object.values(recap.rows[0].programs as Record<string, number>).map(String), '', '', '']);
    const xlsx = await get(p.provinsi31, '/api/v1/reports/recap/export?level=desa&format=xlsx&kab=3174');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Rekapitulasi Desa')!;
    const desa = await regionCodes('3174', 'desa');
    expect(ws.rowCount).toBe(desa.length + 2);
    expect(ws.getRow(ws.rowCount).getCell(3).value).toBe('JUMLAH');
    expect((await auditEntries('EXPORT_RECAP')).map(({ text_id, actor_username }) => ({ text_id, actor_username }))).toEqual([
      {
        text_id: 'Export Rekapitulasi Kecamatan Kota Administrasi Jakarta Selatan BDT Januari 2019 (csv)',
        actor_username: '3174_supervisor',
      },
      {
        text_id: 'Export Rekapitulasi Desa Kota Administrasi Jakarta Selatan BDT Januari 2019 (xlsx)',
        actor_username: 'provinsi_31',
      },
    ]);
    expect((await get(p.supervisorOther, '/api/v1/reports/recap/export?level=kecamatan&format=csv&kab=3174')).statusCode).toBe(404);
  });
});

describe('Monitoring finalisasi', () => {
  it('shows a province its districts with finalisation status; Pusdatin all districts; nobody else', async () => {
    await sql`update proposals set status = 'DISETUJUI' where kab_kota = '3174' and status = 'MENUNGGU'`.execute(ctx.database.db);
    await saveLetterProfile(ctx, '3174');
    expect((await app.inject({ method: 'POST', url: '/api/v1/finalisations', headers: bearer(p.supervisorJakSel) })).statusCode).toBe(201);

    const res = await get(p.provinsi31, '/api/v1/reports/finalisations');
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.period.code).toBe('2019-01');
    expect(m.provinsi).toBe('31');
    const kab = await regionCodes('31', 'kabkota');
    expect(m.items.map((i: { kab: { code: string } }) => i.kab.code)).toEqual(kab);
    const jaksel = m.items.find((i: { kab: { code: string } }) => i.kab.code === '3174');
    expect(jaksel).toMatchObject({
      finalisations: 1,
      last: { number: 1 },
      proposals: 7,
      waiting: 0,
      openDecided: 0,
      state: 'FINAL',
      provinsi: { code: '31' },
    });
    const jakpus = m.items.find((i: { kab: { code: string } }) => i.kab.code === '3171');
    expect(jakpus).toMatchObject({ finalisations: 0, last: null, proposals: 1, waiting: 1, state: 'BELUM_FINALISASI' });
    expect(m.items.find((i: { kab: { code: string } }) => i.kab.code === '3101').state).toBe('BELUM_ADA_USULAN');
    expect(m.summary).toMatchObject({ districts: kab.length, finalised: 1, complete: 1, waiting: 1 });

    const national = (await get(p.pusdatin, '/api/v1/reports/finalisations')).json();
    expect(national.items).toHaveLength((await regionCodes('', 'kabkota')).length);
    expect(
      (await get(p.pusdatin, '/api/v1/reports/finalisations?provinsi=32'))
        .json()
        .items.every((i: { kab: { code: string } }) => i.kab.code.startsWith('32')),
    ).toBe(true);
    expect((await get(p.provinsi31, '/api/v1/reports/finalisations?provinsi=32')).statusCode).toBe(404);
    expect((await get(p.supervisorJakSel, '/api/v1/reports/finalisations')).statusCode).toBe(403);
    expect((await get(p.pfm, '/api/v1/reports/finalisations')).statusCode).toBe(403);
  });

  it('pages all districts of the country on the server, filters by province and state, and exports exactly the list', async () => {
    const all = await regionCodes('', 'kabkota');
    const page1 = (await get(p.pusdatin, '/api/v1/reports/finalisations?pageSize=50')).json();
    expect(page1).toMatchObject({ page: 1, pageSize: 50, total: all.length, state: null });
    expect(page1.items).toHaveLength(50);
    expect(page1.summary.districts).toBe(all.length);
    const last = Math.ceil(all.length / 50);
    const lastPage = (await get(p.pusdatin, `/api/v1/reports/finalisations?pageSize=50&page=${last}`)).json();
    expect(lastPage.items.map((i: { kab: { code: string } }) => i.kab.code)).toEqual(all.slice((last - 1) * 50));
    const every = await wholeList(p.pusdatin, '/api/v1/reports/finalisations', 100);
    expect(every.map((i) => (i.kab as { code: string }).code)).toEqual(all);

    // One state in one province: only its districts, the summary still the province's.
    const waiting = (await get(p.pusdatin, '/api/v1/reports/finalisations?provinsi=31&state=BELUM_FINALISASI')).json();
    expect(waiting.items.map((i: { kab: { code: string } }) => i.kab.code)).toEqual(['3171']);
    expect(waiting).toMatchObject({
      total: 1,
      state: 'BELUM_FINALISASI',
      summary: { districts: (await regionCodes('31', 'kabkota')).length },
    });
    const none = await wholeList(p.pusdatin, '/api/v1/reports/finalisations?state=BELUM_ADA_USULAN', 100);
    expect(none.every((i) => i.state === 'BELUM_ADA_USULAN')).toBe(true);
    expect(none).toHaveLength(all.length - 2);

    // The export holds the rows of the list with the same filter, every page of it.
    const csv = await csvExport(p.pusdatin, '/api/v1/reports/finalisations/export?format=csv&state=BELUM_ADA_USULAN');
    expect(csv.rows.map((r) => r['Kode Kab/Kota'])).toEqual(none.map((i) => (i.kab as { code: string }).code));
    expect(new Set(csv.rows.map((r) => r.Keadaan))).toEqual(new Set(['BELUM_ADA_USULAN']));
    const xlsx = await get(p.provinsi31, '/api/v1/reports/finalisations/export?format=xlsx&state=FINAL');
    expect(xlsx.statusCode).toBe(200);
    const cells = await xlsxRows(xlsx.rawPayload);
    const finals = await wholeList(p.provinsi31, '/api/v1/reports/finalisations?state=FINAL', 10);
    expect(cells.slice(1).map((r) => r[2])).toEqual(finals.map((i) => (i.kab as { code: string }).code));
    expect(finals.map((i) => (i.kab as { code: string }).code)).toEqual(['3174']);
    const logged = (await auditEntries('EXPORT_MONITORING')).at(-1)!;
    expect(logged.details).toMatchObject({ rows: 1, filter: { provinsi: '31', state: 'FINAL' } });

    expect((await get(p.pusdatin, '/api/v1/reports/finalisations?state=SELESAI')).statusCode).toBe(400);
  });
});
