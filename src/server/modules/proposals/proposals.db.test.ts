import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../../../test/support/db.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/http.ts';
import {
  buildPackage,
  fileUpload,
  householdsWithMembers,
  makeRelease,
  newborn,
  perbaikan,
  usulanBaru,
} from '../../../../test/support/packages.ts';
import { createPersonas, type Persona, type PersonaName } from '../../../../test/support/personas.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { seedDistrict } from '../demo/index.ts';
import { runPendingImports } from '../packages/index.ts';
import { openPeriod } from '../periods/index.ts';
import { actorOf } from '../../../../test/support/finalisations.ts';
import { readFeedbackLines } from '../../../../test/support/feedback.ts';
import { decideProposals } from './index.ts';

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;
let release: Awaited<ReturnType<typeof makeRelease>>;
const PERIOD = '2019-01';
const SCOPE = ['317401'];

beforeAll(async () => {
  ctx = await testContext();
  p = await createPersonas(ctx);
  await seedDistrict(ctx, { kab: '3174', households: 300, seed: 31, mistakeRate: 0 });
  await openPeriod(ctx, CLI_ACTOR, { code: PERIOD, startsOn: '2019-01-01', endsOn: '2019-06-30' });
  release = await makeRelease(ctx, '3174', PERIOD);
  app = await testApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const as = (who: Persona) => bearer(who);
const sup = () => as(p.supervisorJakSel);

const households = (n: number, offset = 0) => householdsWithMembers(ctx, '317401', n, { offset, aktif: true });

async function importProposals(proposals: object[]) {
  const pkg = await buildPackage({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals });
  const body = fileUpload(pkg.bytes);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload: body.payload,
    headers: { ...body.headers, ...sup() },
  });
  await runPendingImports(ctx);
  return res.json().id as string;
}

