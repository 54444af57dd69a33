// Fixtures of the offline app's tests, on top of the household of shared/rules/test-fixtures.ts.

import { makeNik } from '../../shared/nik.ts';
import { FIXTURE_CHECK_DATE, validHousehold } from '../../shared/rules/test-fixtures.ts';
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
