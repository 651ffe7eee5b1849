import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runAssessment, type AssessmentEnvironment } from './assessment-engine.js';
import { defaultChannelPolicy, decideChannel } from './channel-policy.js';
import { createHistoryIndex, historyFilingOf } from './history-index.js';
import { partnerFactorSource } from './factor-sources.js';
import { stricterMarking, type Factor } from './factor.js';
import type { ActiveProfileSet, ProfileHit } from './profile-port.js';
import { filingInput, validFiling } from './test-filings.js';

const now = new Date('2026-11-26T10:00:00Z');

function hit(id: string, points: number, forcedChannel: ProfileHit['forcedChannel'] = null): ProfileHit {
  return { profileId: id, profileVersion: 2, name: `P ${id}`, threat: 'narcotics', points, forcedChannel, reason: 'matched', shareable: false, ownerAgency: 'FR-DGDDI' };
}

function set(evaluate: ActiveProfileSet['evaluate']): ActiveProfileSet {
  return { version: 'set-1', size: 3, evaluate };
}

function env(profileSet: ActiveProfileSet, extra: Partial<AssessmentEnvironment> = {}): AssessmentEnvironment {
  return { profileSet, sources: [], history: createHistoryIndex(), policy: defaultChannelPolicy, ...extra };
}

const factor = (points: number, forcedChannel: Factor['forcedChannel'] = null): Factor => ({
  source: 'profile', sourceId: 'x', version: '1', points, forcedChannel, reason: 'r',
});

describe('channel policy', () => {
  it('maps totals to channels at the thresholds', () => {
    assert.equal(decideChannel([factor(39.99)], 'sea_manifest', defaultChannelPolicy).channel, 'green');
    assert.equal(decideChannel([factor(40)], 'sea_manifest', defaultChannelPolicy).channel, 'yellow');
    assert.equal(decideChannel([factor(30), factor(40)], 'sea_manifest', defaultChannelPolicy).channel, 'red');
  });

  it('lets a forced channel win over the points, DNL strongest, and only for air before loading', () => {
    const d = decideChannel([factor(90), factor(0, 'yellow')], 'air_house_waybill', defaultChannelPolicy);
    assert.equal(d.channel, 'red');
    assert.equal(d.forcedBy, null);
    assert.equal(decideChannel([factor(0, 'red'), factor(0, 'dnl')], 'air_house_waybill', defaultChannelPolicy).channel, 'dnl');
    const sea = decideChannel([factor(0, 'dnl')], 'sea_manifest', defaultChannelPolicy);
    assert.equal(sea.channel, 'red');
    assert.match(sea.explanation, /air cargo before loading/);
  });
});

describe('assessment engine', () => {
  it('turns profile hits into explained factors and records the versions used', async () => {
    const { filing, warnings } = validFiling(filingInput('BL-1'));
    const out = await runAssessment({ filingId: 'f1', filing, warnings, receivedAt: now }, env(set(() => ({ hits: [hit('p1', 45)], errors: [] }))), now);
    assert.equal(out.channel, 'yellow');
    assert.equal(out.factors[0]?.sourceId, 'p1');
    assert.match(out.factors[0]?.reason ?? '', /P p1/);
    assert.deepEqual(out.versions.profiles, { p1: 2 });
    assert.equal(out.versions.profileSet, 'set-1');
    assert.equal(out.versions.policy.redThreshold, 70);
  });

  it('survives a failing profile set and a failing source, recording both', async () => {
    const { filing, warnings } = validFiling(filingInput('BL-2'));
    const boom = set(() => {
      throw new Error('index corrupted');
    });
    const failing = { name: 'model', produce: () => Promise.reject(new Error('model offline')) };
    const out = await runAssessment({ filingId: null, filing, warnings, receivedAt: now }, env(boom, { sources: [failing] }), now);
    assert.equal(out.channel, 'green');
    assert.match(out.profileErrors[0]?.message ?? '', /index corrupted/);
    assert.equal(out.sourceErrors[0]?.source, 'model');
  });

  it('records per-profile runtime errors next to the hits of the others', async () => {
    const { filing, warnings } = validFiling(filingInput('BL-3'));
    const s = set(() => ({ hits: [hit('ok', 10)], errors: [{ profileId: 'bad', profileVersion: 4, message: 'division by zero' }] }));
    const out = await runAssessment({ filingId: null, filing, warnings, receivedAt: now }, env(s), now);
    assert.equal(out.factors.length, 1);
    assert.equal(out.profileErrors[0]?.profileId, 'bad');
    assert.equal(out.versions.profiles.bad, 4);
  });

  it('adds a small factor for a container number failing its check digit', async () => {
    const { filing, warnings } = validFiling(filingInput('BL-4', { equipment: [{ containerNumber: 'CSQU3054384', seals: [] }] }));
    const out = await runAssessment({ filingId: null, filing, warnings, receivedAt: now }, env(set(() => ({ hits: [], errors: [] }))), now);
    assert.equal(out.factors[0]?.source, 'data_quality');
    assert.equal(out.factors[0]?.points, defaultChannelPolicy.checkDigitPoints);
  });

  it('keeps partner markings at least as strict as the item, and marks the assessment', async () => {
    const { filing, warnings } = validFiling(filingInput('BL-5'));
    const port = {
      matchFiling: async () => ({
        version: 'inbox-7',
        items: [{ itemId: 'L1', partnerNode: 'us-ntc', kind: 'lookout' as const, version: '1', points: 80, forcedChannel: null, reason: 'known shipper', marking: { tlp: 'amber' as const, pap: 'red' as const } }],
      }),
    };
    const out = await runAssessment(
      { filingId: null, filing, warnings, receivedAt: now },
      env(set(() => ({ hits: [], errors: [] })), { sources: [partnerFactorSource(port, { tlp: 'green' })] }),
      now,
    );
    assert.deepEqual(out.factors[0]?.marking, { tlp: 'amber', pap: 'red' });
    assert.deepEqual(out.marking, { tlp: 'amber', pap: 'red' });
    assert.equal(out.versions.sources.partner, 'inbox-7');
    assert.deepEqual(stricterMarking({ tlp: 'amber' }, { tlp: 'amber+strict', pap: 'green' }), { tlp: 'amber+strict', pap: 'green' });
  });
});

