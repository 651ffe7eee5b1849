// The exchange context's public surface.
export * from './markings.js';
export * from './exchange-item.schema.js';
export * from './agreement.schema.js';
export { applyFieldPolicy, prepareOutbound, checkInbound, MASKED } from './agreement-policy.js';
export {
  initNodeIdentity,
  loadNodeIdentity,
  rotateNodeKey,
  generateNodeIdentity,
  identityFilePath,
  jwksSchema,
  publicJwkSchema,
  type NodeIdentity,
  type Jwks,
  type PublicJwk,
} from './node-identity.js';
export { signEnvelope, signEnvelopeCanonical, verifyEnvelope, envelopePayloadSchema, ENVELOPE_TYP, type EnvelopePayload } from './envelope.js';
export { exchangeMigrations } from './exchange-migrations.js';
export type { ExchangeTables } from './exchange-tables.js';
export type { Partner, OutboxEntry } from './exchange-repository.js';
export { createExchangeService, type ExchangeService, type ExchangeAudit, type ExchangeAuditEntry, type ShareInput, type ShareResult } from './exchange-service.js';
export { createInboxService, type InboxService, type Receipt } from './inbox-service.js';
export { createDeliveryWorker, backoffDelay, INBOX_PATH, type DeliveryWorker, type DeliveryReport } from './delivery-worker.js';
export { registerExchangeInboxRoutes } from './exchange-inbox-routes.js';
export { registerExchangeRoutes } from './exchange-routes.js';
export { toStixBundle, tlpMarkingDefinition, TLP2_MARKING_IDS } from './stix-export.js';
export { createPartnerLookoutPort, matchItem, type PartnerLookoutPort, type PartnerMatch } from './partner-factors.js';
export { createExchangeLoop, inspectionRecordedSchema, type ExchangeLoop, type AssessedLike } from './exchange-loop.js';
export { createRfaService, type RfaService, type Rfa } from './rfa-service.js';
export { createRetentionJob, type RetentionJob, type RetentionReport } from './retention-job.js';
export { createExchangeNode, type ExchangeNode, type ExchangeNodeDeps } from './exchange-node.js';
