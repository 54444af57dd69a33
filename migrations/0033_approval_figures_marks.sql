-- Bulk approval speed after issue 18 (issue 17 item 1: 10,000 proposals approved in a district of
-- 200,000 households ≤ 2 s on PostgreSQL).
--
-- 1. The figures' UPDATE triggers (migration 0031) kept a transition table of every updated row: the
--    executor copies each new row version into it whatever the trigger then reads, so an approval
--    paid a tuplestore of 500 whole households per batch and a DISTINCT over it, although the floor,
--    version and updated_at it writes change no figure. The figures read a handful of columns only
--    (figures.queries.ts computeDistrict): an update is now seen by a row trigger limited to those
--    columns (`UPDATE OF …`: not fired at all when the statement sets none of them) and to rows where
--    one of them really changed (`WHEN`), which marks its district once per transaction. Inserts and
--    deletes keep their statement triggers with transition tables (every row of them counts).
--
--    Once per transaction is enough: a reader sees the mark when the transaction commits, and with
--    it every change the transaction made. The districts already marked are kept in a
--    transaction-local setting (reverted with a rolled-back savepoint, as the mark itself is);
--    refreshDistrictFigures clears it, so that a change made after a recomputation in the same
--    transaction marks again.
CREATE FUNCTION district_figures_mark_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  marked text := coalesce(current_setting('siks.figures_marked', true), '');
BEGIN
  IF strpos(',' || marked, ',' || NEW.kab_kota || ',') = 0 THEN
    INSERT INTO district_figures_stale (kab_kota) VALUES (NEW.kab_kota);
    PERFORM set_config('siks.figures_marked', marked || NEW.kab_kota || ',', true);
  END IF;
  RETURN NULL;
END $$;

-- On Citus a trigger on a distributed table needs this (as in 0031). NOT RUN: a no-op elsewhere.
DO $citus$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    SET LOCAL citus.enable_unsafe_triggers = on;
  END IF;
END
$citus$;

DROP TRIGGER households_figures_update ON households;
DROP TRIGGER members_figures_update ON members;
DROP TRIGGER kpm_memberships_figures_update ON kpm_memberships;
DROP TRIGGER pbi_participants_figures_update ON pbi_participants;

-- The columns each table's figures read: the keys the recomputation joins on, and what it counts.
CREATE TRIGGER households_figures_update AFTER UPDATE OF kab_kota, idbdt, kode_wilayah, status, persentil ON households
  FOR EACH ROW WHEN (OLD.kab_kota IS DISTINCT FROM NEW.kab_kota OR OLD.idbdt IS DISTINCT FROM NEW.idbdt
    OR OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.persentil IS DISTINCT FROM NEW.persentil)
  EXECUTE FUNCTION district_figures_mark_row();
CREATE TRIGGER members_figures_update AFTER UPDATE OF kab_kota, idbdt, sta_keberadaan_art ON members
  FOR EACH ROW WHEN (OLD.kab_kota IS DISTINCT FROM NEW.kab_kota OR OLD.idbdt IS DISTINCT FROM NEW.idbdt
    OR OLD.sta_keberadaan_art IS DISTINCT FROM NEW.sta_keberadaan_art)
  EXECUTE FUNCTION district_figures_mark_row();
CREATE TRIGGER kpm_memberships_figures_update AFTER UPDATE OF kab_kota, idbdt, program, status ON kpm_memberships
  FOR EACH ROW WHEN (OLD.kab_kota IS DISTINCT FROM NEW.kab_kota OR OLD.idbdt IS DISTINCT FROM NEW.idbdt
    OR OLD.program IS DISTINCT FROM NEW.program OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION district_figures_mark_row();
CREATE TRIGGER pbi_participants_figures_update AFTER UPDATE OF kab_kota, idartbdt, status ON pbi_participants
  FOR EACH ROW WHEN (OLD.kab_kota IS DISTINCT FROM NEW.kab_kota OR OLD.idartbdt IS DISTINCT FROM NEW.idartbdt
    OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION district_figures_mark_row();

-- 2. An approval rewrites each approved household (floor, version, updated_at: none of them in an
--    index). The registry's pages were written full (COPY at 100%), so every new row version went to
--    another page with a new entry in each of the six indexes of households: with room left on the
--    page it stays there as a heap-only tuple (HOT), as members have had since migration 0022. Applies
--    to pages written from now on (bulk loads and the demo seed run after the migrations); a table
--    loaded before gets the room at its next rewrite (VACUUM FULL or CLUSTER).
ALTER TABLE households SET (fillfactor = 90);
