import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../platform/scope.ts';
import { actorOf } from './auth.ts';
import type { FastifyZod } from './types.ts';

type Schema = z.ZodType;
type Parsed<T> = T extends Schema ? z.output<T> : undefined;

/** What a route declares besides its method, URL, operationId and summary: schemas from src/shared/api and OpenAPI extras. */
export interface RouteSchemas {
  description?: string;
  /** The table's tag unless given. */
  tags?: readonly string[];
  /** `[]`: a public route (no session or token asked for). */
  security?: readonly [];
  consumes?: readonly string[];
  params?: Schema;
  querystring?: Schema;
  body?: Schema;
  produces?: readonly string[];
  response?: Readonly<Partial<Record<number, Schema>>>;
  /** The success status when it is not 200: the handler's value is sent with it. */
  status?: 201 | 202 | 204;
  onRequest?: (req: FastifyRequest) => Promise<void> | void;
}

/** What a handler receives: the validated parts of the request, its actor (reading it without one answers 401), request and reply. */
export interface RouteCall<S extends RouteSchemas> {
  readonly actor: Actor;
  params: Parsed<S['params']>;
  query: Parsed<S['querystring']>;
  body: Parsed<S['body']>;
  req: FastifyRequest;
  reply: FastifyReply;
}

type StatusOf<S extends RouteSchemas> = S['status'] extends number ? S['status'] : 200;
type Answer<S extends RouteSchemas> = S['response'] extends Record<StatusOf<S>, infer Z extends Schema> ? z.input<Z> : unknown;
type Handler<S extends RouteSchemas> = (call: RouteCall<S>) => Promise<Answer<S> | FastifyReply> | Answer<S> | FastifyReply;

// The order fastify-swagger has always seen, so that /api/openapi.json stays byte-identical.
const SCHEMA_KEYS = ['description', 'tags', 'security', 'consumes', 'params', 'querystring', 'body', 'produces', 'response'] as const;

/** A declared route waiting for its summary and handler: `r.get(url, operationId, schemas).summary(text).handle(fn)`. */
export interface RouteDeclaration<S extends RouteSchemas> {
  summary(text: string): { handle(handler: Handler<S>): void };
}

/**
 * A module's routes as a table: per route one line of contract (method, URL, operationId, schemas
 * from src/shared/api), its summary, and a handler that calls one service function.
 */
export function routeTable(app: FastifyZod, tag: string) {
  const add =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    <const S extends RouteSchemas>(url: string, operationId: string, schemas: S): RouteDeclaration<S> => ({
      summary: (summary) => ({ handle: (handler) => register(app, tag, method, url, operationId, summary, schemas, handler) }),
    });
  return { get: add('GET'), post: add('POST'), put: add('PUT'), patch: add('PATCH'), delete: add('DELETE') };
}

function register<S extends RouteSchemas>(
  app: FastifyZod,
  tag: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  operationId: string,
  summary: string,
  schemas: S,
  handler: Handler<S>,
) {
  const schema: Record<string, unknown> = { operationId, summary };
  for (const key of SCHEMA_KEYS) {
    const value = key === 'tags' ? (schemas.tags ?? [tag]) : schemas[key];
    if (value !== undefined) schema[key] = value;
  }
  app.route({
    method,
    url,
    schema,
    ...(schemas.onRequest ? { onRequest: async (req: FastifyRequest) => schemas.onRequest?.(req) } : {}),
    handler: async (req, reply) => {
      const call = {
        params: req.params,
        query: req.query,
        body: req.body,
        req,
        reply,
        get actor() {
          return actorOf(req);
        },
      } as RouteCall<S>;
      const answer = await handler(call);
      if (schemas.status !== undefined && !reply.sent) reply.code(schemas.status);
      return answer;
    },
  });
}

/** A module's route registration: its table (under `tag`) filled in by `declare`, registered by `xRoutes(app, ctx)`. */
export function defineRoutes(tag: string, declare: (r: ReturnType<typeof routeTable>, ctx: AppContext) => void) {
  return (app: FastifyZod, ctx: AppContext): void => declare(routeTable(app, tag), ctx);
}
