import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getImport, importPackage, listImports, MAX_UPLOAD_BYTES } from './packages.service.ts';

const Counts = z.object({
  new: z.number(),
  failed: z.number(),
  duplicate: z.number(),
  conflict: z.number(),
  warnings: z.number(),
});
const ImportSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  uploadedAt: z.date(),
  status: z.enum(['QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'ALREADY_IMPORTED']),
  progress: z.number(),
  counts: Counts.nullable(),
  reason: z.string().nullable(),
  reasonCode: z.string().nullable(),
  firstImportId: z.string().nullable(),
  packageId: z.string().nullable(),
  operator: z.string().nullable(),
  finishedAt: z.date().nullable(),
});
const Issue = z.object({
  path: z.string(),
  code: z.string(),
  level: z.string().optional(),
  message: z.object({ id: z.string(), en: z.string() }),
});

/** Routes of Import Data (F6). */
export function packagesRoutes(app: FastifyZod, ctx: AppContext) {
  app.post(
    '/api/v1/imports',
    {
      schema: {
        operationId: 'importPackage',
        summary: 'Upload one .siks package (multipart field `file`); it is imported by a background job',
        tags: ['imports'],
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + 64 * 1024) throw new AppError('PAYLOAD_TOO_LARGE');
      if (!req.isMultipart()) throw new AppError('PACKAGE_FILE_REQUIRED');
      const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });
      if (part?.fieldname !== 'file') throw new AppError('PACKAGE_FILE_REQUIRED');
      const result = await importPackage(ctx, actor, { fileName: part.filename, stream: part.file });
      return reply.code(202).send(result);
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        operationId: 'getImport',
        summary: 'An import: status, progress, counts, the reason of a refusal, and its failed proposals',
        tags: ['imports'],
        params: z.object({ id: z.uuid() }),
        response: {
          200: ImportSchema.extend({
            failed: z.array(z.object({ proposalId: z.string(), line: z.number(), errors: z.array(Issue) })),
          }),
        },
      },
    },
    async (req) => {
      const r = await getImport(ctx, actorOf(req), req.params.id);
      return { ...r, failed: r.failed.map((f) => ({ ...f, errors: f.errors as z.infer<typeof Issue>[] })) };
    },
  );

  app.get(
    '/api/v1/imports',
    {
      schema: {
        operationId: 'listImports',
        summary: "The imports of the supervisor's district, newest first",
        tags: ['imports'],
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: {
          200: z.object({ items: z.array(ImportSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
        },
      },
    },
    async (req) => listImports(ctx, actorOf(req), req.query.page, req.query.pageSize),
  );
}
