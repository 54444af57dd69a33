import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema } from '../../shared/api/system.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { authenticateSession, authenticateToken, csrfTokenMatches } from '../modules/access/index.ts';
import { accessRoutes } from '../modules/access/access.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { mouRoutes } from '../modules/mou/mou.routes.ts';
import { packagesRoutes } from '../modules/packages/packages.routes.ts';
import { proposalsRoutes } from '../modules/proposals/proposals.routes.ts';
import { periodsRoutes } from '../modules/periods/periods.routes.ts';
import { finalisationsRoutes } from '../modules/finalisations/finalisations.routes.ts';
import { reportsRoutes } from '../modules/reports/reports.routes.ts';
import { releasesRoutes } from '../modules/releases/releases.routes.ts';
import { householdsRoutes } from '../modules/households/households.routes.ts';
import { homeRoutes } from '../modules/home/home.routes.ts';
import { regionsRoutes } from '../modules/regions/regions.routes.ts';
import { documentsRoutes } from '../modules/documents/documents.routes.ts';
import { programsRoutes } from '../modules/programs/programs.routes.ts';
import { programmeProposalsRoutes } from '../modules/programs/proposals.routes.ts';
import { programExportRoutes } from '../modules/programs/exports.routes.ts';
import { pkhRoutes } from '../modules/pkh/pkh.routes.ts';
import { relocationsRoutes } from '../modules/relocations/relocations.routes.ts';
import { quotasRoutes } from '../modules/programs/quotas.routes.ts';
import { profilesRoutes } from '../modules/profiles/profiles.routes.ts';
import { mediaRoutes } from '../modules/media/media.routes.ts';
import { offlineRoutes } from '../modules/offline/offline.routes.ts';
import { baselineRoutes } from '../modules/baseline/baseline.routes.ts';
import { dciRoutes } from '../modules/dci/dci.routes.ts';
import { mapRoutes } from '../modules/gis/map.routes.ts';
import { boundariesRoutes } from '../modules/gis/boundaries.routes.ts';
import { OFFLINE_DIST } from '../modules/offline/index.ts';
import { guideRoutes } from '../modules/guide/guide.routes.ts';
import { langOf, SESSION_COOKIE } from './auth.ts';
import { errorHandler, refuseUnprintableText } from './errors.ts';
import { type LogOptions, loggerOptions, registerMetrics } from './metrics.ts';
import type { FastifyZod } from './types.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/** A registered route, for the route-table tests (every /api/v1 route must have a scope probe). */
export interface RouteInfo {
  method: string;
  url: string;
  operationId?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    siksRoutes: RouteInfo[];
  }
}

// What a user whose password was reset may still do: see itself, change the password, leave.
const PASSWORD_CHANGE_ALLOWS = new Set(['GET /api/v1/me', 'PATCH /api/v1/me', 'POST /api/v1/me/password', 'DELETE /api/v1/session']);

export interface BuildOptions {
  /** true: JSON request logs at level info; or a level and stream (tests capture the lines). Off by default. */
  logger?: boolean | LogOptions;
  /** Directory of the built web app; not served when it does not exist. */
  webDist?: string;
  /** Directory of the built offline app (served at /offline/ and zipped by GET /api/v1/offline-app). */
  offlineDist?: string;
}

