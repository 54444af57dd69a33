import { describe, expect, it } from 'vitest';
import { validHousehold } from '../../shared/rules/test-fixtures.ts';
import type { Decision } from './model.ts';
import { type KpmRow, type ProgrammeContext, isKpm, isPbi, programmeHref, programmeIssues, programmeSubject } from './programmes.ts';
import { buildBspLine, buildPbiLine, bspFormFrom, pbiFormFrom, replacementsTaken, scopeProgrammes } from './programmes.ts';
import type { BaseRecord } from './proposals.ts';

// The fixture household 3174011001000123 (members …01 Budi, …02 Sri, …03 Andi) is a BPNT KPM;
// …124 is another AKTIF household of the scope, …125 a NONAKTIF one, …126 a RASTRA KPM only,
// …127 a BPNT KPM; 3174021001000001 is AKTIF in the district but outside the scope.
const HH = '3174011001000123';
const IDS = { ...Object.fromEntries([1, 2, 3].map((n) => [n, `${HH}0${n}`])) } as Record<number, string>;
const AT = { proposalId: '0b9c3f9e-6f0a-4b8e-9d3c-2a1b4c5d6e7f', createdAt: '2019-02-11T10:00:00+07:00' };

function base(over: (b: BaseRecord) => void = () => {}): BaseRecord {
  const b = validHousehold() as unknown as BaseRecord;
  over(b);
  return b;
}

const release = {
  kpm: [
    { program: 'BPNT', idbdt: HH, id_pengurus: IDS[2], no_kks: '1234567890', no_rekening: '0987654321', status: 'AKTIF' },
    { program: 'RASTRA', idbdt: HH, id_pengurus: IDS[1], no_kks: null, no_rekening: null, status: 'NONAKTIF' },
    { program: 'RASTRA', idbdt: '3174011001000126', id_pengurus: null, no_kks: null, no_rekening: null, status: 'AKTIF' },
    { program: 'BPNT', idbdt: '3174011001000127', id_pengurus: null, no_kks: null, no_rekening: null, status: 'AKTIF' },
    // Outside the scope: not stored.
    { program: 'BPNT', idbdt: '3174021001000001', id_pengurus: null, no_kks: null, no_rekening: null, status: 'AKTIF' },
  ],
  pbi: [
    { idartbdt: IDS[1], no_kartu: '0001234567890', status: 'AKTIF' },
    { idartbdt: IDS[2], no_kartu: null, status: 'NONAKTIF' },
    { idartbdt: '317402100100000101', no_kartu: null, status: 'AKTIF' },
  ],
};
const SCOPE_HH = new Set([HH, '3174011001000124', '3174011001000125', '3174011001000126', '3174011001000127']);
const MEMBER_HH = new Map([1, 2, 3].map((n) => [IDS[n]!, HH]));
const stored = scopeProgrammes(release, SCOPE_HH, MEMBER_HH, { BPNT: 100, RASTRA: 10, PBI: 250 });
const lists = stored.lists;

function ctx(b: BaseRecord = base(), over: Partial<ProgrammeContext> = {}): ProgrammeContext {
  return {
    lists,
    base: b,
    scopeHousehold: (id) => (SCOPE_HH.has(id) ? { aktif: id !== '3174011001000125' } : undefined),
    isAktifInDistrict: (id) => (SCOPE_HH.has(id) ? id !== '3174011001000125' : id === '3174021001000001'),
    ...over,
  };
}

const kpm = stored.kpm.find((k) => k.program === 'BPNT') as KpmRow;
const ganti = (replacementIdbdt: string, reason: number | null = 3) =>
  buildBspLine({ ...bspFormFrom(kpm), replacementIdbdt, reason }, kpm, AT);
const found = (issues: { path: string; code: string }[]) => issues.map((i) => `${i.path} ${i.code}`);

