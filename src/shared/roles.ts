/** Roles of section 2 of the spec, what each may do, and how each is named to users. */
export const ROLES = ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR', 'INTEGRASI'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { id: string; en: string }> = {
  PUSDATIN: { id: 'Pusdatin Kesos', en: 'Pusdatin Kesos (central)' },
  PFM: { id: 'Ditjen PFM', en: 'Directorate-General PFM' },
  PROVINSI: { id: 'Dinas Sosial Provinsi', en: 'Provincial Social Affairs Office' },
  SUPERVISOR: { id: 'Supervisor Kabupaten/Kota', en: 'District Supervisor' },
  OPERATOR: { id: 'Operator Kecamatan/Desa', en: 'Sub-district/Village Operator' },
  INTEGRASI: { id: 'Integrasi Sistem', en: 'System integration' },
};

/**
 * The permission vocabulary: one verb per action, each with the roles that hold it. Services call
 * `assertCan(actor, verb, region?)` (server/platform/policy.ts); the web app shows a menu item or
 * a button only when `getMe().abilities` holds its verb. Nothing else compares roles. A feature adds
 * its verbs with its routes (`program:decide`, `household:move`, `boundary:load`, …).
 */
export const VERB_ROLES = {
  /** View Data Kesos: households and members of the scope (F13). */
  'registry:read': ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR'],
  /** See NIK, No KK and names unmasked; without it they are masked and cannot be searched for. */
  'personal:unmasked': ['PUSDATIN', 'PFM', 'SUPERVISOR', 'OPERATOR'],
  /** Create, disable, unlock users and reset their passwords (C1). */
  'users:manage': ['PUSDATIN'],
  /** Own API tokens. */
  'tokens:own': ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR'],
  /** Logs History: at least one's own entries. */
  'audit:read': ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR'],
  /** Logs History of every user of the scope, not only one's own. */
  'audit:read-scope': ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR'],
  /** Open and close periods (C2). */
  'periods:manage': ['PUSDATIN'],
  /** Publish, change and withdraw documents (C2). */
  'document:publish': ['PUSDATIN'],
  /** Edit a district's profile (Profil Instansi, Pengesahan) within the scope (F4). */
  'profile:district': ['PUSDATIN', 'SUPERVISOR'],
  /** Upload the district's MoU (F5). */
  'mou:submit': ['SUPERVISOR'],
  /** Review MoUs (C3). */
  'mou:review': ['PFM'],
  /** Build and download the district's release database (F5). */
  'release:download': ['SUPERVISOR'],
  /** Import .siks packages into the district (F6). */
  'import:run': ['SUPERVISOR'],
  /** Read the district's proposals (F7). */
  'proposal:read': ['SUPERVISOR'],
  /** Approve, reject or return proposals, one by one or in bulk (F7). */
  'proposal:decide': ['SUPERVISOR'],
  /** Finalise the district's verval decisions of the open period (F8). */
  'finalisation:manage': ['SUPERVISOR'],
  /** Read Surat Pengesahan letters of the scope (F8). */
  'letter:read': ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR'],
  /** Rekapitulasi of the scope (F9). */
  'recap:read': ['PUSDATIN', 'PROVINSI', 'SUPERVISOR'],
  /** Finalisation status of the districts in scope (C5). */
  'monitoring:read': ['PUSDATIN', 'PROVINSI'],
  /** Set programme quotas (C4). */
  'quota:set': ['PFM'],
  /** Read the programme lists (KPM of BPNT/RASTRA, PBI participants) and quota use of the scope (F10, F11, C4). */
  'program:read': ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR'],
  /** Make BSP/PBI proposals online and approve or reject them, within the district's quota (F10, F11). */
  'program:decide': ['SUPERVISOR'],
  /** Nominate AKTIF households of the district for PKH by their components (F11b). */
  'pkh:nominate': ['SUPERVISOR'],
  /** Accept or refuse PKH nominations (F11b). */
  'pkh:decide': ['PUSDATIN'],
  /** Load a district's baseline registry for a period from CSV or xlsx, and publish it (C2). */
  'baseline:load': ['PUSDATIN'],
  /** Load region boundary files (GeoJSON, zipped Shapefile) for the map (F14). */
  'boundary:load': ['PUSDATIN'],
  /** Move a household of the district to another kecamatan/desa, hand it over to another district, and accept or decline one handed over (F12). */
  'household:move': ['SUPERVISOR'],
  /** Look households and members up through the DCI social-registry API, unmasked, within the scope (API tokens only). */
  'registry:integrate': ['INTEGRASI'],
  /** Read the server's operational metrics (GET /metrics): requests, import jobs, database pool, memory. */
  'metrics:read': ['PUSDATIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Verb = keyof typeof VERB_ROLES;
export const VERBS = Object.keys(VERB_ROLES) as Verb[];

/** Whether `role` may do `verb`. */
export function can(role: Role, verb: Verb): boolean {
  return (VERB_ROLES[verb] as readonly Role[]).includes(role);
}

/** Every verb `role` holds, in vocabulary order (what `getMe` sends as `abilities`). */
export function abilitiesOf(role: Role): Verb[] {
  return VERBS.filter((v) => can(role, v));
}

/** Roles whose scope is the whole nation (no region list). */
export function isNational(role: Role): boolean {
  return role === 'PUSDATIN' || role === 'PFM';
}

/** The region code lengths a role's scope is made of (empty: national). */
export function scopeCodeLengths(role: Role): readonly number[] {
  switch (role) {
    case 'PUSDATIN':
    case 'PFM':
      return [];
    case 'PROVINSI':
      return [2];
    case 'SUPERVISOR':
      return [4];
    case 'OPERATOR':
      return [6, 10];
    // One province or one district; no region at all is the whole nation (scopeMayBeNational).
    case 'INTEGRASI':
      return [2, 4];
  }
}

/**
 * Whether a scope of this role may be left empty to mean the whole nation: an integration (a
 * national insurer, a bank) may serve the nation or one province or district.
 */
export function scopeMayBeNational(role: Role): boolean {
  return role === 'INTEGRASI';
}

/** Whether a user of this role with these scope regions sees the whole nation. */
export function hasNationalScope(role: Role, regions: readonly string[]): boolean {
  return isNational(role) || (scopeMayBeNational(role) && regions.length === 0);
}

/** Whether a role logs in with its password on the web; an integration works through API tokens only. */
export function signsInWithPassword(role: Role): boolean {
  return role !== 'INTEGRASI';
}

/** Whether a scope of this role may hold several regions (an operator's kecamatan/desa list) or exactly one. */
export function scopeHoldsManyRegions(role: Role): boolean {
  return role === 'OPERATOR';
}

/**
 * The length of the region code a user's log entries belong to (F15): a province user logs under its
 * province, everyone else under the district of its first scope region.
 */
export function logRegionLength(role: Role): 2 | 4 {
  return role === 'PROVINSI' ? 2 : 4;
}

/** The User ID a new user of this role gets when none is given: `<kode kab>_supervisor` for a supervisor (section 2). */
export function defaultUsername(role: Role, regions: readonly string[]): string | undefined {
  return role === 'SUPERVISOR' && regions[0] ? `${regions[0]}_supervisor` : undefined;
}

/** Whether personal data (NIK, No KK, names) is shown masked to this role. */
export function seesMaskedPersonalData(role: Role): boolean {
  return !can(role, 'personal:unmasked');
}
