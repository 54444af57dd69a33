import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { app, auditCount, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { readFeedbackLines } from '../../../../test/support/feedback.ts';
import { actorOf } from '../../../../test/support/finalisations.ts';
import { bearer } from '../../../../test/support/http.ts';
import { makeRelease } from '../../../../test/support/packages.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDemoLists, seedDistrict } from '../demo/index.ts';
import { listMembers } from '../households/index.ts';
import { openPeriod } from '../periods/index.ts';
import { upsertQuota } from './programs.queries.ts';
import { decideProgrammeProposal } from './proposals.service.ts';

// BSP and PBI proposals (issue 10, F10/F11, B6): online proposals, review, decisions with the
// quota checked inside the approving transaction, the waiting lists, feedback.

const PERIOD = '2019-01';
setupTestBed(async (c) => {
  await openPeriod(c, CLI_ACTOR, { code: PERIOD, startsOn: '2019-01-01', endsOn: '2019-06-30' });
  await seedDistrict(c, { kab: '3174', households: 160, seed: 31 });
  await seedDistrict(c, { kab: '3171', households: 40, seed: 32 });
  await seedDemoLists(c, '3174', '2019-01-01');
  await seedDemoLists(c, '3171', '2019-01-01');
});

let sup: Persona;
beforeAll(() => {
  sup = p.supervisorJakSel;
});

// Answers and rows as parsed JSON (what JSON.parse gives).
type Json = Record<string, ReturnType<typeof JSON.parse>>;
const get = async (who: Persona, url: string): Promise<{ status: number; body: Json }> => {
  const res = await app.inject({ method: 'GET', url, headers: bearer(who) });
  return { status: res.statusCode, body: res.json() };
};
const post = async (who: Persona, url: string, payload: object): Promise<{ status: number; body: Json }> => {
  const res = await app.inject({ method: 'POST', url, payload, headers: bearer(who) });
  return { status: res.statusCode, body: res.json() };
};
const rows = async <T>(query: string): Promise<T[]> => (await sql<T>`${sql.raw(query)}`.execute(ctx.database.db)).rows;
// The members as the household page reads them (the programme flags derived from the lists).
const shown = (idbdt: string) => listMembers(ctx.database.db, idbdt.slice(0, 4), idbdt);
const allKks = async (idbdt: string) => (await shown(idbdt)).every((m) => m.ada_kks);
const used = async (program: 'BPNT' | 'PBI') =>
  (await get(sup, '/api/v1/quotas')).body.items.find((i: { program: string }) => i.program === program).used as number;
const setQuota = (program: 'BPNT' | 'PBI', quota: number | null) => upsertQuota(ctx.database.db, '3174', program, PERIOD, quota, null);
const today = () => districtDate('3174');

/** Makes an online proposal and answers its id (201 expected). */
async function propose(module: 'kpm' | 'pbi', body: object): Promise<string> {
  const res = await post(sup, `/api/v1/${module}/proposals`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.proposal.id;
}
const decision = (module: 'kpm' | 'pbi', id: string, body: object) => post(sup, `/api/v1/${module}/proposals/${id}/decision`, body);
const approve = (module: 'kpm' | 'pbi', id: string) => decision(module, id, { decision: 'APPROVE' });

/** AKTIF KPM (BPNT) of 3174, lowest persentil first. */
async function kpm(n: number): Promise<string[]> {
  const r = await get(sup, `/api/v1/kpm?program=BPNT&status=AKTIF&pageSize=${n}`);
  return r.body.items.map((i: { idbdt: string }) => i.idbdt);
}
async function pbiWaiting(n: number): Promise<Json[]> {
  return (await get(sup, `/api/v1/pbi/waiting-list?pageSize=${n}`)).body.items;
}

describe('waiting lists', () => {
  it('AKTIF households of desil 1–4 not yet KPM, lowest persentil then most vulnerable first; members likewise for PBI', async () => {
    const res = await get(sup, '/api/v1/kpm/waiting-list?program=BPNT&pageSize=100');
    expect(res.status).toBe(200);
    const items = res.body.items as Json[];
    expect(items.length).toBeGreaterThan(0);
    const kpmIds = new Set((await rows<{ idbdt: string }>(`select idbdt from kpm_memberships where status = 'AKTIF'`)).map((r) => r.idbdt));
    for (const i of items) {
      expect(kpmIds.has(i.idbdt)).toBe(false);
      expect(i.persentil).toBeGreaterThanOrEqual(1);
      expect(i.persentil).toBeLessThanOrEqual(40);
      expect(i.idPengurus?.startsWith(i.idbdt)).toBe(true);
    }
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1]!, items[k]!];
      expect(a.persentil < b.persentil || (a.persentil === b.persentil && a.vulnerable >= b.vulnerable)).toBe(true);
    }
    // The vulnerable count of the top household, counted here from its members.
    const top = items[0]!;
    const [{ n }] = (await rows<{ n: number }>(
      `select count(*)::int as n from members where idbdt = '${top.idbdt}' and sta_keberadaan_art in (1, 4)
       and (tanggal_lahir::date <= date '${today()}' - interval '60 years' or tanggal_lahir::date > date '${today()}' - interval '6 years'
            or jenis_cacat <> 0 or sta_hamil)`,
    )) as [{ n: number }];
    expect(top.vulnerable).toBe(n);

    const pbi = await pbiWaiting(50);
    expect(pbi.length).toBeGreaterThan(0);
    const participants = new Set(
      (await rows<{ idartbdt: string }>(`select idartbdt from pbi_participants where status = 'AKTIF'`)).map((r) => r.idartbdt),
    );
    expect(pbi.some((i) => participants.has(i.idartbdt))).toBe(false);
    expect(pbi.every((i) => i.idartbdt.startsWith(i.idbdt))).toBe(true);
  });
});

