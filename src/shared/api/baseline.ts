// Contract of the baseline load (C2): Pusdatin uploads a district's baseline registry for a period
// (CSV, ZIP of CSV, or xlsx), sees its counts and errors, and publishes it only when it confirms.
import { z } from 'zod';
import { DataFormatSchema, KabCodeSchema, PeriodCodeSchema, listOf } from './common.ts';

export const BASELINE_STATUSES = ['CHECKING', 'READY', 'INVALID', 'PUBLISHED', 'DISCARDED', 'FAILED'] as const;
export const BaselineStatusSchema = z.enum(BASELINE_STATUSES);

/** One baseline load of a district and period. */
export const BaselineLoadSchema = z.object({
  id: z.string(),
  kab: z.string(),
  period: z.string(),
  status: BaselineStatusSchema.describe(
    'CHECKING while rows are read and checked; READY (no error) or INVALID (see errors.csv); PUBLISHED, DISCARDED, or FAILED',
  ),
  phase: z.enum(['READING', 'CHECKING', 'DONE']),
  progress: z.number().describe('0–1 of the checks while CHECKING'),
  fileNames: z.string(),
  households: z.number(),
  members: z.number(),
  errorCount: z.number(),
  createdAt: z.date(),
  publishedAt: z.date().nullable(),
  replacedHouseholds: z.number().nullable(),
  /** Households the district holds now: publishing replaces them, after a second confirmation. */
  existingHouseholds: z.number(),
  failure: z.string().nullable(),
});

/** POST /api/v1/baseline?kab=&period= (multipart: the files). */
export const BaselineUploadQuerySchema = z.object({ kab: KabCodeSchema, period: PeriodCodeSchema });

/** GET /api/v1/baseline?kab= : the loads of a district, newest first. */
export const BaselineListQuerySchema = z.object({ kab: KabCodeSchema });
export const BaselineListSchema = listOf(BaselineLoadSchema);
/** GET /api/v1/baseline/export?kab= */
export const BaselineExportQuerySchema = BaselineListQuerySchema.extend({ format: DataFormatSchema });

/** POST /api/v1/baseline/:id/confirm */
export const BaselineConfirmBodySchema = z.object({
  replace: z.boolean().optional().describe("Replace the district's existing households (the second confirmation)"),
  confirmKab: z.string().max(4).optional().describe('The district code typed again, required with replace'),
});
