// Contract of Finalisasi and Surat Pengesahan (F8), and of the public letter verification.
import { z } from 'zod';
import {
  AreaSchema,
  countsBy,
  DataFormatSchema,
  IdParamsSchema,
  KabCodeSchema,
  pageOf,
  PeriodCodeSchema,
  pagingQuery,
  ProposalTypeSchema,
} from './common.ts';
import { BSP_TYPES, PBI_TYPES } from './programme-line.ts';
import { PROPOSAL_STATUSES, VERVAL_RESULT_KEYS } from './vocabulary.ts';

/** What a finalisation covers: BDT proposals, or the BSP or PBI list changes (numbered per module). */
export const FinalisationModuleSchema = z.enum(['BDT', 'BSP', 'PBI']);

/**
 * Counts of proposals: `result` counts PERBAIKAN proposals by verval result, `status` counts all
 * proposals by status.
 */
export const RecapCountsSchema = z.object({
  proposals: z.number(),
  perbaikan: z.number(),
  usulanBaru: z.number(),
  result: countsBy(VERVAL_RESULT_KEYS),
  status: countsBy(PROPOSAL_STATUSES),
});

/** The recap of a set of proposals: totals, every kecamatan, the desa with proposals. */
export const ProposalRecapSchema = z.object({
  totals: RecapCountsSchema,
  kecamatan: z.array(AreaSchema.extend({ counts: RecapCountsSchema })),
  desa: z.array(AreaSchema.extend({ kecamatan: z.string(), counts: RecapCountsSchema })),
});

/**
 * Counts of BSP/PBI proposals as list changes (approved ones): `masuk` enters the list (BSP_GANTI's
 * replacement, PBI_USUL), `keluar` leaves it without replacement (BSP_NONAKTIF, PBI_NONAKTIF),
 * `diganti` leaves it replaced (BSP_GANTI), `ubahData` (BSP_UBAH); `status` counts all by status.
 */
export const ProgrammeCountsSchema = z.object({
  proposals: z.number(),
  masuk: z.number(),
  keluar: z.number(),
  diganti: z.number(),
  ubahData: z.number(),
  status: countsBy(PROPOSAL_STATUSES),
});

/** The recap of a BSP/PBI finalisation: areas as the BDT recap, and per programme its counts, AKTIF members and quota. */
export const ProgrammeRecapSchema = z.object({
  totals: ProgrammeCountsSchema,
  kecamatan: z.array(AreaSchema.extend({ counts: ProgrammeCountsSchema })),
  desa: z.array(AreaSchema.extend({ kecamatan: z.string(), counts: ProgrammeCountsSchema })),
  programs: z.array(
    z.object({
      program: z.enum(['BPNT', 'RASTRA', 'PBI']),
      counts: ProgrammeCountsSchema,
      active: z.number(),
      quota: z.number().nullable(),
    }),
  ),
});

/** The recap of a finalisation or preview: BDT proposals (ProposalRecap) or BSP/PBI list changes (ProgrammeRecap, with `programs`). */
export const AnyRecapSchema = z.union([ProposalRecapSchema, ProgrammeRecapSchema]);

/** A finalisation as lists show it (`households`: for BSP/PBI, the list memberships its snapshot holds). */
export const FinalisationSummarySchema = z.object({
  module: FinalisationModuleSchema,
  id: z.number(),
  publicId: z.string(),
  kab: AreaSchema,
  period: AreaSchema,
  number: z.number(),
  letterNumber: z.string(),
  createdAt: z.date(),
  createdBy: z.string(),
  proposals: z.number(),
  households: z.number(),
  dataSha256: z.string(),
});

const PeriodRefSchema = z.object({ code: z.string(), name: z.string(), skNumber: z.string().nullable() });

