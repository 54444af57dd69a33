import { type Issue, UuidParamsSchema } from '../../../shared/api/common.ts';
import * as api from '../../../shared/api/packages.ts';
import { assertPrintableInput } from '../../http/errors.ts';
import { defineRoutes } from '../../http/routes.ts';
import { AppError } from '../../platform/errors.ts';
import { refuseDeclaredOversize } from '../../platform/uploads.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportImports } from './imports.export.ts';
import { getImport, importPackage, listImports, MAX_UPLOAD_BYTES } from './packages.service.ts';

/** Routes of Import Data (F6). */
export const packagesRoutes = defineRoutes('imports', (r, ctx) => {
  r.post('/api/v1/imports', 'importPackage', { consumes: ['multipart/form-data'], status: 202, response: { 202: api.ImportQueuedSchema } })
    .summary('Upload one .siks package (multipart field `file`); it is imported by a background job')
    .handle(async ({ actor, req }) => {
      refuseDeclaredOversize(req, MAX_UPLOAD_BYTES, () => new AppError('PAYLOAD_TOO_LARGE'));
      if (!req.isMultipart()) throw new AppError('PACKAGE_FILE_REQUIRED');
      const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });
      if (part?.fieldname !== 'file') throw new AppError('PACKAGE_FILE_REQUIRED');
      // The file name is stored and shown: the printable-text rule (the stream is left unread).
      try {
        assertPrintableInput('body', { file: part.filename });
      } catch (err) {
        part.file.resume();
        throw err;
      }
      return importPackage(ctx, actor, { fileName: part.filename, stream: part.file });
    });
  r.get('/api/v1/imports/:id', 'getImport', { params: UuidParamsSchema, response: { 200: api.ImportDetailSchema } })
    .summary('An import: status, progress, counts, the reason of a refusal, and its failed proposals')
    .handle(async ({ actor, params }) => {
      const found = await getImport(ctx, actor, params.id);
      return { ...found, failed: found.failed.map((f) => ({ ...f, errors: f.errors as Issue[] })) };
    });
  r.get('/api/v1/imports', 'listImports', { querystring: api.ImportListQuerySchema, response: { 200: api.ImportPageSchema } })
    .summary("The imports of the supervisor's district, newest first")
    .handle(({ actor, query }) => listImports(ctx, actor, query.page, query.pageSize));
  exportRoute(
    r,
    '/api/v1/imports/export',
    'exportImports',
    api.ImportExportQuerySchema,
    "The imports of the supervisor's district as xlsx or csv, newest first; streamed and logged",
    (actor, query) => exportImports(ctx, actor, query.format),
  );
});
