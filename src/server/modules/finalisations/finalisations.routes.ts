import type { FastifyRequest } from 'fastify';
import {
  FinalisationDetailSchema,
  FinalisationListQuerySchema,
  FinalisationPageSchema,
  FinalisationParamsSchema,
  FinalisationPreviewSchema,
  FinaliseBodySchema,
  FinalisedDataQuerySchema,
  LetterParamsSchema,
  LetterQuerySchema,
  LetterVerificationSchema,
} from '../../../shared/api/finalisations.ts';
import { sendAttachment } from '../../http/download.ts';
import { routeTable } from '../../http/routes.ts';
import type { FastifyZod } from '../../http/types.ts';
import type { AppContext } from '../../platform/context.ts';
import {
  downloadLetter,
  finalisePeriod,
  getFinalisation,
  listFinalisations,
  prepareFinalisedData,
  previewFinalisation,
  verifyLetter,
} from './finalisations.service.ts';
import { sendDownload, XLSX_TYPE } from './tabular.ts';

/** scheme://host of the request (X-Forwarded-* only from a trusted proxy; https whenever the server sits behind TLS). */
function originOf(req: FastifyRequest, behindTls: boolean): string {
  return `${behindTls ? 'https' : req.protocol}://${req.host}`;
}

/** Routes of Finalisasi and Surat Pengesahan (F8), and the public letter verification. */
export function finalisationsRoutes(app: FastifyZod, ctx: AppContext) {
  const r = routeTable(app, 'finalisations');
  r.get('/api/v1/finalisations/preview', 'previewFinalisation', { response: { 200: FinalisationPreviewSchema } })
    .summary(
      "Preview of the next finalisation of the supervisor's district in the open period: counts, waiting proposals (they block it), missing profile data",
    )
    .handle(({ actor }) => previewFinalisation(ctx, actor));
  r.post('/api/v1/finalisations', 'finalisePeriod', { body: FinaliseBodySchema, status: 201, response: { 201: FinalisationDetailSchema } })
    .summary(
      'Finalisasi BDT: freeze the decided proposals of the open period (refused while proposals are MENUNGGU). `expected`: the count confirmed in the preview',
    )
    .handle(({ actor, body }) => finalisePeriod(ctx, actor, body ?? {}));
  r.get('/api/v1/finalisations', 'listFinalisations', {
    querystring: FinalisationListQuerySchema,
    response: { 200: FinalisationPageSchema },
  })
    .summary('Finalisations in scope (of one district with `kab`, one period with `period`), newest first')
    .handle(({ actor, query }) => listFinalisations(ctx, actor, query));
  r.get('/api/v1/finalisations/:id', 'getFinalisation', { params: FinalisationParamsSchema, response: { 200: FinalisationDetailSchema } })
    .summary('One finalisation with its recap as finalised')
    .handle(({ actor, params }) => getFinalisation(ctx, actor, params.id));
  r.get('/api/v1/finalisations/:id/letter', 'downloadLetter', { params: FinalisationParamsSchema, produces: ['application/pdf'] })
    .summary('The Surat Pengesahan of a finalisation (PDF); logged')
    .handle(async ({ actor, params, req, reply }) => {
      const letter = await downloadLetter(ctx, actor, params.id, originOf(req, ctx.config.behindTls));
      return sendAttachment(reply, { fileName: letter.fileName, contentType: 'application/pdf' }, letter.bytes);
    });
  r.get('/api/v1/finalisations/:id/data', 'downloadFinalisedData', {
    params: FinalisationParamsSchema,
    querystring: FinalisedDataQuerySchema,
    produces: [XLSX_TYPE, 'text/csv'],
  })
    .summary(
      'The finalised data: xlsx (sheets Usulan, Rumah Tangga, Anggota Rumah Tangga) or csv of one table (`table`, default usulan); streamed, logged',
    )
    .handle(async ({ actor, params, query, reply }) =>
      sendDownload(reply, await prepareFinalisedData(ctx, actor, params.id, query.format, query.table)),
    );
  // Public (no login, outside /api/v1): anyone holding a letter checks it against the stored
  // finalisation. The id is the random public id of the QR code; nothing personal is answered.
  r.get('/api/public/verifikasi/:publicId', 'verifyLetter', {
    tags: ['public'],
    security: [],
    params: LetterParamsSchema,
    querystring: LetterQuerySchema,
    response: { 200: LetterVerificationSchema },
  })
    .summary('Public check of a Surat Pengesahan by the id on its QR code; `matches` compares `hash` with the stored data hash')
    .handle(({ params, query, reply }) => {
      reply.header('cache-control', 'no-store');
      return verifyLetter(ctx, params.publicId, query.hash);
    });
}
