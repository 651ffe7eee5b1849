// The exchange API for people (liaison officers, analysts, administrators): partners,
// agreements, sharing, releases, the outbox and inbox, requests for assistance and the STIX
// export. Thin: a schema, the roles, one service call. Node-to-node routes are in
// exchange-inbox-routes.ts.
import { z } from 'zod';
import { actorOf, standardErrors, type ApiServer } from '../platform/index.js';
import { agreementSchema } from './agreement.schema.js';
import { ITEM_KINDS, jsonValueSchema, payloadSchema, wireItemSchema } from './exchange-item.schema.js';
import { markingSchema } from './markings.js';
import { jwksSchema } from './node-identity.js';
import type { ExchangeNode } from './exchange-node.js';
import { toStixBundle } from './stix-export.js';

const partnerSchema = z.object({ id: z.string(), name: z.string(), baseUrl: z.string(), status: z.enum(['active', 'suspended']), jwks: jwksSchema, createdAt: z.string(), updatedAt: z.string() });
const outboxSchema = z.object({
  itemId: z.string(),
  partnerId: z.string(),
  envelopeId: z.string(),
  seq: z.number().nullable(),
  status: z.string(),
  kind: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
const itemSchema = wireItemSchema.extend({
  direction: z.enum(['out', 'in']),
  partnerId: z.string(),
  status: z.enum(['active', 'purged', 'anonymised']),
  receivedAt: z.string().nullable(),
  provenance: z.record(z.string(), jsonValueSchema),
});
const rfaSchema = z.object({
  itemId: z.string(),
  direction: z.enum(['out', 'in']),
  partner: z.string(),
  question: z.string(),
  deadline: z.string(),
  status: z.string(),
  overdue: z.boolean(),
  answerItemId: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
const idParams = z.object({ id: z.string().min(1).max(120) });
const tags = ['exchange'];

export function registerExchangeRoutes(app: ApiServer, deps: { exchange: ExchangeNode }): void {
  const { service, rfa } = deps.exchange;

  // region partners and agreements
  app.get('/api/v1/exchange/partners', { schema: { operationId: 'listPartners', tags, response: { 200: z.array(partnerSchema), ...standardErrors } } }, async (req) =>
    service.listPartners(actorOf(req)),
  );
  app.post(
    '/api/v1/exchange/partners',
    {
      config: { roles: ['admin'] },
      schema: { operationId: 'addPartner', tags, body: z.object({ id: z.string(), name: z.string().optional(), baseUrl: z.string().url(), jwks: jwksSchema }), response: { 200: partnerSchema, ...standardErrors } },
    },
    async (req) => service.addPartner(actorOf(req), req.body),
  );
  app.post(
    '/api/v1/exchange/partners/:id/status',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: { operationId: 'setPartnerStatus', tags, params: idParams, body: z.object({ status: z.enum(['active', 'suspended']) }), response: { 200: partnerSchema, ...standardErrors } },
    },
    async (req) => service.setPartnerStatus(actorOf(req), req.params.id, req.body.status),
  );
  app.get(
    '/api/v1/exchange/agreements',
    { schema: { operationId: 'listAgreements', tags, querystring: z.object({ partner: z.string().optional() }), response: { 200: z.array(z.looseObject({ partner: z.string(), direction: z.string(), version: z.number() })), ...standardErrors } } },
    async (req) => service.listAgreements(actorOf(req), req.query.partner),
  );
  app.put(
    '/api/v1/exchange/agreements',
    { config: { roles: ['admin', 'supervisor'] }, schema: { operationId: 'setAgreement', tags, body: agreementSchema, response: { 200: agreementSchema, ...standardErrors } } },
    async (req) => service.setAgreement(actorOf(req), req.body),
  );
  // endregion

  // region items, release, outbox, inbox
  app.post(
    '/api/v1/exchange/items',
    {
      schema: {
        operationId: 'shareItem',
        tags,
        summary: 'Share an item with a partner; it waits for release unless a standing rule of the agreement releases it',
        body: z.object({
          partner: z.string(),
          kind: z.enum(ITEM_KINDS),
          payload: payloadSchema,
          marking: markingSchema.optional(),
          purposes: z.array(z.string()).optional(),
          caveats: z.array(z.string()).optional(),
          inReplyTo: z.string().optional(),
          derivedFrom: z.array(z.string()).optional(),
        }),
        response: { 200: z.object({ item: itemSchema, outbox: outboxSchema, autoReleasedBy: z.string().nullable() }), ...standardErrors },
      },
    },
    async (req) => service.share(actorOf(req), req.body),
  );
  app.get(
    '/api/v1/exchange/items/:id',
    { schema: { operationId: 'getExchangeItem', tags, params: idParams, response: { 200: z.object({ item: itemSchema, replies: z.array(itemSchema), outbox: outboxSchema.nullable() }), ...standardErrors } } },
    async (req) => service.getItem(actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/exchange/outbox',
    {
      schema: {
        operationId: 'listOutbox',
        tags,
        querystring: z.object({ partner: z.string().optional(), status: z.enum(['awaiting_release', 'queued', 'delivered', 'rejected', 'refused']).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
        response: { 200: z.array(outboxSchema), ...standardErrors },
      },
    },
    async (req) => service.listOutbox(actorOf(req), req.query),
  );
  app.post(
    '/api/v1/exchange/outbox/:id/release',
    { config: { roles: ['liaison'] }, schema: { operationId: 'releaseItem', tags, params: idParams, response: { 200: outboxSchema, ...standardErrors } } },
    async (req) => service.release(actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/exchange/outbox/:id/requeue',
    { config: { roles: ['liaison'] }, schema: { operationId: 'requeueItem', tags, params: idParams, response: { 200: outboxSchema, ...standardErrors } } },
    async (req) => service.requeue(actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/exchange/inbox',
    {
      schema: {
        operationId: 'listInbox',
        tags,
        querystring: z.object({ partner: z.string().optional(), kind: z.enum(ITEM_KINDS).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
        response: { 200: z.array(itemSchema), ...standardErrors },
      },
    },
    async (req) => service.listInbox(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/exchange/export/stix',
    { schema: { operationId: 'exportStix', tags, summary: 'STIX 2.1 bundle of exchanged items, TLP 2.0 marked', response: { 200: z.looseObject({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.looseObject({ type: z.string(), id: z.string() })) }), ...standardErrors } } },
    async (req) => {
      const actor = actorOf(req);
      const items = [...(await service.listOutboundItems(actor)), ...(await service.listInbox(actor, { limit: 1000 }))];
      return toStixBundle(items, { nodeId: service.nodeId, now: new Date() });
    },
  );
  // endregion

  // region requests for assistance
  app.post(
    '/api/v1/exchange/rfas',
    {
      config: { roles: ['liaison', 'analyst'] },
      schema: {
        operationId: 'createRfa',
        tags,
        body: z.object({ partner: z.string(), question: z.string().min(1), deadline: z.string(), attachments: z.array(payloadSchema).optional(), marking: markingSchema.optional(), purposes: z.array(z.string()).optional() }),
        response: { 200: rfaSchema, ...standardErrors },
      },
    },
    async (req) => rfa.create(actorOf(req), req.body),
  );
  app.get(
    '/api/v1/exchange/rfas',
    {
      config: { roles: ['liaison', 'analyst'] },
      schema: {
        operationId: 'listRfas',
        tags,
        querystring: z.object({ direction: z.enum(['out', 'in']).optional(), status: z.enum(['open', 'answered', 'closed']).optional(), overdue: z.coerce.boolean().optional() }),
        response: { 200: z.array(rfaSchema), ...standardErrors },
      },
    },
    async (req) => rfa.list(actorOf(req), req.query),
  );
  app.post(
    '/api/v1/exchange/rfas/:id/answer',
    {
      config: { roles: ['liaison', 'analyst'] },
      schema: { operationId: 'answerRfa', tags, params: idParams, body: z.object({ answer: z.string().min(1), attachments: z.array(payloadSchema).optional() }), response: { 200: rfaSchema, ...standardErrors } },
    },
    async (req) => rfa.answer(actorOf(req), req.params.id, req.body),
  );
  // endregion
}
