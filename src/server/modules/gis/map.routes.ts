import * as api from '../../../shared/api/map.ts';
import { defineRoutes } from '../../http/routes.ts';
import { getMapFigures, getMapPoints } from './map.service.ts';

/** Routes of the map (F14): area figures and household points per viewport. */
export const mapRoutes = defineRoutes('map', (r, ctx) => {
  r.get('/api/v1/map/figures', 'getMapFigures', { querystring: api.MapFiguresQuerySchema, response: { 200: api.MapFiguresSchema } })
    .summary(
      'Figures of the children of `parent` (omitted: the provinces): AKTIF households, mean desil, share in desil 1–4, BDT proposals waiting, KPM BPNT and PBI quota use; within the caller scope',
    )
    .handle(({ actor, query }) => getMapFigures(ctx, actor, query));
  r.get('/api/v1/map/points', 'getMapPoints', { querystring: api.MapPointsQuerySchema, response: { 200: api.MapPointsSchema } })
    .summary(
      'Located AKTIF households of district `kab` in the viewport `bbox`: grid clusters, or single points (IDBDT, desil) from zoom 15 when at most 5,000; roles with personal:unmasked only',
    )
    .handle(({ actor, query }) => getMapPoints(ctx, actor, query));
});
