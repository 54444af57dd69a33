import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import { buildPackage, householdsWithMembers, makeRelease, perbaikan, postPackage } from '../../../../test/support/packages.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import { runPendingImports } from '../packages/index.ts';
import { openPeriod } from '../periods/index.ts';
import { refreshProgrammeFlags } from './flags.ts';

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 160, seed: 41, mistakeRate: 0 });
  await seedDistrict(c, { kab: '3171', households: 30, seed: 42 });
});

const db = () => ctx.database.db;
const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db())).rows;

// Members whose stored flags differ from the lists.
const drifted = async (kab: string) =>
  Number(
    (
      await rows<{ n: string }>(sql`
        select count(*) as n from members m join households h on h.idbdt = m.idbdt
        where h.kode_wilayah like ${`${kab}%`} and (
          m.ada_kks <> exists (select 1 from kpm_memberships k where k.idbdt = m.idbdt and k.status = 'AKTIF')
          or m.ada_pbi <> exists (select 1 from pbi_participants b where b.idartbdt = m.idartbdt and b.status = 'AKTIF')
          or m.ada_pkh <> exists (select 1 from pkh_nominations n where n.idbdt = m.idbdt and n.status = 'DITERIMA'))`)
    )[0]!.n,
  );
// Each member's flags, version and row version (xmin changes with every write of the row).
const state = async (idbdt: string) =>
  rows<{ idartbdt: string; ada_kks: boolean; ada_pbi: boolean; version: number; xmin: string }>(
    sql`select idartbdt, ada_kks, ada_pbi, version, xmin::text as xmin from members where idbdt = ${idbdt} order by idartbdt`,
  );
const householdVersion = async (idbdt: string) =>
  (await db().selectFrom('households').select('version').where('idbdt', '=', idbdt).executeTakeFirstOrThrow()).version;
const refresh = (kab: string, which: readonly string[] | 'all') => ctx.database.transaction((tx) => refreshProgrammeFlags(tx, kab, which));