describe('programme lists of the scope', () => {
  it('keeps the rows of the households and members in scope, and the AKTIF ones as compact lists', () => {
    expect(stored.kpm.map((k) => `${k.program} ${k.idbdt}`)).toEqual([
      `BPNT ${HH}`,
      `RASTRA ${HH}`,
      'RASTRA 3174011001000126',
      'BPNT 3174011001000127',
    ]);
    expect(stored.pbi).toEqual([
      { idartbdt: IDS[1], idbdt: HH, no_kartu: '0001234567890', status: 'AKTIF' },
      { idartbdt: IDS[2], idbdt: HH, no_kartu: null, status: 'NONAKTIF' },
    ]);
    expect(lists.counts).toEqual({ kpm: 4, pbi: 2 });
    expect(lists.quota).toEqual({ BPNT: 100, RASTRA: 10, PBI: 250 });
    expect([isKpm(lists, 'BPNT', HH), isKpm(lists, 'RASTRA', HH), isKpm(lists, 'RASTRA', '3174011001000126')]).toEqual([true, false, true]);
    expect(isKpm(lists, 'BPNT', '3174021001000001')).toBe(false);
    expect([isPbi(lists, IDS[1]!), isPbi(lists, IDS[2]!), isPbi(lists, IDS[3]!)]).toEqual([true, false, false]);
  });

  it('names subjects so that one proposal at a time is open per KPM and per member, and links to their forms', () => {
    expect(programmeSubject(ganti('3174011001000124'))).toBe(`BSP:BPNT:${HH}`);
    expect(programmeHref(`BSP:BPNT:${HH}`)).toBe(`#/program/${HH}/BSP/BPNT`);
    const usul = buildPbiLine(pbiFormFrom(IDS[3]!, false), AT);
    expect(programmeSubject(usul)).toBe(`PBI:${IDS[3]}`);
    expect(programmeHref(`PBI:${IDS[3]}`)).toBe(`#/program/${HH}/PBI/${IDS[3]}`);
    expect(programmeHref(HH)).toBeUndefined();
  });
});

