import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureMatrix } from './binning.js';
import { binOf, fitBinMapper } from './binning.js';
import { predict, predictMargin, predictMarginPlain, type GbdtModel } from './gbdt-model.js';
import { gbdtFromJson, gbdtToJson, ModelFormatError } from './gbdt-format.js';
import { trainGbdt } from './gbdt-trainer.js';
import { createPrng } from './prng.js';
import { createExplainer } from './tree-shap.js';

function matrix(rows: number[][]): FeatureMatrix {
  const nFeatures = rows[0]?.length ?? 0;
  return { nRows: rows.length, nFeatures, values: Float64Array.from(rows.flat()) };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);

describe('binning', () => {
  it('keeps one bin per distinct value and bin 0 for missing', () => {
    const mapper = fitBinMapper(matrix([[1], [2], [2], [5], [Number.NaN]]));
    const e = mapper.edges[0]!;
    assert.deepEqual(Array.from(e), [1.5, 3.5]);
    assert.equal(binOf(e, Number.NaN), 0);
    assert.equal(binOf(e, 1), 1);
    assert.equal(binOf(e, 2), 2);
    assert.equal(binOf(e, 9), 3);
  });
  it('caps the number of bins at 255 including the missing bin', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [i * 1.5]);
    const e = fitBinMapper(matrix(rows)).edges[0]!;
    assert.ok(e.length + 2 <= 255, `bins ${e.length + 2}`);
    assert.ok(e.length > 200);
  });
});

describe('gbdt training', () => {
  it('finds a separable split exactly', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i, (i * 7) % 13]);
    const y = Float64Array.from(rows, (r) => (r[0]! >= 37 ? 1 : 0));
    const { model } = trainGbdt({ x: matrix(rows), y, featureNames: names(2) }, { rounds: 1, maxLeaves: 2, maxDepth: 1, lambda: 0 });
    assert.equal(model.feature[0], 0);
    assert.equal(model.threshold[0], 36.5);
  });

  it('learns XOR with depth 2', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    // Unequal quadrant sizes: with perfectly balanced XOR no single first split has any gain.
    const sizes = [50, 60, 40, 55];
    sizes.forEach((size, q) => {
      for (let i = 0; i < size; i++) {
        const a = q & 1;
        const b = q >> 1;
        rows.push([a, b]);
        y.push(a ^ b);
      }
    });
    const x = matrix(rows);
    const { model } = trainGbdt({ x, y: Float64Array.from(y), featureNames: names(2) }, { rounds: 30, maxDepth: 2, maxLeaves: 4, learningRate: 0.5 });
    const p = predict(model, x);
    for (let i = 0; i < y.length; i++) assert.equal(p[i]! > 0.5 ? 1 : 0, y[i], `row ${i}`);
  });

  it('decreases the training loss every round', () => {
    const random = createPrng(3);
    const rows = Array.from({ length: 500 }, () => [random(), random(), random()]);
    const y = Float64Array.from(rows, (r) => (r[0]! + 0.5 * r[1]! + 0.2 * random() > 0.8 ? 1 : 0));
    const { trainLoss } = trainGbdt({ x: matrix(rows), y, featureNames: names(3), trackTrainLoss: true }, { rounds: 25, maxLeaves: 8 });
    assert.equal(trainLoss.length, 25);
    for (let i = 1; i < trainLoss.length; i++) assert.ok(trainLoss[i]! < trainLoss[i - 1]!, `round ${i}: ${trainLoss[i]} !< ${trainLoss[i - 1]}`);
  });

  it('fits a squared-error regression (one split gives the two group means)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i]);
    const y = Float64Array.from(rows, (r) => (r[0]! < 20 ? 2 : 10));
    const { model } = trainGbdt(
      { x: matrix(rows), y, featureNames: names(1) },
      { objective: 'reg:squarederror', rounds: 1, maxLeaves: 2, learningRate: 1, lambda: 0 },
    );
    const p = predict(model, matrix([[3], [30]]));
    assert.equal(p[0], 2);
    assert.equal(p[1], 10);
  });

  it('routes missing values to the side learned in training', () => {
    // Missing rows are all positive, like the high values: missing must go right with them.
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 60; i++) {
      rows.push([i]);
      y.push(i >= 30 ? 1 : 0);
    }
    for (let i = 0; i < 20; i++) {
      rows.push([Number.NaN]);
      y.push(1);
    }
    const { model } = trainGbdt({ x: matrix(rows), y: Float64Array.from(y), featureNames: names(1) }, { rounds: 20, maxLeaves: 2, learningRate: 0.5 });
    const p = predict(model, matrix([[Number.NaN], [5], [50]]));
    assert.ok(p[0]! > 0.9 && p[2]! > 0.9 && p[1]! < 0.1, Array.from(p).join(','));
  });

  it('stops early on a validation set and keeps the best round', () => {
    const random = createPrng(11);
    const gen = (n: number) => Array.from({ length: n }, () => [random(), random()]);
    const tr = gen(300);
    const va = gen(300);
    const lab = (r: number[]) => (random() < 0.7 ? (r[0]! > 0.5 ? 1 : 0) : random() < 0.5 ? 1 : 0);
    const res = trainGbdt(
      { x: matrix(tr), y: Float64Array.from(tr, lab), featureNames: names(2), valid: { x: matrix(va), y: Float64Array.from(va, lab) } },
      { rounds: 300, maxLeaves: 31, maxDepth: 0, learningRate: 0.3, earlyStoppingRounds: 10 },
    );
    assert.ok(res.validMetric.length < 300);
    assert.equal(res.model.roots.length, res.bestRounds);
    const best = Math.min(...res.validMetric);
    assert.equal(res.validMetric[res.bestRounds - 1], best);
  });

  it('is deterministic for a seed, with row and feature subsampling', () => {
    const random = createPrng(5);
    const rows = Array.from({ length: 400 }, () => [random(), random(), random(), random()]);
    const y = Float64Array.from(rows, (r) => (r[1]! > r[2]! ? 1 : 0));
    const params = { rounds: 15, subsample: 0.7, colsampleByTree: 0.5, seed: 42 };
    const a = trainGbdt({ x: matrix(rows), y, featureNames: names(4) }, params).model;
    const b = trainGbdt({ x: matrix(rows), y, featureNames: names(4) }, params).model;
    const c = trainGbdt({ x: matrix(rows), y, featureNames: names(4) }, { ...params, seed: 43 }).model;
    assert.deepEqual(gbdtToJson(a), gbdtToJson(b));
    assert.notDeepEqual(gbdtToJson(a), gbdtToJson(c));
  });

  it('class weighting raises the scores of positives', () => {
    const random = createPrng(9);
    const rows = Array.from({ length: 400 }, () => [random()]);
    const y = Float64Array.from(rows, (r) => (r[0]! > 0.9 && random() < 0.5 ? 1 : 0));
    const plain = trainGbdt({ x: matrix(rows), y, featureNames: names(1) }, { rounds: 10 }).model;
    const weighted = trainGbdt({ x: matrix(rows), y, featureNames: names(1) }, { rounds: 10, scalePosWeight: 5 }).model;
    const probe = matrix([[0.95]]);
    assert.ok(predict(weighted, probe)[0]! > predict(plain, probe)[0]!);
  });
});

