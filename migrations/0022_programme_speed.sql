-- Programme list speed (issue 10 benchmark: 10,000 BSP replacements approved in a district of
-- 200,000 households, and the KPM list page).
--
-- An approval re-derives the members' programme flags (ada_kks, ada_pbi, ada_pkh; programs/flags.ts):
-- a replacement flips ada_kks of every member of both households. None of the three flags is in an
-- index, so with room left on the page the new row version stays there as a heap-only tuple (HOT):
-- no new entry in members' five indexes and a third of the WAL. fillfactor applies to pages written
-- from now on (the registry's bulk loads and the demo seed write after this migration); a table
-- loaded before it gets the room at its next rewrite (VACUUM FULL or CLUSTER).
ALTER TABLE members SET (fillfactor = 80);

-- The KPM and PBI lists are ordered lowest persentil first, then by idbdt (lists.queries.ts): with
-- idbdt in the index the first pages are read in order from it instead of sorting each persentil's
-- households. It replaces the index on persentil alone, which it serves as well.
CREATE INDEX households_persentil_idbdt_idx ON households (persentil, idbdt);
DROP INDEX households_persentil_idx;
