import type { FastifyRequest } from 'fastify';
import * as api from '../../../shared/api/finalisations.ts';
import { sendAttachment } from '../../http/download.ts';
import { defineRoutes } from '../../http/routes.ts';
import * as svc from './finalisations.service.ts';
import { sendDownload, XLSX_TYPE } from './tabular.ts';

/** scheme://host of the request (X-Forwarded-* only from a trusted proxy; https whenever the server sits behind TLS). */
function originOf(req: FastifyRequest, behindTls: boolean): string {
  return `${behindTls ? 'https' : req.protocol}://${req.host}`;
}

/** Routes of Finalisasi and Surat Pengesahan (F8), and the public letter verification. */
export const finalisationsRoutes = defineRoutes('finalisations', (r, ctx) => {
  r.get('/api/v1/finalisations/preview', 'previewFinalisation', {
    querystring: api.FinalisationPreviewQuerySchema,
    response: { 200: api.FinalisationPreviewSchema },
  })
    .summary(
      "Preview of the next finalisation of the supervisor's district in the open period: counts, waiting proposals (they block it), missing profile data. `module`: BDT (default), BSP or PBI",
    )
    .handle(({ actor, query }) => svc.previewFinalisation(ctx, actor, query));
  r.post('/api/v1/finalisations', 'finalisePeriod', {
    body: api.FinaliseBodySchema,
    status: 201,
    response: { 201: api.FinalisationDetailSchema },
  })
    .summary(
      'Finalisasi BDT (or BSP/PBI with `module`): freeze the decided proposals of the open period (refused while proposals of the module are MENUNGGU). `expected`: the count confirmed in the preview',
    )
    .handle(({ actor, body }) => svc.finalisePeriod(ctx, actor, body ?? {}));
  r.get('/api/v1/finalisations', 'listFinalisations', {
    querystring: api.FinalisationListQuerySchema,
    response: { 200: api.FinalisationPageSchema },
  })
    .summary('Finalisations in scope (of one district with `kab`, one period with `period`, one module with `module`), newest first')
    .handle(({ actor, query }) => svc.listFinalisations(ctx, actor, query));
  r.get('/api/v1/finalisations/:id', 'getFinalisation', {
    params: api.FinalisationParamsSchema,
    response: { 200: api.FinalisationDetailSchema },
  })
    .summary('One finalisation with its recap as finalised')
    .handle(({ actor, params }) => svc.getFinalisation(ctx, actor, params.id));
  r.get('/api/v1/finalisations/:id/letter', 'downloadLetter', { params: api.FinalisationParamsSchema, produces: ['application/pdf'] })
    .summary('The letter of a finalisation (PDF): the Surat Pengesahan (BDT) or the Berita Acara (BSP/PBI); logged')
    .handle(async ({ actor, params, req, reply }) => {
      const letter = await svc.downloadLetter(ctx, actor, params.id, originOf(req, ctx.config.behindTls));
      return sendAttachment(reply, { fileName: letter.fileName, contentType: 'application/pdf' }, letter.bytes);
    });
  r.get('/api/v1/finalisations/:id/data', 'downloadFinalisedData', {
    params: api.FinalisationParamsSchema,
    querystring: api.FinalisedDataQuerySchema,
    produces: [XLSX_TYPE, 'text/csv'],
  })
    .summary(
      'The finalised data: xlsx (BDT: sheets Usulan, Rumah Tangga, Anggota Rumah Tangga; BSP/PBI: Perubahan Daftar, Usulan) or csv of one table (`table`, default usulan); streamed, logged',
    )
    .handle(async ({ actor, params, query, reply }) =>
      sendDownload(reply, await svc.prepareFinalisedData(ctx, actor, params.id, query.format, query.table)),
    );
  // Public (no login, outside /api/v1): anyone holding a letter checks it against the stored
  // finalisation. The id is the random public id of the QR code; nothing personal is answered.
  r.get('/api/public/verifikasi/:publicId', 'verifyLetter', {
    tags: ['public'],
    security: [],
    params: api.LetterParamsSchema,
    querystring: api.LetterQuerySchema,
    response: { 200: api.LetterVerificationSchema },
  })
    .summary(
      'Public check of a Surat Pengesahan or Berita Acara by the id on its QR code; `matches` compares `hash` with the stored data hash',
    )
    .handle(({ params, query, reply }) => {
      reply.header('cache-control', 'no-store');
      return svc.verifyLetter(ctx, params.publicId, query.hash);
    });
});
