// The node-to-node routes. The inbox is public at the HTTP layer because the partner node
// authenticates each envelope by its signature (the partner node is the actor); the JWKS route
// publishes this node's public keys for partners who fetch them to check an out-of-band copy.
import { z } from 'zod';
import type { ApiServer } from '../platform/index.js';
import { INBOX_PATH } from './delivery-worker.js';
import { MAX_ENVELOPES_PER_POST, type InboxService } from './inbox-service.js';
import type { NodeIdentity } from './node-identity.js';

const receiptSchema = z.object({
  index: z.number(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  envelopeId: z.string().optional(),
  seq: z.number().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  retriable: z.boolean().optional(),
});

/** 1,000 envelopes of a few kilobytes each. */
export const INBOX_BODY_LIMIT = 16 * 1024 * 1024;

export function registerExchangeInboxRoutes(app: ApiServer, deps: { inbox: InboxService; identity: NodeIdentity }): void {
  app.post(
    INBOX_PATH,
    {
      bodyLimit: INBOX_BODY_LIMIT,
      config: { public: true },
      schema: {
        operationId: 'deliverEnvelopes',
        tags: ['exchange'],
        summary: 'Partner nodes deliver signed envelopes here; each gets a receipt (accepted, duplicate, or rejected with a reason)',
        security: [],
        body: z.object({ envelopes: z.array(z.string().max(1_000_000)).min(1).max(MAX_ENVELOPES_PER_POST) }),
        response: { 200: z.object({ receipts: z.array(receiptSchema) }) },
      },
    },
    async (request) => ({ receipts: await deps.inbox.receive(request.body.envelopes) }),
  );

  app.get(
    '/api/v1/exchange/jwks',
    {
      config: { public: true },
      schema: {
        operationId: 'nodeKeys',
        tags: ['exchange'],
        summary: "This node's id and public signing keys (current first; older ones verify older items)",
        security: [],
        response: {
          200: z.object({
            nodeId: z.string(),
            keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), use: z.string().optional(), alg: z.string().optional() })),
          }),
        },
      },
    },
    async () => ({ nodeId: deps.identity.nodeId, ...deps.identity.publicJwks() }),
  );
}
