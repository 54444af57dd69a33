// Contract of the DCI (Digital Convergence Initiative) social-registry sync search (issue 16):
// other government systems look households and members up with an INTEGRASI user's API token.
// The envelope is checked here; each search_request's criteria are checked on their own
// (DciSearchCriteriaSchema) so that a bad one is answered `rjct` in its search_response, DCI-style,
// while the others of the same envelope are still answered.
import { z } from 'zod';
import { HOUSEHOLD_PROGRAM_FILTERS } from './households.ts';
import { HOUSEHOLD_STATUSES } from './vocabulary.ts';

/** At most this many search_request entries in one envelope. */
export const DCI_MAX_SEARCH_REQUESTS = 10;
/** The largest page_size a search_request may ask for. */
export const DCI_MAX_PAGE_SIZE = 100;
/** The page_size of a search_request without one. */
export const DCI_DEFAULT_PAGE_SIZE = 20;
/** At most this many conditions in an expression, and values in one `in`. */
export const DCI_MAX_CONDITIONS = 10;
export const DCI_MAX_IN_VALUES = 100;

export const DCI_REG_TYPES = ['HOUSEHOLD', 'INDIVIDUAL'] as const;
export const DCI_QUERY_TYPES = ['idtype-value', 'expression'] as const;
export const DCI_ID_TYPES = ['NIK', 'NO_KK', 'IDBDT', 'IDARTBDT'] as const;
export const DCI_ATTRIBUTES = ['kode_wilayah', 'desil', 'status', 'program'] as const;
export const DCI_OPERATORS = ['eq', 'in', 'lte', 'gte', 'startsWith'] as const;
export type DciRegType = (typeof DCI_REG_TYPES)[number];
export type DciIdType = (typeof DCI_ID_TYPES)[number];
export type DciAttribute = (typeof DCI_ATTRIBUTES)[number];
export type DciOperator = (typeof DCI_OPERATORS)[number];

const id = z.string().min(1).max(100);
const timestamp = z.string().max(40);

/** The pagination of a search_request: 1-based page_number, page_size up to DCI_MAX_PAGE_SIZE. */
export const DciPaginationSchema = z.object({
  page_size: z.number().int().min(1).max(DCI_MAX_PAGE_SIZE).default(DCI_DEFAULT_PAGE_SIZE),
  page_number: z.number().int().min(1).max(100_000).default(1),
});

/** `idtype-value`: one identifier; NIK, No KK and IDBDT have 16 digits, IDARTBDT 18. */
export const DciIdTypeValueQuerySchema = z
  .strictObject({ type: z.enum(DCI_ID_TYPES), value: z.string() })
  .refine((q) => (q.type === 'IDARTBDT' ? /^[0-9]{18}$/ : /^[0-9]{16}$/).test(q.value), {
    message: 'IDARTBDT has 18 digits; NIK, NO_KK and IDBDT have 16',
    path: ['value'],
  });

const scalar = z.union([z.string().max(40), z.number()]);
/** One condition of an expression; which operators and values fit which attribute is checked by dciConditionProblem. */
export const DciConditionSchema = z.strictObject({
  attribute: z.enum(DCI_ATTRIBUTES),
  operator: z.enum(DCI_OPERATORS),
  value: z.union([scalar, z.array(scalar).min(1).max(DCI_MAX_IN_VALUES)]),
});
export type DciCondition = z.output<typeof DciConditionSchema>;

/** `expression`: conditions that must all hold. */
export const DciExpressionQuerySchema = z.strictObject({ and: z.array(DciConditionSchema).min(1).max(DCI_MAX_CONDITIONS) });

// The operators of each attribute and the check of one value.
const ATTRIBUTE_RULES: Record<DciAttribute, { operators: readonly DciOperator[]; value: (v: unknown, op: DciOperator) => boolean }> = {
  kode_wilayah: {
    operators: ['eq', 'in', 'startsWith'],
    value: (v, op) => typeof v === 'string' && (op === 'startsWith' ? /^[0-9]{2,10}$/ : /^[0-9]{10}$/).test(v),
  },
  desil: { operators: ['eq', 'in', 'lte', 'gte'], value: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10 },
  status: { operators: ['eq', 'in'], value: (v) => (HOUSEHOLD_STATUSES as readonly unknown[]).includes(v) },
  program: { operators: ['eq', 'in'], value: (v) => (HOUSEHOLD_PROGRAM_FILTERS as readonly unknown[]).includes(v) },
};

/**
 * What is wrong with one condition (in both languages), or null: the attribute must allow the
 * operator, `in` takes a list and every other operator one value, and each value must fit the
 * attribute (kode_wilayah: a 10-digit desa, or 2–10 digits for startsWith; desil 1–10; status
 * AKTIF|NONAKTIF; program BPNT|RASTRA|PBI|PKH).
 */
export function dciConditionProblem(c: DciCondition): { id: string; en: string } | null {
  const rule = ATTRIBUTE_RULES[c.attribute];
  if (!rule.operators.includes(c.operator))
    return {
      id: `Operator ${c.operator} tidak berlaku untuk ${c.attribute} (boleh: ${rule.operators.join(', ')}).`,
      en: `Operator ${c.operator} does not apply to ${c.attribute} (allowed: ${rule.operators.join(', ')}).`,
    };
  const values = c.operator === 'in' ? c.value : [c.value];
  if (!Array.isArray(values) || (c.operator !== 'in' && Array.isArray(c.value)))
    return {
      id: `Operator ${c.operator} memerlukan ${c.operator === 'in' ? 'daftar nilai' : 'satu nilai'}.`,
      en: `Operator ${c.operator} takes ${c.operator === 'in' ? 'a list of values' : 'one value'}.`,
    };
  if (!values.every((v) => rule.value(v, c.operator)))
    return { id: `Nilai ${c.attribute} tidak valid.`, en: `Invalid value of ${c.attribute}.` };
  return null;
}

