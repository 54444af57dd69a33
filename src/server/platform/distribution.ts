// How every table is placed when the registry is distributed by district with Citus
// (docs/adr/0015-distribution-by-district.md). One PostgreSQL and PGlite ignore the placement; the
// schema follows it everywhere, so that one code path serves all three. test/db/distribution.db.test.ts
// fails for a table missing here and checks the rules on the migrated database; migration
// 0029_citus_distribution.sql (and the Citus block of any later migration adding a table) places them.

/** The distribution column of every district-owned table: the 4-digit kabupaten/kota code. */
export const DISTRIBUTION_COLUMN = 'kab_kota';

/**
 * Reference tables: small or national, read by every district, replicated to every Citus node.
 * Each with why it is not split by district.
 */
export const REFERENCE_TABLES = {
  regions: 'Kemendagri codes of the whole nation; every scope check and list joins them',
  users: 'accounts of every level (national, province, district); sessions and logs name them',
  user_regions: 'the scope of a user, which may be a province or the nation',
  sessions: 'looked up by cookie hash before the district is known',
  api_tokens: 'looked up by token hash before the district is known',
  login_attempts: 'login happens before the district is known',
  login_locks: 'keyed by the User ID as typed, existing or not',
  captcha_used: 'login happens before the district is known',
  settings: 'server-wide secrets and settings',
  personal_search_counts: 'per user, whatever the district searched',
  user_profiles: 'beside the account',
  images: 'logos, profile photos and MoU scans: a few per district, pointed at by reference tables (profiles)',
  district_profiles: 'one row per district (514 rows), read by national and province screens beside the district list; pointing at images',
  district_programs: 'one row per district (514 rows), read by the national quota screens',
  district_quotas: 'quotas are set nationally by Ditjen PFM per district, programme and period; a few thousand rows',
  periods: 'national verval periods (SK Mensos)',
  documents: 'published by Pusdatin to every district',
  document_regions: 'which districts see a national document',
  region_boundaries: 'shapes of every region level, read by the national and province maps',
} as const satisfies Record<string, string>;

/** Tables that stay plain tables on the Citus coordinator (no key to or from any other table). */
export const LOCAL_TABLES = {
  schema_migrations: 'the record of applied migrations, written by migrate() on the coordinator',
} as const satisfies Record<string, string>;

/**
 * District-owned tables: distributed by kab_kota, colocated with households, so that a district's
 * work (imports, decisions, finalisations, lists) runs on one node.
 */
export const DISTRICT_TABLES = [
  // The registry.
  'households',
  'members',
  'household_history',
  'household_locations',
  // Photos: one copy per district and hash (the bulk of the bytes; never replicated).
  'media',
  'household_media',
  // Import Data and Verifikasi Usulan.
  'imports',
  'import_uploads',
  'import_staging',
  'import_duplicates',
  'proposals',
  'proposal_media',
  // Releases, MoU, finalisations.
  'releases',
  'mou_submissions',
  'finalisations',
  'finalisation_households',
  'finalisation_memberships',
  // Programme lists and PKH.
  'kpm_memberships',
  'kpm_history',
  'pbi_participants',
  'pbi_history',
  'pkh_nominations',
  'pkh_nomination_history',
  // Baseline load staging.
  'baseline_loads',
  'baseline_households',
  'baseline_members',
  'baseline_derived',
  'baseline_errors',
  // Moves and hand-overs (kab_kota: the origin).
  'relocations',
  // The national views' maintained figures per desa and the marks of districts to recompute (migration 0031).
  'district_figures',
  'district_figures_stale',
  // The log: one hash chain per district plus the national chain under its own key (issue 18 item 3,
  // migration 0028), so districts never wait on each other's appends.
  'audit_log',
  'audit_checkpoints',
  'audit_chain_heads',
] as const;

export type ReferenceTable = keyof typeof REFERENCE_TABLES;
export type DistrictTable = (typeof DISTRICT_TABLES)[number];

/** Where a table lives under Citus: 'reference', 'district', 'local', or undefined for a table nobody classified. */
export function placementOf(table: string): 'reference' | 'district' | 'local' | undefined {
  if (Object.hasOwn(REFERENCE_TABLES, table)) return 'reference';
  if (Object.hasOwn(LOCAL_TABLES, table)) return 'local';
  if ((DISTRICT_TABLES as readonly string[]).includes(table)) return 'district';
  return undefined;
}
