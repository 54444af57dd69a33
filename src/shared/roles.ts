/** Roles of section 2 of the spec, what each may do, and how each is named to users. */
export const ROLES = ['PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { id: string; en: string }> = {
  PUSDATIN: { id: 'Pusdatin Kesos', en: 'Pusdatin Kesos (central)' },
  PFM: { id: 'Ditjen PFM', en: 'Directorate-General PFM' },
  PROVINSI: { id: 'Dinas Sosial Provinsi', en: 'Provincial Social Affairs Office' },
  SUPERVISOR: { id: 'Supervisor Kabupaten/Kota', en: 'District Supervisor' },
  OPERATOR: { id: 'Operator Kecamatan/Desa', en: 'Sub-district/Village Operator' },
};

/** Verbs: what an actor may do, checked by services before anything else. */
export type Verb =
  | 'registry:read'
  | 'users:manage'
  | 'tokens:own'
  | 'audit:read'
  /** Open and close periods (C2). */
  | 'periods:manage'
  /** Upload the district's MoU and download its release (F5). */
  | 'mou:submit'
  /** Review MoUs (C3). */
  | 'mou:review'
  /** Finalise the district's verval decisions of the open period (F8). */
  | 'finalisation:manage'
  /** Finalisation status of the districts in scope (C5). */
  | 'monitoring:read';

const VERBS: Record<Role, readonly Verb[]> = {
  PUSDATIN: ['registry:read', 'users:manage', 'tokens:own', 'audit:read', 'periods:manage', 'monitoring:read'],
  PFM: ['registry:read', 'tokens:own', 'audit:read', 'mou:review'],
  PROVINSI: ['registry:read', 'tokens:own', 'audit:read', 'monitoring:read'],
  SUPERVISOR: ['registry:read', 'tokens:own', 'audit:read', 'mou:submit', 'finalisation:manage'],
  OPERATOR: ['registry:read', 'tokens:own', 'audit:read'],
};

/** Whether `role` may do `verb`. */
export function can(role: Role, verb: Verb): boolean {
  return VERBS[role].includes(verb);
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
  }
}

/** Whether personal data (NIK, No KK, names) is shown masked to this role. */
export function seesMaskedPersonalData(role: Role): boolean {
  return role === 'PROVINSI';
}
