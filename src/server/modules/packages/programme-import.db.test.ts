import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import {
  bspGanti,
  bspNonaktif,
  bspUbah,
  buildPackage,
  IMPORT_PERIOD,
  type makeRelease,
  pbiNonaktif,
  pbiUsul,
  postPackage,
  seedImportBed,
  perbaikan,
} from '../../../../test/support/packages.ts';
import { runPendingImports } from './packages.service.ts';

// Import Data of BSP and PBI packages (issue 10 item 6; siks-format.md §3.2, §3.4, §4).
let release: Awaited<ReturnType<typeof makeRelease>>;
const PERIOD = IMPORT_PERIOD;
const SCOPE = ['317401'];

setupTestBed(async () => {
  release = await seedImportBed(ctx, { lists: true });
});

const rows = async <T>(query: string) => (await sql<T>`${sql.raw(query)}`.execute(ctx.database.db)).rows;
const ids = async (query: string) => (await rows<{ id: string }>(query)).map((r) => r.id.trim());

async function importOf(module: string, proposals: object[]) {
  const pkg = await buildPackage({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals, module });
  const res = await postPackage(app, bearer(p.supervisorJakSel), pkg.bytes);
  expect(res.statusCode).toBe(202);
  const id = res.json().id as string;
  await runPendingImports(ctx);
  return (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: bearer(p.supervisorJakSel) })).json();
}

const stored = (importId: string) =>
  ctx.database.db
    .selectFrom('proposals')
    .select(['id', 'line_no', 'status', 'module', 'type', 'program', 'idbdt', 'idartbdt', 'replacement_idbdt', 'reason_code'])
    .select(['kode_wilayah', 'origin', 'body', 'errors'])
    .where('import_id', '=', importId)
    .orderBy('line_no')
    .execute();

const findings = (r: { failed: { line: number; errors: { path: string; code: string }[] }[] }) =>
  Object.fromEntries(r.failed.map((f) => [f.line, f.errors.map((e) => `${e.path}:${e.code}`)]));

const IN_SCOPE = `kode_wilayah like '317401%'`;
const kpmIn = (where: string) =>
  ids(`select h.idbdt as id from households h join kpm_memberships k on k.idbdt = h.idbdt and k.program = 'BPNT' and k.status = 'AKTIF'
       where h.status = 'AKTIF' and ${where} order by h.idbdt`);

