// Kysely table types. Field columns follow the BDT dictionary (migrations/0003_create_registry.sql).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface HouseholdsTable {
  idbdt: string;
  kode_wilayah: string;
  alamat: string;
  nama_sls: ColumnType<string | null, string | null | undefined, string | null>;
  nama_krt: ColumnType<string | null, string | null | undefined, string | null>;
  jumlah_art: ColumnType<number | null, number | null | undefined, number | null>;
  jumlah_keluarga: ColumnType<number | null, number | null | undefined, number | null>;
  sta_bangunan: number;
  sta_lahan: ColumnType<number | null, number | null | undefined, number | null>;
  luas_lantai: number;
  lantai: number;
  dinding: number;
  kondisi_dinding: number;
  atap: number;
  kondisi_atap: number;
  jumlah_kamar: number;
  sumber_airminum: number;
  nomor_meter_air: ColumnType<string | null, string | null | undefined, string | null>;
  cara_peroleh_airminum: number;
  sumber_penerangan: number;
  daya: ColumnType<number | null, number | null | undefined, number | null>;
  nomor_pln: ColumnType<string | null, string | null | undefined, string | null>;
  bb_masak: number;
  nomor_gas: ColumnType<string | null, string | null | undefined, string | null>;
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
  luas_atb: ColumnType<number | null, number | null | undefined, number | null>;
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
  persentil: ColumnType<number | null, number | null | undefined, number | null>;
  lat: ColumnType<number | null, number | null | undefined, number | null>;
  lng: ColumnType<number | null, number | null | undefined, number | null>;
  version: Defaulted<number>;
  status: Defaulted<'AKTIF' | 'NONAKTIF'>;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  tempat_lahir: ColumnType<string | null, string | null | undefined, string | null>;
  tanggal_lahir: string;
  sta_kawin: number;
  ada_akta_nikah: ColumnType<number | null, number | null | undefined, number | null>;
  ada_dikk: boolean;
  sta_hamil: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  jenis_cacat: number;
  penyakit_kronis: number;
  partisipasi_sekolah: number;
  pendidikan_tertinggi: ColumnType<number | null, number | null | undefined, number | null>;
  kelas_tertinggi: ColumnType<number | null, number | null | undefined, number | null>;
  ijazah_tertinggi: number;
  sta_bekerja: boolean;
  lapangan_usaha: ColumnType<number | null, number | null | undefined, number | null>;
  status_pekerjaan: ColumnType<number | null, number | null | undefined, number | null>;
  sta_keberadaan_art: number;
  nama_ibu_kandung: ColumnType<string | null, string | null | undefined, string | null>;
  ada_kks: Defaulted<boolean>;
  ada_pbi: Defaulted<boolean>;
  ada_kip: Defaulted<boolean>;
  ada_pkh: Defaulted<boolean>;
  idbdt: string;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdHistoryTable {
  id: Generated<number>;
  idbdt: string;
  idartbdt: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  version: number;
  changed_at: Timestamp;
  changed_by: number | null;
  source: string;
  reason: string | null;
}

export interface RegionsTable {
  code: string;
  name: string;
  level: 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';
  parent_code: string | null;
}

export type Role = 'PUSDATIN' | 'PFM' | 'PROVINSI' | 'SUPERVISOR' | 'OPERATOR';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  role: Role;
  password_hash: string;
  status: Defaulted<'ACTIVE' | 'DISABLED'>;
  must_change_password: Defaulted<boolean>;
  language: Defaulted<'id' | 'en'>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  failures_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  user_id: number | null;
  address: string;
  at: Timestamp;
  success: boolean;
}

