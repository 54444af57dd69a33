import { describe, expect, it } from 'vitest';
import { streamProposals } from '../../src/server/modules/proposals/proposals.queries.ts';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { auditEntries, ctx, get, householdsOf, p, setupTestBed } from '../support/bed.ts';
import { csvExport, wholeList, xlsxRows } from '../support/exports.ts';
import { insertImport, insertProposals, type ProposalSpec } from '../support/finalisations.ts';

// The exports of the lists other than View Data Kesos (issue 11, F13): Verifikasi Usulan, the
// imports, the users and the finalisation monitoring. Each file is its list, and each download is
// one log entry naming the filter and the row count.

const STATUSES: ProposalSpec['status'][] = ['MENUNGGU', 'DISETUJUI', 'DITOLAK', 'MENUNGGU', 'PERLU_PERBAIKAN'];

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 40, seed: 91 });
  await seedDistrict(c, { kab: '3171', households: 6, seed: 92 });
  await openPeriod(c, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  const hs = await householdsOf('3174');
  // Two imports of 3174 (their proposals share one imported_at each), one of 3171.
  for (const part of [hs.slice(0, 17), hs.slice(17, 29)])
    await insertProposals(
      c,
      await insertImport(c, '3174', '2019-01'),
      '3174',
      part.map((h, i) => ({ idbdt: h.idbdt, kode_wilayah: h.kode_wilayah, status: STATUSES[i % STATUSES.length]! })),
    );
  const other = (await householdsOf('3171'))[0]!;
  await insertProposals(c, await insertImport(c, '3171', '2019-01'), '3171', [
    { idbdt: other.idbdt, kode_wilayah: other.kode_wilayah, status: 'MENUNGGU' },
  ]);
});

const lastLog = async (action: string) => (await auditEntries(action)).at(-1);

describe('GET /api/v1/proposals/export', () => {
  it('is the list of the filter in its order, one log entry with the count; read a page at a time without loss', async () => {
    const list = await wholeList(p.supervisorJakSel, '/api/v1/proposals?tab=PERBAIKAN');
    expect(list).toHaveLength(29);
    const { rows } = await csvExport(p.supervisorJakSel, '/api/v1/proposals/export?format=csv&tab=PERBAIKAN');
    expect(rows.map((r) => r['ID Usulan'])).toEqual(list.map((i) => i.id));
    expect(rows.map((r) => [r.IDBDT, r.Status, r['Kode Hasil Verval']])).toEqual(
      list.map((i) => [i.idbdt, i.status, String(i.vervalResult)]),
    );
    expect(rows[0]!['Hasil Verval']).toBe('DITEMUKAN');
    expect(await lastLog('EXPORT_PROPOSALS')).toMatchObject({
      actor_username: '3174_supervisor',
      region_code: '3174',
      text_id: 'Download daftar usulan (csv, 29 baris), filter: jenis PERBAIKAN',
      details: { rows: 29, format: 'csv' },
    });

    const waiting = await wholeList(p.supervisorJakSel, '/api/v1/proposals?tab=PERBAIKAN&status=MENUNGGU');
    const res = await get(p.supervisorJakSel, '/api/v1/proposals/export?format=xlsx&tab=PERBAIKAN&status=MENUNGGU');
    expect(res.statusCode).toBe(200);
    const sheet = await xlsxRows(res.rawPayload);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(waiting.map((i) => i.id));
    expect((await lastLog('EXPORT_PROPOSALS'))!.text_en).toBe(
      `Downloaded the proposal list (xlsx, ${waiting.length} rows), filter: type PERBAIKAN, status MENUNGGU`,
    );

    const streamed: string[] = [];
    for await (const r of streamProposals(ctx.database.db, { kab: '3174', tab: 'PERBAIKAN' }, 4)) streamed.push(r.id);
    expect(streamed).toEqual(list.map((i) => i.id));
  });
});

describe('GET /api/v1/imports/export', () => {
  it("is the district's import list, newest first, and logged", async () => {
    const list = await wholeList(p.supervisorJakSel, '/api/v1/imports');
    const { rows } = await csvExport(p.supervisorJakSel, '/api/v1/imports/export?format=csv');
    expect(rows.map((r) => r['ID Impor'])).toEqual(list.map((i) => i.id));
    expect(rows.every((r) => r.Status === 'DONE' && r.Modul === 'BDT')).toBe(true);
    expect(await lastLog('EXPORT_IMPORTS')).toMatchObject({ region_code: '3174', details: { rows: 2 } });
  });
});

