import * as api from '../../../shared/api/baseline.ts';
import { NoContentSchema, UuidParamsSchema } from '../../../shared/api/common.ts';
import { assertPrintableInput } from '../../http/errors.ts';
import { defineRoutes } from '../../http/routes.ts';
import { AppError } from '../../platform/errors.ts';
import { refuseDeclaredOversize } from '../../platform/uploads.ts';
import { exportRoute, sendDownload } from '../finalisations/index.ts';
import { exportBaselineLoads } from './baseline.export.ts';
import * as svc from './baseline.service.ts';

/** Routes of the baseline load (C2). */
export const baselineRoutes = defineRoutes('baseline', (r, ctx) => {
  r.post('/api/v1/baseline', 'loadBaseline', {
    consumes: ['multipart/form-data'],
    querystring: api.BaselineUploadQuerySchema,
    response: { 200: api.BaselineLoadSchema },
  })
    .summary(
      "Upload a district's baseline for a period (multipart: households.csv and members.csv, one ZIP of both, or one xlsx); rows are staged and checked, nothing is published",
    )
    .handle(async ({ actor, query, req }) => {
      refuseDeclaredOversize(req, 2 * svc.MAX_BASELINE_BYTES, () => new AppError('PAYLOAD_TOO_LARGE'));
      if (!req.isMultipart()) throw new AppError('BASELINE_FILES_MISSING');
      const parts = req.parts({ limits: { fileSize: svc.MAX_BASELINE_BYTES, files: 2, fields: 4, parts: 6 } });
      async function* files(): AsyncGenerator<svc.BaselineFile> {
        for await (const part of parts) {
          if (part.type !== 'file') continue;
          try {
            assertPrintableInput('body', { file: part.filename });
          } catch (err) {
            part.file.resume();
            throw err;
          }
          part.file.once('limit', () => part.file.destroy(new AppError('PAYLOAD_TOO_LARGE')));
          yield { name: part.filename, stream: part.file };
        }
      }
      return svc.loadBaseline(ctx, actor, { kab: query.kab, period: query.period, files: files() });
    });
  r.get('/api/v1/baseline', 'listBaselineLoads', { querystring: api.BaselineListQuerySchema, response: { 200: api.BaselineListSchema } })
    .summary('The baseline loads of a district, newest first')
    .handle(({ actor, query }) => svc.listBaselineLoads(ctx, actor, query.kab));
  exportRoute(
    r,
    '/api/v1/baseline/export',
    'exportBaselineLoads',
    api.BaselineExportQuerySchema,
    'The baseline loads of a district as xlsx or csv',
    (actor, q) => exportBaselineLoads(ctx, actor, q),
  );
  r.get('/api/v1/baseline/:id', 'getBaselineLoad', { params: UuidParamsSchema, response: { 200: api.BaselineLoadSchema } })
    .summary('A baseline load: status, progress while it is checked, counts and error count')
    .handle(({ actor, params }) => svc.getBaselineLoad(ctx, actor, params.id));
  r.get('/api/v1/baseline/:id/errors.csv', 'getBaselineErrors', { params: UuidParamsSchema, produces: ['text/csv'] })
    .summary('The error report of a baseline load (file, row, column, code, message); logged')
    .handle(async ({ actor, params, reply }) => sendDownload(reply, await svc.baselineErrorsCsv(ctx, actor, params.id)));
  r.post('/api/v1/baseline/:id/confirm', 'confirmBaseline', {
    params: UuidParamsSchema,
    body: api.BaselineConfirmBodySchema,
    response: { 200: api.BaselineLoadSchema },
  })
    .summary('Publish a READY load in one transaction; a district with households needs replace: true and its code typed again')
    .handle(({ actor, params, body }) => svc.confirmBaseline(ctx, actor, params.id, body));
  r.delete('/api/v1/baseline/:id', 'discardBaseline', { params: UuidParamsSchema, status: 204, response: { 204: NoContentSchema } })
    .summary('Discard an unpublished load and its staged rows')
    .handle(async ({ actor, params }) => {
      await svc.discardBaseline(ctx, actor, params.id);
      return null;
    });
});
