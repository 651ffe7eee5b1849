// Builds the HTTP API of a node: the server plumbing plus every context's routes.
import { registerAccessRoutes } from '../access/index.js';
import { registerFilingRoutes } from '../ingest/index.js';
import { registerScreeningRoutes } from '../screening/screening-routes.js';
import { registerAssessmentRoutes } from '../assessment/assessment-routes.js';
import { registerTargetingRoutes } from '../targeting/targeting-routes.js';
import { registerProfileRoutes } from '../profiles/index.js';
import type { ApiServer } from '../platform/index.js';
import { buildHttpServer } from './http-server.js';
import type { TandemNode } from './node.js';

export async function buildApi(node: TandemNode, opts: { logLevel?: string; webRoot?: string } = {}): Promise<ApiServer> {
  const app = await buildHttpServer({
    authenticate: (token) => node.access.authenticate(token),
    maxBodyBytes: node.config.maxBodyBytes,
    metricsPublic: node.config.metricsPublic,
    logLevel: opts.logLevel ?? node.config.logLevel,
    nodeId: node.info.nodeId,
    ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
  });
  registerAccessRoutes(app, { access: node.access, storage: node.storage });
  registerFilingRoutes(app, { ingest: node.ingest, filings: node.filings });
  registerScreeningRoutes(app, { screening: node.screening });
  registerAssessmentRoutes(app, { assessment: node.assessment });
  registerTargetingRoutes(app, { targeting: node.targeting });
  registerProfileRoutes(app, { profiles: node.profiles });
  node.exchange.registerRoutes(app);
  await app.ready();
  return app;
}
