// Fixtures of the offline app's tests, on top of the household of shared/rules/test-fixtures.ts.

import { makeNik } from '../../shared/nik.ts';
import { FIXTURE_CHECK_DATE, validHousehold } from '../../shared/rules/test-fixtures.ts';
import type { AnyProposalJson, ReleaseMeta, StoredProposal } from './model.ts';
import { programmeSubject } from './programmes.ts';
import { type BaseRecord, type EditState, type Rec, type Verval, editStateFrom, newMember } from './proposals.ts';

/** A verval result 1 (found) visited on the fixture date, with any field overridden. */
export const verval = (over: Partial<Verval> = {}): Verval => ({
  result: 1,
  duplicateOf: null,
  mergeInto: null,
  visitedAt: FIXTURE_CHECK_DATE,
  musdesAt: null,
  note: '',
  ...over,
});

/** The fields of a newborn daughter added to the fixture household, as an operator enters them. */
export const newborn = (nama: string): Rec => ({
  nik: makeNik({ regionPrefix6: '317401', birthDate: '2018-12-01', sex: 2, serial: 9 }),
  no_kk: '3174012002150003',
  nuk: 1,
  nama,
  hub_krt: 3,
  hubkel: 3,
  jenis_kelamin: 2,
  tanggal_lahir: '2018-12-01',
  sta_kawin: 1,
  ada_dikk: true,
  jenis_cacat: 0,
  penyakit_kronis: 0,
  partisipasi_sekolah: 0,
  ijazah_tertinggi: 0,
  sta_bekerja: false,
});

/** The fixture household entered again as a new household (USULAN_BARU): its fields, its members added. */
export function newHouseholdFromFixture(): EditState {
  const b = validHousehold() as unknown as BaseRecord;
  const e = editStateFrom(null);
  for (const k of Object.keys(e.household)) e.household[k] = (b.household as Rec)[k] ?? null;
  e.members = [];
  for (const m of editStateFrom(b).members) e.members.push(newMember(e.members, { ...m.fields }));
  return e;
}

/** An installation of desa 3174011001 whose release seals packages with `packageKey`. */
export const releaseMeta = (packageKey: Uint8Array): ReleaseMeta => ({
  releaseId: '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
  kabKota: '3174',
  period: '2019-01',
  createdAt: '2019-02-01T01:00:00Z',
  finalization: null,
  packageKey: Buffer.from(packageKey).toString('base64'),
  dictionaryVersion: 1,
  scope: ['3174011001'],
  operator: { username: 'op.tebetbarat', name: 'Rina Marlina' },
  installedAt: '2019-02-02T08:00:00+07:00',
  households: 1,
  members: 3,
});

/** A proposal as the store keeps it: a draft of desa 3174011001 (USULAN_BARU subject u<seq>), with any field overridden. */
export function storedDraft(json: AnyProposalJson, seq: number, over: Partial<StoredProposal> = {}): StoredProposal {
  return {
    proposalId: json.proposalId,
    subject: json.type === 'PERBAIKAN' ? json.idbdt : json.type === 'USULAN_BARU' ? `u${seq}` : programmeSubject(json),
    type: json.type,
    status: 'draft',
    json,
    label: '',
    kodeWilayah: '3174011001',
    seq,
    updatedAt: json.createdAt,
    reexport: false,
    exports: [],
    replaces: null,
    feedback: null,
    ...over,
  };
}
