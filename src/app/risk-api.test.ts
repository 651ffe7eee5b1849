// The assessment and targeting routes that the console's filing view and dashboards read.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, type TestNode } from './test-support/test-node.js';
import { startWorkers, type Workers } from './workers.js';
import { generateTraffic } from './demo/traffic-generator.js';

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
