-- The registry: households (rumah tangga) and members (anggota rumah tangga, ART).
-- One typed column per field of the BDT dictionary (src/shared/dictionary/bdt-dictionary.json, version 1);
-- code lists and ranges are CHECK constraints so that no bug can store an impossible value.
-- Rules that span fields or records (R1, R3-R11, requiredWhen/forbiddenWhen) live in src/shared/rules:
-- baseline data may break them and review must still be possible.
-- Derived fields (nama_krt, jumlah_art, jumlah_keluarga) are kept up to date by the services that change members.

CREATE TABLE households (
  idbdt char(16) COLLATE "C" NOT NULL CHECK (idbdt ~ '^[0-9]{16}$'),
  kode_wilayah varchar(10) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (length(kode_wilayah) = 10),
  alamat varchar(200) NOT NULL,
  nama_sls varchar(100),
  nama_krt varchar(100),
  jumlah_art integer CHECK (jumlah_art BETWEEN 0 AND 40),
  jumlah_keluarga integer CHECK (jumlah_keluarga BETWEEN 0 AND 15),
  sta_bangunan smallint NOT NULL CHECK (sta_bangunan IN (1, 2, 3, 4, 5)),
  sta_lahan smallint CHECK (sta_lahan IN (1, 2, 3, 4)),
  luas_lantai numeric NOT NULL CHECK (luas_lantai BETWEEN 1 AND 10000),
  lantai smallint NOT NULL CHECK (lantai IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
  dinding smallint NOT NULL CHECK (dinding IN (1, 2, 3, 4, 5, 6, 7)),
  kondisi_dinding smallint NOT NULL CHECK (kondisi_dinding IN (1, 2)),
  atap smallint NOT NULL CHECK (atap IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
  kondisi_atap smallint NOT NULL CHECK (kondisi_atap IN (1, 2)),
  jumlah_kamar integer NOT NULL CHECK (jumlah_kamar BETWEEN 0 AND 50),
  sumber_airminum smallint NOT NULL CHECK (sumber_airminum IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
  nomor_meter_air varchar(30),
  cara_peroleh_airminum smallint NOT NULL CHECK (cara_peroleh_airminum IN (1, 2, 3)),
  sumber_penerangan smallint NOT NULL CHECK (sumber_penerangan IN (1, 2, 3)),
  daya smallint CHECK (daya IN (1, 2, 3, 4, 5, 6)),
  nomor_pln varchar(30),
  bb_masak smallint NOT NULL CHECK (bb_masak IN (1, 2, 3, 4, 5, 6, 7, 8, 9)),
  nomor_gas varchar(30),
  fasbab smallint NOT NULL CHECK (fasbab IN (1, 2, 3, 4)),
  kloset smallint NOT NULL CHECK (kloset IN (1, 2, 3, 4)),
  buang_tinja smallint NOT NULL CHECK (buang_tinja IN (1, 2, 3, 4, 5, 6)),
  ada_tabung_gas boolean NOT NULL,
  ada_lemari_es boolean NOT NULL,
  ada_ac boolean NOT NULL,
  ada_pemanas boolean NOT NULL,
  ada_telepon boolean NOT NULL,
  ada_tv boolean NOT NULL,
  ada_emas boolean NOT NULL,
  ada_laptop boolean NOT NULL,
  ada_sepeda boolean NOT NULL,
  ada_motor boolean NOT NULL,
  ada_mobil boolean NOT NULL,
  ada_perahu boolean NOT NULL,
  ada_motor_tempel boolean NOT NULL,
  ada_perahu_motor boolean NOT NULL,
  ada_kapal boolean NOT NULL,
  aset_tak_bergerak boolean NOT NULL,
  luas_atb numeric CHECK (luas_atb BETWEEN 0 AND 100000000),
  rumah_lain boolean NOT NULL,
  jumlah_sapi integer NOT NULL CHECK (jumlah_sapi BETWEEN 0 AND 10000),
  jumlah_kerbau integer NOT NULL CHECK (jumlah_kerbau BETWEEN 0 AND 10000),
  jumlah_kuda integer NOT NULL CHECK (jumlah_kuda BETWEEN 0 AND 10000),
  jumlah_babi integer NOT NULL CHECK (jumlah_babi BETWEEN 0 AND 10000),
  jumlah_kambing integer NOT NULL CHECK (jumlah_kambing BETWEEN 0 AND 10000),
  sta_art_usaha boolean NOT NULL,
  sta_kks boolean NOT NULL,
  sta_kip boolean NOT NULL,
  sta_kis boolean NOT NULL,
  sta_bpjs_mandiri boolean NOT NULL,
  sta_jamsostek boolean NOT NULL,
  sta_asuransi boolean NOT NULL,
  sta_pkh boolean NOT NULL,
  sta_rastra boolean NOT NULL,
  sta_kur boolean NOT NULL,
  persentil integer CHECK (persentil BETWEEN 1 AND 100),
  lat numeric CHECK (lat BETWEEN -11.5 AND 6.5),
  lng numeric CHECK (lng BETWEEN 94.5 AND 141.5),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  status varchar(8) NOT NULL DEFAULT 'AKTIF' CHECK (status IN ('AKTIF', 'NONAKTIF')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (idbdt),
  CHECK (left(idbdt, 10) ~ '^[0-9]{10}$')
);

-- Region scope is a code prefix; the C collation lets LIKE 'prefix%' use the btree index.
CREATE INDEX households_kode_wilayah_idx ON households (kode_wilayah, idbdt);
CREATE INDEX households_status_idx ON households (status);
CREATE INDEX households_persentil_idx ON households (persentil);
CREATE INDEX households_nama_krt_idx ON households (lower(nama_krt) text_pattern_ops);

CREATE TABLE members (
  idartbdt char(18) COLLATE "C" NOT NULL CHECK (idartbdt ~ '^[0-9]{18}$'),
  nik char(16) NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
  no_kk char(16) NOT NULL CHECK (no_kk ~ '^[0-9]{16}$'),
  nuk integer NOT NULL CHECK (nuk BETWEEN 1 AND 15),
  nama varchar(100) NOT NULL,
  hub_krt smallint NOT NULL CHECK (hub_krt IN (1, 2, 3, 4, 5, 6, 7, 8)),
  hubkel smallint NOT NULL CHECK (hubkel IN (1, 2, 3, 4, 5, 6, 7, 8)),
  jenis_kelamin smallint NOT NULL CHECK (jenis_kelamin IN (1, 2)),
  tempat_lahir varchar(60),
  tanggal_lahir date NOT NULL,
  sta_kawin smallint NOT NULL CHECK (sta_kawin IN (1, 2, 3, 4)),
  ada_akta_nikah smallint CHECK (ada_akta_nikah IN (1, 2, 3)),
  ada_dikk boolean NOT NULL,
  sta_hamil boolean,
  jenis_cacat smallint NOT NULL CHECK (jenis_cacat IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
  penyakit_kronis smallint NOT NULL CHECK (penyakit_kronis IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)),
  partisipasi_sekolah smallint NOT NULL CHECK (partisipasi_sekolah IN (0, 1, 2)),
  pendidikan_tertinggi smallint CHECK (pendidikan_tertinggi IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
  kelas_tertinggi smallint CHECK (kelas_tertinggi IN (1, 2, 3, 4, 5, 6, 7, 8)),
  ijazah_tertinggi smallint NOT NULL CHECK (ijazah_tertinggi IN (0, 1, 2, 3, 4, 5, 6)),
  sta_bekerja boolean NOT NULL,
  lapangan_usaha smallint CHECK (lapangan_usaha IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21)),
  status_pekerjaan smallint CHECK (status_pekerjaan IN (1, 2, 3, 4, 5, 6, 7, 8)),
  sta_keberadaan_art smallint NOT NULL CHECK (sta_keberadaan_art IN (1, 2, 3, 4, 5, 6)),
  nama_ibu_kandung varchar(100),
  ada_kks boolean NOT NULL DEFAULT false,
  ada_pbi boolean NOT NULL DEFAULT false,
  ada_kip boolean NOT NULL DEFAULT false,
  ada_pkh boolean NOT NULL DEFAULT false,
  idbdt char(16) COLLATE "C" NOT NULL REFERENCES households(idbdt),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (idartbdt)
);

CREATE INDEX members_idbdt_idx ON members (idbdt);
CREATE INDEX members_nik_idx ON members (nik);
CREATE INDEX members_no_kk_idx ON members (no_kk);
CREATE INDEX members_nama_idx ON members (lower(nama) text_pattern_ops);

-- Every applied change of a record, field by field. `source` says where the change came from
-- (e.g. 'package:<uuid>', 'relocation', 'baseline'); `reason` is the reviewer's or actor's text.
CREATE TABLE household_history (
  id bigserial PRIMARY KEY,
  idbdt char(16) COLLATE "C" NOT NULL REFERENCES households(idbdt),
  idartbdt char(18) COLLATE "C" REFERENCES members(idartbdt),
  field varchar(64) NOT NULL,
  old_value text,
  new_value text,
  version integer NOT NULL CHECK (version >= 1),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by bigint,
  source varchar(200) NOT NULL,
  reason text
);
CREATE INDEX household_history_idbdt_idx ON household_history (idbdt, id);
