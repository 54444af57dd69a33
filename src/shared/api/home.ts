// Contract of Beranda (F3).
import { z } from 'zod';
import { LocalizedTextSchema } from './common.ts';
import { DocumentSchema } from './documents.ts';
import { RegionRefSchema } from './regions.ts';
import { PROGRAMS } from './vocabulary.ts';

/** A download card of Beranda. */
export const HomeDocumentSchema = DocumentSchema.pick({ id: true, title: true, contentType: true, size: true, uploadedAt: true });

/** GET /api/v1/home */
export const HomeSchema = z.object({
  region: RegionRefSchema.nullable(),
  roleLabel: LocalizedTextSchema,
  totalHouseholds: z.number(),
  kuotaKks: z.number().nullable().describe("BPNT (KKS) quota of the user's district; null without one"),
  tahapBpnt: z.string().nullable().describe("BPNT expansion stage of the user's district; null without one"),
  quotas: z
    .array(
      z.object({
        program: z.enum(PROGRAMS),
        quota: z.number().nullable().describe('null when none is set'),
        used: z.number().describe('AKTIF members of the list'),
      }),
    )
    .nullable()
    .describe("Quota and use per programme of the user's district in the current quota period; null without a single district"),
  documents: z.array(HomeDocumentSchema).describe("Documents published for the user's district (download cards), in order"),
});
