// The people-facing exchange API through Fastify: schemas, serialisation and the one error
// format. The authentication hook is a stand-in for the app's (it sets the actor).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isAppError, manualClock, renderError, type Actor } from '../platform/index.js';
import { openTestStorage } from '../platform/test-support/storage-harness.js';
import { createExchangeNode } from './exchange-node.js';
import { exchangeMigrations } from './exchange-migrations.js';
import type { ExchangeTables } from './exchange-tables.js';
import { generateNodeIdentity } from './node-identity.js';
import { testAgreement, user } from './exchange-test-nodes.js';

describe('exchange API', () => {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'));
  let actor: Actor = user('liaison', 'FR-DGDDI', 'liaison', 'analyst');
  let dispose: () => Promise<void> = async () => undefined;
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();

  before(async () => {
    const opened = await openTestStorage<ExchangeTables>('sqlite', exchangeMigrations);
    dispose = opened.dispose;
    const node = createExchangeNode({ db: opened.storage.db, identity: generateNodeIdentity('FR-DGDDI'), clock, audit: async () => undefined });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req) => {
      req.actor = actor;
    });
    app.setErrorHandler((err, _req, reply) => (isAppError(err) ? reply.status(err.httpStatus).send(renderError(err)) : reply.status(500).send({ error: { code: 'INTERNAL', message: String(err) } })));
    node.registerRoutes(app);
    const admin = user('admin', 'FR-DGDDI', 'admin');
    await node.service.addPartner(admin, { id: 'US-CBP', baseUrl: 'http://127.0.0.1:9', jwks: generateNodeIdentity('US-CBP').publicJwks() });
    await node.service.setAgreement(admin, testAgreement('US-CBP', 'outbound'));
  });
  after(async () => {
    await app.close();
    await dispose();
  });

  it('shares, lists, releases and exports through the API', async () => {
    const shared = await app.inject({ method: 'POST', url: '/api/v1/exchange/items', payload: { partner: 'US-CBP', kind: 'lookout', payload: { subject: { type: 'party', value: 'ACME' }, reason: 'r', points: 5 } } });
    assert.equal(shared.statusCode, 200, shared.body);
    const body: unknown = shared.json();
    assert.ok(typeof body === 'object' && body !== null && 'item' in body && typeof body.item === 'object' && body.item !== null && 'id' in body.item);
    const id = String(body.item.id);
    const outbox = await app.inject({ method: 'GET', url: '/api/v1/exchange/outbox?status=awaiting_release' });
    assert.equal(outbox.statusCode, 200, outbox.body);
    assert.match(outbox.body, new RegExp(id));
    const released = await app.inject({ method: 'POST', url: `/api/v1/exchange/outbox/${id}/release` });
    assert.equal(released.statusCode, 200, released.body);
    assert.match(released.body, /"status":"queued"/);
    const again = await app.inject({ method: 'POST', url: `/api/v1/exchange/outbox/${id}/release` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /"code":"NOT_AWAITING_RELEASE"/);
    const stix = await app.inject({ method: 'GET', url: '/api/v1/exchange/export/stix' });
    assert.equal(stix.statusCode, 200, stix.body);
    assert.match(stix.body, /marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421/);
    const item = await app.inject({ method: 'GET', url: `/api/v1/exchange/items/${id}` });
    assert.equal(item.statusCode, 200, item.body);
  });

  it('refuses a share the agreement does not allow, with a reason', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/exchange/items', payload: { partner: 'US-CBP', kind: 'intelligence_report', payload: { title: 't' } } });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /KIND_NOT_ALLOWED/);
  });

  it('creates a request for assistance and lists it as overdue after its deadline', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/exchange/rfas', payload: { partner: 'US-CBP', question: 'Who is the consignee of BL-1?', deadline: '2026-11-28T00:00:00Z', attachments: [{ reference: 'BL-1' }] } });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /"status":"open"/);
    clock.advance(3 * 86_400_000);
    const overdue = await app.inject({ method: 'GET', url: '/api/v1/exchange/rfas?overdue=true' });
    assert.equal(overdue.statusCode, 200, overdue.body);
    assert.match(overdue.body, /"overdue":true/);
    actor = user('dpo', 'FR-DGDDI', 'dpo');
    const forbidden = await app.inject({ method: 'POST', url: '/api/v1/exchange/rfas', payload: { partner: 'US-CBP', question: 'q', deadline: '2026-12-01T00:00:00Z' } });
    assert.equal(forbidden.statusCode, 403);
  });
});
