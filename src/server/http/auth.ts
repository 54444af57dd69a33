import type { FastifyRequest } from 'fastify';
import { AppError, type Lang } from '../platform/errors.ts';
import type { Actor } from '../modules/access/index.ts';

export const SESSION_COOKIE = 'siks_session';
export const CSRF_COOKIE = 'siks_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    sessionToken?: string;
  }
}

/** The authenticated actor of a request; 401 when there is none. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** The language of the answer: the user's choice, else the browser's, else Indonesian. */
export function langOf(request: FastifyRequest): Lang {
  if (request.actor) return request.actor.language;
  const accept = request.headers['accept-language'] ?? '';
  return /^en\b/i.test(accept) ? 'en' : 'id';
}