describe('programme flags follow the lists (ada_kks, ada_pbi, ada_pkh)', () => {
  it('the demo lists leave every member with true flags; other districts stay untouched', async () => {
    const flags = () =>
      rows<{ kks: number; pbi: number }>(
        sql`select count(*) filter (where ada_kks) as kks, count(*) filter (where ada_pbi) as pbi from members`,
      );
    expect(await flags()).toEqual([{ kks: 0, pbi: 0 }]);
    await seedDemoLists(ctx, '3174', '2019-01-01');
    expect(await drifted('3174')).toBe(0);
    const flagged = await flags();
    expect(Number(flagged[0]!.kks)).toBeGreaterThan(0);
    expect(Number(flagged[0]!.pbi)).toBeGreaterThan(0);
    // Every member of a KPM household carries ada_kks, not only the pengurus.
    const kpm = (await rows<{ idbdt: string }>(sql`select idbdt from kpm_memberships where kab_kota = '3174' limit 1`))[0]!.idbdt;
    expect((await state(kpm)).every((m) => m.ada_kks)).toBe(true);
    // 3171 has no lists: refreshing 3174 wrote none of its members.
    expect(
      Number((await rows<{ n: string }>(sql`select count(*) as n from members where idbdt like '3171%' and (ada_kks or ada_pbi)`))[0]!.n),
    ).toBe(0);
  });

  it('a membership ending and one starting change the flags of those members only, without a new version', async () => {
    const ending = (
      await rows<{ idbdt: string }>(
        sql`select idbdt from kpm_memberships where kab_kota = '3174' and status = 'AKTIF' order by idbdt limit 1`,
      )
    )[0]!.idbdt;
    const starting = (
      await rows<{ idbdt: string }>(sql`
        select h.idbdt from households h where h.kode_wilayah like '3174%' and h.status = 'AKTIF'
        and not exists (select 1 from kpm_memberships k where k.idbdt = h.idbdt)
        and exists (select 1 from members m where m.idbdt = h.idbdt) order by h.idbdt limit 1`)
    )[0]!.idbdt;
    const bystander = (
      await rows<{ idbdt: string }>(
        sql`select idbdt from kpm_memberships where kab_kota = '3174' and idbdt <> ${ending} order by idbdt desc limit 1`,
      )
    )[0]!.idbdt;
    const before = { ending: await state(ending), starting: await state(starting), bystander: await state(bystander) };
    const versions = [await householdVersion(ending), await householdVersion(starting)];
    expect(before.ending.every((m) => m.ada_kks)).toBe(true);
    expect(before.starting.some((m) => m.ada_kks)).toBe(false);

    await sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-03-01', reason = 2 where kab_kota = '3174' and idbdt = ${ending}`.execute(
      db(),
    );
    await sql`insert into kpm_memberships (kab_kota, program, idbdt, status, since) values ('3174', 'RASTRA', ${starting}, 'AKTIF', '2019-03-01')`.execute(
      db(),
    );
    // Only the households named are refreshed.
    await refresh('3174', [starting]);
    expect((await state(starting)).every((m) => m.ada_kks)).toBe(true);
    expect((await state(ending)).every((m) => m.ada_kks)).toBe(true);
    await refresh('3174', [ending]);
    const after = { ending: await state(ending), starting: await state(starting), bystander: await state(bystander) };
    expect(after.ending.some((m) => m.ada_kks)).toBe(false);
    // No version moves: an operator's package made before this does not conflict.
    expect(after.ending.map((m) => m.version)).toEqual(before.ending.map((m) => m.version));
    expect(after.starting.map((m) => m.version)).toEqual(before.starting.map((m) => m.version));
    expect([await householdVersion(ending), await householdVersion(starting)]).toEqual(versions);
    expect(after.bystander).toEqual(before.bystander);

    // A PBI participation ending clears that member's ada_pbi alone.
    const participant = (
      await rows<{ idartbdt: string }>(sql`select idartbdt from pbi_participants where kab_kota = '3174' order by idartbdt limit 1`)
    )[0]!.idartbdt;
    const household = participant.slice(0, 16);
    await sql`update pbi_participants set status = 'NONAKTIF', until = '2019-03-01', reason = 1 where kab_kota = '3174' and idartbdt = ${participant}`.execute(
      db(),
    );
    const beforePbi = await state(household);
    await refresh('3174', 'all');
    const afterPbi = await state(household);
    expect(afterPbi.find((m) => m.idartbdt === participant)!.ada_pbi).toBe(false);
    for (const m of afterPbi.filter((x) => x.idartbdt !== participant)) expect(m).toEqual(beforePbi.find((b) => b.idartbdt === m.idartbdt));
    expect(await drifted('3174')).toBe(0);

    // Refreshing again writes no row at all.
    const xmins = await rows<{ x: string }>(sql`select string_agg(xmin::text, ',' order by idartbdt) as x from members`);
    await refresh('3174', 'all');
    expect(await rows<{ x: string }>(sql`select string_agg(xmin::text, ',' order by idartbdt) as x from members`)).toEqual(xmins);
  });

  it('ada_pkh follows a DITERIMA nomination: set when accepted, cleared when the household leaves PKH', async () => {
    const idbdt = (
      await rows<{ idbdt: string }>(sql`select idbdt from households where kode_wilayah like '317402%' order by idbdt limit 1`)
    )[0]!.idbdt;
    const pkh = async () =>
      (await rows<{ ada_pkh: boolean }>(sql`select ada_pkh from members where idbdt = ${idbdt}`)).map((m) => m.ada_pkh);
    await sql`insert into pkh_nominations (kab_kota, idbdt, components) values ('3174', ${idbdt}, '{}')`.execute(db());
    await refresh('3174', [idbdt]);
    expect((await pkh()).some(Boolean)).toBe(false);
    await sql`update pkh_nominations set status = 'DITERIMA', decided_at = now() where idbdt = ${idbdt}`.execute(db());
    await refresh('3174', [idbdt]);
    expect((await pkh()).length).toBeGreaterThan(0);
    expect((await pkh()).every(Boolean)).toBe(true);
    await sql`update pkh_nominations set status = 'DITOLAK', decision_reason = 'Tidak memenuhi syarat' where idbdt = ${idbdt}`.execute(
      db(),
    );
    await refresh('3174', [idbdt]);
    expect((await pkh()).some(Boolean)).toBe(false);
    expect(await drifted('3174')).toBe(0);
  });

  it('a BDT proposal can never set them: the importer refuses the line as READ_ONLY', async () => {
    await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
    const release = await makeRelease(ctx, '3174', '2019-01');
    const [h] = await householdsWithMembers(ctx, '317401', 1);
    const member = h!.members[0]!;
    const line = perbaikan(h!, {
      members: [
        { op: 'update', idartbdt: member.idartbdt, baseVersion: member.version, fields: { ada_pbi: !member.ada_pbi, ada_kks: true } },
      ],
    });
    const pkg = await buildPackage({ release, kab: '3174', period: '2019-01', scope: ['317401'], proposals: [line] });
    const res = await postPackage(app, bearer(p.supervisorJakSel), pkg.bytes);
    expect(res.statusCode).toBe(202);
    await runPendingImports(ctx);
    const r = (await app.inject({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, headers: bearer(p.supervisorJakSel) })).json();
    expect(r.counts).toMatchObject({ new: 0, failed: 1 });
    const codes = r.failed[0].errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['members[0].fields.ada_pbi:READ_ONLY', 'members[0].fields.ada_kks:READ_ONLY']));
    const stored = await db()
      .selectFrom('members')
      .select(['ada_pbi', 'ada_kks'])
      .where('idartbdt', '=', member.idartbdt)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ ada_pbi: member.ada_pbi, ada_kks: member.ada_kks });
  });
});
