-- Issue 18: a schema Citus can distribute by district (docs/adr/0015-distribution-by-district.md).
-- src/server/platform/distribution.ts classifies every table; test/db/distribution.db.test.ts
-- enforces the rules below on the migrated database:
--
-- * every district-owned table carries kab_kota (varchar(4) COLLATE "C", NOT NULL), first in its
--   primary key and inside every unique constraint and unique index: ids stay unique per district
--   (UUIDs and Kemendagri-prefixed idbdt/idartbdt keep them unique in practice);
-- * a foreign key between district tables carries kab_kota on both sides; keys to reference tables
--   (regions, users, periods, images) stay; no reference table points at a district table.
--
-- Where a single-column key was looked up without its district (a proposal, an import or a
-- finalisation by id, a household by idbdt, the public letter check by public_id), a plain index on
-- the old key keeps that lookup an index scan; on Citus such a query goes to every shard.
--
-- Foreign keys that a hand-over (relocations) would break are dropped rather than made composite:
-- the origin keeps its relocation row, its ended KPM/PBI memberships and its PKH nominations of a
-- household that now lives in another district (delete and insert: Citus cannot update a
-- distribution column), so those rows name a household or member of another shard.

-- 1. Foreign keys on the old single-column keys go first (they depend on the keys being replaced).
ALTER TABLE members DROP CONSTRAINT members_idbdt_fkey;
ALTER TABLE household_history DROP CONSTRAINT household_history_idbdt_fkey;
ALTER TABLE household_history DROP CONSTRAINT household_history_idartbdt_fkey;
ALTER TABLE household_locations DROP CONSTRAINT household_locations_idbdt_fkey;
ALTER TABLE household_media DROP CONSTRAINT household_media_idbdt_fkey;
-- The household's photos follow it to another district; the proposal that brought a photo stays in
-- the district that decided it, so proposal_id remains a plain reference (no key).
ALTER TABLE household_media DROP CONSTRAINT household_media_proposal_id_fkey;
ALTER TABLE household_media DROP CONSTRAINT household_media_sha256_fkey;
ALTER TABLE proposal_media DROP CONSTRAINT proposal_media_proposal_id_fkey;
ALTER TABLE proposal_media DROP CONSTRAINT proposal_media_sha256_fkey;
ALTER TABLE kpm_memberships DROP CONSTRAINT kpm_memberships_idbdt_fkey;
ALTER TABLE kpm_memberships DROP CONSTRAINT kpm_memberships_id_pengurus_fkey;
ALTER TABLE pbi_participants DROP CONSTRAINT pbi_participants_idartbdt_fkey;
ALTER TABLE pkh_nominations DROP CONSTRAINT pkh_nominations_idbdt_fkey;
ALTER TABLE relocations DROP CONSTRAINT relocations_idbdt_fkey;
ALTER TABLE imports DROP CONSTRAINT imports_first_import_id_fkey;
ALTER TABLE import_uploads DROP CONSTRAINT import_uploads_import_id_fkey;
ALTER TABLE import_staging DROP CONSTRAINT import_staging_import_id_fkey;
ALTER TABLE import_duplicates DROP CONSTRAINT import_duplicates_import_id_fkey;
ALTER TABLE proposals DROP CONSTRAINT proposals_import_id_fkey;
ALTER TABLE proposals DROP CONSTRAINT proposals_finalisation_fk;
ALTER TABLE finalisation_households DROP CONSTRAINT finalisation_households_finalisation_id_fkey;
ALTER TABLE finalisation_memberships DROP CONSTRAINT finalisation_memberships_finalisation_id_fkey;
ALTER TABLE finalisation_memberships DROP CONSTRAINT finalisation_memberships_proposal_id_fkey;
-- A log checkpoint (audit, national or per district) may not point into a district table by a key
-- that ignores the district; migration 0028 (the per-district chains) owns what replaces it.
ALTER TABLE audit_checkpoints DROP CONSTRAINT audit_checkpoints_finalisation_id_fkey;

-- 2. kab_kota on the tables that lacked it, filled from the data: a household from its desa, a
-- member and a history row from their household, an import's rows from the import, a finalised
-- household from its finalisation.
ALTER TABLE households ADD COLUMN kab_kota varchar(4) COLLATE "C";
UPDATE households SET kab_kota = left(kode_wilayah, 4);
ALTER TABLE households ALTER COLUMN kab_kota SET NOT NULL;
ALTER TABLE households ADD CONSTRAINT households_kab_kota_check CHECK (kab_kota = left(kode_wilayah, 4));

ALTER TABLE members ADD COLUMN kab_kota varchar(4) COLLATE "C";
UPDATE members m SET kab_kota = h.kab_kota FROM households h WHERE h.idbdt = m.idbdt;
ALTER TABLE members ALTER COLUMN kab_kota SET NOT NULL;

