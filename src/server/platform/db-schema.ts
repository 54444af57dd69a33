// Kysely table types, generated from the migrated database by scripts/gen-db-schema.ts.
// Do not edit: add a migration, then run `npm run db:schema`.
import type { ColumnType } from 'kysely';

/** A column with a default (or identity): optional on insert. Unlike kysely's, it keeps the insert type of a ColumnType. */
type Generated<T> = T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A jsonb column: read as its value, written as JSON text. */
type Json<T = unknown> = ColumnType<T, string, string>;
type Bytes = ColumnType<Buffer, Buffer | Uint8Array, Buffer | Uint8Array>;

export type Role = 'PUSDATIN' | 'PFM' | 'PROVINSI' | 'SUPERVISOR' | 'OPERATOR' | 'INTEGRASI';
export type ImportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'REFUSED' | 'ALREADY_IMPORTED' | 'FAILED';
export type ProposalStatus = 'MENUNGGU' | 'DISETUJUI' | 'SEBAGIAN' | 'DITOLAK' | 'PERLU_PERBAIKAN' | 'GAGAL_VALIDASI';
export type ImageContentType = 'image/png' | 'image/jpeg';
export type DocumentContentType =
  | 'application/pdf'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'image/jpeg'
  | 'image/png';

export interface ImportCounts {
  new: number;
  failed: number;
  duplicate: number;
  conflict: number;
  warnings: number;
}

export interface FieldChangeColumns {
  field: string;
  old_value: string | null;
  new_value: string | null;
  version: number;
  changed_at: Generated<Timestamp>;
  changed_by: number | null;
  source: string;
  reason: string | null;
}

