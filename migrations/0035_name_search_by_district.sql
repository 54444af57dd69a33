-- Issue 17 item 4 (lists under load): the household list's name search (GET /api/v1/households?q=…,
-- a case-insensitive prefix of the head's or any member's name) reads one district's names. The
-- indexes of migration 0003 held the names of every district in one order, so a search of a
-- district walked the matching names of the whole nation and its households by a second index;
-- with kab_kota first, the prefix is one range of the district's own entries (issue 18: every
-- district query filters by kab_kota). They replace the old indexes rather than add to them: a
-- search always names its districts (docs/performance.md, "View Data Kesos: the household list").
CREATE INDEX members_kab_nama_idx ON members (kab_kota, lower(nama) text_pattern_ops);
DROP INDEX members_nama_idx;
CREATE INDEX households_kab_nama_krt_idx ON households (kab_kota, lower(nama_krt) text_pattern_ops);
DROP INDEX households_nama_krt_idx;
