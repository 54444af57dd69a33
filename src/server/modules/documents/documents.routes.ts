import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart'; // request.parts() and isMultipart() types
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import {
  assertCanManageDocuments,
  deleteDocument,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TITLE_MAX,
  listDocuments,
  readDocumentContent,
  updateDocument,
  uploadDocument,
} from './documents.service.ts';

export const DocumentSchema = z.object({
  id: z.number(),
  title: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().describe('Bytes'),
  sha256: z.string(),
  sortOrder: z.number(),
  visibility: z.enum(['ALL', 'DISTRICTS']),
  districts: z
    .array(z.object({ code: z.string(), name: z.string() }))
    .describe('Target districts; below national level only those of the caller'),
  uploadedAt: z.string(),
  updatedAt: z.string(),
});

const IdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const DistrictCode = z.string().regex(/^[0-9]{4}$/);

// The text fields of the upload form, after repeated/comma-separated `districts` are merged.
const UploadFields = z.object({
  title: z.string().optional(),
  sortOrder: z.coerce.number().int().min(0).max(1_000_000).optional(),
  visibility: z.enum(['ALL', 'DISTRICTS']).default('ALL'),
  districts: z.array(DistrictCode).max(600).default([]),
});

// Room for the form's boundaries, headers and text fields around the file itself.
const FORM_OVERHEAD_BYTES = 64 * 1024;

interface UploadForm {
  fields: Record<string, string[]>;
  file?: { filename: string; bytes: Buffer };
}

/**
 * Reads the multipart form, holding at most DOCUMENT_MAX_BYTES of file: a larger file is refused
 * with 413 as soon as the limit is crossed, without reading (or storing) the rest.
 */
async function readUploadForm(req: FastifyRequest): Promise<UploadForm> {
  if (typeof req.isMultipart !== 'function' || !req.isMultipart()) {
    throw new AppError('VALIDATION', undefined, {
      id: 'Kirim dokumen sebagai multipart/form-data.',
      en: 'Send the document as multipart/form-data.',
    });
  }
  const form: UploadForm = { fields: {} };
  // Per-call limits, so this route does not depend on the options the plugin was registered with.
  const parts = req.parts({
    limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 22 },
  });
  for await (const part of parts) {
    if (part.type === 'field') {
      (form.fields[part.fieldname] ??= []).push(typeof part.value === 'string' ? part.value : String(part.value));
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume(); // an unexpected file field: skip its bytes
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > DOCUMENT_MAX_BYTES) throw new AppError('DOCUMENT_TOO_LARGE', { maxBytes: DOCUMENT_MAX_BYTES });
      chunks.push(chunk);
    }
    // busboy stops at the limit and marks the stream truncated rather than passing more bytes.
    if (part.file.truncated) throw new AppError('DOCUMENT_TOO_LARGE', { maxBytes: DOCUMENT_MAX_BYTES });
    form.file = { filename: part.filename, bytes: Buffer.concat(chunks, size) };
  }
  return form;
}

function uploadFields(fields: Record<string, string[]>) {
  const one = (name: string) => {
    const v = fields[name]?.[0]?.trim();
    return v === '' ? undefined : v;
  };
  const districts = (fields.districts ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const parsed = UploadFields.safeParse({
    title: fields.title?.[0],
    sortOrder: one('sortOrder'),
    visibility: one('visibility'),
    districts,
  });
  if (!parsed.success)
    throw new AppError(
      'VALIDATION',
      parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })),
    );
  return parsed.data;
}

/** Routes of the documents module (C2 publishing, F3 download cards). */
export function documentsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/documents',
    {
      schema: {
        operationId: 'listDocuments',
        summary: 'Documents published by Pusdatin that the caller may see, in Beranda order',
        tags: ['documents'],
        response: { 200: z.object({ items: z.array(DocumentSchema) }) },
      },
    },
    async (req) => ({ items: await listDocuments(ctx, actorOf(req)) }),
  );

  app.post(
    '/api/v1/documents',
    {
      schema: {
        operationId: 'uploadDocument',
        summary: 'Publish a document (PUSDATIN): PDF, XLSX, JPEG or PNG by content, at most 20 MiB',
        description:
          'multipart/form-data with fields `title` (required), `sortOrder` (optional whole number), `visibility` (`ALL` or `DISTRICTS`), ' +
          '`districts` (4-digit kabupaten/kota codes, repeated or comma-separated, when DISTRICTS) and the file in `file`. ' +
          'The type is decided from the bytes; anything else answers 415 DOCUMENT_TYPE_NOT_ALLOWED, a larger file 413 DOCUMENT_TOO_LARGE.',
        tags: ['documents'],
        consumes: ['multipart/form-data'],
        response: { 201: DocumentSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // Refuse before reading a byte of the body: a supervisor gets 403, an announced oversize 413.
      assertCanManageDocuments(actor);
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > DOCUMENT_MAX_BYTES + FORM_OVERHEAD_BYTES) {
        throw new AppError('DOCUMENT_TOO_LARGE', { maxBytes: DOCUMENT_MAX_BYTES });
      }
      const form = await readUploadForm(req);
      const fields = uploadFields(form.fields);
      if (!fields.title?.trim()) throw new AppError('DOCUMENT_TITLE_REQUIRED');
      if (!form.file) throw new AppError('DOCUMENT_FILE_REQUIRED');
      const doc = await uploadDocument(ctx, actor, {
        ...fields,
        title: fields.title,
        filename: form.file.filename,
        bytes: form.file.bytes,
      });
      return reply.code(201).send(doc);
    },
  );

  app.patch(
    '/api/v1/documents/:id',
    {
      schema: {
        operationId: 'updateDocument',
        summary: 'Change the title, order number or visibility of a document (PUSDATIN)',
        tags: ['documents'],
        params: IdParams,
        body: z
          .object({
            title: z.string().max(DOCUMENT_TITLE_MAX).optional(),
            sortOrder: z.number().int().min(0).max(1_000_000).optional(),
            visibility: z.enum(['ALL', 'DISTRICTS']).optional(),
            districts: z.array(DistrictCode).max(600).optional(),
          })
          .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' }),
        response: { 200: DocumentSchema },
      },
    },
    async (req) => updateDocument(ctx, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/documents/:id',
    {
      schema: {
        operationId: 'deleteDocument',
        summary: 'Delete a document (PUSDATIN)',
        tags: ['documents'],
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteDocument(ctx, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/documents/:id/content',
    {
      schema: {
        operationId: 'downloadDocument',
        summary: 'The stored file of a document visible to the caller (404 otherwise), as an attachment',
        tags: ['documents'],
        params: IdParams,
        produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/jpeg', 'image/png'],
      },
    },
    async (req, reply) => {
      const doc = await readDocumentContent(ctx, actorOf(req), req.params.id);
      // The bytes were checked at upload, but a browser must still never run them as a page:
      // always a download, never sniffed, and no permission to load or run anything.
      return reply
        .header('content-type', doc.contentType)
        .header('content-disposition', `attachment; filename="${doc.filename}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, no-cache')
        .send(doc.bytes);
    },
  );
}
