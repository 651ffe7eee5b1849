// Route-level test on a bare Fastify with the same zod compilers and actor hook as the node's
// server (the composition root wires the real one; this checks schemas and the handlers).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { checkRoles, isAppError, manualClock, renderError, type Actor, type ApiServer } from '../platform/index.js';
import { screeningMigrations } from './screening-migrations.js';
import type { ScreeningTables } from './screening-tables.js';
import { createScreeningService } from './screening-service.js';
import { registerScreeningRoutes } from './screening-routes.js';
import { demoWatchlistSample } from './demo-watchlist.js';

const supervisor: Actor = { kind: 'user', id: 'u1', username: 'sup', roles: ['supervisor'], agency: 'CBP' };

async function server(actor: Actor, register: (app: ApiServer) => void): Promise<ApiServer> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = actor;
    checkRoles(actor, request.routeOptions.config.roles);
  });
  app.setErrorHandler((err, _request, reply) => {
    if (isAppError(err)) return reply.status(err.httpStatus).send(renderError(err));
    return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: err instanceof Error ? err.message : String(err) } });
  });
  register(app);
  await app.ready();
  return app;
}

describeStorage<ScreeningTables>('screening routes', screeningMigrations, (fx) => {
  it('screens one name or a batch, with per-query errors for bad names', async () => {
    const svc = await createScreeningService({ db: fx.storage.db, clock: manualClock(new Date('2026-03-01T00:00:00Z')) });
    await svc.importList(supervisor, demoWatchlistSample(), 'demo');
    const app = await server(supervisor, (a) => registerScreeningRoutes(a, { screening: svc }));
    const one = await app.inject({ method: 'POST', url: '/api/v1/screen', payload: { name: 'Mahan Air Co', type: 'organization' } });
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json().results[0].hits[0].entryId, 'ofac:12927');
    assert.equal(one.json().results[0].hits[0].alert, true);
    const batch = await app.inject({
      method: 'POST',
      url: '/api/v1/screen',
      payload: { queries: [{ id: 'a', name: '  ' }, { id: 'b', name: 'x'.repeat(10_000) }, { id: 'c', name: 'Ebano', type: 'vessel' }, { id: 'd', name: '🙂' }] },
    });
    assert.equal(batch.statusCode, 200, batch.body);
    const r = batch.json().results;
    assert.equal(r[0].error, 'name is empty');
    assert.match(r[1].error, /longer than/);
    assert.equal(r[2].hits[0].entryId, 'ofac:4243');
    assert.equal(r[3].error, 'name has no letters or digits');

    const review = await app.inject({
      method: 'POST',
      url: '/api/v1/screening/reviews',
      payload: { partyKey: 'name:MAHAN AIR CO|', partyName: 'Mahan Air Co', entryId: 'ofac:12927', decision: 'true_match', reason: 'same airline' },
    });
    assert.equal(review.statusCode, 200, review.body);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/screening/reviews',
      payload: { partyKey: 'k', partyName: 'n', entryId: 'ofac:0', decision: 'false_positive', reason: 'r' },
    });
    assert.equal(missing.statusCode, 404);

    const put = await app.inject({ method: 'PUT', url: '/api/v1/screening/lookouts/LK-9', payload: { name: 'Zephyr Freight', owner: 'cbp', reason: 'tip' } });
    assert.equal(put.statusCode, 200, put.body);
    const list = await app.inject({ method: 'GET', url: '/api/v1/screening/lookouts' });
    assert.equal(list.json().items[0].id, 'LK-9');
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/screening/lookouts/LK-10', payload: { name: 'No Owner' } });
    assert.equal(bad.statusCode, 400);
    const del = await app.inject({ method: 'DELETE', url: '/api/v1/screening/lookouts/LK-9' });
    assert.equal(del.statusCode, 204);
    const status = await app.inject({ method: 'GET', url: '/api/v1/screening/status' });
    assert.equal(status.json().lookouts, 0);
    await app.close();
  });
});
