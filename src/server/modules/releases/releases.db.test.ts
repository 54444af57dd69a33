import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { passphraseKeyProvider, readFile, type ReleaseReader } from '../../platform/siks-node.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import { approveMouDirectly } from '../demo/index.ts';
import { openPeriod } from '../periods/index.ts';

const passphrase = 'kata sandi rilis Jakarta Pusat';

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3171', households: 40, seed: 11 });
  await seedDistrict(ctx, { kab: '3174', households: 5, seed: 12 });
});

const download = (who: Persona, pass = passphrase) =>
  app.inject({ method: 'POST', url: '/api/v1/releases', payload: { passphrase: pass }, headers: bearer(who) });
const scan = () =>
  sharp({ create: { width: 200, height: 280, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('Download Database BDT Rilis', () => {
  it('is refused before the MoU is approved and without an open period', async () => {
    expect((await download(p.supervisorOther)).json().code).toBe('MOU_NOT_APPROVED');
    await approveMouDirectly(ctx, CLI_ACTOR, '3171', { mou: await scan(), permohonan: await scan() });
    const res = await download(p.supervisorOther);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('Belum ada periode verval yang dibuka oleh Pusdatin.');
    await openPeriod(ctx, CLI_ACTOR, {
      code: '2019-01',
      skNumber: '1/HUK/2019',
      startsOn: '2019-01-01',
      endsOn: '2019-06-30',
    });
  });

  it('asks for a passphrase of at least 12 characters; other roles cannot download', async () => {
    expect((await download(p.supervisorOther, 'pendek')).json().code).toBe('PASSPHRASE_TOO_SHORT');
    expect((await download(p.pfm)).statusCode).toBe(403);
  });

  it('streams the district as a .siksdb that opens with the passphrase and matches the registry', async () => {
    const res = await download(p.supervisorOther);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    // Named with the district's date (WIB for Jakarta), not the UTC one: they differ from 17:00 UTC on.
    expect(res.headers['content-disposition']).toBe(`attachment; filename="BDT_3171_2019-01_${districtDate('3171', new Date())}.siksdb"`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'siks-test-')), 'r.siksdb');
    fs.writeFileSync(file, res.rawPayload);

    await expect(readFile(file, passphraseKeyProvider('bukan kata sandinya'), { kind: 'release' })).rejects.toMatchObject({
      code: 'SIKS_AUTH',
    });
    const r = (await readFile(file, passphraseKeyProvider(passphrase), { kind: 'release' })) as ReleaseReader;
    try {
      expect(r.header).toMatchObject({
        kind: 'release',
        kabKota: '3171',
        period: '2019-01',
        counts: { households: 40, kpm: 0, pbi: 0 },
      });
      expect(r.release).toMatchObject({
        kabKota: '3171',
        period: '2019-01',
        finalization: null,
        dictionaryVersion: 1,
        releaseId: r.header.id,
      });
      const households = await collect(r.households());
      const members = await collect(r.members());
      const regions = await collect(r.regions());
      expect(households).toHaveLength(40);
      expect(households.every((h) => String(h.kode_wilayah).startsWith('3171'))).toBe(true);
      expect(members).toHaveLength(r.header.counts.members);
      expect(regions[0]).toEqual({
        code: '3171',
        name: 'Kota Administrasi Jakarta Pusat',
        level: 'kabkota',
        parent: '31',
      });
      expect(regions.filter((x) => x.level === 'kecamatan')).toHaveLength(8);

      // One household as stored, with the JSON types of the format page.
      const first = households[0]!;
      const db = await ctx.database.db
        .selectFrom('households')
        .selectAll()
        .where('idbdt', '=', String(first.idbdt))
        .executeTakeFirstOrThrow();
      // kab_kota is the distribution key of the table (migration 0027), not a field of the format.
      const { created_at: _c, updated_at: _u, kab_kota: _k, ...fields } = db;
      expect(_k).toBe('3171');
      expect(first).toEqual(fields);
      expect(typeof first.lantai).toBe('number');
      expect(typeof first.ada_tv).toBe('boolean');
      const m = members.find((x) => x.idbdt === first.idbdt)!;
      expect(m.tanggal_lahir).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.version).toBe(1);

      // The server keeps the packageKey that opens packages made from this release.
      const stored = await ctx.database.db.selectFrom('releases').selectAll().where('id', '=', r.header.id).executeTakeFirstOrThrow();
      expect(stored.package_key).toBe(r.release.packageKey);
      expect(stored.kab_kota).toBe('3171');
      const log = await ctx.database.db
        .selectFrom('audit_log')
        .select(['action', 'text_id', 'actor_username'])
        .where('subject', '=', `release:${r.header.id}`)
        .execute();
      expect(log).toEqual([
        {
          action: 'DOWNLOAD_RELEASE',
          text_id: 'Download Database BDT Rilis BDT Januari 2019 (40 rumah tangga)',
          actor_username: '3171_supervisor',
        },
      ]);
    } finally {
      await r.dispose();
    }
    // Each download is a new release with a fresh packageKey.
    const again = await download(p.supervisorOther);
    expect(again.headers['x-siks-release-id']).not.toBe(res.headers['x-siks-release-id']);
    const keys = await ctx.database.db.selectFrom('releases').select('package_key').where('kab_kota', '=', '3171').execute();
    expect(new Set(keys.map((k) => k.package_key)).size).toBe(2);
  });
});

