import * as api from '../../../shared/api/media.ts';
import { HouseholdParamsSchema } from '../../../shared/api/households.ts';
import { defineRoutes } from '../../http/routes.ts';
import { getMedia, listHouseholdMedia } from './media.service.ts';

/** Routes of the photos from the field: the image, and a household's kept photos. */
export const mediaRoutes = defineRoutes('media', (r, ctx) => {
  r.get('/api/v1/media/:sha256', 'getMedia', {
    params: api.MediaParamsSchema,
    produces: ['image/jpeg', 'image/png'],
    response: api.MediaImageResponseSchemas,
  })
    .summary('A photo from the field by its SHA-256, for users whose scope holds a proposal or household that refers to it (404 otherwise)')
    .handle(async ({ actor, params, reply }) => {
      const m = await getMedia(ctx, actor, params.sha256);
      return reply
        .header('content-type', m.contentType)
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('content-disposition', `inline; filename="${m.sha256}.${m.contentType === 'image/png' ? 'png' : 'jpg'}"`)
        .send(Buffer.from(m.bytes));
    });
  r.get('/api/v1/households/:idbdt/media', 'listHouseholdMedia', {
    params: HouseholdParamsSchema,
    response: { 200: api.HouseholdMediaSchema },
  })
    .summary('The photos kept with a household from its approved proposals, newest first')
    .handle(({ actor, params }) => listHouseholdMedia(ctx, actor, params.idbdt));
});
