import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { findUnprintable, isPrintableText, UNPRINTABLE_TEXT } from '../../shared/api/common.ts';
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

/** A request part holding text the printable-text rule refuses (no U+0000, no unpaired surrogate). */
export class UnprintableTextError extends Error {
  constructor(
    readonly part: 'body' | 'querystring' | 'params',
    readonly paths: PropertyKey[][],
  ) {
    super('unprintable text in the request');
  }
}

/** Refuses (400 VALIDATION) a value with any string or key that breaks the printable-text rule. */
export function assertPrintableInput(part: UnprintableTextError['part'], value: unknown): void {
  const paths = findUnprintable(value);
  if (paths.length > 0) throw new UnprintableTextError(part, paths);
}

/**
 * The safety net under every route's schema (a preValidation hook): params, query string and
 * parsed body are walked whole, so text no schema covers (an open object, a route without a
 * schema) is refused the same way before it reaches a service or the database.
 */
export async function refuseUnprintableText(request: FastifyRequest): Promise<void> {
  assertPrintableInput('params', request.params);
  assertPrintableInput('querystring', request.query);
  assertPrintableInput('body', request.body);
}

// A refused key is named with its bad characters shown as U+FFFD: the answer never echoes them.
const shownSegment = (s: PropertyKey) => (typeof s === 'string' && !isPrintableText(s) ? s.replace(/[\u0000\uD800-\uDFFF]/g, '\uFFFD') : s);

function unprintableAnswer(err: UnprintableTextError, request: FastifyRequest, lang: Lang) {
  const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[err.part];
  const issues: IssueLike[] = err.paths.map((path) => ({ code: 'custom', path: path.map(shownSegment), params: UNPRINTABLE_TEXT }));
  return localiseIssues(issues, { lang, schema });
}

/** Maps every error to `{ code, message, details }` in the user's language, once. */
export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(request);
  if (err instanceof AppError) {
    return reply.code(err.status).send({ code: err.code, message: err.messageIn(lang), details: err.details });
  }
  if (err instanceof UnprintableTextError) {
    return reply.code(400).send({ code: 'VALIDATION', ...unprintableAnswer(err, request, lang) });
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