export interface MembershipStateColumns {
  status: Generated<'AKTIF' | 'NONAKTIF'>;
  since: string;
  until: string | null;
  reason: number | null;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Generated<Timestamp>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditChainHeadsTable {
  kab_kota: string;
  entry_count: number;
  last_id: number | null;
  head_hash: string;
  checkpoint_count: Generated<number>;
}

export interface AuditCheckpointsTable {
  id: Generated<number>;
  at: Timestamp;
  entry_count: number;
  last_id: number;
  head_hash: string;
  reason: 'EVERY_1000' | 'FINALISATION' | 'MANUAL';
  finalisation_id: number | null;
  hmac: string;
  kab_kota: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_username: string;
  action: string;
  text_id: string;
  text_en: string;
  subject: string | null;
  region_code: string | null;
  details: Generated<Json>;
  prev_hash: string;
  hash: string;
  kab_kota: string;
}

export interface BaselineDerivedTable {
  kab_kota: string;
  load_id: string;
  row_no: number;
  nama_krt: string | null;
  jumlah_art: number;
  jumlah_keluarga: number;
}

export interface BaselineErrorsTable {
  kab_kota: string;
  load_id: string;
  id: Generated<number>;
  sheet: 'households' | 'members';
  row_no: number;
  column_name: string;
  code: string;
  message_id: string;
  message_en: string;
}

export interface BaselineHouseholdsTable {
  kab_kota: string;
  load_id: string;
  row_no: number;
  idbdt: string | null;
  kode_wilayah: string | null;
  field_errors: Generated<boolean>;
  unreadable: string[] | null;
  f_idbdt: string | null;
  f_kode_wilayah: string | null;
  f_alamat: string | null;
  f_nama_sls: string | null;
  f_sta_bangunan: string | null;
  f_sta_lahan: string | null;
  f_luas_lantai: string | null;
  f_lantai: string | null;
  f_dinding: string | null;
  f_kondisi_dinding: string | null;
  f_atap: string | null;
  f_kondisi_atap: string | null;
  f_jumlah_kamar: string | null;
  f_sumber_airminum: string | null;
  f_nomor_meter_air: string | null;
  f_cara_peroleh_airminum: string | null;
  f_sumber_penerangan: string | null;
  f_daya: string | null;
  f_nomor_pln: string | null;
  f_bb_masak: string | null;
  f_nomor_gas: string | null;
  f_fasbab: string | null;
  f_kloset: string | null;
  f_buang_tinja: string | null;
  f_ada_tabung_gas: string | null;
  f_ada_lemari_es: string | null;
  f_ada_ac: string | null;
  f_ada_pemanas: string | null;
  f_ada_telepon: string | null;
  f_ada_tv: string | null;
  f_ada_emas: string | null;
  f_ada_laptop: string | null;
  f_ada_sepeda: string | null;
  f_ada_motor: string | null;
  f_ada_mobil: string | null;
  f_ada_perahu: string | null;
  f_ada_motor_tempel: string | null;
  f_ada_perahu_motor: string | null;
  f_ada_kapal: string | null;
  f_aset_tak_bergerak: string | null;
  f_luas_atb: string | null;
  f_rumah_lain: string | null;
  f_jumlah_sapi: string | null;
  f_jumlah_kerbau: string | null;
  f_jumlah_kuda: string | null;
  f_jumlah_babi: string | null;
  f_jumlah_kambing: string | null;
  f_sta_art_usaha: string | null;
  f_sta_kks: string | null;
  f_sta_kip: string | null;
  f_sta_kis: string | null;
  f_sta_bpjs_mandiri: string | null;
  f_sta_jamsostek: string | null;
  f_sta_asuransi: string | null;
  f_sta_pkh: string | null;
  f_sta_rastra: string | null;
  f_sta_kur: string | null;
  f_persentil: string | null;
  f_lat: string | null;
  f_lng: string | null;
}

export interface BaselineLoadsTable {
  kab_kota: string;
  id: string;
  period: string;
  status: Generated<'CHECKING' | 'READY' | 'INVALID' | 'PUBLISHED' | 'DISCARDED' | 'FAILED'>;
  phase: Generated<'READING' | 'CHECKING' | 'DONE'>;
  progress: Generated<number>;
  file_names: Generated<string>;
  households: Generated<number>;
  members: Generated<number>;
  error_count: Generated<number>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  heartbeat_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  published_at: Timestamp | null;
  published_by: number | null;
  replaced_households: number | null;
  failure: string | null;
}

export interface BaselineMembersTable {
  kab_kota: string;
  load_id: string;
  row_no: number;
  idbdt: string | null;
  idartbdt: string | null;
  field_errors: Generated<boolean>;
  unreadable: string[] | null;
  f_idartbdt: string | null;
  f_nik: string | null;
  f_no_kk: string | null;
  f_nuk: string | null;
  f_nama: string | null;
  f_hub_krt: string | null;
  f_hubkel: string | null;
  f_jenis_kelamin: string | null;
  f_tempat_lahir: string | null;
  f_tanggal_lahir: string | null;
  f_sta_kawin: string | null;
  f_ada_akta_nikah: string | null;
  f_ada_dikk: string | null;
  f_sta_hamil: string | null;
  f_jenis_cacat: string | null;
  f_penyakit_kronis: string | null;
  f_partisipasi_sekolah: string | null;
  f_pendidikan_tertinggi: string | null;
  f_kelas_tertinggi: string | null;
  f_ijazah_tertinggi: string | null;
  f_sta_bekerja: string | null;
  f_lapangan_usaha: string | null;
  f_status_pekerjaan: string | null;
  f_sta_keberadaan_art: string | null;
  f_nama_ibu_kandung: string | null;
  f_ada_kks: string | null;
  f_ada_pbi: string | null;
  f_ada_kip: string | null;
  f_ada_pkh: string | null;
}

export interface CaptchaUsedTable {
  challenge_id: string;
  expires_at: Timestamp;
}

export interface DistrictFiguresTable {
  kab_kota: string;
  kode_wilayah: string;
  households: number;
  members: number;
  desil_sum: number;
  desil_n: number;
  low_desil: number;
  kpm_bpnt: number;
  kpm_rastra: number;
  pbi: number;
  aktif_kpm_bpnt: number;
  aktif_pbi: number;
}

export interface DistrictFiguresStaleTable {
  kab_kota: string;
  seq: Generated<number>;
}

export interface DistrictProfilesTable {
  kab_code: string;
  nama_instansi: string | null;
  alamat: string | null;
  nomor_telepon: string | null;
  nama_kepala_dinas: string | null;
  nip_kepala_dinas: string | null;
  nama_bupati: string | null;
  pengesah_sama_dengan_kepala_dinas: Generated<boolean>;
  nama_pengesah: string | null;
  nip_pengesah: string | null;
  logo_image_id: number | null;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
}

export interface DistrictProgramsTable {
  kab: string;
  tahap_bpnt: string | null;
  updated_by: number | null;
  updated_at: Generated<Timestamp>;
}

export interface DistrictQuotasTable {
  kab: string;
  program: 'BPNT' | 'RASTRA' | 'PBI';
  quota: number | null;
  updated_by: number | null;
  updated_at: Generated<Timestamp>;
  period: string;
}

export interface DocumentRegionsTable {
  document_id: number;
  region_code: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  title: string;
  filename: string;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  content: Bytes;
  sort_order: Generated<number>;
  visible_to_all: Generated<boolean>;
  uploaded_by: number | null;
  uploaded_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface FinalisationHouseholdsTable {
  finalisation_id: number;
  idbdt: string;
  kode_wilayah: string;
  record: Json<Record<string, unknown>>;
  kab_kota: string;
}

export interface FinalisationMembershipsTable {
  kab_kota: string;
  finalisation_id: number;
  proposal_id: string;
  change: 'MASUK' | 'KELUAR' | 'DIGANTI' | 'UBAH';
  program: 'BPNT' | 'RASTRA' | 'PBI';
  idbdt: string;
  idartbdt: string | null;
  kode_wilayah: string;
  status_before: 'AKTIF' | 'NONAKTIF' | null;
  status_after: 'AKTIF' | 'NONAKTIF' | null;
  reason: number | null;
  record: Json<Record<string, unknown>>;
}

export interface FinalisationsTable {
  id: Generated<number>;
  public_id: string;
  kab_kota: string;
  period: string;
  number: number;
  letter_number: string;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  created_by_username: string;
  proposal_count: number;
  household_count: number;
  recap: Json;
  letter: Json;
  letter_logo: Bytes | null;
  letter_logo_type: 'image/png' | 'image/jpeg' | null;
  data_sha256: string;
  module: Generated<'BDT' | 'BSP' | 'PBI'>;
}

export interface HouseholdHistoryTable extends FieldChangeColumns {
  id: Generated<number>;
  idbdt: string;
  idartbdt: string | null;
  kab_kota: string;
}

export interface HouseholdLocationsTable {
  kab_kota: string;
  idbdt: string;
  lat: number;
  lng: number;
}

export interface HouseholdMediaTable {
  kab_kota: string;
  idbdt: string;
  sha256: string;
  tag: 'foto_rumah' | 'foto_ktp' | 'foto_kk' | 'foto_lainnya';
  proposal_id: string;
  added_at: Generated<Timestamp>;
}

export interface HouseholdsTable {
  idbdt: string;
  kode_wilayah: string;
  alamat: string;
  nama_sls: string | null;
  nama_krt: string | null;
  jumlah_art: number | null;
  jumlah_keluarga: number | null;
  sta_bangunan: number;
  sta_lahan: number | null;
  luas_lantai: number;
  lantai: number;
  dinding: number;
  kondisi_dinding: number;
  atap: number;
  kondisi_atap: number;
  jumlah_kamar: number;
  sumber_airminum: number;
  nomor_meter_air: string | null;
  cara_peroleh_airminum: number;
  sumber_penerangan: number;
  daya: number | null;
  nomor_pln: string | null;
  bb_masak: number;
  nomor_gas: string | null;
  fasbab: number;
  kloset: number;
  buang_tinja: number;
  ada_tabung_gas: boolean;
  ada_lemari_es: boolean;
  ada_ac: boolean;
  ada_pemanas: boolean;
  ada_telepon: boolean;
  ada_tv: boolean;
  ada_emas: boolean;
  ada_laptop: boolean;
  ada_sepeda: boolean;
  ada_motor: boolean;
  ada_mobil: boolean;
  ada_perahu: boolean;
  ada_motor_tempel: boolean;
  ada_perahu_motor: boolean;
  ada_kapal: boolean;
  aset_tak_bergerak: boolean;
  luas_atb: number | null;
  rumah_lain: boolean;
  jumlah_sapi: number;
  jumlah_kerbau: number;
  jumlah_kuda: number;
  jumlah_babi: number;
  jumlah_kambing: number;
  sta_art_usaha: boolean;
  sta_kks: boolean;
  sta_kip: boolean;
  sta_kis: boolean;
  sta_bpjs_mandiri: boolean;
  sta_jamsostek: boolean;
  sta_asuransi: boolean;
  sta_pkh: boolean;
  sta_rastra: boolean;
  sta_kur: boolean;
  persentil: number | null;
  lat: number | null;
  lng: number | null;
  version: Generated<number>;
  status: Generated<'AKTIF' | 'NONAKTIF'>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  kab_kota: string;
}

export interface ImagesTable {
  id: Generated<number>;
  content_type: ImageContentType;
  width: number;
  height: number;
  byte_size: number;
  sha256: string;
  data: Bytes;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface ImportDuplicatesTable {
  import_id: string;
  line_no: number;
  proposal_id: string;
  kab_kota: string;
}

export interface ImportStagingTable {
  import_id: string;
  line_no: number;
  proposal_id: string;
  duplicate: boolean;
  kab_kota: string;
  kode_wilayah: string | null;
  type: string | null;
  idbdt: string | null;
  base_version: number | null;
  verval_result: number | null;
  duplicate_of: string | null;
  merge_into: string | null;
  visited_at: string | null;
  musdes_at: string | null;
  body: Json<Record<string, unknown>> | null;
  status: string | null;
  errors: Json<unknown[]> | null;
  warnings: Json<unknown[]> | null;
  conflict: boolean | null;
  conflict_changes: Json<{ fields: string[]; members: string[] }> | null;
  proposal_created_at: Timestamp | null;
  imported_at: Timestamp | null;
  program: string | null;
  idartbdt: string | null;
  replacement_idbdt: string | null;
  reason_code: number | null;
}

export interface ImportUploadsTable {
  import_id: string;
  seq: number;
  data: Bytes;
  kab_kota: string;
}

export interface ImportsTable {
  id: string;
  kab_kota: string;
  file_name: string;
  file_size: number;
  file_sha256: string;
  uploaded_by: number | null;
  uploaded_at: Generated<Timestamp>;
  status: Generated<ImportStatus>;
  progress: Generated<number>;
  upload_complete: Generated<boolean>;
  attempts: Generated<number>;
  heartbeat_at: Timestamp | null;
  package_id: string | null;
  release_id: string | null;
  module: string | null;
  period: string | null;
  operator_username: string | null;
  operator_name: string | null;
  counts: Json<ImportCounts> | null;
  reason_code: string | null;
  reason_id: string | null;
  reason_en: string | null;
  first_import_id: string | null;
  finished_at: Timestamp | null;
}

export interface KpmHistoryTable extends FieldChangeColumns {
  id: Generated<number>;
  kab_kota: string;
  program: 'BPNT' | 'RASTRA';
  idbdt: string;
}

export interface KpmMembershipsTable extends MembershipStateColumns {
  kab_kota: string;
  program: 'BPNT' | 'RASTRA';
  idbdt: string;
  id_pengurus: string | null;
  no_kks: string | null;
  no_rekening: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  user_id: number | null;
  address: string;
  at: Generated<Timestamp>;
  success: boolean;
}

export interface LoginLocksTable {
  username: string;
  address: string;
  locked_until: Timestamp | null;
  failures_since: Timestamp;
}

export interface MediaTable {
  sha256: string;
  content_type: 'image/jpeg' | 'image/png';
  bytes: Bytes;
  size: number;
  created_at: Generated<Timestamp>;
  kab_kota: string;
}

export interface MembersTable {
  idartbdt: string;
  nik: string;
  no_kk: string;
  nuk: number;
  nama: string;
  hub_krt: number;
  hubkel: number;
  jenis_kelamin: number;
  tempat_lahir: string | null;
  tanggal_lahir: string;
  sta_kawin: number;
  ada_akta_nikah: number | null;
  ada_dikk: boolean;
  sta_hamil: boolean | null;
  jenis_cacat: number;
  penyakit_kronis: number;
  partisipasi_sekolah: number;
  pendidikan_tertinggi: number | null;
  kelas_tertinggi: number | null;
  ijazah_tertinggi: number;
  sta_bekerja: boolean;
  lapangan_usaha: number | null;
  status_pekerjaan: number | null;
  sta_keberadaan_art: number;
  nama_ibu_kandung: string | null;
  ada_kks: Generated<boolean>;
  ada_pbi: Generated<boolean>;
  ada_kip: Generated<boolean>;
  ada_pkh: Generated<boolean>;
  idbdt: string;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  kab_kota: string;
}

export interface MouSubmissionsTable {
  id: Generated<number>;
  kab_kota: string;
  mou_image_id: number;
  permohonan_image_id: number;
  status: Generated<'WAITING' | 'RETURNED' | 'APPROVED'>;
  message: string | null;
  submitted_at: Generated<Timestamp>;
  submitted_by: number | null;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
}

export interface PbiHistoryTable extends FieldChangeColumns {
  id: Generated<number>;
  kab_kota: string;
  idartbdt: string;
}

export interface PbiParticipantsTable extends MembershipStateColumns {
  kab_kota: string;
  idartbdt: string;
  no_kartu: string | null;
}

export interface PeriodsTable {
  code: string;
  name: string;
  sk_number: string | null;
  starts_on: string;
  ends_on: string;
  status: Generated<'OPEN' | 'CLOSED'>;
  opened_at: Generated<Timestamp>;
  opened_by: number | null;
  closed_at: Timestamp | null;
  closed_by: number | null;
}

export interface PersonalSearchCountsTable {
  user_id: number;
  minute: Timestamp;
  searches: number;
}

export interface PkhNominationHistoryTable {
  kab_kota: string;
  id: Generated<number>;
  nomination_id: number;
  old_status: 'DIUSULKAN' | 'DITERIMA' | 'DITOLAK' | null;
  new_status: 'DIUSULKAN' | 'DITERIMA' | 'DITOLAK';
  reason: string | null;
  changed_at: Generated<Timestamp>;
  changed_by: number | null;
}

export interface PkhNominationsTable {
  kab_kota: string;
  id: Generated<number>;
  idbdt: string;
  status: Generated<'DIUSULKAN' | 'DITERIMA' | 'DITOLAK'>;
  components: Json;
  nominated_at: Generated<Timestamp>;
  nominated_by: number | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
}

export interface ProposalMediaTable {
  kab_kota: string;
  proposal_id: string;
  sha256: string;
  tag: 'foto_rumah' | 'foto_ktp' | 'foto_kk' | 'foto_lainnya';
}

export interface ProposalsTable {
  id: string;
  import_id: string | null;
  package_id: string | null;
  line_no: number | null;
  kab_kota: string;
  kode_wilayah: string;
  module: Generated<'BDT' | 'BSP' | 'PBI'>;
  type: 'PERBAIKAN' | 'USULAN_BARU' | 'BSP_GANTI' | 'BSP_NONAKTIF' | 'BSP_UBAH' | 'PBI_NONAKTIF' | 'PBI_USUL';
  idbdt: string | null;
  base_version: number | null;
  verval_result: number | null;
  duplicate_of: string | null;
  merge_into: string | null;
  visited_at: string | null;
  musdes_at: string | null;
  body: Json<Record<string, unknown>>;
  operator_username: string | null;
  status: ProposalStatus;
  errors: Generated<Json<unknown[]>>;
  warnings: Generated<Json<unknown[]>>;
  has_warning: Generated<boolean>;
  conflict: Generated<boolean>;
  conflict_changes: Json<{ fields: string[]; members: string[] }> | null;
  proposal_created_at: Timestamp;
  imported_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
  accepted_fields: Json<string[]> | null;
  rejected_fields: Json<string[]> | null;
  assigned: Json<{ idbdt: string; members: Record<string, string> }> | null;
  finalisation_id: number | null;
  origin: Generated<'PACKAGE' | 'ONLINE'>;
  program: 'BPNT' | 'RASTRA' | 'PBI' | null;
  idartbdt: string | null;
  replacement_idbdt: string | null;
  reason_code: number | null;
}

export interface RegionBoundariesTable {
  code: string;
  level: 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';
  parent_code: string | null;
  geometry: Json;
  west: number;
  south: number;
  east: number;
  north: number;
  origin: 'DEMO' | 'LOAD';
  source: string | null;
  loaded_at: Generated<Timestamp>;
  loaded_by: number | null;
}

export interface RegionsTable {
  code: string;
  name: string;
  level: 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';
  parent_code: string | null;
}

export interface ReleasesTable {
  id: string;
  kab_kota: string;
  period: string;
  package_key: string;
  counts: Json<{ households: number; members: number; kpm: number; pbi: number }>;
  finalization: Json<{ period: string; number: number }> | null;
  created_at: Generated<Timestamp>;
  created_by: number | null;
}

export interface RelocationsTable {
  kab_kota: string;
  id: Generated<number>;
  idbdt: string;
  kind: 'WITHIN' | 'HANDOVER';
  status: 'SELESAI' | 'MENUNGGU' | 'DITERIMA' | 'DITOLAK' | 'DIBATALKAN';
  from_kode_wilayah: string;
  to_kab: string;
  to_kode_wilayah: string | null;
  reason: string;
  summary: Generated<Json>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Timestamp>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface UserProfilesTable {
  user_id: number;
  nomor_hp: string | null;
  email: string | null;
  photo_image_id: number | null;
  updated_at: Generated<Timestamp>;
}

export interface UserRegionsTable {
  user_id: number;
  region_code: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  role: Role;
  password_hash: string;
  status: Generated<'ACTIVE' | 'DISABLED'>;
  must_change_password: Generated<boolean>;
  language: Generated<'id' | 'en'>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface DB {
  api_tokens: ApiTokensTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_log: AuditLogTable;
  baseline_derived: BaselineDerivedTable;
  baseline_errors: BaselineErrorsTable;
  baseline_households: BaselineHouseholdsTable;
  baseline_loads: BaselineLoadsTable;
  baseline_members: BaselineMembersTable;
  captcha_used: CaptchaUsedTable;
  district_figures: DistrictFiguresTable;
  district_figures_stale: DistrictFiguresStaleTable;
  district_profiles: DistrictProfilesTable;
  district_programs: DistrictProgramsTable;
  district_quotas: DistrictQuotasTable;
  document_regions: DocumentRegionsTable;
  documents: DocumentsTable;
  finalisation_households: FinalisationHouseholdsTable;
  finalisation_memberships: FinalisationMembershipsTable;
  finalisations: FinalisationsTable;
  household_history: HouseholdHistoryTable;
  household_locations: HouseholdLocationsTable;
  household_media: HouseholdMediaTable;
  households: HouseholdsTable;
  images: ImagesTable;
  import_duplicates: ImportDuplicatesTable;
  import_staging: ImportStagingTable;
  import_uploads: ImportUploadsTable;
  imports: ImportsTable;
  kpm_history: KpmHistoryTable;
  kpm_memberships: KpmMembershipsTable;
  login_attempts: LoginAttemptsTable;
  login_locks: LoginLocksTable;
  media: MediaTable;
  members: MembersTable;
  mou_submissions: MouSubmissionsTable;
  pbi_history: PbiHistoryTable;
  pbi_participants: PbiParticipantsTable;
  periods: PeriodsTable;
  personal_search_counts: PersonalSearchCountsTable;
  pkh_nomination_history: PkhNominationHistoryTable;
  pkh_nominations: PkhNominationsTable;
  proposal_media: ProposalMediaTable;
  proposals: ProposalsTable;
  region_boundaries: RegionBoundariesTable;
  regions: RegionsTable;
  releases: ReleasesTable;
  relocations: RelocationsTable;
  schema_migrations: SchemaMigrationsTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  user_profiles: UserProfilesTable;
  user_regions: UserRegionsTable;
  users: UsersTable;
}
