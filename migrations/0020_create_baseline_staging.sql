-- Baseline load (C2): Pusdatin loads a district's baseline registry for a period from CSV or xlsx.
-- Rows are COPYed into staging as they are read, checked against the dictionary, and published
-- into households/members in one transaction only when the user confirms. As in 0016 and 0018,
-- kab_kota comes first in every key, so a distribution by district keeps a load together.
--
-- Status: CHECKING (reading and checking; progress and heartbeat_at move) → READY (no error) or
-- INVALID (errors in baseline_errors) → PUBLISHED; any unpublished load may be DISCARDED; a load
-- whose run threw ends FAILED. Staging rows are deleted when a load is published or discarded.

CREATE TABLE baseline_loads (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (kab_kota ~ '^[0-9]{4}$'),
  id uuid NOT NULL,
  period char(7) NOT NULL REFERENCES periods(code),
  status varchar(9) NOT NULL DEFAULT 'CHECKING' CHECK (status IN ('CHECKING', 'READY', 'INVALID', 'PUBLISHED', 'DISCARDED', 'FAILED')),
  -- READING while rows arrive, CHECKING while the dictionary checks run; progress (0–1) is of the checks.
  phase varchar(8) NOT NULL DEFAULT 'READING' CHECK (phase IN ('READING', 'CHECKING', 'DONE')),
  progress real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  file_names varchar(1000) NOT NULL DEFAULT '',
  households integer NOT NULL DEFAULT 0,
  members integer NOT NULL DEFAULT 0,
  error_count integer NOT NULL DEFAULT 0,
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  published_at timestamptz,
  published_by bigint REFERENCES users(id) ON DELETE SET NULL,
  replaced_households integer,
  failure text,
  PRIMARY KEY (kab_kota, id),
  CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);
CREATE UNIQUE INDEX baseline_loads_id_key ON baseline_loads (id);
CREATE INDEX baseline_loads_list_idx ON baseline_loads (kab_kota, created_at DESC);
-- One load of a district is read and checked at a time.
CREATE UNIQUE INDEX baseline_loads_running_key ON baseline_loads (kab_kota) WHERE status = 'CHECKING';

-- Rows as read: the dictionary fields as JSON values (numbers, booleans, strings; wrong values kept
-- as the text read, for the checks to name), plus the keys the set-based checks need as columns.
-- row_no is the row of the file (the header is row 1).
CREATE TABLE baseline_households (
  kab_kota varchar(4) COLLATE "C" NOT NULL,
  load_id uuid NOT NULL,
  row_no integer NOT NULL,
  idbdt text COLLATE "C",
  kode_wilayah text COLLATE "C",
  data jsonb NOT NULL,
  PRIMARY KEY (kab_kota, load_id, row_no),
  FOREIGN KEY (kab_kota, load_id) REFERENCES baseline_loads (kab_kota, id)
);
CREATE INDEX baseline_households_idbdt_idx ON baseline_households (kab_kota, load_id, idbdt);

CREATE TABLE baseline_members (
  kab_kota varchar(4) COLLATE "C" NOT NULL,
  load_id uuid NOT NULL,
  row_no integer NOT NULL,
  idbdt text COLLATE "C",
  idartbdt text COLLATE "C",
  data jsonb NOT NULL,
  PRIMARY KEY (kab_kota, load_id, row_no),
  FOREIGN KEY (kab_kota, load_id) REFERENCES baseline_loads (kab_kota, id)
);
CREATE INDEX baseline_members_idbdt_idx ON baseline_members (kab_kota, load_id, idbdt);
CREATE INDEX baseline_members_idartbdt_idx ON baseline_members (kab_kota, load_id, idartbdt);

-- The derived household fields (nama_krt, jumlah_art, jumlah_keluarga), computed from the members
-- by the shared deriveHouseholdFields while the household is checked.
CREATE TABLE baseline_derived (
  kab_kota varchar(4) COLLATE "C" NOT NULL,
  load_id uuid NOT NULL,
  row_no integer NOT NULL,
  nama_krt text,
  jumlah_art integer NOT NULL,
  jumlah_keluarga integer NOT NULL,
  PRIMARY KEY (kab_kota, load_id, row_no),
  FOREIGN KEY (kab_kota, load_id) REFERENCES baseline_loads (kab_kota, id)
);

-- The error report: one row per problem, file ('households'|'members'), row, column, code, message.
CREATE TABLE baseline_errors (
  kab_kota varchar(4) COLLATE "C" NOT NULL,
  load_id uuid NOT NULL,
  id bigserial,
  sheet varchar(10) NOT NULL CHECK (sheet IN ('households', 'members')),
  row_no integer NOT NULL,
  column_name varchar(64) NOT NULL,
  code varchar(32) NOT NULL,
  message_id text NOT NULL,
  message_en text NOT NULL,
  PRIMARY KEY (kab_kota, load_id, id),
  FOREIGN KEY (kab_kota, load_id) REFERENCES baseline_loads (kab_kota, id)
);
CREATE INDEX baseline_errors_order_idx ON baseline_errors (kab_kota, load_id, sheet, row_no, id);
