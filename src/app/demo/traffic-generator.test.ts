import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTraffic } from './traffic-generator.js';
import { validateFiling, isValidImoNumber } from '../../records/index.js';
import { CARRIERS_SEA } from './demo-catalogue.js';

describe('demo traffic generator', () => {
  const opts = { seed: 42, baseDate: '2026-11-26', days: 10, perDay: 100 };

  it('is deterministic for a seed', () => {
    assert.deepEqual(generateTraffic(opts), generateTraffic(opts));
    assert.notDeepEqual(generateTraffic(opts)[0], generateTraffic({ ...opts, seed: 43 })[0]);
  });

  it('produces valid filings, including every planted case', () => {
    const traffic = generateTraffic(opts);
    assert.equal(traffic.length, 1000);
    const invalid = traffic.map((t) => validateFiling(t.filing)).filter((v) => !v.ok);
    assert.deepEqual(invalid, []);
    const planted = new Set(traffic.map((t) => t.planted).filter((p) => p !== null));
    assert.deepEqual([...planted].sort(), ['arms_parts', 'forced_labour_cotton', 'precursor', 'sanctioned_consignee', 'undervalued_apparel']);
  });

  it('uses vessels with valid IMO numbers', () => {
    for (const c of CARRIERS_SEA) for (const v of c.vessels) assert.ok(isValidImoNumber(v.imo), `${v.name} ${v.imo}`);
  });
});
