// The children of a region, for every region select of the web app.
import { useEffect, useState } from 'react';
import { api, type Region } from '../api/client.ts';
import { errorText } from './errors.ts';

export interface RegionChildren {
  /** The children in the API's order; null while loading or when `parent` is null. */
  items: Region[] | null;
  /** The error text when they could not be loaded (items is then []). */
  error: string | null;
}

/**
 * Children of `parent` from `GET /api/v1/regions?parent=` ('' = the provinces, a province = its
 * districts, a district = its kecamatan, a kecamatan = its desa); null loads nothing. api.regions
 * caches the answers, so several selects over the same parent cost one request.
 */
export function useRegionChildren(parent: string | null): RegionChildren {
  const [state, setState] = useState<{ parent: string; items: Region[]; error: string | null } | null>(null);
  useEffect(() => {
    if (parent === null) return;
    let live = true;
    api.regions(parent).then(
      (items) => live && setState({ parent, items, error: null }),
      (e: unknown) => live && setState({ parent, items: [], error: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [parent]);
  if (parent === null || state?.parent !== parent) return { items: null, error: null };
  return { items: state.items, error: state.error };
}

const PARENT_LENGTH: Record<number, number> = { 2: 0, 4: 2, 6: 4, 10: 6 };

/** The parent of a region code ('' for a province), or null for anything but a 2, 4, 6 or 10 digit code. */
export function parentCode(code: string): string | null {
  const length = PARENT_LENGTH[code.length];
  return length === undefined || !/^\d+$/.test(code) ? null : code.slice(0, length);
}

/**
 * The name of region `code`, looked up among its parent's children: best effort, null until known,
 * when the lookup fails (outside the user's scope) or for a malformed code.
 */
export function useRegionName(code: string | null | undefined): string | null {
  const { items } = useRegionChildren(code ? parentCode(code) : null);
  return items?.find((r) => r.code === code)?.name ?? null;
}
