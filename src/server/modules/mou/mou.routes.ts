import type { FastifyRequest } from 'fastify';
import { ExportFormatQuerySchema, IdParamsSchema } from '../../../shared/api/common.ts';
import { MouQueueSchema, MouReviewBodySchema, MouScanParamsSchema, MouStatusSchema } from '../../../shared/api/mou.ts';
import { defineRoutes } from '../../http/routes.ts';
import { AppError } from '../../platform/errors.ts';
import { IMAGE_MAX_BYTES } from '../../platform/images.ts';
import { readPartBytes, refuseDeclaredOversize } from '../../platform/uploads.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportMouQueue } from './mou.export.ts';
import { getMouImage, getMouSubmission, getOwnMouStatus, listMouQueue, reviewMou, uploadMou } from './mou.service.ts';

const tooLarge = () => new AppError('IMAGE_TOO_LARGE', { maxBytes: IMAGE_MAX_BYTES });

/**
 * Reads the two scans of an MoU upload (fields `mou` and `permohonan`), each at most 2 MiB,
 * refusing as soon as a limit is crossed rather than after reading everything.
 */
async function readScans(req: FastifyRequest): Promise<{ mou: Buffer; permohonan: Buffer }> {
  refuseDeclaredOversize(req, 2 * IMAGE_MAX_BYTES, tooLarge);
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
      files[name] = await readPartBytes(part.file, IMAGE_MAX_BYTES, tooLarge);
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
export const mouRoutes = defineRoutes('mou', (r, ctx) => {
  r.get('/api/v1/mou', 'getMouStatus', { response: { 200: MouStatusSchema } })
    .summary("The MoU state of the supervisor's district")
    .handle(({ actor }) => getOwnMouStatus(ctx, actor));
  r.post('/api/v1/mou', 'uploadMou', { consumes: ['multipart/form-data'], status: 201, response: { 201: MouStatusSchema } })
    .summary('Upload the MoU and Surat Permohonan scans together (multipart fields `mou` and `permohonan`, JPEG/PNG, ≤ 2 MiB each)')
    .handle(async ({ actor, req }) => uploadMou(ctx, actor, await readScans(req)));
  r.get('/api/v1/mou/queue', 'listMouQueue', { response: { 200: MouQueueSchema } })
    .summary('MoUs waiting for review, oldest first (Ditjen PFM)')
    .handle(async ({ actor }) => ({ items: await listMouQueue(ctx, actor) }));
  exportRoute(
    r,
    '/api/v1/mou/queue/export',
    'exportMouQueue',
    ExportFormatQuerySchema,
    'The MoU review queue as xlsx or csv; logged',
    (actor, q) => exportMouQueue(ctx, actor, q),
  );
  r.get('/api/v1/mou/:id', 'getMouSubmission', { params: IdParamsSchema, response: { 200: MouStatusSchema } })
    .summary('One MoU submission (the reviewer, or its own district)')
    .handle(async ({ actor, params }) => {
      const { mouImageId: _m, permohonanImageId: _p, ...status } = await getMouSubmission(ctx, actor, params.id);
      return status;
    });
  r.get('/api/v1/mou/:id/:scan', 'getMouScan', { params: MouScanParamsSchema })
    .summary('A scan of an MoU submission: `mou` or `permohonan` (image bytes)')
    .handle(async ({ actor, params, reply }) => {
      const image = await getMouImage(ctx, actor, params.id, params.scan);
      return reply
        .header('content-type', image.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, max-age=0')
        .header('etag', `"${image.sha256}"`)
        .send(image.data);
    });
  r.post('/api/v1/mou/:id/review', 'reviewMou', { params: IdParamsSchema, body: MouReviewBodySchema, response: { 200: MouStatusSchema } })
    .summary('Approve a waiting MoU, or return it with a message (Ditjen PFM)')
    .handle(({ actor, params, body }) => reviewMou(ctx, actor, { id: params.id, ...body }));
});
