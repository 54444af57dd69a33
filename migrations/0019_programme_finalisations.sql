-- Finalisasi BSP and PBI (issue 10, F10/F11 "finalisation and a letter as in F8"). A programme
-- finalisation is a `finalisations` row with module BSP or PBI (numbered per module, 0017): its
-- decided proposals are frozen by the trigger of 0010 like BDT ones, its recap is the list
-- changes per kecamatan with the quota as it was, and its letter is the Berita Acara Daftar KPM
-- Perubahan (BSP) or Daftar Peserta PBI-JK Perubahan (PBI).
--
-- What BDT freezes in finalisation_households, a programme finalisation freezes here: one row per
-- list membership an approved proposal of the finalisation changed, as it was at finalisation
-- (the finalised list download and the data hash read these, so they never change when the list
-- moves on). A BSP_GANTI gives two rows (DIGANTI: the KPM replaced, MASUK: its replacement);
-- BSP_NONAKTIF and PBI_NONAKTIF one KELUAR row; BSP_UBAH one UBAH row; PBI_USUL one MASUK row.
-- `status_before` is the status the proposal required (AKTIF for a member leaving or changing;
-- null for one entering: not an AKTIF member), `status_after` the membership's status at
-- finalisation (null when the list has no row). The snapshot keeps the data whole; downloads mask
-- it for roles without personal:unmasked. kab_kota leads the key, as in the programme lists (0016).
CREATE TABLE finalisation_memberships (
  kab_kota varchar(4) COLLATE "C" NOT NULL CHECK (kab_kota ~ '^[0-9]{4}$'),
  finalisation_id bigint NOT NULL REFERENCES finalisations(id) DEFERRABLE INITIALLY DEFERRED,
  proposal_id uuid NOT NULL REFERENCES proposals(id),
  change varchar(7) NOT NULL CHECK (change IN ('MASUK', 'KELUAR', 'DIGANTI', 'UBAH')),
  program varchar(10) NOT NULL CHECK (program IN ('BPNT', 'RASTRA', 'PBI')),
  idbdt char(16) COLLATE "C" NOT NULL,
  -- PBI: the participant; BSP: null.
  idartbdt char(18) COLLATE "C",
  kode_wilayah varchar(10) COLLATE "C" NOT NULL,
  status_before varchar(8) CHECK (status_before IN ('AKTIF', 'NONAKTIF')),
  status_after varchar(8) CHECK (status_after IN ('AKTIF', 'NONAKTIF')),
  -- The proposal's reason (1 meninggal … 6 menolak), null for UBAH and PBI_USUL.
  reason smallint CHECK (reason BETWEEN 1 AND 6),
  -- The membership row at finalisation (no timestamps; null when none) and the names it is read
  -- with: { membership, nama_krt, alamat, nama_pengurus (BSP), nama, nik (PBI: the participant) }.
  record jsonb NOT NULL,
  PRIMARY KEY (kab_kota, finalisation_id, proposal_id, change),
  CHECK ((program = 'PBI') = (idartbdt IS NOT NULL)),
  CHECK (idartbdt IS NULL OR left(idartbdt, 16) = idbdt)
);
CREATE INDEX finalisation_memberships_proposal_idx ON finalisation_memberships (proposal_id);

CREATE TRIGGER finalisation_memberships_immutable BEFORE UPDATE OR DELETE ON finalisation_memberships
  FOR EACH ROW EXECUTE FUNCTION raise_immutable();
CREATE TRIGGER finalisation_memberships_no_truncate BEFORE TRUNCATE ON finalisation_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION raise_immutable();
