import { describe, expect, it } from 'vitest';
import { proposalViolations } from '../../offline/lib/format-check.ts';
import { type CheckContext, type CurrentHousehold, checkProposal } from '../../server/modules/packages/packages.validate.ts';
import { FIXTURE_CHECK_DATE, FIXTURE_DESA, validHousehold } from '../rules/test-fixtures.ts';
import { checkProposalLine, isProposalDate } from './proposal-line.ts';

const ID = '0b7a4c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d';
const AT = '2019-02-11T10:00:00+07:00';
const IDBDT = `${FIXTURE_DESA}000123`;

type Line = Record<string, unknown>;
const perbaikan = (over: Line = {}, verval: Line = {}): Line => ({
  proposalId: ID,
  type: 'PERBAIKAN',
  idbdt: IDBDT,
  baseVersion: 1,
  verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: FIXTURE_CHECK_DATE, musdesAt: null, note: '', ...verval },
  household: { lantai: 2 },
  members: [],
  media: [],
  createdAt: AT,
  ...over,
});

/** A USULAN_BARU of the fixture's household: every filled field, nulls left as they are. */
function usulanBaru(household: Line = {}, memberFields: Line = {}): Line {
  const rec = validHousehold();
  const h: Line = { ...rec.household };
  for (const k of ['idbdt', 'nama_krt', 'jumlah_art', 'jumlah_keluarga', 'persentil', 'version', 'status']) delete h[k];
  return {
    proposalId: ID,
    type: 'USULAN_BARU',
    household: { ...h, ...household },
    members: rec.members.map((m, i) => {
      const fields: Line = { ...m };
      for (const k of ['idartbdt', 'idbdt', 'version', 'ada_kks', 'ada_pbi', 'ada_kip', 'ada_pkh']) delete fields[k];
      return { op: 'add', tempId: `a${i + 1}`, fields: i === 0 ? { ...fields, ...memberFields } : fields };
    }),
    media: [],
    createdAt: AT,
  };
}

// The registry as the importer sees it: the fixture household, AKTIF at version 1, in scope.
function registry(): CheckContext {
  const rec = validHousehold();
  const current: CurrentHousehold = {
    row: { ...rec.household, idbdt: IDBDT, kode_wilayah: FIXTURE_DESA, version: 1, status: 'AKTIF' },
    members: rec.members.map((m) => ({ ...m, idartbdt: m.idartbdt, version: 1 })),
  };
  return {
    kab: '3174',
    scope: ['317401'],
    allowedDesa: new Set([FIXTURE_DESA]),
    households: new Map([[IDBDT, current]]),
    nikHolders: new Map(),
    history: new Map(),
  };
}

const importerCodes = (line: Line) => checkProposal(line as never, registry()).errors.map((e) => `${e.path}:${e.code}`);