ALTER TABLE household_history ADD COLUMN kab_kota varchar(4) COLLATE "C";
UPDATE household_history x SET kab_kota = h.kab_kota FROM households h WHERE h.idbdt = x.idbdt;
ALTER TABLE household_history ALTER COLUMN kab_kota SET NOT NULL;

ALTER TABLE import_uploads ADD COLUMN kab_kota varchar(4) COLLATE "C";
UPDATE import_uploads x SET kab_kota = i.kab_kota FROM imports i WHERE i.id = x.import_id;
ALTER TABLE import_uploads ALTER COLUMN kab_kota SET NOT NULL;

ALTER TABLE import_staging ADD COLUMN kab_kota varchar(4) COLLATE "C";
UPDATE import_staging x SET kab_kota = i.kab_kota FROM imports i WHERE i.id = x.import_id;
ALTER TABLE import_staging ALTER COLUMN kab_kota SET NOT NULL;

ALTER TABLE import_duplicates ADD COLUMN kab_kota varchar(4) COLLATE "C";
UPDATE import_duplicates x SET kab_kota = i.kab_kota FROM imports i WHERE i.id = x.import_id;
ALTER TABLE import_duplicates ALTER COLUMN kab_kota SET NOT NULL;

-- finalisation_households is immutable (migration 0010): the trigger is lifted for this one fill.
ALTER TABLE finalisation_households ADD COLUMN kab_kota varchar(4) COLLATE "C";
ALTER TABLE finalisation_households DISABLE TRIGGER finalisation_households_immutable;
UPDATE finalisation_households x SET kab_kota = f.kab_kota FROM finalisations f WHERE f.id = x.finalisation_id;
ALTER TABLE finalisation_households ENABLE TRIGGER finalisation_households_immutable;
ALTER TABLE finalisation_households ALTER COLUMN kab_kota SET NOT NULL;

-- A household's points and kept photos belong to the district that holds the household now (a
-- hand-over before this migration moved kode_wilayah only).
UPDATE household_locations x SET kab_kota = h.kab_kota FROM households h WHERE h.idbdt = x.idbdt AND x.kab_kota <> h.kab_kota;
UPDATE household_media x SET kab_kota = h.kab_kota FROM households h WHERE h.idbdt = x.idbdt AND x.kab_kota <> h.kab_kota;

-- Photos: one copy per district and hash (a photo carried in two districts is kept in each). A
-- stored photo that nothing refers to could never be served (getMedia needs a reference in scope)
-- and has no district: it is not kept.
ALTER TABLE media DROP CONSTRAINT media_pkey;
ALTER TABLE media ADD COLUMN kab_kota varchar(4) COLLATE "C";
INSERT INTO media (kab_kota, sha256, content_type, bytes, size, created_at)
  SELECT r.kab_kota, m.sha256, m.content_type, m.bytes, m.size, m.created_at
  FROM media m
  JOIN (SELECT kab_kota, sha256 FROM proposal_media UNION SELECT kab_kota, sha256 FROM household_media) r ON r.sha256 = m.sha256
  WHERE m.kab_kota IS NULL;
DELETE FROM media WHERE kab_kota IS NULL;
ALTER TABLE media ALTER COLUMN kab_kota SET NOT NULL;
ALTER TABLE media ADD CONSTRAINT media_kab_kota_fkey FOREIGN KEY (kab_kota) REFERENCES regions(code);

-- 3. Primary keys and unique keys with kab_kota first.
ALTER TABLE households DROP CONSTRAINT households_pkey, ADD PRIMARY KEY (kab_kota, idbdt);
CREATE INDEX households_idbdt_idx ON households (idbdt);
ALTER TABLE members DROP CONSTRAINT members_pkey, ADD PRIMARY KEY (kab_kota, idartbdt);
CREATE INDEX members_idartbdt_idx ON members (idartbdt);
ALTER TABLE household_history DROP CONSTRAINT household_history_pkey, ADD PRIMARY KEY (kab_kota, id);
ALTER TABLE imports DROP CONSTRAINT imports_pkey, ADD PRIMARY KEY (kab_kota, id);
CREATE INDEX imports_id_idx ON imports (id);
DROP INDEX imports_package_done_idx;
CREATE UNIQUE INDEX imports_package_done_key ON imports (kab_kota, package_id) WHERE status = 'DONE';
ALTER TABLE import_uploads DROP CONSTRAINT import_uploads_pkey, ADD PRIMARY KEY (kab_kota, import_id, seq);
ALTER TABLE import_staging DROP CONSTRAINT import_staging_pkey, ADD PRIMARY KEY (kab_kota, import_id, line_no);
ALTER TABLE import_duplicates DROP CONSTRAINT import_duplicates_pkey, ADD PRIMARY KEY (kab_kota, import_id, line_no);
ALTER TABLE proposals DROP CONSTRAINT proposals_pkey, ADD PRIMARY KEY (kab_kota, id);
CREATE INDEX proposals_id_idx ON proposals (id);
ALTER TABLE releases DROP CONSTRAINT releases_pkey, ADD PRIMARY KEY (kab_kota, id);
CREATE INDEX releases_id_idx ON releases (id);
ALTER TABLE mou_submissions DROP CONSTRAINT mou_submissions_pkey, ADD PRIMARY KEY (kab_kota, id);
CREATE INDEX mou_submissions_id_idx ON mou_submissions (id);
ALTER TABLE finalisations DROP CONSTRAINT finalisations_pkey, ADD PRIMARY KEY (kab_kota, id);
CREATE INDEX finalisations_id_idx ON finalisations (id);
-- The public letter check (/verifikasi/:publicId) knows no district: a plain index, one row in practice.
ALTER TABLE finalisations DROP CONSTRAINT finalisations_public_id_key, ADD CONSTRAINT finalisations_public_id_key UNIQUE (kab_kota, public_id);
CREATE INDEX finalisations_public_id_idx ON finalisations (public_id);
ALTER TABLE finalisation_households DROP CONSTRAINT finalisation_households_pkey, ADD PRIMARY KEY (kab_kota, finalisation_id, idbdt);
-- The snapshot is read, and its hash computed, by finalisation id before the finalisation row exists.
CREATE INDEX finalisation_households_finalisation_idx ON finalisation_households (finalisation_id, idbdt);
DROP INDEX baseline_loads_id_key;
CREATE INDEX baseline_loads_id_idx ON baseline_loads (id);
DROP INDEX household_locations_idbdt_key;
CREATE INDEX household_locations_idbdt_idx ON household_locations (idbdt);
ALTER TABLE media ADD PRIMARY KEY (kab_kota, sha256);

