// Contract of the documents Pusdatin publishes (C2) and Beranda's download cards (F3).
import { z } from 'zod';
import { KabCodeSchema, listOf, text } from './common.ts';
import { DOCUMENT_TITLE_MAX } from './vocabulary.ts';

export const DocumentVisibilitySchema = z.enum(['ALL', 'DISTRICTS']);

/** A published document. */
export const DocumentSchema = z.object({
  id: z.number(),
  title: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().describe('Bytes'),
  sha256: z.string(),
  sortOrder: z.number(),
  visibility: DocumentVisibilitySchema,
  districts: z
    .array(z.object({ code: z.string(), name: z.string() }))
    .describe('Target districts; below national level only those of the caller'),
  uploadedAt: z.string(),
  updatedAt: z.string(),
});
export const DocumentListSchema = listOf(DocumentSchema);

/**
 * The text fields of the upload form (POST /api/v1/documents, multipart), after repeated or
 * comma-separated `districts` are merged.
 */
export const DocumentUploadFieldsSchema = z.object({
  title: text().optional(),
  sortOrder: z.coerce.number().int().min(0).max(1_000_000).optional(),
  visibility: DocumentVisibilitySchema.default('ALL'),
  districts: z.array(KabCodeSchema).max(600).default([]),
});

/** PATCH /api/v1/documents/:id: at least one field. */
export const DocumentPatchSchema = z
  .object({
    title: text().max(DOCUMENT_TITLE_MAX).optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
    visibility: DocumentVisibilitySchema.optional(),
    districts: z.array(KabCodeSchema).max(600).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });
