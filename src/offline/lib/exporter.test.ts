import { describe, expect, it } from 'vitest';
import { handFileKey, handOpen } from '../../../test/fixtures/siks/hand-zip.ts';
import { fieldDef } from '../../shared/dictionary/index.ts';
import { validHousehold } from '../../shared/rules/test-fixtures.ts';
import { packageKeyProvider, readPackage } from '../../shared/siks/browser.ts';
import { UUID_V4_RE, isRfc3339 } from '../../shared/siks/index.ts';
import { BSP_LINE_KEYS, PBI_LINE_KEYS, checkProgrammeLine } from '../../shared/api/programme-line.ts';
import { buildPackage, buildPackages, markExported, packageFileName, pendingProposals } from './exporter.ts';
import { proposalViolations } from './format-check.ts';
import type { ReleaseMeta, StoredProposal } from './model.ts';
import { buildBspLine, buildPbiLine, bspFormFrom, pbiFormFrom, type KpmRow } from './programmes.ts';
import { type BaseRecord, type ProposalJson, buildPerbaikan, buildUsulanBaru, editStateFrom, newMember } from './proposals.ts';
import { uuidV4 } from './ids.ts';
import { newborn, releaseMeta, storedDraft as stored, verval } from './test-fixtures.ts';

const PACKAGE_KEY = new Uint8Array(32).map((_, i) => (i * 7 + 3) & 0xff);
const META: ReleaseMeta = releaseMeta(PACKAGE_KEY);

function sampleProposals(): StoredProposal[] {
  const base = validHousehold() as unknown as BaseRecord;
  base.household.version = 4;
  const at = '2019-02-11T10:00:00+07:00';
  // 1. GANDA with a correction of lantai and a death.
  const e1 = editStateFrom(base);
  e1.household.lantai = 9;
  e1.household.nomor_pln = null;
  e1.members[2]!.fields.sta_keberadaan_art = 2;
  const p1 = buildPerbaikan(
    base,
    e1,
    verval({ result: 6, duplicateOf: '3174011001000999', musdesAt: '2019-02-20', note: 'Tercatat dua kali' }),
    { proposalId: uuidV4(), createdAt: at },
  );
  // 2. DITEMUKAN with a new member.
  const b2 = validHousehold() as unknown as BaseRecord;
  b2.household.idbdt = '3174011001000124';
  for (const m of b2.members) {
    m.idbdt = '3174011001000124';
    m.idartbdt = `3174011001000124${String(m.idartbdt).slice(16)}`;
  }
  const e2 = editStateFrom(b2);
  e2.members.push(newMember(e2.members, newborn('Putri')));
  const p2 = buildPerbaikan(b2, e2, verval(), { proposalId: uuidV4(), createdAt: at });
  // 3. USULAN_BARU.
  const e3 = editStateFrom(null);
  for (const k of Object.keys(e3.household)) e3.household[k] = (base.household as Record<string, unknown>)[k] ?? null;
  e3.members = [];
  for (const m of editStateFrom(base).members) e3.members.push(newMember(e3.members, { ...m.fields }));
  const p3 = buildUsulanBaru(e3, { proposalId: uuidV4(), createdAt: at });
  return [stored(p1, 1), stored(p2, 2), stored(p3, 3)];
}

