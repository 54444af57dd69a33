// Contract of the MoU (F5) and its review by Ditjen PFM (C3).
import { z } from 'zod';
import { IdParamsSchema, listOf, text } from './common.ts';

export const MouStateSchema = z.enum(['NOT_UPLOADED', 'WAITING', 'RETURNED', 'APPROVED']);

/** The MoU state of a district. */
export const MouStatusSchema = z.object({
  kab: z.string(),
  state: MouStateSchema,
  submissionId: z.number().nullable(),
  message: z.string().nullable().describe("The reviewer's message of a returned submission"),
  submittedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
});

/** A submission waiting in the Ditjen PFM queue. */
export const MouQueueItemSchema = z.object({
  id: z.number(),
  kab_kota: z.string(),
  kab_name: z.string(),
  submitted_at: z.date(),
  submitted_by: z.string().nullable(),
});
export const MouQueueSchema = listOf(MouQueueItemSchema);

export const MouScanSchema = z.enum(['mou', 'permohonan']);
/** GET /api/v1/mou/:id/:scan */
export const MouScanParamsSchema = IdParamsSchema.extend({ scan: MouScanSchema });

/** POST /api/v1/mou/:id/review */
export const MouReviewBodySchema = z.object({ decision: z.enum(['APPROVE', 'RETURN']), message: text().max(1000).optional() });
