import type { FastifyRequest } from 'fastify';
import * as api from '../../../shared/api/quotas.ts';
import { defineRoutes } from '../../http/routes.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { readOneFileUpload } from '../../platform/uploads.ts';
import { sendDownload, XLSX_TYPE } from '../finalisations/index.ts';
import { importQuotaSheet, listQuotaDistricts, quotaTemplate } from './quotas.service.ts';

const tooLarge = () => new AppError('QUOTA_SHEET_TOO_LARGE');

/** The one file of the upload (field `file`), at most QUOTA_SHEET_MAX_BYTES: refused as soon as the limit is crossed. */
async function readSheetUpload(req: FastifyRequest): Promise<Buffer> {
  const file = await readOneFileUpload(req, api.QUOTA_SHEET_MAX_BYTES, { missing: () => new AppError('QUOTA_SHEET_REQUIRED'), tooLarge });
  return file.bytes;
}

/** Routes of the quota screen of Ditjen PFM (C4). */
export const quotasRoutes = defineRoutes('programs', (r, ctx) => {
  const page = { querystring: api.QuotaDistrictsQuerySchema, response: { 200: api.QuotaDistrictPageSchema } };
  r.get('/api/v1/quotas/districts', 'listQuotaDistricts', page)
    .summary('Districts in scope with BPNT, RASTRA, PBI quota in a period (else the one inherited) and use')
    .handle(({ actor, query }) => listQuotaDistricts(ctx, actor, query));
  r.get('/api/v1/quotas/template.xlsx', 'downloadQuotaTemplate', { querystring: api.QuotaTemplateQuerySchema, produces: [XLSX_TYPE] })
    .summary('The quota sheet to fill (Ditjen PFM): the districts of the filter with their quotas in the period, as xlsx')
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await quotaTemplate(ctx, actor, query)));
  r.post('/api/v1/quotas/import', 'importQuotaSheet', {
    description:
      'multipart/form-data with the xlsx in field `file` (at most 2 MiB): first worksheet, a header row with the columns ' +
      '`Kode Kab/Kota`, `BPNT`, `RASTRA`, `PBI` (others ignored), one district per row; an empty cell leaves that quota as it is. ' +
      'The whole sheet is checked first: any fault answers 400 QUOTA_SHEET_INVALID with details [{ row, column, message }] and changes nothing.',
    consumes: ['multipart/form-data'],
    querystring: api.QuotaImportQuerySchema,
    response: { 200: api.QuotaImportResultSchema },
  })
    .summary('Apply a quota sheet (xlsx) for a period, all or nothing, with one log entry (Ditjen PFM)')
    .handle(async ({ actor, query, req }) => {
      // Refuse before reading a byte of the body: a role without the verb gets 403.
      assertCan(actor, 'quota:set');
      return importQuotaSheet(ctx, actor, { period: query.period, bytes: await readSheetUpload(req) });
    });
});