describe('gbdt model format', () => {
  it('property: a saved and reloaded model predicts bit-identically', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const random = createPrng(seed * 101);
      const nf = 2 + Math.floor(random() * 5);
      const rows = Array.from({ length: 300 }, () => Array.from({ length: nf }, () => (random() < 0.1 ? Number.NaN : random() * 1000 - 500)));
      const y = Float64Array.from(rows, (r) => ((r[0] ?? 0) + (r[1] ?? 0) * random() > 0 ? 1 : 0));
      const { model } = trainGbdt({ x: matrix(rows), y, featureNames: names(nf) }, { rounds: 20, maxLeaves: 2 + Math.floor(random() * 30), seed, subsample: 0.8 });
      const reloaded = gbdtFromJson(JSON.parse(JSON.stringify(gbdtToJson(model))));
      // Probe values: random, missing, infinite, and exactly on the model's thresholds.
      const thresholds = Array.from(model.threshold).filter((_, n) => model.feature[n]! >= 0);
      const probeValue = () => {
        const u = random();
        if (u < 0.1) return Number.NaN;
        if (u < 0.12) return u < 0.11 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
        if (u < 0.3 && thresholds.length > 0) return thresholds[Math.floor(random() * thresholds.length)]!;
        return random() * 1200 - 600;
      };
      const probe = matrix(Array.from({ length: 200 }, () => Array.from({ length: nf }, probeValue)));
      const a = predictMargin(model, probe);
      const b = predictMargin(reloaded, probe);
      assert.deepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer), `seed ${seed}`);
      // The inference layout routes every row exactly as a node-by-node walk of the stored trees.
      const plain = predictMarginPlain(reloaded, probe);
      assert.deepEqual(Buffer.from(a.buffer), Buffer.from(plain.buffer), `seed ${seed} (plain walk)`);
    }
  });

  it('predicts models with infinite thresholds by the plain walk, missing values on their learned side', () => {
    // One split at +Infinity with missing values going right: folding NaN into +Infinity would send them left.
    const m: GbdtModel = {
      objective: 'reg:squarederror',
      baseScore: 0,
      featureNames: ['a'],
      roots: Int32Array.of(0),
      feature: Int32Array.of(0, -1, -1),
      threshold: Float64Array.of(Number.POSITIVE_INFINITY, 0, 0),
      left: Int32Array.of(1, -1, -1),
      right: Int32Array.of(2, -1, -1),
      defaultLeft: Uint8Array.of(0, 0, 0),
      value: Float64Array.of(0, 1, 2),
      cover: Float64Array.of(2, 1, 1),
      gain: Float64Array.of(1, 0, 0),
    };
    const p = predictMargin(m, matrix([[5], [Number.NaN], [Number.POSITIVE_INFINITY]]));
    assert.deepEqual(Array.from(p), [1, 2, 1]);
  });

  it('refuses unknown versions and corrupt files with a clear error', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i]);
    const { model } = trainGbdt({ x: matrix(rows), y: Float64Array.from(rows, (r) => (r[0]! > 20 ? 1 : 0)), featureNames: ['a'] }, { rounds: 2 });
    assert.ok(model.feature[0]! >= 0);
    const json = gbdtToJson(model);
    assert.throws(() => gbdtFromJson({ ...json, version: 99 }), (e: unknown) => e instanceof ModelFormatError && /version 99/.test(e.message));
    assert.throws(() => gbdtFromJson({ ...json, value: json.value.slice(1) }), ModelFormatError);
    assert.throws(() => gbdtFromJson({ ...json, left: json.left.map(() => 0) }), /invalid children|corrupt/);
    assert.throws(() => gbdtFromJson('nonsense'), ModelFormatError);
  });
});

