-- Import Data (F6) and Verifikasi Usulan (F7): uploaded packages as background jobs, and the
-- proposals they carry. siks-format.md section 4 is normative.

-- One uploaded .siks file and its job. Jobs are claimed with FOR UPDATE SKIP LOCKED, so several
-- server processes share the work; a RUNNING job whose heartbeat stopped is claimed again.
CREATE TABLE imports (
  id uuid PRIMARY KEY,
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code),
  file_name varchar(255) NOT NULL,
  file_size bigint NOT NULL CHECK (file_size >= 0),
  file_sha256 char(64) NOT NULL,
  uploaded_by bigint REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  status varchar(16) NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'ALREADY_IMPORTED')),
  progress real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  -- False while the bytes are still arriving: a job is claimed only once its upload is complete.
  upload_complete boolean NOT NULL DEFAULT false,
  attempts integer NOT NULL DEFAULT 0,
  heartbeat_at timestamptz,
  -- From the package header, once it has been read.
  package_id uuid,
  release_id uuid,
  module varchar(3),
  period char(7),
  operator_username varchar(64),
  operator_name varchar(100),
  -- Results.
  counts jsonb,
  reason_code varchar(40),
  reason_id text,
  reason_en text,
  first_import_id uuid REFERENCES imports(id),
  finished_at timestamptz,
  CHECK (status <> 'REFUSED' OR reason_id IS NOT NULL),
  CHECK (status <> 'ALREADY_IMPORTED' OR first_import_id IS NOT NULL)
);
-- A package is imported once: the second upload of it answers with the first import.
CREATE UNIQUE INDEX imports_package_done_idx ON imports (package_id) WHERE status = 'DONE';
CREATE INDEX imports_queue_idx ON imports (uploaded_at) WHERE status IN ('QUEUED', 'RUNNING') AND upload_complete;
CREATE INDEX imports_kab_idx ON imports (kab_kota, uploaded_at DESC);

-- The uploaded bytes, in 1 MiB pieces, until the job has read them (deleted afterwards and on
-- refusal). In the database so that any server process can run the job.
CREATE TABLE import_uploads (
  import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- Proposals (usulan). `id` is the operator's proposalId: the idempotency key of section 3.2.
CREATE TABLE proposals (
  id uuid PRIMARY KEY,
  import_id uuid NOT NULL REFERENCES imports(id),
  package_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no >= 1),
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code),
  -- Where the household is (PERBAIKAN) or will be (USULAN_BARU): the region scope of the proposal.
  kode_wilayah varchar(10) COLLATE "C" NOT NULL,
  module varchar(3) NOT NULL DEFAULT 'BDT' CHECK (module IN ('BDT', 'BSP', 'PBI')),
  type varchar(12) NOT NULL CHECK (type IN ('PERBAIKAN', 'USULAN_BARU')),
  idbdt char(16) COLLATE "C",
  base_version integer,
  verval_result smallint CHECK (verval_result BETWEEN 1 AND 6),
  duplicate_of char(16) COLLATE "C",
  merge_into char(16) COLLATE "C",
  visited_at date,
  musdes_at date,
  -- The proposal as received (household, members, media, note…).
  body jsonb NOT NULL,
  operator_username varchar(64),
  status varchar(16) NOT NULL CHECK (status IN ('MENUNGGU', 'DISETUJUI', 'SEBAGIAN', 'DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI')),
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  has_warning boolean NOT NULL DEFAULT false,
  conflict boolean NOT NULL DEFAULT false,
  -- For a conflict: what changed in the registry since baseVersion ({ fields, members }).
  conflict_changes jsonb,
  proposal_created_at timestamptz NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by bigint REFERENCES users(id) ON DELETE SET NULL,
  decision_reason text,
  accepted_fields jsonb,
  rejected_fields jsonb,
  -- Ids given on approval of an usulan baru: { idbdt, members: { tempId: idartbdt } }.
  assigned jsonb,
  finalisation_id bigint,
  CHECK ((type = 'PERBAIKAN') = (idbdt IS NOT NULL)),
  CHECK (status NOT IN ('DITOLAK', 'PERLU_PERBAIKAN') OR length(trim(decision_reason)) > 0)
);
CREATE INDEX proposals_scope_idx ON proposals (kab_kota, status, kode_wilayah);
CREATE INDEX proposals_import_idx ON proposals (import_id, line_no);
CREATE INDEX proposals_idbdt_idx ON proposals (idbdt, status);

-- The proposals of an import before it is published: the job fills this in batches; one short
-- final transaction moves them into `proposals` (so a crash leaves none of them visible) and
-- records the duplicates.
CREATE TABLE import_staging (
  import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  proposal_id uuid NOT NULL,
  duplicate boolean NOT NULL,
  -- The `proposals` row to publish (null for a duplicate).
  row jsonb,
  PRIMARY KEY (import_id, line_no)
);

-- Lines whose proposalId was already known (section 3.2): reported in feedback, never stored as proposals.
CREATE TABLE import_duplicates (
  import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  proposal_id uuid NOT NULL,
  PRIMARY KEY (import_id, line_no)
);

-- Photos of proposals, addressed by their SHA-256 (checked by the codec).
CREATE TABLE proposal_media (
  sha256 char(64) PRIMARY KEY,
  content_type varchar(10) NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  data bytea NOT NULL
);