-- 4. Foreign keys between district tables, with kab_kota on both sides.
ALTER TABLE members ADD CONSTRAINT members_household_fkey FOREIGN KEY (kab_kota, idbdt) REFERENCES households (kab_kota, idbdt);
ALTER TABLE household_history
  ADD CONSTRAINT household_history_household_fkey FOREIGN KEY (kab_kota, idbdt) REFERENCES households (kab_kota, idbdt),
  ADD CONSTRAINT household_history_member_fkey FOREIGN KEY (kab_kota, idartbdt) REFERENCES members (kab_kota, idartbdt);
ALTER TABLE household_locations
  ADD CONSTRAINT household_locations_household_fkey FOREIGN KEY (kab_kota, idbdt) REFERENCES households (kab_kota, idbdt) ON DELETE CASCADE;
ALTER TABLE household_media
  ADD CONSTRAINT household_media_household_fkey FOREIGN KEY (kab_kota, idbdt) REFERENCES households (kab_kota, idbdt) ON DELETE CASCADE,
  ADD CONSTRAINT household_media_media_fkey FOREIGN KEY (kab_kota, sha256) REFERENCES media (kab_kota, sha256);
ALTER TABLE imports ADD CONSTRAINT imports_first_import_fkey FOREIGN KEY (kab_kota, first_import_id) REFERENCES imports (kab_kota, id);
ALTER TABLE import_uploads ADD CONSTRAINT import_uploads_import_fkey FOREIGN KEY (kab_kota, import_id) REFERENCES imports (kab_kota, id) ON DELETE CASCADE;
ALTER TABLE import_staging ADD CONSTRAINT import_staging_import_fkey FOREIGN KEY (kab_kota, import_id) REFERENCES imports (kab_kota, id) ON DELETE CASCADE;
ALTER TABLE import_duplicates ADD CONSTRAINT import_duplicates_import_fkey FOREIGN KEY (kab_kota, import_id) REFERENCES imports (kab_kota, id) ON DELETE CASCADE;
ALTER TABLE proposals
  ADD CONSTRAINT proposals_import_fkey FOREIGN KEY (kab_kota, import_id) REFERENCES imports (kab_kota, id),
  ADD CONSTRAINT proposals_finalisation_fk FOREIGN KEY (kab_kota, finalisation_id) REFERENCES finalisations (kab_kota, id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE proposal_media
  ADD CONSTRAINT proposal_media_proposal_fkey FOREIGN KEY (kab_kota, proposal_id) REFERENCES proposals (kab_kota, id) ON DELETE CASCADE,
  ADD CONSTRAINT proposal_media_media_fkey FOREIGN KEY (kab_kota, sha256) REFERENCES media (kab_kota, sha256);
ALTER TABLE finalisation_households
  ADD CONSTRAINT finalisation_households_finalisation_fkey FOREIGN KEY (kab_kota, finalisation_id) REFERENCES finalisations (kab_kota, id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE finalisation_memberships
  ADD CONSTRAINT finalisation_memberships_finalisation_fkey FOREIGN KEY (kab_kota, finalisation_id) REFERENCES finalisations (kab_kota, id) DEFERRABLE INITIALLY DEFERRED,
  ADD CONSTRAINT finalisation_memberships_proposal_fkey FOREIGN KEY (kab_kota, proposal_id) REFERENCES proposals (kab_kota, id);
