-- Documents Pusdatin publishes on Beranda (C2, F3) and the programme quotas of each district (C4).

-- The bytes live in the database (bytea), not on one server's disk, so that several server
-- processes behind a load balancer serve the same files. The type is the one detected from the
-- content at upload (never the browser's claim); the size cap matches the upload limit.
CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  title varchar(200) NOT NULL CHECK (length(btrim(title)) > 0),
  filename varchar(120) NOT NULL CHECK (filename ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
  content_type varchar(80) NOT NULL CHECK (content_type IN (
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'image/jpeg',
    'image/png'
  )),
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 20971520),
  sha256 char(64) NOT NULL,
  content bytea NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  -- true: every district sees it; false: only the districts in document_regions.
  visible_to_all boolean NOT NULL DEFAULT true,
  uploaded_by bigint REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_order_idx ON documents (sort_order, id);

-- The kabupaten/kota a restricted document is shown to (4-digit codes: level kabkota).
CREATE TABLE document_regions (
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  region_code varchar(10) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (length(region_code) = 4),
  PRIMARY KEY (document_id, region_code)
);
CREATE INDEX document_regions_region_idx ON document_regions (region_code, document_id);

-- Quota per district and programme, set by Ditjen PFM. No row: no quota set.
CREATE TABLE district_quotas (
  kab varchar(10) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (length(kab) = 4),
  program varchar(10) NOT NULL CHECK (program IN ('BPNT', 'RASTRA', 'PBI')),
  quota integer NOT NULL CHECK (quota >= 0),
  updated_by bigint REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kab, program)
);

-- Per-district programme settings: the BPNT expansion stage (Tahap), free text such as "2" or
-- "Perluasan Tahap III"; null when the district has none.
CREATE TABLE district_programs (
  kab varchar(10) COLLATE "C" PRIMARY KEY REFERENCES regions(code) CHECK (length(kab) = 4),
  tahap_bpnt varchar(50) CHECK (tahap_bpnt IS NULL OR length(btrim(tahap_bpnt)) > 0),
  updated_by bigint REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
