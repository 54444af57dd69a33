-- Maintained aggregates of the national and province views (issue 18): per district and desa the
-- figures the map, the province recap and Beranda add up, so that a national view reads ~80,000
-- desa rows instead of grouping 25–40 million households. District-owned: kab_kota first in the key.
--
-- Kept exact without slowing district work: a writing statement on households, members or the
-- programme lists only appends a mark (district, sequence number) through a statement trigger
-- (cost: one pass over the statement's changed rows); a national read first recomputes the
-- marked districts, set-based, and deletes the marks it has covered (sequence ≤ the one it read),
-- so a district written while it was being recomputed stays marked. Appended marks never lock a
-- shared row: two transactions of one district never wait on each other here.

CREATE TABLE district_figures (
  kab_kota varchar(4) COLLATE "C" NOT NULL CHECK (kab_kota ~ '^[0-9]{4}$'),
  kode_wilayah varchar(10) COLLATE "C" NOT NULL CHECK (left(kode_wilayah, 4) = kab_kota),
  -- AKTIF households, their present members (sta_keberadaan_art 1 or 4), and their desil (persentil 1–100).
  households integer NOT NULL,
  members integer NOT NULL,
  desil_sum integer NOT NULL,
  desil_n integer NOT NULL,
  low_desil integer NOT NULL,
  -- AKTIF entries of the district's own lists by where the household lives, any household status (the
  -- recap's rule; a hand-over ends the household's entries in the old district's lists) …
  kpm_bpnt integer NOT NULL,
  kpm_rastra integer NOT NULL,
  pbi integer NOT NULL,
  -- … and of AKTIF households only (the map's rule).
  aktif_kpm_bpnt integer NOT NULL,
  aktif_pbi integer NOT NULL,
  PRIMARY KEY (kab_kota, kode_wilayah)
);

CREATE TABLE district_figures_stale (
  kab_kota varchar(4) COLLATE "C" NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (kab_kota, seq)
);

-- Every district already holding households starts stale: the first national read computes it.
INSERT INTO district_figures_stale (kab_kota) SELECT DISTINCT left(kode_wilayah, 4) FROM households;

-- The district of the changed rows (kab_kota, migration 0027). A hand-over inserts the household
-- under the destination and deletes it under the origin: both are marked. An update never changes a
-- row's kab_kota (the distribution column; the composite keys between the tables refuse it), so
-- updates are seen through their new rows alone: one transition table, not two, per statement.
CREATE FUNCTION district_figures_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO district_figures_stale (kab_kota) SELECT DISTINCT kab_kota FROM changed_old;
  ELSE
    INSERT INTO district_figures_stale (kab_kota) SELECT DISTINCT kab_kota FROM changed_new;
  END IF;
  RETURN NULL;
END $$;

-- A trigger with transition tables serves one event: three per table.
DO $triggers$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['households', 'members', 'kpm_memberships', 'pbi_participants'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION district_figures_mark()',
      t || '_figures_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION district_figures_mark()',
      t || '_figures_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION district_figures_mark()',
      t || '_figures_delete', t);
  END LOOP;
END
$triggers$;

-- On Citus (migration 0029 has placed households): both tables are district tables, colocated with
-- households. NOT RUN: Citus is not installable where this was written; a no-op elsewhere.
DO $citus$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  SET LOCAL citus.enable_unsafe_triggers = on;
  PERFORM create_distributed_table('district_figures', 'kab_kota', colocate_with => 'households');
  PERFORM create_distributed_table('district_figures_stale', 'kab_kota', colocate_with => 'households');
END
$citus$;
