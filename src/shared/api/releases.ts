// Contract of Download Database BDT Rilis (F5).
import { z } from 'zod';
import { listOf, text } from './common.ts';

/** POST /api/v1/releases: the passphrase that seals the .siksdb (its strength is checked by the service). */
export const ReleaseBodySchema = z.object({ passphrase: text().min(1).max(1024) });

/** A release downloaded for the district. */
export const ReleaseItemSchema = z.object({
  id: z.string(),
  period: z.string().describe("Period code 'YYYY-MM'"),
  counts: z.object({ households: z.number(), members: z.number(), kpm: z.number(), pbi: z.number() }),
  created_at: z.date(),
  created_by: z.string().nullable(),
});
export const ReleaseListSchema = listOf(ReleaseItemSchema);
