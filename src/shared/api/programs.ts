// Contract of the programs module: quotas per district (C4) and the BPNT stage.
import { z } from 'zod';
import { KabCodeSchema, text } from './common.ts';
import { PROGRAMS, QUOTA_MAX, TAHAP_MAX } from './vocabulary.ts';

const QuotaSchema = z.number().int().min(0).max(QUOTA_MAX).nullable();

/** A district's quotas and BPNT stage. */
export const DistrictProgramsSchema = z.object({
  kab: z.string(),
  name: z.string(),
  quotas: z.object({ BPNT: QuotaSchema, RASTRA: QuotaSchema, PBI: QuotaSchema }).describe('Quota per programme; null when none is set'),
  tahapBpnt: z.string().nullable().describe('BPNT expansion stage; null when none'),
});

export const DistrictParamsSchema = z.object({ kab: KabCodeSchema });
/** PUT /api/v1/districts/:kab/quotas/:program */
export const QuotaParamsSchema = DistrictParamsSchema.extend({ program: z.enum(PROGRAMS) });
export const QuotaBodySchema = z.object({ quota: QuotaSchema });
/** PUT /api/v1/districts/:kab/bpnt-stage */
export const BpntStageBodySchema = z.object({ tahap: text().max(TAHAP_MAX).nullable() });
