import type { z } from 'zod';
import { UuidParamsSchema } from '../../../shared/api/common.ts';
import * as api from '../../../shared/api/programme-proposals.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportKpmWaiting, exportPbiWaiting, exportProgrammeProposals } from './proposals.export.ts';
import * as svc from './proposals.service.ts';

type View = z.input<typeof api.ProgrammeProposalViewSchema>;

/** Routes of the BSP (/api/v1/kpm/…) and PBI (/api/v1/pbi/…) proposals and waiting lists (F10, F11). */
export const programmeProposalsRoutes = defineRoutes('programs', (r, ctx) => {
  const modules = [
    {
      module: 'BSP',
      base: '/api/v1/kpm',
      op: 'Kpm',
      list: api.KpmProposalListQuerySchema,
      create: api.KpmProposalCreateSchema,
      bulk: api.KpmBulkDecisionBodySchema,
      export: api.KpmProposalExportQuerySchema,
    },
    {
      module: 'PBI',
      base: '/api/v1/pbi',
      op: 'Pbi',
      list: api.PbiProposalListQuerySchema,
      create: api.PbiProposalCreateSchema,
      bulk: api.PbiBulkDecisionBodySchema,
      export: api.PbiProposalExportQuerySchema,
    },
  ] as const;
  for (const m of modules) {
    r.get(`${m.base}/proposals`, `list${m.op}Proposals`, { querystring: m.list, response: { 200: api.ProgrammeProposalPageSchema } })
      .summary(
        `${m.module} proposals of a district in the caller scope, filtered and paged, with counts per status (masked for roles without personal:unmasked)`,
      )
      .handle(({ actor, query }) => svc.listProgrammeProposals(ctx, actor, m.module, query));
    exportRoute(
      r,
      `${m.base}/proposals/export`,
      `export${m.op}Proposals`,
      m.export,
      `The ${m.module} proposals of the review list's filters as xlsx or csv (masked like the list); streamed and logged`,
      (actor, query) => exportProgrammeProposals(ctx, actor, m.module, query),
    );
    r.get(`${m.base}/proposals/:id`, `get${m.op}Proposal`, { params: UuidParamsSchema, response: { 200: api.ProgrammeProposalViewSchema } })
      .summary(`One ${m.module} proposal beside the memberships it changes, and the quota it is checked against`)
      .handle(async ({ actor, params }) => (await svc.getProgrammeProposal(ctx, actor, m.module, params.id)) as View);
    r.post(`${m.base}/proposals`, `create${m.op}Proposal`, {
      body: m.create,
      status: 201,
      response: { 201: api.ProgrammeProposalViewSchema },
    })
      .summary(`Make a ${m.module} proposal online (supervisor): checked like a package line and against the lists now`)
      .handle(async ({ actor, body }) => (await svc.createOnlineProposal(ctx, actor, m.module, body)) as View);
    r.post(`${m.base}/proposals/:id/decision`, `decide${m.op}Proposal`, {
      params: UuidParamsSchema,
      body: api.ProgrammeDecisionBodySchema,
      response: { 200: api.ProgrammeProposalViewSchema },
    })
      .summary(`Approve (within the quota, checked in the same transaction) or reject (reason) one ${m.module} proposal`)
      .handle(async ({ actor, params, body }) => (await svc.decideProgrammeProposal(ctx, actor, m.module, params.id, body)) as View);
    r.post(`${m.base}/proposals/decisions`, `decide${m.op}Proposals`, { body: m.bulk, response: { 200: api.ProgrammeBulkResultSchema } })
      .summary(
        `Decide every waiting ${m.module} proposal of a filter at once (dryRun counts first); over-quota and ineligible ones stay waiting`,
      )
      .handle(({ actor, body }) => svc.decideProgrammeProposals(ctx, actor, m.module, body));
  }
  r.get('/api/v1/kpm/waiting-list', 'listKpmWaiting', {
    querystring: api.KpmWaitingListQuerySchema,
    response: { 200: api.KpmWaitingPageSchema },
  })
    .summary(
      'AKTIF households of desil 1–4 not yet KPM of the programme, lowest persentil then most vulnerable first (the default of "Ganti")',
    )
    .handle(({ actor, query }) => svc.kpmWaitingList(ctx, actor, query));
  exportRoute(
    r,
    '/api/v1/kpm/waiting-list/export',
    'exportKpmWaiting',
    api.KpmWaitingExportQuerySchema,
    'The KPM waiting list of a programme as xlsx or csv (masked like the list); streamed and logged',
    (actor, query) => exportKpmWaiting(ctx, actor, query),
  );
  r.get('/api/v1/pbi/waiting-list', 'listPbiWaiting', {
    querystring: api.PbiWaitingListQuerySchema,
    response: { 200: api.PbiWaitingPageSchema },
  })
    .summary('Present members of AKTIF households of desil 1–4 not yet PBI, lowest persentil then most vulnerable first')
    .handle(({ actor, query }) => svc.pbiWaitingList(ctx, actor, query));
  exportRoute(
    r,
    '/api/v1/pbi/waiting-list/export',
    'exportPbiWaiting',
    api.PbiWaitingExportQuerySchema,
    'The PBI waiting list as xlsx or csv (masked like the list); streamed and logged',
    (actor, query) => exportPbiWaiting(ctx, actor, query),
  );
});
