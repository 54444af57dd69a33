import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../../../test/support/db.ts';
import { validateHouseholdRecord } from '../../../shared/rules/index.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { login } from '../access/index.ts';
import { DEMO_CREDENTIALS_FILE, ensureDemo, seedDistrict } from './index.ts';
import { solvedCaptcha } from '../../../../test/support/captcha.ts';

const count = async (ctx: TestContext, q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(ctx.database.db)).rows[0]!.n;

describe('seedDistrict', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('seeds 500 households with members, derived fields and one log entry', async () => {
    const r = await seedDistrict(ctx, { kab: '3174', households: 500, seed: 3 });
    expect(r.households).toBe(500);
    expect(r.members).toBeGreaterThan(1500);
    expect(r.ms).toBeGreaterThan(0);
    const { db } = ctx.database;
    expect(await count(ctx, sql`select count(*)::int as n from households`)).toBe(500);
    expect(await count(ctx, sql`select count(*)::int as n from members`)).toBe(r.members);
    expect(
      await count(ctx, sql`select count(*)::int as n from households where idbdt not like '3174%' or left(idbdt, 10) <> kode_wilayah`),
    ).toBe(0);
    expect(await count(ctx, sql`select count(distinct kode_wilayah)::int as n from households`)).toBeGreaterThan(50);

    // Derived fields agree with the stored members.
    const wrong = await sql<{ idbdt: string }>`
      select h.idbdt from households h
      left join lateral (
        select count(*) filter (where m.sta_keberadaan_art in (1, 4))::int as art,
               count(distinct m.nuk) filter (where m.sta_keberadaan_art in (1, 4))::int as kel,
               max(m.nama) filter (where m.hub_krt = 1 and m.sta_keberadaan_art in (1, 4)) as krt
        from members m where m.idbdt = h.idbdt) d on true
      where h.jumlah_art <> d.art or h.jumlah_keluarga <> d.kel or h.nama_krt is distinct from d.krt`.execute(db);
    expect(wrong.rows).toEqual([]);

    // Stored records read back as valid records: clean, or with the one planted finding.
    const households = await db.selectFrom('households').selectAll().orderBy('idbdt').limit(200).execute();
    const today = new Date().toISOString().slice(0, 10);
    let flagged = 0;
    for (const h of households) {
      const members = await db.selectFrom('members').selectAll().where('idbdt', '=', h.idbdt).orderBy('idartbdt').execute();
      const strip = <T extends { created_at: Date; updated_at: Date }>({ created_at: _c, updated_at: _u, ...rest }: T) => rest;
      const result = validateHouseholdRecord({ household: strip(h), members: members.map(strip) }, { checkDate: today });
      const found = [...result.errors, ...result.warnings];
      expect(found.length, h.idbdt).toBeLessThanOrEqual(1);
      flagged += found.length;
    }
    expect(flagged).toBeLessThan(20);

    const log = await db.selectFrom('audit_log').selectAll().where('action', '=', 'DEMO_SEED').execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.text_id).toBe('Membuat data demo 500 rumah tangga di Kota Administrasi Jakarta Selatan');
    expect(log[0]!.text_en).toBe('Created demo data of 500 households in Kota Administrasi Jakarta Selatan');
    expect(log[0]!.region_code).toBe('3174');
    // The first seeding of 3174 also generated its shapes (district, 10 kecamatan, 65 desa, province) and a point per household.
    expect(log[0]!.details).toEqual({ households: 500, members: r.members, seed: 3, shapes: 77, points: 500 });
  });

  it('appends on a second seeding: new serials after the existing ones, no NIK reused', async () => {
    const before = await sql<{
      desa: string;
      max: string;
    }>`select left(idbdt, 10) as desa, max(idbdt) as max from households group by 1`.execute(ctx.database.db);
    const maxBefore = new Map(before.rows.map((r) => [r.desa, r.max]));
    const r = await seedDistrict(ctx, { kab: '3174', households: 300, seed: 3 });
    expect(r.households).toBe(300);
    expect(await count(ctx, sql`select count(*)::int as n from households`)).toBe(800);
    // Serials of each desa are consecutive from 1 with no gap or repeat across both seedings.
    const perDesa = await sql<{ desa: string; n: number; max: number }>`
      select left(idbdt, 10) as desa, count(*)::int as n, max(right(idbdt, 6))::int as max from households group by 1`.execute(
      ctx.database.db,
    );
    for (const d of perDesa.rows) expect(d.max, d.desa).toBe(d.n);
    for (const [desa, max] of maxBefore) {
      const now = perDesa.rows.find((d) => d.desa === desa)!;
      expect(now.max).toBeGreaterThanOrEqual(Number(max.slice(10)));
    }
    expect(await count(ctx, sql`select (count(*) - count(distinct nik))::int as n from members`)).toBe(0);
    expect(await count(ctx, sql`select (count(distinct no_kk) - count(distinct (idbdt, nuk)))::int as n from members`)).toBe(0);
    expect(await count(ctx, sql`select count(*)::int as n from audit_log where action = 'DEMO_SEED'`)).toBe(2);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('refuses an unknown district or one that is not a kabupaten/kota', async () => {
    for (const kab of ['9999', '31', '317401', 'abcd']) {
      const err = await seedDistrict(ctx, { kab, households: 10, seed: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('UNKNOWN_REGION');
    }
    const err = await seedDistrict(ctx, { kab: '3174', households: 0, seed: 1 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('VALIDATION');
  });
});

describe('ensureDemo', () => {
  let ctx: TestContext;
  let dataDir: string;
  beforeAll(async () => {
    ctx = await testContext();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-demo-'));
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('on an empty installation seeds 3174 and creates one user per role, once', async () => {
    const r = await ensureDemo(ctx, { dataDir, households: 150 });
    expect(r.created).toBe(true);
    expect(r.credentials!.map((c) => [c.username, c.role])).toEqual([
      ['pusdatin', 'PUSDATIN'],
      ['pfm', 'PFM'],
      ['provinsi_31', 'PROVINSI'],
      ['3174_supervisor', 'SUPERVISOR'],
      ['3174_operator', 'OPERATOR'],
    ]);
    expect(await count(ctx, sql`select count(*)::int as n from households where idbdt like '3174%'`)).toBe(150);
    // The demo district's programme lists: quotas a quarter of its size, filled to 90 %.
    const aktif = await count(ctx, sql`select count(*)::int as n from households where idbdt like '3174%' and status = 'AKTIF'`);
    const quota = await count(ctx, sql`select quota as n from district_quotas where kab = '3174' and program = 'BPNT'`);
    expect(quota).toBe(Math.round(aktif * 0.25));
    expect(await count(ctx, sql`select count(*)::int as n from kpm_memberships where kab_kota = '3174' and status = 'AKTIF'`)).toBe(
      Math.floor(quota * 0.9),
    );
    expect(await count(ctx, sql`select count(*)::int as n from pbi_participants where kab_kota = '3174'`)).toBeGreaterThan(0);
    const regions = await sql<{ username: string; code: string }>`
      select u.username, r.region_code as code from users u join user_regions r on r.user_id = u.id order by 1`.execute(ctx.database.db);
    expect(regions.rows).toEqual([
      { username: '3174_operator', code: '317401' },
      { username: '3174_supervisor', code: '3174' },
      { username: 'provinsi_31', code: '31' },
    ]);

    const file = path.join(dataDir, DEMO_CREDENTIALS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    for (const c of r.credentials!) expect(text).toMatch(new RegExp(`${c.role}\\s+${c.username}\\s+${c.password}`));
    const supervisor = r.credentials!.find((c) => c.role === 'SUPERVISOR')!;
    const session = await login(ctx, {
      username: supervisor.username,
      password: supervisor.password,
      captcha: await solvedCaptcha(ctx),
      address: '127.0.0.1',
    });
    expect(session.actor.regions).toEqual(['3174']);

    expect(await ensureDemo(ctx, { dataDir, households: 150 })).toEqual({ created: false });
    expect(await count(ctx, sql`select count(*)::int as n from users`)).toBe(5);
  });
});

describe('seedDistrict bulk paths', () => {
  const contexts: TestContext[] = [];
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });
  // Every index and foreign key of the loaded tables, with its definition and whether it was checked.
  const schema = async (ctx: TestContext) =>
    (
      await sql<{ def: string }>`
        select pg_get_indexdef(indexrelid) as def from pg_index where indrelid in ('households'::regclass, 'members'::regclass, 'household_locations'::regclass)
        union all
        select conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated from pg_constraint
        where conrelid in ('households'::regclass, 'members'::regclass, 'household_locations'::regclass)
        union all
        select tgname || ' ' || tgenabled::text from pg_trigger
        where tgrelid in ('households'::regclass, 'members'::regclass, 'household_locations'::regclass) and not tgisinternal
        order by 1`.execute(ctx.database.db)
    ).rows.map((r) => r.def);
  const rowsDigest = async (ctx: TestContext) =>
    (
      await sql<{ digest: string }>`
        select (select md5(string_agg((to_jsonb(h) - 'created_at' - 'updated_at')::text, '|' order by h.idbdt)) from households h)
            || (select md5(string_agg((to_jsonb(m) - 'created_at' - 'updated_at')::text, '|' order by m.idartbdt)) from members m)
            || (select md5(string_agg(to_jsonb(l)::text, '|' order by l.idbdt)) from household_locations l) as digest`.execute(
        ctx.database.db,
      )
    ).rows[0]!.digest;

  it('writes the same rows from the worker thread as from this one, and keeps every index, key and trigger of the tables', async () => {
    const [inline, threaded] = [await testContext(), await testContext()];
    contexts.push(inline, threaded);
    const before = await schema(inline);
    expect(before.length).toBeGreaterThan(10);
    // Empty tables: indexes and keys are dropped and made again around the COPY (and checked).
    await seedDistrict(inline, { kab: '3174', households: 400, seed: 9, parallel: false });
    await seedDistrict(threaded, { kab: '3174', households: 400, seed: 9, parallel: true });
    expect(await rowsDigest(threaded)).toBe(await rowsDigest(inline));
    expect(await schema(inline)).toEqual(before);
    expect(await schema(threaded)).toEqual(before);
    // The figures' insert triggers were off during the load: the district is marked for recomputation all the same.
    const marks = sql<{ n: number }>`select count(*)::int as n from district_figures_stale where kab_kota = '3174'`;
    expect(await count(inline, marks)).toBeGreaterThan(0);
    // Tables holding rows: the indexes stay in place; the next serials follow on.
    await seedDistrict(inline, { kab: '3174', households: 100, seed: 10, parallel: false });
    await seedDistrict(threaded, { kab: '3174', households: 100, seed: 10, parallel: true });
    expect(await rowsDigest(threaded)).toBe(await rowsDigest(inline));
    expect(await schema(threaded)).toEqual(before);
    expect(await count(threaded, sql`select count(*)::int as n from household_locations`)).toBe(500);
  });
});
