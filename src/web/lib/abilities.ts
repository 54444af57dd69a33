// What the logged-in user may do, from the `abilities` of GET /api/v1/me (the server derives them
// from src/shared/roles.ts). Pages and the navigation ask for a verb, never for a role.
import { useCallback } from 'react';
import type { Verb } from '../../shared/roles.ts';
import type { Me } from '../api/client.ts';
import { useOptionalSession } from '../session.ts';

export type { Verb } from '../../shared/roles.ts';

/** Whether `me` holds `verb`; false without a user (public pages). */
export function can(me: Pick<Me, 'abilities'> | null | undefined, verb: Verb): boolean {
  return me?.abilities.includes(verb) ?? false;
}

/** `can` bound to the session's user: `const can = useCan(); can('periods:manage')`. */
export function useCan(): (verb: Verb) => boolean {
  const me = useOptionalSession()?.me ?? null;
  return useCallback((verb: Verb) => can(me, verb), [me]);
}

// Where the user works follows from its scope (me.regions), not from its role name.

/** The national scope (no region list: Pusdatin, PFM). */
export function hasNationalScope(me: Pick<Me, 'regions'>): boolean {
  return me.regions.length === 0;
}

/** The one district (kabupaten/kota) of a district user's scope, or null. */
export function ownDistrict(me: Pick<Me, 'regions'>): string | null {
  return me.regions.length === 1 && me.regions[0]!.level === 'kabkota' ? me.regions[0]!.code : null;
}

/** The one province of a provincial user's scope, or null. */
export function ownProvince(me: Pick<Me, 'regions'>): string | null {
  return me.regions.length === 1 && me.regions[0]!.level === 'provinsi' ? me.regions[0]!.code : null;
}
