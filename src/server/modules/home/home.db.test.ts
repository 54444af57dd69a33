import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ctx, get, p, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { actorOf, insertImport, insertProposals } from '../../../../test/support/finalisations.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { approveMouDirectly, seedDistrict } from '../demo/index.ts';
import { logOfflineAppDownload } from '../offline/index.ts';
import { openPeriod } from '../periods/index.ts';
import { nextStep } from './home.service.ts';

// Beranda's round (issue 13 item 7, F3): the supervisor sees the state of the round and the next
// step, downloads, proposals by kecamatan and the period's finalisations; an operator of kecamatan
// 317401 sees that kecamatan's figures only, and no district quota.

const PERIOD = '2019-01';
const scan = () =>
  sharp({ create: { width: 200, height: 280, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();

let kec1: string;
let kec2: string;

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 20, seed: 71, mistakeRate: 0 });
  await openPeriod(c, CLI_ACTOR, { code: PERIOD, startsOn: '2019-01-01', endsOn: '2019-06-30' });
});

const home = async (who: keyof typeof p) => {
  const res = await get(p[who], '/api/v1/home');
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('Beranda round figures', () => {
  it('counts proposals per kecamatan: all of the district for the supervisor, his own kecamatan for the operator', async () => {
    [kec1, kec2] = [(await regionCodes('317401', 'desa'))[0]!, (await regionCodes('317402', 'desa'))[0]!];
    const imp = await insertImport(ctx, '3174', PERIOD);
    await insertProposals(ctx, imp, '3174', [
      { kode_wilayah: kec1, status: 'MENUNGGU' },
      { kode_wilayah: kec1, status: 'MENUNGGU' },
      { kode_wilayah: kec1, status: 'DISETUJUI' },
      { kode_wilayah: kec2, status: 'MENUNGGU' },
      { kode_wilayah: kec2, status: 'DITOLAK' },
      { kode_wilayah: kec2, status: 'DITOLAK' },
      { kode_wilayah: kec2, status: 'PERLU_PERBAIKAN' },
    ]);

    const supervisor = await home('supervisorJakSel');
    expect(supervisor.period).toEqual({ code: PERIOD, name: expect.any(String) });
    expect(supervisor.proposals).toEqual([
      { kecamatan: { code: '317401', name: expect.any(String) }, total: 3, waiting: 2, openDecided: 1 },
      { kecamatan: { code: '317402', name: expect.any(String) }, total: 4, waiting: 1, openDecided: 3 },
    ]);

    const operator = await home('operatorDesa');
    expect(operator.proposals).toEqual([
      { kecamatan: { code: '317401', name: supervisor.proposals[0].kecamatan.name }, total: 3, waiting: 2, openDecided: 1 },
    ]);
    // His own area's figures, not the district's quota nor the supervisor's round.
    expect(operator).toMatchObject({ kuotaKks: null, tahapBpnt: null, quotas: null, round: null });
    expect(operator.totalHouseholds).toBeLessThan(supervisor.totalHouseholds);

    // Another district's supervisor and the province see none of this district's proposals.
    expect((await home('supervisorOther')).proposals).toEqual([]);
    expect(await home('provinsi31')).toMatchObject({ proposals: null, round: null });
  });

  it("walks the supervisor's next step from the MoU to the release and the decisions", async () => {
    const before = (await home('supervisorJakSel')).round;
    expect(before).toMatchObject({
      mou: { state: 'NOT_UPLOADED', submittedAt: null },
      nextStep: 'UPLOAD_MOU',
      releaseDownloads: { count: 0, lastAt: null },
      offlineAppDownloads: { count: 0, lastAt: null },
      finalisations: [],
    });

    await approveMouDirectly(ctx, CLI_ACTOR, '3174', { mou: await scan(), permohonan: await scan() });
    expect((await home('supervisorJakSel')).round).toMatchObject({ mou: { state: 'APPROVED' }, nextStep: 'DOWNLOAD_RELEASE' });

    const at = new Date('2019-02-01T03:00:00Z');
    await ctx.database.db
      .insertInto('releases')
      .values({
        id: randomUUID(),
        kab_kota: '3174',
        period: PERIOD,
        package_key: Buffer.alloc(32).toString('base64'),
        counts: JSON.stringify({ households: 20, members: 60, kpm: 0, pbi: 0 }),
        finalization: null,
        created_at: at,
      })
      .execute();
    // The operators' downloads of the offline app count for the district.
    await logOfflineAppDownload(ctx, await actorOf(ctx, p.operatorDesa.token));
    await logOfflineAppDownload(ctx, await actorOf(ctx, p.operatorDesa.token));
    await logOfflineAppDownload(ctx, await actorOf(ctx, p.supervisorOther.token)); // another district's

    const round = (await home('supervisorJakSel')).round;
    expect(round).toMatchObject({
      nextStep: 'DECIDE_PROPOSALS',
      releaseDownloads: { count: 1, lastAt: at.toISOString() },
      offlineAppDownloads: { count: 2 },
    });
    expect(Date.parse(round.offlineAppDownloads.lastAt)).not.toBeNaN();
    expect((await home('supervisorOther')).round.offlineAppDownloads.count).toBe(1);
  });

  it("lists the period's BDT finalisations, newest first", async () => {
    const row = (number: number, at: string) => ({
      public_id: randomUUID(),
      kab_kota: '3174',
      period: PERIOD,
      number,
      letter_number: `${number}/SP-BDT/3174/${PERIOD}`,
      created_at: new Date(at),
      created_by_username: '3174_supervisor',
      proposal_count: number * 10,
      household_count: number * 10,
      recap: JSON.stringify({}),
      letter: JSON.stringify({}),
      data_sha256: '0'.repeat(64),
    });
    await ctx.database.db
      .insertInto('finalisations')
      .values([row(1, '2019-03-01T02:00:00Z'), row(2, '2019-03-13T07:05:00Z')])
      .execute();
    const { finalisations } = (await home('supervisorJakSel')).round;
    expect(finalisations).toEqual([
      { id: expect.any(Number), number: 2, letterNumber: `2/SP-BDT/3174/${PERIOD}`, at: '2019-03-13T07:05:00.000Z', proposals: 20 },
      { id: expect.any(Number), number: 1, letterNumber: `1/SP-BDT/3174/${PERIOD}`, at: '2019-03-01T02:00:00.000Z', proposals: 10 },
    ]);
  });
});

describe('the next step', () => {
  it('follows the round: MoU, its review, the release, packages, decisions, finalisation', () => {
    expect(nextStep('NOT_UPLOADED', 0, [])).toBe('UPLOAD_MOU');
    expect(nextStep('RETURNED', 0, [])).toBe('UPLOAD_MOU');
    expect(nextStep('WAITING', 0, [])).toBe('WAIT_REVIEW');
    expect(nextStep('APPROVED', 0, [])).toBe('DOWNLOAD_RELEASE');
    expect(nextStep('APPROVED', 1, [])).toBe('IMPORT_PACKAGES');
    expect(nextStep('APPROVED', 1, [{ waiting: 1, openDecided: 5 }])).toBe('DECIDE_PROPOSALS');
    expect(nextStep('APPROVED', 1, [{ waiting: 0, openDecided: 5 }])).toBe('FINALISE');
    expect(nextStep('APPROVED', 1, [{ waiting: 0, openDecided: 0 }])).toBe('IMPORT_PACKAGES');
  });
});
