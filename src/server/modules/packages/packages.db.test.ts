import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { app, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import {
  buildPackage,
  fileUpload,
  householdsWithMembers,
  makeRelease,
  perbaikan,
  seedImportBed,
  usulanBaru,
} from '../../../../test/support/packages.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import * as q from './packages.queries.ts';
import { recoverImports, runPendingImports, startImportWorker } from './packages.service.ts';

let release: Awaited<ReturnType<typeof makeRelease>>;
const PERIOD = '2019-01';
const SCOPE = ['317401'];

setupTestBed(async () => {
  release = await seedImportBed(ctx);
});

async function upload(who: Persona, bytes: Uint8Array) {
  const body = fileUpload(bytes);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload: body.payload,
    headers: { ...body.headers, ...bearer(who) },
  });
  expect(res.statusCode).toBe(202);
  return res.json().id as string;
}
const getImport = async (id: string, who = p.supervisorJakSel) =>
  (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: bearer(who) })).json();
const proposalCount = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from proposals`.execute(ctx.database.db)).rows[0]!.n);

describe('Import Data (siks-format.md section 4)', () => {
  let firstImport: string;
  let firstPackage: { id: string; bytes: Uint8Array };
  let targets: Awaited<ReturnType<typeof householdsWithMembers>>;

  it('imports a package: new, failed validation, duplicates, counts that add up', async () => {
    targets = await householdsWithMembers(ctx, '317401', 4);
    const desa = targets[0]!.kode_wilayah;
    const good = perbaikan(targets[0]!);
    const badNik = perbaikan(targets[1]!, {
      members: [
        {
          op: 'update',
          idartbdt: targets[1]!.members[0]!.idartbdt,
          baseVersion: 1,
          fields: { nik: '3174010000000000' },
        },
      ],
    });
    const outOfRange = perbaikan(targets[2]!, { household: { lantai: 11 } });
    const baru = usulanBaru(desa);
    firstPackage = await buildPackage({
      release,
      kab: '3174',
      period: PERIOD,
      scope: SCOPE,
      proposals: [good, badNik, outOfRange, baru, good],
    });
    firstImport = await upload(p.supervisorJakSel, firstPackage.bytes);
    expect((await getImport(firstImport)).status).toBe('QUEUED');
    expect(await runPendingImports(ctx)).toBe(1);
    const r = await getImport(firstImport);
    expect(r).toMatchObject({
      status: 'DONE',
      progress: 1,
      counts: { new: 2, failed: 2, duplicate: 1, conflict: 0 },
      reason: null,
      firstImportId: null,
    });
    expect(r.counts.new + r.counts.failed + r.counts.duplicate).toBe(5);
    const failedPaths = r.failed.flatMap((f: { errors: { path: string; code: string }[] }) => f.errors.map((e) => `${e.path}:${e.code}`));
    expect(failedPaths).toContain('members[0].fields.nik:R3');
    expect(failedPaths).toContain('household.lantai:CODE');
    expect(r.failed.map((f: { line: number }) => f.line)).toEqual([2, 3]);
    const stored = await ctx.database.db
      .selectFrom('proposals')
      .select(['id', 'status', 'type', 'kode_wilayah'])
      .where('import_id', '=', firstImport)
      .orderBy('line_no')
      .execute();
    expect(stored.map((s) => [s.type, s.status])).toEqual([
      ['PERBAIKAN', 'MENUNGGU'],
      ['PERBAIKAN', 'GAGAL_VALIDASI'],
      ['PERBAIKAN', 'GAGAL_VALIDASI'],
      ['USULAN_BARU', 'MENUNGGU'],
    ]);
    expect(await ctx.database.db.selectFrom('import_duplicates').select('line_no').where('import_id', '=', firstImport).execute()).toEqual([
      { line_no: 5 },
    ]);
    expect(await ctx.database.db.selectFrom('import_uploads').select('seq').where('import_id', '=', firstImport).execute()).toEqual([]);
    const log = await ctx.database.db
      .selectFrom('audit_log')
      .select('text_id')
      .where('subject', '=', `import:${firstImport}`)
      .executeTakeFirstOrThrow();
    expect(log.text_id).toBe('Import Data paket.siks: 2 usulan masuk, 2 gagal validasi, 1 duplikat, 0 konflik');
  });

  it('importing the same package twice changes nothing the second time', async () => {
    const before = await proposalCount();
    const again = await upload(p.supervisorJakSel, firstPackage.bytes);
    await runPendingImports(ctx);
    expect(await getImport(again)).toMatchObject({
      status: 'ALREADY_IMPORTED',
      firstImportId: firstImport,
      counts: null,
    });
    expect(await proposalCount()).toBe(before);
  });

  it('a proposal id seen in an earlier package is a duplicate; a stale baseVersion is a conflict listing what changed', async () => {
    const h = targets[3]!;
    // The registry moved on since the operator's release: version 2, lantai changed.
    await sql`update households set version = 2, lantai = 3 where idbdt = ${h.idbdt}`.execute(ctx.database.db);
    await ctx.database.db
      .insertInto('household_history')
      .values({
        kab_kota: h.idbdt.slice(0, 4),
        idbdt: h.idbdt,
        field: 'lantai',
        old_value: '2',
        new_value: '3',
        version: 2,
        source: 'test',
        idartbdt: null,
      })
      .execute();
    const known = (
      await ctx.database.db
        .selectFrom('proposals')
        .select('body')
        .where('import_id', '=', firstImport)
        .where('line_no', '=', 1)
        .executeTakeFirstOrThrow()
    ).body;
    const stale = perbaikan({ idbdt: h.idbdt, version: 1 }, { household: { dinding: 3 } });
    const future = perbaikan({ idbdt: h.idbdt, version: 5 });
    const pkg = await buildPackage({
      release,
      kab: '3174',
      period: PERIOD,
      scope: SCOPE,
      proposals: [known, stale, future],
    });
    const id = await upload(p.supervisorJakSel, pkg.bytes);
    await runPendingImports(ctx);
    const r = await getImport(id);
    expect(r.counts).toEqual({ new: 1, failed: 1, duplicate: 1, conflict: 1, warnings: expect.any(Number) });
    const conflict = await ctx.database.db
      .selectFrom('proposals')
      .select(['conflict', 'conflict_changes', 'status'])
      .where('id', '=', stale.proposalId)
      .executeTakeFirstOrThrow();
    expect(conflict).toMatchObject({
      conflict: true,
      status: 'MENUNGGU',
      conflict_changes: { fields: ['lantai'], members: [] },
    });
    expect(r.failed[0].errors.map((e: { code: string }) => e.code)).toEqual(['STALE_VERSION']);
  });

  it('refuses whole a package for another district, a tampered package, an unknown release and a closed period, each with its message', async () => {
    const before = await proposalCount();
    const [h] = await householdsWithMembers(ctx, '317101', 1);
    const other = await makeRelease(ctx, '3171', PERIOD);
    const foreign = await buildPackage({
      release: other,
      kab: '3171',
      period: PERIOD,
      scope: ['317101'],
      proposals: [perbaikan(h!)],
    });
    const tampered = (
      await buildPackage({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [perbaikan(targets[0]!)] })
    ).bytes.slice();
    tampered[tampered.length - 40]! ^= 0x01;
    const unknown = await buildPackage({
      release: { id: randomUUID(), packageKey: release.packageKey },
      kab: '3174',
      period: PERIOD,
      scope: SCOPE,
      proposals: [perbaikan(targets[0]!)],
    });
    await sql`insert into periods (code, name, starts_on, ends_on, status, closed_at) values ('2018-07', 'BDT Juli 2018', '2018-07-01', '2018-12-31', 'CLOSED', now())`.execute(
      ctx.database.db,
    );
    const oldRelease = await makeRelease(ctx, '3174', '2018-07');
    const closed = await buildPackage({
      release: oldRelease,
      kab: '3174',
      period: '2018-07',
      scope: SCOPE,
      proposals: [perbaikan(targets[0]!)],
    });

    const ids = {
      foreign: await upload(p.supervisorJakSel, foreign.bytes),
      tampered: await upload(p.supervisorJakSel, tampered),
      unknown: await upload(p.supervisorJakSel, unknown.bytes),
      closed: await upload(p.supervisorJakSel, closed.bytes),
    };
    await runPendingImports(ctx);
    const reasons = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, await getImport(id)])));
    expect(reasons.foreign).toMatchObject({
      status: 'REFUSED',
      reasonCode: 'PACKAGE_OTHER_DISTRICT',
      reason: 'Paket ini milik kabupaten/kota lain dan tidak dapat diimpor di sini.',
    });
    expect(reasons.tampered).toMatchObject({ status: 'REFUSED', reasonCode: 'SIKS_AUTH' });
    expect(reasons.tampered.reason).toMatch(/^Berkas rusak atau telah diubah/);
    expect(reasons.unknown).toMatchObject({ status: 'REFUSED', reasonCode: 'PACKAGE_UNKNOWN_RELEASE' });
    expect(reasons.closed).toMatchObject({
      status: 'REFUSED',
      reasonCode: 'PACKAGE_PERIOD_CLOSED',
      reason: 'Periode paket ini (2018-07) tidak sedang dibuka untuk verval.',
    });
    expect(await proposalCount()).toBe(before);
    expect(await ctx.database.db.selectFrom('import_uploads').select('seq').execute()).toEqual([]);
    // Another district's supervisor cannot see these imports.
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/imports/${ids.foreign}`, headers: bearer(p.supervisorOther) })).statusCode,
    ).toBe(404);
  });

  it('a job killed between batches leaves none of its proposals visible; after a restart it completes exactly once', async () => {
    const hs = await householdsWithMembers(ctx, '317401', 12);
    expect(hs).toHaveLength(12);
    const pkg = await buildPackage({
      release,
      kab: '3174',
      period: PERIOD,
      scope: SCOPE,
      proposals: hs.slice(4).map((h) => perbaikan(h, { household: { jumlah_kamar: 3 } })),
    });
    const id = await upload(p.supervisorJakSel, pkg.bytes);
    const before = await proposalCount();
    await expect(runPendingImports(ctx, { batchSize: 3, crashAfterBatches: 2 })).rejects.toThrow('injected fault');
    expect(await proposalCount()).toBe(before);
    expect((await getImport(id)).status).toBe('RUNNING');
    expect(await ctx.database.db.selectFrom('import_staging').select('line_no').where('import_id', '=', id).execute()).toHaveLength(6);
    // A fresh worker does not take a job whose worker may still be alive...
    expect(await runPendingImports(ctx)).toBe(0);
    // ...but does once its heartbeat has stopped (the server was restarted).
    await sql`update imports set heartbeat_at = now() - interval '1 hour' where id = ${id}`.execute(ctx.database.db);
    expect(await runPendingImports(ctx, { batchSize: 3 })).toBe(1);
    expect(await getImport(id)).toMatchObject({ status: 'DONE', counts: { new: 8, failed: 0, duplicate: 0 } });
    expect(await proposalCount()).toBe(before + 8);
    expect(await runPendingImports(ctx)).toBe(0);
  });

  it('finding 1: a job failing for an unexpected reason ends FAILED after 3 attempts with a message and a log entry; another district is served meanwhile', async () => {
    const poisoned = [];
    for (const desa of ['317403', '317404']) {
      const hs = await householdsWithMembers(ctx, desa, 2);
      const pkg = await buildPackage({ release, kab: '3174', period: PERIOD, scope: [desa], proposals: hs.map((h) => perbaikan(h)) });
      poisoned.push(await upload(p.supervisorJakSel, pkg.bytes));
    }
    // Another district uploads after them.
    const otherRelease = await makeRelease(ctx, '3171', PERIOD);
    const [otherHousehold] = await householdsWithMembers(ctx, '3171', 1);
    const otherScope = [otherHousehold!.kode_wilayah.slice(0, 6)];
    const other = await upload(
      p.supervisorOther,
      (
        await buildPackage({
          release: otherRelease,
          kab: '3171',
          period: PERIOD,
          scope: otherScope,
          proposals: [perbaikan(otherHousehold!)],
        })
      ).bytes,
    );
    const failures: string[] = [];
    const before = await proposalCount();
    // The fault strikes the two packages of 3174 at every run, after their first batch.
    const runs = await runPendingImports(ctx, {
      batchSize: 1,
      failAfterBatches: { batches: 1, imports: poisoned },
      retryAfterSeconds: 0,
      onFailure: (job, err) => failures.push(`${job.id}#${job.attempts}: ${err.message}`),
    });
    expect(runs).toBe(7); // 3 runs of each poisoned package, 1 of the other district's
    expect(failures.sort()).toEqual(
      poisoned.flatMap((id) => [1, 2, 3].map((n) => `${id}#${n}: injected fault: the import job failed`)).sort(),
    );
    const rows = await ctx.database.db
      .selectFrom('imports')
      .select(['id', 'status', 'attempts', 'finished_at'])
      .where('id', 'in', [...poisoned, other])
      .execute();
    const row = (id: string) => rows.find((r) => r.id === id)!;
    for (const id of poisoned) {
      expect(await getImport(id)).toMatchObject({
        status: 'FAILED',
        reasonCode: 'IMPORT_FAILED',
        reason: expect.stringContaining('gagal berulang kali karena kesalahan tak terduga'),
        counts: null,
      });
      expect(row(id).attempts).toBe(3);
      // The other district's job was done before the poisoned ones were given up.
      expect(row(other).finished_at!.getTime()).toBeLessThan(row(id).finished_at!.getTime());
      // Nothing of the file is kept: no proposal, no staging, no upload.
      expect(await ctx.database.db.selectFrom('import_staging').select('line_no').where('import_id', '=', id).execute()).toEqual([]);
      expect(await ctx.database.db.selectFrom('import_uploads').select('seq').where('import_id', '=', id).execute()).toEqual([]);
    }
    expect(await getImport(other, p.supervisorOther)).toMatchObject({ status: 'DONE', counts: { new: 1 } });
    expect(await proposalCount()).toBe(before + 1);
    const logged = await ctx.database.db
      .selectFrom('audit_log')
      .select(['subject', 'region_code', 'text_id', 'text_en'])
      .where('action', '=', 'IMPORT_FAILED')
      .orderBy('id')
      .execute();
    expect(logged.map((l) => l.subject).sort()).toEqual(poisoned.map((id) => `import:${id}`).sort());
    for (const l of logged) {
      expect(l.region_code).toBe('3174');
      expect(l.text_en).toMatch(/failed after 3 attempts: injected fault: the import job failed$/);
    }
    // A job whose process died at each of its 3 runs is not run a fourth time.
    const [h] = await householdsWithMembers(ctx, '317405', 1);
    const dying = await upload(
      p.supervisorJakSel,
      (await buildPackage({ release, kab: '3174', period: PERIOD, scope: ['317405'], proposals: [perbaikan(h!)] })).bytes,
    );
    await sql`update imports set status = 'RUNNING', attempts = 3, heartbeat_at = now() - interval '1 hour' where id = ${dying}`.execute(
      ctx.database.db,
    );
    expect(await runPendingImports(ctx)).toBe(1);
    expect(await getImport(dying)).toMatchObject({ status: 'FAILED', reasonCode: 'IMPORT_FAILED' });
    expect(await proposalCount()).toBe(before + 1);
  });

  it('lines with values no column can hold fail validation one by one; the import completes', async () => {
    const [h] = await householdsWithMembers(ctx, '317402', 1);
    const verval = (over: object) => ({ verval: { ...perbaikan(h!).verval, ...over } });
    const lines = [
      perbaikan(h!, verval({ result: 99 })),
      perbaikan(h!, verval({ visitedAt: '0000-01-01' })),
      perbaikan(h!, verval({ visitedAt: '2019-02-29' })),
      perbaikan(h!, verval({ result: 6, duplicateOf: '31740210010001234' })),
      perbaikan({ idbdt: `${h!.idbdt}7`, version: 1 }),
      perbaikan({ idbdt: h!.idbdt, version: 3e9 }),
      perbaikan({ idbdt: h!.idbdt, version: 0 }),
      { ...perbaikan(h!), createdAt: '0000-01-01T00:00:00Z' },
      perbaikan(h!, verval({ visitedAt: '2020-02-29' })),
    ];
    const pkg = await buildPackage({ release, kab: '3174', period: PERIOD, scope: ['317402'], proposals: lines });
    const id = await upload(p.supervisorJakSel, pkg.bytes);
    await runPendingImports(ctx);
    const r = await getImport(id);
    expect(r).toMatchObject({ status: 'DONE', counts: { new: 1, failed: 8, duplicate: 0 } });
    const found = (f: { line: number; errors: { path: string; code: string }[] }) => [f.line, f.errors.map((e) => `${e.path}:${e.code}`)];
    expect(r.failed.map(found)).toEqual([
      [1, ['verval.result:CODE']],
      [2, ['verval.visitedAt:DATE']],
      [3, ['verval.visitedAt:DATE']],
      [4, ['verval.duplicateOf:PATTERN']],
      [5, ['idbdt:PATTERN', 'idbdt:UNKNOWN_REFERENCE']],
      [6, ['baseVersion:STALE_VERSION']],
      [7, ['baseVersion:STALE_VERSION']],
      [8, ['createdAt:DATE']],
    ]);
  });

  it('an upload that is not a package is refused with a clear message; other roles cannot import', async () => {
    const id = await upload(p.supervisorJakSel, new TextEncoder().encode('MZ this is not a package'));
    await runPendingImports(ctx);
    expect(await getImport(id)).toMatchObject({ status: 'REFUSED', reasonCode: 'SIKS_MAGIC' });
    const body = fileUpload(new Uint8Array(10));
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/imports',
          payload: body.payload,
          headers: { ...body.headers, ...bearer(p.pfm) },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('Crash leftovers (issue 9 finding 7)', () => {
  const filesUnder = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)) : [];

  it('finding 7: an import job keeps its package and decrypted ZIP in the private work directory, not the system temp directory', async () => {
    const workDir = fs.mkdtempSync(path.join(process.cwd(), '.tmp', 'work-finding7-'));
    onTestFinished(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const jobCtx = { ...ctx, config: { ...ctx.config, workDir } };
    // The system temp directory of this process only (os.tmpdir() reads TMPDIR on each call): test
    // files running beside this one in other workers write their own siks-*.zip.tmp to the shared
    // one, which read as strays of this job (a CI run failed so).
    const systemTmp = fs.mkdtempSync(path.join(process.cwd(), '.tmp', 'tmpdir-finding7-'));
    const tmpBefore = process.env.TMPDIR;
    process.env.TMPDIR = systemTmp;
    onTestFinished(() => {
      if (tmpBefore === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpBefore;
      fs.rmSync(systemTmp, { recursive: true, force: true });
    });
    expect(os.tmpdir()).toBe(systemTmp);
    const hs = await householdsWithMembers(ctx, '317406', 4);
    const id = await upload(
      p.supervisorJakSel,
      (await buildPackage({ release, kab: '3174', period: PERIOD, scope: ['317406'], proposals: hs.map((h) => perbaikan(h)) })).bytes,
    );
    const tempBefore = new Set(fs.readdirSync(os.tmpdir()));
    const seen = new Set<string>();
    const strays = new Set<string>();
    const watch = setInterval(() => {
      for (const f of filesUnder(workDir)) seen.add(path.relative(workDir, f));
      for (const f of fs.readdirSync(os.tmpdir())) if (!tempBefore.has(f) && f.startsWith('siks-') && !f.endsWith('.sock')) strays.add(f);
    }, 1);
    try {
      expect(await runPendingImports(jobCtx, { batchSize: 1, onlyId: id })).toBe(1);
    } finally {
      clearInterval(watch);
    }
    expect(await getImport(id)).toMatchObject({ status: 'DONE', counts: { new: 4 } });
    const names = [...seen];
    expect(names.some((f) => /^run-[0-9a-f-]{36}\/import-[^/]+\/siks-[0-9a-f-]{36}\.zip\.tmp$/.test(f))).toBe(true);
    expect(names.some((f) => /^run-[0-9a-f-]{36}\/import-[^/]+\/package\.siks$/.test(f))).toBe(true);
    expect([...strays]).toEqual([]);
    expect(fs.statSync(workDir).mode & 0o777).toBe(0o700);
    const run = names.find((f) => /^run-[^/]+$/.test(f))!;
    expect(fs.statSync(path.join(workDir, run)).mode & 0o777).toBe(0o700);
    // Nothing of the job stays once it ended.
    expect(filesUnder(workDir).filter((f) => !f.endsWith('owner.json') && !/run-[^/]+$/.test(f))).toEqual([]);
  });

  it('finding 7: at start an incomplete upload abandoned for an hour is purged, a fresh or still arriving one is kept', async () => {
    const { db } = ctx.database;
    const ids = { old: randomUUID(), fresh: randomUUID(), arriving: randomUUID() };
    const uploader = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', p.supervisorJakSel.username)
      .executeTakeFirstOrThrow();
    for (const id of Object.values(ids)) {
      await q.insertImport(db, { id, kab: '3174', fileName: 'setengah.siks', uploadedBy: uploader.id });
      for (let seq = 0; seq < 3; seq++) await q.insertUploadChunk(db, '3174', id, seq, Buffer.alloc(1024, seq));
    }
    await sql`update imports set uploaded_at = now() - interval '2 hours', heartbeat_at = now() - interval '61 minutes' where id = ${ids.old}`.execute(
      db,
    );
    await sql`update imports set uploaded_at = now() - interval '2 hours', heartbeat_at = now() - interval '5 minutes' where id = ${ids.arriving}`.execute(
      db,
    );
    const r = await recoverImports(ctx);
    expect(r.purged).toBe(1);
    const left = await db.selectFrom('imports').select('id').where('id', 'in', Object.values(ids)).execute();
    expect(left.map((l) => l.id).sort()).toEqual([ids.fresh, ids.arriving].sort());
    const chunks = await db.selectFrom('import_uploads').select('import_id').where('import_id', 'in', Object.values(ids)).execute();
    expect(chunks.filter((c) => c.import_id === ids.old)).toEqual([]);
    expect(chunks.filter((c) => c.import_id === ids.fresh)).toHaveLength(3);
    await db.deleteFrom('imports').where('id', 'in', [ids.fresh, ids.arriving]).execute();
  });

  it('finding 7: a RUNNING job of a dead process is taken up at start, not after 120 s', async () => {
    const hs = await householdsWithMembers(ctx, '317407', 2);
    const id = await upload(
      p.supervisorJakSel,
      (await buildPackage({ release, kab: '3174', period: PERIOD, scope: ['317407'], proposals: hs.map((h) => perbaikan(h)) })).bytes,
    );
    // The previous process claimed it and was killed. On the embedded database its claim is
    // cleared at start whatever the heartbeat; on PostgreSQL (several processes) the stale age is 25 s.
    const beat = ctx.config.databaseUrl ? sql`now() - interval '26 seconds'` : sql`now()`;
    await sql`update imports set status = 'RUNNING', attempts = 1, progress = 0.5, heartbeat_at = ${beat} where id = ${id}`.execute(
      ctx.database.db,
    );
    const started = Date.now();
    const stop = startImportWorker(ctx);
    try {
      while ((await getImport(id)).status !== 'DONE' && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await stop();
    }
    expect(await getImport(id)).toMatchObject({ status: 'DONE', counts: { new: 2 } });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('operator names of a package (issue 13)', () => {
  it('refuses an operator name longer than 100 characters with a message naming it, and stores a fitting one whole', async () => {
    const [target] = await householdsWithMembers(ctx, '317408', 1);
    const importWith = async (name: string) => {
      const pkg = await buildPackage({
        release,
        kab: '3174',
        period: PERIOD,
        scope: ['317408'],
        proposals: [perbaikan(target!)],
        operator: { username: 'op_tebet', name },
      });
      const id = await upload(p.supervisorJakSel, pkg.bytes);
      await runPendingImports(ctx);
      return getImport(id);
    };
    const long = `Operator ${'Kecamatan Tebet '.repeat(7)}`.trim();
    const refused = await importWith(long);
    expect(refused).toMatchObject({ status: 'REFUSED', reasonCode: 'PACKAGE_OPERATOR_TOO_LONG' });
    expect(refused.reason).toBe(
      `Nama operator: paling banyak 100 karakter (sekarang ${long.length}). Perbaiki di Pengaturan aplikasi offline, lalu ekspor paket lagi.`,
    );
    const fits = 'N'.repeat(100);
    const done = await importWith(fits);
    expect(done.status).toBe('DONE');
    const row = await ctx.database.db.selectFrom('imports').select('operator_name').where('id', '=', done.id).executeTakeFirstOrThrow();
    expect(row.operator_name).toBe(fits);
  });
});
