import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart'; // request.parts() and isMultipart() types
import { DocumentListSchema, DocumentPatchSchema, DocumentSchema, DocumentUploadFieldsSchema } from '../../../shared/api/documents.ts';
import { ExportFormatQuerySchema, IdParamsSchema, NoContentSchema } from '../../../shared/api/common.ts';
import { sendAttachment } from '../../http/download.ts';
import { assertPrintableInput } from '../../http/errors.ts';
import { defineRoutes } from '../../http/routes.ts';
import { AppError } from '../../platform/errors.ts';
import { readPartBytes, refuseDeclaredOversize } from '../../platform/uploads.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportDocuments } from './documents.export.ts';
import * as svc from './documents.service.ts';

const tooLarge = () => new AppError('DOCUMENT_TOO_LARGE', { maxBytes: svc.DOCUMENT_MAX_BYTES });

interface UploadForm {
  fields: Record<string, string[]>;
  file?: { filename: string; bytes: Buffer };
}

/**
 * Reads the multipart form, holding at most svc.DOCUMENT_MAX_BYTES of file: a larger file is refused
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
    limits: { fileSize: svc.DOCUMENT_MAX_BYTES, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 22 },
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
    form.file = { filename: part.filename, bytes: await readPartBytes(part.file, svc.DOCUMENT_MAX_BYTES, tooLarge) };
  }
  // Multipart fields and the file name bypass the JSON body check: the same printable-text rule.
  for (const [name, values] of Object.entries(form.fields)) for (const v of values) assertPrintableInput('body', { [name]: v });
  assertPrintableInput('body', { file: form.file?.filename });
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
  const parsed = DocumentUploadFieldsSchema.safeParse({
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
export const documentsRoutes = defineRoutes('documents', (r, ctx) => {
  r.get('/api/v1/documents', 'listDocuments', { response: { 200: DocumentListSchema } })
    .summary('Documents published by Pusdatin that the caller may see, in Beranda order')
    .handle(async ({ actor }) => ({ items: await svc.listDocuments(ctx, actor) }));
  exportRoute(
    r,
    '/api/v1/documents/export',
    'exportDocuments',
    ExportFormatQuerySchema,
    'The documents the caller may see as xlsx or csv',
    (actor, q) => exportDocuments(ctx, actor, q),
  );
  r.post('/api/v1/documents', 'uploadDocument', {
    description:
      'multipart/form-data with fields `title` (required), `sortOrder` (optional whole number), `visibility` (`ALL` or `DISTRICTS`), ' +
      '`districts` (4-digit kabupaten/kota codes, repeated or comma-separated, when DISTRICTS) and the file in `file`. ' +
      'The type is decided from the bytes; anything else answers 415 DOCUMENT_TYPE_NOT_ALLOWED, a larger file 413 DOCUMENT_TOO_LARGE.',
    consumes: ['multipart/form-data'],
    status: 201,
    response: { 201: DocumentSchema },
  })
    .summary('Publish a document (PUSDATIN): PDF, XLSX, JPEG or PNG by content, at most 20 MiB')
    .handle(async ({ actor, req }) => {
      // Refuse before reading a byte of the body: a supervisor gets 403, an announced oversize 413.
      svc.assertCanManageDocuments(actor);
      refuseDeclaredOversize(req, svc.DOCUMENT_MAX_BYTES, tooLarge);
      const form = await readUploadForm(req);
      const fields = uploadFields(form.fields);
      if (!fields.title?.trim()) throw new AppError('DOCUMENT_TITLE_REQUIRED');
      if (!form.file) throw new AppError('DOCUMENT_FILE_REQUIRED');
      return svc.uploadDocument(ctx, actor, { ...fields, title: fields.title, filename: form.file.filename, bytes: form.file.bytes });
    });
  r.patch('/api/v1/documents/:id', 'updateDocument', {
    params: IdParamsSchema,
    body: DocumentPatchSchema,
    response: { 200: DocumentSchema },
  })
    .summary('Change the title, order number or visibility of a document (PUSDATIN)')
    .handle(({ actor, params, body }) => svc.updateDocument(ctx, actor, params.id, body));
  r.delete('/api/v1/documents/:id', 'deleteDocument', { params: IdParamsSchema, status: 204, response: { 204: NoContentSchema } })
    .summary('Delete a document (PUSDATIN)')
    .handle(async ({ actor, params }) => {
      await svc.deleteDocument(ctx, actor, params.id);
      return null;
    });
  r.get('/api/v1/documents/:id/content', 'downloadDocument', {
    params: IdParamsSchema,
    produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/jpeg', 'image/png'],
  })
    .summary('The stored file of a document visible to the caller (404 otherwise), as an attachment')
    .handle(async ({ actor, params, reply }) => {
      const doc = await svc.readDocumentContent(ctx, actor, params.id);
      // The bytes were checked at upload, but a browser must still never run them as a page:
      // always a download, never sniffed, and no permission to load or run anything.
      reply.header('content-security-policy', "default-src 'none'");
      return sendAttachment(reply, { fileName: doc.filename, contentType: doc.contentType, cache: 'private, no-cache' }, doc.bytes);
    });
});
