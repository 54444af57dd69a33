// What a decision leaves for people to read (issue 13): household history that names the package
// a change came from and keeps a partial approval's reason with what it rejected (F13, F15); a
// partial approval only where it can mean something (F7); Finalisasi counts whose every total is
// the sum of its rows, with partial approvals a status of their own (F8).
import { describe, expect, it } from 'vitest';
import { app, ctx, get, householdsOf, p, post, setupTestBed } from '../support/bed.ts';
import { insertImport, insertProposals } from '../support/finalisations.ts';
import { bearer } from '../support/http.ts';
import {
  buildPackage,
  householdsWithMembers,
  IMPORT_PERIOD,
  perbaikan,
  postPackage,
  seedImportBed,
  usulanBaru,
} from '../support/packages.ts';
import { runPendingImports } from '../../src/server/modules/packages/index.ts';

let release: Awaited<ReturnType<typeof seedImportBed>>;
setupTestBed(async (c) => {
  release = await seedImportBed(c);
});

/** Imports one package of `proposals` under `fileName`; returns the import's id and the package's. */
async function importPackage(proposals: object[], fileName: string) {
  const pkg = await buildPackage({ release, kab: '3174', period: IMPORT_PERIOD, scope: ['317401'], proposals });
  const res = await postPackage(app, bearer(p.supervisorJakSel), pkg.bytes, fileName);
  expect(res.statusCode, res.body).toBe(202);
  await runPendingImports(ctx);
  return { importId: res.json().id as string, packageId: pkg.id };
}

const decide = (id: string, body: object) => post(p.supervisorJakSel, `/api/v1/proposals/${id}/decision`, body);
const historyOf = async (idbdt: string) =>
  (await get(p.supervisorJakSel, `/api/v1/households/${idbdt}`)).json().history as Record<string, unknown>[];

describe('history that tells the truth (F13, F15)', () => {
  it('a partial approval writes one row per accepted field, naming the package, and keeps its reason off them', async () => {
    const [h] = await householdsWithMembers(ctx, '317401', 1, { offset: 3, aktif: true });
    const prop = perbaikan(h!, { household: { kondisi_atap: h!.kondisi_atap === 1 ? 2 : 1, jumlah_kamar: 7 } });
    const { importId, packageId } = await importPackage([prop], 'tebet_putaran-1.siks');
    const reason = 'Jumlah kamar tidak sesuai foto';
    const res = await decide(prop.proposalId, { decision: 'PARTIAL', acceptedFields: ['household.kondisi_atap'], reason });
    expect(res.statusCode, res.body).toBe(200);
    // The reason stays with the proposal, beside what it rejected.
    expect(res.json().proposal.decision).toMatchObject({ reason, rejectedFields: ['household.jumlah_kamar'] });

    const fromPackage = (await historyOf(h!.idbdt)).filter((r) => r.source === `package:${packageId}`);
    expect(fromPackage).toEqual([
      expect.objectContaining({
        field: 'kondisi_atap',
        reason: null,
        package: { id: packageId, fileName: 'tebet_putaran-1.siks', importId },
      }),
    ]);
  });

  it("a new household's first entry is the approval of the proposal, from its package; a partial approval of it is refused", async () => {
    const [h] = await householdsOf('317401');
    const baru = usulanBaru(h!.kode_wilayah);
    const { importId, packageId } = await importPackage([baru], 'tebet_usulan-baru.siks');
    const partial = await decide(baru.proposalId, { decision: 'PARTIAL', acceptedFields: ['household.alamat'], reason: 'x' });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().code).toBe('PROPOSAL_PARTIAL_IMPOSSIBLE');

    const res = await decide(baru.proposalId, { decision: 'APPROVE' });
    expect(res.statusCode, res.body).toBe(200);
    const idbdt = res.json().proposal.decision.assigned.idbdt as string;
    const history = await historyOf(idbdt);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      field: 'usulan_baru',
      new_value: 'Rumah tangga baru, 1 anggota',
      reason: null,
      package: { id: packageId, fileName: 'tebet_usulan-baru.siks', importId },
    });
  });

  it('a partial approval of a removal without field changes is refused, and rows of other sources name no package', async () => {
    const [h] = await householdsWithMembers(ctx, '317401', 1, { offset: 5, aktif: true });
    const removal = perbaikan(h!, {
      household: {},
      verval: { result: 2, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-11', musdesAt: '2019-02-20', note: '' },
    });
    await importPackage([removal], 'tebet_hapus.siks');
    const res = await decide(removal.proposalId, { decision: 'PARTIAL', acceptedFields: ['verval'], reason: 'x' });
    expect(res.json().code).toBe('PROPOSAL_PARTIAL_IMPOSSIBLE');
    await ctx.database.db
      .insertInto('household_history')
      .values({
        kab_kota: h!.idbdt.slice(0, 4),
        idbdt: h!.idbdt,
        field: 'alamat',
        old_value: 'a',
        new_value: 'b',
        version: 1,
        source: 'baseline',
      })
      .execute();
    expect((await historyOf(h!.idbdt)).find((r) => r.source === 'baseline')).toMatchObject({ package: null });
  });
});