describe('Import Data of BSP packages', () => {
  let bspImportFirstLine: string;

  it('stores valid lines as MENUNGGU and each per-proposal error as GAGAL_VALIDASI with its §3.4 code and path', async () => {
    const kpm = await kpmIn(`h.${IN_SCOPE}`);
    const kpmOutside = await kpmIn(`h.kode_wilayah like '3174%' and h.kode_wilayah not like '317401%'`);
    const notKpm = await ids(
      `select idbdt as id from households h where status = 'AKTIF' and ${IN_SCOPE}
       and not exists (select 1 from kpm_memberships k where k.idbdt = h.idbdt) order by idbdt`,
    );
    const other = await ids(`select idbdt as id from households where kode_wilayah like '3171%' order by idbdt limit 1`);
    expect(kpm.length).toBeGreaterThanOrEqual(6);
    expect(kpmOutside.length).toBeGreaterThanOrEqual(1);
    expect(notKpm.length).toBeGreaterThanOrEqual(3);
    // A household gone NONAKTIF cannot replace anyone; a member who moved out cannot be the pengurus.
    await sql`update households set status = 'NONAKTIF' where idbdt = ${notKpm[2]}`.execute(ctx.database.db);
    const [movedOut] = await ids(`select idartbdt as id from members where idbdt = '${kpm[5]}' order by idartbdt desc limit 1`);
    await sql`update members set sta_keberadaan_art = 3 where idartbdt = ${movedOut}`.execute(ctx.database.db);
    const [pengurus] = await ids(`select idartbdt as id from members where idbdt = '${kpm[2]}' and sta_keberadaan_art in (1, 4) limit 1`);

    const ganti = bspGanti(kpm[0]!, notKpm[0]!);
    const { note: _, ...noNote } = bspNonaktif(kpm[4]!);
    const lines = [
      ganti, // 1 valid
      bspNonaktif(kpm[1]!), // 2 valid
      bspUbah(kpm[2]!, { id_pengurus: pengurus!, no_kks: '601300000001' }), // 3 valid
      bspGanti(kpm[3]!, kpm[4]!), // 4 the replacement is already a KPM
      bspNonaktif(notKpm[1]!), // 5 not a KPM
      bspGanti(kpm[3]!, '3174019999999999'), // 6 unknown replacement
      bspNonaktif(other[0]!), // 7 a household of another district
      bspNonaktif(kpmOutside[0]!), // 8 outside the package's scope
      bspNonaktif(kpm[4]!, { no_kks: '601300000002' }), // 9 a key set where it must be null
      noNote, // 10 a key missing
      bspGanti(kpm[3]!, notKpm[2]!), // 11 a NONAKTIF replacement
      bspUbah(kpm[5]!, { id_pengurus: movedOut! }), // 12 a pengurus who is not present
      bspUbah(notKpm[1]!, { no_rekening: '1234567' }), // 13 changing a household that is not a KPM
      { ...ganti, reason: 5 }, // 14 the same proposalId again
    ];
    const r = await importOf('BSP', lines);
    bspImportFirstLine = ganti.proposalId;
    expect(r).toMatchObject({ status: 'DONE', module: 'BSP', counts: { new: 3, failed: 10, duplicate: 1, conflict: 0 } });
    expect(findings(r)).toEqual({
      4: ['replacementIdbdt:NOT_ELIGIBLE'],
      5: ['idbdt:NOT_MEMBER'],
      6: ['replacementIdbdt:UNKNOWN_REFERENCE'],
      7: ['idbdt:UNKNOWN_REFERENCE'],
      8: ['idbdt:OUT_OF_SCOPE'],
      9: ['no_kks:FORBIDDEN_WHEN'],
      10: ['note:REQUIRED'],
      11: ['replacementIdbdt:UNKNOWN_REFERENCE'],
      12: ['id_pengurus:UNKNOWN_REFERENCE'],
      13: ['idbdt:NOT_MEMBER'],
    });
    // The error messages never name data of another district.
    expect(JSON.stringify(r.failed)).not.toContain(other[0]);

    const s = await stored(r.id);
    expect(s.map((x) => [x.line_no, x.status, x.type])).toEqual([
      [1, 'MENUNGGU', 'BSP_GANTI'],
      [2, 'MENUNGGU', 'BSP_NONAKTIF'],
      [3, 'MENUNGGU', 'BSP_UBAH'],
      ...lines.slice(3, 13).map((l, i) => [i + 4, 'GAGAL_VALIDASI', (l as { type: string }).type]),
    ]);
    const [kw] = await ids(`select kode_wilayah as id from households where idbdt = '${kpm[0]}'`);
    expect(s[0]).toMatchObject({
      module: 'BSP',
      program: 'BPNT',
      idbdt: kpm[0],
      idartbdt: null,
      replacement_idbdt: notKpm[0],
      reason_code: 2,
      kode_wilayah: kw,
      origin: 'PACKAGE',
      body: ganti,
      errors: [],
    });
    expect(s[1]).toMatchObject({ replacement_idbdt: null, reason_code: 3 });
    expect(s[2]).toMatchObject({ reason_code: null, body: { id_pengurus: pengurus, no_kks: '601300000001', no_rekening: null } });
    // The household of another district is stored under the importing district, not its own.
    expect(s[6]!.kode_wilayah).toBe('3174');
    const dup = await rows<{ line_no: number }>(`select line_no from import_duplicates where import_id = '${r.id}'`);
    expect(dup).toEqual([{ line_no: 14 }]);
    // BSP proposals are not BDT proposals: the BDT review list does not show them.
    const bdt = await app.inject({ method: 'GET', url: '/api/v1/proposals?pageSize=100', headers: bearer(p.supervisorJakSel) });
    expect(bdt.statusCode).toBe(200);
    expect(bdt.json().items.map((i: { id: string }) => i.id)).not.toContain(ganti.proposalId);
  });

  it('a proposalId is one key across modules: a PBI line repeating a BSP proposalId is DUPLIKAT', async () => {
    const [participant] = await ids(
      `select m.idartbdt as id from pbi_participants m join households h on h.idbdt = left(m.idartbdt, 16)
       where m.status = 'AKTIF' and h.${IN_SCOPE} order by 1 desc limit 1`,
    );
    const r = await importOf('PBI', [pbiNonaktif(participant!, { proposalId: bspImportFirstLine })]);
    expect(r).toMatchObject({ status: 'DONE', module: 'PBI', counts: { new: 0, failed: 0, duplicate: 1 } });
  });
});