describe('GET /api/v1/users/export', () => {
  it('is the user list of the filter (PUSDATIN), by username, and logged', async () => {
    const all = await wholeList(p.pusdatin, '/api/v1/users');
    const { rows } = await csvExport(p.pusdatin, '/api/v1/users/export?format=csv');
    expect(rows.map((r) => r['User ID'])).toEqual(all.map((u) => u.username));
    const supervisors = await csvExport(p.pusdatin, '/api/v1/users/export?format=csv&role=SUPERVISOR');
    expect(supervisors.rows.map((r) => [r['User ID'], r.Wilayah])).toEqual([
      ['3171_supervisor', '3171'],
      ['3174_supervisor', '3174'],
    ]);
    expect(await lastLog('EXPORT_USERS')).toMatchObject({
      actor_username: 'pusdatin',
      text_id: 'Download daftar pengguna (csv, 2 baris), filter: peran SUPERVISOR',
    });
  });
});

describe('GET /api/v1/reports/finalisations/export', () => {
  it("is the province's monitoring of the period, one row per district, and logged", async () => {
    const page = (await get(p.provinsi31, '/api/v1/reports/finalisations?period=2019-01')).json();
    const { rows } = await csvExport(p.provinsi31, '/api/v1/reports/finalisations/export?format=csv&period=2019-01');
    expect(rows.map((r) => [r['Kode Kab/Kota'], r.Usulan, r.Menunggu, r.Keadaan])).toEqual(
      page.items.map((i: { kab: { code: string }; proposals: number; waiting: number; state: string }) => [
        i.kab.code,
        String(i.proposals),
        String(i.waiting),
        i.state,
      ]),
    );
    expect(rows.find((r) => r['Kode Kab/Kota'] === '3174')).toMatchObject({ Usulan: '29', Keadaan: 'BELUM_FINALISASI' });
    expect(await lastLog('EXPORT_MONITORING')).toMatchObject({
      actor_username: 'provinsi_31',
      region_code: '31',
      text_id: `Download monitoring finalisasi (csv, ${rows.length} baris), filter: periode 2019-01, provinsi 31`,
    });
    expect((await get(p.pusdatin, '/api/v1/reports/finalisations/export?format=csv&provinsi=32&period=2019-01')).statusCode).toBe(200);
    expect((await get(p.provinsi31, '/api/v1/reports/finalisations/export?format=csv&provinsi=32')).statusCode).toBe(404);
  });
});

describe('GET /api/v1/pkh/candidates/export', () => {
  it('is the candidate list of the filter in its order, masked for the province, and logged', async () => {
    const list = await wholeList(p.supervisorJakSel, '/api/v1/pkh/candidates?desil=1');
    expect(list.length).toBeGreaterThan(0);
    const { rows } = await csvExport(p.supervisorJakSel, '/api/v1/pkh/candidates/export?format=csv&desil=1');
    expect(rows.map((r) => [r.IDBDT, r['Nama KRT'], r['Lansia (>=60)']])).toEqual(
      list.map((i) => [i.idbdt, i.nama_krt ?? '', String((i.components as Record<string, number>).lansia)]),
    );
    expect(await lastLog('EXPORT_PKH_CANDIDATES')).toMatchObject({
      region_code: '3174',
      text_id: `Download daftar calon PKH (csv, ${list.length} baris), filter: kabupaten/kota 3174, desil 1`,
    });
    const masked = await csvExport(p.provinsi31, '/api/v1/pkh/candidates/export?format=csv&kab=3174&desil=1');
    expect(masked.rows.map((r) => r.IDBDT)).toEqual(list.map((i) => i.idbdt));
    for (const r of masked.rows.filter((x) => x['Nama KRT'])) expect(r['Nama KRT']).toMatch(/^([A-Z]\*\*\* ?)+$/);
    expect((await lastLog('EXPORT_PKH_CANDIDATES'))!.details).toMatchObject({ masked: true });
  });
});

describe('GET /api/v1/audit/export', () => {
  it('is Logs History as the user reads it, newest first, without the entries written after its count', async () => {
    await csvExport(p.supervisorJakSel, '/api/v1/imports/export?format=csv');
    const list = await wholeList(p.supervisorJakSel, '/api/v1/audit', 100);
    expect(list.length).toBeGreaterThan(0);
    const { header, rows } = await csvExport(p.supervisorJakSel, '/api/v1/audit/export?format=csv');
    expect(header).toEqual(['Waktu', 'Informasi', 'Oleh', 'Aksi']);
    expect(rows.map((r) => [r.Informasi, r.Oleh, r.Aksi])).toEqual(list.map((i) => [i.text, i.actor, i.action]));
    const logged = await lastLog('EXPORT_AUDIT');
    expect(logged).toMatchObject({ actor_username: '3174_supervisor', details: { rows: list.length } });
    // The export's own entry is in the log now, but not in the file it describes.
    expect((await get(p.supervisorJakSel, '/api/v1/audit?pageSize=1')).json().items[0].action).toBe('EXPORT_AUDIT');
    expect(rows.some((r) => r.Aksi === 'EXPORT_AUDIT')).toBe(false);
  });
});
