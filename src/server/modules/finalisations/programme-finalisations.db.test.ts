import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { app, auditEntries, ctx, get, householdsOf, p, post, setupTestBed } from '../../../../test/support/bed.ts';
import { insertImport, insertProposals, saveLetterProfile } from '../../../../test/support/finalisations.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDistrict } from '../demo/index.ts';
import { openPeriod } from '../periods/index.ts';
import { upsertQuota } from '../programs/index.ts';
import { computeProgrammeDataHash, lastFinalisationOf } from './index.ts';

// Finalisasi BSP and PBI (issue 10, item 8) on district 3174 in period 2019-01: programme
// proposals are inserted directly as decided (online ones, and one of a BSP package), with the
// list memberships set as their approval would have left them. Each module is blocked by its own
// waiting proposals only, numbered on its own, frozen like BDT, and its Berita Acara verifies.

const PERIOD = '2019-01';
const HOST = 'siks.kemensos.go.id';
let hs: { idbdt: string; kode_wilayah: string }[];
let dir: string;

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3174', households: 40, seed: 61, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3171', households: 8, seed: 62 });
  hs = await householdsOf('3174');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-ba-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const db = () => ctx.database.db;

function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

interface ProgrammeSpec {
  module: 'BSP' | 'PBI';
  type: 'BSP_GANTI' | 'BSP_NONAKTIF' | 'BSP_UBAH' | 'PBI_NONAKTIF' | 'PBI_USUL';
  program: 'BPNT' | 'RASTRA' | 'PBI';
  idbdt: string;
  idartbdt?: string;
  replacement?: string;
  reason?: number;
  status: 'MENUNGGU' | 'DISETUJUI' | 'DITOLAK';
  importId?: string;
}

/** Inserts BSP/PBI proposals as made online (or from the import given), decided as their status says. */
async function insertProgrammeProposals(specs: ProgrammeSpec[]): Promise<string[]> {
  const ids = specs.map(() => randomUUID());
  await db()
    .insertInto('proposals')
    .values(
      specs.map((s, i) => ({
        id: ids[i]!,
        origin: s.importId ? ('PACKAGE' as const) : ('ONLINE' as const),
        import_id: s.importId ?? null,
        package_id: s.importId ? randomUUID() : null,
        line_no: s.importId ? i + 1 : null,
        kab_kota: '3174',
        kode_wilayah: hs.find((h) => h.idbdt === s.idbdt)!.kode_wilayah,
        module: s.module,
        type: s.type,
        program: s.program,
        idbdt: s.idbdt,
        idartbdt: s.idartbdt ?? null,
        replacement_idbdt: s.replacement ?? null,
        reason_code: s.reason ?? null,
        body: JSON.stringify({ proposalId: ids[i], type: s.type }),
        operator_username: '3174_supervisor',
        status: s.status,
        proposal_created_at: new Date('2019-02-11T02:00:00Z'),
        decided_at: s.status === 'MENUNGGU' ? null : new Date('2019-03-01T03:04:05.678Z'),
        decision_reason: s.status === 'DITOLAK' ? 'Tidak sesuai hasil musdes' : null,
      })),
    )
    .execute();
  return ids;
}

async function kpm(program: 'BPNT' | 'RASTRA', idbdt: string, extra: { status?: 'AKTIF' | 'NONAKTIF'; reason?: number } = {}) {
  const off = extra.status === 'NONAKTIF';
  await db()
    .insertInto('kpm_memberships')
    .values({
      kab_kota: '3174',
      program,
      idbdt,
      status: extra.status ?? 'AKTIF',
      since: '2018-01-01',
      until: off ? '2019-03-01' : null,
      reason: off ? (extra.reason ?? 1) : null,
    })
    .execute();
}

const memberOf = async (idbdt: string) =>
  await db()
    .selectFrom('members')
    .select(['idartbdt', 'nama', 'nik'])
    .where('idbdt', '=', idbdt)
    .orderBy('idartbdt')
    .executeTakeFirstOrThrow();

const finalisedIds = async (module: 'BDT' | 'BSP' | 'PBI') =>
  (
    await db()
      .selectFrom('proposals')
      .select(['id', 'finalisation_id'])
      .where('kab_kota', '=', '3174')
      .where('module', '=', module)
      .where('finalisation_id', 'is not', null)
      .execute()
  ).length;

