import { DciSearchAnswerSchema, DciSearchBodySchema } from '../../../shared/api/dci.ts';
import { langOf } from '../../http/auth.ts';
import { defineRoutes } from '../../http/routes.ts';
import { dciSearch } from './dci.service.ts';

/** Routes of the DCI integration API (issue 16). */
export const dciRoutes = defineRoutes('dci', (r, ctx) => {
  r.post('/api/v1/dci/registry/sync/search', 'dciSearch', {
    description:
      'The DCI social-registry sync search for INTEGRASI users (API token: `Authorization: Bearer …`; verb registry:integrate). ' +
      'Up to 10 search_request per envelope, each answered in its search_response: `succ` with one page of records of the ' +
      "token user's region scope, unmasked (HOUSEHOLD: the household's dictionary fields with `members`; INDIVIDUAL: a member's " +
      'fields with its idbdt), or `rjct` with status_reason_code DCI_INVALID_QUERY when its criteria do not fit. Every call is logged ' +
      'with its criteria and counts. A malformed envelope answers 400 VALIDATION, a token of another role 403 FORBIDDEN.',
    body: DciSearchBodySchema,
    response: { 200: DciSearchAnswerSchema },
  })
    .summary('DCI sync search of households and members (INTEGRASI)')
    .handle(({ actor, body, req }) => dciSearch(ctx, actor, body, langOf(req)));
});
