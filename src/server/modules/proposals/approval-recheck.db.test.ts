// What an approval judges again that the import judged against other records: a NIK held by a
// person of another household (R5, national), and the household a GANDA or BAGIAN_RUTA_LAIN
// result names. Another decision may have changed those between the import and the approval even
// when the proposal's own household did not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik } from '../../../shared/nik.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { errorCatalogue } from '../../platform/errors.ts';
import { seedDistrict } from '../demo/index.ts';
import { runPendingImports } from '../packages/index.ts';
import { openPeriod } from '../periods/index.ts';
import { decideProposals } from './index.ts';
import { actorOf } from '../../../../test/support/finalisations.ts';
import { testContext, type TestContext } from '../../../../test/support/db.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/http.ts';
import { createPersonas, type Persona, type PersonaName } from '../../../../test/support/personas.ts';
import {
  buildPackage,
  householdsWithMembers,
  makeRelease,
  newborn,
  perbaikan,
  postPackage,
  usulanBaru,
} from '../../../../test/support/packages.ts';

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;
const PERIOD = '2019-01';
const releases: Record<string, Awaited<ReturnType<typeof makeRelease>>> = {};

beforeAll(async () => {
  ctx = await testContext();
  p = await createPersonas(ctx);
  await seedDistrict(ctx, { kab: '3174', households: 60, seed: 41, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3171', households: 20, seed: 42, mistakeRate: 0 });
  await openPeriod(ctx, CLI_ACTOR, { code: PERIOD, startsOn: '2019-01-01', endsOn: '2019-06-30' });
  releases['3174'] = await makeRelease(ctx, '3174', PERIOD);
  releases['3171'] = await makeRelease(ctx, '3171', PERIOD);
  app = await testApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

type Household = Awaited<ReturnType<typeof householdsWithMembers>>[number];
type Issue = { path: string; code: string };

const supervisorOf = (kab: string) => (kab === '3174' ? p.supervisorJakSel : p.supervisorOther);
const households = (kab: string, n: number, offset: number) => householdsWithMembers(ctx, kab, n, { offset, aktif: true });

/** Imports one package of a district's operator (named, so that a bulk filter can pick its proposals). */
async function importPackage(kab: string, proposals: { proposalId: string }[], operator: string) {
  const scope = [...new Set(proposals.map((x) => desaOf(x).slice(0, 6)))];
  const pkg = await buildPackage({
    release: releases[kab]!,
    kab,
    period: PERIOD,
    scope,
    proposals,
    operator: { username: operator, name: operator },
  });
  expect((await postPackage(app, bearer(supervisorOf(kab)), pkg.bytes)).statusCode).toBe(202);
  await runPendingImports(ctx);
}
// The desa a proposal is about: an usulan baru names it; a correction's household is in it.
const desaOf = (x: object): string => {
  const line = x as { idbdt?: string; household?: { kode_wilayah?: string } };
  return line.household?.kode_wilayah ?? line.idbdt!.slice(0, 10);
};

const decide = (kab: string, id: string, body: object) =>
  app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/decision`, payload: body, headers: bearer(supervisorOf(kab)) });
const bulk = (kab: string, filter: object) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/proposals/decisions',
    payload: { filter, decision: 'APPROVE' },
    headers: bearer(supervisorOf(kab)),
  });

const proposalRow = (id: string) =>
  ctx.database.db
    .selectFrom('proposals')
    .select(['status', 'warnings', 'has_warning', 'errors'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow() as Promise<{ status: string; warnings: Issue[]; has_warning: boolean; errors: Issue[] }>;
const codes = (issues: Issue[]) => issues.map((i) => `${i.code} ${i.path}`);

/** People registered under a NIK: present members of AKTIF households, in any district. */
const holders = async (nik: string) =>
  (
    await ctx.database.db
      .selectFrom('members as m')
      .innerJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'm.kab_kota').onRef('h.idbdt', '=', 'm.idbdt'))
      .select(['m.idbdt', 'm.nama'])
      .where('m.nik', '=', nik)
      .where('m.sta_keberadaan_art', 'in', [1, 4])
      .where('h.status', '=', 'AKTIF')
      .orderBy('m.idbdt')
      .execute()
  ).map((r) => `${r.idbdt} ${r.nama}`);

/** A household as stored, with its members and history rows: what a refused approval must leave alone. */
const snapshot = async (idbdt: string) => {
  const db = ctx.database.db;
  return {
    household: await db.selectFrom('households').selectAll().where('idbdt', '=', idbdt).executeTakeFirstOrThrow(),
    members: await db.selectFrom('members').selectAll().where('idbdt', '=', idbdt).orderBy('idartbdt').execute(),
    history: await db.selectFrom('household_history').select(['field', 'new_value']).where('idbdt', '=', idbdt).execute(),
  };
};

/** Asks for a decision that must be refused (409) with this code and findings, leaving the household as it was. */
async function expectRefused(id: string, idbdt: string, body: object, code: string, findings: string[]) {
  const before = await snapshot(idbdt);
  const refused = await decide('3174', id, body);
  expect(refused.statusCode).toBe(409);
  expect(refused.json().code).toBe(code);
  expect(codes(refused.json().details.errors)).toEqual(findings);
  expect(await snapshot(idbdt)).toEqual(before);
  return before;
}

// A NIK of the kecamatan of a desa for a person born on `birth` (sex 1 or 2), with a serial of its own.
const nikFor = (desa: string, birth: string, sex: 1 | 2, serial: number) =>
  makeNik({ regionPrefix6: desa.slice(0, 6), birthDate: birth, sex, serial });

const addBaby = (h: Household, nik: string, nama: string, household: object = {}) =>
  perbaikan(h, { household, members: [{ op: 'add', tempId: 'b1', fields: newborn(h.kode_wilayah, { nik, nama }) }] });

/** An usulan baru whose head has this NIK (born 1985-04-12, a man, as usulanBaru's head). */
function newHouseholdWith(desa: string, nik: string, nama: string) {
  const line = usulanBaru(desa);
  Object.assign(line.members[0]!.fields, { nik, nama });
  return line;
}

describe('an approval judges again what the import judged against other households', () => {
  it('bulk: two packages give one NIK to different people; the second is refused with the R5 warning added, the rest goes through', async () => {
    const [h0, h1] = await households('3174', 2, 0);
    const desa = h0!.kode_wilayah;
    const nik = nikFor(desa, '1985-04-12', 1, 9301);
    const first = newHouseholdWith(desa, nik, 'Agus Salim');
    // Another package: the same NIK for another man (added to a household), a second usulan baru
    // with it (a duplicate of the household the first creates), and a plain correction.
    const relative = { ...first.members[0]!.fields, nama: 'Budi Hartono', hub_krt: 8, hubkel: 8, sta_keberadaan_art: 4 };
    const second = perbaikan(h0!, { household: {}, members: [{ op: 'add', tempId: 'r1', fields: relative }] });
    const again = newHouseholdWith(desa, nik, 'Agus Salim');
    const plain = perbaikan(h1!, { household: { jumlah_kamar: 6 } });
    await importPackage('3174', [first], 'op_bulk_nik');
    await importPackage('3174', [second, again, plain], 'op_bulk_nik');
    // Nobody held the NIK at import: neither proposal was warned.
    for (const x of [first, second, again]) {
      const row = await proposalRow(x.proposalId);
      expect(row.status).toBe('MENUNGGU');
      expect(codes(row.warnings)).not.toContain('R5 members[0].fields.nik');
    }
    const before = await snapshot(h0!.idbdt);

    const res = await bulk('3174', { operator: 'op_bulk_nik' });
    expect(res.json()).toEqual({ matched: 4, conflicts: 0, decided: 2 });
    expect((await proposalRow(first.proposalId)).status).toBe('DISETUJUI');
    expect((await proposalRow(plain.proposalId)).status).toBe('DISETUJUI');
    expect(await holders(nik)).toEqual([expect.stringMatching(/ Agus Salim$/)]);
    // The refused ones changed nothing but their warnings: the reviewer now sees the possible duplicate person.
    expect(await snapshot(h0!.idbdt)).toEqual(before);
    for (const x of [second, again]) {
      const row = await proposalRow(x.proposalId);
      expect(row).toMatchObject({ status: 'MENUNGGU', has_warning: true });
      expect(codes(row.warnings)).toContain('R5 members[0].fields.nik');
    }
    // "Approve every proposal without warnings" leaves them; the view shows the warning's message.
    expect((await bulk('3174', { operator: 'op_bulk_nik', warning: false })).json()).toMatchObject({ matched: 0, decided: 0 });
    const view = await app.inject({ method: 'GET', url: `/api/v1/proposals/${second.proposalId}`, headers: bearer(p.supervisorJakSel) });
    expect(view.json().proposal.warnings).toContainEqual(
      expect.objectContaining({
        path: 'members[0].fields.nik',
        code: 'R5',
        message: expect.objectContaining({ id: 'NIK juga terdaftar di rumah tangga lain' }),
      }),
    );
    // R5 is a warning (bdt-dictionary.json): shown to the reviewer, it no longer holds the approval.
    expect((await bulk('3174', { operator: 'op_bulk_nik' })).json()).toEqual({ matched: 2, conflicts: 0, decided: 2 });
    expect(await holders(nik)).toHaveLength(3);
  });

  it('single approval: a NIK given in another district after the import is refused once (Indonesian, English), changing nothing', async () => {
    const [h0, h1] = await households('3174', 2, 3);
    const [other] = await households('3171', 1, 0);
    const member = h0!.members.find((m) => m.hub_krt !== 1) ?? h0!.members[0]!;
    const [nikA, nikB] = [9401, 9402].map((s) => nikFor(other!.kode_wilayah, '2018-12-01', 2, s));
    // 3174: a correction of a member's NIK, and a new-born with another NIK.
    const correction = perbaikan(h0!, {
      household: {},
      members: [{ op: 'update', idartbdt: member.idartbdt, baseVersion: member.version, fields: { nik: nikA } }],
    });
    const born = addBaby(h1!, nikB!, 'Sari Dewi');
    await importPackage('3174', [correction, born], 'op_single_nik');
    // 3171: both NIKs for its own new-born twins, approved first.
    const elsewhere = perbaikan(other!, {
      household: {},
      members: [
        { op: 'add', tempId: 'x1', fields: newborn(other!.kode_wilayah, { nik: nikA!, nama: 'Rina Wati' }) },
        { op: 'add', tempId: 'x2', fields: newborn(other!.kode_wilayah, { nik: nikB!, nama: 'Rani Wati' }) },
      ],
    });
    await importPackage('3171', [elsewhere], 'op_other');
    expect(codes((await proposalRow(correction.proposalId)).warnings)).not.toContain('R5 members[0].fields.nik');
    expect((await decide('3171', elsewhere.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);

    const before = [await snapshot(h0!.idbdt), await snapshot(h1!.idbdt)];
    const refused = await decide('3174', correction.proposalId, { decision: 'APPROVE' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'PROPOSAL_NEW_WARNING', message: errorCatalogue.PROPOSAL_NEW_WARNING.id });
    expect(codes(refused.json().details.errors)).toEqual(['R5 members[0].fields.nik']);
    const language = (lang: string) =>
      app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { language: lang }, headers: bearer(p.supervisorJakSel) });
    expect((await language('en')).statusCode).toBe(200);
    try {
      const english = await decide('3174', born.proposalId, { decision: 'APPROVE' });
      expect(english.statusCode).toBe(409);
      expect(english.json()).toMatchObject({ code: 'PROPOSAL_NEW_WARNING', message: errorCatalogue.PROPOSAL_NEW_WARNING.en });
    } finally {
      await language('id');
    }
    expect([await snapshot(h0!.idbdt), await snapshot(h1!.idbdt)]).toEqual(before);
    expect(await holders(nikA!)).toEqual([`${other!.idbdt} Rina Wati`]);
    for (const x of [correction, born]) expect(await proposalRow(x.proposalId)).toMatchObject({ status: 'MENUNGGU', has_warning: true });
    // The warning the refusal added is a change of the proposal: logged with it, one entry per refusal.
    const logged = await ctx.database.db
      .selectFrom('audit_log')
      .select(['subject', 'region_code', 'text_id'])
      .where('action', '=', 'PROPOSAL_NEW_WARNING')
      .where('subject', 'in', [`proposal:${correction.proposalId}`, `proposal:${born.proposalId}`])
      .execute();
    expect(logged).toHaveLength(2);
    expect(logged.every((e) => e.region_code === '3174' && e.text_id.startsWith('Persetujuan Usulan Ditunda'))).toBe(true);

    // Told, the reviewer may approve (R5 is a warning).
    expect((await decide('3174', correction.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);
    expect(await holders(nikA!)).toHaveLength(2);
  });

  it('one bulk decision in batches of one: a NIK an earlier batch gave is seen by a later batch', async () => {
    const [h0, h1] = await households('3174', 2, 15);
    const nik = nikFor(h0!.kode_wilayah, '2018-12-01', 2, 9601);
    const first = addBaby(h0!, nik, 'Wulan Sari');
    const second = addBaby(h1!, nik, 'Wulan Dari');
    await importPackage('3174', [first, second], 'op_batches');
    const actor = await actorOf(ctx, p.supervisorJakSel.token);
    const done = await decideProposals(ctx, actor, { filter: { operator: 'op_batches' }, decision: 'APPROVE' }, { batchSize: 1 });
    expect(done).toEqual({ matched: 2, conflicts: 0, decided: 1 });
    expect(await holders(nik)).toEqual([`${h0!.idbdt} Wulan Sari`]);
    expect(codes((await proposalRow(second.proposalId)).warnings)).toContain('R5 members[0].fields.nik');
  });

  it('a NIK held elsewhere at import is a warning the reviewer saw: the approval goes through', async () => {
    const [h0] = await households('3174', 1, 6);
    const holder = h0!.members.find((m) => m.sta_keberadaan_art === 1)!;
    const [h1] = await households('3174', 1, 7);
    const copy = addBaby(h1!, holder.nik, 'Nama Lain');
    await importPackage('3174', [copy], 'op_known_nik');
    expect(codes((await proposalRow(copy.proposalId)).warnings)).toContain('R5 members[0].fields.nik');
    expect((await decide('3174', copy.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);
  });

  it('PARTIAL: accepting the member that brings the NIK is refused; accepting only the other fields goes through', async () => {
    const [h0, h1, h2] = await households('3174', 3, 8);
    const nik = nikFor(h0!.kode_wilayah, '2018-12-01', 2, 9501);
    const taken = addBaby(h0!, nik, 'Dewi Lestari');
    const withMember = addBaby(h1!, nik, 'Dewi Kartika', { jumlah_kamar: 5 });
    const fieldsOnly = addBaby(h2!, nik, 'Dewi Anggraini', { jumlah_kamar: 6 });
    await importPackage('3174', [taken], 'op_partial_a');
    await importPackage('3174', [withMember, fieldsOnly], 'op_partial_b');
    expect((await decide('3174', taken.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);

    const partial = {
      decision: 'PARTIAL',
      acceptedFields: ['household.jumlah_kamar', 'members[0]'],
      reason: 'Anggota baru dan jumlah kamar',
    };
    await expectRefused(withMember.proposalId, h1!.idbdt, partial, 'PROPOSAL_NEW_WARNING', ['R5 members[0].fields.nik']);

    const res = await decide('3174', fieldsOnly.proposalId, {
      decision: 'PARTIAL',
      acceptedFields: ['household.jumlah_kamar'],
      reason: 'Anggota ganda',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().proposal.status).toBe('SEBAGIAN');
    expect((await snapshot(h2!.idbdt)).household.jumlah_kamar).toBe(6);
    expect(await holders(nik)).toHaveLength(1);
  });

  it('a GANDA pair (each names the other): approving the second is refused, so the family stays in the registry', async () => {
    const [a, b] = await households('3174', 2, 11);
    const ganda = (h: Household, of: Household) =>
      perbaikan(h, { household: {}, verval: { result: 6, duplicateOf: of.idbdt, mergeInto: null, visitedAt: '2019-02-11' } });
    const aOfB = ganda(a!, b!);
    const bOfA = ganda(b!, a!);
    await importPackage('3174', [aOfB], 'op_ganda_1');
    await importPackage('3174', [bOfA], 'op_ganda_2');
    expect((await decide('3174', aOfB.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);
    const kept = await expectRefused(bOfA.proposalId, b!.idbdt, { decision: 'APPROVE' }, 'PROPOSAL_NOW_INVALID', [
      'UNKNOWN_REFERENCE verval.duplicateOf',
    ]);
    expect(kept.household.status).toBe('AKTIF');
  });

  it('a merge into a household deactivated since the import is refused, and none of its field changes apply', async () => {
    const [target, source] = await households('3174', 2, 13);
    const gone = perbaikan(target!, { household: {}, verval: { result: 2, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-11' } });
    const merge = perbaikan(source!, {
      household: { jumlah_kamar: 7 },
      verval: { result: 4, duplicateOf: null, mergeInto: target!.idbdt, visitedAt: '2019-02-11' },
    });
    await importPackage('3174', [gone, merge], 'op_merge');
    expect((await decide('3174', gone.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);
    await expectRefused(merge.proposalId, source!.idbdt, { decision: 'APPROVE' }, 'PROPOSAL_NOW_INVALID', [
      'UNKNOWN_REFERENCE verval.mergeInto',
    ]);
  });
});