let bsp1: { id: number; publicId: string; dataSha256: string; number: number; letterNumber: string };
let waitingBsp: string;
let waitingPbi: string;
let pbiMember: { idartbdt: string; nama: string; nik: string | null };

describe('Finalisasi BSP and PBI', () => {
  it('previews BSP list changes with quota; waiting BSP proposals block BSP only', async () => {
    await openPeriod(ctx, CLI_ACTOR, { code: PERIOD, skNumber: '146/HUK/2019', startsOn: '2019-01-01', endsOn: '2019-06-30' });
    await saveLetterProfile(ctx, '3174');
    for (const program of ['BPNT', 'RASTRA', 'PBI'] as const) await upsertQuota(db(), '3174', program, PERIOD, 10, null);
    // The lists as the approvals left them: h0 replaced by h10, h1 removed, h2's KKS changed; h3, h4 still KPM.
    await kpm('BPNT', hs[0]!.idbdt, { status: 'NONAKTIF', reason: 1 });
    await kpm('BPNT', hs[10]!.idbdt);
    await kpm('BPNT', hs[1]!.idbdt, { status: 'NONAKTIF', reason: 2 });
    await kpm('BPNT', hs[2]!.idbdt);
    await sql`update kpm_memberships set no_kks = '5200001234567890', id_pengurus = (select min(idartbdt) from members where idbdt = ${hs[2]!.idbdt})
      where idbdt = ${hs[2]!.idbdt}`.execute(db());
    await kpm('BPNT', hs[3]!.idbdt);
    await kpm('RASTRA', hs[4]!.idbdt);
    pbiMember = await memberOf(hs[6]!.idbdt);

    // A BSP package of the period, and one of another period (not of this finalisation).
    const bspImport = await insertImport(ctx, '3174', PERIOD);
    await sql`update imports set module = 'BSP' where id = ${bspImport}`.execute(db());
    const [ganti] = await insertProgrammeProposals([
      {
        module: 'BSP',
        type: 'BSP_GANTI',
        program: 'BPNT',
        idbdt: hs[0]!.idbdt,
        replacement: hs[10]!.idbdt,
        reason: 1,
        status: 'DISETUJUI',
        importId: bspImport,
      },
    ]);
    expect(ganti).toBeTruthy();
    [, , , waitingBsp] = (await insertProgrammeProposals([
      { module: 'BSP', type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: hs[1]!.idbdt, reason: 2, status: 'DISETUJUI' },
      { module: 'BSP', type: 'BSP_UBAH', program: 'BPNT', idbdt: hs[2]!.idbdt, status: 'DISETUJUI' },
      { module: 'BSP', type: 'BSP_NONAKTIF', program: 'RASTRA', idbdt: hs[4]!.idbdt, reason: 3, status: 'DITOLAK' },
      { module: 'BSP', type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: hs[3]!.idbdt, reason: 5, status: 'MENUNGGU' },
    ])) as [string, string, string, string];
    [waitingPbi] = (await insertProgrammeProposals([
      { module: 'PBI', type: 'PBI_USUL', program: 'PBI', idbdt: hs[6]!.idbdt, idartbdt: pbiMember.idartbdt, status: 'MENUNGGU' },
    ])) as [string];
    // A waiting BDT proposal of the period.
    await insertProposals(ctx, await insertImport(ctx, '3174', PERIOD), '3174', [
      { idbdt: hs[20]!.idbdt, kode_wilayah: hs[20]!.kode_wilayah, verval_result: 1, status: 'MENUNGGU' },
    ]);

    const res = await get(p.supervisorJakSel, '/api/v1/finalisations/preview?module=BSP');
    expect(res.statusCode).toBe(200);
    const pv = res.json();
    expect(pv).toMatchObject({ module: 'BSP', nextNumber: 1, toFinalise: 4, canFinalise: false, profileMissing: [] });
    expect(pv.waiting.total).toBe(1);
    expect(pv.waiting.items.map((w: { id: string; type: string }) => [w.id, w.type])).toEqual([[waitingBsp, 'BSP_NONAKTIF']]);
    expect(pv.recap.totals).toMatchObject({ proposals: 5, masuk: 1, keluar: 1, diganti: 1, ubahData: 1 });
    expect(pv.recap.totals.status).toMatchObject({ MENUNGGU: 1, DISETUJUI: 3, DITOLAK: 1 });
    expect(pv.recap.programs).toEqual([
      expect.objectContaining({ program: 'BPNT', active: 3, quota: 10 }),
      expect.objectContaining({ program: 'RASTRA', active: 1, quota: 10 }),
    ]);
    expect(pv.recap.programs[0].counts).toMatchObject({ proposals: 4, masuk: 1, keluar: 1, diganti: 1, ubahData: 1 });
    // The BDT preview is as before: its own waiting proposal, no BSP counts.
    const bdt = (await get(p.supervisorJakSel, '/api/v1/finalisations/preview')).json();
    expect(bdt).toMatchObject({ module: 'BDT', waiting: { total: 1 }, toFinalise: 0 });
    expect(bdt.recap.totals.proposals).toBe(1);

    const refused = await post(p.supervisorJakSel, '/api/v1/finalisations', { module: 'BSP' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'FINALISATION_WAITING',
      message:
        'Masih ada 1 usulan BSP berstatus MENUNGGU. Selesaikan Verifikasi & Validasi BSP terlebih dahulu, lalu lakukan Finalisasi BSP.',
    });
    expect(await finalisedIds('BSP')).toBe(0);
  });

  it('finalises BSP while BDT and PBI proposals wait: number 1, its proposals frozen, the list changes snapshotted, hash and log', async () => {
    await sql`update proposals set status = 'DITOLAK', decided_at = now(), decision_reason = 'Masih layak' where id = ${waitingBsp}`.execute(
      db(),
    );
    const res = await post(p.supervisorJakSel, '/api/v1/finalisations', { module: 'BSP', expected: 5 });
    expect(res.statusCode).toBe(201);
    bsp1 = res.json();
    expect(bsp1).toMatchObject({ module: 'BSP', number: 1, letterNumber: '1/BA-BSP/3174/2019-01', proposals: 5, households: 4 });
    expect(await finalisedIds('BSP')).toBe(5);
    expect(await finalisedIds('BDT')).toBe(0);
    expect(await finalisedIds('PBI')).toBe(0);

    const snap = await db()
      .selectFrom('finalisation_memberships')
      .selectAll()
      .where('finalisation_id', '=', bsp1.id)
      .orderBy('idbdt')
      .execute();
    const by = (idbdt: string) => snap.find((s) => s.idbdt === idbdt)!;
    expect(snap).toHaveLength(4);
    expect(by(hs[0]!.idbdt)).toMatchObject({
      change: 'DIGANTI',
      program: 'BPNT',
      status_before: 'AKTIF',
      status_after: 'NONAKTIF',
      reason: 1,
    });
    expect(by(hs[10]!.idbdt)).toMatchObject({ change: 'MASUK', status_before: null, status_after: 'AKTIF', reason: 1 });
    expect(by(hs[1]!.idbdt)).toMatchObject({ change: 'KELUAR', status_after: 'NONAKTIF', reason: 2 });
    expect(by(hs[2]!.idbdt)).toMatchObject({ change: 'UBAH', status_before: 'AKTIF', status_after: 'AKTIF' });
    expect((by(hs[2]!.idbdt).record as { membership: { no_kks: string } }).membership.no_kks).toBe('5200001234567890');
    expect(snap.every((s) => s.kab_kota === '3174')).toBe(true);

    const stored = await db()
      .selectFrom('finalisations')
      .select(['data_sha256', 'module', 'recap'])
      .where('id', '=', bsp1.id)
      .executeTakeFirstOrThrow();
    expect(stored.module).toBe('BSP');
    expect(
      await computeProgrammeDataHash(db(), {
        id: bsp1.id,
        module: 'BSP',
        kab: '3174',
        period: PERIOD,
        number: 1,
        proposals: 5,
        memberships: 4,
      }),
    ).toBe(stored.data_sha256);
    const log = await auditEntries('FINALISE_PERIOD');
    expect(log.map((l) => l.text_id)).toEqual(['Melakukan Finalisasi BSP ke-1']);
    // release.json `finalization` names BDT finalisations only.
    expect(await lastFinalisationOf(db(), '3174')).toBeNull();
  });

  it('freezes the BSP proposals and the snapshot in the database itself', async () => {
    const frozen = await db()
      .selectFrom('proposals')
      .select('id')
      .where('finalisation_id', '=', bsp1.id)
      .where('status', '=', 'DISETUJUI')
      .limit(1)
      .executeTakeFirstOrThrow();
    await expect(
      sql`update proposals set status = 'DITOLAK', decision_reason = 'Dibatalkan' where id = ${frozen.id}`.execute(db()),
    ).rejects.toMatchObject({
      code: 'SKF01',
    });
    await expect(sql`delete from proposals where id = ${frozen.id}`.execute(db())).rejects.toMatchObject({ code: 'SKF01' });
    await expect(
      sql`update finalisation_memberships set reason = 6 where finalisation_id = ${bsp1.id}`.execute(db()),
    ).rejects.toMatchObject({
      code: 'SKF01',
    });
    await expect(sql`delete from finalisation_memberships where finalisation_id = ${bsp1.id}`.execute(db())).rejects.toMatchObject({
      code: 'SKF01',
    });
  });

  it('numbers per module: PBI 1 once its proposal is decided, BSP 2 for new decisions; BDT still blocked by its own', async () => {
    expect((await post(p.supervisorJakSel, '/api/v1/finalisations', { module: 'PBI' })).json().code).toBe('FINALISATION_WAITING');
    await sql`update proposals set status = 'DISETUJUI', decided_at = now() where id = ${waitingPbi}`.execute(db());
    await db()
      .insertInto('pbi_participants')
      .values({ kab_kota: '3174', idartbdt: pbiMember.idartbdt, status: 'AKTIF', since: '2019-03-01' })
      .execute();
    const pbi = await post(p.supervisorJakSel, '/api/v1/finalisations', { module: 'PBI' });
    expect(pbi.statusCode).toBe(201);
    expect(pbi.json()).toMatchObject({ module: 'PBI', number: 1, letterNumber: '1/BA-PBI/3174/2019-01', proposals: 1, households: 1 });
    expect(pbi.json().recap.programs).toEqual([expect.objectContaining({ program: 'PBI', active: 1, quota: 10 })]);

    const bdt = await post(p.supervisorJakSel, '/api/v1/finalisations', {});
    expect(bdt.json()).toMatchObject({
      code: 'FINALISATION_WAITING',
      message: 'Masih ada 1 usulan berstatus MENUNGGU. Selesaikan Verifikasi Usulan terlebih dahulu, lalu lakukan Finalisasi.',
    });
    expect((await post(p.supervisorJakSel, '/api/v1/finalisations', { module: 'BSP' })).json().code).toBe('FINALISATION_NOTHING_NEW');

    await insertProgrammeProposals([
      { module: 'BSP', type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: hs[3]!.idbdt, reason: 4, status: 'DITOLAK' },
    ]);
    const bsp2 = await post(p.supervisorJakSel, '/api/v1/finalisations', { module: 'BSP' });
    expect(bsp2.json()).toMatchObject({ module: 'BSP', number: 2, letterNumber: '2/BA-BSP/3174/2019-01', proposals: 1, households: 0 });
    expect((await get(p.supervisorJakSel, '/api/v1/finalisations/preview')).json()).toMatchObject({ module: 'BDT', nextNumber: 1 });

    const list = (await get(p.supervisorJakSel, '/api/v1/finalisations?module=BSP')).json();
    expect(list.items.map((i: { module: string; number: number }) => `${i.module}${i.number}`)).toEqual(['BSP2', 'BSP1']);
    expect((await get(p.supervisorJakSel, '/api/v1/finalisations')).json().total).toBe(3);
    expect((await get(p.supervisorOther, `/api/v1/finalisations/${bsp1.id}`)).statusCode).toBe(404);
  });

  it('prints the Berita Acara with its title, number and verification address; the download is logged', async () => {
    const letter = await get(p.supervisorJakSel, `/api/v1/finalisations/${bsp1.id}/letter`, { host: HOST });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.headers['content-disposition']).toBe('attachment; filename="Berita_Acara_BSP_3174_2019-01_ke-1.pdf"');
    const text = pdfText(letter.rawPayload, 'ba-bsp.pdf');
    expect(text).toContain('BERITA ACARA');
    expect(text).toContain('DAFTAR KPM PERUBAHAN');
    expect(text).toContain('Nomor: 1/BA-BSP/3174/2019-01');
    expect(text).toContain('PEMERINTAH KOTA ADMINISTRASI JAKARTA SELATAN');
    expect(text).toContain('Siti Rahmawati, S.Sos');
    expect(text).toContain(`${HOST}/verifikasi/${bsp1.publicId}`);
    expect(text).toContain(bsp1.dataSha256);
    expect(text).toContain('LAMPIRAN BERITA ACARA NOMOR 1/BA-BSP/3174/2019-01');
    expect(text).not.toContain('SURAT PENGESAHAN');

    const pbiId = (await get(p.supervisorJakSel, '/api/v1/finalisations?module=PBI')).json().items[0].id;
    const pbiLetter = await get(p.supervisorJakSel, `/api/v1/finalisations/${pbiId}/letter`);
    expect(pdfText(pbiLetter.rawPayload, 'ba-pbi.pdf')).toContain('DAFTAR PESERTA PBI-JK PERUBAHAN');

    expect((await auditEntries('DOWNLOAD_LETTER')).map((l) => l.text_id)).toEqual([
      'Download Berita Acara Daftar KPM Perubahan 1/BA-BSP/3174/2019-01',
      'Download Berita Acara Daftar Peserta PBI-JK Perubahan 1/BA-PBI/3174/2019-01',
    ]);
  });

  it('is verified at the public address with its module and list changes', async () => {
    const url = `/api/public/verifikasi/${bsp1.publicId}`;
    const res = await app.inject({ method: 'GET', url: `${url}?hash=${bsp1.dataSha256}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      module: 'BSP',
      letterNumber: '1/BA-BSP/3174/2019-01',
      number: 1,
      totals: { proposals: 5, approved: 3, rejected: 2 },
      changes: { masuk: 1, keluar: 1, diganti: 1, ubahData: 1 },
      matches: true,
    });
    expect(res.body).not.toMatch(/3174\d{6,}/);
    expect((await app.inject({ method: 'GET', url: `${url}?hash=${'ab'.repeat(32)}` })).json().matches).toBe(false);
  });

  it('downloads the list changes as csv and xlsx, masked for a province, each download logged', async () => {
    const base = `/api/v1/finalisations/${bsp1.id}/data`;
    const csv = await get(p.supervisorJakSel, `${base}?format=csv&table=perubahan`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="Finalisasi_BSP_3174_2019-01_ke-1_perubahan.csv"');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toContain('Program,Perubahan,IDBDT');
    expect(lines).toHaveLength(5);
    expect(csv.body).toContain('5200001234567890');
    const krt = (await db().selectFrom('households').select('nama_krt').where('idbdt', '=', hs[0]!.idbdt).executeTakeFirstOrThrow())
      .nama_krt!;
    expect(csv.body).toContain(krt);
    // The list moves on; the finalised data does not.
    await sql`update kpm_memberships set no_kks = '5200009999999999' where idbdt = ${hs[2]!.idbdt}`.execute(db());
    expect((await get(p.supervisorJakSel, `${base}?format=csv&table=perubahan`)).body).toBe(csv.body);

    const masked = (await get(p.provinsi31, `${base}?format=csv&table=perubahan`)).body;
    expect(masked).not.toContain('5200001234567890');
    expect(masked).toContain('************7890');
    expect(masked).not.toContain(krt);

    const usulan = (await get(p.supervisorJakSel, `${base}?format=csv`)).body.trimEnd().split('\r\n');
    expect(usulan[0]).toContain('ID Usulan,Asal,Jenis,Program');
    expect(usulan).toHaveLength(6);
    expect((await get(p.supervisorJakSel, `${base}?format=csv&table=ruta`)).statusCode).toBe(404);

    const xlsx = await get(p.supervisorJakSel, `${base}?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Perubahan Daftar', 'Usulan']);
    expect(wb.getWorksheet('Perubahan Daftar')!.rowCount).toBe(5);

    const logs = await auditEntries('DOWNLOAD_FINALISED_DATA');
    expect(logs.map((l) => l.text_id)).toEqual([
      'Download data hasil Finalisasi BSP ke-1 BDT Januari 2019 (csv perubahan)',
      'Download data hasil Finalisasi BSP ke-1 BDT Januari 2019 (csv perubahan)',
      'Download data hasil Finalisasi BSP ke-1 BDT Januari 2019 (csv perubahan)',
      'Download data hasil Finalisasi BSP ke-1 BDT Januari 2019 (csv usulan)',
      'Download data hasil Finalisasi BSP ke-1 BDT Januari 2019 (xlsx)',
    ]);
    expect(logs.map((l) => (l.details as { masked: boolean }).masked)).toEqual([false, false, true, false, false]);
  });
});
