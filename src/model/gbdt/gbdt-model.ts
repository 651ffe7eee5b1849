// A trained ensemble as flat typed arrays (all trees' nodes concatenated, children as absolute
// indices), so inference is one tight loop with no per-node objects. Prediction walks a
// derived layout (internal nodes only, missing-value direction folded into the feature slot).
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

/**
 * The inference layout of a model, derived once from the stored arrays: internal nodes only
 * (a child index >= 0 is an internal node, < 0 is leaf ~index in `leafValue`), and the
 * missing-value direction folded into the feature index. A row is expanded once into two
 * copies, NaN as -Infinity (read by nodes that send missing values left) and NaN as +Infinity
 * (read by the others), so the hot loop is a single `<=` per node with no NaN test. Routing is
 * exactly that of the stored trees as long as every threshold is finite or Number.MAX_VALUE
 * (what training produces); a model with other thresholds uses the plain walk.
 *
 * The layout uses plain packed JS arrays (small integers and doubles), not typed arrays: V8
 * reads their elements with fewer checks in this loop, measured at about a third faster.
 */
interface InferenceLayout {
  roots: number[];
  /** Index into the expanded row: feature, or nFeatures + feature when missing goes right. */
  slot: number[];
  threshold: number[];
  left: number[];
  right: number[];
  leafValue: number[];
}

/** Models are immutable once assembled or loaded, so the layout is built once per model. */
const layouts = new WeakMap<GbdtModel, InferenceLayout | null>();

function inferenceLayout(m: GbdtModel): InferenceLayout | null {
  const cached = layouts.get(m);
  if (cached !== undefined) return cached;
  const layout = buildLayout(m);
  layouts.set(m, layout);
  return layout;
}

/** An empty array whose elements V8 stores as unboxed doubles from the start (no later transition). */
function doubleArray(): number[] {
  const a = [0.5];
  a.pop();
  return a;
}

function buildLayout(m: GbdtModel): InferenceLayout | null {
  const nNodes = m.feature.length;
  const nf = m.featureNames.length;
  const map = new Int32Array(nNodes);
  let nInternal = 0;
  let nLeaves = 0;
  for (let n = 0; n < nNodes; n++) {
    if (m.feature[n]! >= 0) {
      const t = m.threshold[n]!;
      // Missing read as -Infinity goes left unless t is -Infinity; read as +Infinity it goes right unless t is +Infinity.
      if (Number.isNaN(t) || (m.defaultLeft[n] === 1 ? t === Number.NEGATIVE_INFINITY : t === Number.POSITIVE_INFINITY)) return null;
      map[n] = nInternal++;
    } else map[n] = ~nLeaves++;
  }
  const layout: InferenceLayout = { roots: [], slot: [], threshold: doubleArray(), left: [], right: [], leafValue: doubleArray() };
  // Nodes are visited in index order, so pushing keeps internal node k and leaf l at their mapped positions.
  for (let n = 0; n < nNodes; n++) {
    if (map[n]! < 0) {
      layout.leafValue.push(m.value[n]!);
      continue;
    }
    layout.slot.push(m.feature[n]! + (m.defaultLeft[n] === 1 ? 0 : nf));
    layout.threshold.push(m.threshold[n]!);
    layout.left.push(map[m.left[n]!]!);
    layout.right.push(map[m.right[n]!]!);
  }
  for (const r of m.roots) layout.roots.push(map[r]!);
  return layout;
}

/** Rows expanded per block: small enough to stay in cache while every tree walks them. */
const ROW_BLOCK = 64;

/**
 * Raw margins for every row of a row-major matrix. Each row adds its trees in order starting
 * from the base score, so results are bit-identical to a node-by-node walk of the stored trees.
 */
export function predictMargin(m: GbdtModel, x: FeatureMatrix): Float64Array {
  if (x.nFeatures !== m.featureNames.length) {
    throw new Error(`model expects ${m.featureNames.length} features, got ${x.nFeatures}`);
  }
  const layout = inferenceLayout(m);
  if (layout === null) return predictMarginPlain(m, x);
  const out = new Float64Array(x.nRows);
  const { roots, slot, threshold, left, right, leafValue } = layout;
  const values = x.values;
  const nf = x.nFeatures;
  const width = 2 * nf;
  const nt = roots.length;
  const base = m.baseScore;
  const block = doubleArray();
  for (let i = Math.min(ROW_BLOCK, x.nRows) * width; i > 0; i--) block.push(0);
  for (let r0 = 0; r0 < x.nRows; r0 += ROW_BLOCK) {
    const r1 = Math.min(x.nRows, r0 + ROW_BLOCK);
    let w = 0;
    for (let r = r0; r < r1; r++) {
      const off = r * nf;
      for (let f = 0; f < nf; f++) {
        const v = values[off + f]!;
        if (v !== v) {
          block[w + f] = Number.NEGATIVE_INFINITY;
          block[w + nf + f] = Number.POSITIVE_INFINITY;
        } else {
          block[w + f] = v;
          block[w + nf + f] = v;
        }
      }
      w += width;
    }
    for (let r = r0; r < r1; r++) {
      const off = (r - r0) * width;
      let s = base;
      for (let t = 0; t < nt; t++) {
        let n = roots[t]!;
        while (n >= 0) n = block[off + slot[n]!]! <= threshold[n]! ? left[n]! : right[n]!;
        s += leafValue[~n]!;
      }
      out[r] = s;
    }
  }
  return out;
}

/** The node-by-node walk of the stored arrays: the reference the fast layout must match. */
export function predictMarginPlain(m: GbdtModel, x: FeatureMatrix): Float64Array {
  if (x.nFeatures !== m.featureNames.length) {
    throw new Error(`model expects ${m.featureNames.length} features, got ${x.nFeatures}`);
  }
  const out = new Float64Array(x.nRows);
  const { roots, feature, threshold, left, right, defaultLeft, value } = m;
  const nf = x.nFeatures;
  for (let r = 0; r < x.nRows; r++) {
    const off = r * nf;
    let s = m.baseScore;
    for (let t = 0; t < roots.length; t++) {
      let n = roots[t]!;
      while (feature[n]! >= 0) {
        const v = x.values[off + feature[n]!]!;
        // NaN fails every comparison; only then does the learned default direction matter.
        n = v <= threshold[n]! || (v !== v && defaultLeft[n] === 1) ? left[n]! : right[n]!;
      }
      s += value[n]!;
    }
    out[r] = s;
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
