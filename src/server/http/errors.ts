import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type IssueLike, localiseIssues } from '../../shared/api/validation.ts';
import { AppError, type Lang } from '../platform/errors.ts';
import { langOf } from './auth.ts';

type ZodValidationError = FastifyError & {
  validation: { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> }[];
  validationContext?: 'body' | 'querystring' | 'params' | 'headers';
};

const REQUEST_PART = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' } as const;

// A refused request in the user's language: the route's own schema names the fields, and the
// input as sent tells a missing value ("wajib diisi") from a wrong one.
function validationAnswer(err: ZodValidationError, request: FastifyRequest, lang: Lang) {
  const context = err.validationContext ?? 'body';
  const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[context];
  const input = (request as unknown as Record<string, unknown>)[REQUEST_PART[context]];
  const issues: IssueLike[] = err.validation.map((v) => ({
    ...v.params,
    code: v.keyword,
    path: v.instancePath
      .split('/')
      .slice(1)
      .filter((s) => s !== ''),
    message: v.message,
  }));
  return localiseIssues(issues, { lang, schema, input });
}

/** Maps every error to `{ code, message, details }` in the user's language, once. */
export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(request);
  if (err instanceof AppError) {
    return reply.code(err.status).send({ code: err.code, message: err.messageIn(lang), details: err.details });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    return reply.code(400).send({ code: 'VALIDATION', ...validationAnswer(err, request, lang) });
  }
  const fe = err as FastifyError;
  if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
    const e = new AppError('PAYLOAD_TOO_LARGE');
    return reply.code(413).send({ code: e.code, message: e.messageIn(lang) });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const e = new AppError('VALIDATION');
    return reply.code(fe.statusCode).send({ code: e.code, message: e.messageIn(lang), details: fe.message });
  }
  request.log.error(err);
  const e = new AppError('INTERNAL');
  return reply.code(500).send({ code: e.code, message: e.messageIn(lang) });
}
