-- Verval periods (C2), MoU submissions (F5, C3) and district releases (F5, .siksdb downloads).

-- A period is `YYYY-MM` (e.g. 2019-01 for "BDT Januari 2019"), set by an SK Mensos.
-- At most one period is open for verval at a time (the partial unique index).
CREATE TABLE periods (
  code char(7) PRIMARY KEY CHECK (code ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  name varchar(100) NOT NULL,
  sk_number varchar(100),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  status varchar(6) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  opened_by bigint REFERENCES users(id) ON DELETE SET NULL,
  closed_at timestamptz,
  closed_by bigint REFERENCES users(id) ON DELETE SET NULL,
  CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX periods_one_open_idx ON periods (status) WHERE status = 'OPEN';

-- Every upload of the MoU and Surat Permohonan scans; a district's state is its latest row.
-- A returned submission carries the reviewer's message; a new upload starts a new row.
CREATE TABLE mou_submissions (
  id bigserial PRIMARY KEY,
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code),
  mou_image_id bigint NOT NULL REFERENCES images(id),
  permohonan_image_id bigint NOT NULL REFERENCES images(id),
  status varchar(8) NOT NULL DEFAULT 'WAITING' CHECK (status IN ('WAITING', 'RETURNED', 'APPROVED')),
  message varchar(1000),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  submitted_by bigint REFERENCES users(id) ON DELETE SET NULL,
  reviewed_at timestamptz,
  reviewed_by bigint REFERENCES users(id) ON DELETE SET NULL,
  CHECK (status <> 'RETURNED' OR length(trim(message)) > 0),
  CHECK ((status = 'WAITING') = (reviewed_at IS NULL))
);
CREATE INDEX mou_submissions_kab_idx ON mou_submissions (kab_kota, id DESC);
CREATE INDEX mou_submissions_waiting_idx ON mou_submissions (submitted_at) WHERE status = 'WAITING';

-- Each download of a district database. `package_key` (base64, 32 bytes) is the key that
-- packages made from this release are sealed with (HKDF per package), so the importer can open
-- them; it is never shown to users.
CREATE TABLE releases (
  id uuid PRIMARY KEY,
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code),
  period char(7) NOT NULL REFERENCES periods(code),
  package_key text NOT NULL CHECK (length(package_key) = 44),
  counts jsonb NOT NULL,
  finalization jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX releases_kab_idx ON releases (kab_kota, created_at DESC);
