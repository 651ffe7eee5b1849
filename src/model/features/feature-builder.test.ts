import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tinyLabelledSet } from '../test-support/tiny-set.js';
import { FEATURE_NAMES, scoringFeatures, trainingFeatures } from './feature-builder.js';
import { fitFeatureSpec } from './feature-spec.js';
import { combinationKey, HistoryTable } from './history.js';

describe('features', () => {
  const set = tinyLabelledSet(400, 3);
  const spec = fitFeatureSpec(set.keys, set.outcomes);

  it('never lets a training row see its own label (flipping it leaves its features unchanged)', () => {
    const a = trainingFeatures(set.keys, set.outcomes, spec, 5, 1);
    for (const i of [0, 17, 123, 399]) {
      const flipped = set.outcomes.map((o, j) => (j === i ? { fraud: !o.fraud, critical: !o.critical } : o));
      const b = trainingFeatures(set.keys, flipped, spec, 5, 1);
      const rowA = a.values.subarray(i * a.nFeatures, (i + 1) * a.nFeatures);
      const rowB = b.values.subarray(i * b.nFeatures, (i + 1) * b.nFeatures);
      assert.deepEqual(Array.from(rowB), Array.from(rowA), `row ${i}`);
    }
  });

  it('with folds by combination, a row never sees the outcomes of its own combination', () => {
    const a = trainingFeatures(set.keys, set.outcomes, spec, 5, 1, 'combination');
    const comb = FEATURE_NAMES.indexOf('combination.inspected');
    for (const i of [0, 17, 123, 399]) {
      const key = combinationKey(set.keys[i]!);
      assert.ok(key !== undefined);
      assert.equal(a.values[i * a.nFeatures + comb], 0, `row ${i} has no combination history`);
      // Flip every filing of the row's combination: the row's features stay the same.
      const flipped = set.outcomes.map((o, j) => (combinationKey(set.keys[j]!) === key ? { fraud: !o.fraud, critical: !o.critical } : o));
      const b = trainingFeatures(set.keys, flipped, spec, 5, 1, 'combination');
      assert.deepEqual(Array.from(b.values.subarray(i * b.nFeatures, (i + 1) * b.nFeatures)), Array.from(a.values.subarray(i * a.nFeatures, (i + 1) * a.nFeatures)), `row ${i}`);
    }
    // Row folds do let a row see its combination's other filings (the main model's memory).
    const rowFolds = trainingFeatures(set.keys, set.outcomes, spec, 5, 1);
    assert.ok([...Array(set.keys.length).keys()].some((i) => rowFolds.values[i * rowFolds.nFeatures + comb]! > 0));
  });

  it('scores from earlier history only, and a batch never contributes labels', () => {
    const history = new HistoryTable();
    set.keys.forEach((k, i) => history.add(k, set.outcomes[i]));
    const later = tinyLabelledSet(50, 4, 18262 + 400);
    const x = scoringFeatures(later.keys, spec, history);
    const flipped = later.keys.map((k) => ({ ...k }));
    const y = scoringFeatures(flipped, spec, history);
    assert.deepEqual(Array.from(x.values), Array.from(y.values));
    // The batch's earlier days add to "seen" but not to "inspected".
    const seen = FEATURE_NAMES.indexOf('importer.seen');
    const insp = FEATURE_NAMES.indexOf('importer.inspected');
    const last = later.keys.length - 1;
    const imp = later.keys[last]!.importer;
    const before = later.keys.filter((k, j) => j < last && k.importer === imp && k.day < later.keys[last]!.day).length;
    const hist = set.keys.filter((k) => k.importer === imp).length;
    assert.equal(x.values[last * x.nFeatures + seen], hist + before);
    assert.equal(x.values[last * x.nFeatures + insp], hist);
    assert.throws(() => scoringFeatures(set.keys.slice(0, 3), spec, history), /look-ahead/);
  });

  it('turns missing values into NaN features, not errors', () => {
    const k = { ...set.keys[0]!, importer: undefined, hs6: undefined, mass: Number.NaN, value: Number.NaN, day: 18262 + 500 };
    const history = new HistoryTable();
    const x = scoringFeatures([k], spec, history);
    assert.ok(Number.isNaN(x.values[FEATURE_NAMES.indexOf('importer.fraud_rate')]!));
    assert.ok(Number.isNaN(x.values[FEATURE_NAMES.indexOf('unit_price')]!));
  });
});
