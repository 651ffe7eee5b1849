// The profile routes on a bare Fastify with the same zod compilers and error rendering as the
// node's server; the actor comes from a test header (authentication is the access context's job).
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isAppError, manualClock, renderError, type Actor, type Role } from '../platform/index.js';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { recordsMigrations, type RecordsTables } from '../records/index.js';
import { profilesMigrations } from './profiles-migrations.js';
import type { ProfilesTables } from './profiles-tables.js';
import { createProfileService } from './profile-service.js';
import { registerProfileRoutes } from './profiles-routes.js';

const ROLE_OF: Record<string, Role> = { alice: 'targeter', bob: 'supervisor', ivan: 'inspector' };

describeStorage<ProfilesTables & RecordsTables>('profile routes', [...recordsMigrations, ...profilesMigrations], (fx) => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  before(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (request) => {
      const name = request.headers['x-test-user'];
      const role = typeof name === 'string' ? ROLE_OF[name] : undefined;
      const actor: Actor | null = typeof name === 'string' && role ? { kind: 'user', id: `u-${name}`, username: name, roles: [role], agency: 'DGDDI' } : null;
      request.actor = actor;
    });
    app.setErrorHandler((err, _request, reply) => {
      if (isAppError(err)) return reply.status(err.httpStatus).send(renderError(err));
      if (hasZodFastifySchemaValidationErrors(err)) return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: err.message } });
      return reply.status(500).send({ error: { code: 'INTERNAL', message: String(err) } });
    });
    const db = fx.storage.db;
    registerProfileRoutes(app, { profiles: createProfileService({ db, clock: manualClock(new Date('2026-11-26T10:00:00Z')), filings: db }) });
    await app.ready();
  });
  after(async () => {
    await app.close();
  });

  const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { 'x-test-user': user }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload), headers: { 'x-test-user': user, 'content-type': 'application/json' } }) });

  const definition = {
    name: 'Cotton from Xinjiang',
    ownerAgency: 'DGDDI',
    threat: 'forced_labour',
    condition: 'goods.chapter == "52" and party.manufacturer.address matches /xinjiang/i',
    action: { points: 40, forcedChannel: 'yellow' },
    rationale: 'Forced labour presumption for Xinjiang cotton.',
  };

  it('validates conditions for a live editor with line and column', async () => {
    const res = await call('alice', 'POST', '/api/v1/profiles/validate', { condition: 'goods.chapter == "52" and\n  goods.orign == "CN"' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { ok: false, problems: [{ line: 2, column: 3, message: 'unknown field "goods.orign" (did you mean "goods.origin"?)' }] });
    const ok = await call('alice', 'POST', '/api/v1/profiles/validate', { definition });
    assert.deepEqual(ok.json(), { ok: true, problems: [] });
    const lang = await call('ivan', 'GET', '/api/v1/profiles/language');
    assert.ok(lang.json().fields.some((f: { name: string }) => f.name === 'goods.valuePerKg'));
  });

  it('creates, approves, activates and reports on a profile; refuses the wrong roles', async () => {
    const created = await call('alice', 'POST', '/api/v1/profiles', { definition });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().id;
    assert.equal((await call('ivan', 'PUT', `/api/v1/profiles/${id}`, { definition })).statusCode, 403);
    assert.equal((await call('alice', 'POST', `/api/v1/profiles/${id}/approve`, {})).statusCode, 403);
    const bad = await call('alice', 'POST', '/api/v1/profiles', { definition: { ...definition, name: 'Broken one', condition: 'goods.chapter ==' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details.problems[0].column, 17); // the end of the text, where a value is missing
    assert.equal((await call('bob', 'POST', `/api/v1/profiles/${id}/approve`, {})).statusCode, 200);
    const active = await call('bob', 'POST', `/api/v1/profiles/${id}/activate`, {});
    assert.equal(active.json().activeVersion, 1);
    const list = await call('ivan', 'GET', '/api/v1/profiles?status=active');
    assert.deepEqual(list.json().items.map((x: { id: string }) => x.id), [id]);
    const bt = await call('alice', 'POST', `/api/v1/profiles/${id}/backtest`, { days: 30 });
    assert.equal(bt.statusCode, 200, bt.body);
    assert.equal(bt.json().filingsScanned, 0);
    const stats = await call('alice', 'GET', `/api/v1/profiles/${id}/stats`);
    assert.equal(stats.json().selected, 0);
    const yaml = await call('alice', 'GET', '/api/v1/profiles/export?which=active');
    assert.match(String(yaml.headers['content-type']), /yaml/);
    assert.match(yaml.body, /Cotton from Xinjiang/);
    assert.equal((await call('nobody', 'GET', '/api/v1/profiles')).statusCode, 401);
    assert.equal((await call('bob', 'GET', '/api/v1/profiles/no-such-profile')).statusCode, 404);
  });
});
