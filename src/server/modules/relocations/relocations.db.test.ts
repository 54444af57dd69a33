import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { app, ctx, get, p, post, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { actorOf } from '../../../../test/support/finalisations.ts';
import { bearer } from '../../../../test/support/http.ts';
import { keptPhotoOf } from '../../../../test/support/route-probes.ts';
import {
  bspNonaktif,
  buildPackage,
  IMPORT_PERIOD,
  type makeRelease,
  perbaikan,
  postPackage,
  seedImportBed,
} from '../../../../test/support/packages.ts';
import type { Actor } from '../../platform/scope.ts';
import { initials } from '../../platform/masking.ts';
import { listMembers } from '../households/index.ts';
import { runPendingImports } from '../packages/index.ts';
import { acceptHandover, cancelHandover, declineHandover, moveWithinDistrict, releaseHousehold } from './relocations.service.ts';

// Pemindahan Rumah Tangga (issue 11, F12): moves within a district and two-step hand-overs between
// districts, on the import bed (3174 with its demo KPM/PBI lists, 3171 with 5 households).
let release: Awaited<ReturnType<typeof makeRelease>>;
setupTestBed(async () => {
  release = await seedImportBed(ctx, { lists: true });
});

let origin: Actor;
let destination: Actor;
beforeAll(async () => {
  origin = await actorOf(ctx, p.supervisorJakSel.token);
  destination = await actorOf(ctx, p.supervisorOther.token);
});

const db = () => ctx.database.db;
const rows = async <T>(query: string) => (await sql<T>`${sql.raw(query)}`.execute(db())).rows;

/** Which of the two districts own the household: exactly one answer, always. */
async function owners(idbdt: string): Promise<string[]> {
  const r = await rows<{ kab: string }>(
    `select '3174' as kab from households where idbdt = '${idbdt}' and kode_wilayah like '3174%'
     union all select '3171' from households where idbdt = '${idbdt}' and kode_wilayah like '3171%'`,
  );
  return r.map((x) => x.kab);
}

const household = (idbdt: string) =>
  db().selectFrom('households').select(['idbdt', 'kode_wilayah', 'version', 'status']).where('idbdt', '=', idbdt).executeTakeFirstOrThrow();
const history = (idbdt: string) =>
  db().selectFrom('household_history').selectAll().where('idbdt', '=', idbdt).where('source', '=', 'relocation').orderBy('id').execute();
const auditOf = (action: string, idbdt: string) =>
  db().selectFrom('audit_log').selectAll().where('action', '=', action).where('subject', '=', `household:${idbdt}`).execute();

/** Households of 3174 in 317401 with an AKTIF BPNT KPM and an AKTIF PBI participant, none moved yet. */
async function withMemberships(n: number): Promise<string[]> {
  const r = await rows<{ idbdt: string }>(
    `select h.idbdt from households h
     where h.kode_wilayah like '317401%' and h.status = 'AKTIF'
       and exists (select 1 from kpm_memberships k where k.kab_kota = '3174' and k.idbdt = h.idbdt and k.program = 'BPNT' and k.status = 'AKTIF')
       and exists (select 1 from pbi_participants b where b.kab_kota = '3174' and left(b.idartbdt, 16) = h.idbdt and b.status = 'AKTIF')
       and not exists (select 1 from relocations r where r.idbdt = h.idbdt)
     order by h.idbdt limit ${n}`,
  );
  expect(r).toHaveLength(n);
  return r.map((x) => x.idbdt);
}

async function importOf(module: 'BDT' | 'BSP', proposals: object[]) {
  const pkg = await buildPackage({ release, kab: '3174', period: IMPORT_PERIOD, scope: ['317401'], proposals, module });
  const res = await postPackage(app, bearer(p.supervisorJakSel), pkg.bytes);
  expect(res.statusCode, res.body).toBe(202);
  await runPendingImports(ctx);
  const id = res.json().id as string;
  return db().selectFrom('proposals').select(['id', 'idbdt', 'status', 'kode_wilayah', 'errors']).where('import_id', '=', id).execute();
}

const release3171 = (idbdt: string, reason = 'Pindah ke Jakarta Pusat') =>
  post(p.supervisorJakSel, '/api/v1/relocations/handovers', { idbdt, toKab: '3171', reason });

describe('a move within the district', () => {
  it('moves the household with its history, version and waiting proposals; the old release meets a conflict', async () => {
    const [x] = (
      await rows<{ idbdt: string }>(`select idbdt from households where kode_wilayah like '317401%' order by idbdt desc limit 1`)
    ).map((r) => r.idbdt);
    const before = await household(x!);
    const [waiting] = await importOf('BDT', [perbaikan(before)]);
    expect(waiting?.status).toBe('MENUNGGU');
    // Another desa of the package's kecamatan, so the operator's late package still concerns its scope.
    const target = (await regionCodes('317401', 'desa')).find((d) => d !== before.kode_wilayah)!;
    const members = await rows<{ n: number }>(`select count(*)::int as n from members where idbdt = '${x}'`);

    const res = await post(p.supervisorJakSel, '/api/v1/relocations', { idbdt: x, desa: target, reason: 'Pindah rumah' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'WITHIN',
      status: 'SELESAI',
      idbdt: x,
      fromKodeWilayah: before.kode_wilayah,
      toKodeWilayah: target,
    });

    expect(await household(x!)).toMatchObject({ idbdt: x, kode_wilayah: target, version: before.version + 1 });
    expect(await rows<{ n: number }>(`select count(*)::int as n from members where idbdt = '${x}'`)).toEqual(members);
    const [h] = await history(x!);
    expect(h).toMatchObject({
      field: 'kode_wilayah',
      old_value: before.kode_wilayah,
      new_value: target,
      version: before.version + 1,
      changed_by: origin.userId,
      reason: 'Pindah rumah',
    });
    expect(await auditOf('RELOCATION_MOVE', x!)).toHaveLength(1);
    const moved = await db()
      .selectFrom('proposals')
      .select(['kode_wilayah', 'status'])
      .where('id', '=', waiting!.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ kode_wilayah: target, status: 'MENUNGGU' });

    // The household page shows the move in its history.
    const page = await get(p.supervisorJakSel, `/api/v1/households/${x}`);
    expect(
      page.json().history.some((e: { field: string; new_value: string }) => e.field === 'kode_wilayah' && e.new_value === target),
    ).toBe(true);
    // An operator's package based on the old release now meets a conflict, never a silent overwrite.
    const [late] = await importOf('BDT', [perbaikan(before)]);
    expect(late).toMatchObject({ status: 'MENUNGGU' });
    expect((await db().selectFrom('proposals').select('conflict').where('id', '=', late!.id).executeTakeFirstOrThrow()).conflict).toBe(
      true,
    );

    // Into the same desa, into another district's desa: refused.
    expect((await post(p.supervisorJakSel, '/api/v1/relocations', { idbdt: x, desa: target, reason: 'x' })).json().code).toBe(
      'RELOCATION_SAME_PLACE',
    );
    const foreignDesa = (await regionCodes('3171', 'desa'))[0]!;
    expect((await post(p.supervisorJakSel, '/api/v1/relocations', { idbdt: x, desa: foreignDesa, reason: 'x' })).statusCode).toBe(400);
  });

  it("answers 404 for another district's household, and lists nothing of another district", async () => {
    const [x] = await withMemberships(1);
    const move = await post(p.supervisorOther, '/api/v1/relocations', {
      idbdt: x,
      desa: (await regionCodes('3171', 'desa'))[0],
      reason: 'x',
    });
    expect(move.statusCode).toBe(404);
    const handover = await post(p.supervisorOther, '/api/v1/relocations/handovers', { idbdt: x, toKab: '3174', reason: 'x' });
    expect(handover.statusCode).toBe(404);
    expect((await get(p.supervisorOther, '/api/v1/relocations?kab=3174')).statusCode).toBe(404);
    expect((await get(p.operatorDesa, '/api/v1/relocations?direction=out')).statusCode).toBe(200);
    expect((await post(p.provinsi31, '/api/v1/relocations', { idbdt: x, desa: '3174010001', reason: 'x' })).statusCode).toBe(403);
  });
});

