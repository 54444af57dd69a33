// Contract of Beranda (F3).
import { z } from 'zod';
import { LocalizedTextSchema } from './common.ts';
import { DocumentSchema } from './documents.ts';
import { RegionRefSchema } from './regions.ts';

/** A download card of Beranda. */
export const HomeDocumentSchema = DocumentSchema.pick({ id: true, title: true, contentType: true, size: true, uploadedAt: true });

/** GET /api/v1/home */
export const HomeSchema = z.object({
  region: RegionRefSchema.nullable(),
  roleLabel: LocalizedTextSchema,
  totalHouseholds: z.number(),
  kuotaKks: z.number().nullable().describe("BPNT (KKS) quota of the user's district; null without one"),
  tahapBpnt: z.string().nullable().describe("BPNT expansion stage of the user's district; null without one"),
  documents: z.array(HomeDocumentSchema).describe("Documents published for the user's district (download cards), in order"),
});
