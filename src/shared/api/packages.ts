// Contract of Import Data (F6): uploads of .siks packages and their background jobs.
import { z } from 'zod';
import { DataFormatSchema, IssueSchema, pageOf, pagingQuery } from './common.ts';
import { IMPORT_STATUSES } from './vocabulary.ts';

export const ImportStatusSchema = z.enum(IMPORT_STATUSES);

/** Counts of a finished import (siks-format.md section 4.4). */
export const ImportCountsSchema = z.object({
  new: z.number(),
  failed: z.number(),
  duplicate: z.number(),
  conflict: z.number(),
  warnings: z.number(),
});

/** One import: an uploaded .siks file and its background job. */
export const ImportSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  uploadedAt: z.date(),
  status: ImportStatusSchema,
  progress: z.number().describe('0–1 while the job runs'),
  counts: ImportCountsSchema.nullable(),
  reason: z.string().nullable().describe("Why the whole file was refused (REFUSED) or the job gave up (FAILED), in the user's language"),
  reasonCode: z.string().nullable(),
  firstImportId: z.string().nullable().describe('The import that first brought this package (ALREADY_IMPORTED)'),
  packageId: z.string().nullable(),
  module: z
    .enum(['BDT', 'BSP', 'PBI'])
    .nullable()
    .describe("The package header's module: BDT (registry), BSP (KPM of BPNT/Rastra) or PBI; null until the header is read"),
  operator: z.string().nullable().describe('The operator named in the package header'),
  finishedAt: z.date().nullable(),
});

/** A proposal of an import that failed validation; `line` is 1-based in proposals.ndjson. */
export const FailedProposalSchema = z.object({ proposalId: z.string(), line: z.number(), errors: z.array(IssueSchema) });

/** GET /api/v1/imports/:id */
export const ImportDetailSchema = ImportSchema.extend({ failed: z.array(FailedProposalSchema) });

/** POST /api/v1/imports (202): the id of the queued import. */
export const ImportQueuedSchema = z.object({ id: z.string() });

/** GET /api/v1/imports */
export const ImportListQuerySchema = z.object({ ...pagingQuery({ pageSize: 25 }) });
/** GET /api/v1/imports/export: the file format (the list has no filter). */
export const ImportExportQuerySchema = z.object({ format: DataFormatSchema });
export const ImportPageSchema = pageOf(ImportSchema);
