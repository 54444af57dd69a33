import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { assertCan } from '../platform/policy.ts';
import { authenticateSession, authenticateToken } from '../modules/access/index.ts';
import { SESSION_COOKIE } from './auth.ts';
import type { FastifyZod } from './types.ts';

// GET /metrics (Prometheus text format) and the request log. Requests are counted by route pattern,
// never by raw URL, so neither a household id nor a search term becomes a label; import jobs and the
// database pool are read when scraped.

declare module 'fastify' {
  interface FastifyInstance {
    metricsRegistry: Registry;
  }
}

// Process metrics (memory, CPU, event loop, GC) once per process, however many apps it builds.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'siks_' });
  }
  return processRegistry;
}

function appRegistry(ctx: AppContext): { registry: Registry; requests: Counter<string>; duration: Histogram<string> } {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'siks_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'siks_http_request_duration_seconds',
    help: 'Time to answer HTTP requests',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: 'siks_import_jobs',
    help: 'Import jobs by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await ctx.database.db
        .selectFrom('imports')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      this.reset();
      for (const state of ['QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'ALREADY_IMPORTED', 'FAILED']) this.set({ state }, 0);
      for (const r of rows) this.set({ state: r.status }, Number(r.n));
    },
  });
  new Gauge({
    name: 'siks_import_queue_oldest_seconds',
    help: 'Age of the oldest queued import job (0: none waiting)',
    registers: [registry],
    async collect() {
      const r = await sql<{ age: number | null }>`
        select extract(epoch from now() - min(uploaded_at))::float8 as age from imports where status = 'QUEUED' and upload_complete`.execute(
        ctx.database.db,
      );
      this.set(Math.max(0, Number(r.rows[0]?.age ?? 0)));
    },
  });
  new Gauge({
    name: 'siks_db_pool_connections',
    help: 'Database pool connections: total open, idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = ctx.database.poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  new Gauge({ name: 'siks_info', help: 'The database engine in use', labelNames: ['engine'], registers: [registry] }).set(
    { engine: ctx.database.kind },
    1,
  );
  return { registry, requests, duration };
}

/** All metrics of an app and its process, in the Prometheus text format. */
async function scrape(app: FastifyZod): Promise<{ type: string; body: string }> {
  const merged = Registry.merge([processMetrics(), app.metricsRegistry]);
  return { type: merged.contentType, body: await merged.metrics() };
}

// Who asks for the metrics: an API token (a scraper) or a browser session, holding `metrics:read`.
async function requireMetricsReader(ctx: AppContext, req: FastifyRequest): Promise<void> {
  const auth = req.headers.authorization;
  const session = req.cookies[SESSION_COOKIE];
  const actor = auth?.startsWith('Bearer ')
    ? await authenticateToken(ctx, auth.slice(7).trim())
    : session
      ? await authenticateSession(ctx, session)
      : undefined;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  assertCan(actor, 'metrics:read');
}

/** Counts and times every answer, and serves GET /metrics to holders of `metrics:read`. */
export function registerMetrics(app: FastifyZod, ctx: AppContext): void {
  const { registry, requests, duration } = appRegistry(ctx);
  app.decorate('metricsRegistry', registry);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: `${Math.floor(reply.statusCode / 100)}xx` };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    await requireMetricsReader(ctx, req);
    const m = await scrape(app);
    return reply.type(m.type).header('cache-control', 'no-store').send(m.body);
  });
}

/**
 * SIKS_METRICS_PORT: the same metrics without login on 127.0.0.1 only, for a scraper on the machine.
 * Resolves with the port it listens on (0 picks a free one) and a function that closes it.
 */
export async function serveMetricsLocally(app: FastifyZod, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    scrape(app).then(
      (m) => res.writeHead(200, { 'content-type': m.type, 'cache-control': 'no-store' }).end(m.body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Where and how much the server logs: JSON lines, never a query string, header or body. */
export interface LogOptions {
  level: string;
  /** A stream to write to instead of stdout (tests capture the lines). */
  stream?: NodeJS.WritableStream;
}

/**
 * Fastify's logger settings: pino JSON lines with a random request id. The request is logged as its
 * method, path without the query string (searches carry NIK, No KK or names there), route pattern and
 * client address; the answer as its status. Headers (Authorization, cookies) and bodies never are.
 */
export function loggerOptions(log: LogOptions | undefined): Pick<FastifyServerOptions, 'logger' | 'genReqId'> {
  // Random ids, also without a log: the x-request-id a user quotes then matches no other request.
  const genReqId = () => randomUUID();
  if (!log) return { logger: false, genReqId };
  return {
    genReqId,
    logger: {
      level: log.level,
      ...(log.stream ? { stream: log.stream } : {}),
      redact: { paths: ['req.headers', 'req.body', 'req.query', 'headers', 'body'], remove: true },
      serializers: {
        req: (req: FastifyRequest) => ({
          method: req.method,
          url: (req.url ?? '').split('?')[0],
          route: req.routeOptions?.url,
          remoteAddress: req.ip,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
