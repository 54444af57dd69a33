import { describe, expect, it } from 'vitest';
import type { FieldChange, MemberChange } from './api/proposals.ts';
import { translate, type MessageKey, type MessageParams } from './i18n/index.ts';
import {
  bulkCount,
  checkPartial,
  checkSiksFile,
  decisionParts,
  EMPTY_PROPOSAL_FILTER,
  hasProposalFilter,
  householdChangeRows,
  importLines,
  issuePathLabel,
  memberChangeRows,
  memberInConflict,
  parseProposalFilter,
  percent,
  pickNext,
  proposalHref,
  proposalListHref,
  proposalName,
  serializeProposalFilter,
  toBulkFilter,
  toProposalFilterQuery,
  toProposalQuery,
  vervalLabel,
  vervalOptions,
} from './verval.ts';

const t = (key: MessageKey, params?: MessageParams) => translate(key, params, 'id');
const en = (key: MessageKey, params?: MessageParams) => translate(key, params, 'en');
const texts = { yes: 'Ya', no: 'Tidak', empty: '–', locale: 'id-ID' };
const IMPORT = '0b6f1c9e-8f1a-4c2b-9d3e-2a1b3c4d5e6f';

describe('proposal filter in the URL', () => {
  it('reads the empty filter as Perbaikan Data, page 1', () => {
    expect(parseProposalFilter('')).toEqual(EMPTY_PROPOSAL_FILTER);
    expect(serializeProposalFilter(EMPTY_PROPOSAL_FILTER)).toBe('');
  });

  it('round-trips every key', () => {
    const search = `?tab=PERBAIKAN&kecamatan=317401&desa=3174011001&importId=${IMPORT}&operator=op_tebet&result=6&status=MENUNGGU&conflict=true&warning=false&page=3`;
    const f = parseProposalFilter(search);
    expect(f).toEqual({
      tab: 'PERBAIKAN',
      kecamatan: '317401',
      desa: '3174011001',
      importId: IMPORT,
      operator: 'op_tebet',
      result: 6,
      status: 'MENUNGGU',
      conflict: true,
      warning: false,
      page: 3,
    });
    // The default tab is left out.
    expect(serializeProposalFilter(f)).toBe(search.replace('tab=PERBAIKAN&', ''));
    expect(parseProposalFilter(serializeProposalFilter(f))).toEqual(f);
  });

  it('drops tampered values', () => {
    const f = parseProposalFilter(
      '?tab=X&kecamatan=31&desa=32750110&importId=nope&operator=%3Cscript%3E&result=9&status=OK&conflict=yes&warning=1&page=-2',
    );
    expect(f).toEqual(EMPTY_PROPOSAL_FILTER);
    // A desa outside the chosen kecamatan is dropped.
    expect(parseProposalFilter('?kecamatan=317401&desa=3174021001').desa).toBe('');
  });

  it('has no verval result on the Usulan Baru tab', () => {
    const f = parseProposalFilter('?tab=USULAN_BARU&result=2');
    expect(f.tab).toBe('USULAN_BARU');
    expect(f.result).toBeNull();
    expect(serializeProposalFilter({ ...f, result: 2 })).toBe('?tab=USULAN_BARU');
    expect(toProposalFilterQuery({ ...f, result: 2 })).toEqual({ tab: 'USULAN_BARU' });
  });

  it('gives the API query and the bulk filter (no page)', () => {
    const f = parseProposalFilter(`?importId=${IMPORT}&status=MENUNGGU&conflict=false&page=2`);
    expect(toProposalQuery(f)).toEqual({
      tab: 'PERBAIKAN',
      importId: IMPORT,
      status: 'MENUNGGU',
      conflict: false,
      page: 2,
      pageSize: 25,
    });
    expect(toProposalFilterQuery(f)).toEqual({
      tab: 'PERBAIKAN',
      importId: IMPORT,
      status: 'MENUNGGU',
      conflict: false,
    });
  });

  it('gives the bulk filter without the status, and none while another status is shown', () => {
    expect(toBulkFilter(parseProposalFilter(`?importId=${IMPORT}&status=MENUNGGU&page=2`))).toEqual({
      tab: 'PERBAIKAN',
      importId: IMPORT,
    });
    expect(toBulkFilter(parseProposalFilter('?tab=USULAN_BARU&conflict=false'))).toEqual({
      tab: 'USULAN_BARU',
      conflict: false,
    });
    expect(toBulkFilter(parseProposalFilter('?status=DITOLAK'))).toBeNull();
  });

  it('knows whether a filter is set and builds links carrying it', () => {
    expect(hasProposalFilter(EMPTY_PROPOSAL_FILTER)).toBe(false);
    expect(hasProposalFilter({ ...EMPTY_PROPOSAL_FILTER, tab: 'USULAN_BARU', page: 4 })).toBe(false);
    expect(hasProposalFilter({ ...EMPTY_PROPOSAL_FILTER, warning: false })).toBe(true);
    const f = { ...EMPTY_PROPOSAL_FILTER, status: 'MENUNGGU' as const };
    expect(proposalListHref(f)).toBe('/verifikasi-usulan?status=MENUNGGU');
    expect(proposalHref('abc', f)).toBe('/verifikasi-usulan/abc?status=MENUNGGU');
  });
});

