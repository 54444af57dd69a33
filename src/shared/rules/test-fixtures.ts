// A complete, valid household record for tests to copy and break. Shared with other test suites.
import { makeNik } from '../nik.ts';
import type { Household, Member } from '../schemas/index.ts';
import { deriveHouseholdFields } from './derive.ts';

/** A date at which validHousehold() is valid and every member's age is plain (head 38, spouse 35, child 9). */
export const FIXTURE_CHECK_DATE = '2019-02-11';

/** The desa of the fixture (Kemendagri 31.74.01.1001). */
export const FIXTURE_DESA = '3174011001';

/** A household stored in the registry, with its members. */
export interface HouseholdRecord {
  household: Household;
  members: Member[];
}

/** A fresh, complete, valid AKTIF household in desa 3174011001 with head, spouse and child. */
export function validHousehold(): HouseholdRecord {
  const idbdt = `${FIXTURE_DESA}000123`;
  const kk = '3174012002150003';
  const member = (serial: string, fields: Partial<Member>): Member => ({
    idartbdt: `${idbdt}${serial}`,
    nik: '',
    no_kk: kk,
    nuk: 1,
    nama: '',
    hub_krt: 1,
    hubkel: 1,
    jenis_kelamin: 1,
    tempat_lahir: 'Jakarta',
    tanggal_lahir: '',
    sta_kawin: 2,
    ada_akta_nikah: 2,
    ada_dikk: true,
    sta_hamil: null,
    jenis_cacat: 0,
    penyakit_kronis: 0,
    partisipasi_sekolah: 2,
    pendidikan_tertinggi: 7,
    kelas_tertinggi: 8,
    ijazah_tertinggi: 3,
    sta_bekerja: true,
    lapangan_usaha: 12,
    status_pekerjaan: 1,
    sta_keberadaan_art: 1,
    nama_ibu_kandung: null,
    ada_kks: false,
    ada_pbi: true,
    ada_kip: false,
    ada_pkh: false,
    idbdt,
    version: 1,
    ...fields,
  });
  const members: Member[] = [
    member('01', {
      nik: makeNik({ regionPrefix6: '317401', birthDate: '1980-05-17', sex: 1, serial: 1 }),
      nama: 'Budi Santoso',
      tanggal_lahir: '1980-05-17',
      nama_ibu_kandung: 'Siti Aminah',
    }),
    member('02', {
      nik: makeNik({ regionPrefix6: '317401', birthDate: '1983-08-09', sex: 2, serial: 2 }),
      nama: 'Sri Wahyuni',
      hub_krt: 2,
      hubkel: 2,
      jenis_kelamin: 2,
      tanggal_lahir: '1983-08-09',
      sta_hamil: false,
      pendidikan_tertinggi: 4,
      ijazah_tertinggi: 2,
      lapangan_usaha: 13,
      status_pekerjaan: 8,
    }),
    member('03', {
      nik: makeNik({ regionPrefix6: '317401', birthDate: '2010-01-15', sex: 1, serial: 3 }),
      nama: 'Andi Santoso',
      hub_krt: 3,
      hubkel: 3,
      tanggal_lahir: '2010-01-15',
      sta_kawin: 1,
      ada_akta_nikah: null,
      partisipasi_sekolah: 1,
      pendidikan_tertinggi: 1,
      kelas_tertinggi: 3,
      ijazah_tertinggi: 0,
      sta_bekerja: false,
      lapangan_usaha: null,
      status_pekerjaan: null,
      ada_kip: true,
    }),
  ];
  const household: Household = {
    idbdt,
    kode_wilayah: FIXTURE_DESA,
    alamat: 'Jl. Tebet Barat Dalam IV No. 12',
    nama_sls: 'RT 005 RW 002',
    ...deriveHouseholdFields(members),
    sta_bangunan: 1,
    sta_lahan: 1,
    luas_lantai: 36.5,
    lantai: 6,
    dinding: 1,
    kondisi_dinding: 1,
    atap: 4,
    kondisi_atap: 2,
    jumlah_kamar: 2,
    sumber_airminum: 3,
    nomor_meter_air: null,
    cara_peroleh_airminum: 2,
    sumber_penerangan: 1,
    daya: 2,
    nomor_pln: '543210987654',
    bb_masak: 3,
    nomor_gas: null,
    fasbab: 1,
    kloset: 1,
    buang_tinja: 1,
    ada_tabung_gas: false,
    ada_lemari_es: true,
    ada_ac: false,
    ada_pemanas: false,
    ada_telepon: false,
    ada_tv: true,
    ada_emas: false,
    ada_laptop: false,
    ada_sepeda: true,
    ada_motor: true,
    ada_mobil: false,
    ada_perahu: false,
    ada_motor_tempel: false,
    ada_perahu_motor: false,
    ada_kapal: false,
    aset_tak_bergerak: false,
    luas_atb: null,
    rumah_lain: false,
    jumlah_sapi: 0,
    jumlah_kerbau: 0,
    jumlah_kuda: 0,
    jumlah_babi: 0,
    jumlah_kambing: 0,
    sta_art_usaha: true,
    sta_kks: true,
    sta_kip: true,
    sta_kis: true,
    sta_bpjs_mandiri: false,
    sta_jamsostek: false,
    sta_asuransi: false,
    sta_pkh: false,
    sta_rastra: true,
    sta_kur: false,
    persentil: 12,
    lat: -6.2297,
    lng: 106.8533,
    version: 1,
    status: 'AKTIF',
  };
  return { household, members };
}
