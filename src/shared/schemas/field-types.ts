// Static mirror of the dictionary's field names and types, for TypeScript only.
// A JSON import widens every string, so the compiler cannot learn field names from
// bdt-dictionary.json; this table gives the `Household` and `Member` types their keys.
// The runtime schemas are still built from the JSON, and schemas.test.ts fails when this table
// and the JSON disagree, so a dictionary change cannot slip through unnoticed.
import type { FieldType } from '../dictionary/index.ts';

/** JSON value of each dictionary type (siks-format.md "General conventions"). */
export interface JsonValueOf {
  id: string;
  region: string;
  nik: string;
  nokk: string;
  code: number;
  integer: number;
  decimal: number;
  boolean: boolean;
  text: string;
  date: string;
}

/** field → [type, never null in a stored record (required, or an id the system assigns)]. */
export type FieldTypeTable = Readonly<Record<string, readonly [FieldType, boolean]>>;

/** Record type of a table: non-null where the table says so, `| null` elsewhere. */
export type RecordOf<T extends FieldTypeTable> = {
  -readonly [K in keyof T]: T[K][1] extends true ? JsonValueOf[T[K][0]] : JsonValueOf[T[K][0]] | null;
};

/** Household fields: [type, non-null]. */
export const householdFieldTypes = {
  idbdt: ['id', true],
  kode_wilayah: ['region', true],
  alamat: ['text', true],
  nama_sls: ['text', false],
  nama_krt: ['text', false],
  jumlah_art: ['integer', false],
  jumlah_keluarga: ['integer', false],
  sta_bangunan: ['code', true],
  sta_lahan: ['code', false],
  luas_lantai: ['decimal', true],
  lantai: ['code', true],
  dinding: ['code', true],
  kondisi_dinding: ['code', true],
  atap: ['code', true],
  kondisi_atap: ['code', true],
  jumlah_kamar: ['integer', true],
  sumber_airminum: ['code', true],
  nomor_meter_air: ['text', false],
  cara_peroleh_airminum: ['code', true],
  sumber_penerangan: ['code', true],
  daya: ['code', false],
  nomor_pln: ['text', false],
  bb_masak: ['code', true],
  nomor_gas: ['text', false],
  fasbab: ['code', true],
  kloset: ['code', true],
  buang_tinja: ['code', true],
  ada_tabung_gas: ['boolean', true],
  ada_lemari_es: ['boolean', true],
  ada_ac: ['boolean', true],
  ada_pemanas: ['boolean', true],
  ada_telepon: ['boolean', true],
  ada_tv: ['boolean', true],
  ada_emas: ['boolean', true],
  ada_laptop: ['boolean', true],
  ada_sepeda: ['boolean', true],
  ada_motor: ['boolean', true],
  ada_mobil: ['boolean', true],
  ada_perahu: ['boolean', true],
  ada_motor_tempel: ['boolean', true],
  ada_perahu_motor: ['boolean', true],
  ada_kapal: ['boolean', true],
  aset_tak_bergerak: ['boolean', true],
  luas_atb: ['decimal', false],
  rumah_lain: ['boolean', true],
  jumlah_sapi: ['integer', true],
  jumlah_kerbau: ['integer', true],
  jumlah_kuda: ['integer', true],
  jumlah_babi: ['integer', true],
  jumlah_kambing: ['integer', true],
  sta_art_usaha: ['boolean', true],
  sta_kks: ['boolean', true],
  sta_kip: ['boolean', true],
  sta_kis: ['boolean', true],
  sta_bpjs_mandiri: ['boolean', true],
  sta_jamsostek: ['boolean', true],
  sta_asuransi: ['boolean', true],
  sta_pkh: ['boolean', true],
  sta_rastra: ['boolean', true],
  sta_kur: ['boolean', true],
  persentil: ['integer', false],
  lat: ['decimal', false],
  lng: ['decimal', false],
} as const satisfies FieldTypeTable;

/** Member fields: [type, non-null]. */
export const memberFieldTypes = {
  idartbdt: ['id', true],
  nik: ['nik', true],
  no_kk: ['nokk', true],
  nuk: ['integer', true],
  nama: ['text', true],
  hub_krt: ['code', true],
  hubkel: ['code', true],
  jenis_kelamin: ['code', true],
  tempat_lahir: ['text', false],
  tanggal_lahir: ['date', true],
  sta_kawin: ['code', true],
  ada_akta_nikah: ['code', false],
  ada_dikk: ['boolean', true],
  sta_hamil: ['boolean', false],
  jenis_cacat: ['code', true],
  penyakit_kronis: ['code', true],
  partisipasi_sekolah: ['code', true],
  pendidikan_tertinggi: ['code', false],
  kelas_tertinggi: ['code', false],
  ijazah_tertinggi: ['code', true],
  sta_bekerja: ['boolean', true],
  lapangan_usaha: ['code', false],
  status_pekerjaan: ['code', false],
  sta_keberadaan_art: ['code', true],
  nama_ibu_kandung: ['text', false],
  ada_kks: ['boolean', false],
  ada_pbi: ['boolean', false],
  ada_kip: ['boolean', false],
  ada_pkh: ['boolean', false],
} as const satisfies FieldTypeTable;