describe('error paths as dictionary labels', () => {
  it('maps household fields, member fields and keys, verval keys and top-level keys', () => {
    expect(issuePathLabel('household.lantai', t)).toBe('Jenis lantai terluas');
    expect(issuePathLabel('members[0].fields.nik', t)).toBe('Anggota ke-1: NIK');
    expect(issuePathLabel('members[1].fields.tanggal_lahir', t, [null, 'SITI'])).toBe('Anggota ke-2 (SITI): Tanggal lahir');
    expect(issuePathLabel('members[2].idartbdt', t)).toBe('Anggota ke-3: ID ART BDT');
    expect(issuePathLabel('members[0].tempId', t)).toBe('Anggota ke-1: ID sementara anggota baru');
    expect(issuePathLabel('members[4]', t)).toBe('Anggota ke-5');
    expect(issuePathLabel('members', t)).toBe('Anggota rumah tangga');
    expect(issuePathLabel('verval.mergeInto', t)).toBe('Digabung ke rumah tangga');
    expect(issuePathLabel('verval.visitedAt', t)).toBe('Tanggal kunjungan');
    expect(issuePathLabel('idbdt', t)).toBe('ID BDT (rumah tangga)');
    expect(issuePathLabel('baseVersion', t)).toBe('Versi data rilis');
    expect(issuePathLabel('members[0].baseVersion', en)).toBe('Member 1: Release data version');
  });

  it('leaves unknown paths as they are', () => {
    expect(issuePathLabel('household.tidak_ada', t)).toBe('tidak_ada');
    expect(issuePathLabel('verval.x', t)).toBe('verval.x');
    expect(issuePathLabel('something[else]', t)).toBe('something[else]');
  });

  it('names verval results by the dictionary', () => {
    expect(vervalLabel(6)).toBe('Data ganda');
    expect(vervalLabel(null)).toBe('');
    expect(vervalLabel(42)).toBe('42');
    expect(vervalOptions().map((o) => o.code)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('change rows', () => {
  const household: FieldChange[] = [
    { field: 'lantai', current: 9, proposed: 2 },
    { field: 'ada_tv', current: false, proposed: true },
    { field: 'luas_lantai', current: 1500, proposed: null },
  ];

  it('shows code meanings with the code, Ya/Tidak, grouped numbers, and flags conflicts', () => {
    const rows = householdChangeRows(household, texts, ['lantai']);
    expect(rows[0]).toEqual({
      field: 'lantai',
      label: 'Jenis lantai terluas',
      current: { text: 'Tanah', code: '9' },
      proposed: { text: 'Keramik', code: '2' },
      conflict: true,
      same: false,
    });
    expect(rows[1]).toMatchObject({
      label: 'Memiliki: Televisi',
      current: { text: 'Tidak', code: null },
      proposed: { text: 'Ya', code: null },
      conflict: false,
    });
    expect(rows[2]).toMatchObject({ current: { text: '1.500', code: null }, proposed: { text: '–', code: null } });
  });

  it('marks a proposed value equal to the current one, never for a new household', () => {
    const same: FieldChange[] = [
      { field: 'lantai', current: 2, proposed: '2' },
      { field: 'nomor_pln', current: null, proposed: '' },
    ];
    expect(householdChangeRows(same, texts).map((r) => r.same)).toEqual([true, true]);
    expect(householdChangeRows(same, texts, [], true).map((r) => r.same)).toEqual([false, false]);
    expect(householdChangeRows(household, texts).map((r) => r.same)).toEqual([false, false, false]);
  });

  it('rows of a member, and whether it changed since the release', () => {
    const m: MemberChange = {
      index: 1,
      op: 'update',
      idartbdt: '317401100100012302',
      tempId: null,
      nama: 'SITI',
      fields: [{ field: 'jenis_kelamin', current: 1, proposed: 2 }],
    };
    const rows = memberChangeRows(m, texts);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.label).toBe('Jenis kelamin');
    expect(rows[0]!.proposed.code).toBe('2');
    expect(memberInConflict(m, ['317401100100012302'])).toBe(true);
    expect(memberInConflict(m, [])).toBe(false);
    expect(memberInConflict({ ...m, op: 'add', idartbdt: null, tempId: 'a1' }, ['317401100100012302'])).toBe(false);
  });

  it('names the household from the current head, the proposed head, or the first member', () => {
    const members: MemberChange[] = [
      {
        index: 0,
        op: 'add',
        idartbdt: null,
        tempId: 'a1',
        nama: 'ANAK',
        fields: [{ field: 'hub_krt', current: null, proposed: 3 }],
      },
      {
        index: 1,
        op: 'add',
        idartbdt: null,
        tempId: 'a2',
        nama: 'KEPALA',
        fields: [{ field: 'hub_krt', current: null, proposed: 1 }],
      },
    ];
    expect(proposalName({ current: { household: { nama_krt: 'BUDI' } }, changes: { household: [], members } })).toBe('BUDI');
    expect(proposalName({ current: null, changes: { household: [], members } })).toBe('KEPALA');
    expect(proposalName({ current: null, changes: { household: [], members: members.slice(0, 1) } })).toBe('ANAK');
  });
});

describe('partial approval', () => {
  const changes = {
    household: [{ field: 'lantai', current: 9, proposed: 2 }],
    members: [
      { index: 0, op: 'update' as const, idartbdt: '317401100100012301', tempId: null, nama: 'BUDI', fields: [] },
      { index: 2, op: 'add' as const, idartbdt: null, tempId: 'a1', nama: 'ANDI', fields: [] },
    ],
  };

  it('offers every household field and every member, by their acceptedFields paths', () => {
    expect(decisionParts(changes, t)).toEqual([
      { path: 'household.lantai', label: 'Jenis lantai terluas' },
      { path: 'members[0]', label: 'Anggota diubah: BUDI' },
      { path: 'members[2]', label: 'Anggota baru: ANDI' },
    ]);
  });

  it('adds the further parts the server names (the verval result)', () => {
    const parts = decisionParts(changes, t, ['household.lantai', 'members[0]', 'members[2]', 'verval']);
    expect(parts.map((p) => p.path)).toEqual(['household.lantai', 'members[0]', 'members[2]', 'verval']);
    expect(parts[3]!.label).toBe('Hasil verval');
  });

  it('needs something accepted, something left out, and a reason', () => {
    const parts = decisionParts(changes, t);
    expect(checkPartial(parts, new Set(), 'x')).toEqual({ ok: false, error: 'none' });
    expect(checkPartial(parts, new Set(parts.map((p) => p.path)), 'x')).toEqual({ ok: false, error: 'all' });
    expect(checkPartial(parts, new Set(['household.lantai']), '  ')).toEqual({ ok: false, error: 'reason' });
    expect(checkPartial(parts, new Set(['household.lantai', 'members[2]']), 'NIK anggota salah')).toEqual({
      ok: true,
      accepted: ['household.lantai', 'members[2]'],
      rejected: ['members[0]'],
    });
  });
});

describe('after a decision', () => {
  it('goes on to the next waiting proposal in the order seen', () => {
    const order = ['a', 'b', 'c', 'd'];
    expect(pickNext(order, 'b', ['a', 'c', 'd'])).toBe('c');
    expect(pickNext(order, 'b', ['a', 'd'])).toBe('d');
    expect(pickNext(order, 'd', ['a', 'c'])).toBe('a');
    expect(pickNext(order, 'b', ['b'])).toBeNull();
    expect(pickNext(order, 'b', [])).toBeNull();
    // Not in the order seen (another page, or opened directly): the first waiting one.
    expect(pickNext([], 'x', ['x', 'y', 'z'])).toBe('y');
    expect(pickNext(order, 'b', ['z'])).toBe('z');
  });

  it('counts a bulk approval without the conflicts, a rejection with them', () => {
    const dry = { matched: 1234, conflicts: 34, decided: 0 };
    expect(bulkCount(dry, 'APPROVE')).toBe(1200);
    expect(bulkCount(dry, 'REJECT')).toBe(1234);
    expect(bulkCount({ matched: 3, conflicts: 3, decided: 0 }, 'APPROVE')).toBe(0);
  });
});

describe('import files', () => {
  it('accepts .siks files only, not empty, not above 210 MB', () => {
    expect(checkSiksFile({ name: 'paket-tebet.siks', size: 1000 }, t)).toBeUndefined();
    expect(checkSiksFile({ name: 'PAKET.SIKS', size: 1000 }, t)).toBeUndefined();
    expect(checkSiksFile({ name: 'rilis.siksdb', size: 1000 }, t)).toBe('Bukan berkas .siks.');
    expect(checkSiksFile({ name: 'a.siks', size: 0 }, t)).toBe('Berkas kosong.');
    expect(checkSiksFile({ name: 'a.siks', size: 211 * 1024 * 1024 }, t)).toBe('Berkas lebih besar dari 210 MB.');
  });

  it('counts lines, percentages and sizes', () => {
    expect(importLines({ new: 10, failed: 2, duplicate: 3, conflict: 1, warnings: 4 })).toBe(15);
    expect(percent(0.456)).toBe(46);
    expect(percent(2)).toBe(100);
    expect(percent(Number.NaN)).toBe(0);
  });
});