describe('BSP: replacement and removal', () => {
  it('Ganti takes the top of the waiting list; approved even over quota (quota-neutral); history, versions and flags follow', async () => {
    const [old] = await kpm(1);
    const top = (await get(sup, '/api/v1/kpm/waiting-list?program=BPNT&pageSize=1')).body.items[0];
    const before = await used('BPNT');
    await setQuota('BPNT', before - 5);
    const made = await post(sup, '/api/v1/kpm/proposals', {
      type: 'BSP_GANTI',
      program: 'BPNT',
      idbdt: old,
      replacementIdbdt: top.idbdt,
      reason: 2,
      note: 'Pindah ke luar kota',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const view = made.body;
    expect(view.proposal).toMatchObject({
      type: 'BSP_GANTI',
      status: 'MENUNGGU',
      origin: 'ONLINE',
      operator: sup.username,
      importId: null,
    });
    expect(view.subject.current.status).toBe('AKTIF');
    expect(view.subject.proposed).toMatchObject({ status: 'NONAKTIF', reason: 2 });
    expect(view.replacement.household).toMatchObject({ idbdt: top.idbdt, persentil: top.persentil, members: top.members });
    expect(view.replacement.current.status).toBeNull();
    expect(view.replacement.proposed).toMatchObject({ status: 'AKTIF', idPengurus: top.idPengurus, noKks: null });
    expect(view.quota).toEqual({ program: 'BPNT', period: PERIOD, quota: before - 5, used: before });
    // Named by a waiting proposal: no longer offered.
    const next = (await get(sup, '/api/v1/kpm/waiting-list?program=BPNT&pageSize=1')).body.items[0];
    expect(next.idbdt).not.toBe(top.idbdt);

    const res = await approve('kpm', view.proposal.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.proposal.status).toBe('DISETUJUI');
    const m = await rows<Json>(
      `select idbdt, status, to_char(until, 'YYYY-MM-DD') as until, reason, version, id_pengurus, no_kks from kpm_memberships
       where program = 'BPNT' and idbdt in ('${old}', '${top.idbdt}') order by idbdt = '${old}' desc`,
    );
    expect(m).toEqual([
      {
        idbdt: old,
        status: 'NONAKTIF',
        until: today(),
        reason: 2,
        version: 2,
        id_pengurus: expect.any(String),
        no_kks: expect.any(String),
      },
      { idbdt: top.idbdt, status: 'AKTIF', until: null, reason: null, version: 1, id_pengurus: top.idPengurus, no_kks: null },
    ]);
    expect(await used('BPNT')).toBe(before);
    const history = await rows<Json>(
      `select idbdt, field, new_value, version, source, changed_by from kpm_history where source = 'online' order by id`,
    );
    expect(history).toEqual(
      expect.arrayContaining([
        { idbdt: old, field: 'status', new_value: 'NONAKTIF', version: 2, source: 'online', changed_by: expect.anything() },
        { idbdt: top.idbdt, field: 'status', new_value: 'AKTIF', version: 1, source: 'online', changed_by: expect.anything() },
      ]),
    );
    expect((await shown(old!)).some((m) => m.ada_kks)).toBe(false);
    expect(await allKks(top.idbdt)).toBe(true);
    expect(await auditCount('CREATE_BSP_PROPOSAL')).toBe(1);
    expect(await auditCount('DECIDE_BSP_PROPOSAL_APPROVE')).toBe(1);
    await setQuota('BPNT', before + 100);
  });

  it('refuses ineligible proposals when made and when approved; a reason is required to reject', async () => {
    const [a, b] = await kpm(2);
    const outsider = (await get(sup, '/api/v1/kpm/waiting-list?program=BPNT&pageSize=1')).body.items[0].idbdt;
    const notMember = await post(sup, '/api/v1/kpm/proposals', { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: outsider, reason: 3 });
    expect([notMember.status, notMember.body.code, notMember.body.details.errors[0].code]).toEqual([
      409,
      'PROGRAMME_PROPOSAL_NOT_ELIGIBLE',
      'NOT_MEMBER',
    ]);
    const kpmAsReplacement = await post(sup, '/api/v1/kpm/proposals', {
      type: 'BSP_GANTI',
      program: 'BPNT',
      idbdt: a,
      replacementIdbdt: b,
      reason: 1,
    });
    expect(kpmAsReplacement.body.details.errors[0]).toMatchObject({ path: 'replacementIdbdt', code: 'NOT_ELIGIBLE' });
    const incomplete = await post(sup, '/api/v1/kpm/proposals', { type: 'BSP_GANTI', program: 'BPNT', idbdt: a, reason: 1 });
    expect([incomplete.status, incomplete.body.code]).toEqual([400, 'PROGRAMME_PROPOSAL_INVALID']);
    expect(incomplete.body.details.errors[0]).toMatchObject({ path: 'replacementIdbdt', code: 'REQUIRED_WHEN' });
    // Nothing of the refused ones was stored.
    expect((await get(sup, '/api/v1/kpm/proposals?status=MENUNGGU')).body.total).toBe(0);

    const id = await propose('kpm', { type: 'BSP_GANTI', program: 'BPNT', idbdt: a, replacementIdbdt: outsider, reason: 5 });
    const twice = await post(sup, '/api/v1/kpm/proposals', { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: a, reason: 1 });
    expect([twice.status, twice.body.code]).toEqual([409, 'PROGRAMME_PROPOSAL_PENDING']);
    // The registry changes after the proposal: the replacement is no longer AKTIF.
    await sql`update households set status = 'NONAKTIF' where idbdt = ${outsider}`.execute(ctx.database.db);
    const late = await approve('kpm', id);
    expect([late.status, late.body.code]).toEqual([409, 'PROGRAMME_PROPOSAL_NOT_ELIGIBLE']);
    expect(late.body.details.errors[0]).toMatchObject({ path: 'replacementIdbdt', code: 'NOT_ELIGIBLE' });
    expect((await get(sup, `/api/v1/kpm/proposals/${id}`)).body.proposal.status).toBe('MENUNGGU');
    expect((await rows<Json>(`select status from kpm_memberships where program = 'BPNT' and idbdt = '${a}'`))[0]!.status).toBe('AKTIF');
    await sql`update households set status = 'AKTIF' where idbdt = ${outsider}`.execute(ctx.database.db);

    const noReason = await decision('kpm', id, { decision: 'REJECT' });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'PROPOSAL_REASON_REQUIRED']);
    const rejected = await decision('kpm', id, { decision: 'REJECT', reason: 'Pengganti belum diverifikasi' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.proposal).toMatchObject({ status: 'DITOLAK', decision: { reason: 'Pengganti belum diverifikasi' } });
    expect(await rows<Json>(`select 1 from kpm_memberships where program = 'BPNT' and idbdt = '${outsider}' and status = 'AKTIF'`)).toEqual(
      [],
    );
  });

  it('BSP_UBAH changes the pengurus and KKS number; a KKS number held by another KPM is refused', async () => {
    const [a, b] = await kpm(2);
    const [other] = await rows<{ no_kks: string }>(`select no_kks from kpm_memberships where idbdt = '${b}' and program = 'BPNT'`);
    const members = await rows<{ idartbdt: string }>(
      `select idartbdt from members where idbdt = '${a}' and sta_keberadaan_art in (1, 4) order by idartbdt desc`,
    );
    // A number another KPM holds is refused when proposed, and when approved after another took it.
    const held = await post(sup, '/api/v1/kpm/proposals', { type: 'BSP_UBAH', program: 'BPNT', idbdt: a, no_kks: other!.no_kks });
    expect(held.body.details.errors[0]).toMatchObject({ path: 'no_kks', code: 'NOT_ELIGIBLE' });
    const id = await propose('kpm', {
      type: 'BSP_UBAH',
      program: 'BPNT',
      idbdt: a,
      id_pengurus: members[0]!.idartbdt,
      no_kks: '6013999999999999',
    });
    const race = await propose('kpm', { type: 'BSP_UBAH', program: 'BPNT', idbdt: b, no_kks: '6013999999999999' });
    expect((await approve('kpm', id)).status).toBe(200);
    expect((await approve('kpm', race)).body.details.errors[0]).toMatchObject({ path: 'no_kks', code: 'NOT_ELIGIBLE' });
    await decision('kpm', race, { decision: 'REJECT', reason: 'Nomor KKS ganda' });
    expect(
      await rows<Json>(`select id_pengurus, no_kks, version, status from kpm_memberships where program = 'BPNT' and idbdt = '${a}'`),
    ).toEqual([{ id_pengurus: members[0]!.idartbdt, no_kks: '6013999999999999', version: 2, status: 'AKTIF' }]);
  });

  it('a bulk approval of replacements takes the pengurus named (or the head), writes each membership once with its history; flags follow', async () => {
    // Not the first KPM of the list: later tests take those with their KKS numbers.
    const [a, b] = (await kpm(12)).slice(-2);
    // Waiting households never in the list (their membership rows are new).
    const listed = new Set((await rows<{ idbdt: string }>(`select idbdt from kpm_memberships`)).map((r) => r.idbdt));
    const waiting: Json[] = (await get(sup, '/api/v1/kpm/waiting-list?program=BPNT&pageSize=20')).body.items.filter(
      (w: Json) => !listed.has(w.idbdt),
    );
    // The first with a present member who is not its head: that member is named.
    let named: { idbdt: string; idartbdt: string } | undefined;
    for (const w of waiting) {
      [named] = await rows<{ idbdt: string; idartbdt: string }>(
        `select idbdt, idartbdt from members where idbdt = '${w.idbdt}' and hub_krt <> 1 and sta_keberadaan_art in (1, 4) order by idartbdt limit 1`,
      );
      if (named) break;
    }
    const headed = waiting.find((w) => w.idbdt !== named!.idbdt && w.idPengurus)!;
    const version = async (idbdt: string) =>
      (await rows<{ version: number }>(`select version from kpm_memberships where program = 'BPNT' and idbdt = '${idbdt}'`))[0]!.version;
    const [va, vb] = [await version(a!), await version(b!)];
    await propose('kpm', {
      type: 'BSP_GANTI',
      program: 'BPNT',
      idbdt: a,
      replacementIdbdt: named!.idbdt,
      id_pengurus: named!.idartbdt,
      reason: 3,
    });
    await propose('kpm', { type: 'BSP_GANTI', program: 'BPNT', idbdt: b, replacementIdbdt: headed.idbdt, reason: 3 });
    const before = await used('BPNT');
    const bulk = () => post(sup, '/api/v1/kpm/proposals/decisions', { filter: { type: 'BSP_GANTI' }, decision: 'APPROVE' });
    expect((await bulk()).body).toEqual({ matched: 2, decided: 2, overQuota: 0, invalid: 0 });
    expect(await used('BPNT')).toBe(before);
    const membership = (idbdt: string) =>
      rows<Json>(
        `select status, to_char(until, 'YYYY-MM-DD') as until, reason, version, id_pengurus from kpm_memberships where program = 'BPNT' and idbdt = '${idbdt}'`,
      );
    expect(await membership(a!)).toEqual([
      { status: 'NONAKTIF', until: today(), reason: 3, version: va + 1, id_pengurus: expect.any(String) },
    ]);
    expect(await membership(b!)).toEqual([
      { status: 'NONAKTIF', until: today(), reason: 3, version: vb + 1, id_pengurus: expect.any(String) },
    ]);
    expect(await membership(named!.idbdt)).toEqual([
      { status: 'AKTIF', until: null, reason: null, version: 1, id_pengurus: named!.idartbdt },
    ]);
    expect(await membership(headed.idbdt)).toEqual([
      { status: 'AKTIF', until: null, reason: null, version: 1, id_pengurus: headed.idPengurus },
    ]);
    const history = (idbdt: string) =>
      rows<Json>(`select field, old_value, new_value, version from kpm_history where idbdt = '${idbdt}' and source = 'online' order by id`);
    expect(await history(a!)).toEqual([
      { field: 'status', old_value: 'AKTIF', new_value: 'NONAKTIF', version: va + 1 },
      { field: 'reason', old_value: null, new_value: '3', version: va + 1 },
    ]);
    expect(await history(named!.idbdt)).toEqual([
      { field: 'status', old_value: null, new_value: 'AKTIF', version: 1 },
      { field: 'id_pengurus', old_value: null, new_value: named!.idartbdt, version: 1 },
    ]);
    // Every member's ada_kks is its household's AKTIF membership of a KPM list.
    for (const idbdt of [a, b, named!.idbdt, headed.idbdt]) {
      const aktif = await rows<{ n: number }>(
        `select count(*)::int as n from kpm_memberships where idbdt = '${idbdt}' and status = 'AKTIF'`,
      );
      expect((await shown(idbdt)).map((m) => m.ada_kks)).toEqual((await shown(idbdt)).map(() => aktif[0]!.n > 0));
    }
    expect(await allKks(named!.idbdt)).toBe(true);

    // A household that left the list comes back: its stored NONAKTIF row becomes AKTIF again, one version on.
    await propose('kpm', { type: 'BSP_GANTI', program: 'BPNT', idbdt: named!.idbdt, replacementIdbdt: a, reason: 2 });
    expect((await bulk()).body).toEqual({ matched: 1, decided: 1, overQuota: 0, invalid: 0 });
    expect(await membership(a!)).toEqual([
      { status: 'AKTIF', until: null, reason: null, version: va + 2, id_pengurus: expect.any(String) },
    ]);
    expect(await membership(named!.idbdt)).toEqual([
      { status: 'NONAKTIF', until: today(), reason: 2, version: 2, id_pengurus: named!.idartbdt },
    ]);
    expect(await auditCount('DECIDE_BSP_PROPOSALS_APPROVE')).toBe(2);
  });
});

describe('PBI: additions within the quota', () => {
  it('an addition is refused when the list is full (naming the numbers), removals pass over quota, no quota refuses additions', async () => {
    const start = await used('PBI');
    await setQuota('PBI', start);
    const [m1, m2] = await pbiWaiting(2);
    const add = await propose('pbi', { type: 'PBI_USUL', idartbdt: m1!.idartbdt, note: 'Lansia tunggal' });
    const full = await approve('pbi', add);
    expect([full.status, full.body.code]).toEqual([409, 'QUOTA_EXCEEDED']);
    const n = start.toLocaleString('id-ID');
    expect(full.body.message).toBe(`Kuota PBI Kota Administrasi Jakarta Selatan sudah penuh: ${n} dari ${n} terpakai.`);
    expect((await get(sup, `/api/v1/pbi/proposals/${add}`)).body.proposal.status).toBe('MENUNGGU');

    // Lowered below the count: nothing is removed, a removal is still allowed, additions wait.
    await setQuota('PBI', start - 10);
    const leaving = (await get(sup, '/api/v1/pbi?status=AKTIF&pageSize=1')).body.items[0].idartbdt;
    const removal = await propose('pbi', { type: 'PBI_NONAKTIF', idartbdt: leaving, reason: 1 });
    expect((await approve('pbi', removal)).status).toBe(200);
    expect(await used('PBI')).toBe(start - 1);
    expect((await approve('pbi', add)).body.code).toBe('QUOTA_EXCEEDED');

    await setQuota('PBI', start);
    const ok = await approve('pbi', add);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await used('PBI')).toBe(start);
    expect(
      await rows<Json>(
        `select b.status, b.version, (select count(*)::int from pbi_history h where h.idartbdt = b.idartbdt and h.source = 'online') as history
         from pbi_participants b where b.idartbdt = '${m1!.idartbdt}'`,
      ),
    ).toEqual([{ status: 'AKTIF', version: 1, history: 1 }]);
    const pbiOf = async (idartbdt: string) => (await shown(idartbdt.slice(0, 16))).find((m) => m.idartbdt === idartbdt)!.ada_pbi;
    expect(await pbiOf(m1!.idartbdt)).toBe(true);
    expect(await pbiOf(leaving)).toBe(false);

    await setQuota('PBI', null);
    const next = await propose('pbi', { type: 'PBI_USUL', idartbdt: m2!.idartbdt });
    const none = await approve('pbi', next);
    expect([none.status, none.body.code]).toEqual([409, 'QUOTA_NOT_SET']);
    expect(none.body.message).toContain('belum ditetapkan');
    await decision('pbi', next, { decision: 'REJECT', reason: 'Menunggu kuota' });
    await setQuota('PBI', start + 1000);
  });

  it('a bulk approval stops at the quota: the rest stay waiting and are counted; dry run first, one log entry', async () => {
    const start = await used('PBI');
    const members = await pbiWaiting(3);
    for (const m of members) await propose('pbi', { type: 'PBI_USUL', idartbdt: m.idartbdt });
    await setQuota('PBI', start + 1);
    const body = { filter: { type: 'PBI_USUL' }, decision: 'APPROVE' };
    const dry = await post(sup, '/api/v1/pbi/proposals/decisions', { ...body, dryRun: true });
    expect(dry.body).toEqual({ matched: 3, decided: 0, overQuota: 0, invalid: 0 });
    expect(await auditCount('DECIDE_PBI_PROPOSALS_APPROVE')).toBe(0);
    const res = await post(sup, '/api/v1/pbi/proposals/decisions', body);
    expect(res.body).toEqual({ matched: 3, decided: 1, overQuota: 2, invalid: 0 });
    expect(await used('PBI')).toBe(start + 1);
    expect(await auditCount('DECIDE_PBI_PROPOSALS_APPROVE')).toBe(1);
    expect((await get(sup, '/api/v1/pbi/proposals?status=MENUNGGU&type=PBI_USUL')).body.total).toBe(2);
    const rejected = await post(sup, '/api/v1/pbi/proposals/decisions', {
      filter: { type: 'PBI_USUL' },
      decision: 'REJECT',
      reason: 'Kuota penuh',
    });
    expect(rejected.body).toMatchObject({ matched: 2, decided: 2 });
    await setQuota('PBI', start + 1000);
  });

  it('two sessions approving additions at once never exceed the quota (the quota row is locked in the approving transaction)', async () => {
    const start = await used('PBI');
    await setQuota('PBI', start + 1);
    const [a, b] = await pbiWaiting(2);
    const ids = [
      await propose('pbi', { type: 'PBI_USUL', idartbdt: a!.idartbdt }),
      await propose('pbi', { type: 'PBI_USUL', idartbdt: b!.idartbdt }),
    ];
    const actor = await actorOf(ctx, sup.token);
    // Each holds its transaction open after applying, so that without the lock both would have
    // counted the same free place before either committed (PostgreSQL runs them on two connections).
    const hold = () => new Promise<void>((resolve) => setTimeout(resolve, 300));
    const results = await Promise.allSettled(
      ids.map((id) => decideProgrammeProposal(ctx, { ...actor }, 'PBI', id, { decision: 'APPROVE' }, { afterBatch: hold })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('QUOTA_EXCEEDED');
    expect(await used('PBI')).toBe(start + 1);
    await setQuota('PBI', start + 1000);
  });
});

describe('scope, masking and feedback', () => {
  it('another district gets 404, the province sees masked names, the operator is refused', async () => {
    const [a] = await kpm(1);
    const id = await propose('kpm', { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: a, reason: 4 });
    const other = p.supervisorOther;
    expect((await get(other, `/api/v1/kpm/proposals/${id}`)).status).toBe(404);
    expect((await post(other, `/api/v1/kpm/proposals/${id}/decision`, { decision: 'APPROVE' })).status).toBe(404);
    expect((await get(other, '/api/v1/kpm/proposals?kab=3174')).status).toBe(404);
    expect((await get(other, '/api/v1/kpm/waiting-list?kab=3174&program=BPNT')).status).toBe(404);
    expect((await post(other, '/api/v1/kpm/proposals', { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: a, reason: 4 })).status).toBe(404);
    const own = await get(other, '/api/v1/kpm/proposals?pageSize=100');
    expect(own.body.items.map((i: Json) => i.id)).not.toContain(id);

    const province = await get(p.provinsi31, '/api/v1/kpm/proposals?kab=3174&status=MENUNGGU');
    expect(province.status).toBe(200);
    const item = province.body.items.find((i: Json) => i.id === id);
    expect(item.namaKrt).toMatch(/\*\*\*/);
    const unmasked = (await get(sup, '/api/v1/kpm/proposals?status=MENUNGGU')).body.items.find((i: Json) => i.id === id);
    expect(unmasked.namaKrt).not.toContain('*');
    const view = await get(p.provinsi31, `/api/v1/kpm/proposals/${id}`);
    expect(view.body.subject.household.namaKrt).toMatch(/\*\*\*/);
    expect(view.body.subject.current.noKks).toMatch(/^\*+[0-9]{4}$/);
    expect((await post(p.provinsi31, `/api/v1/kpm/proposals/${id}/decision`, { decision: 'APPROVE' })).status).toBe(403);
    expect((await get(p.operatorDesa, '/api/v1/kpm/proposals')).status).toBe(403);
    await decision('kpm', id, { decision: 'REJECT', reason: 'Uji lingkup' });
  });

  it('the feedback of a BSP package carries its decisions', async () => {
    const release = await makeRelease(ctx, '3174', PERIOD);
    const importId = randomUUID();
    const packageId = randomUUID();
    await ctx.database.db
      .insertInto('imports')
      .values({
        id: importId,
        kab_kota: '3174',
        file_name: 'paket-bsp.siks',
        file_size: 1,
        file_sha256: '0'.repeat(64),
        status: 'DONE',
        upload_complete: true,
        package_id: packageId,
        release_id: release.id,
        module: 'BSP',
        period: PERIOD,
        finished_at: new Date(),
      })
      .execute();
    const [a, b] = await kpm(2);
    const [h] = await rows<{ kode_wilayah: string }>(`select kode_wilayah from households where idbdt = '${a}'`);
    const ids = [randomUUID(), randomUUID()];
    await ctx.database.db
      .insertInto('proposals')
      .values(
        [a!, b!].map((idbdt, i) => ({
          id: ids[i]!,
          import_id: importId,
          package_id: packageId,
          line_no: i + 1,
          kab_kota: '3174',
          kode_wilayah: h!.kode_wilayah,
          module: 'BSP' as const,
          type: 'BSP_NONAKTIF' as const,
          idbdt,
          body: JSON.stringify({ proposalId: ids[i], type: 'BSP_NONAKTIF', program: 'BPNT', idbdt, reason: 1 }) as never,
          operator_username: 'op_tebet',
          status: 'MENUNGGU' as const,
          proposal_created_at: new Date(),
          origin: 'PACKAGE' as const,
          program: 'BPNT' as const,
          reason_code: 1,
        })),
      )
      .execute();
    expect((await get(sup, `/api/v1/kpm/proposals?importId=${importId}`)).body.items.map((i: Json) => [i.id, i.fileName])).toEqual([
      [ids[0], 'paket-bsp.siks'],
      [ids[1], 'paket-bsp.siks'],
    ]);
    expect((await approve('kpm', ids[0]!)).status).toBe(200);
    expect((await decision('kpm', ids[1]!, { decision: 'REJECT', reason: 'Masih tinggal di desa' })).status).toBe(200);
    expect((await rows<Json>(`select source from kpm_history where idbdt = '${a}' order by id desc limit 1`))[0]!.source).toBe(
      `package:${packageId}`,
    );
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${importId}/feedback`, headers: bearer(sup) });
    expect(res.statusCode, res.body).toBe(200);
    const lines = await readFeedbackLines(res.rawPayload, release.packageKey);
    expect(lines.map((l) => [l.proposalId, l.decision, l.reason])).toEqual([
      [ids[0], 'DISETUJUI', null],
      [ids[1], 'DITOLAK', 'Masih tinggal di desa'],
    ]);
  });
});
