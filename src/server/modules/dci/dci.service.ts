import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type DciSearchAnswer, type DciSearchBodySchema, DciSearchCriteriaSchema, dciConditionProblem } from '../../../shared/api/dci.ts';
import { type IssueLike, localiseIssues } from '../../../shared/api/validation.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorCatalogue, type Lang } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { type Actor, districtInScope, householdsInScope, logRegionOf } from '../access/index.ts';
import { type DciMatch, searchRecords } from './dci.queries.ts';

// The DCI social-registry sync search (issue 16) for INTEGRASI users: unmasked records of the
// actor's scope only, each search_request answered on its own (`succ` with a page of records, or
// `rjct` with our error code), and the whole call logged with its criteria and counts in the same
// transaction as its reads.

/** Who answers: the receiver_id senders address, and our sender_id. */
export const DCI_SENDER_ID = 'siks-ng';
const DCI_VERSION = '1.0.0';

type Body = z.output<typeof DciSearchBodySchema>;
type Item = DciSearchAnswer['message']['search_response'][number];
type Checked = { ok: true; criteria: z.output<typeof DciSearchCriteriaSchema>; match: DciMatch } | { ok: false; message: string };

// The criteria of one search_request, checked: the schema, then each condition's operator and values.
function check(raw: Record<string, unknown>, lang: Lang): Checked {
  const parsed = DciSearchCriteriaSchema.safeParse(raw);
  if (!parsed.success) {
    const { message } = localiseIssues(parsed.error.issues as unknown as IssueLike[], {
      lang,
      schema: DciSearchCriteriaSchema,
      input: raw,
    });
    return { ok: false, message };
  }
  const criteria = parsed.data;
  if (criteria.query_type === 'idtype-value') return { ok: true, criteria, match: { kind: 'id', ...criteria.query } };
  for (const c of criteria.query.and) {
    const problem = dciConditionProblem(c);
    if (problem) return { ok: false, message: problem[lang] };
  }
  return { ok: true, criteria, match: { kind: 'expression', and: criteria.query.and } };
}

/**
 * Answers a DCI search envelope (POST /api/v1/dci/registry/sync/search): per search_request one
 * page of records within the actor's scope, unmasked; one log entry for the call.
 */
export async function dciSearch(ctx: AppContext, actor: Actor, body: Body, lang: Lang): Promise<DciSearchAnswer> {
  assertCan(actor, 'registry:integrate');
  const scope = householdsInScope(actor, 'h');
  const requests = body.message.search_request.map((r) => ({ ...r, checked: check(r.search_criteria, lang) }));
  // READ COMMITTED, not a snapshot: the log's chain head must be read under its lock (releases.service.ts);
  // each page carries its own total in the same statement, so a page and its count agree anyway.
  return ctx.database.transaction(async (tx) => {
    const responses: Item[] = [];
    for (const r of requests) {
      const timestamp = now().toISOString();
      if (!r.checked.ok) {
        responses.push({
          reference_id: r.reference_id,
          timestamp,
          status: 'rjct',
          status_reason_code: 'DCI_INVALID_QUERY',
          status_reason_message: `${errorCatalogue.DCI_INVALID_QUERY[lang]} ${r.checked.message}`,
          data: { reg_records: [] },
          pagination: { page_size: 0, page_number: 0, total_count: 0 },
        });
        continue;
      }
      const { criteria, match } = r.checked;
      const { page_size, page_number } = criteria.pagination;
      const page = await searchRecords(tx, criteria.reg_type, match, scope, { size: page_size, number: page_number }, (c) =>
        districtInScope(actor, c),
      );
      responses.push({
        reference_id: r.reference_id,
        timestamp,
        status: 'succ',
        data: { reg_type: criteria.reg_type, reg_records: page.records },
        pagination: { page_size, page_number, total_count: page.total },
      });
    }
    const completed = responses.filter((r) => r.status === 'succ').length;
    const returned = responses.reduce((n, r) => n + r.data.reg_records.length, 0);
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'DCI_SEARCH',
      text: {
        id: `Pencarian DCI dari ${body.header.sender_id}: ${requests.length} permintaan, ${returned} rekaman dikirim`,
        en: `DCI search from ${body.header.sender_id}: ${requests.length} request(s), ${returned} record(s) sent`,
      },
      subject: body.message.transaction_id,
      regionCode: logRegionOf(actor),
      details: {
        sender_id: body.header.sender_id,
        message_id: body.header.message_id,
        transaction_id: body.message.transaction_id,
        requests: requests.map((r, i) => ({
          reference_id: r.reference_id,
          criteria: r.search_criteria,
          status: responses[i]!.status,
          total_count: responses[i]!.pagination.total_count,
          returned: responses[i]!.data.reg_records.length,
        })),
      },
    });
    return {
      header: {
        version: DCI_VERSION,
        message_id: randomUUID(),
        message_ts: now().toISOString(),
        action: 'on-search' as const,
        status: completed > 0 ? ('succ' as const) : ('rjct' as const),
        ...(completed > 0
          ? {}
          : { status_reason_code: 'DCI_INVALID_QUERY', status_reason_message: errorCatalogue.DCI_INVALID_QUERY[lang] }),
        total_count: responses.length,
        completed_count: completed,
        sender_id: DCI_SENDER_ID,
        receiver_id: body.header.sender_id,
      },
      message: { transaction_id: body.message.transaction_id, correlation_id: randomUUID(), search_response: responses },
    };
  });
}
