// Contract of View Data Kesos (F13): the scoped household list and the household page.
import { z } from 'zod';
import type { Household, Member } from '../schemas/index.ts';
import { DesaCodeSchema, HouseholdStatusSchema, KecamatanCodeSchema, pageOf, pagingQuery, type Wire, text } from './common.ts';

/** GET /api/v1/households */
export const HouseholdListQuerySchema = z.object({
  kecamatan: KecamatanCodeSchema.optional(),
  desa: DesaCodeSchema.optional(),
  q: text().max(100).optional().describe('Name prefix of a member or head, or a 16-digit NIK, No KK or IDBDT'),
  status: HouseholdStatusSchema.optional(),
  desil: z.coerce.number().int().min(1).max(10).optional(),
  ...pagingQuery({ pageSize: 25, maxPage: 100_000 }),
});

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
});
export const HouseholdPageSchema = pageOf(HouseholdListItemSchema).extend({
  totalApproximate: z
    .boolean()
    .describe('true when more than 2,000 households match: `total` is then a count reused for up to a minute, not made for this request'),
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
});

/** GET /api/v1/households/:idbdt */
export const HouseholdDetailSchema = z.object({
  household: RecordSchema,
  members: z.array(RecordSchema),
  history: z.array(HistoryItemSchema),
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
}
