// Contract of View Data Kesos (F13): the scoped household list and the household page.
import { z } from 'zod';
import type { Household, Member } from '../schemas/index.ts';
import {
  DataFormatSchema,
  DesaCodeSchema,
  HouseholdStatusSchema,
  KabCodeSchema,
  KecamatanCodeSchema,
  pageOf,
  pagingQuery,
  ProvinsiCodeSchema,
  type Wire,
  text,
} from './common.ts';
import { KPM_PROGRAMS, MembershipReasonSchema, MembershipStatusSchema } from './programs.ts';

/** Programmes the household list filters by (F13): the KPM lists, PBI participants, accepted PKH nominations. */
export const HOUSEHOLD_PROGRAM_FILTERS = ['BPNT', 'RASTRA', 'PBI', 'PKH'] as const;

// The filters of the household list and of its export.
const HouseholdFilterFields = {
  provinsi: ProvinsiCodeSchema.optional().describe('A province of the scope (national users)'),
  kab: KabCodeSchema.optional().describe('A district of the scope (national and province users)'),
  kecamatan: KecamatanCodeSchema.optional(),
  desa: DesaCodeSchema.optional(),
  q: text().max(100).optional().describe('Name prefix of a member or head, or a 16-digit NIK, No KK or IDBDT'),
  status: HouseholdStatusSchema.optional(),
  desil: z.coerce.number().int().min(1).max(10).optional(),
  program: z
    .enum(HOUSEHOLD_PROGRAM_FILTERS)
    .optional()
    .describe('Households in a programme now: an AKTIF KPM of BPNT or RASTRA, a member AKTIF in PBI, or a DITERIMA PKH nomination'),
};

/** GET /api/v1/households */
export const HouseholdListQuerySchema = z.object({ ...HouseholdFilterFields, ...pagingQuery({ pageSize: 25, maxPage: 100_000 }) });

/** GET /api/v1/households/export: the list's filters and the file format. */
export const HouseholdExportQuerySchema = z.object({ ...HouseholdFilterFields, format: DataFormatSchema });

export const HouseholdListItemSchema = z.object({
  idbdt: z.string(),
  kode_wilayah: z.string(),
  nama_desa: z.string(),
  nama_kecamatan: z.string(),
  nama_krt: z.string().nullable(),
  alamat: z.string(),
  jumlah_art: z.number().nullable(),
  persentil: z.number().nullable(),
  status: HouseholdStatusSchema,
  version: z.number(),
  matchedMember: z
    .object({ idartbdt: z.string(), nama: z.string() })
    .nullable()
    .optional()
    .describe('For a search by name, NIK or No KK: the member of the household that matched (the first by idartbdt)'),
});
export const HouseholdPageSchema = pageOf(HouseholdListItemSchema).extend({
  totalApproximate: z
    .boolean()
    .describe(
      'true when more than 2,000 households match a list without a search: `total` is then a count reused for up to a minute, not made for this request (a search counts its matches exactly)',
    ),
});

export const HouseholdParamsSchema = z.object({ idbdt: z.string().regex(/^[0-9]{16}$/) });

// Every dictionary field of the record, plus version/status/timestamps: the fields follow the
// dictionary (src/shared/schemas), so the wire schema is an open record and HouseholdRecord
// below gives it its static type.
const RecordSchema = z.record(z.string(), z.unknown());

/** One entry of a household's change history. */
export const HistoryItemSchema = z.object({
  id: z.number(),
  idartbdt: z.string().nullable(),
  field: z.string(),
  old_value: z.string().nullable(),
  new_value: z.string().nullable(),
  version: z.number(),
  changed_at: z.date(),
  changed_by: z.string().nullable(),
  source: z.string(),
  reason: z.string().nullable(),
  package: z
    .object({ id: z.string(), fileName: z.string(), importId: z.string() })
    .nullable()
    .describe("For a change from an imported package (source 'package:<id>'): the package, its file name and its import"),
});

/** A household's programme memberships, current and ended (F13; issue 10). */
export const HouseholdProgrammesSchema = z.object({
  kpm: z.array(
    z.object({
      program: z.enum(KPM_PROGRAMS),
      status: MembershipStatusSchema,
      since: z.string().describe('YYYY-MM-DD'),
      until: z.string().nullable().describe('YYYY-MM-DD'),
      reason: MembershipReasonSchema,
      id_pengurus: z.string().nullable(),
      nama_pengurus: z.string().nullable().describe('Masked (initials) for roles without personal:unmasked'),
      no_kks: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
      no_rekening: z.string().nullable().describe('Masked (last 4 digits) for roles without personal:unmasked'),
    }),
  ),
  pbi: z.array(
    z.object({
      idartbdt: z.string(),
      nama: z.string().describe('Masked (initials) for roles without personal:unmasked'),
      no_kartu: z.string().nullable().describe('Null until the card is issued; masked (last 4 digits) for roles without personal:unmasked'),
      status: MembershipStatusSchema,
      since: z.string().describe('YYYY-MM-DD'),
      until: z.string().nullable().describe('YYYY-MM-DD'),
      reason: MembershipReasonSchema,
    }),
  ),
  pkh: z.array(
    z.object({
      status: z.enum(['DIUSULKAN', 'DITERIMA', 'DITOLAK']),
      nominated_at: z.string().describe('YYYY-MM-DD'),
      decided_at: z.string().nullable().describe('YYYY-MM-DD'),
    }),
  ),
});

/** GET /api/v1/households/:idbdt */
export const HouseholdDetailSchema = z.object({
  household: RecordSchema,
  members: z.array(RecordSchema),
  history: z.array(HistoryItemSchema),
  programs: HouseholdProgrammesSchema,
});

/**
 * A household as the API sends it: every dictionary field (codes as numbers, dates 'YYYY-MM-DD'),
 * version, status and timestamps (ISO); the fields every screen relies on are typed.
 */
export type HouseholdRecord = Pick<Household, 'idbdt' | 'kode_wilayah' | 'alamat' | 'nama_krt' | 'persentil' | 'status' | 'version'> & {
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
};
/** A member as the API sends it: every dictionary field; the fields every screen relies on are typed. */
export type MemberRecord = Pick<
  Member,
  'idartbdt' | 'idbdt' | 'nik' | 'no_kk' | 'nama' | 'hub_krt' | 'jenis_kelamin' | 'tanggal_lahir' | 'sta_keberadaan_art' | 'version'
> & { [field: string]: unknown };

/** GET /api/v1/households/:idbdt as the client reads it: the records with their typed fields. */
export interface HouseholdDetail {
  household: HouseholdRecord;
  members: MemberRecord[];
  history: Wire<typeof HistoryItemSchema>[];
  programs: Wire<typeof HouseholdProgrammesSchema>;
}