describe('Import Data of PBI packages', () => {
  it('checks membership and eligibility of each member', async () => {
    const participants = await ids(
      `select m.idartbdt as id from pbi_participants m join households h on h.idbdt = left(m.idartbdt, 16)
       where m.status = 'AKTIF' and h.status = 'AKTIF' and h.${IN_SCOPE} order by 1`,
    );
    const present = await ids(
      `select m.idartbdt as id from members m join households h on h.idbdt = m.idbdt
       where h.status = 'AKTIF' and h.${IN_SCOPE} and m.sta_keberadaan_art in (1, 4)
       and not exists (select 1 from pbi_participants x where x.idartbdt = m.idartbdt) order by 1`,
    );
    expect(participants.length).toBeGreaterThanOrEqual(2);
    expect(present.length).toBeGreaterThanOrEqual(4);
    await sql`update members set sta_keberadaan_art = 2 where idartbdt = ${present[2]}`.execute(ctx.database.db);
    const [otherDistrict] = await ids(`select idartbdt as id from members where idbdt like '3171%' order by 1 limit 1`);

    const usul = pbiUsul(present[0]!, { note: 'anak yatim' });
    const lines = [
      pbiNonaktif(participants[0]!), // 1 valid
      usul, // 2 valid
      pbiUsul(participants[1]!), // 3 already PBI
      pbiUsul(present[2]!), // 4 not present (meninggal)
      pbiNonaktif(present[3]!), // 5 not a participant
      pbiUsul('317401999999999901'), // 6 unknown member
      pbiUsul(present[1]!, { reason: 3 }), // 7 reason where it must be null
      pbiUsul(otherDistrict!), // 8 a member of another district
      { ...usul, type: 'BSP_GANTI' }, // 9 the same proposalId again
    ];
    const r = await importOf('PBI', lines);
    expect(r).toMatchObject({ status: 'DONE', module: 'PBI', counts: { new: 2, failed: 6, duplicate: 1 } });
    expect(findings(r)).toEqual({
      3: ['idartbdt:NOT_ELIGIBLE'],
      4: ['idartbdt:NOT_ELIGIBLE'],
      5: ['idartbdt:NOT_MEMBER'],
      6: ['idartbdt:UNKNOWN_REFERENCE'],
      7: ['reason:FORBIDDEN_WHEN'],
      8: ['idartbdt:UNKNOWN_REFERENCE'],
    });
    const s = await stored(r.id);
    expect(s.map((x) => [x.line_no, x.status, x.type])).toEqual([
      [1, 'MENUNGGU', 'PBI_NONAKTIF'],
      [2, 'MENUNGGU', 'PBI_USUL'],
      ...[3, 4, 5, 6, 7, 8].map((n) => [n, 'GAGAL_VALIDASI', n === 5 ? 'PBI_NONAKTIF' : 'PBI_USUL']),
    ]);
    expect(s[0]).toMatchObject({
      module: 'PBI',
      program: 'PBI',
      idartbdt: participants[0],
      idbdt: participants[0]!.slice(0, 16),
      reason_code: 1,
    });
    expect(s[1]).toMatchObject({ idartbdt: present[0], idbdt: present[0]!.slice(0, 16), reason_code: null, body: usul, origin: 'PACKAGE' });
  });
});

describe('packages refused whole', () => {
  it('a header module the format does not know refuses the file and stores nothing of it', async () => {
    const before = await rows<{ n: number }>('select count(*)::int as n from proposals');
    const [kpm] = await kpmIn(`h.${IN_SCOPE}`);
    const r = await importOf('PKH', [bspNonaktif(kpm!)]);
    expect(r).toMatchObject({ status: 'REFUSED', reasonCode: 'SIKS_HEADER', counts: null, module: null });
    expect(r.reason).toBeTruthy();
    expect(await rows<{ n: number }>('select count(*)::int as n from proposals')).toEqual(before);
  });

  it('a BDT line in a BSP package is a failed proposal, not a BDT proposal', async () => {
    const [kpm] = await kpmIn(`h.${IN_SCOPE}`);
    const r = await importOf('BSP', [perbaikan({ idbdt: kpm!, version: 1 })]);
    expect(r).toMatchObject({ status: 'DONE', module: 'BSP', counts: { new: 0, failed: 1 } });
    expect(findings(r)[1]).toEqual(
      expect.arrayContaining(['baseVersion:UNKNOWN_FIELD', 'verval:UNKNOWN_FIELD', 'type:CODE', 'program:REQUIRED', 'reason:REQUIRED']),
    );
    expect((await stored(r.id))[0]).toMatchObject({ module: 'BSP', status: 'GAGAL_VALIDASI', idbdt: kpm });
  });
});
