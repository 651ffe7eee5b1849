import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildProfileSet } from './profile-set.js';
import { compileProfile, type CompiledProfile } from './profile-compiler.js';
import { generateBenchmarkFilings, generateBenchmarkProfiles, seededRandom } from './benchmark-profiles.js';
import { EvaluationContext } from './evaluation-context.js';
import { fixedHistory, sampleFiling } from './test-support/sample-filings.js';
import type { ProfileDefinitionInput } from './profile-definition.js';
import type { HistoryView } from './profile-types.js';

const NOW = new Date('2026-11-26T10:00:00Z');

function profile(id: string, over: Partial<ProfileDefinitionInput> & { condition: string }): CompiledProfile {
  const r = compileProfile(id, 1, {
    name: `Profile ${id}`,
    ownerAgency: 'US-CBP',
    threat: 'synthetic_opioids',
    action: { points: 40 },
    rationale: 'Test profile for the set.',
    ...over,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.profile;
}

describe('profile set', () => {
  it('returns hits with a readable reason naming the values that matched', () => {
    const set = buildProfileSet([
      profile('fentanyl-mx', { name: 'Precursors via MX', condition: 'goods.hs6 in ["293339", "292149"] and transport.routing has "MX"' }),
      profile('apparel', { condition: 'goods.chapter in ["61", "62"]' }),
    ]);
    const { hits, errors } = set.evaluate({ filing: sampleFiling(), history: fixedHistory(), now: NOW });
    assert.deepEqual(errors, []);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.profileId, 'fentanyl-mx');
    assert.equal(hits[0]?.reason, 'Precursors via MX (goods item 2): goods.hs6 = "293339", transport.routing = [CN, MX, US]');
    assert.equal(hits[0]?.points, 40);
  });

  it('files profiles under their most selective dimension', () => {
    const set = buildProfileSet([
      profile('a', { condition: 'goods.hs6 in ["293339"] and transport.mode == "air"' }),
      profile('b', { condition: '(goods.origin == "CN" or transport.routing has "HK") and goods.value > 1' }),
      profile('c', { condition: 'goods.value > 1', scope: { kinds: ['express_consignment'] } }),
      profile('d', { condition: 'goods.value > 1', scope: { lanes: ['CN>US'] } }),
      profile('e', { condition: 'not goods.hs6 == "293339"' }),
      profile('f', { condition: 'goods.chapter == "29" or goods.origin == "CN"' }),
      profile('g', { condition: 'startsWith(goods.hs6, "29333") or goods.hs4 == "2921"' }),
      profile('h', { condition: '(goods.chapter == "61" or goods.hs6 == "620342") and transport.mode == "sea"' }),
    ]);
    assert.deepEqual(set.stats.indexed, { 'hs6+mode': 1, country: 2, kind: 1, hs4: 1, 'chapter+mode': 1 });
    assert.equal(set.stats.unindexed, 2);
  });

  it('applies scope, lanes, offices and the validity window', () => {
    const base = 'goods.chapter == "29"';
    const set = buildProfileSet([
      profile('in-lane', { condition: base, scope: { lanes: ['CNPEK>US'] } }),
      profile('wrong-lane', { condition: base, scope: { lanes: ['IN>*'] } }),
      profile('wrong-office', { condition: base, scope: { offices: ['FRCDG01'] } }),
      profile('air-only', { condition: base, scope: { modes: ['air'], kinds: ['air_master_waybill'] } }),
      profile('expired', { condition: base, validTo: '2026-11-25' }),
      profile('future', { condition: base, validFrom: '2026-11-27T00:00:00Z' }),
      profile('valid-today', { condition: base, validFrom: '2026-11-26', validTo: '2026-11-26' }),
    ]);
    const ids = set.evaluate({ filing: sampleFiling(), history: fixedHistory(), now: NOW }).hits.map((h) => h.profileId);
    assert.deepEqual(ids, ['air-only', 'in-lane', 'valid-today']);
  });

  it('reports a profile that throws and still evaluates the others', () => {
    const broken: HistoryView = { ...fixedHistory(), medianValuePerKg: () => { throw new Error('history store unavailable'); } };
    const set = buildProfileSet([
      profile('uses-median', { condition: 'goods.valuePerKg < 0.5 * median(goods.hs6, goods.origin)' }),
      profile('plain', { condition: 'transport.routing has "MX"' }),
    ]);
    const r = set.evaluate({ filing: sampleFiling(), history: broken, now: NOW });
    assert.deepEqual(r.hits.map((h) => h.profileId), ['plain']);
    assert.deepEqual(r.errors, [{ profileId: 'uses-median', profileVersion: 1, message: 'history store unavailable' }]);
  });

  it('gives exactly the hits of running every profile (index soundness)', () => {
    const profiles = generateBenchmarkProfiles(400, 7);
    const filings = generateBenchmarkFilings(300, 11, NOW);
    const rnd = seededRandom(3);
    const history: HistoryView = {
      partyFirstSeenDays: () => (rnd() < 0.3 ? null : Math.floor(rnd() * 100)),
      partyFilingCount: () => Math.floor(rnd() * 4),
      partyInspectionCount: () => 0,
      partyFindingCount: () => (rnd() < 0.2 ? 1 : 0),
      medianValuePerKg: () => 200,
    };
    const set = buildProfileSet(profiles);
    let total = 0;
    for (const filing of filings) {
      // the same history answers for both runs: replay with a fixed value per call site
      const fixed: HistoryView = {
        partyFirstSeenDays: ((v) => () => v)(history.partyFirstSeenDays('consignee')),
        partyFilingCount: ((v) => () => v)(history.partyFilingCount('consignee')),
        partyInspectionCount: () => 0,
        partyFindingCount: ((v) => () => v)(history.partyFindingCount('consignor')),
        medianValuePerKg: () => 200,
      };
      const fast = set.evaluate({ filing, history: fixed, now: NOW }).hits.map((h) => h.profileId);
      const ctx = new EvaluationContext(filing, fixed, NOW);
      const slow = profiles
        .filter((p) => p.inScope(ctx) && p.condition.test(ctx) === true)
        .map((p) => p.id)
        .sort();
      assert.deepEqual(fast, slow);
      total += slow.length;
    }
    assert.ok(total > 20, `the generated data should produce hits (got ${total})`);
    assert.ok(set.stats.unindexed < 40, `most generated profiles should be indexed (unindexed ${set.stats.unindexed})`);
  });
});
