-- Issue 18: the placement of every table on a Citus cluster (docs/adr/0015-distribution-by-district.md;
-- the lists are those of src/server/platform/distribution.ts, and test/db/distribution.db.test.ts
-- checks that both agree). It runs only where the `citus` extension is installed: on PGlite and on a
-- plain PostgreSQL it does nothing.
--
-- NOT RUN: Citus is not installable on the machines this was written on (no package, no network
-- install), so these statements have never executed against a Citus coordinator. What they rely on
-- was checked on plain PostgreSQL by the schema test: kab_kota first in every key of a district
-- table, composite keys between district tables, none from a reference table into a district one.
-- Before the first run on Citus: triggers on distributed tables (the immutability and
-- finalised-proposal guards of migrations 0010 and 0019) need citus.enable_unsafe_triggers, and
-- the deferrable composite keys to finalisations must be accepted by the Citus version deployed.
--
-- Order matters: reference tables first (a distributed table may only point at a reference or an
-- already distributed table), then households (the colocation group), then each table after the
-- tables its keys point at.
DO $citus$
DECLARE
  t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  SET LOCAL citus.enable_unsafe_triggers = on;

  FOREACH t IN ARRAY ARRAY[
    'regions', 'users', 'user_regions', 'sessions', 'api_tokens', 'login_attempts', 'login_locks',
    'captcha_used', 'settings', 'personal_search_counts', 'images', 'user_profiles',
    'district_profiles', 'district_programs', 'district_quotas', 'periods', 'documents',
    'document_regions', 'region_boundaries'
  ] LOOP
    PERFORM create_reference_table(t);
  END LOOP;

  PERFORM create_distributed_table('households', 'kab_kota');
  FOREACH t IN ARRAY ARRAY[
    'members', 'household_history', 'household_locations', 'media', 'household_media',
    'imports', 'import_uploads', 'import_staging', 'import_duplicates',
    'finalisations', 'proposals', 'proposal_media', 'finalisation_households', 'finalisation_memberships',
    'releases', 'mou_submissions',
    'kpm_memberships', 'kpm_history', 'pbi_participants', 'pbi_history', 'pkh_nominations', 'pkh_nomination_history',
    'baseline_loads', 'baseline_households', 'baseline_members', 'baseline_derived', 'baseline_errors',
    'relocations', 'audit_log', 'audit_checkpoints', 'audit_chain_heads'
  ] LOOP
    PERFORM create_distributed_table(t, 'kab_kota', colocate_with => 'households');
  END LOOP;
END
$citus$;
