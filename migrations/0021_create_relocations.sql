-- Pemindahan Rumah Tangga (issue 11, F12): moves of a household (all its members) to another
-- kecamatan/desa of its district, and hand-overs to another district in two steps.
--
-- Ownership is households.kode_wilayah and nothing else: a household belongs to exactly one
-- district at every instant by construction. A hand-over does not move it: the household stays in
-- the origin, marked by its open relocation row (status MENUNGGU) until the destination accepts;
-- acceptance moves kode_wilayah to the destination's desa and closes the row in one transaction.
-- Declining or cancelling closes the row and the household was never anywhere else.
--
-- kab_kota is the origin district and comes first in every key (as in migration 0016), so a
-- distribution by district keeps a district's moves together; to_kab names the destination.

CREATE TABLE relocations (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (kab_kota ~ '^[0-9]{4}$'),
  id bigserial,
  idbdt char(16) COLLATE "C" NOT NULL REFERENCES households(idbdt),
  -- WITHIN: to another kecamatan/desa of the district (done at once); HANDOVER: to another district.
  kind varchar(8) NOT NULL CHECK (kind IN ('WITHIN', 'HANDOVER')),
  -- WITHIN is SELESAI at once; a HANDOVER is MENUNGGU until DITERIMA, DITOLAK or DIBATALKAN.
  status varchar(10) NOT NULL CHECK (status IN ('SELESAI', 'MENUNGGU', 'DITERIMA', 'DITOLAK', 'DIBATALKAN')),
  from_kode_wilayah varchar(10) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (left(from_kode_wilayah, 4) = kab_kota),
  to_kab varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (to_kab ~ '^[0-9]{4}$'),
  -- The desa it moved into: known at once for WITHIN, on acceptance for a HANDOVER.
  to_kode_wilayah varchar(10) COLLATE "C" REFERENCES regions(code) CHECK (to_kode_wilayah IS NULL OR left(to_kode_wilayah, 4) = to_kab),
  reason varchar(500) NOT NULL CHECK (length(trim(reason)) > 0),
  -- What the destination sees while it waits (a summary only): the head's initials, the member
  -- count and the origin desa's name, taken at release.
  summary jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(summary) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  decided_at timestamptz,
  decided_by bigint REFERENCES users(id) ON DELETE SET NULL,
  decision_reason varchar(500),
  PRIMARY KEY (kab_kota, id),
  CHECK ((kind = 'WITHIN') = (to_kab = kab_kota)),
  CHECK ((kind = 'WITHIN') = (status = 'SELESAI')),
  CHECK ((status IN ('SELESAI', 'DITERIMA')) = (to_kode_wilayah IS NOT NULL)),
  CHECK ((status IN ('SELESAI', 'MENUNGGU')) = (decided_at IS NULL)),
  CHECK (status <> 'DITOLAK' OR length(trim(decision_reason)) > 0)
);
-- At most one open hand-over per household (a second release, also under concurrent requests, is refused).
CREATE UNIQUE INDEX relocations_open_key ON relocations (kab_kota, idbdt) WHERE status = 'MENUNGGU';
-- "Is it in hand-over?" for the importers and decisions, set-based by idbdt.
CREATE INDEX relocations_open_idbdt_idx ON relocations (idbdt) WHERE status = 'MENUNGGU';
-- The lists: moves out of a district, moves into a district (and its waiting list), a household's moves, the path id.
CREATE INDEX relocations_out_idx ON relocations (kab_kota, created_at DESC, id);
CREATE INDEX relocations_in_idx ON relocations (to_kab, status, created_at DESC, id);
CREATE INDEX relocations_idbdt_idx ON relocations (idbdt, id);
CREATE INDEX relocations_id_idx ON relocations (id);

-- A hand-over's log entry names both districts (region_code: the origin; details.peerRegion: the
-- destination) so that both scopes read it in Logs History.
CREATE INDEX audit_log_peer_region_idx ON audit_log ((details ->> 'peerRegion') COLLATE "C", id DESC) WHERE details ? 'peerRegion';