/** One finalisation with its recap and the letter's data, as finalised. */
export const FinalisationDetailSchema = FinalisationSummarySchema.extend({
  recap: AnyRecapSchema,
  letter: z.object({
    kab: AreaSchema,
    namaInstansi: z.string(),
    alamat: z.string(),
    nomorTelepon: z.string().nullable(),
    namaBupati: z.string(),
    kepalaDinas: z.object({ nama: z.string().nullable(), nip: z.string().nullable() }),
    pengesah: z.object({ nama: z.string(), nip: z.string() }),
    pengesahIsKepalaDinas: z.boolean(),
    period: PeriodRefSchema,
  }),
});

export const ProfileFieldSchema = z.enum(['namaInstansi', 'alamat', 'namaBupati', 'pengesahNama', 'pengesahNip']);

/** A proposal still MENUNGGU: it blocks the finalisation. */
export const WaitingProposalSchema = z.object({
  id: z.string(),
  type: z.union([ProposalTypeSchema, z.enum([...BSP_TYPES, ...PBI_TYPES])]),
  idbdt: z.string().nullable(),
  kode_wilayah: z.string(),
  desa: z.string().nullable(),
  kecamatan: z.string().nullable(),
  operator_username: z.string().nullable(),
  imported_at: z.date(),
  conflict: z.boolean(),
});

/** GET /api/v1/finalisations/preview: `module` (default BDT) names what is previewed. */
export const FinalisationPreviewQuerySchema = z.object({ module: FinalisationModuleSchema.optional() });

/** GET /api/v1/finalisations/preview */
export const FinalisationPreviewSchema = z.object({
  module: FinalisationModuleSchema,
  kab: AreaSchema,
  period: PeriodRefSchema,
  nextNumber: z.number(),
  recap: AnyRecapSchema,
  waiting: z.object({ total: z.number(), items: z.array(WaitingProposalSchema) }),
  toFinalise: z.number(),
  profileMissing: z.array(ProfileFieldSchema),
  canFinalise: z.boolean(),
  previous: z.array(FinalisationSummarySchema),
});

/** POST /api/v1/finalisations: `expected` is the count the user confirmed in the preview; `module` (default BDT) what is finalised. */
export const FinaliseBodySchema = z
  .object({ expected: z.number().int().min(0).optional(), module: FinalisationModuleSchema.optional() })
  .nullish();

/** GET /api/v1/finalisations */
export const FinalisationListQuerySchema = z.object({
  kab: KabCodeSchema.optional(),
  period: PeriodCodeSchema.optional(),
  module: FinalisationModuleSchema.optional(),
  ...pagingQuery({ pageSize: 20, maxPage: 1_000_000 }),
});
export const FinalisationPageSchema = pageOf(FinalisationSummarySchema);

export const FinalisationParamsSchema = IdParamsSchema;

/** Tables of the finalised data: BDT usulan, ruta, art; BSP/PBI usulan, perubahan (the list changes). */
export const DataTableSchema = z.enum(['usulan', 'ruta', 'art', 'perubahan']);
/** GET /api/v1/finalisations/:id/data */
export const FinalisedDataQuerySchema = z.object({ format: DataFormatSchema, table: DataTableSchema.default('usulan') });

/** GET /api/public/verifikasi/:publicId */
export const LetterParamsSchema = z.object({ publicId: z.string().uuid() });
export const LetterQuerySchema = z.object({
  hash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
});
/** What the public learns of a letter: `matches` compares the given hash with the stored data hash. */
export const LetterVerificationSchema = z.object({
  module: FinalisationModuleSchema,
  kab: AreaSchema,
  period: AreaSchema,
  number: z.number(),
  letterNumber: z.string(),
  finalisedAt: z.date(),
  dataSha256: z.string(),
  totals: z.object({
    proposals: z.number(),
    perbaikan: z.number(),
    usulanBaru: z.number(),
    approved: z.number(),
    rejected: z.number(),
  }),
  /** BSP/PBI: the list changes (see ProgrammeCountsSchema); null for BDT. */
  changes: z.object({ masuk: z.number(), keluar: z.number(), diganti: z.number(), ubahData: z.number() }).nullable(),
  matches: z.boolean().nullable(),
});
