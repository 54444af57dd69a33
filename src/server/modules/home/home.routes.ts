import { HomeSchema } from '../../../shared/api/home.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { getHome } from './home.service.ts';

/** Routes of Beranda (F3). */
export function homeRoutes(app: FastifyZod, ctx: AppContext) {
  routeTable(app, 'home')
    .get('/api/v1/home', 'getHome', { response: { 200: HomeSchema } })
    .summary('Beranda: region, role, total of BDT households in scope, KKS quota, BPNT stage and published documents')
    .handle(({ actor }) => getHome(ctx, actor));
}
