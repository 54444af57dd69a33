// Contract of Beranda (F3).
import { z } from 'zod';
import { AreaSchema, LocalizedTextSchema } from './common.ts';
import { DocumentSchema } from './documents.ts';
import { MouStateSchema } from './mou.ts';
import { RegionRefSchema } from './regions.ts';
import { PROGRAMS } from './vocabulary.ts';

/** A download card of Beranda. */
export const HomeDocumentSchema = DocumentSchema.pick({ id: true, title: true, contentType: true, size: true, uploadedAt: true });

/** How often something was downloaded and when last (null: never). */
export const DownloadCountSchema = z.object({ count: z.number(), lastAt: z.date().nullable() });

/** What a supervisor does next in the round: upload the MoU, wait for its review, download the release, import packages, decide, finalise. */
export const HomeNextStepSchema = z.enum([
  'UPLOAD_MOU',
  'WAIT_REVIEW',
  'DOWNLOAD_RELEASE',
  'IMPORT_PACKAGES',
  'DECIDE_PROPOSALS',
  'FINALISE',
]);

/** BDT proposals of one kecamatan in the period. */
export const HomeKecamatanProposalsSchema = z.object({
  kecamatan: AreaSchema,
  total: z.number(),
  waiting: z.number().describe('MENUNGGU: still to decide'),
  openDecided: z.number().describe('Decided, not finalised yet'),
});

/** The district's verval round at a glance (F3), for the user who runs it (mou:submit). */
export const HomeRoundSchema = z.object({
  mou: z.object({ state: MouStateSchema, submittedAt: z.date().nullable(), reviewedAt: z.date().nullable() }),
  nextStep: HomeNextStepSchema,
  releaseDownloads: DownloadCountSchema.describe('Release databases built and downloaded for the period'),
  offlineAppDownloads: DownloadCountSchema.describe("Downloads of the offline app by the district's users (any time)"),
  finalisations: z
    .array(z.object({ id: z.number(), number: z.number(), letterNumber: z.string(), at: z.date(), proposals: z.number() }))
    .describe('BDT finalisations of the period, newest first'),
});

/** GET /api/v1/home */
export const HomeSchema = z.object({
  region: RegionRefSchema.nullable(),
  roleLabel: LocalizedTextSchema,
  totalHouseholds: z.number(),
  kuotaKks: z
    .number()
    .nullable()
    .describe("BPNT (KKS) quota of the user's district; null without one, or for a user who does not read programme quotas (operator)"),
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
    .describe(
      "Quota and use per programme of the user's district in the current quota period; null without a single district or without program:read (operator)",
    ),
  documents: z.array(HomeDocumentSchema).describe("Documents published for the user's district (download cards), in order"),
  period: AreaSchema.nullable().describe('The verval period the figures below belong to (the open one, else the latest); null before any'),
  proposals: z
    .array(HomeKecamatanProposalsSchema)
    .nullable()
    .describe(
      "BDT proposals of the period per kecamatan of the user's scope (an operator: his kecamatan/desa only); null without a single district",
    ),
  round: HomeRoundSchema.nullable().describe('State of the round and the next step; only for the district supervisor (mou:submit)'),
});
