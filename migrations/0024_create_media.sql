-- Photos from the field (issue 15): the media of packages, content-addressed, and what refers to them.
--
-- media holds one copy per SHA-256 whatever the number of packages, proposals and households that
-- carry it (the codec has checked the hash and the JPEG/PNG signature). It replaces the blob table
-- proposal_media of migration 0009, which no proposal ever pointed to; its bytes move here.
CREATE TABLE media (
  sha256 char(64) COLLATE "C" PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_type varchar(10) NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  bytes bytea NOT NULL,
  size integer NOT NULL CHECK (size > 0 AND size <= 2097152),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO media (sha256, content_type, bytes, size)
  SELECT sha256, content_type, data, length(data) FROM proposal_media WHERE length(data) BETWEEN 1 AND 2097152;
DROP TABLE proposal_media;

-- The photos a published proposal carries (its `media`, siks-format.md 3.2), written in the
-- transaction that publishes the import. kab_kota first in the key like every district-owned table.
CREATE TABLE proposal_media (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code),
  proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  sha256 char(64) COLLATE "C" NOT NULL REFERENCES media(sha256),
  tag varchar(12) NOT NULL CHECK (tag IN ('foto_rumah', 'foto_ktp', 'foto_kk', 'foto_lainnya')),
  PRIMARY KEY (kab_kota, proposal_id, sha256, tag)
);
-- Who may see a photo: the proposals that carry it.
CREATE INDEX proposal_media_sha256_idx ON proposal_media (sha256);

-- The photos kept with a household: those of its approved (fully or partly) proposals, added in
-- the decision's transaction. The household page shows them newest first.
CREATE TABLE household_media (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code),
  idbdt char(16) COLLATE "C" NOT NULL REFERENCES households(idbdt) ON DELETE CASCADE,
  sha256 char(64) COLLATE "C" NOT NULL REFERENCES media(sha256),
  tag varchar(12) NOT NULL CHECK (tag IN ('foto_rumah', 'foto_ktp', 'foto_kk', 'foto_lainnya')),
  proposal_id uuid NOT NULL REFERENCES proposals(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kab_kota, idbdt, sha256, tag)
);
CREATE INDEX household_media_sha256_idx ON household_media (sha256);
CREATE INDEX household_media_idbdt_idx ON household_media (idbdt, added_at DESC);