describe('BSP eligibility', () => {
  it('a replacement by an AKTIF household of the scope that is no KPM of the programme passes', () => {
    const line = ganti('3174011001000124');
    expect(programmeIssues('BSP', line, ctx())).toEqual([]);
    // A RASTRA KPM may replace a BPNT KPM: the rule is per programme.
    expect(programmeIssues('BSP', ganti('3174011001000126'), ctx())).toEqual([]);
    expect(line).toEqual({
      ...AT,
      type: 'BSP_GANTI',
      program: 'BPNT',
      idbdt: HH,
      replacementIdbdt: '3174011001000124',
      reason: 3,
      note: '',
      id_pengurus: null,
      no_kks: null,
      no_rekening: null,
    });
  });

  it('refuses a replacement that is already a KPM, NONAKTIF, outside the scope, unknown, or named by another proposal', () => {
    expect(found(programmeIssues('BSP', ganti('3174011001000127'), ctx()))).toEqual(['replacementIdbdt NOT_ELIGIBLE']);
    expect(found(programmeIssues('BSP', ganti('3174011001000125'), ctx()))).toEqual(['replacementIdbdt NOT_ELIGIBLE']);
    expect(found(programmeIssues('BSP', ganti('3174021001000001'), ctx()))).toEqual(['replacementIdbdt OUT_OF_SCOPE']);
    expect(found(programmeIssues('BSP', ganti('3174011001000999'), ctx()))).toEqual(['replacementIdbdt UNKNOWN_REFERENCE']);
    expect(found(programmeIssues('BSP', ganti(HH), ctx()))).toEqual(['replacementIdbdt NOT_ELIGIBLE']);
    const taken = ctx(base(), { takenReplacements: () => new Set(['3174011001000124']) });
    const issues = programmeIssues('BSP', ganti('3174011001000124'), taken);
    expect(found(issues)).toEqual(['replacementIdbdt NOT_ELIGIBLE']);
    expect(issues[0]!.message.id).toMatch(/sudah diusulkan/);
    // Half typed: the format's reading speaks (16 digits), the eligibility rules wait.
    expect(found(programmeIssues('BSP', ganti('317401100'), ctx()))).toEqual(['replacementIdbdt PATTERN']);
    expect(found(programmeIssues('BSP', ganti(''), ctx()))).toEqual(['replacementIdbdt REQUIRED_WHEN']);
  });

  it('a replacement or removal needs a reason 1–6, and the household must be an AKTIF KPM of the programme', () => {
    expect(found(programmeIssues('BSP', ganti('3174011001000124', null), ctx()))).toEqual(['reason REQUIRED_WHEN']);
    const nonaktif = buildBspLine({ ...bspFormFrom(kpm), type: 'BSP_NONAKTIF', reason: 7 }, kpm, AT);
    expect(found(programmeIssues('BSP', nonaktif, ctx()))).toEqual(['reason CODE']);
    const rastra = stored.kpm.find((k) => k.program === 'RASTRA' && k.idbdt === HH)!;
    const removal = buildBspLine({ ...bspFormFrom(rastra), type: 'BSP_NONAKTIF', reason: 1 }, rastra, AT);
    const issues = programmeIssues('BSP', removal, ctx());
    expect(found(issues)).toEqual(['idbdt NOT_MEMBER']);
    expect(issues[0]!.message).toEqual({
      id: 'Rumah tangga ini bukan KPM RASTRA yang AKTIF',
      en: 'This household is not an AKTIF KPM of RASTRA',
    });
  });

  it('BSP_UBAH carries only what changed; pengurus a present member, KKS 6–20 and rekening 6–30 digits', () => {
    const form = { ...bspFormFrom(kpm), type: 'BSP_UBAH' as const };
    expect(form).toMatchObject({ id_pengurus: IDS[2], no_kks: '1234567890', no_rekening: '0987654321' });
    const unchanged = buildBspLine(form, kpm, AT);
    expect(found(programmeIssues('BSP', unchanged, ctx()))).toEqual(['id_pengurus REQUIRED_WHEN']);

    const kks = buildBspLine({ ...form, no_kks: ' 5555666677 ' }, kpm, AT);
    expect(kks).toMatchObject({ replacementIdbdt: null, reason: null, id_pengurus: null, no_kks: '5555666677', no_rekening: null });
    expect(programmeIssues('BSP', kks, ctx())).toEqual([]);

    expect(found(programmeIssues('BSP', buildBspLine({ ...form, no_kks: '12345' }, kpm, AT), ctx()))).toEqual(['no_kks PATTERN']);
    expect(found(programmeIssues('BSP', buildBspLine({ ...form, no_kks: '1'.repeat(21) }, kpm, AT), ctx()))).toEqual(['no_kks PATTERN']);
    expect(found(programmeIssues('BSP', buildBspLine({ ...form, no_rekening: '1'.repeat(31) }, kpm, AT), ctx()))).toEqual([
      'no_rekening PATTERN',
    ]);
    expect(programmeIssues('BSP', buildBspLine({ ...form, no_rekening: '1'.repeat(30) }, kpm, AT), ctx())).toEqual([]);

    expect(programmeIssues('BSP', buildBspLine({ ...form, id_pengurus: IDS[1]! }, kpm, AT), ctx())).toEqual([]);
    const gone = base((b) => {
      b.members[0]!.sta_keberadaan_art = 2;
    });
    const toGone = programmeIssues('BSP', buildBspLine({ ...form, id_pengurus: IDS[1]! }, kpm, AT), ctx(gone));
    expect(found(toGone)).toEqual(['id_pengurus NOT_ELIGIBLE']);
    const closed = base((b) => {
      b.household.status = 'NONAKTIF';
    });
    expect(found(programmeIssues('BSP', kks, ctx(closed)))).toEqual(['idbdt UNKNOWN_REFERENCE']);
    expect(found(programmeIssues('BSP', buildBspLine({ ...form, id_pengurus: `${HH}09` }, kpm, AT), ctx()))).toEqual([
      'id_pengurus UNKNOWN_REFERENCE',
    ]);
    expect(found(programmeIssues('BSP', buildBspLine({ ...form, id_pengurus: '317402100100000101' }, kpm, AT), ctx()))).toEqual([
      'id_pengurus UNKNOWN_REFERENCE',
    ]);
  });

  it('a replacement stays taken while its proposal is open, and is free again once refused', () => {
    const p = (subject: string, seq: number, replacementIdbdt: string, decision?: Decision['decision']) => ({
      subject,
      seq,
      json: { ...ganti(replacementIdbdt) },
      feedback: decision ? { decision } : null,
    });
    const all = [
      p(`BSP:BPNT:${HH}`, 1, '3174011001000124'),
      p('BSP:BPNT:3174011001000127', 2, '3174011001000125', 'DITOLAK'),
      p('BSP:BPNT:3174011001000127', 3, '3174011001000126'),
      p('BSP:BPNT:3174011001000128', 4, '3174011001000129', 'DISETUJUI'),
    ];
    expect([...replacementsTaken(all, 'BPNT', 'BSP:BPNT:3174011001000127')].sort()).toEqual(['3174011001000124', '3174011001000129']);
    expect([...replacementsTaken(all, 'BPNT', `BSP:BPNT:${HH}`)].sort()).toEqual(['3174011001000126', '3174011001000129']);
    expect(replacementsTaken(all, 'RASTRA', '')).toEqual(new Set());
  });
});

