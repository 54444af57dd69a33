import {
  HouseholdDetailSchema,
  HouseholdListQuerySchema,
  HouseholdPageSchema,
  HouseholdParamsSchema,
} from '../../../shared/api/households.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { getHousehold, listHouseholds } from './households.service.ts';

/** Routes of the households module (View Data Kesos, F13). */
export function householdsRoutes(app: FastifyZod, ctx: AppContext) {
  const r = routeTable(app, 'households');
  r.get('/api/v1/households', 'listHouseholds', { querystring: HouseholdListQuerySchema, response: { 200: HouseholdPageSchema } })
    .summary('Households in the user scope, filtered and paged on the server')
    .handle(({ actor, query }) => listHouseholds(ctx, actor, query));
  r.get('/api/v1/households/:idbdt', 'getHousehold', { params: HouseholdParamsSchema, response: { 200: HouseholdDetailSchema } })
    .summary('One household with its members and change history')
    .handle(({ actor, params }) => getHousehold(ctx, actor, params.idbdt));
}
