// Contract of verval periods (C2).
import { z } from 'zod';
import { DateSchema, listOf, PeriodCodeSchema, text } from './common.ts';

/** A verval period (dates YYYY-MM-DD). */
export const PeriodSchema = z.object({
  code: z.string(),
  name: z.string(),
  sk_number: z.string().nullable(),
  starts_on: z.string(),
  ends_on: z.string(),
  status: z.enum(['OPEN', 'CLOSED']),
  opened_at: z.date(),
  closed_at: z.date().nullable(),
});
export const PeriodListSchema = listOf(PeriodSchema);

/** POST /api/v1/periods */
export const OpenPeriodBodySchema = z.object({
  code: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/),
  name: text().max(100).optional(),
  skNumber: text().max(100).optional(),
  startsOn: DateSchema,
  endsOn: DateSchema,
});

/** POST /api/v1/periods/:code/close */
export const PeriodParamsSchema = z.object({ code: PeriodCodeSchema });