const decide = (id: string, body: object) =>
  app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/decision`, payload: body, headers: sup() });
const household = async (idbdt: string) => (await app.inject({ method: 'GET', url: `/api/v1/households/${idbdt}`, headers: sup() })).json();

describe('Verifikasi Usulan (F7)', () => {
  it('lists proposals by tab with counts, and shows current and proposed values side by side', async () => {
    const [h] = await households(1);
    const prop = perbaikan(h!, { household: { lantai: 9, jumlah_kamar: 4 } });
    const importId = await importProposals([prop, usulanBaru(h!.kode_wilayah)]);
    const list = (await app.inject({ method: 'GET', url: `/api/v1/proposals?tab=PERBAIKAN&importId=${importId}`, headers: sup() })).json();
    expect(list.total).toBe(1);
    expect(list.counts.byStatus.MENUNGGU).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: prop.proposalId,
      idbdt: h!.idbdt,
      status: 'MENUNGGU',
      conflict: false,
      operator: 'op_tebet',
    });
    const baru = (
      await app.inject({ method: 'GET', url: `/api/v1/proposals?tab=USULAN_BARU&importId=${importId}`, headers: sup() })
    ).json();
    expect(baru.items[0]).toMatchObject({ type: 'USULAN_BARU', namaKrt: 'Bambang Sutejo' });

    const view = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${prop.proposalId}`, headers: sup() })).json();
    const current = await ctx.database.db
      .selectFrom('households')
      .select(['lantai', 'jumlah_kamar'])
      .where('idbdt', '=', h!.idbdt)
      .executeTakeFirstOrThrow();
    expect(view.changes.household).toEqual([
      { field: 'lantai', current: current.lantai, proposed: 9 },
      { field: 'jumlah_kamar', current: current.jumlah_kamar, proposed: 4 },
    ]);
    expect(view.proposal.changePaths).toEqual(['household.lantai', 'household.jumlah_kamar']);
  });

  it('approving a correction changes the registry in one transaction: version +1, history naming the package, one log entry', async () => {
    const [h] = await households(1, 1);
    const prop = perbaikan(h!, { household: { lantai: 9 } });
    await importProposals([prop]);
    const res = await decide(prop.proposalId, { decision: 'APPROVE' });
    expect(res.statusCode).toBe(200);
    expect(res.json().proposal).toMatchObject({
      status: 'DISETUJUI',
      decision: { decidedBy: '3174_supervisor', reason: null },
    });
    const after = await household(h!.idbdt);
    expect(after.household).toMatchObject({ lantai: 9, version: h!.version + 1 });
    const pkg = await ctx.database.db
      .selectFrom('proposals')
      .select('package_id')
      .where('id', '=', prop.proposalId)
      .executeTakeFirstOrThrow();
    expect(after.history[0]).toMatchObject({
      field: 'lantai',
      new_value: '9',
      version: h!.version + 1,
      changed_by: '3174_supervisor',
      source: `package:${pkg.package_id}`,
    });
    const log = await ctx.database.db
      .selectFrom('audit_log')
      .select(['text_id'])
      .where('subject', '=', `proposal:${prop.proposalId}`)
      .execute();
    expect(log).toEqual([{ text_id: `Verifikasi Usulan Perbaikan Data Dilakukan: ${h!.idbdt} disetujui` }]);
    expect((await decide(prop.proposalId, { decision: 'REJECT', reason: 'x' })).json().code).toBe('PROPOSAL_NOT_PENDING');
  });

  it('a reject and a return need a reason', async () => {
    const [a, b] = await households(2, 2);
    const pa = perbaikan(a!);
    const pb = perbaikan(b!);
    await importProposals([pa, pb]);
    const noReason = await decide(pa.proposalId, { decision: 'REJECT' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('Alasan wajib diisi untuk keputusan ini.');
    expect((await decide(pa.proposalId, { decision: 'REJECT', reason: 'Foto rumah tidak sesuai' })).json().proposal).toMatchObject({
      status: 'DITOLAK',
      decision: { reason: 'Foto rumah tidak sesuai' },
    });
    expect((await decide(pb.proposalId, { decision: 'RETURN', reason: 'Lengkapi tanggal musdes' })).json().proposal.status).toBe(
      'PERLU_PERBAIKAN',
    );
    expect((await household(a!.idbdt)).household.version).toBe(a!.version);
  });

  it('a second proposal for a household approved meanwhile is a conflict that needs its own confirmation', async () => {
    const [h] = await households(1, 4);
    const first = perbaikan(h!, { household: { lantai: 3 } });
    const second = perbaikan(h!, { household: { dinding: 3 } });
    await importProposals([first, second]);
    expect((await decide(first.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);
    const refused = await decide(second.proposalId, { decision: 'APPROVE' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PROPOSAL_CONFLICT_UNCONFIRMED');
    expect((await decide(second.proposalId, { decision: 'APPROVE', confirmConflict: true })).statusCode).toBe(200);
    expect((await household(h!.idbdt)).household).toMatchObject({ lantai: 3, dinding: 3, version: h!.version + 2 });
  });

  it('a proposal valid at import is validated again when the household changed since: an approval that would leave no head is refused', async () => {
    // A household whose head has a spouse older than every child (so the spouse can become the head).
    const candidates = await households(4, 23);
    const h = candidates.find((c) => {
      const spouse = c.members.find((m) => m.hub_krt === 2 && m.sta_keberadaan_art === 1);
      return spouse && c.members.every((m) => m.hub_krt !== 3 || String(m.tanggal_lahir) >= String(spouse.tanggal_lahir));
    })!;
    const head = h.members.find((m) => m.hub_krt === 1)!;
    const spouse = h.members.find((m) => m.hub_krt === 2 && m.sta_keberadaan_art === 1)!;
    // The head has died and the spouse heads the household now …
    const first = perbaikan(h, {
      household: {},
      members: [
        { op: 'update', idartbdt: head.idartbdt, baseVersion: head.version, fields: { sta_keberadaan_art: 2 } },
        { op: 'update', idartbdt: spouse.idartbdt, baseVersion: spouse.version, fields: { hub_krt: 1 } },
      ],
    });
    // … while another visit, valid against the record of the release, says the spouse has left.
    const second = perbaikan(h, {
      household: {},
      members: [{ op: 'update', idartbdt: spouse.idartbdt, baseVersion: spouse.version, fields: { sta_keberadaan_art: 2 } }],
    });
    await importProposals([first, second]);
    const waiting = await app.inject({ method: 'GET', url: `/api/v1/proposals/${second.proposalId}`, headers: sup() });
    expect(waiting.json().proposal.status).toBe('MENUNGGU');
    expect((await decide(first.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);
    const refused = await decide(second.proposalId, { decision: 'APPROVE', confirmConflict: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PROPOSAL_NOW_INVALID');
    expect((await household(h.idbdt)).members.find((m: { idartbdt: string }) => m.idartbdt === spouse.idartbdt)).toMatchObject({
      hub_krt: 1,
      sta_keberadaan_art: 1,
    });
  });

  it('results 2 and 6 deactivate; 4 moves the present members into the other household keeping their ids', async () => {
    const [gone, dup, original, part, into] = await households(5, 5);
    const p2 = perbaikan(gone!, {
      household: {},
      verval: { result: 2, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-11' },
    });
    const p6 = perbaikan(dup!, {
      household: {},
      verval: { result: 6, duplicateOf: original!.idbdt, mergeInto: null, visitedAt: '2019-02-11' },
    });
    const p4 = perbaikan(part!, {
      household: {},
      verval: { result: 4, duplicateOf: null, mergeInto: into!.idbdt, visitedAt: '2019-02-11' },
    });
    await importProposals([p2, p6, p4]);
    for (const x of [p2, p6, p4]) expect((await decide(x.proposalId, { decision: 'APPROVE' })).statusCode).toBe(200);
    expect((await household(gone!.idbdt)).household.status).toBe('NONAKTIF');
    expect((await household(dup!.idbdt)).household.status).toBe('NONAKTIF');
    const source = await household(part!.idbdt);
    const target = await household(into!.idbdt);
    expect(source.household.status).toBe('NONAKTIF');
    const moved = part!.members.filter((m) => [1, 4].includes(m.sta_keberadaan_art)).map((m) => m.idartbdt);
    expect(target.members.map((m: { idartbdt: string }) => m.idartbdt)).toEqual(expect.arrayContaining(moved));
    expect(target.household.version).toBe(into!.version + 1);
    expect(target.household.jumlah_art).toBe(into!.members.filter((m) => [1, 4].includes(m.sta_keberadaan_art)).length + moved.length);
  });

  it("a member's death and a new member update versions and the derived fields", async () => {
    const [h] = await households(1, 10);
    const m = h!.members.find((x) => x.hub_krt !== 1) ?? h!.members[0]!;
    const baby = newborn(h!.kode_wilayah, { nama: 'Putri Ayu', nik: '3174014112180001' });
    const prop = perbaikan(h!, {
      household: {},
      members: [
        { op: 'update', idartbdt: m.idartbdt, baseVersion: m.version, fields: { sta_keberadaan_art: 2 } },
        { op: 'add', tempId: 'bayi', fields: baby },
      ],
    });
    await importProposals([prop]);
    const res = await decide(prop.proposalId, { decision: 'APPROVE' });
    expect(res.statusCode).toBe(200);
    const after = await household(h!.idbdt);
    const dead = after.members.find((x: { idartbdt: string }) => x.idartbdt === m.idartbdt);
    expect(dead).toMatchObject({ sta_keberadaan_art: 2, version: m.version + 1 });
    const serial = Math.max(...h!.members.map((x) => Number(x.idartbdt.slice(16)))) + 1;
    const newId = `${h!.idbdt}${String(serial).padStart(2, '0')}`;
    expect(after.members.find((x: { idartbdt: string }) => x.idartbdt === newId)).toMatchObject({
      nama: 'Putri Ayu',
      version: 1,
    });
    expect(after.household).toMatchObject({ version: h!.version + 1, jumlah_art: h!.members.length });
    expect(res.json().proposal.decision.assigned).toEqual({ idbdt: h!.idbdt, members: { bayi: newId } });
  });

  it('approving an usulan baru creates the household and members with new ids', async () => {
    const [h] = await households(1);
    const desa = h!.kode_wilayah;
    const prop = usulanBaru(desa);
    await importProposals([prop]);
    const res = await decide(prop.proposalId, { decision: 'APPROVE' });
    expect(res.statusCode).toBe(200);
    const assigned = res.json().proposal.decision.assigned;
    expect(assigned.idbdt).toMatch(new RegExp(`^${desa}\\d{6}$`));
    expect(assigned.members).toEqual({ a1: `${assigned.idbdt}01` });
    const created = await household(assigned.idbdt);
    expect(created.household).toMatchObject({
      kode_wilayah: desa,
      status: 'AKTIF',
      version: 1,
      nama_krt: 'Bambang Sutejo',
      jumlah_art: 1,
    });
    expect(created.history[0]).toMatchObject({ field: 'usulan_baru' });
  });

  it('approves part of a proposal and rejects the rest with a reason', async () => {
    const [h] = await households(1, 11);
    const prop = perbaikan(h!, { household: { lantai: 1, jumlah_kamar: 7 } });
    await importProposals([prop]);
    expect((await decide(prop.proposalId, { decision: 'PARTIAL', acceptedFields: ['household.lantai'] })).statusCode).toBe(400);
    const res = await decide(prop.proposalId, {
      decision: 'PARTIAL',
      acceptedFields: ['household.lantai'],
      reason: 'Jumlah kamar tidak sesuai foto',
    });
    expect(res.json().proposal).toMatchObject({
      status: 'SEBAGIAN',
      decision: { acceptedFields: ['household.lantai'], rejectedFields: ['household.jumlah_kamar'] },
    });
    const after = await household(h!.idbdt);
    expect(after.household.lantai).toBe(1);
    expect(after.household.jumlah_kamar).not.toBe(7);
  });

  it('bulk decisions show a count first, skip conflicts, and write one log entry', async () => {
    const hs = await households(6, 12);
    const props = hs.map((h) => perbaikan(h, { household: { kondisi_atap: h.kondisi_atap === 1 ? 2 : 1 } }));
    const conflicted = perbaikan({ idbdt: hs[0]!.idbdt, version: hs[0]!.version }, { household: { kondisi_dinding: 2 } });
    const importId = await importProposals([...props, conflicted]);
    const filter = { importId };
    const dry = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/proposals/decisions',
        payload: { filter, decision: 'APPROVE', dryRun: true },
        headers: sup(),
      })
    ).json();
    expect(dry).toEqual({ matched: 7, conflicts: 0, decided: 0 });
    expect(
      await ctx.database.db
        .selectFrom('proposals')
        .select('status')
        .where('import_id', '=', importId)
        .where('status', '!=', 'MENUNGGU')
        .execute(),
    ).toEqual([]);
    // A stored derived field out of step with the members: the approval derives it again, also where
    // it reads only the members' summary columns (one proposal for the household, judged at import).
    const db = ctx.database.db;
    const stored = await db.selectFrom('households').select('jumlah_art').where('idbdt', '=', hs[1]!.idbdt).executeTakeFirstOrThrow();
    const wrong = (stored.jumlah_art ?? 0) + 1;
    await db.updateTable('households').set({ jumlah_art: wrong }).where('idbdt', '=', hs[1]!.idbdt).execute();
    const done = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/proposals/decisions',
        payload: { filter, decision: 'APPROVE' },
        headers: sup(),
      })
    ).json();
    // The second proposal for hs[0] became stale when the first was applied: it waits for its own confirmation.
    expect(done).toEqual({ matched: 7, conflicts: 1, decided: 6 });
    const present = await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idbdt', '=', hs[1]!.idbdt)
      .where('sta_keberadaan_art', 'in', [1, 4])
      .executeTakeFirstOrThrow();
    const after = await db
      .selectFrom('households')
      .select(['jumlah_art', 'version'])
      .where('idbdt', '=', hs[1]!.idbdt)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ jumlah_art: Number(present.n), version: hs[1]!.version + 1 });
    expect(
      (await ctx.database.db.selectFrom('proposals').select('status').where('id', '=', conflicted.proposalId).executeTakeFirstOrThrow())
        .status,
    ).toBe('MENUNGGU');
    const logs = await ctx.database.db.selectFrom('audit_log').select('text_id').where('action', '=', 'DECIDE_PROPOSALS_APPROVE').execute();
    expect(logs).toEqual([{ text_id: 'Verifikasi Usulan Dilakukan: 6 usulan disetujui sekaligus' }]);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('a bulk decision that fails half-way leaves nothing; run again it commits whole with one log entry', async () => {
    const hs = await households(7, 12);
    expect(hs).toHaveLength(7);
    const props = hs.map((h) => perbaikan(h, { household: { kondisi_atap: h.kondisi_atap === 1 ? 2 : 1 } }));
    const importId = await importProposals(props);
    const actor = await actorOf(ctx, p.supervisorJakSel.token);
    const { db } = ctx.database;
    const idbdts = hs.map((h) => h.idbdt);
    const registry = () =>
      db.selectFrom('households').select(['idbdt', 'version', 'kondisi_atap']).where('idbdt', 'in', idbdts).orderBy('idbdt').execute();
    const historyCount = async () =>
      (
        await db
          .selectFrom('household_history')
          .select(db.fn.countAll<number>().as('n'))
          .where('idbdt', 'in', idbdts)
          .executeTakeFirstOrThrow()
      ).n;
    const logIds = async () => (await db.selectFrom('audit_log').select('id').execute()).map((r) => r.id);
    const decidedOf = () =>
      db.selectFrom('proposals').select('id').where('import_id', '=', importId).where('status', '!=', 'MENUNGGU').execute();
    const before = { registry: await registry(), history: await historyCount(), log: await logIds() };

    // Batches of 3 over 7 proposals: the fault strikes after the second of three batches.
    const batches: number[] = [];
    const faulty = decideProposals(
      ctx,
      actor,
      { filter: { importId }, decision: 'APPROVE' },
      {
        batchSize: 3,
        afterBatch: (n) => {
          batches.push(n);
          if (n === 2) throw new Error('injected fault: the server died half-way');
        },
      },
    );
    await expect(faulty).rejects.toThrow('injected fault');
    expect(batches).toEqual([1, 2]);
    expect(await decidedOf()).toEqual([]);
    expect(await registry()).toEqual(before.registry);
    expect(await historyCount()).toBe(before.history);
    expect(await logIds()).toEqual(before.log);

    const done = await decideProposals(ctx, actor, { filter: { importId }, decision: 'APPROVE' }, { batchSize: 3 });
    expect(done).toEqual({ matched: 7, conflicts: 0, decided: 7 });
    expect(await decidedOf()).toHaveLength(7);
    expect(await registry()).toEqual(
      before.registry.map((h) => ({ ...h, version: h.version + 1, kondisi_atap: h.kondisi_atap === 1 ? 2 : 1 })),
    );
    expect(await historyCount()).toBe(before.history + 7);
    const newLog = await db
      .selectFrom('audit_log')
      .select(['action', 'text_id'])
      .where('id', '>', Math.max(...before.log))
      .execute();
    expect(newLog).toEqual([{ action: 'DECIDE_PROPOSALS_APPROVE', text_id: 'Verifikasi Usulan Dilakukan: 7 usulan disetujui sekaligus' }]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('feedback carries every decided proposal, failures with errors, and duplicates of earlier packages', async () => {
    const [a, b, c] = await households(3, 20);
    const ok = perbaikan(a!, { household: { lantai: 4 } });
    const bad = perbaikan(b!, { household: { lantai: 99 } });
    const waiting = perbaikan(c!);
    const importId = await importProposals([ok, bad, waiting]);
    await decide(ok.proposalId, { decision: 'APPROVE' });
    const again = await importProposals([ok, perbaikan(c!, { household: { lantai: 5 } })]);
    const read = async (id: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}/feedback`, headers: sup() });
      expect(res.statusCode).toBe(200);
      return readFeedbackLines(res.rawPayload, release.packageKey);
    };
    const first = await read(importId);
    // The waiting proposal is absent until decided.
    expect(first.map((l) => [l.proposalId, l.decision])).toEqual([
      [ok.proposalId, 'DISETUJUI'],
      [bad.proposalId, 'GAGAL_VALIDASI'],
    ]);
    expect((first[1]!.errors as { path: string; code: string }[])[0]).toMatchObject({
      path: 'household.lantai',
      code: 'CODE',
    });
    const second = await read(again);
    expect(second.map((l) => [l.proposalId, l.decision])).toEqual([[ok.proposalId, 'DUPLIKAT']]);
  });
});
