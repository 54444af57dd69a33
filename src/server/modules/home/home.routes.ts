import { HomeSchema } from '../../../shared/api/home.ts';
import { defineRoutes } from '../../http/routes.ts';
import { getHome } from './home.service.ts';

/** Routes of Beranda (F3). */
export const homeRoutes = defineRoutes('home', (r, ctx) => {
  r.get('/api/v1/home', 'getHome', { response: { 200: HomeSchema } })
    .summary('Beranda: region, role, total of BDT households in scope, KKS quota, BPNT stage and published documents')
    .handle(({ actor }) => getHome(ctx, actor));
});