/** Assembles the HTTP application: plugins, authentication, every module's routes, the web app. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyZod> {
  const app = Fastify({
    ...loggerOptions(opts.logger === true ? { level: 'info' } : opts.logger || undefined),
    // X-Forwarded-For is believed only from the configured proxies (finding 5): behind TLS alone, a
    // client could name any address and escape the per-address login throttle.
    trustProxy: ctx.config.trustedProxies.length ? ctx.config.trustedProxies : false,
    bodyLimit: 1 << 20,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const routes: RouteInfo[] = [];
  app.decorate('siksRoutes', routes);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods)
      if (method !== 'HEAD')
        routes.push({
          method,
          url: r.url,
          operationId: (r.schema as { operationId?: string } | undefined)?.operationId,
        });
  });

  await app.register(fastifyCookie);
  registerMetrics(app, ctx);
  // Uploads (documents, profile images): routes read parts as streams and pass their own limits
  // to req.parts()/req.file(); these defaults are the strict fallback.
  await app.register(fastifyMultipart, {
    limits: { fileSize: 1 << 20, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 22 },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.config.behindTls ? [] : null,
      },
    },
    hsts: ctx.config.behindTls ? { maxAge: 31_536_000 } : false,
    frameguard: { action: 'deny' },
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'SIKS-NG API',
        version: '1',
        description: 'The JSON API of SIKS-NG Online. Every screen of the web app uses it.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer', description: 'A token from `siks tokens create USER`' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Who is asking: a session cookie or a bearer token. Routes that need an actor call actorOf().
  // Cookie-authenticated changes must echo the session's CSRF token (double submit, bound to the
  // session by an HMAC); a user whose password was reset may only change it.
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await authenticateToken(ctx, auth.slice(7).trim());
      if (!req.actor) throw new AppError('UNAUTHENTICATED');
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        req.actor = await authenticateSession(ctx, token);
        if (req.actor) req.sessionToken = token;
      }
      const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
      const header = req.headers['x-csrf-token'];
      if (req.sessionToken && unsafe && !csrfTokenMatches(req.sessionToken, typeof header === 'string' ? header : undefined))
        throw new AppError('CSRF');
    }
    if (req.actor?.mustChangePassword && !PASSWORD_CHANGE_ALLOWS.has(`${req.method} ${req.routeOptions.url}`))
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });

  // NUL and unpaired surrogates anywhere in params, query or body: 400 before any schema or service.
  app.addHook('preValidation', refuseUnprintableText);

  app.get(
    '/api/health',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness and which database the server runs on',
        tags: ['system'],
        security: [],
        response: { 200: HealthSchema },
      },
    },
    async () => {
      await ctx.database.db.selectFrom('regions').select('code').limit(1).execute();
      return { status: 'ok' as const, database: ctx.database.kind };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  accessRoutes(app, ctx);
  auditRoutes(app, ctx);
  periodsRoutes(app, ctx);
  mouRoutes(app, ctx);
  releasesRoutes(app, ctx);
  finalisationsRoutes(app, ctx);
  reportsRoutes(app, ctx);
  packagesRoutes(app, ctx);
  proposalsRoutes(app, ctx);
  homeRoutes(app, ctx);
  regionsRoutes(app, ctx);
  householdsRoutes(app, ctx);
  documentsRoutes(app, ctx);
  programsRoutes(app, ctx);
  programmeProposalsRoutes(app, ctx);
  programExportRoutes(app, ctx);
  pkhRoutes(app, ctx);
  relocationsRoutes(app, ctx);
  quotasRoutes(app, ctx);
  profilesRoutes(app, ctx);
  mediaRoutes(app, ctx);
  baselineRoutes(app, ctx);
  dciRoutes(app, ctx);
  mapRoutes(app, ctx);
  boundariesRoutes(app, ctx);
  const offlineDist = opts.offlineDist ?? OFFLINE_DIST;
  offlineRoutes(app, ctx, { dist: offlineDist });
  guideRoutes(app, ctx);

  const webDist = opts.webDist ?? WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      maxAge: '1y',
      immutable: true,
      serveDotFiles: false,
      // The build writes .br and .gz twins of every text file (vite.precompress.ts).
      preCompressed: true,
      prefix: '/',
    });
  }
  // The offline operator app at /offline/ (relative asset URLs, service worker scope /offline/).
  const hasOffline = fs.existsSync(path.join(offlineDist, 'index.html'));
  if (hasOffline) {
    await app.register(fastifyStatic, {
      root: offlineDist,
      prefix: '/offline', // without the slash, so that redirect: true sends /offline to /offline/
      decorateReply: false,
      index: ['index.html'],
      redirect: true,
      dotfiles: 'ignore',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        // The file sent may be a precompressed twin (sw.js.br): headers follow the file it stands for.
        const name = path
          .relative(offlineDist, filePath)
          .split(path.sep)
          .join('/')
          .replace(/\.(br|gz)$/, '');
        if (name === 'sw.js') reply.header('service-worker-allowed', '/offline/');
        reply.header('cache-control', name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  // The web app routes in the browser: any other GET outside /api answers its index.html.
  app.setNotFoundHandler((req, reply) => {
    // Inside /offline/, a path that is not a file (no dot in its last segment) answers the offline app's
    // index.html with a <base> so that its relative asset URLs resolve under /offline/.
    if (
      hasOffline &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      req.url.startsWith('/offline/') &&
      !/\/[^/]*\.[^/]*$/.test(req.url.split('?')[0]!)
    ) {
      const html = fs.readFileSync(path.join(offlineDist, 'index.html'), 'utf8').replace('<head>', '<head><base href="/offline/">');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    }
    if (hasWeb && (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDist, { maxAge: 0, immutable: false });
    }
    const e = new AppError('NOT_FOUND');
    return reply.code(404).send({ code: e.code, message: e.messageIn(langOf(req)) });
  });
  return app;
}