describe('PBI eligibility', () => {
  it('PBI_NONAKTIF needs an AKTIF participant and a reason', () => {
    const line = buildPbiLine({ ...pbiFormFrom(IDS[1]!, true), reason: 2, note: ' pindah ke Bekasi ' }, AT);
    expect(line).toEqual({ ...AT, type: 'PBI_NONAKTIF', idartbdt: IDS[1], reason: 2, note: 'pindah ke Bekasi' });
    expect(programmeIssues('PBI', line, ctx())).toEqual([]);
    expect(found(programmeIssues('PBI', { ...line, reason: null }, ctx()))).toEqual(['reason REQUIRED_WHEN']);
    // A NONAKTIF participant is no participant.
    expect(found(programmeIssues('PBI', { ...line, idartbdt: IDS[2]! }, ctx()))).toEqual(['idartbdt NOT_MEMBER']);
  });

  it('PBI_USUL: a present member of an AKTIF household who is not yet PBI', () => {
    const usul = (id: string) => buildPbiLine({ ...pbiFormFrom(id, false), reason: 4 }, AT);
    expect(usul(IDS[3]!)).toMatchObject({ type: 'PBI_USUL', reason: null });
    expect(programmeIssues('PBI', usul(IDS[3]!), ctx())).toEqual([]);
    // NONAKTIF in the list: may be proposed again.
    expect(programmeIssues('PBI', usul(IDS[2]!), ctx())).toEqual([]);
    expect(found(programmeIssues('PBI', usul(IDS[1]!), ctx()))).toEqual(['idartbdt NOT_ELIGIBLE']);
    const absent = base((b) => {
      b.members[2]!.sta_keberadaan_art = 3;
    });
    expect(found(programmeIssues('PBI', usul(IDS[3]!), ctx(absent)))).toEqual(['idartbdt NOT_ELIGIBLE']);
    const nonaktif = base((b) => {
      b.household.status = 'NONAKTIF';
    });
    const issues = programmeIssues('PBI', usul(IDS[3]!), ctx(nonaktif));
    expect(found(issues)).toEqual(['idartbdt NOT_ELIGIBLE']);
    expect(issues[0]!.message.id).toBe('Rumah tangga anggota ini berstatus NONAKTIF');
    expect(found(programmeIssues('PBI', usul(`${HH}09`), ctx()))).toEqual(['idartbdt UNKNOWN_REFERENCE']);
  });
});
