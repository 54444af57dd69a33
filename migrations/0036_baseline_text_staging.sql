-- Baseline staging (issue 11, C2): one text column per dictionary field instead of one jsonb
-- document per row. COPY writes each cell as read (numbers, booleans and decimals in their canonical
-- form, a value of the wrong form as read, for the checks to name), the SQL sieve reads plain columns
-- instead of taking ~90 fields out of jsonb per row, and the publish casts each column to its type
-- (INSERT … SELECT) instead of jsonb_populate_record. Column f_<field> holds dictionary field <field>;
-- the key columns (idbdt, kode_wilayah, idartbdt: capped in length, for the indexes and set-based
-- checks) stay as they were. field_errors marks a row whose own field checks found an error (the
-- validator words the report); unreadable names the fields whose text could not be read (already
-- in the report). The dictionary's fields are listed here as the registry tables list them.
--
-- Staged rows of unpublished loads are JSON and cannot be carried over: those loads end FAILED
-- (their error reports stay) and are loaded again.
UPDATE baseline_loads
  SET status = 'FAILED', phase = 'DONE', finished_at = now(),
      failure = 'Format staging berubah (migrasi 0036): muat ulang berkas. / The staging format changed (migration 0036): load the files again.'
  WHERE status IN ('CHECKING', 'READY', 'INVALID');
DELETE FROM baseline_derived;
DELETE FROM baseline_households;
DELETE FROM baseline_members;

ALTER TABLE baseline_households
  DROP COLUMN data,
  ADD COLUMN field_errors boolean NOT NULL DEFAULT false,
  ADD COLUMN unreadable text[],
  ADD COLUMN f_idbdt text,
  ADD COLUMN f_kode_wilayah text,
  ADD COLUMN f_alamat text,
  ADD COLUMN f_nama_sls text,
  ADD COLUMN f_sta_bangunan text,
  ADD COLUMN f_sta_lahan text,
  ADD COLUMN f_luas_lantai text,
  ADD COLUMN f_lantai text,
  ADD COLUMN f_dinding text,
  ADD COLUMN f_kondisi_dinding text,
  ADD COLUMN f_atap text,
  ADD COLUMN f_kondisi_atap text,
  ADD COLUMN f_jumlah_kamar text,
  ADD COLUMN f_sumber_airminum text,
  ADD COLUMN f_nomor_meter_air text,
  ADD COLUMN f_cara_peroleh_airminum text,
  ADD COLUMN f_sumber_penerangan text,
  ADD COLUMN f_daya text,
  ADD COLUMN f_nomor_pln text,
  ADD COLUMN f_bb_masak text,
  ADD COLUMN f_nomor_gas text,
  ADD COLUMN f_fasbab text,
  ADD COLUMN f_kloset text,
  ADD COLUMN f_buang_tinja text,
  ADD COLUMN f_ada_tabung_gas text,
  ADD COLUMN f_ada_lemari_es text,
  ADD COLUMN f_ada_ac text,
  ADD COLUMN f_ada_pemanas text,
  ADD COLUMN f_ada_telepon text,
  ADD COLUMN f_ada_tv text,
  ADD COLUMN f_ada_emas text,
  ADD COLUMN f_ada_laptop text,
  ADD COLUMN f_ada_sepeda text,
  ADD COLUMN f_ada_motor text,
  ADD COLUMN f_ada_mobil text,
  ADD COLUMN f_ada_perahu text,
  ADD COLUMN f_ada_motor_tempel text,
  ADD COLUMN f_ada_perahu_motor text,
  ADD COLUMN f_ada_kapal text,
  ADD COLUMN f_aset_tak_bergerak text,
  ADD COLUMN f_luas_atb text,
  ADD COLUMN f_rumah_lain text,
  ADD COLUMN f_jumlah_sapi text,
  ADD COLUMN f_jumlah_kerbau text,
  ADD COLUMN f_jumlah_kuda text,
  ADD COLUMN f_jumlah_babi text,
  ADD COLUMN f_jumlah_kambing text,
  ADD COLUMN f_sta_art_usaha text,
  ADD COLUMN f_sta_kks text,
  ADD COLUMN f_sta_kip text,
  ADD COLUMN f_sta_kis text,
  ADD COLUMN f_sta_bpjs_mandiri text,
  ADD COLUMN f_sta_jamsostek text,
  ADD COLUMN f_sta_asuransi text,
  ADD COLUMN f_sta_pkh text,
  ADD COLUMN f_sta_rastra text,
  ADD COLUMN f_sta_kur text,
  ADD COLUMN f_persentil text,
  ADD COLUMN f_lat text,
  ADD COLUMN f_lng text;

ALTER TABLE baseline_members
  DROP COLUMN data,
  ADD COLUMN field_errors boolean NOT NULL DEFAULT false,
  ADD COLUMN unreadable text[],
  ADD COLUMN f_idartbdt text,
  ADD COLUMN f_nik text,
  ADD COLUMN f_no_kk text,
  ADD COLUMN f_nuk text,
  ADD COLUMN f_nama text,
  ADD COLUMN f_hub_krt text,
  ADD COLUMN f_hubkel text,
  ADD COLUMN f_jenis_kelamin text,
  ADD COLUMN f_tempat_lahir text,
  ADD COLUMN f_tanggal_lahir text,
  ADD COLUMN f_sta_kawin text,
  ADD COLUMN f_ada_akta_nikah text,
  ADD COLUMN f_ada_dikk text,
  ADD COLUMN f_sta_hamil text,
  ADD COLUMN f_jenis_cacat text,
  ADD COLUMN f_penyakit_kronis text,
  ADD COLUMN f_partisipasi_sekolah text,
  ADD COLUMN f_pendidikan_tertinggi text,
  ADD COLUMN f_kelas_tertinggi text,
  ADD COLUMN f_ijazah_tertinggi text,
  ADD COLUMN f_sta_bekerja text,
  ADD COLUMN f_lapangan_usaha text,
  ADD COLUMN f_status_pekerjaan text,
  ADD COLUMN f_sta_keberadaan_art text,
  ADD COLUMN f_nama_ibu_kandung text,
  ADD COLUMN f_ada_kks text,
  ADD COLUMN f_ada_pbi text,
  ADD COLUMN f_ada_kip text,
  ADD COLUMN f_ada_pkh text;