describe('one reading of a §3.2 proposal line for the importer and the offline export', () => {
  it('accepts the fixture lines in both readers', () => {
    for (const line of [perbaikan(), usulanBaru()]) {
      expect(checkProposalLine(line)).toEqual([]);
      expect(importerCodes(line)).toEqual([]);
      expect(proposalViolations(line, { isAktif: () => true, scopeDesa: new Set([FIXTURE_DESA]) })).toEqual([]);
    }
  });

  // The offline reader took any 01–31 day of any month; the importer refused days that do not exist.
  it.each([
    ['a 29 February of a common year', { visitedAt: '2019-02-29' }, 'verval.visitedAt'],
    ['a 31 April', { visitedAt: '2019-04-31' }, 'verval.visitedAt'],
    ['a musdes date of 30 February', { musdesAt: '2019-02-30' }, 'verval.musdesAt'],
    ['year 0000 (no such year; the database cannot hold it)', { visitedAt: '0000-01-01' }, 'verval.visitedAt'],
    ['an empty musdes date (a missing value is null)', { musdesAt: '' }, 'verval.musdesAt'],
  ])('refuses %s as DATE in both readers', (_what, verval, path) => {
    const line = perbaikan({}, verval);
    expect(checkProposalLine(line).map((i) => `${i.path}:${i.code}`)).toEqual([`${path}:DATE`]);
    expect(importerCodes(line)).toEqual([`${path}:DATE`]);
    expect(proposalViolations(line)).toEqual([expect.stringMatching(new RegExp(`^${path.replace('.', '\\.')}: .*\\(DATE\\)$`))]);
  });

  it('accepts a 29 February of a leap year', () => {
    const line = perbaikan({}, { visitedAt: '2020-02-29', musdesAt: '2020-03-01' });
    expect(checkProposalLine(line)).toEqual([]);
    expect(proposalViolations(line)).toEqual([]);
    expect(isProposalDate('2000-02-29')).toBe(true);
    expect(isProposalDate('1900-02-29')).toBe(false);
    expect(isProposalDate('2019-2-11')).toBe(false);
  });

  // A field of type date inside `fields`: the offline reader had its own pattern, 1985-02-30 passed.
  it('refuses a birth date that does not exist in an added member, in both readers', () => {
    const [head] = usulanBaru().members as { fields: Line }[];
    const line = perbaikan({ members: [{ op: 'add', tempId: 'a1', fields: { ...head!.fields, tanggal_lahir: '1985-02-30' } }] });
    expect(checkProposalLine(line).map((i) => `${i.path}:${i.code}`)).toEqual(['members[0].fields.tanggal_lahir:DATE']);
    expect(importerCodes(line)).toContain('members[0].fields.tanggal_lahir:DATE');
    expect(proposalViolations(line)).toEqual([expect.stringMatching(/^members\[0\]\.fields\.tanggal_lahir: .*\(DATE\)$/)]);
    const yearZero = perbaikan({ members: [{ op: 'add', tempId: 'a1', fields: { ...head!.fields, tanggal_lahir: '0000-02-01' } }] });
    expect(checkProposalLine(yearZero).map((i) => `${i.path}:${i.code}`)).toEqual(['members[0].fields.tanggal_lahir:DATE']);
  });

  // "A missing value is null": the offline reader refused null in a USULAN_BARU; the importer did not.
  it('accepts null for an optional field of a new household and of an added member, in both readers', () => {
    const line = usulanBaru({ nomor_pln: null, nomor_gas: null, luas_atb: null }, { sta_hamil: null });
    expect(checkProposalLine(line, { complete: true })).toEqual([]);
    expect(importerCodes(line)).toEqual([]);
    expect(proposalViolations(line)).toEqual([]);
  });

  it('refuses null for a required field of a new household in both readers (REQUIRED at its path)', () => {
    const line = usulanBaru({ alamat: null });
    expect(checkProposalLine(line, { complete: true }).map((i) => `${i.path}:${i.code}`)).toEqual(['household.alamat:REQUIRED']);
    expect(importerCodes(line)).toEqual(['household.alamat:REQUIRED']);
    expect(proposalViolations(line)).toEqual([expect.stringMatching(/^household\.alamat: .*\(REQUIRED\)$/)]);
  });

  // The importer answered STALE_VERSION only when the household existed; §3.4 says below 1 is stale.
  it('a baseVersion below 1 is STALE_VERSION without looking at the registry', () => {
    expect(checkProposalLine(perbaikan({ baseVersion: 0 })).map((i) => `${i.path}:${i.code}`)).toEqual(['baseVersion:STALE_VERSION']);
    expect(importerCodes(perbaikan({ baseVersion: 0 }))).toEqual(['baseVersion:STALE_VERSION']);
    expect(checkProposalLine(perbaikan({ baseVersion: 1.5 })).map((i) => i.code)).toEqual(['TYPE']);
    expect(checkProposalLine(perbaikan({ baseVersion: 3e9 })).map((i) => i.code)).toEqual(['STALE_VERSION']);
  });

  it('a reference to the household itself, and a member id of another household, are UNKNOWN_REFERENCE', () => {
    const self = perbaikan({}, { result: 6, duplicateOf: IDBDT });
    expect(importerCodes(self)).toEqual(['verval.duplicateOf:UNKNOWN_REFERENCE']);
    expect(proposalViolations(self, { isAktif: () => true })).toEqual([expect.stringMatching(/^verval\.duplicateOf: .*UNKNOWN_REFERENCE/)]);
    const foreign = perbaikan({ members: [{ op: 'update', idartbdt: '317401100100099901', baseVersion: 1, fields: { nama: 'X' } }] });
    expect(importerCodes(foreign)).toEqual(['members[0].idartbdt:UNKNOWN_REFERENCE']);
    expect(proposalViolations(foreign)).toEqual([expect.stringMatching(/^members\[0\]\.idartbdt: .*UNKNOWN_REFERENCE/)]);
  });

  it('keeps the importer codes and paths for breaches of the page', () => {
    const line = {
      ...perbaikan({}, { result: 4, extra: 1, visitedAt: '11-02-2019' }),
      idbdt: '123',
      type: 'PERBAIKAN',
      foo: true,
      members: [
        { op: 'move', fields: {} },
        { op: 'add', fields: { sta_keberadaan_art: 2 } },
      ],
      media: [{ sha256: 'ab', tag: 'selfie' }],
    };
    expect(checkProposalLine(line).map((i) => `${i.path}:${i.code}`)).toEqual([
      'foo:UNKNOWN_FIELD',
      'idbdt:PATTERN',
      'verval.extra:UNKNOWN_FIELD',
      'verval.visitedAt:DATE',
      'verval.mergeInto:REQUIRED_WHEN',
      'members[0].op:CODE',
      'members[1].tempId:REQUIRED',
      'members[1].fields.sta_keberadaan_art:CODE',
      'media:CODE',
    ]);
    const baru = {
      ...usulanBaru(),
      idbdt: IDBDT,
      members: [{ op: 'update', idartbdt: `${IDBDT}01`, fields: {} }],
      createdAt: '2019-02-11',
    };
    expect(checkProposalLine(baru).map((i) => `${i.path}:${i.code}`)).toEqual([
      'createdAt:DATE',
      'idbdt:FORBIDDEN_WHEN',
      'members[0].op:CODE',
    ]);
    expect(checkProposalLine([])).toEqual([expect.objectContaining({ path: '', code: 'TYPE' })]);
  });
});

describe('text the database cannot hold', () => {
  it('finding 1: NUL or a lone surrogate anywhere in a line is a TYPE finding at its path; the offline export refuses it', () => {
    const line = perbaikan({ household: { lantai: 2, 'k\u0000': 1 } }, { note: 'x\u0000y' });
    const found = checkProposalLine(line).map((i) => `${i.path}:${i.code}`);
    expect(found).toContain('verval.note:TYPE');
    expect(found).toContain('household.k\uFFFD:TYPE');
    // No finding quotes the refused characters (they are stored as the proposal's errors).
    expect(JSON.stringify(checkProposalLine(line))).not.toMatch(/\\u0000|\\ud[89ab]/i);
    const baru = usulanBaru({ alamat: 'Jl. \ud800' });
    expect(checkProposalLine(baru).map((i) => `${i.path}:${i.code}`)).toContain('household.alamat:TYPE');
    expect(proposalViolations(baru)).toContain(
      'household.alamat: The text contains a character that is not allowed (NUL or an unpaired Unicode surrogate) (TYPE)',
    );
    const checked = checkProposal(line as never, registry());
    expect(checked.status).toBe('GAGAL_VALIDASI');
    expect((checked.body.verval as { note: string }).note).toBe('x\uFFFDy');
  });
});
