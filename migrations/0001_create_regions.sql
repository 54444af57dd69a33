-- Kemendagri regions (idn-area-data 4.0.1, ODbL): codes without dots, 2/4/6/10 digits.
-- Region scope is a code prefix; the C collation lets LIKE 'prefix%' use the btree index.
CREATE TABLE regions (
  code varchar(10) COLLATE "C" PRIMARY KEY CHECK (code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$'),
  name varchar(200) NOT NULL,
  level varchar(9) NOT NULL CHECK (level IN ('provinsi', 'kabkota', 'kecamatan', 'desa')),
  parent_code varchar(10) COLLATE "C" REFERENCES regions(code),
  CHECK (length(code) = CASE level WHEN 'provinsi' THEN 2 WHEN 'kabkota' THEN 4 WHEN 'kecamatan' THEN 6 ELSE 10 END),
  CHECK ((level = 'provinsi') = (parent_code IS NULL)),
  CHECK (parent_code IS NULL OR left(code, length(parent_code)) = parent_code)
);
CREATE INDEX regions_parent_idx ON regions (parent_code, code);