describe('tree SHAP', () => {
  function bruteForceShapley(m: GbdtModel, row: Float64Array): Float64Array {
    // E[f(x) | x_S] with absent features following both branches by cover.
    const cond = (subset: Set<number>): number => {
      let s = m.baseScore;
      const walk = (n: number): number => {
        const f = m.feature[n]!;
        if (f < 0) return m.value[n]!;
        const l = m.left[n]!;
        const r = m.right[n]!;
        if (subset.has(f)) {
          const v = row[f]!;
          const left = v <= m.threshold[n]! ? true : v > m.threshold[n]! ? false : m.defaultLeft[n] === 1;
          return walk(left ? l : r);
        }
        return (walk(l) * m.cover[l]! + walk(r) * m.cover[r]!) / m.cover[n]!;
      };
      for (const root of m.roots) s += walk(root);
      return s;
    };
    const nf = row.length;
    const phi = new Float64Array(nf);
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    for (let i = 0; i < nf; i++) {
      for (let mask = 0; mask < 1 << nf; mask++) {
        if (mask & (1 << i)) continue;
        const subset = new Set<number>();
        for (let j = 0; j < nf; j++) if (mask & (1 << j)) subset.add(j);
        const w = (fact(subset.size) * fact(nf - subset.size - 1)) / fact(nf);
        const without = cond(subset);
        subset.add(i);
        phi[i] = phi[i]! + w * (cond(subset) - without);
      }
    }
    return phi;
  }

  it('matches brute-force Shapley values and sums to the margin', () => {
    const random = createPrng(21);
    const rows = Array.from({ length: 400 }, () => [random(), random(), random() < 0.2 ? Number.NaN : random(), random()]);
    const y = Float64Array.from(rows, (r) => ((r[0]! > 0.5 ? 1 : 0) ^ (r[1]! > 0.3 ? 1 : 0) || Number.isNaN(r[2]!) ? 1 : 0));
    const { model } = trainGbdt({ x: matrix(rows), y, featureNames: names(4) }, { rounds: 5, maxDepth: 4, maxLeaves: 12 });
    const explain = createExplainer(model);
    for (const r of rows.slice(0, 20)) {
      const row = Float64Array.from(r);
      const { bias, values } = explain(row);
      const margin = predictMargin(model, { nRows: 1, nFeatures: 4, values: row })[0]!;
      const sum = values.reduce((s, v) => s + v, bias);
      assert.ok(Math.abs(sum - margin) < 1e-9, `sum ${sum} vs margin ${margin}`);
      const brute = bruteForceShapley(model, row);
      for (let i = 0; i < 4; i++) assert.ok(Math.abs(brute[i]! - values[i]!) < 1e-9, `feature ${i}: ${brute[i]} vs ${values[i]}`);
    }
  });
});
