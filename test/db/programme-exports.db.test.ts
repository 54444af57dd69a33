import { describe, expect, it } from 'vitest';
import { seedDemoLists, seedDistrict } from '../../src/server/modules/demo/index.ts';
import { everyItem } from '../../src/server/modules/finalisations/index.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { auditCount, auditEntries, get, p, post, setupTestBed } from '../support/bed.ts';
import { csvExport, wholeList, xlsxRows } from '../support/exports.ts';

// The exports of the BSP/PBI review lists and waiting lists (issue 10, F10/F11, F13): each file is
// its list (scope, order, masking), and each download is one log entry (names and NIK are personal).

setupTestBed(async (c) => {
  await openPeriod(c, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  await seedDistrict(c, { kab: '3174', households: 80, seed: 41 });
  await seedDistrict(c, { kab: '3171', households: 20, seed: 42 });
  await seedDemoLists(c, '3174', '2019-01-01');
  await seedDemoLists(c, '3171', '2019-01-01');
});

const sup = () => p.supervisorJakSel;
const lastLog = async (action: string) => (await auditEntries(action)).at(-1);

async function propose(module: 'kpm' | 'pbi', body: object): Promise<void> {
  const res = await post(sup(), `/api/v1/${module}/proposals`, body);
  expect(res.statusCode, res.body).toBe(201);
}

describe('GET /api/v1/{kpm,pbi}/proposals/export', () => {
  it('is the review list of the filter in its order, masked where the list is, one log entry each', async () => {
    const kpm = (await wholeList(sup(), '/api/v1/kpm?program=BPNT&status=AKTIF')).slice(0, 3);
    for (const k of kpm) await propose('kpm', { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: k.idbdt, reason: 1 });
    const waiting = (await get(sup(), '/api/v1/pbi/waiting-list?pageSize=2')).json().items as { idartbdt: string }[];
    for (const w of waiting) await propose('pbi', { type: 'PBI_USUL', idartbdt: w.idartbdt });

    const list = await wholeList(sup(), '/api/v1/kpm/proposals?status=MENUNGGU', 2);
    expect(list).toHaveLength(3);
    const { rows } = await csvExport(sup(), '/api/v1/kpm/proposals/export?format=csv&status=MENUNGGU');
    expect(rows.map((r) => [r['ID Usulan'], r.IDBDT, r['Nama Kepala Rumah Tangga'], r.Status])).toEqual(
      list.map((i) => [i.id, i.idbdt, i.namaKrt, i.status]),
    );
    expect(rows[0]!['Nama Kepala Rumah Tangga']).not.toContain('*');
    expect(await lastLog('EXPORT_BSP_PROPOSALS')).toMatchObject({
      actor_username: '3174_supervisor',
      region_code: '3174',
      text_id: 'Download daftar usulan BSP (csv, 3 baris), filter: status MENUNGGU',
      details: { rows: 3, format: 'csv', masked: false },
    });

    // The province reads the district's list masked; so is its file.
    const masked = await wholeList(p.provinsi31, '/api/v1/pbi/proposals?kab=3174');
    expect(masked).toHaveLength(2);
    const before = await auditCount('EXPORT_PBI_PROPOSALS');
    const res = await get(p.provinsi31, '/api/v1/pbi/proposals/export?kab=3174&format=xlsx');
    expect(res.statusCode).toBe(200);
    const sheet = await xlsxRows(res.rawPayload);
    const at = (h: string) => sheet[0]!.indexOf(h);
    expect(sheet.slice(1).map((r) => [r[at('ID Usulan')], r[at('IDARTBDT')], r[at('Nama ART')]])).toEqual(
      masked.map((i) => [i.id, i.idartbdt, i.nama]),
    );
    expect(String(sheet[1]![at('Nama ART')])).toMatch(/\*\*\*/);
    expect(await auditCount('EXPORT_PBI_PROPOSALS')).toBe(before + 1);
    expect(await lastLog('EXPORT_PBI_PROPOSALS')).toMatchObject({ region_code: '3174', details: { rows: 2, masked: true } });
  });

  it('answers 404 outside the scope and 403 without the verb, and logs nothing then', async () => {
    const before = await auditCount('EXPORT_BSP_PROPOSALS');
    expect((await get(p.supervisorOther, '/api/v1/kpm/proposals/export?kab=3174&format=csv')).statusCode).toBe(404);
    expect((await get(p.operatorDesa, '/api/v1/kpm/proposals/export?format=csv')).statusCode).toBe(403);
    expect(await auditCount('EXPORT_BSP_PROPOSALS')).toBe(before);
  });
});

describe('GET /api/v1/{kpm,pbi}/waiting-list/export', () => {
  it('is the waiting list in its order (lowest persentil first), masked where the list is, and logged', async () => {
    const list = await wholeList(sup(), '/api/v1/kpm/waiting-list?program=BPNT', 100);
    expect(list.length).toBeGreaterThan(0);
    const { rows } = await csvExport(sup(), '/api/v1/kpm/waiting-list/export?program=BPNT&format=csv');
    expect(rows.map((r) => [r.IDBDT, r['ID Pengurus'], r.Persentil])).toEqual(
      list.map((i) => [i.idbdt, i.idPengurus ?? '', String(i.persentil)]),
    );
    expect(await lastLog('EXPORT_KPM_WAITING')).toMatchObject({
      region_code: '3174',
      text_en: `Downloaded the BPNT waiting list (csv, ${list.length} rows), filter: programme BPNT`,
    });

    const pbi = await wholeList(p.provinsi31, '/api/v1/pbi/waiting-list?kab=3174', 100);
    const file = await csvExport(p.provinsi31, '/api/v1/pbi/waiting-list/export?kab=3174&format=csv');
    expect(file.rows.map((r) => [r.IDARTBDT, r['Nama ART'], r.NIK])).toEqual(pbi.map((i) => [i.idartbdt, i.nama, i.nik]));
    expect(file.rows[0]!.NIK).toMatch(/^\*+[0-9]{4}$/);
    expect(await lastLog('EXPORT_PBI_WAITING')).toMatchObject({ region_code: '3174', details: { rows: pbi.length, masked: true } });
    expect((await get(p.supervisorOther, '/api/v1/pbi/waiting-list/export?kab=3174&format=csv')).statusCode).toBe(404);
  });
});

describe('everyItem', () => {
  it('reads the pages after the first while they are full, and stops after a short one', async () => {
    const all = Array.from({ length: 7 }, (_, i) => i);
    const pages: number[] = [];
    const read = async (page: number, size: number) => {
      pages.push(page);
      return { items: all.slice((page - 1) * size, page * size), total: all.length };
    };
    const got: number[] = [];
    for await (const x of everyItem((await read(1, 3)).items, read, 3)) got.push(x);
    expect(got).toEqual(all);
    expect(pages).toEqual([1, 2, 3]);
  });
});
