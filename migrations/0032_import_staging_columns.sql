-- Issue 17 item 1 (the import): an import job stages its proposals in the columns they are
-- published into, instead of as one jsonb `row` per proposal. The COPY then parses each value
-- once into its column, and publishing is a plain column-to-column insert: no JSON object is built
-- per proposal in the job, and no jsonb_populate_record runs in the publishing transaction
-- (docs/performance.md, "Import speed-up"). What is the same for every proposal of an import
-- (package, module, operator, origin) is taken from the import's own row when publishing.
--
-- Staged rows belong to a job that has not finished; a job always clears its staging when it
-- starts (or restarts), so the rows present now can go.
DELETE FROM import_staging;
ALTER TABLE import_staging
  DROP COLUMN row,
  -- The proposal to publish (all null for a duplicate line); as in `proposals`.
  ADD COLUMN kode_wilayah varchar(10) COLLATE "C",
  ADD COLUMN type varchar(16),
  ADD COLUMN idbdt char(16) COLLATE "C",
  ADD COLUMN base_version integer,
  ADD COLUMN verval_result smallint,
  ADD COLUMN duplicate_of char(16) COLLATE "C",
  ADD COLUMN merge_into char(16) COLLATE "C",
  ADD COLUMN visited_at date,
  ADD COLUMN musdes_at date,
  ADD COLUMN body jsonb,
  ADD COLUMN status varchar(16),
  ADD COLUMN errors jsonb,
  ADD COLUMN warnings jsonb,
  ADD COLUMN conflict boolean,
  ADD COLUMN conflict_changes jsonb,
  ADD COLUMN proposal_created_at timestamptz,
  ADD COLUMN imported_at timestamptz,
  ADD COLUMN program varchar(10),
  ADD COLUMN idartbdt char(18) COLLATE "C",
  ADD COLUMN replacement_idbdt char(16) COLLATE "C",
  ADD COLUMN reason_code smallint;
