import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import { buildPackage, householdsWithMembers, makeRelease, perbaikan, postPackage } from '../../../../test/support/packages.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import { runPendingImports } from '../packages/index.ts';
import { openPeriod } from '../periods/index.ts';

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 160, seed: 41, mistakeRate: 0 });
  await seedDistrict(c, { kab: '3171', households: 30, seed: 42 });
});

const db = () => ctx.database.db;
const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db())).rows;

type Flags = { idartbdt: string; ada_kks: boolean; ada_pbi: boolean; ada_pkh: boolean; version: number };
// Each member as the household page shows it (GET /api/v1/households/:idbdt).
const page = async (idbdt: string): Promise<Flags[]> => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/households/${idbdt}`, headers: bearer(p.supervisorJakSel) });
  expect(res.statusCode).toBe(200);
  return res
    .json()
    .members.map((m: Flags) => ({ idartbdt: m.idartbdt, ada_kks: m.ada_kks, ada_pbi: m.ada_pbi, ada_pkh: m.ada_pkh, version: m.version }));
};
// Every member row's physical version (xmin changes with every write of the row).
const xmins = async () => rows<{ x: string }>(sql`select string_agg(xmin::text, ',' order by idartbdt) as x from members`);
const householdVersion = async (idbdt: string) =>
  (await db().selectFrom('households').select('version').where('idbdt', '=', idbdt).executeTakeFirstOrThrow()).version;

describe('programme flags follow the lists (ada_kks, ada_pbi, ada_pkh), derived where they are read', () => {
  it('the demo lists show on the household page without writing a member row; other districts show none', async () => {
    const first = (await rows<{ idbdt: string }>(sql`select min(idbdt) as idbdt from households where kode_wilayah like '3174%'`))[0]!
      .idbdt;
    expect((await page(first)).some((m) => m.ada_kks || m.ada_pbi || m.ada_pkh)).toBe(false);
    const written = await xmins();
    await seedDemoLists(ctx, '3174', '2019-01-01');
    // The lists were written, not the members.
    expect(await xmins()).toEqual(written);
    const kpm = (
      await rows<{ idbdt: string }>(sql`select idbdt from kpm_memberships where kab_kota = '3174' and status = 'AKTIF' limit 1`)
    )[0]!.idbdt;
    // Every member of a KPM household carries ada_kks, not only the pengurus.
    const shown = await page(kpm);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((m) => m.ada_kks)).toBe(true);
    const participant = (
      await rows<{ idartbdt: string }>(sql`select idartbdt from pbi_participants where kab_kota = '3174' and status = 'AKTIF' limit 1`)
    )[0]!;
    const household = await page(participant.idartbdt.slice(0, 16));
    expect(household.find((m) => m.idartbdt === participant.idartbdt)!.ada_pbi).toBe(true);
    const outside = (
      await rows<{ idbdt: string }>(sql`select h.idbdt from households h where h.kode_wilayah like '3174%'
      and not exists (select 1 from kpm_memberships k where k.idbdt = h.idbdt) and exists (select 1 from members m where m.idbdt = h.idbdt) limit 1`)
    )[0]!.idbdt;
    expect((await page(outside)).some((m) => m.ada_kks)).toBe(false);
    // 3171 has no lists.
    const other = (
      await rows<{ idbdt: string }>(sql`select idbdt from households where kode_wilayah like '3171%' order by idbdt limit 1`)
    )[0]!.idbdt;
    const res = await app.inject({ method: 'GET', url: `/api/v1/households/${other}`, headers: bearer(p.supervisorOther) });
    expect(res.json().members.some((m: Flags) => m.ada_kks || m.ada_pbi)).toBe(false);
  });

  it('a membership ending and one starting change the flags of those members only, at once, without a new version', async () => {
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
        sql`select idbdt from kpm_memberships where kab_kota = '3174' and status = 'AKTIF' and idbdt <> ${ending} order by idbdt desc limit 1`,
      )
    )[0]!.idbdt;
    const before = { ending: await page(ending), starting: await page(starting), bystander: await page(bystander) };
    const versions = [await householdVersion(ending), await householdVersion(starting)];
    expect(before.ending.every((m) => m.ada_kks)).toBe(true);
    expect(before.starting.some((m) => m.ada_kks)).toBe(false);
    const written = await xmins();

    await sql`update kpm_memberships set status = 'NONAKTIF', until = '2019-03-01', reason = 2 where kab_kota = '3174' and idbdt = ${ending}`.execute(
      db(),
    );
    await sql`insert into kpm_memberships (kab_kota, program, idbdt, status, since) values ('3174', 'RASTRA', ${starting}, 'AKTIF', '2019-03-01')`.execute(
      db(),
    );
    const after = { ending: await page(ending), starting: await page(starting), bystander: await page(bystander) };
    expect(after.starting.every((m) => m.ada_kks)).toBe(true);
    expect(after.ending.some((m) => m.ada_kks)).toBe(false);
    // No version moves: an operator's package made before this does not conflict; no member row is written.
    expect(after.ending.map((m) => m.version)).toEqual(before.ending.map((m) => m.version));
    expect(after.starting.map((m) => m.version)).toEqual(before.starting.map((m) => m.version));
    expect([await householdVersion(ending), await householdVersion(starting)]).toEqual(versions);
    expect(after.bystander).toEqual(before.bystander);
    expect(await xmins()).toEqual(written);

    // A PBI participation ending clears that member's ada_pbi alone.
    const participant = (
      await rows<{ idartbdt: string }>(
        sql`select idartbdt from pbi_participants where kab_kota = '3174' and status = 'AKTIF' order by idartbdt limit 1`,
      )
    )[0]!.idartbdt;
    const household = participant.slice(0, 16);
    const beforePbi = await page(household);
    expect(beforePbi.find((m) => m.idartbdt === participant)!.ada_pbi).toBe(true);
    await sql`update pbi_participants set status = 'NONAKTIF', until = '2019-03-01', reason = 1 where kab_kota = '3174' and idartbdt = ${participant}`.execute(
      db(),
    );
    const afterPbi = await page(household);
    expect(afterPbi.find((m) => m.idartbdt === participant)!.ada_pbi).toBe(false);
    for (const m of afterPbi.filter((x) => x.idartbdt !== participant)) expect(m).toEqual(beforePbi.find((b) => b.idartbdt === m.idartbdt));
  });

  it('ada_pkh follows a DITERIMA nomination: set when accepted, cleared when the household leaves PKH', async () => {
    const idbdt = (
      await rows<{ idbdt: string }>(sql`select idbdt from households where kode_wilayah like '317402%' order by idbdt limit 1`)
    )[0]!.idbdt;
    const pkh = async () => (await page(idbdt)).map((m) => m.ada_pkh);
    await sql`insert into pkh_nominations (kab_kota, idbdt, components) values ('3174', ${idbdt}, '{}')`.execute(db());
    expect((await pkh()).some(Boolean)).toBe(false);
    await sql`update pkh_nominations set status = 'DITERIMA', decided_at = now() where idbdt = ${idbdt}`.execute(db());
    expect((await pkh()).length).toBeGreaterThan(0);
    expect((await pkh()).every(Boolean)).toBe(true);
    await sql`update pkh_nominations set status = 'DITOLAK', decision_reason = 'Tidak memenuhi syarat' where idbdt = ${idbdt}`.execute(
      db(),
    );
    expect((await pkh()).some(Boolean)).toBe(false);
  });

  it('a BDT proposal can never set them: the importer refuses the line as READ_ONLY', async () => {
    await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
    const release = await makeRelease(ctx, '3174', '2019-01');
    const [h] = await householdsWithMembers(ctx, '317401', 1);
    const member = h!.members[0]!;
    const before = (({ ada_pbi, ada_kks }) => ({ ada_pbi, ada_kks }))((await page(h!.idbdt)).find((m) => m.idartbdt === member.idartbdt)!);
    const line = perbaikan(h!, {
      members: [
        { op: 'update', idartbdt: member.idartbdt, baseVersion: member.version, fields: { ada_pbi: !before.ada_pbi, ada_kks: true } },
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
    const shown = (await page(h!.idbdt)).find((m) => m.idartbdt === member.idartbdt)!;
    expect({ ada_pbi: shown.ada_pbi, ada_kks: shown.ada_kks }).toEqual(before);
  });
});
