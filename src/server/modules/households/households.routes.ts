import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import { getHousehold, listHouseholds } from './households.service.ts';

const HouseholdListItem = z.object({
  idbdt: z.string(),
  kode_wilayah: z.string(),
  nama_desa: z.string(),
  nama_kecamatan: z.string(),
  nama_krt: z.string().nullable(),
  alamat: z.string(),
  jumlah_art: z.number().nullable(),
  persentil: z.number().nullable(),
  status: z.enum(['AKTIF', 'NONAKTIF']),
  version: z.number(),
});

// Every dictionary field of the record, plus version/status/timestamps (see src/shared/schemas).
const Record = z.record(z.string(), z.unknown());

const HistoryItem = z.object({
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

/** Routes of the households module (View Data Kesos, F13). */
export function householdsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/households',
    {
      schema: {
        operationId: 'listHouseholds',
        summary: 'Households in the user scope, filtered and paged on the server',
        tags: ['households'],
        querystring: z.object({
          kecamatan: z
            .string()
            .regex(/^[0-9]{6}$/)
            .optional(),
          desa: z
            .string()
            .regex(/^[0-9]{10}$/)
            .optional(),
          q: z.string().max(100).optional().describe('Name prefix of a member or head, or a 16-digit NIK, No KK or IDBDT'),
          status: z.enum(['AKTIF', 'NONAKTIF']).optional(),
          desil: z.coerce.number().int().min(1).max(10).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: {
          200: z.object({
            items: z.array(HouseholdListItem),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (req) => listHouseholds(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/households/:idbdt',
    {
      schema: {
        operationId: 'getHousehold',
        summary: 'One household with its members and change history',
        tags: ['households'],
        params: z.object({ idbdt: z.string().regex(/^[0-9]{16}$/) }),
        response: { 200: z.object({ household: Record, members: z.array(Record), history: z.array(HistoryItem) }) },
      },
    },
    async (req) => getHousehold(ctx, actorOf(req), req.params.idbdt),
  );
}
