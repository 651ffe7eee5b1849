import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, type TestNode } from './test-support/test-node.js';

function filing(reference: string, extra: Record<string, unknown> = {}) {
  return {
    kind: 'sea_manifest',
    filer: { id: 'CMACGM' },
    reference,
    version: 1,
    parties: [{ role: 'consignee', name: 'Établissements Martin', country: 'FR' }],
    goods: [{ sequence: 1, hsCode: '847130', netMassKg: 50, value: { amount: 1000, currency: 'EUR' }, originCountry: 'CN' }],
    transport: { mode: 'sea', loadingPlace: 'CNSHA', dischargePlace: 'FRLEH', arrivalTime: '2026-12-01T08:00:00Z' },
    equipment: [{ containerNumber: 'CSQU3054383' }],
    ...extra,
  };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`filings API [${engine}]`, () => {
    let t: TestNode;
    before(async () => {
      t = await startTestNode({ engine });
    });
    after(async () => {
      await t.close();
    });

    it('accepts a filing and reads it back, auditing the read', async () => {
      const headers = await t.as('targeter');
      const res = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: filing('BL-100') });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.accepted, 1);
      const id = body.results[0].id;
      const read = await t.api.inject({ method: 'GET', url: `/api/v1/filings/${id}`, headers });
      assert.equal(read.statusCode, 200, read.body);
      assert.equal(read.json().filing.parties[0].name, 'Établissements Martin');
      const audit = await t.api.inject({ method: 'GET', url: `/api/v1/audit?targetType=filing&targetId=${id}`, headers: await t.as('dpo') });
      assert.equal(audit.json().items[0].action, 'filing.read');
    });

    it('answers a batch with per-record errors naming index and field', async () => {
      const headers = await t.as('targeter');
      const bad1 = filing('BL-101', { goods: [{ sequence: 1, hsCode: '12' }] });
      const bad2 = { ...filing('BL-102'), colour: 'red' };
      const bad3 = filing('BL-103', { kind: 42 });
      const { reference: _r, ...bad4 } = filing('BL-104');
      const res = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: [filing('BL-105'), bad1, bad2, bad3, bad4] });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.accepted, 1);
      assert.equal(body.rejected, 4);
      const byIndex = new Map<number, { path: string; reason: string }[]>(body.errors.map((e: { index: number; problems: { path: string; reason: string }[] }) => [e.index, e.problems]));
      assert.equal(byIndex.get(1)?.[0]?.path, 'goods.0.hsCode');
      assert.match(byIndex.get(2)?.[0]?.reason ?? '', /unknown field: colour/);
      assert.equal(byIndex.get(3)?.[0]?.path, 'kind');
      assert.equal(byIndex.get(4)?.[0]?.path, 'reference');
    });

    it('rejects control characters and lone surrogates in text', async () => {
      const headers = await t.as('targeter');
      const res = await t.api.inject({
        method: 'POST',
        url: '/api/v1/filings',
        headers,
        payload: [filing('BL-106', { parties: [{ role: 'consignee', name: 'Bad\u0007Name' }] }), filing('BL-107', { parties: [{ role: 'consignee', name: 'x\ud800y' }] })],
      });
      const body = res.json();
      assert.equal(body.rejected, 2);
      assert.match(body.errors[0].problems[0].reason, /control characters/);
      assert.match(body.errors[1].problems[0].reason, /invalid Unicode/);
    });

    it('stores amendments and treats repeats as idempotent', async () => {
      const headers = await t.as('targeter');
      await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: filing('BL-108') });
      const again = (await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: filing('BL-108') })).json();
      assert.equal(again.duplicates, 1);
      const amended = (await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: filing('BL-108', { version: 2, office: 'FRLEH01' }) })).json();
      assert.equal(amended.amended, 1);
      const versions = (await t.api.inject({ method: 'GET', url: `/api/v1/filings/${amended.results[0].id}/versions`, headers })).json();
      assert.deepEqual(versions.items.map((v: { version: number; isLatest: boolean }) => [v.version, v.isLatest]), [[1, false], [2, true]]);
    });

    it('keeps a filing with a wrong container check digit, with a warning', async () => {
      const headers = await t.as('targeter');
      const res = (await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: filing('BL-109', { equipment: [{ containerNumber: 'CSQU3054384' }] }) })).json();
      assert.equal(res.accepted, 1);
      const read = (await t.api.inject({ method: 'GET', url: `/api/v1/filings/${res.results[0].id}`, headers })).json();
      assert.equal(read.warnings[0].code, 'container_check_digit');
    });

    it('answers malformed JSON, oversized bodies and wrong envelopes with the error format', async () => {
      const headers = { ...(await t.as('targeter')), 'content-type': 'application/json' };
      const malformed = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: '{"kind": ' });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.code, 'MALFORMED_BODY');
      const big = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: `{"x":"${'a'.repeat(t.node.config.maxBodyBytes + 10)}"}` });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().error.code, 'PAYLOAD_TOO_LARGE');
      const wrong = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: '"just a string"' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.code, 'VALIDATION_FAILED');
    });

    it('refuses unauthenticated and wrong-role requests, leaves health and docs open', async () => {
      const anon = await t.api.inject({ method: 'POST', url: '/api/v1/filings', payload: filing('BL-110') });
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().error.code, 'AUTHENTICATION_REQUIRED');
      const bogus = await t.api.inject({ method: 'GET', url: '/api/v1/filings', headers: { authorization: 'Bearer tdm_nope' } });
      assert.equal(bogus.statusCode, 401);
      const inspector = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers: await t.as('inspector'), payload: filing('BL-111') });
      assert.equal(inspector.statusCode, 403);
      const users = await t.api.inject({ method: 'POST', url: '/api/v1/users', headers: await t.as('targeter'), payload: { username: 'x1', roles: ['admin'] } });
      assert.equal(users.statusCode, 403);
      assert.equal((await t.api.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      assert.equal((await t.api.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode, 200);
      const metrics = await t.api.inject({ method: 'GET', url: '/metrics' });
      assert.equal(metrics.statusCode, 200);
      assert.match(metrics.body, /tandem_http_request_duration_seconds/);
    });

    it('lets a machine feed submit with an API token', async () => {
      const created = (await t.api.inject({ method: 'POST', url: '/api/v1/tokens', headers: await t.as('admin'), payload: { name: 'ens-gateway', roles: ['analyst'] } })).json();
      const res = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers: { authorization: `Bearer ${created.token}` }, payload: filing('BL-112') });
      assert.equal(res.json().accepted, 1);
    });
  });
}
