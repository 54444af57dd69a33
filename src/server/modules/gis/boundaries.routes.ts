import type { FastifyRequest } from 'fastify';
import * as api from '../../../shared/api/boundaries.ts';
import { assertPrintableInput } from '../../http/errors.ts';
import { defineRoutes } from '../../http/routes.ts';
import { AppError } from '../../platform/errors.ts';
import { readOneFileUpload } from '../../platform/uploads.ts';
import { assertCanLoadBoundaries, type BoundaryFile, listBoundaries, loadBoundaries } from './boundaries.service.ts';

const tooLarge = () => new AppError('BOUNDARY_FILE_TOO_LARGE', { maxBytes: api.BOUNDARY_FILE_MAX_BYTES });

/** The boundary file of the upload (field `file`), its name checked like any text the server stores and shows. */
async function readBoundaryUpload(req: FastifyRequest): Promise<BoundaryFile> {
  const file = await readOneFileUpload(req, api.BOUNDARY_FILE_MAX_BYTES, {
    missing: () => new AppError('BOUNDARY_FILE_REQUIRED'),
    tooLarge,
  });
  assertPrintableInput('body', { file: file.filename });
  return { fileName: file.filename, bytes: file.bytes };
}

/** Routes of the region shapes (F14): the map's shapes and Pusdatin's boundary load. */
export const boundariesRoutes = defineRoutes('boundaries', (r, ctx) => {
  r.get('/api/v1/boundaries', 'listBoundaries', {
    description:
      'A GeoJSON FeatureCollection: one Feature per child region of `parent` that has a shape (id and properties.code: the region code), ' +
      'or with `code` that region alone; bbox [west, south, east, north] of them all, null when none has a shape. Outside the ' +
      'caller scope (or an unknown code): 404. Shapes change only when loaded: answered with an ETag (If-None-Match → 304).',
    querystring: api.BoundaryListQuerySchema,
    response: { 200: api.BoundaryCollectionSchema },
  })
    .summary('Region shapes of the children of a region (provinces without `parent`), or of one region, within the caller scope')
    .handle(async ({ actor, query, req, reply }) => {
      const answer = await listBoundaries(ctx, actor, query, req.headers['if-none-match']);
      reply.header('cache-control', 'private, no-cache').header('etag', answer.etag);
      if (!answer.collection) return reply.code(304).send();
      return answer.collection;
    });
  r.post('/api/v1/boundaries', 'loadBoundaries', {
    description:
      `multipart/form-data with the file in field \`file\` (at most ${api.BOUNDARY_FILE_MAX_BYTES / 1024 / 1024} MiB): a GeoJSON ` +
      'FeatureCollection (.geojson/.json) or a zipped Shapefile (.zip with .shp, .dbf, .prj). Each feature names its Kemendagri code ' +
      'in a property kode, code, kode_wilayah, kode_kemendagri, KDEPUM, KDCPUM, KDPKAB or KDPPUM (dots allowed: 32.04.01.2001). ' +
      'Unknown codes are listed and left out; one invalid geometry refuses the whole file with 400 BOUNDARY_GEOMETRY_INVALID naming ' +
      'its code. The shapes are simplified for display and replace the earlier shapes of the same codes.',
    consumes: ['multipart/form-data'],
    response: { 200: api.BoundaryLoadResultSchema },
  })
    .summary('Load region boundaries from a GeoJSON or zipped Shapefile (PUSDATIN)')
    .handle(async ({ actor, req }) => {
      // Refuse before reading a byte of the body: a role without the verb gets 403.
      assertCanLoadBoundaries(actor);
      return loadBoundaries(ctx, actor, await readBoundaryUpload(req));
    });
});
