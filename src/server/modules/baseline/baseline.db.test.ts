import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { app, auditEntries, ctx, get, p, post, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import { runCommand } from '../../../cli/commands.ts';
import { resolveBaselineFiles } from '../../../cli/baseline.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { multipartFiles } from '../../../../test/support/route-probes.ts';
import { deriveHouseholdFields } from '../../../shared/rules/index.ts';
import type { Actor } from '../../platform/scope.ts';
import { seedDistrict } from '../demo/index.ts';
import type { GeneratedHousehold } from '../demo/index.ts';
import { BASELINE_COLUMNS, baselineLine, sampleHouseholds, writeBaselineCsv } from './baseline.sample.ts';
import { confirmBaseline, loadBaseline } from './baseline.service.ts';

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3173', households: 12, seed: 5 });
  await c.database.db
    .insertInto('periods')
    .values({ code: '2019-01', name: 'BDT Januari 2019', starts_on: '2019-01-01', ends_on: '2019-06-30' })
    .execute();
});

/** Generated households of a district's first desa (deterministic). */
async function households(kab: string, n: number, seed = 7): Promise<GeneratedHousehold[]> {
  const desa = (await regionCodes(kab, 'desa')).slice(0, 3).map((code) => ({ code, kecamatan: code.slice(0, 6) }));
  return [...sampleHouseholds({ kab, desa, households: n, seed })];
}

function csvFiles(generated: GeneratedHousehold[]): { households: string; members: string } {
  let h = '';
  let m = '';
  writeBaselineCsv(generated, { households: (l) => (h += l), members: (l) => (m += l) });
  return { households: h, members: m };
}

function upload(who: Persona, kab: string, files: Record<string, { name: string; bytes: Buffer | Uint8Array }>) {
  const body = multipartFiles(files);
  return app.inject({
    method: 'POST',
    url: `/api/v1/baseline?kab=${kab}&period=2019-01`,
    payload: body.payload,
    headers: { ...body.headers, ...bearer(who) },
  });
}

function uploadCsv(kab: string, text: { households: string | Buffer; members: string | Buffer }) {
  return upload(p.pusdatin, kab, {
    households: { name: 'households.csv', bytes: Buffer.from(text.households) },
    members: { name: 'members.csv', bytes: Buffer.from(text.members) },
  });
}

