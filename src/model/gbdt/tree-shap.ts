// Per-prediction feature contributions by TreeSHAP (Lundberg, Erion & Lee 2018, the
// polynomial-time path algorithm): exact Shapley values of the tree's conditional expectation,
// where a feature outside the coalition follows both branches weighted by training cover.
// For each row: bias + sum(contributions) equals the raw margin.
import type { GbdtModel } from './gbdt-model.js';

export interface Contributions {
  /** Expected margin over the training cover (base score included). */
  bias: number;
  /** One signed value per feature, in margin units. */
  values: Float64Array;
}

/** The unique path of features seen from the root to the current node, stored per depth level. */
class PathStack {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
  constructor(readonly width: number) {
    const size = width * (width + 1);
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

export function maxTreeDepth(m: GbdtModel): number {
  let max = 0;
  const depth = new Int32Array(m.feature.length);
  for (let n = 0; n < m.feature.length; n++) {
    if (m.feature[n]! >= 0) {
      depth[m.left[n]!] = depth[n]! + 1;
      depth[m.right[n]!] = depth[n]! + 1;
    }
    if (depth[n]! > max) max = depth[n]!;
  }
  return max;
}

/** Cover-weighted mean leaf value of every tree plus the base score. */
export function expectedMargin(m: GbdtModel): number {
  const expected = new Float64Array(m.feature.length);
  // Children come after parents, so a reverse sweep computes subtree expectations bottom-up.
  for (let n = m.feature.length - 1; n >= 0; n--) {
    if (m.feature[n]! < 0) expected[n] = m.value[n]!;
    else {
      const l = m.left[n]!;
      const r = m.right[n]!;
      const c = m.cover[l]! + m.cover[r]!;
      expected[n] = c > 0 ? (expected[l]! * m.cover[l]! + expected[r]! * m.cover[r]!) / c : 0;
    }
  }
  let s = m.baseScore;
  for (const root of m.roots) s += expected[root]!;
  return s;
}

export function createExplainer(m: GbdtModel): (row: Float64Array) => Contributions {
  const width = maxTreeDepth(m) + 2;
  const stack = new PathStack(width);
  const bias = expectedMargin(m);
  return (row) => {
    if (row.length !== m.featureNames.length) throw new Error(`expected ${m.featureNames.length} feature values, got ${row.length}`);
    const phi = new Float64Array(row.length);
    for (const root of m.roots) recurse(m, row, phi, stack, root, 0, 0, 1, 1, -1);
    return { bias, values: phi };
  };
}

function extend(s: PathStack, base: number, depth: number, zero: number, one: number, feature: number): void {
  const { weight } = s;
  s.feature[base + depth] = feature;
  s.zero[base + depth] = zero;
  s.one[base + depth] = one;
  weight[base + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    weight[base + i + 1] = weight[base + i + 1]! + (one * weight[base + i]! * (i + 1)) / (depth + 1);
    weight[base + i] = (zero * weight[base + i]! * (depth - i)) / (depth + 1);
  }
}

function unwind(s: PathStack, base: number, depth: number, index: number): void {
  const one = s.one[base + index]!;
  const zero = s.zero[base + index]!;
  const { weight } = s;
  let next = weight[base + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = weight[base + i]!;
      weight[base + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (weight[base + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      weight[base + i] = (weight[base + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    s.feature[base + i] = s.feature[base + i + 1]!;
    s.zero[base + i] = s.zero[base + i + 1]!;
    s.one[base + i] = s.one[base + i + 1]!;
  }
}

function unwoundSum(s: PathStack, base: number, depth: number, index: number): number {
  const one = s.one[base + index]!;
  const zero = s.zero[base + index]!;
  const { weight } = s;
  let next = weight[base + depth]!;
  let total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = next / ((i + 1) * one);
      total += tmp;
      next = weight[base + i]! - tmp * zero * (depth - i);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += weight[base + i]! / (zero * (depth - i));
  }
  return total * (depth + 1);
}

function recurse(
  m: GbdtModel,
  row: Float64Array,
  phi: Float64Array,
  s: PathStack,
  node: number,
  level: number,
  depth: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  // Each recursion level works on its own copy of the path (one row of the stack).
  const base = level * s.width;
  if (level > 0) {
    const prev = base - s.width;
    for (let i = 0; i < depth; i++) {
      s.feature[base + i] = s.feature[prev + i]!;
      s.zero[base + i] = s.zero[prev + i]!;
      s.one[base + i] = s.one[prev + i]!;
      s.weight[base + i] = s.weight[prev + i]!;
    }
  }
  extend(s, base, depth, parentZero, parentOne, parentFeature);
  const f = m.feature[node]!;
  if (f < 0) {
    const v = m.value[node]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(s, base, depth, i);
      const pf = s.feature[base + i]!;
      phi[pf] = phi[pf]! + w * (s.one[base + i]! - s.zero[base + i]!) * v;
    }
    return;
  }
  const x = row[f]!;
  const thr = m.threshold[node]!;
  const goLeft = x <= thr ? true : x > thr ? false : m.defaultLeft[node] === 1;
  const hot = goLeft ? m.left[node]! : m.right[node]!;
  const cold = goLeft ? m.right[node]! : m.left[node]!;
  const cover = m.cover[node]!;
  const hotZero = cover > 0 ? m.cover[hot]! / cover : 0;
  const coldZero = cover > 0 ? m.cover[cold]! / cover : 0;
  let inZero = 1;
  let inOne = 1;
  let d = depth;
  let k = 0;
  for (; k <= d; k++) if (s.feature[base + k] === f) break;
  if (k <= d) {
    inZero = s.zero[base + k]!;
    inOne = s.one[base + k]!;
    unwind(s, base, d, k);
    d -= 1;
  }
  recurse(m, row, phi, s, hot, level + 1, d + 1, hotZero * inZero, inOne, f);
  recurse(m, row, phi, s, cold, level + 1, d + 1, coldZero * inZero, 0, f);
}