describe('history index', () => {
  const day = 86_400_000;
  const t0 = new Date('2026-10-01T00:00:00Z').getTime();

  it('answers strictly from data received before the cut-off', () => {
    const h = createHistoryIndex();
    const a = validFiling(filingInput('H-1'));
    const b = validFiling(filingInput('H-2', { goods: [{ sequence: 1, hsCode: '847130', netMassKg: 10, value: { amount: 100, currency: 'EUR' }, originCountry: 'CN' }] }));
    const c = validFiling(filingInput('H-3', { goods: [{ sequence: 1, hsCode: '847130', netMassKg: 10, value: { amount: 300, currency: 'EUR' }, originCountry: 'CN' }] }));
    h.addFiling(historyFilingOf('a', a.filing, new Date(t0)));
    h.addFiling(historyFilingOf('c', c.filing, new Date(t0 + 20 * day)));
    h.addFiling(historyFilingOf('b', b.filing, new Date(t0 + 10 * day)));
    const at15 = h.viewFor(a.filing, new Date(t0 + 15 * day));
    assert.equal(at15.partyFirstSeenDays('consignee'), 15);
    assert.equal(at15.partyFilingCount('consignee'), 2);
    assert.equal(at15.medianValuePerKg('847130', 'CN'), 30); // (50 + 10) / 2; c is in the future
    assert.equal(at15.medianValuePerKg('847130', null), 30);
    assert.equal(at15.partyFirstSeenDays('notify'), null);
    const atStart = h.viewFor(a.filing, new Date(t0));
    assert.equal(atStart.partyFirstSeenDays('consignee'), null); // its own receipt does not count
    assert.equal(atStart.medianValuePerKg('847130', 'CN'), null);
  });

  it('counts an amended consignment once and inspection results by their date', () => {
    const h = createHistoryIndex();
    const v1 = validFiling(filingInput('H-9'));
    const v2 = validFiling(filingInput('H-9', { version: 2 }));
    h.addFiling(historyFilingOf('v1', v1.filing, new Date(t0)));
    h.addFiling(historyFilingOf('v2', v2.filing, new Date(t0 + day)));
    h.addFiling(historyFilingOf('v2', v2.filing, new Date(t0 + day)));
    const keys = historyFilingOf('v1', v1.filing, new Date(t0)).partyKeys;
    h.addInspection(keys, t0 + 2 * day, true);
    h.addInspection(keys, t0 + 5 * day, false);
    const v = h.viewFor(v1.filing, new Date(t0 + 3 * day));
    assert.equal(v.partyFilingCount('consignor'), 1);
    assert.equal(v.partyInspectionCount('consignor'), 1);
    assert.equal(v.partyFindingCount('consignee'), 1);
    assert.equal(h.viewFor(v1.filing, new Date(t0 + 6 * day)).partyInspectionCount('consignee'), 2);
  });
});
