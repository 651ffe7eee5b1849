// Builds the node's HTTP server: Fastify with zod schemas on every route, the OpenAPI document
// at /api/openapi.json (browsable at /api/docs), one error format, bearer-token authentication
// on every route that is not explicitly public, Prometheus metrics and the console's files.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyRequest } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Registry, collectDefaultMetrics, Histogram, Counter } from 'prom-client';
import {
  AppError,
  isAppError,
  renderError,
  internalError,
  malformedBody,
  payloadTooLarge,
  unsupportedMediaType,
  checkRoles,
  type Actor,
  type ApiServer,
} from '../platform/index.js';

export interface HttpServerOptions {
  authenticate(token: string | undefined): Promise<Actor>;
  maxBodyBytes: number;
  metricsPublic: boolean;
  logLevel: string;
  nodeId: string;
  /** Folder of the built console; served at / when present. */
  webRoot?: string;
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

function toAppError(err: FastifyError | Error, maxBodyBytes: number): AppError {
  if (isAppError(err)) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      reason: v.message ?? 'invalid',
    }));
    return new AppError('VALIDATION_FAILED', 400, 'the request does not match the schema', details);
  }
  const code = 'code' in err && typeof err.code === 'string' ? err.code : '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return payloadTooLarge(maxBodyBytes);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return unsupportedMediaType('of this request');
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return malformedBody('the JSON body is empty');
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return malformedBody(`the body is not valid JSON: ${err.message}`);
  if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError(code || 'BAD_REQUEST', err.statusCode, err.message);
  }
  return internalError();
}

export async function buildHttpServer(opts: HttpServerOptions): Promise<ApiServer> {
  const app = Fastify({
    logger: { level: opts.logLevel, redact: ['req.headers.authorization'] },
    bodyLimit: opts.maxBodyBytes,
    // One line per request would drown the audit-worthy lines; errors are logged by the handler below.
    logController: new LogController({ disableRequestLogging: true }),
    // Reject duplicate keys and prototype poisoning in JSON bodies.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // region metrics
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({ name: 'tandem_http_errors_total', help: 'error answers by code', labelNames: ['code'], registers: [registry] });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.decorate('metricsRegistry', registry);
  // endregion

  // region authentication: every route is closed unless its config says public
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const url = request.routeOptions.url;
    if (url === undefined) return; // 404s are answered by the not-found handler
    if (config.public === true) return;
    // Outside /api only the console's files and /metrics live; /metrics is closed unless configured open.
    const isApi = url.startsWith('/api/v') || url === '/metrics';
    if (!isApi) return;
    request.actor = await opts.authenticate(bearer(request));
    checkRoles(request.actor, config.roles);
  });
  // endregion

  // region errors: one format, no internals
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const appErr = toAppError(err, opts.maxBodyBytes);
    if (appErr.kind === 'technical') request.log.error({ err }, 'request failed');
    else request.log.info({ code: appErr.code, url: request.url }, 'request refused');
    errors.inc({ code: appErr.code });
    void reply.status(appErr.httpStatus).send(renderError(appErr));
  });
  const webRoot = opts.webRoot ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const hasConsole = existsSync(webRoot);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // The console is a single-page app: its client-side routes all load index.html.
    if (hasConsole && request.method === 'GET' && !path.startsWith('/api') && !path.includes('.')) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(renderError(new AppError('NOT_FOUND', 404, `no route ${request.method} ${path}`)));
  });
  // endregion

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Tandem node API', version: '1', description: `Customs risk analysis, targeting and exchange (node ${opts.nodeId})` },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok', node: opts.nodeId }));
  app.get('/metrics', { config: { public: opts.metricsPublic, roles: ['admin', 'supervisor'] }, schema: { hide: true } }, async (_req, reply) => {
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  if (hasConsole) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  return app;
}