describe('the release carries the programme lists (siks-format 3.1)', () => {
  it("kpm.ndjson, pbi.ndjson and quota hold exactly the district's lists and quotas", async () => {
    const lists = (await seedDemoLists(ctx, '3171', '2019-01-01'))!;
    await sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-02-01', reason = 2
              where kab_kota = '3171' and idbdt = (select min(idbdt) from kpm_memberships where kab_kota = '3171')`.execute(
      ctx.database.db,
    );
    // Another district's lists stay out of 3171's release.
    await seedDemoLists(ctx, '3174', '2019-01-01');
    const res = await download(p.supervisorOther);
    expect(res.statusCode).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'siks-test-')), 'r.siksdb');
    fs.writeFileSync(file, res.rawPayload);
    const r = (await readFile(file, passphraseKeyProvider(passphrase), { kind: 'release' })) as ReleaseReader;
    try {
      expect(r.header.counts).toMatchObject({ kpm: lists.kpm, pbi: lists.pbi });
      expect(r.release.counts).toMatchObject({ kpm: lists.kpm, pbi: lists.pbi });
      expect(r.release.quota).toEqual({ BPNT: lists.quotas.BPNT, RASTRA: 0, PBI: lists.quotas.PBI });
      const kpm = await collect(r.kpm());
      const pbi = await collect(r.pbi());
      expect(kpm).toHaveLength(lists.kpm);
      expect(pbi).toHaveLength(lists.pbi);
      for (const k of kpm) {
        expect(Object.keys(k).sort()).toEqual(['id_pengurus', 'idbdt', 'no_kks', 'no_rekening', 'program', 'status']);
        expect(String(k.idbdt).startsWith('3171')).toBe(true);
        expect(k.program).toBe('BPNT');
      }
      expect(kpm.filter((k) => k.status === 'NONAKTIF')).toHaveLength(1);
      for (const b of pbi) {
        expect(Object.keys(b).sort()).toEqual(['idartbdt', 'no_kartu', 'status']);
        expect(String(b.idartbdt).startsWith('3171')).toBe(true);
        expect(b.no_kartu === null || /^[0-9]{13}$/.test(String(b.no_kartu))).toBe(true);
      }
      expect(pbi.some((b) => b.no_kartu === null)).toBe(true);
      // members.ndjson's programme flags are the lists' (derived where read, programs/flags.ts): every
      // member of an AKTIF KPM household has ada_kks, every AKTIF participant ada_pbi, no one else.
      const kks = new Set(kpm.filter((k) => k.status === 'AKTIF').map((k) => String(k.idbdt)));
      const inPbi = new Set(pbi.filter((b) => b.status === 'AKTIF').map((b) => String(b.idartbdt)));
      const members = await collect(r.members());
      expect(members.filter((m) => m.ada_kks).length).toBeGreaterThan(0);
      expect(members.filter((m) => m.ada_kks !== kks.has(String(m.idbdt)))).toEqual([]);
      expect(members.filter((m) => m.ada_pbi !== inPbi.has(String(m.idartbdt)))).toEqual([]);
      expect(members.every((m) => m.ada_pkh === false && typeof m.ada_kip === 'boolean')).toBe(true);
    } finally {
      await r.dispose();
    }
  });
});
