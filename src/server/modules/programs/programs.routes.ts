import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { getDistrictPrograms, PROGRAMS, QUOTA_MAX, TAHAP_MAX, updateBpntStage, updateDistrictQuota } from './programs.service.ts';

const Quota = z.number().int().min(0).max(QUOTA_MAX).nullable();

export const DistrictProgramsSchema = z.object({
  kab: z.string(),
  name: z.string(),
  quotas: z.object({ BPNT: Quota, RASTRA: Quota, PBI: Quota }).describe('Quota per programme; null when none is set'),
  tahapBpnt: z.string().nullable().describe('BPNT expansion stage; null when none'),
});

const KabParams = z.object({ kab: z.string().regex(/^[0-9]{4}$/) });

/** Routes of the programs module (C4 quotas, read side of F10/F11). */
export function programsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/districts/:kab/programs',
    {
      schema: {
        operationId: 'getDistrictPrograms',
        summary: 'Programme quotas (BPNT, RASTRA, PBI) and BPNT stage of a district in the caller scope',
        tags: ['programs'],
        params: KabParams,
        response: { 200: DistrictProgramsSchema },
      },
    },
    async (req) => getDistrictPrograms(ctx, actorOf(req), req.params.kab),
  );

  app.put(
    '/api/v1/districts/:kab/quotas/:program',
    {
      schema: {
        operationId: 'updateDistrictQuota',
        summary: 'Set (or with null remove) one programme quota of a district (Ditjen PFM)',
        tags: ['programs'],
        params: KabParams.extend({ program: z.enum(PROGRAMS) }),
        body: z.object({ quota: Quota }),
        response: { 200: DistrictProgramsSchema },
      },
    },
    async (req) =>
      updateDistrictQuota(ctx, actorOf(req), {
        kab: req.params.kab,
        program: req.params.program,
        quota: req.body.quota,
      }),
  );

  app.put(
    '/api/v1/districts/:kab/bpnt-stage',
    {
      schema: {
        operationId: 'updateBpntStage',
        summary: 'Set (or with null remove) the BPNT expansion stage of a district (Ditjen PFM)',
        tags: ['programs'],
        params: KabParams,
        body: z.object({ tahap: z.string().max(TAHAP_MAX).nullable() }),
        response: { 200: DistrictProgramsSchema },
      },
    },
    async (req) => updateBpntStage(ctx, actorOf(req), { kab: req.params.kab, tahap: req.body.tahap }),
  );
}