/** The criteria of one search_request, as the service checks them (an invalid one is answered `rjct`). */
export const DciSearchCriteriaSchema = z.discriminatedUnion('query_type', [
  z.object({
    reg_type: z.enum(DCI_REG_TYPES),
    query_type: z.literal('idtype-value'),
    query: DciIdTypeValueQuerySchema,
    pagination: DciPaginationSchema.default({ page_size: DCI_DEFAULT_PAGE_SIZE, page_number: 1 }),
  }),
  z.object({
    reg_type: z.enum(DCI_REG_TYPES),
    query_type: z.literal('expression'),
    query: DciExpressionQuerySchema,
    pagination: DciPaginationSchema.default({ page_size: DCI_DEFAULT_PAGE_SIZE, page_number: 1 }),
  }),
]);
export type DciSearchCriteria = z.output<typeof DciSearchCriteriaSchema>;

const SearchRequestSchema = z.object({
  reference_id: id,
  timestamp,
  search_criteria: z.record(z.string(), z.unknown()).meta({
    description:
      '{ reg_type: "HOUSEHOLD"|"INDIVIDUAL", query_type: "idtype-value"|"expression", query, pagination?: { page_size ≤ 100, page_number } }. ' +
      'idtype-value: { type: "NIK"|"NO_KK"|"IDBDT"|"IDARTBDT", value }. expression: { and: [ { attribute: "kode_wilayah" (eq|in|startsWith), ' +
      '"desil" (eq|in|lte|gte, 1–10), "status" (eq|in, AKTIF|NONAKTIF) or "program" (eq|in, BPNT|RASTRA|PBI|PKH), operator, value } ] }. ' +
      'Criteria that do not fit are answered in their search_response with status "rjct".',
  }),
});

const example = (reference_id: string, search_criteria: Record<string, unknown>) => ({
  signature: '',
  header: {
    version: '1.0.0',
    message_id: 'msg-0001',
    message_ts: '2026-12-05T09:00:00+07:00',
    action: 'search',
    sender_id: 'bpjs-kesehatan',
    receiver_id: 'siks-ng',
    total_count: 1,
  },
  message: { transaction_id: 'trx-0001', search_request: [{ reference_id, timestamp: '2026-12-05T09:00:00+07:00', search_criteria }] },
});

/** POST /api/v1/dci/registry/sync/search: the DCI search envelope. */
export const DciSearchBodySchema = z
  .object({
    signature: z.string().max(4000).optional(),
    header: z.object({
      version: z.string().max(20),
      message_id: id,
      message_ts: timestamp,
      action: z.literal('search'),
      sender_id: id,
      receiver_id: z.string().max(100).optional(),
      total_count: z.number().int().min(0),
      is_msg_encrypted: z.boolean().optional(),
    }),
    message: z.object({
      transaction_id: id,
      search_request: z.array(SearchRequestSchema).min(1).max(DCI_MAX_SEARCH_REQUESTS),
    }),
  })
  .meta({
    examples: [
      example('ref-nik', {
        reg_type: 'INDIVIDUAL',
        query_type: 'idtype-value',
        query: { type: 'NIK', value: '3174015501870003' },
      }),
      example('ref-kk', {
        reg_type: 'HOUSEHOLD',
        query_type: 'idtype-value',
        query: { type: 'NO_KK', value: '3174010101090001' },
      }),
      example('ref-expression', {
        reg_type: 'HOUSEHOLD',
        query_type: 'expression',
        query: {
          and: [
            { attribute: 'kode_wilayah', operator: 'startsWith', value: '317401' },
            { attribute: 'desil', operator: 'lte', value: 4 },
            { attribute: 'status', operator: 'eq', value: 'AKTIF' },
            { attribute: 'program', operator: 'in', value: ['BPNT', 'PBI'] },
          ],
        },
        pagination: { page_size: 50, page_number: 1 },
      }),
    ],
  });

export const DCI_STATUSES = ['succ', 'rjct', 'pdng'] as const;
const DciStatusSchema = z.enum(DCI_STATUSES);

/** One answered search_request: the records of one page, or a rejection with our error code. */
export const DciSearchResponseItemSchema = z.object({
  reference_id: z.string(),
  timestamp: z.string(),
  status: DciStatusSchema,
  status_reason_code: z.string().optional(),
  status_reason_message: z.string().optional(),
  data: z.object({
    reg_type: z.enum(DCI_REG_TYPES).optional(),
    /** HOUSEHOLD: a household's dictionary fields with `members`; INDIVIDUAL: a member's fields with its idbdt. */
    reg_records: z.array(z.record(z.string(), z.unknown())),
  }),
  pagination: z.object({ page_size: z.number(), page_number: z.number(), total_count: z.number() }),
});

/** The on-search answer. */
export const DciSearchAnswerSchema = z.object({
  signature: z.string().optional(),
  header: z.object({
    version: z.string(),
    message_id: z.string(),
    message_ts: z.string(),
    action: z.literal('on-search'),
    status: DciStatusSchema,
    status_reason_code: z.string().optional(),
    status_reason_message: z.string().optional(),
    total_count: z.number(),
    completed_count: z.number(),
    sender_id: z.string(),
    receiver_id: z.string(),
  }),
  message: z.object({
    transaction_id: z.string(),
    correlation_id: z.string(),
    search_response: z.array(DciSearchResponseItemSchema),
  }),
});
export type DciSearchAnswer = z.input<typeof DciSearchAnswerSchema>;
