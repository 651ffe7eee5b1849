import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { averagePrecision, bestMacroF1Threshold, macroF1, rocAuc, topPercent } from './metrics.js';

describe('metrics', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  it('ROC-AUC and average precision match the scikit-learn example', () => {
    assert.equal(rocAuc(y, s), 0.75);
    assert.ok(Math.abs(averagePrecision(y, s) - 0.8333333333333333) < 1e-12);
  });
  it('counts tied scores as one threshold', () => {
    assert.equal(rocAuc([0, 1], [0.5, 0.5]), 0.5);
    assert.equal(averagePrecision([0, 1], [0.5, 0.5]), 0.5);
  });
  it('precision and recall at the top n% rank ties in file order', () => {
    const top = topPercent([1, 0, 1, 0, 0, 0, 0, 0, 0, 0], [0.9, 0.9, 0.8, 0, 0, 0, 0, 0, 0, 0], [10, 20, 30]);
    assert.deepEqual(top.map((t) => [t.k, t.precision, t.recall]), [[1, 1, 0.5], [2, 0.5, 0.5], [3, 2 / 3, 1]]);
  });
  it('macro-F1 and its best threshold', () => {
    assert.equal(macroF1(y, s, 0.35), (0.8 + 2 / 3) / 2);
    const best = bestMacroF1Threshold(y, s);
    assert.ok(best.macroF1 >= macroF1(y, s, 0.35));
    assert.equal(macroF1(y, s, best.threshold), best.macroF1);
  });
});
