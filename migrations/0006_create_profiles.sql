-- Profil (F4), module `profiles`: the district profile (Profil Instansi and Profil Pengesahan,
-- what the Surat Pengesahan of F8 is generated from), the user profile (Profil Pengguna), and
-- the images they show. Images live in the database, not on a disk, so that several server
-- processes behind a load balancer serve the same bytes.

-- Only images that passed the upload checks and were re-encoded by the server (PNG or JPEG,
-- at most 4000×4000 pixels, no metadata): nothing but an image is ever served back.
CREATE TABLE images (
  id bigserial PRIMARY KEY,
  content_type varchar(10) NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  width integer NOT NULL CHECK (width BETWEEN 1 AND 4000),
  height integer NOT NULL CHECK (height BETWEEN 1 AND 4000),
  byte_size integer NOT NULL CHECK (byte_size > 0 AND byte_size = octet_length(data)),
  sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  data bytea NOT NULL,
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per kabupaten/kota, created on its first save. Phone numbers are stored normalised
-- (+62…), NIPs as 18 digits. When pengesah_sama_dengan_kepala_dinas is true the letter is signed
-- by the Kepala Dinas and nama_pengesah/nip_pengesah are null.
CREATE TABLE district_profiles (
  kab_code varchar(4) COLLATE "C" PRIMARY KEY REFERENCES regions(code) CHECK (kab_code ~ '^[0-9]{4}$'),
  nama_instansi varchar(150),
  alamat varchar(300),
  nomor_telepon varchar(16) CHECK (nomor_telepon ~ '^\+62[1-9][0-9]{7,12}$'),
  nama_kepala_dinas varchar(100),
  nip_kepala_dinas char(18) CHECK (nip_kepala_dinas ~ '^[0-9]{18}$'),
  nama_bupati varchar(100),
  pengesah_sama_dengan_kepala_dinas boolean NOT NULL DEFAULT true,
  nama_pengesah varchar(100),
  nip_pengesah char(18) CHECK (nip_pengesah ~ '^[0-9]{18}$'),
  logo_image_id bigint UNIQUE REFERENCES images(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES users(id) ON DELETE SET NULL
);

-- Profil Pengguna beside the account; the name itself is users.name (shown in the header).
CREATE TABLE user_profiles (
  user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  nomor_hp varchar(16) CHECK (nomor_hp ~ '^\+62[1-9][0-9]{7,12}$'),
  email varchar(254),
  photo_image_id bigint UNIQUE REFERENCES images(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