describe('a hand-over between districts', () => {
  it('release → accept: ends memberships (reason 2), blocks proposals, then moves the household to the destination', async () => {
    const [y] = await withMemberships(1);
    const before = await household(y!);
    // A waiting online proposal of the origin about the household (made before the release).
    const waiting = await post(p.supervisorJakSel, '/api/v1/kpm/proposals', { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: y, reason: 3 });
    expect(waiting.statusCode, waiting.body).toBe(201);
    const { id: waitingId } = await db()
      .selectFrom('proposals')
      .select('id')
      .where('idbdt', '=', y!)
      .where('origin', '=', 'ONLINE')
      .executeTakeFirstOrThrow();
    const head = await rows<{ nama_krt: string }>(`select nama_krt from households where idbdt = '${y}'`);

    const res = await release3171(y!);
    expect(res.statusCode, res.body).toBe(201);
    const handover = res.json();
    expect(handover).toMatchObject({ kind: 'HANDOVER', status: 'MENUNGGU', fromKab: '3174', toKab: '3171', toKodeWilayah: null });
    expect(await owners(y!)).toEqual(['3174']);
    expect(await household(y!)).toEqual(before);

    // Memberships ended with reason 2 (pindah), each with its history; the members' flags follow.
    const kpm = await rows<{ status: string; reason: number }>(`select status, reason from kpm_memberships where idbdt = '${y}'`);
    expect(kpm.length).toBeGreaterThan(0);
    expect(kpm.every((k) => k.status === 'NONAKTIF' && k.reason === 2)).toBe(true);
    const pbi = await rows<{ status: string; reason: number }>(
      `select status, reason from pbi_participants where left(idartbdt, 16) = '${y}'`,
    );
    expect(pbi.every((b) => b.status === 'NONAKTIF' && b.reason === 2)).toBe(true);
    const kpmHistory = await rows<{ field: string; new_value: string }>(
      `select field, new_value from kpm_history where idbdt = '${y}' and source = 'relocation' order by field`,
    );
    expect(kpmHistory).toEqual(
      expect.arrayContaining([
        { field: 'reason', new_value: '2' },
        { field: 'status', new_value: 'NONAKTIF' },
      ]),
    );
    expect(
      (
        await rows<{ n: number }>(`select count(*)::int as n from pbi_history where left(idartbdt, 16) = '${y}' and source = 'relocation'`)
      )[0]!.n,
    ).toBe(pbi.length * 2);
    expect((await listMembers(ctx.database.db, y!.slice(0, 4), y!)).some((m) => m.ada_kks || m.ada_pbi)).toBe(false);

    // The destination sees a summary only, in its "Menunggu diterima" list; not the household itself.
    const pending = await get(p.supervisorOther, '/api/v1/relocations?direction=pending');
    const item = pending.json().items.find((i: { id: number }) => i.id === handover.id);
    expect(item.summary).toEqual({
      krtInitials: initials(head[0]!.nama_krt),
      memberCount: Number((await rows<{ n: number }>(`select count(*)::int as n from members where idbdt = '${y}'`))[0]!.n),
      originDesa: expect.any(String),
    });
    expect((await get(p.supervisorOther, `/api/v1/households/${y}`)).statusCode).toBe(404);
    // Both districts read the one log entry.
    const logOf = async (who: typeof p.supervisorOther) =>
      (await get(who, `/api/v1/audit?q=${y}`)).json().items.map((e: { action: string }) => e.action) as string[];
    expect(await logOf(p.supervisorOther)).toContain('RELOCATION_RELEASE');
    expect(await logOf(p.supervisorJakSel)).toContain('RELOCATION_RELEASE');

    // In hand-over: no change, no new proposal, no approval.
    expect((await post(p.supervisorJakSel, '/api/v1/relocations', { idbdt: y, desa: '3174010001', reason: 'x' })).json().code).toBe(
      'IN_HANDOVER',
    );
    expect((await release3171(y!)).json().code).toBe('IN_HANDOVER');
    const online = await post(p.supervisorJakSel, '/api/v1/pbi/proposals', { type: 'PBI_USUL', idartbdt: `${y}01` });
    expect(online.statusCode).toBe(409);
    expect(online.json().code).toBe('IN_HANDOVER');
    const approval = await post(p.supervisorJakSel, `/api/v1/kpm/proposals/${waitingId}/decision`, { decision: 'APPROVE' });
    expect(approval.statusCode, approval.body).toBe(409);
    expect(approval.json().code).toBe('IN_HANDOVER');
    const [bdt] = await importOf('BDT', [perbaikan(before)]);
    expect(bdt).toMatchObject({ status: 'GAGAL_VALIDASI' });
    expect((bdt!.errors as { code: string }[]).map((e) => e.code)).toContain('IN_HANDOVER');
    const [bsp] = await importOf('BSP', [bspNonaktif(y!, { reason: 2 })]);
    expect((bsp!.errors as { code: string }[]).map((e) => e.code)).toContain('IN_HANDOVER');

    // Only the destination accepts, into one of its own desa.
    expect((await post(p.supervisorJakSel, `/api/v1/relocations/${handover.id}/accept`, { desa: '3174010001' })).statusCode).toBe(404);
    expect((await post(p.supervisorOther, `/api/v1/relocations/${handover.id}/accept`, { desa: before.kode_wilayah })).statusCode).toBe(
      400,
    );
    expect(await owners(y!)).toEqual(['3174']);
    const photo = await keptPhotoOf(db(), y!);
    const historyBefore = (await rows<{ n: number }>(`select count(*)::int as n from household_history where idbdt = '${y}'`))[0]!.n;
    const desa = (await regionCodes('3171', 'desa'))[0]!;
    const accepted = await post(p.supervisorOther, `/api/v1/relocations/${handover.id}/accept`, { desa });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'DITERIMA', toKodeWilayah: desa, decidedBy: p.supervisorOther.username });
    expect(await owners(y!)).toEqual(['3171']);
    expect(await household(y!)).toMatchObject({ kode_wilayah: desa, version: before.version + 1 });
    // kab_kota is the distribution column (Citus cannot update it): the household's own rows were
    // deleted from the origin and inserted under the destination, its history whole (plus the move)
    // and its kept photo with the photo's bytes.
    const placed = await rows<{ t: string; kab: string; n: number }>(
      `select 'households' as t, kab_kota as kab, count(*)::int as n from households where idbdt = '${y}' group by kab_kota
       union all select 'members', kab_kota, count(*)::int from members where idbdt = '${y}' group by kab_kota
       union all select 'household_history', kab_kota, count(*)::int from household_history where idbdt = '${y}' group by kab_kota
       union all select 'household_media', kab_kota, count(*)::int from household_media where idbdt = '${y}' group by kab_kota`,
    );
    expect(placed).toEqual([
      { t: 'households', kab: '3171', n: 1 },
      { t: 'members', kab: '3171', n: item.summary.memberCount },
      { t: 'household_history', kab: '3171', n: historyBefore + 1 },
      { t: 'household_media', kab: '3171', n: 1 },
    ]);
    const shown = await get(p.supervisorOther, `/api/v1/media/${photo.sha256}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.rawPayload.equals(photo.bytes)).toBe(true);
    expect((await get(p.supervisorOther, `/api/v1/households/${y}`)).statusCode).toBe(200);
    expect((await get(p.supervisorJakSel, `/api/v1/households/${y}`)).statusCode).toBe(404);
    // The origin's waiting proposal about it is closed: the origin no longer owns the household.
    const closed = await db()
      .selectFrom('proposals')
      .select(['status', 'decision_reason'])
      .where('id', '=', waitingId)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('DITOLAK');
    expect(await logOf(p.supervisorJakSel)).toContain('RELOCATION_ACCEPT');
    expect(await logOf(p.supervisorOther)).toContain('RELOCATION_ACCEPT');
    // The destination's household page shows every step.
    const steps = (await get(p.supervisorOther, `/api/v1/households/${y}`)).json().history.map((e: { field: string }) => e.field);
    expect(steps).toEqual(expect.arrayContaining(['pemindahan', 'kode_wilayah']));
    // Moves in (destination) and out (origin).
    const ins = (await get(p.supervisorOther, '/api/v1/relocations?direction=in')).json().items.map((i: { id: number }) => i.id);
    const outs = (await get(p.supervisorJakSel, '/api/v1/relocations?direction=out')).json().items.map((i: { id: number }) => i.id);
    expect(ins).toContain(handover.id);
    expect(outs).toContain(handover.id);
    expect((await post(p.supervisorOther, `/api/v1/relocations/${handover.id}/decline`, { reason: 'x' })).json().code).toBe(
      'RELOCATION_NOT_PENDING',
    );
  });

  it('release → decline: the household is back, free of the hand-over', async () => {
    const [z] = await withMemberships(1);
    const handover = (await release3171(z!)).json();
    expect((await post(p.supervisorJakSel, `/api/v1/relocations/${handover.id}/decline`, { reason: 'x' })).statusCode).toBe(404);
    const declined = await post(p.supervisorOther, `/api/v1/relocations/${handover.id}/decline`, { reason: 'Alamat tidak ditemukan' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'DITOLAK', decisionReason: 'Alamat tidak ditemukan' });
    expect(await owners(z!)).toEqual(['3174']);
    const desa = (await regionCodes('317402', 'desa'))[1]!;
    const moved = await post(p.supervisorJakSel, '/api/v1/relocations', { idbdt: z, desa, reason: 'Kembali, pindah desa' });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((await history(z!)).map((h) => [h.field, h.new_value])).toEqual([
      ['pemindahan', `DISERAHKAN 3171 ${handover.toKabName}`],
      ['pemindahan', 'DITOLAK'],
      ['kode_wilayah', desa],
    ]);
  });

  it('release → cancel: only the origin cancels, and then it cannot be accepted', async () => {
    const [w] = await withMemberships(1);
    const handover = (await release3171(w!)).json();
    expect((await post(p.supervisorOther, `/api/v1/relocations/${handover.id}/cancel`, {})).statusCode).toBe(404);
    const cancelled = await post(p.supervisorJakSel, `/api/v1/relocations/${handover.id}/cancel`, { reason: 'Salah pilih' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('DIBATALKAN');
    const late = await post(p.supervisorOther, `/api/v1/relocations/${handover.id}/accept`, {
      desa: (await regionCodes('3171', 'desa'))[0],
    });
    expect(late.json().code).toBe('RELOCATION_NOT_PENDING');
    expect(await owners(w!)).toEqual(['3174']);
    expect(
      (await get(p.supervisorOther, '/api/v1/relocations?direction=pending')).json().items.map((i: { id: number }) => i.id),
    ).not.toContain(handover.id);
  });

  it('exports the list it shows, logged with the filter and the row count; a province reads initials only', async () => {
    const listed = (await get(p.supervisorJakSel, '/api/v1/relocations?direction=out&pageSize=100')).json();
    expect(listed.total).toBeGreaterThan(0);
    const res = await get(p.supervisorJakSel, '/api/v1/relocations/export?direction=out&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.trim().split(/\r?\n/);
    expect(lines[0]).toContain('IDBDT');
    expect(lines).toHaveLength(listed.total + 1);
    for (const item of listed.items) expect(res.body).toContain(item.idbdt);
    const [log] = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'RELOCATION_EXPORT')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(log?.details).toMatchObject({ format: 'csv', rows: listed.total, filter: { direction: 'out', kab: '3174' } });

    const province = await get(p.provinsi31, '/api/v1/relocations/export?kab=3174&direction=out&format=xlsx');
    expect(province.statusCode).toBe(200);
    const heads = await rows<{ nama_krt: string }>(
      `select h.nama_krt from households h join relocations r on r.idbdt = h.idbdt where r.kab_kota = '3174' and h.nama_krt is not null`,
    );
    const seen = (await get(p.provinsi31, '/api/v1/relocations?kab=3174&direction=out&pageSize=100')).json();
    expect(seen.total).toBe(listed.total);
    for (const h of heads) expect(JSON.stringify(seen)).not.toContain(h.nama_krt);
  });

  it('a fault between the changes and the log entry of any step loses nothing; the owner is always exactly one', async () => {
    const [v] = await withMemberships(1);
    const snapshot = async () => ({
      household: await household(v!),
      relocations: await rows(`select id, status, to_kode_wilayah from relocations where idbdt = '${v}' order by id`),
      kpm: await rows(`select program, status, reason, version from kpm_memberships where idbdt = '${v}' order by program`),
      pbi: await rows(`select idartbdt, status, reason from pbi_participants where left(idartbdt, 16) = '${v}' order by idartbdt`),
      history: (await history(v!)).length,
      log: (await rows<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n,
    });
    const fault = {
      beforeLog: () => {
        throw new Error('injected fault');
      },
    };
    const desa3171 = (await regionCodes('3171', 'desa'))[0]!;
    const faultFree = async <T>(step: () => Promise<T>, owner: string) => {
      const before = await snapshot();
      await expect(step()).rejects.toThrow('injected fault');
      expect(await snapshot()).toEqual(before);
      expect(await owners(v!)).toEqual([owner]);
    };

    const elsewhere = (await regionCodes('317403', 'desa'))[0]!;
    await faultFree(() => moveWithinDistrict(ctx, origin, { idbdt: v!, desa: elsewhere, reason: 'x' }, fault), '3174');
    await faultFree(() => releaseHousehold(ctx, origin, { idbdt: v!, toKab: '3171', reason: 'x' }, fault), '3174');
    const first = await releaseHousehold(ctx, origin, { idbdt: v!, toKab: '3171', reason: 'x' });
    expect(await owners(v!)).toEqual(['3174']);
    await faultFree(() => declineHandover(ctx, destination, first.id, { reason: 'x' }, fault), '3174');
    await faultFree(() => cancelHandover(ctx, origin, first.id, {}, fault), '3174');
    await declineHandover(ctx, destination, first.id, { reason: 'x' });
    expect(await owners(v!)).toEqual(['3174']);
    const second = await releaseHousehold(ctx, origin, { idbdt: v!, toKab: '3171', reason: 'x' });
    await faultFree(() => acceptHandover(ctx, destination, second.id, { desa: desa3171 }, fault), '3174');
    await acceptHandover(ctx, destination, second.id, { desa: desa3171 });
    expect(await owners(v!)).toEqual(['3171']);
  });
});
