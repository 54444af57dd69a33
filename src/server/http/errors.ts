import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../platform/errors.ts';
import { langOf } from './auth.ts';

/** Maps every error to `{ code, message, details }` in the user's language, once. */
export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(request);
  if (err instanceof AppError) {
    return reply.code(err.status).send({ code: err.code, message: err.messageIn(lang), details: err.details });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const e = new AppError('VALIDATION');
    const details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    return reply.code(400).send({ code: e.code, message: e.messageIn(lang), details });
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
