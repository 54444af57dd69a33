import type { z } from 'zod';
import { UuidParamsSchema } from '../../../shared/api/common.ts';
import * as api from '../../../shared/api/proposals.ts';
import { sendAttachment } from '../../http/download.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportProposals } from './proposals.export.ts';
import { buildFeedback, decideProposal, decideProposals, getProposal, listProposals } from './proposals.service.ts';

/** Routes of Verifikasi Usulan (F7) and feedback. */
export const proposalsRoutes = defineRoutes('proposals', (r, ctx) => {
  r.get('/api/v1/proposals', 'listProposals', { querystring: api.ProposalListQuerySchema, response: { 200: api.ProposalPageSchema } })
    .summary("Proposals of the supervisor's district, filtered and paged, with counts per status")
    .handle(({ actor, query }) => listProposals(ctx, actor, query));
  exportRoute(
    r,
    '/api/v1/proposals/export',
    'exportProposals',
    api.ProposalExportQuerySchema,
    'The proposals of the Verifikasi Usulan filters as xlsx or csv; streamed and logged',
    (actor, query) => exportProposals(ctx, actor, query),
  );
  r.get('/api/v1/proposals/:id', 'getProposal', { params: UuidParamsSchema, response: { 200: api.ProposalViewSchema } })
    .summary('One proposal: current and proposed values side by side, warnings, conflicts, decision')
    .handle(async ({ actor, params }) => (await getProposal(ctx, actor, params.id)) as z.input<typeof api.ProposalViewSchema>);
  r.post('/api/v1/proposals/:id/decision', 'decideProposal', {
    params: UuidParamsSchema,
    body: api.DecisionBodySchema,
    response: { 200: api.ProposalViewSchema },
  })
    .summary('Approve, reject (reason), approve part (accepted paths, reason) or return for correction (reason)')
    .handle(
      async ({ actor, params, body }) => (await decideProposal(ctx, actor, params.id, body)) as z.input<typeof api.ProposalViewSchema>,
    );
  r.post('/api/v1/proposals/decisions', 'decideProposals', {
    body: api.BulkDecisionBodySchema,
    response: { 200: api.BulkDecisionResultSchema },
  })
    .summary('Decide every waiting proposal of a filter at once (dryRun counts first); conflicts are skipped')
    .handle(({ actor, body }) => decideProposals(ctx, actor, body));
  r.get('/api/v1/imports/:id/feedback', 'downloadFeedback', { tags: ['imports'], params: UuidParamsSchema })
    .summary('Unduh umpan balik: the .siksfb of an import with every decided proposal')
    .handle(async ({ actor, params, reply }) => {
      const f = await buildFeedback(ctx, actor, params.id);
      const fileName = f.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
      return sendAttachment(reply, { fileName, contentType: 'application/octet-stream' }, Buffer.from(f.bytes));
    });
});