const countIn = async (kab: string) =>
  Number(
    (
      await ctx.database.db
        .selectFrom('households')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('kode_wilayah', 'like', `${kab}%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

const pusdatinActor = (): Actor => ({
  userId: 0,
  username: p.pusdatin.username,
  name: 'Pusdatin',
  role: 'PUSDATIN',
  regions: [],
  language: 'id',
  mustChangePassword: false,
});

describe('baseline load (C2)', () => {
  it('reports three bad rows in the error report and publishes nothing; after fixing, confirm publishes all', async () => {
    const generated = await households('3171', 20);
    const broken = structuredClone(generated);
    (broken[2]!.household as Record<string, unknown>).sta_bangunan = 9; // not in the code list
    (broken[5]!.household as Record<string, unknown>).luas_lantai = 'luas'; // not a number
    (broken[9]!.household as Record<string, unknown>).alamat = null; // required
    const bad = await uploadCsv('3171', csvFiles(broken));
    expect(bad.statusCode, bad.body).toBe(200);
    const load = bad.json();
    expect(load).toMatchObject({ status: 'INVALID', households: 20, errorCount: 3 });
    expect(load.members).toBe(generated.reduce((n, g) => n + g.members.length, 0));

    const report = await get(p.pusdatin, `/api/v1/baseline/${load.id}/errors.csv`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.body.trim().split('\r\n');
    expect(lines[0]).toBe('berkas,baris,kolom,kode,pesan');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'households,4,sta_bangunan,CODE',
      'households,7,luas_lantai,TYPE',
      'households,11,alamat,REQUIRED',
    ]);
    expect(lines[3]).toContain('wajib diisi');
    expect((await auditEntries('BASELINE_ERRORS_DOWNLOAD')).length).toBeGreaterThan(0);

    const refused = await post(p.pusdatin, `/api/v1/baseline/${load.id}/confirm`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('BASELINE_NOT_READY');
    expect(await countIn('3171')).toBe(0);

    const fixed = await uploadCsv('3171', csvFiles(generated));
    expect(fixed.json()).toMatchObject({ status: 'READY', households: 20, errorCount: 0, existingHouseholds: 0 });
    // The earlier load was discarded with its staging rows.
    expect((await get(p.pusdatin, `/api/v1/baseline/${load.id}`)).json().status).toBe('DISCARDED');
    const published = await post(p.pusdatin, `/api/v1/baseline/${fixed.json().id}/confirm`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('PUBLISHED');
    expect(await countIn('3171')).toBe(20);

    const g = generated[0]!;
    const row = await ctx.database.db.selectFrom('households').selectAll().where('idbdt', '=', g.household.idbdt).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ version: 1, status: 'AKTIF', ...deriveHouseholdFields(g.members as unknown as Record<string, unknown>[]) });
    const members = await ctx.database.db
      .selectFrom('members')
      .selectAll()
      .where('idbdt', '=', g.household.idbdt)
      .orderBy('idartbdt')
      .execute();
    expect(members.map((m) => m.nik)).toEqual(g.members.map((m) => m.nik));
    expect(members.every((m) => m.version === 1)).toBe(true);
    expect((await auditEntries('BASELINE_PUBLISH')).at(-1)?.region_code).toBe('3171');
    const staged = await ctx.database.db
      .selectFrom('baseline_households')
      .select('row_no')
      .where('load_id', '=', fixed.json().id)
      .execute();
    expect(staged).toEqual([]);
  });

  it('replaces a district that has households only with the second confirmation', async () => {
    expect(await countIn('3173')).toBe(12);
    const generated = await households('3173', 6, 11);
    const res = await uploadCsv('3173', csvFiles(generated));
    const load = res.json();
    expect(load).toMatchObject({ status: 'READY', existingHouseholds: 12 });

    for (const body of [{}, { replace: true }, { replace: true, confirmKab: '3174' }]) {
      const refused = await post(p.pusdatin, `/api/v1/baseline/${load.id}/confirm`, body);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('BASELINE_REPLACE_UNCONFIRMED');
    }
    expect(await countIn('3173')).toBe(12);

    const done = await post(p.pusdatin, `/api/v1/baseline/${load.id}/confirm`, { replace: true, confirmKab: '3173' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'PUBLISHED', replacedHouseholds: 12 });
    expect(await countIn('3173')).toBe(6);
  });

  it('leaves nothing half-written when publishing dies mid-way, and publishes on the next try', async () => {
    const generated = await households('3172', 8, 13);
    const load = (await uploadCsv('3172', csvFiles(generated))).json();
    expect(load.status).toBe('READY');
    const before = (await auditEntries('BASELINE_PUBLISH')).length;
    await expect(confirmBaseline(ctx, pusdatinActor(), load.id, {}, { failAfterHouseholds: true })).rejects.toThrow(/injected fault/);
    expect(await countIn('3172')).toBe(0);
    expect((await auditEntries('BASELINE_PUBLISH')).length).toBe(before);
    expect((await get(p.pusdatin, `/api/v1/baseline/${load.id}`)).json().status).toBe('READY');
    const done = await post(p.pusdatin, `/api/v1/baseline/${load.id}/confirm`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(await countIn('3172')).toBe(8);
  });

  it('reports NUL bytes and unpaired surrogates in a cell as errors of their rows, never a 500', async () => {
    const generated = await households('3175', 5, 17);
    const files = csvFiles(generated);
    const lines = files.households.split('\r\n');
    lines[1] = lines[1]!.replace(/,([^,]*),/, ',Jl. Mawar\u0000 1,'); // a NUL inside a cell of row 2
    const withNul = Buffer.from(lines.join('\r\n'));
    // Row 3 carries the UTF-8 form of a lone surrogate (ED A0 80): not valid UTF-8.
    const text = withNul.toString('utf8').split('\r\n');
    const [before, after] = [text.slice(0, 2).join('\r\n'), text.slice(2).join('\r\n')];
    const row3 = after.replace(/,/, ',X');
    const bytes = Buffer.concat([
      Buffer.from(`${before}\r\n`),
      Buffer.from(row3.slice(0, row3.indexOf('X'))),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(row3.slice(row3.indexOf('X') + 1)),
    ]);
    const res = await uploadCsv('3175', { households: bytes, members: files.members });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'INVALID' });
    const report = (await get(p.pusdatin, `/api/v1/baseline/${res.json().id}/errors.csv`)).body.trim().split('\r\n').slice(1);
    expect(report.some((l) => l.startsWith('households,2,') && l.includes(',TYPE,'))).toBe(true);
    expect(report.some((l) => l.startsWith('households,3,') && l.includes(',TYPE,'))).toBe(true);
    expect(await countIn('3175')).toBe(0);
  });

  it('names a member without IDARTBDT, a member of no household and a repeated IDBDT by their rows', async () => {
    const generated = await households('3175', 4, 31);
    const files = csvFiles(generated);
    const members = files.members.split('\r\n');
    const col = (name: string) => BASELINE_COLUMNS.members.indexOf(name as never);
    const cells = members[1]!.split(',');
    cells[col('idartbdt')] = '';
    members[1] = cells.join(',');
    const orphan = members[2]!.split(',');
    orphan[col('idbdt')] = '3175999999999999';
    members[2] = orphan.join(',');
    const hh = files.households.split('\r\n');
    hh.splice(3, 0, hh[1]!); // the first household once more, as row 4
    const res = await uploadCsv('3175', { households: hh.join('\r\n'), members: members.join('\r\n') });
    expect(res.statusCode, res.body).toBe(200);
    const report = (await get(p.pusdatin, `/api/v1/baseline/${res.json().id}/errors.csv`)).body.trim().split('\r\n').slice(1);
    const codes = report.map((l) => l.split(',').slice(0, 4).join(','));
    expect(codes).toContain('members,2,idartbdt,REQUIRED');
    expect(codes).toContain('members,3,idbdt,ORPHAN');
    expect(codes).toContain('households,2,idbdt,DUPLICATE');
    expect(codes).toContain('households,4,idbdt,DUPLICATE');
    const detail = await get(p.pusdatin, `/api/v1/baseline/${res.json().id}`);
    expect(detail.json()).toMatchObject({ status: 'INVALID', phase: 'DONE', progress: 1, households: 5 });
  });

  it('reads one xlsx workbook and one ZIP of both CSV files', async () => {
    const generated = await households('3101', 4, 19);
    const wb = new ExcelJS.Workbook();
    for (const [name, cols, records] of [
      ['households', BASELINE_COLUMNS.households, generated.map((g) => g.household)],
      ['members', BASELINE_COLUMNS.members, generated.flatMap((g) => g.members)],
    ] as const) {
      const ws = wb.addWorksheet(name);
      ws.addRow([...cols]);
      for (const r of records) ws.addRow(cols.map((c) => (r as unknown as Record<string, unknown>)[c] ?? null));
    }
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const viaXlsx = await upload(p.pusdatin, '3101', { file: { name: 'baseline.xlsx', bytes: xlsx } });
    expect(viaXlsx.statusCode, viaXlsx.body).toBe(200);
    expect(viaXlsx.json()).toMatchObject({ status: 'READY', households: 4 });

    const files = csvFiles(generated);
    const zip = zipSync({ 'households.csv': Buffer.from(files.households), 'members.csv': Buffer.from(files.members) });
    const viaZip = await upload(p.pusdatin, '3101', { file: { name: 'baseline.zip', bytes: zip } });
    expect(viaZip.statusCode, viaZip.body).toBe(200);
    expect(viaZip.json()).toMatchObject({ status: 'READY', households: 4, errorCount: 0 });
  });

  it('refuses an upload without the members, and roles without baseline:load', async () => {
    const generated = await households('3101', 2, 23);
    const files = csvFiles(generated);
    const only = await upload(p.pusdatin, '3101', { households: { name: 'households.csv', bytes: Buffer.from(files.households) } });
    expect(only.statusCode).toBe(400);
    expect(only.json().code).toBe('BASELINE_FILES_MISSING');
    const denied = await upload(p.supervisorJakSel, '3174', {
      households: { name: 'households.csv', bytes: Buffer.from(files.households) },
    });
    expect(denied.statusCode).toBe(403);
    // The service refuses the same way for the CLI's files.
    await expect(
      loadBaseline(ctx, { ...pusdatinActor(), role: 'SUPERVISOR', regions: ['3174'] }, { kab: '3174', period: '2019-01', files: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(baselineLine(['a', 'b'], { a: 'x,y', b: null })).toBe('"x,y",\r\n');
  });

  it('loads from the command line: errors printed and nothing published, then --publish and --replace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-cli-'));
    const generated = await households('3201', 3, 29);
    const broken = structuredClone(generated);
    (broken[1]!.household as Record<string, unknown>).lantai = 77;
    const write = (set: GeneratedHousehold[]) => {
      const f = csvFiles(set);
      fs.writeFileSync(path.join(dir, 'households.csv'), f.households);
      fs.writeFileSync(path.join(dir, 'members.csv'), f.members);
    };
    const run = async (argv: string[]) => {
      const io = { lines: [] as string[], errs: [] as string[], out: (t: string) => io.lines.push(t), err: (t: string) => io.errs.push(t) };
      const code = await runCommand(resolveBaselineFiles(argv, dir), ctx, io);
      return { code, out: io.lines.join('\n'), err: io.errs.join('\n') };
    };
    const args = ['baseline', 'load', '--kab', '3201', '--period', '2019-01', '--publish', 'households.csv', 'members.csv'];
    write(broken);
    const bad = await run(args);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('households,3,lantai,CODE');
    expect(bad.err).toContain('nothing was published');
    expect(await countIn('3201')).toBe(0);
    write(generated);
    const good = await run(args);
    expect(good.code, good.err).toBe(0);
    expect(good.out).toContain('published 3 households');
    expect(await countIn('3201')).toBe(3);
    const again = await run(args);
    expect(again.code).toBe(2);
    expect(again.err).toContain('BASELINE_REPLACE_UNCONFIRMED');
    const replaced = await run([...args, '--replace']);
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.out).toContain('replacing 3');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