describe('package export', () => {
  it('writes a package that the codec and a hand reader both open, every field as siks-format.md 3.2 says', async () => {
    const proposals = sampleProposals();
    const built = await buildPackage(META, pendingProposals(proposals), new Set(), {
      now: new Date('2019-02-21T03:15:00Z'),
      check: { isAktif: () => true, scopeDesa: new Set(['3174011001']) },
    });

    // Read with the codec (browser adapter, as any reader of this format).
    const content = await readPackage(
      built.bytes,
      packageKeyProvider((id) => (id === META.releaseId ? META.packageKey : undefined)),
    );
    // And by hand: the key is HKDF-SHA256(packageKey, salt = header.id, info = "siks/package/v1").
    const hand = handOpen(built.bytes, handFileKey(PACKAGE_KEY, built.header.id, 'package'));
    expect([...hand.entries.keys()]).toEqual(['proposals.ndjson']);
    const text = new TextDecoder().decode(hand.entries.get('proposals.ndjson'));
    expect(text.endsWith('\n')).toBe(true);
    expect(text.includes('\r')).toBe(false);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(content.proposals);

    // Header (section 2).
    const h = hand.header;
    expect(h).toEqual(content.header);
    expect(Object.keys(h).sort()).toEqual(
      [
        'app',
        'counts',
        'createdAt',
        'dictionaryVersion',
        'formatVersion',
        'id',
        'kabKota',
        'key',
        'kind',
        'module',
        'operator',
        'period',
        'scope',
      ].sort(),
    );
    expect(h.kind).toBe('package');
    expect(h.formatVersion).toBe(1);
    expect(h.id).toMatch(UUID_V4_RE);
    expect(isRfc3339(h.createdAt as string)).toBe(true);
    expect(h.app).toEqual({ name: 'SIKS-NG Offline', version: expect.any(String) });
    expect(h.kabKota).toBe('3174');
    expect(h.period).toBe('2019-01');
    expect(h.key).toEqual({ kdf: 'hkdf-sha256', release: META.releaseId });
    expect(h.module).toBe('BDT');
    expect(h.dictionaryVersion).toBe(1);
    expect(h.operator).toEqual({ username: 'op.tebetbarat', name: 'Rina Marlina' });
    expect(h.scope).toEqual(['3174011001']);
    expect(h.counts).toEqual({ proposals: 3 });
    expect(built.fileName).toBe('3174011001_2019-02-21.siks');

    // Proposals (3.2).
    expect(lines.map((p) => p.proposalId)).toEqual(proposals.map((p) => p.proposalId));
    for (const p of lines) {
      expect(proposalViolations(p, { isAktif: () => true, scopeDesa: new Set(['3174011001']) })).toEqual([]);
      expect(p.proposalId).toMatch(UUID_V4_RE);
      expect(isRfc3339(p.createdAt)).toBe(true);
      expect(p.media).toEqual([]);
    }
    const [ganda, added, usulan] = lines;
    expect(ganda).toEqual({
      proposalId: proposals[0]!.proposalId,
      type: 'PERBAIKAN',
      idbdt: '3174011001000123',
      baseVersion: 4,
      verval: {
        result: 6,
        duplicateOf: '3174011001000999',
        mergeInto: null,
        visitedAt: '2019-02-11',
        musdesAt: '2019-02-20',
        note: 'Tercatat dua kali',
      },
      household: { lantai: 9, nomor_pln: null },
      members: [{ op: 'update', idartbdt: '317401100100012303', baseVersion: 1, fields: { sta_keberadaan_art: 2 } }],
      media: [],
      createdAt: '2019-02-11T10:00:00+07:00',
    });
    expect(added.household).toEqual({});
    expect(added.members).toHaveLength(1);
    expect(added.members[0]).toMatchObject({
      op: 'add',
      tempId: 'a1',
      fields: { nama: 'Putri', sta_keberadaan_art: 4 },
    });
    expect(usulan.type).toBe('USULAN_BARU');
    expect(usulan).not.toHaveProperty('idbdt');
    expect(usulan).not.toHaveProperty('verval');
    expect(usulan.household.kode_wilayah).toBe('3174011001');
    for (const [k, v] of Object.entries(usulan.household)) {
      const def = fieldDef('household', k)!;
      expect(def.readOnly || def.derived).toBeFalsy();
      expect(v).not.toBeNull();
    }
    expect(usulan.members.every((m: { op: string }) => m.op === 'add')).toBe(true);
    expect(new Set(usulan.members.map((m: { tempId: string }) => m.tempId)).size).toBe(usulan.members.length);
    // JSON types of the general conventions: digit strings stay strings, codes are integers.
    expect(typeof usulan.members[0].fields.nik).toBe('string');
    expect(typeof usulan.members[0].fields.hub_krt).toBe('number');
    expect(typeof usulan.household.luas_lantai).toBe('number');
  });

  it('a proposal is exported once; "Ekspor ulang" sends it again with the same proposalId', async () => {
    const proposals = sampleProposals();
    const first = await buildPackage(META, pendingProposals(proposals), new Set());
    const after = markExported(first, '2019-02-21T10:00:00+07:00');
    expect(after.every((p) => p.status === 'exported' && p.exports.length === 1 && p.exports[0]!.packageId === first.header.id)).toBe(true);
    expect(pendingProposals(after)).toEqual([]);
    const chosen = after.map((p, i) => (i === 1 ? { ...p, reexport: true } : p));
    const again = pendingProposals(chosen);
    expect(again.map((p) => p.proposalId)).toEqual([proposals[1]!.proposalId]);
    const second = await buildPackage(META, again, new Set([first.fileName]), { now: new Date() });
    const content = await readPackage(
      second.bytes,
      packageKeyProvider(() => META.packageKey),
    );
    expect(content.header.id).not.toBe(first.header.id);
    expect(content.proposals).toEqual([proposals[1]!.json]);
    expect(markExported(second, 'x')[0]!.exports).toHaveLength(2);
    expect(markExported(second, 'x')[0]!.reexport).toBe(false);
  });

  it('refuses to seal a proposal that breaks 3.2', async () => {
    const [p] = sampleProposals();
    const broken = { ...p!, json: { ...p!.json, household: { kode_wilayah: '3174011002' } } as ProposalJson };
    await expect(buildPackage(META, [broken], new Set())).rejects.toThrow(/household\.kode_wilayah: .*\(READ_ONLY\)/);
  });

  it('names files by scope and date, numbering a second package of the day', () => {
    expect(packageFileName(['3174011001'], '2026-11-30', new Set())).toBe('3174011001_2026-11-30.siks');
    expect(packageFileName(['3174011001'], '2026-11-30', new Set(['3174011001_2026-11-30.siks']))).toBe('3174011001_2026-11-30_2.siks');
    expect(packageFileName(['317401'], '2026-11-30', new Set())).toBe('317401_2026-11-30.siks');
    expect(packageFileName(['3174011001', '3174011002'], '2026-11-30', new Set())).toBe('3174011001-3174011002_2026-11-30.siks');
  });
});

