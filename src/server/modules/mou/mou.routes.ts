import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { IMAGE_MAX_BYTES } from '../../platform/images.ts';
import { getMouImage, getMouSubmission, getOwnMouStatus, listMouQueue, reviewMou, uploadMou } from './mou.service.ts';

const Status = z.object({
  kab: z.string(),
  state: z.enum(['NOT_UPLOADED', 'WAITING', 'RETURNED', 'APPROVED']),
  submissionId: z.number().nullable(),
  message: z.string().nullable(),
  submittedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
});

const tooLarge = () => new AppError('IMAGE_TOO_LARGE', { maxBytes: IMAGE_MAX_BYTES });

/**
 * Reads the two scans of an MoU upload (fields `mou` and `permohonan`), each at most 2 MiB,
 * refusing as soon as a limit is crossed rather than after reading everything.
 */
async function readScans(req: FastifyRequest): Promise<{ mou: Buffer; permohonan: Buffer }> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > 2 * IMAGE_MAX_BYTES + 64 * 1024) throw tooLarge();
  if (!req.isMultipart()) throw new AppError('MOU_FILES_REQUIRED');
  const files: Partial<Record<'mou' | 'permohonan', Buffer>> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: IMAGE_MAX_BYTES, files: 2, fields: 5, parts: 7 } })) {
      if (part.type !== 'file') continue;
      const name = part.fieldname;
      if ((name !== 'mou' && name !== 'permohonan') || files[name]) {
        part.file.resume();
        throw new AppError('MOU_FILES_REQUIRED');
      }
      part.file.once('limit', () => part.file.destroy(tooLarge()));
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > IMAGE_MAX_BYTES) throw tooLarge();
        chunks.push(chunk);
      }
      if (part.file.truncated) throw tooLarge();
      files[name] = Buffer.concat(chunks, size);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new AppError('MOU_FILES_REQUIRED');
  }
  if (!files.mou?.length || !files.permohonan?.length) throw new AppError('MOU_FILES_REQUIRED');
  return { mou: files.mou, permohonan: files.permohonan };
}

/** Routes of the MoU (F5) and its review (C3). */
export function mouRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/mou',
    {
      schema: {
        operationId: 'getMouStatus',
        summary: "The MoU state of the supervisor's district",
        tags: ['mou'],
        response: { 200: Status },
      },
    },
    async (req) => getOwnMouStatus(ctx, actorOf(req)),
  );

  app.post(
    '/api/v1/mou',
    {
      schema: {
        operationId: 'uploadMou',
        summary: 'Upload the MoU and Surat Permohonan scans together (multipart fields `mou` and `permohonan`, JPEG/PNG, ≤ 2 MiB each)',
        tags: ['mou'],
        consumes: ['multipart/form-data'],
        response: { 201: Status },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await uploadMou(ctx, actor, await readScans(req)));
    },
  );

  app.get(
    '/api/v1/mou/queue',
    {
      schema: {
        operationId: 'listMouQueue',
        summary: 'MoUs waiting for review, oldest first (Ditjen PFM)',
        tags: ['mou'],
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                kab_kota: z.string(),
                kab_name: z.string(),
                submitted_at: z.date(),
                submitted_by: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listMouQueue(ctx, actorOf(req)) }),
  );

  app.get(
    '/api/v1/mou/:id',
    {
      schema: {
        operationId: 'getMouSubmission',
        summary: 'One MoU submission (the reviewer, or its own district)',
        tags: ['mou'],
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: { 200: Status },
      },
    },
    async (req) => {
      const { mouImageId: _m, permohonanImageId: _p, ...status } = await getMouSubmission(ctx, actorOf(req), req.params.id);
      return status;
    },
  );

  app.get(
    '/api/v1/mou/:id/:scan',
    {
      schema: {
        operationId: 'getMouScan',
        summary: 'A scan of an MoU submission: `mou` or `permohonan` (image bytes)',
        tags: ['mou'],
        params: z.object({ id: z.coerce.number().int().min(1), scan: z.enum(['mou', 'permohonan']) }),
      },
    },
    async (req, reply) => {
      const image = await getMouImage(ctx, actorOf(req), req.params.id, req.params.scan);
      return reply
        .header('content-type', image.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, max-age=0')
        .header('etag', `"${image.sha256}"`)
        .send(image.data);
    },
  );

  app.post(
    '/api/v1/mou/:id/review',
    {
      schema: {
        operationId: 'reviewMou',
        summary: 'Approve a waiting MoU, or return it with a message (Ditjen PFM)',
        tags: ['mou'],
        params: z.object({ id: z.coerce.number().int().min(1) }),
        body: z.object({ decision: z.enum(['APPROVE', 'RETURN']), message: z.string().max(1000).optional() }),
        response: { 200: Status },
      },
    },
    async (req) => reviewMou(ctx, actorOf(req), { id: req.params.id, ...req.body }),
  );
}
