import type { InjectOptions } from 'fastify';

/**
 * The scope probe of every /api/v1 route. test/db/route-scope.db.test.ts fails for a route that
 * has no entry here, so a new route cannot skip the question "what does a user of another
 * district get?". Requests are made as the supervisor of 3171 against data of 3174.
 */
export interface ProbeFixtures {
  /** A household of 3174. */
  idbdt: string;
}

export type Probe =
  /** The request names a resource of 3174: it must answer 404, exactly like a missing one. */
  | { kind: 'foreign-404'; request: (fx: ProbeFixtures) => InjectOptions }
  /** A verb the role lacks: 403, whatever the resource. */
  | { kind: 'role-403'; request: (fx: ProbeFixtures) => InjectOptions }
  /** A list or summary: it answers, and nothing in the body belongs to 3174. */
  | { kind: 'scoped'; request: (fx: ProbeFixtures) => InjectOptions }
  /** Works on the caller's own account or session only; `why` says so. */
  | { kind: 'self' | 'public'; why: string };

export const routeProbes: Record<string, Probe> = {
  'POST /api/v1/session': { kind: 'public', why: 'login: creates a session for the credentials given' },
  'DELETE /api/v1/session': { kind: 'self', why: "ends the caller's own session" },
  'GET /api/v1/me': { kind: 'self', why: "the caller's own account" },
  'GET /api/v1/home': { kind: 'scoped', request: () => ({ method: 'GET', url: '/api/v1/home' }) },
  'GET /api/v1/regions': { kind: 'foreign-404', request: () => ({ method: 'GET', url: '/api/v1/regions?parent=3174' }) },
  'GET /api/v1/households': { kind: 'scoped', request: () => ({ method: 'GET', url: '/api/v1/households?pageSize=100' }) },
  'GET /api/v1/households/:idbdt': { kind: 'foreign-404', request: (fx) => ({ method: 'GET', url: `/api/v1/households/${fx.idbdt}` }) },
};
