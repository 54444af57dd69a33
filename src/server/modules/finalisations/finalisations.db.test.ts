import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { auditEntries, ctx, get, householdsOf, p, post, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { actorOf, insertImport, insertProposals, saveLetterProfile } from '../../../../test/support/finalisations.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { passphraseKeyProvider, readFile, type ReleaseReader } from '../../platform/siks-node.ts';
import { seedDistrict } from '../demo/index.ts';
import { approveMouDirectly } from '../demo/index.ts';
import { openPeriod } from '../periods/index.ts';
import { computeDataHash, finalisePeriod, isFinalisedProposalError, lastFinalisationOf } from './index.ts';

// Finalisasi (F8) on district 3174 (Jakarta Selatan) in period 2019-01, with proposals inserted
// directly as if imported and decided; 3171 (the other supervisor's district) has proposals too
// and must stay untouched.

let importId: string;
let households: { idbdt: string; kode_wilayah: string }[];
const PERIOD = '2019-01';

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3174', households: 60, seed: 41, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3171', households: 8, seed: 42 });
  households = await householdsOf('3174');
});

const finalisedCount = async () =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from proposals where finalisation_id is not null`.execute(ctx.database.db)).rows[0]!
      .n,
  );

// Canonical JSON written independently of the implementation: sorted keys, no whitespace.
const canon = (v: unknown): string =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canon).join(',')}]`
      : `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;

describe('Finalisasi BDT', () => {
  it('is for the supervisor of the district, in the open period', async () => {
    expect((await get(p.provinsi31, '/api/v1/finalisations/preview')).statusCode).toBe(403);
    expect((await get(p.operatorDesa, '/api/v1/finalisations/preview')).statusCode).toBe(403);
    expect((await post(p.pusdatin, '/api/v1/finalisations')).statusCode).toBe(403);
    const none = await get(p.supervisorJakSel, '/api/v1/finalisations/preview');
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('NO_OPEN_PERIOD');
    await openPeriod(ctx, CLI_ACTOR, {
      code: PERIOD,
      skNumber: '146/HUK/2019',
      startsOn: '2019-01-01',
      endsOn: '2019-06-30',
    });
  });

  it('previews counts by status, result, kecamatan and desa; waiting proposals and a missing profile block it', async () => {
    importId = await insertImport(ctx, '3174', PERIOD);
    const h = households;
    await insertProposals(ctx, importId, '3174', [
      { idbdt: h[0]!.idbdt, kode_wilayah: h[0]!.kode_wilayah, verval_result: 1, status: 'DISETUJUI' },
      { idbdt: h[1]!.idbdt, kode_wilayah: h[1]!.kode_wilayah, verval_result: 2, status: 'DISETUJUI' },
      { idbdt: h[2]!.idbdt, kode_wilayah: h[2]!.kode_wilayah, verval_result: 3, status: 'DITOLAK' },
      { idbdt: h[3]!.idbdt, kode_wilayah: h[3]!.kode_wilayah, verval_result: 4, status: 'SEBAGIAN', merge_into: h[4]!.idbdt },
      { idbdt: h[5]!.idbdt, kode_wilayah: h[5]!.kode_wilayah, verval_result: 5, status: 'PERLU_PERBAIKAN' },
      { idbdt: h[6]!.idbdt, kode_wilayah: h[6]!.kode_wilayah, verval_result: 6, status: 'GAGAL_VALIDASI', duplicate_of: h[7]!.idbdt },
      { kode_wilayah: h[8]!.kode_wilayah, status: 'DISETUJUI', assigned: { idbdt: h[8]!.idbdt, members: {} } },
      { kode_wilayah: h[9]!.kode_wilayah, status: 'DITOLAK' },
      { idbdt: h[10]!.idbdt, kode_wilayah: h[10]!.kode_wilayah, verval_result: 1, status: 'MENUNGGU' },
      { idbdt: h[11]!.idbdt, kode_wilayah: h[11]!.kode_wilayah, verval_result: 1, status: 'MENUNGGU' },
    ]);
    const other = (await householdsOf('3171'))[0]!;
    await insertProposals(ctx, await insertImport(ctx, '3171', PERIOD), '3171', [
      { idbdt: other.idbdt, kode_wilayah: other.kode_wilayah, status: 'DISETUJUI' },
    ]);

    const res = await get(p.supervisorJakSel, '/api/v1/finalisations/preview');
    expect(res.statusCode).toBe(200);
    const pv = res.json();
    expect(pv.kab).toEqual({ code: '3174', name: 'Kota Administrasi Jakarta Selatan' });
    expect(pv.period).toEqual({ code: PERIOD, name: 'BDT Januari 2019', skNumber: '146/HUK/2019' });
    expect(pv.nextNumber).toBe(1);
    expect(pv.recap.totals).toEqual({
      proposals: 10,
      perbaikan: 8,
      usulanBaru: 2,
      result: { DITEMUKAN: 3, TIDAK_DITEMUKAN: 1, PINDAH: 1, BAGIAN_RUTA_LAIN: 1, MENOLAK: 1, GANDA: 1 },
      status: { MENUNGGU: 2, DISETUJUI: 3, SEBAGIAN: 1, DITOLAK: 2, PERLU_PERBAIKAN: 1, GAGAL_VALIDASI: 1 },
    });
    expect(pv.toFinalise).toBe(8);
    expect(pv.waiting.total).toBe(2);
    expect(pv.waiting.items.map((w: { idbdt: string }) => w.idbdt).sort()).toEqual([h[10]!.idbdt, h[11]!.idbdt].sort());
    expect(pv.waiting.items[0].kecamatan).toBeTruthy();
    expect(pv.profileMissing).toEqual(['namaInstansi', 'alamat', 'namaBupati', 'pengesahNama', 'pengesahNip']);
    expect(pv.canFinalise).toBe(false);
    // Every kecamatan of the district is listed; the levels add up.
    const kecamatan = await regionCodes('3174', 'kecamatan');
    expect(pv.recap.kecamatan).toHaveLength(kecamatan.length);
    const sum = (xs: { counts: { proposals: number } }[]) => xs.reduce((n, x) => n + x.counts.proposals, 0);
    expect(sum(pv.recap.kecamatan)).toBe(10);
    expect(sum(pv.recap.desa)).toBe(10);
    expect(JSON.stringify(pv)).not.toContain('3171');
  });

  it('refuses while proposals wait, and changes nothing', async () => {
    const res = await post(p.supervisorJakSel, '/api/v1/finalisations', {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'FINALISATION_WAITING',
      message: 'Masih ada 2 usulan berstatus MENUNGGU. Selesaikan Verifikasi Usulan terlebih dahulu, lalu lakukan Finalisasi.',
    });
    expect(await finalisedCount()).toBe(0);
    expect(await ctx.database.db.selectFrom('audit_log').select('id').where('action', '=', 'FINALISE_PERIOD').execute()).toEqual([]);
  });

  it('refuses without the letter profile, and when the preview is stale', async () => {
    await sql`update proposals set status = 'DISETUJUI', decided_at = now() where import_id = ${importId} and status = 'MENUNGGU'`.execute(
      ctx.database.db,
    );
    expect((await post(p.supervisorJakSel, '/api/v1/finalisations', {})).json().code).toBe('FINALISATION_PROFILE_INCOMPLETE');
    await saveLetterProfile(ctx, '3174');
    const pv = (await get(p.supervisorJakSel, '/api/v1/finalisations/preview')).json();
    expect(pv).toMatchObject({ canFinalise: true, toFinalise: 10, profileMissing: [] });
    expect((await post(p.supervisorJakSel, '/api/v1/finalisations', { expected: 9 })).json().code).toBe('FINALISATION_STALE');
    expect(await finalisedCount()).toBe(0);
  });

  let first: { id: number; publicId: string; dataSha256: string; recap: unknown };

  it('finalises: number 1, every decided proposal of the district frozen, snapshot, recap, hash and log entry in one go', async () => {
    const preview = (await get(p.supervisorJakSel, '/api/v1/finalisations/preview')).json();
    const res = await post(p.supervisorJakSel, '/api/v1/finalisations', { expected: 10 });
    expect(res.statusCode).toBe(201);
    first = res.json();
    expect(first).toMatchObject({
      number: 1,
      letterNumber: '1/SP-BDT/3174/2019-01',
      proposals: 10,
      kab: { code: '3174' },
      period: { code: PERIOD, name: 'BDT Januari 2019' },
      createdBy: '3174_supervisor',
    });
    expect(first.recap).toEqual(preview.recap);
    expect(first.publicId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const marked = await ctx.database.db.selectFrom('proposals').select(['kab_kota', 'finalisation_id']).execute();
    expect(marked.filter((m) => m.kab_kota === '3174').every((m) => m.finalisation_id === first.id)).toBe(true);
    expect(marked.filter((m) => m.kab_kota === '3171').every((m) => m.finalisation_id === null)).toBe(true);

    // Snapshot: the households the proposals name (idbdt, assigned idbdt, merge target of an approval).
    const snap = await sql<{
      idbdt: string;
    }>`select idbdt from finalisation_households where finalisation_id = ${first.id} order by idbdt`.execute(ctx.database.db);
    const h = households;
    const named = [0, 1, 2, 3, 4, 5, 6, 8, 10, 11].map((i) => h[i]!.idbdt).sort();
    expect(snap.rows.map((r) => r.idbdt)).toEqual(named);
    expect(res.json().households).toBe(named.length);

    const log = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'text_id', 'region_code', 'actor_username'])
      .where('action', '=', 'FINALISE_PERIOD')
      .execute();
    expect(log).toEqual([
      {
        action: 'FINALISE_PERIOD',
        text_id: 'Melakukan Finalisasi BDT ke-1',
        region_code: '3174',
        actor_username: '3174_supervisor',
      },
    ]);
  });

  it('stores a data hash that can be recomputed from the stored rows by its written definition', async () => {
    const db = ctx.database.db;
    const f = await sql<{
      data_sha256: string;
      proposal_count: number;
      household_count: number;
    }>`select data_sha256, proposal_count, household_count from finalisations where id = ${first.id}`.execute(db);
    const row = f.rows[0]!;
    expect(row.data_sha256).toBe(first.dataSha256);
    expect(
      await computeDataHash(db, {
        id: first.id,
        kab: '3174',
        period: PERIOD,
        number: 1,
        proposals: row.proposal_count,
        households: row.household_count,
      }),
    ).toBe(row.data_sha256);

    // Independently, from the definition in finalisations.hash.ts.
    const hash = createHash('sha256');
    const line = (v: unknown) => hash.update(`${canon(v)}\n`);
    line({
      format: 'siks-ng/finalisation-data/v1',
      kabKota: '3174',
      period: PERIOD,
      number: 1,
      proposals: 10,
      households: row.household_count,
    });
    const ps = await db.selectFrom('proposals').selectAll().where('finalisation_id', '=', first.id).orderBy('id').execute();
    for (const x of ps) {
      line({
        kind: 'proposal',
        id: x.id,
        packageId: x.package_id,
        lineNo: x.line_no,
        module: x.module,
        type: x.type,
        idbdt: x.idbdt,
        kodeWilayah: x.kode_wilayah,
        baseVersion: x.base_version,
        vervalResult: x.verval_result,
        duplicateOf: x.duplicate_of,
        mergeInto: x.merge_into,
        visitedAt: x.visited_at,
        musdesAt: x.musdes_at,
        body: x.body,
        status: x.status,
        errors: x.errors,
        conflict: x.conflict,
        decidedAt: x.decided_at ? x.decided_at.toISOString() : null,
        decisionReason: x.decision_reason,
        acceptedFields: x.accepted_fields,
        rejectedFields: x.rejected_fields,
        assigned: x.assigned,
      });
    }
    const hs = await sql<{
      idbdt: string;
      record: unknown;
    }>`select idbdt, record from finalisation_households where finalisation_id = ${first.id} order by idbdt`.execute(db);
    for (const x of hs.rows) line({ kind: 'household', idbdt: x.idbdt, record: x.record });
    expect(hash.digest('hex')).toBe(row.data_sha256);
    // The snapshot holds the household with its members.
    const one = hs.rows[0]!.record as {
      idbdt: string;
      members: { idartbdt: string; nik: string }[];
      version: number;
      status: string;
    };
    expect(one.members.length).toBeGreaterThan(0);
    expect(one.members[0]!.nik).toMatch(/^\d{16}$/);
    expect(one).not.toHaveProperty('created_at');
  });

  it('freezes finalised proposals, the finalisation and its snapshot in the database itself', async () => {
    const db = ctx.database.db;
    const id = (
      await db
        .selectFrom('proposals')
        .select('id')
        .where('finalisation_id', '=', first.id)
        .where('status', '=', 'DITOLAK')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
    const attempts = [
      sql`update proposals set status = 'DISETUJUI' where id = ${id}`,
      sql`update proposals set decision_reason = 'lain' where id = ${id}`,
      sql`update proposals set finalisation_id = null where id = ${id}`,
      sql`delete from proposals where id = ${id}`,
      sql`update finalisations set data_sha256 = ${'0'.repeat(64)} where id = ${first.id}`,
      sql`delete from finalisations where id = ${first.id}`,
      sql`update finalisation_households set record = '{}'::jsonb where finalisation_id = ${first.id}`,
      sql`delete from finalisation_households where finalisation_id = ${first.id}`,
    ];
    for (const a of attempts) {
      const err = await a.execute(db).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isFinalisedProposalError(err), String(err)).toBe(true);
    }
    // What stays allowed: an update that changes nothing, and the decider's account going away.
    await sql`update proposals set status = status where id = ${id}`.execute(db);
    await sql`update proposals set decided_by = null where id = ${id}`.execute(db);
    // A proposal never arrives finalised; a waiting one is never finalised.
    const bad =
      await sql`insert into proposals (id, import_id, package_id, line_no, kab_kota, kode_wilayah, type, body, status, proposal_created_at, finalisation_id)
      values (gen_random_uuid(), ${importId}, gen_random_uuid(), 99, '3174', ${households[0]!.kode_wilayah}, 'USULAN_BARU', '{}'::jsonb, 'DISETUJUI', now(), ${first.id})`
        .execute(db)
        .then(
          () => null,
          (e: unknown) => e,
        );
    expect(isFinalisedProposalError(bad)).toBe(true);
  });

  it('has nothing new to finalise until new decisions arrive; then finalisation 2 covers only those', async () => {
    expect((await post(p.supervisorJakSel, '/api/v1/finalisations', {})).json().code).toBe('FINALISATION_NOTHING_NEW');
    const later = await insertImport(ctx, '3174', PERIOD);
    const h = households;
    await insertProposals(ctx, later, '3174', [
      { idbdt: h[20]!.idbdt, kode_wilayah: h[20]!.kode_wilayah, verval_result: 1, status: 'DISETUJUI' },
      { idbdt: h[21]!.idbdt, kode_wilayah: h[21]!.kode_wilayah, verval_result: 2, status: 'DITOLAK' },
    ]);
    expect((await get(p.supervisorJakSel, '/api/v1/finalisations/preview')).json()).toMatchObject({
      nextNumber: 2,
      toFinalise: 2,
      previous: [{ number: 1 }],
    });
    // Two clicks at once: one finalisation, the other finds nothing new.
    const sup = await actorOf(ctx, p.supervisorJakSel.token);
    const results = await Promise.allSettled([finalisePeriod(ctx, sup), finalisePeriod(ctx, sup)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      code: 'FINALISATION_NOTHING_NEW',
    });
    const second = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof finalisePeriod>>>).value;
    expect(second).toMatchObject({ number: 2, letterNumber: '2/SP-BDT/3174/2019-01', proposals: 2 });
    expect(second.recap.totals).toMatchObject({ proposals: 2, result: { DITEMUKAN: 1, TIDAK_DITEMUKAN: 1 } });
    expect(await lastFinalisationOf(ctx.database.db, '3174')).toEqual({ period: PERIOD, number: 2 });
    expect(await lastFinalisationOf(ctx.database.db, '3171')).toBeNull();
  });

  it('lists finalisations within the scope only', async () => {
    const own = (await get(p.supervisorJakSel, '/api/v1/finalisations')).json();
    expect(own.items.map((i: { number: number }) => i.number)).toEqual([2, 1]);
    expect(own.total).toBe(2);
    expect((await get(p.supervisorOther, '/api/v1/finalisations')).json()).toMatchObject({ items: [], total: 0 });
    expect((await get(p.supervisorOther, '/api/v1/finalisations?kab=3174')).statusCode).toBe(404);
    expect((await get(p.supervisorOther, `/api/v1/finalisations/${first.id}`)).statusCode).toBe(404);
    expect((await get(p.operatorDesa, `/api/v1/finalisations/${first.id}`)).statusCode).toBe(403);
    expect((await get(p.provinsi31, '/api/v1/finalisations?kab=3174')).json().total).toBe(2);
    expect((await get(p.pusdatin, `/api/v1/finalisations/${first.id}`)).json()).toMatchObject({
      number: 1,
      letter: { pengesah: { nama: 'Siti Rahmawati, S.Sos' } },
    });
  });

  it('downloads the finalised data as xlsx and csv, the same after the registry changes, one log entry each', async () => {
    const logsBefore = await ctx.database.db.selectFrom('audit_log').select('id').where('action', '=', 'DOWNLOAD_FINALISED_DATA').execute();
    expect(logsBefore).toEqual([]);
    const target = households[0]!.idbdt;
    const before = await get(p.supervisorJakSel, `/api/v1/finalisations/${first.id}/data?format=csv&table=ruta`);
    // The registry moves on; the finalised data does not.
    await sql`update households set alamat = 'Jl. Sesudah Finalisasi 1' where idbdt = ${target}`.execute(ctx.database.db);
    const after = await get(p.supervisorJakSel, `/api/v1/finalisations/${first.id}/data?format=csv&table=ruta`);
    expect(after.statusCode).toBe(200);
    expect(after.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(after.headers['content-disposition']).toBe('attachment; filename="Finalisasi_BDT_3174_2019-01_ke-1_ruta.csv"');
    expect(after.body).toBe(before.body);
    expect(after.body).not.toContain('Sesudah Finalisasi');
    const lines = after.body.trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('idbdt,kode_wilayah,')).toBe(true);
    expect(lines).toHaveLength(1 + 10);

    const usulan = (await get(p.supervisorJakSel, `/api/v1/finalisations/${first.id}/data?format=csv`)).body.trimEnd().split('\r\n');
    expect(usulan[0]).toContain('ID Usulan,Jenis,IDBDT');
    expect(usulan).toHaveLength(11);
    const art = (await get(p.supervisorJakSel, `/api/v1/finalisations/${first.id}/data?format=csv&table=art`)).body;
    const nik = (await ctx.database.db.selectFrom('members').select('nik').where('idbdt', '=', target).limit(1).executeTakeFirstOrThrow())
      .nik;
    expect(art).toContain(nik);

    const xlsx = await get(p.supervisorJakSel, `/api/v1/finalisations/${first.id}/data?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Usulan', 'Rumah Tangga', 'Anggota Rumah Tangga']);
    expect(wb.getWorksheet('Usulan')!.rowCount).toBe(11);
    expect(wb.getWorksheet('Rumah Tangga')!.rowCount).toBe(11);
    expect(wb.getWorksheet('Usulan')!.getRow(1).getCell(1).value).toBe('ID Usulan');

    // A province sees the data masked.
    const masked = (await get(p.provinsi31, `/api/v1/finalisations/${first.id}/data?format=csv&table=art`)).body;
    expect(masked).not.toContain(nik);
    expect((await get(p.supervisorOther, `/api/v1/finalisations/${first.id}/data?format=csv`)).statusCode).toBe(404);

    const logs = await auditEntries('DOWNLOAD_FINALISED_DATA');
    expect(logs).toHaveLength(6);
    expect(logs[0]).toMatchObject({
      text_id: 'Download data hasil Finalisasi BDT ke-1 BDT Januari 2019 (csv ruta)',
      actor_username: '3174_supervisor',
    });
    expect(logs[4]!.text_id).toBe('Download data hasil Finalisasi BDT ke-1 BDT Januari 2019 (xlsx)');
  });

  it('puts the last finalisation into the next release (release.json finalization)', async () => {
    const scan = await sharp({ create: { width: 120, height: 160, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await approveMouDirectly(ctx, CLI_ACTOR, '3174', { mou: scan, permohonan: scan });
    const passphrase = 'kata sandi rilis Jakarta Selatan';
    const res = await post(p.supervisorJakSel, '/api/v1/releases', { passphrase });
    expect(res.statusCode).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'siks-test-')), 'r.siksdb');
    fs.writeFileSync(file, res.rawPayload);
    const r = (await readFile(file, passphraseKeyProvider(passphrase), { kind: 'release' })) as ReleaseReader;
    try {
      expect(r.release.finalization).toEqual({ period: PERIOD, number: 2 });
    } finally {
      await r.dispose();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    const stored = await ctx.database.db
      .selectFrom('releases')
      .select('finalization')
      .where('kab_kota', '=', '3174')
      .executeTakeFirstOrThrow();
    expect(stored.finalization).toEqual({ period: PERIOD, number: 2 });
  });
});
