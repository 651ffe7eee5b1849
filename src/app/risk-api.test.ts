// The assessment and targeting routes that the console's filing view and dashboards read.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, type TestNode } from './test-support/test-node.js';
import { startWorkers, type Workers } from './workers.js';
import { generateTraffic } from './demo/traffic-generator.js';
import { demoPlantedConsignee, demoWatchlistSample } from '../screening/index.js';

describe('party history and daily statistics routes', () => {
  let t: TestNode;
  let workers: Workers;
  before(async () => {
    t = await startTestNode();
    workers = await startWorkers(t.node);
  });
  after(async () => {
    await workers.stop();
    await t.close();
  });

  it('counts a repeat consignee across filings and reports referrals per day', async () => {
    const traffic = generateTraffic({ seed: 5, baseDate: '2026-11-26', days: 2, perDay: 40 }).map((x) => x.filing);
    const headers = await t.as('targeter');
    const res = await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: traffic });
    assert.equal(res.json().accepted, traffic.length);
    await t.node.bus.drain();
    // The consignee that appears most often in the traffic
    const counts = new Map<string, number>();
    for (const f of traffic) for (const p of f.parties ?? []) if (p.role === 'consignee') counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
    const [name, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const index = traffic.findIndex((f) => f.parties?.some((p) => p.role === 'consignee' && p.name === name));
    const id = res.json().results.find((r: { index: number }) => r.index === index).id;
    const history = await t.api.inject({ method: 'GET', url: `/api/v1/filings/${id}/party-history`, headers });
    assert.equal(history.statusCode, 200, history.body);
    const consignee = history.json().items.find((p: { role: string }) => p.role === 'consignee');
    assert.equal(consignee.name, name);
    assert.equal(consignee.filings, n);
    assert.ok(consignee.firstSeen);
    const daily = await t.api.inject({ method: 'GET', url: '/api/v1/stats/daily?days=30', headers });
    assert.equal(daily.statusCode, 200, daily.body);
    const referrals = daily.json().items.reduce((s: number, d: { referrals: number }) => s + d.referrals, 0);
    const open = await t.api.inject({ method: 'GET', url: '/api/v1/referrals?limit=1000', headers });
    assert.equal(referrals, open.json().items.length);
    const anon = await t.api.inject({ method: 'GET', url: '/api/v1/stats/daily' });
    assert.equal(anon.statusCode, 401);
  });
});

describe('screening hit reviewed from a referral', () => {
  let t: TestNode;
  let workers: Workers;
  before(async () => {
    t = await startTestNode();
    await t.node.screening.importList(t.node.system, demoWatchlistSample(), 'test');
    workers = await startWorkers(t.node);
  });
  after(async () => {
    await workers.stop();
    await t.close();
  });

  it('explains the hit with the party and entry, and a false positive does not come back', async () => {
    const planted = demoPlantedConsignee();
    const filing = {
      kind: 'sea_manifest',
      filer: { id: 'CMDU' },
      reference: 'BL-SANCTIONS-1',
      version: 1,
      parties: [{ role: 'consignee', name: planted.name, country: 'US' }],
      goods: [{ sequence: 1, hsCode: '848180', netMassKg: 900, value: { amount: 20000, currency: 'USD' }, originCountry: 'CN' }],
      transport: { mode: 'sea', loadingPlace: 'CNSHA', dischargePlace: 'USLAX', arrivalTime: '2026-12-10T08:00:00Z' },
    };
    const headers = await t.as('targeter');
    const first = (await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: filing })).json();
    await t.node.bus.drain();
    const assessment = (await t.api.inject({ method: 'GET', url: `/api/v1/filings/${first.results[0].id}/assessment`, headers })).json();
    const hit = assessment.factors.find((f: { source: string }) => f.source === 'screening');
    assert.ok(hit, JSON.stringify(assessment.factors));
    assert.equal(hit.details.entryId, planted.entryId);
    assert.equal(hit.details.partyName, planted.name);
    assert.ok(hit.details.alignedTokens.length > 0, 'the hit shows which tokens aligned');
    const review = await t.api.inject({
      method: 'POST',
      url: '/api/v1/screening/reviews',
      headers,
      payload: { partyKey: hit.details.partyKey, partyName: planted.name, entryId: hit.details.entryId, decision: 'false_positive', reason: 'different company, checked the registry' },
    });
    assert.equal(review.statusCode, 200, review.body);
    const amended = (await t.api.inject({ method: 'POST', url: '/api/v1/filings', headers, payload: { ...filing, version: 2, office: 'USLAX' } })).json();
    await t.node.bus.drain();
    const again = (await t.api.inject({ method: 'GET', url: `/api/v1/filings/${amended.results[0].id}/assessment`, headers })).json();
    assert.equal(again.factors.filter((f: { source: string }) => f.source === 'screening').length, 0, 'the reviewed false positive is not raised again');
  });
});