describe('BSP and PBI packages', () => {
  const HH = '3174011001000123';
  const KPM: KpmRow = { program: 'BPNT', idbdt: HH, id_pengurus: `${HH}02`, no_kks: '1234567890', no_rekening: null, status: 'AKTIF' };
  const at = '2019-02-12T09:00:00+07:00';
  const ids = () => ({ proposalId: uuidV4(), createdAt: at });
  function programmeProposals(): StoredProposal[] {
    const ganti = buildBspLine({ ...bspFormFrom(KPM), replacementIdbdt: '3174011001000124', reason: 3, note: 'Sudah mampu' }, KPM, ids());
    const ubah = buildBspLine(
      { ...bspFormFrom({ ...KPM, program: 'RASTRA' }), type: 'BSP_UBAH', no_rekening: '000111222333' },
      { ...KPM, program: 'RASTRA' },
      ids(),
    );
    const nonaktif = buildPbiLine({ ...pbiFormFrom(`${HH}01`, true), reason: 1 }, ids());
    const usul = buildPbiLine(pbiFormFrom(`${HH}03`, false), ids());
    return [stored(ganti, 4), stored(nonaktif, 5), stored(ubah, 6), stored(usul, 7)];
  }
  const read = (bytes: Uint8Array) =>
    readPackage(
      bytes,
      packageKeyProvider((id) => (id === META.releaseId ? META.packageKey : undefined)),
    );

  it('"Ekspor paket" writes a BDT, a BSP and a PBI package, each with its module and the header of the BDT one', async () => {
    const bdt = sampleProposals();
    const programmes = programmeProposals();
    const built = await buildPackages(META, pendingProposals([...bdt, ...programmes]), new Set(['3174011001_BSP_2019-02-21.siks']), {
      now: new Date('2019-02-21T03:15:00Z'),
      check: { isAktif: () => true, scopeDesa: new Set(['3174011001']) },
    });
    expect(built.map((b) => b.header.module)).toEqual(['BDT', 'BSP', 'PBI']);
    expect(built.map((b) => b.fileName)).toEqual([
      '3174011001_2019-02-21.siks',
      '3174011001_BSP_2019-02-21_2.siks',
      '3174011001_PBI_2019-02-21.siks',
    ]);
    const [, bsp, pbi] = await Promise.all(built.map((b) => read(b.bytes)));
    for (const [i, c] of [bsp!, pbi!].entries()) {
      const h = c.header;
      expect(h.module).toBe(i === 0 ? 'BSP' : 'PBI');
      expect(h.id).not.toBe(built[0]!.header.id);
      // Same scope, operator, district, period and key derivation as the BDT package.
      const { id: _a, module: _b, counts: _c, ...rest } = h;
      const { id: _d, module: _e, counts: _f, ...bdtRest } = built[0]!.header;
      expect(rest).toEqual(bdtRest);
      expect(h.key).toEqual({ kdf: 'hkdf-sha256', release: META.releaseId });
      expect(h.counts.proposals).toBe(2);
      // By hand too: HKDF-SHA256(packageKey, salt = header.id, info = "siks/package/v1").
      const hand = handOpen(built[i + 1]!.bytes, handFileKey(PACKAGE_KEY, h.id, 'package'));
      expect(hand.header.module).toBe(h.module);
    }
    expect(bsp!.proposals).toEqual([programmes[0]!.json, programmes[2]!.json]);
    expect(pbi!.proposals).toEqual([programmes[1]!.json, programmes[3]!.json]);
    for (const line of bsp!.proposals) {
      expect(Object.keys(line).sort()).toEqual([...BSP_LINE_KEYS].sort());
      expect(checkProgrammeLine('BSP', line)).toEqual([]);
    }
    for (const line of pbi!.proposals) {
      expect(Object.keys(line).sort()).toEqual([...PBI_LINE_KEYS].sort());
      expect(checkProgrammeLine('PBI', line)).toEqual([]);
    }
    // null where a key does not apply to the type (siks-format.md 3.2).
    expect(bsp!.proposals[0]).toMatchObject({
      type: 'BSP_GANTI',
      replacementIdbdt: '3174011001000124',
      reason: 3,
      id_pengurus: null,
      no_kks: null,
      no_rekening: null,
    });
    expect(bsp!.proposals[1]).toMatchObject({
      type: 'BSP_UBAH',
      program: 'RASTRA',
      replacementIdbdt: null,
      reason: null,
      id_pengurus: null,
      no_kks: null,
      no_rekening: '000111222333',
    });
    expect(pbi!.proposals[1]).toMatchObject({ type: 'PBI_USUL', idartbdt: `${HH}03`, reason: null, note: '' });
    // Every proposal is marked as exported in the package of its module.
    const marked = built.flatMap((b) => markExported(b, at));
    expect(pendingProposals(marked)).toEqual([]);
    expect(marked.find((p) => p.proposalId === programmes[1]!.proposalId)!.exports[0]!.fileName).toBe('3174011001_PBI_2019-02-21.siks');
  });

  it('without BDT work only the programme packages are written; a line of another module or one breaking 3.2 is refused', async () => {
    const [ganti] = programmeProposals();
    const only = await buildPackages(META, [ganti!], new Set());
    expect(only.map((b) => b.header.module)).toEqual(['BSP']);
    await expect(buildPackage(META, [ganti!], new Set())).rejects.toThrow(/not of module BDT/);
    const broken = { ...ganti!, json: { ...ganti!.json, replacementIdbdt: null } } as StoredProposal;
    await expect(buildPackage(META, [broken], new Set(), { module: 'BSP' })).rejects.toThrow(/replacementIdbdt: .*\(REQUIRED_WHEN\)/);
  });
});
