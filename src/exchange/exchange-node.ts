// Wires the exchange context's parts for one node: the use cases, the inbox, the delivery
// worker, requests for assistance, retention, the partner factor port and the loop adapters.
// The app (src/app) calls this once with its storage, clock, audit log and node identity.
import type { Kysely } from 'kysely';
import type { ApiServer, Clock } from '../platform/index.js';
import { createDeliveryWorker, type DeliveryWorkerDeps } from './delivery-worker.js';
import { registerExchangeInboxRoutes } from './exchange-inbox-routes.js';
import { registerExchangeRoutes } from './exchange-routes.js';
import { createExchangeLoop } from './exchange-loop.js';
import { createExchangeService, type ExchangeAudit } from './exchange-service.js';
import type { ExchangeTables } from './exchange-tables.js';
import { createInboxService } from './inbox-service.js';
import type { NodeIdentity } from './node-identity.js';
import { createPartnerLookoutPort } from './partner-factors.js';
import { createRetentionJob } from './retention-job.js';
import { createRfaService } from './rfa-service.js';

export interface ExchangeNodeDeps {
  db: Kysely<ExchangeTables>;
  identity: NodeIdentity;
  clock: Clock;
  audit: ExchangeAudit;
  fetch?: typeof fetch;
  delivery?: { batchSize?: number; backoff?: { baseMs: number; maxMs: number }; pollMs?: number; requestTimeoutMs?: number };
  maxSkewMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
  onBatch?: DeliveryWorkerDeps['onBatch'];
}

export function createExchangeNode(deps: ExchangeNodeDeps) {
  const { db, identity, clock, audit } = deps;
  const log = deps.log ?? (() => undefined);
  const worker = createDeliveryWorker({
    db,
    identity,
    clock,
    audit,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.delivery?.batchSize ? { batchSize: deps.delivery.batchSize } : {}),
    ...(deps.delivery?.backoff ? { backoff: deps.delivery.backoff } : {}),
    ...(deps.delivery?.requestTimeoutMs ? { requestTimeoutMs: deps.delivery.requestTimeoutMs } : {}),
    onError: (err) => log('delivery failed', { err: String(err) }),
    ...(deps.onBatch ? { onBatch: deps.onBatch } : {}),
  });
  let autoDeliver = false;
  const service = createExchangeService({ db, identity, clock, audit, onQueued: (p) => autoDeliver && worker.kick(p) });
  const lookouts = createPartnerLookoutPort({ db, clock });
  const inbox = createInboxService({
    db,
    nodeId: identity.nodeId,
    clock,
    audit,
    ...(deps.maxSkewMs ? { maxSkewMs: deps.maxSkewMs } : {}),
    onReceived: () => lookouts.invalidate(),
  });
  const rfa = createRfaService({ db, exchange: service, clock });
  const retention = createRetentionJob({ db, clock, audit, nodeId: identity.nodeId });
  const loop = createExchangeLoop({ db, exchange: service, clock, log });

  return {
    identity,
    service,
    inbox,
    worker,
    rfa,
    retention,
    /** Pass to assessment's partnerFactorSource(port). */
    lookouts,
    /** Wire loop.onAssessed as assessment's onAssessed, and loop.subscribe(bus) for inspections. */
    loop,
    /** The partner-facing inbox and JWKS (public, signature-authenticated) and the API for people. */
    registerRoutes(app: ApiServer): void {
      registerExchangeInboxRoutes(app, { inbox, identity });
      registerExchangeRoutes(app, { exchange: this });
    },
    /** Background work: delivery (kicked on release, polled for retries) and the retention job. */
    start(opts: { retentionIntervalMs?: number } = {}): void {
      autoDeliver = true;
      worker.start(deps.delivery?.pollMs ?? 1000);
      retention.start(opts.retentionIntervalMs ?? 3_600_000);
    },
    async stop(): Promise<void> {
      autoDeliver = false;
      retention.stop();
      await worker.stop();
    },
  };
}

export type ExchangeNode = ReturnType<typeof createExchangeNode>;
