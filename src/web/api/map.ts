// Client calls of the map (F14): the shapes of a region's children, their figures, and household
// points per viewport. Each takes the AbortSignal of its useData/viewport request.
import type { BoundaryCollectionSchema } from '../../shared/api/boundaries.ts';
import type { Wire } from '../../shared/api/common.ts';
import type { MapFiguresSchema, MapPointsSchema } from '../../shared/api/map.ts';
import { queryString, request } from './client.ts';

export { MAP_POINTS_MIN_ZOOM } from '../../shared/api/map.ts';
export type BoundaryCollection = Wire<typeof BoundaryCollectionSchema>;
export type MapFigures = Wire<typeof MapFiguresSchema>;
export type AreaFigures = MapFigures['items'][number];
export type MapPoints = Wire<typeof MapPointsSchema>;

export const mapApi = {
  /** The shapes of the children of `parent` ('' : the provinces). */
  boundaries(parent: string, signal?: AbortSignal): Promise<BoundaryCollection> {
    return request('GET', `/api/v1/boundaries${queryString({ parent })}`, { signal });
  },
  /** The figures of the children of `parent` ('' : the provinces). */
  figures(parent: string, signal?: AbortSignal): Promise<MapFigures> {
    return request('GET', `/api/v1/map/figures${queryString({ parent })}`, { signal });
  },
  /** Clusters or single households of district `kab` in the viewport [west, south, east, north]. */
  points(kab: string, bbox: readonly number[], zoom: number, signal?: AbortSignal): Promise<MapPoints> {
    const box = bbox.map((x) => x.toFixed(6)).join(',');
    return request('GET', `/api/v1/map/points${queryString({ kab, bbox: box, zoom })}`, { signal });
  },
};
