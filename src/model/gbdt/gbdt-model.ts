// A trained ensemble as flat typed arrays (all trees' nodes concatenated, children as absolute
// indices), so inference is one tight loop with no per-node objects.
import type { FeatureMatrix } from './binning.js';
import type { GrownTree } from './tree-growth.js';

export type Objective = 'binary:logistic' | 'reg:squarederror';

export interface GbdtModel {
  objective: Objective;
  /** Margin every prediction starts from (log-odds for logistic). */
  baseScore: number;
  featureNames: string[];
  /** Index of each tree's root node. */
  roots: Int32Array;
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array;
  /** Go left when value <= threshold; NaN follows defaultLeft. */
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  defaultLeft: Uint8Array;
  /** Leaf output (already multiplied by the learning rate); 0 on internal nodes. */
  value: Float64Array;
  /** Hessian mass of training rows through the node (TreeSHAP weights). */
  cover: Float64Array;
  /** Split gain per node (0 on leaves), for gain importance. */
  gain: Float64Array;
}

export function assembleModel(objective: Objective, baseScore: number, featureNames: string[], trees: GrownTree[]): GbdtModel {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const m: GbdtModel = {
    objective,
    baseScore,
    featureNames,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    defaultLeft: new Uint8Array(total),
    value: new Float64Array(total),
    cover: new Float64Array(total),
    gain: new Float64Array(total),
  };
  let off = 0;
  trees.forEach((t, ti) => {
    m.roots[ti] = off;
    for (let n = 0; n < t.feature.length; n++) {
      const at = off + n;
      const f = t.feature[n]!;
      m.feature[at] = f;
      m.threshold[at] = t.threshold[n]!;
      m.left[at] = f < 0 ? -1 : off + t.left[n]!;
      m.right[at] = f < 0 ? -1 : off + t.right[n]!;
      m.defaultLeft[at] = t.defaultLeft[n] ? 1 : 0;
      m.value[at] = t.value[n]!;
      m.cover[at] = t.cover[n]!;
      m.gain[at] = t.gain[n]!;
    }
    off += t.feature.length;
  });
  return m;
}

/** Keeps the first `n` trees (early stopping picks the best round after the fact). */
export function truncateModel(m: GbdtModel, n: number): GbdtModel {
  if (n >= m.roots.length) return m;
  const end = n < m.roots.length ? m.roots[n]! : m.feature.length;
  return {
    ...m,
    roots: m.roots.slice(0, n),
    feature: m.feature.slice(0, end),
    threshold: m.threshold.slice(0, end),
    left: m.left.slice(0, end),
    right: m.right.slice(0, end),
    defaultLeft: m.defaultLeft.slice(0, end),
    value: m.value.slice(0, end),
    cover: m.cover.slice(0, end),
    gain: m.gain.slice(0, end),
  };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Rows per block: one tree's nodes stay in cache while a block of rows walks it. */
const ROW_BLOCK = 128;

/**
 * Raw margins for every row of a row-major matrix. Tree-major within blocks of rows: a large
 * ensemble does not fit in cache, so walking one tree for many rows at once avoids reloading
 * its nodes per row. Each row still adds its trees in order, so results are bit-identical to a
 * row-by-row walk.
 */
export function predictMargin(m: GbdtModel, x: FeatureMatrix): Float64Array {
  if (x.nFeatures !== m.featureNames.length) {
    throw new Error(`model expects ${m.featureNames.length} features, got ${x.nFeatures}`);
  }
  const out = new Float64Array(x.nRows).fill(m.baseScore);
  const { roots, feature, threshold, left, right, defaultLeft, value } = m;
  const values = x.values;
  const nf = x.nFeatures;
  const nt = roots.length;
  for (let r0 = 0; r0 < x.nRows; r0 += ROW_BLOCK) {
    const r1 = Math.min(x.nRows, r0 + ROW_BLOCK);
    for (let t = 0; t < nt; t++) {
      const root = roots[t]!;
      for (let r = r0; r < r1; r++) {
        const off = r * nf;
        let n = root;
        let f = feature[n]!;
        while (f >= 0) {
          const v = values[off + f]!;
          // NaN fails both comparisons; only then does the learned default direction matter.
          if (v <= threshold[n]! || (v !== v && defaultLeft[n] === 1)) n = left[n]!;
          else n = right[n]!;
          f = feature[n]!;
        }
        out[r] = out[r]! + value[n]!;
      }
    }
  }
  return out;
}

/** Predictions on the objective's scale: probabilities for logistic, values for regression. */
export function predict(m: GbdtModel, x: FeatureMatrix): Float64Array {
  const out = predictMargin(m, x);
  if (m.objective === 'binary:logistic') for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]!);
  return out;
}

/** Adds one tree's outputs to margins (used for validation tracking while training). */
export function addTreeMargins(t: GrownTree, x: FeatureMatrix, margins: Float64Array): void {
  const nf = x.nFeatures;
  for (let r = 0; r < x.nRows; r++) {
    let n = 0;
    while (t.feature[n]! >= 0) {
      const v = x.values[r * nf + t.feature[n]!]!;
      const thr = t.threshold[n]!;
      n = v <= thr ? t.left[n]! : v > thr ? t.right[n]! : t.defaultLeft[n] ? t.left[n]! : t.right[n]!;
    }
    margins[r] = margins[r]! + t.value[n]!;
  }
}

/** Total split gain per feature, normalised to sum to 1. */
export function gainImportance(m: GbdtModel): Float64Array {
  const imp = new Float64Array(m.featureNames.length);
  for (let n = 0; n < m.feature.length; n++) {
    const f = m.feature[n]!;
    if (f >= 0) imp[f] = imp[f]! + m.gain[n]!;
  }
  const total = imp.reduce((s, v) => s + v, 0);
  if (total > 0) for (let i = 0; i < imp.length; i++) imp[i] = imp[i]! / total;
  return imp;
}