export interface CaptchaUsedTable {
  challenge_id: string;
  expires_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface UserRegionsTable {
  user_id: number;
  region_code: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  details: ColumnType<unknown, string | undefined, string>;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PeriodsTable {
  code: string;
  name: string;
  sk_number: string | null;
  starts_on: string;
  ends_on: string;
  status: Defaulted<'OPEN' | 'CLOSED'>;
  opened_at: Timestamp;
  opened_by: number | null;
  closed_at: Nullable<Date>;
  closed_by: Nullable<number>;
}

export interface MouSubmissionsTable {
  id: Generated<number>;
  kab_kota: string;
  mou_image_id: number;
  permohonan_image_id: number;
  status: Defaulted<'WAITING' | 'RETURNED' | 'APPROVED'>;
  message: Nullable<string>;
  submitted_at: Timestamp;
  submitted_by: number | null;
  reviewed_at: Nullable<Date>;
  reviewed_by: Nullable<number>;
}

export interface ReleasesTable {
  id: string;
  kab_kota: string;
  period: string;
  package_key: string;
  counts: ColumnType<{ households: number; members: number; kpm: number; pbi: number }, string, string>;
  finalization: ColumnType<{ period: string; number: number } | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  created_by: number | null;
}

type Json<T = unknown> = ColumnType<T, string, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'REFUSED' | 'ALREADY_IMPORTED';
export type ProposalStatus = 'MENUNGGU' | 'DISETUJUI' | 'SEBAGIAN' | 'DITOLAK' | 'PERLU_PERBAIKAN' | 'GAGAL_VALIDASI';
export interface ImportCounts {
  new: number;
  failed: number;
  duplicate: number;
  conflict: number;
  warnings: number;
}

export interface ImportsTable {
  id: string;
  kab_kota: string;
  file_name: string;
  file_size: number;
  file_sha256: string;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
  status: Defaulted<ImportStatus>;
  progress: Defaulted<number>;
  upload_complete: Defaulted<boolean>;
  attempts: Defaulted<number>;
  heartbeat_at: Nullable<Date>;
  package_id: Nullable<string>;
  release_id: Nullable<string>;
  module: Nullable<string>;
  period: Nullable<string>;
  operator_username: Nullable<string>;
  operator_name: Nullable<string>;
  counts: NullableJson<ImportCounts>;
  reason_code: Nullable<string>;
  reason_id: Nullable<string>;
  reason_en: Nullable<string>;
  first_import_id: Nullable<string>;
  finished_at: Nullable<Date>;
}

export interface ImportUploadsTable {
  import_id: string;
  seq: number;
  data: Buffer;
}

export interface ProposalsTable {
  id: string;
  import_id: string;
  package_id: string;
  line_no: number;
  kab_kota: string;
  kode_wilayah: string;
  module: Defaulted<string>;
  type: 'PERBAIKAN' | 'USULAN_BARU';
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
  errors: Json<unknown[]>;
  warnings: Json<unknown[]>;
  has_warning: Defaulted<boolean>;
  conflict: Defaulted<boolean>;
  conflict_changes: NullableJson<{ fields: string[]; members: string[] }>;
  proposal_created_at: Timestamp;
  imported_at: Timestamp;
  decided_at: Nullable<Date>;
  decided_by: Nullable<number>;
  decision_reason: Nullable<string>;
  accepted_fields: NullableJson<string[]>;
  rejected_fields: NullableJson<string[]>;
  assigned: NullableJson<{ idbdt: string; members: Record<string, string> }>;
  finalisation_id: Nullable<number>;
}

export interface ImportStagingTable {
  import_id: string;
  line_no: number;
  proposal_id: string;
  duplicate: boolean;
  row: NullableJson<Record<string, unknown>>;
}

export interface ImportDuplicatesTable {
  import_id: string;
  line_no: number;
  proposal_id: string;
}

export interface ProposalMediaTable {
  sha256: string;
  content_type: string;
  data: Buffer;
}

export interface DB {
  regions: RegionsTable;
  households: HouseholdsTable;
  members: MembersTable;
  household_history: HouseholdHistoryTable;
  users: UsersTable;
  user_regions: UserRegionsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  login_attempts: LoginAttemptsTable;
  captcha_used: CaptchaUsedTable;
  settings: SettingsTable;
  periods: PeriodsTable;
  mou_submissions: MouSubmissionsTable;
  releases: ReleasesTable;
  imports: ImportsTable;
  import_uploads: ImportUploadsTable;
  proposals: ProposalsTable;
  import_staging: ImportStagingTable;
  import_duplicates: ImportDuplicatesTable;
  proposal_media: ProposalMediaTable;
}