describe('Finalisasi counts agree (F8)', () => {
  it('every total is the sum of its kecamatan rows and of its desa rows, partial approvals counted apart', async () => {
    const hs = await householdsOf('3174');
    const kecamatan = [...new Set(hs.map((h) => h.kode_wilayah.slice(0, 6)))];
    expect(kecamatan.length).toBeGreaterThanOrEqual(2);
    const inKec = (i: number) => hs.filter((h) => h.kode_wilayah.startsWith(kecamatan[i]!));
    const [a, b] = [inKec(0).slice(-4), inKec(1).slice(-3)];
    const importId = await insertImport(ctx, '3174', IMPORT_PERIOD);
    const spec = (h: { idbdt: string; kode_wilayah: string }, status: 'DISETUJUI' | 'SEBAGIAN' | 'DITOLAK' | 'PERLU_PERBAIKAN', r = 1) => ({
      idbdt: h.idbdt,
      kode_wilayah: h.kode_wilayah,
      verval_result: r,
      status,
    });
    await insertProposals(ctx, importId, '3174', [
      spec(a[0]!, 'DISETUJUI'),
      spec(a[1]!, 'SEBAGIAN'),
      spec(a[2]!, 'DITOLAK', 2),
      spec(a[3]!, 'PERLU_PERBAIKAN'),
      spec(b[0]!, 'DISETUJUI', 3),
      spec(b[1]!, 'SEBAGIAN'),
      spec(b[2]!, 'DITOLAK'),
      { kode_wilayah: b[0]!.kode_wilayah, status: 'DISETUJUI' },
    ]);
    const res = await get(p.supervisorJakSel, '/api/v1/finalisations/preview');
    expect(res.statusCode, res.body).toBe(200);
    type Counts = {
      proposals: number;
      perbaikan: number;
      usulanBaru: number;
      status: Record<string, number>;
      result: Record<string, number>;
    };
    const {
      totals,
      kecamatan: kecRows,
      desa,
    } = res.json().recap as { totals: Counts; kecamatan: { counts: Counts }[]; desa: { counts: Counts }[] };
    // Every figure of the summary, flattened: the same keys the tables show in their columns.
    const flat = (c: Counts) => ({
      proposals: c.proposals,
      perbaikan: c.perbaikan,
      usulanBaru: c.usulanBaru,
      ...Object.fromEntries(Object.entries(c.status).map(([k, v]) => [`status.${k}`, v])),
      ...Object.fromEntries(Object.entries(c.result).map(([k, v]) => [`result.${k}`, v])),
    });
    const sum = (rows: { counts: Counts }[]) => {
      const out: Record<string, number> = {};
      for (const r of rows) for (const [k, v] of Object.entries(flat(r.counts))) out[k] = (out[k] ?? 0) + v;
      return out;
    };
    expect(sum(kecRows)).toEqual(flat(totals));
    expect(sum(desa)).toEqual(flat(totals));
    // Partial approvals are their own status everywhere, never folded into "Disetujui".
    const decided = await ctx.database.db
      .selectFrom('proposals')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kab_kota', '=', '3174')
      .where('module', '=', 'BDT')
      .groupBy('status')
      .execute();
    for (const { status, n } of decided) expect(totals.status[status], status).toBe(Number(n));
    expect(totals.status.SEBAGIAN).toBeGreaterThanOrEqual(2);
    expect(totals.status.PERLU_PERBAIKAN).toBeGreaterThanOrEqual(1);
    // The proposal total is the sum of the statuses, and of perbaikan and usulan baru.
    expect(Object.values(totals.status).reduce((x, y) => x + y, 0)).toBe(totals.proposals);
    expect(totals.perbaikan + totals.usulanBaru).toBe(totals.proposals);
  });
});
