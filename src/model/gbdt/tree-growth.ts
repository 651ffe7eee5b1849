// Grows one regression tree on gradients and hessians, leaf-wise (best gain first) under a
// leaf budget and an optional depth limit. Histograms hold (gradient, hessian, count) per bin
// interleaved in one Float64Array; only the smaller child of a split is built from rows, the
// larger one is its parent minus the smaller (sibling subtraction), computed in place.
// Typed-array reads use `!`: indices are bounded by construction and this is the hot loop.
import type { BinnedMatrix } from './binning.js';

export interface TreeParams {
  maxDepth: number; // <= 0: unlimited
  maxLeaves: number;
  lambda: number;
  gamma: number;
  minChildWeight: number;
  minDataInLeaf: number;
  learningRate: number;
}

/** A tree as grown: plain arrays indexed by node; leaves have feature -1. */
export interface GrownTree {
  feature: number[];
  binThreshold: number[];
  threshold: number[];
  left: number[];
  right: number[];
  defaultLeft: boolean[];
  value: number[];
  cover: number[];
  gain: number[];
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  defaultLeft: boolean;
  gl: number;
  hl: number;
  cl: number;
}

interface OpenLeaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  c: number;
  hist: Float64Array;
  best: Split | undefined;
}

/** Reuses histogram buffers across leaves and trees: they are large and short-lived. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(private readonly size: number) {}
  take(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }
  give(h: Float64Array): void {
    this.free.push(h);
  }
}

export function histogramSize(data: BinnedMatrix): number {
  return data.totalBins * 3;
}

export function growTree(
  data: BinnedMatrix,
  edges: Float64Array[],
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  features: Int32Array,
  params: TreeParams,
  pool: HistogramPool,
): GrownTree {
  const tree: GrownTree = { feature: [], binThreshold: [], threshold: [], left: [], right: [], defaultLeft: [], value: [], cover: [], gain: [] };
  const idx = Int32Array.from(rows);
  const scratch = new Int32Array(idx.length);
  const addNode = (): number => {
    tree.feature.push(-1);
    tree.binThreshold.push(0);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.defaultLeft.push(false);
    tree.value.push(0);
    tree.cover.push(0);
    tree.gain.push(0);
    return tree.feature.length - 1;
  };

  const rootHist = pool.take();
  clearHistogram(rootHist, data, features);
  buildHistogram(data, grad, hess, idx, 0, idx.length, features, rootHist);
  let g0 = 0;
  let h0 = 0;
  for (let i = 0; i < idx.length; i++) {
    g0 += grad[idx[i]!]!;
    h0 += hess[idx[i]!]!;
  }
  const root: OpenLeaf = { node: addNode(), start: 0, end: idx.length, depth: 0, g: g0, h: h0, c: idx.length, hist: rootHist, best: undefined };
  root.best = findBestSplit(root, data, features, params);
  const open: OpenLeaf[] = [root];
  let leafCount = 1;

  while (leafCount < params.maxLeaves) {
    let pick = -1;
    let bestGain = 0;
    for (let i = 0; i < open.length; i++) {
      const s = open[i]!.best;
      if (s !== undefined && s.gain > bestGain) {
        bestGain = s.gain;
        pick = i;
      }
    }
    if (pick < 0) break;
    const leaf = open[pick]!;
    const s = leaf.best!;
    const mid = partition(data, idx, scratch, leaf.start, leaf.end, s);
    const n = leaf.node;
    tree.feature[n] = s.feature;
    tree.binThreshold[n] = s.bin;
    const e = edges[s.feature]!;
    tree.threshold[n] = s.bin - 1 < e.length ? e[s.bin - 1]! : Number.MAX_VALUE;
    tree.defaultLeft[n] = s.defaultLeft;
    tree.gain[n] = s.gain;
    const ln = addNode();
    const rn = addNode();
    tree.left[n] = ln;
    tree.right[n] = rn;
    const l: OpenLeaf = { node: ln, start: leaf.start, end: mid, depth: leaf.depth + 1, g: s.gl, h: s.hl, c: s.cl, hist: leaf.hist, best: undefined };
    const r: OpenLeaf = { node: rn, start: mid, end: leaf.end, depth: leaf.depth + 1, g: leaf.g - s.gl, h: leaf.h - s.hl, c: leaf.c - s.cl, hist: leaf.hist, best: undefined };
    const [small, large] = l.end - l.start <= r.end - r.start ? [l, r] : [r, l];
    small.hist = pool.take();
    clearHistogram(small.hist, data, features);
    buildHistogram(data, grad, hess, idx, small.start, small.end, features, small.hist);
    subtractHistogram(large.hist, small.hist, data, features);
    open.splice(pick, 1, l, r);
    leafCount++;
    const canGrow = params.maxDepth <= 0 || l.depth < params.maxDepth;
    l.best = canGrow ? findBestSplit(l, data, features, params) : undefined;
    r.best = canGrow ? findBestSplit(r, data, features, params) : undefined;
  }
  for (const leaf of open) {
    tree.value[leaf.node] = (-leaf.g / (leaf.h + params.lambda)) * params.learningRate;
    pool.give(leaf.hist);
  }
  // Cover (hessian mass through each node) is what TreeSHAP weighs the unknown branches by.
  fillCover(tree, 0, open);
  return tree;
}

function fillCover(tree: GrownTree, _root: number, leaves: OpenLeaf[]): void {
  for (const leaf of leaves) tree.cover[leaf.node] = leaf.h;
  // Children always have larger indices than their parent, so a reverse sweep sums bottom-up.
  for (let n = tree.feature.length - 1; n >= 0; n--) {
    if (tree.feature[n]! >= 0) tree.cover[n] = tree.cover[tree.left[n]!]! + tree.cover[tree.right[n]!]!;
  }
}

function clearHistogram(hist: Float64Array, data: BinnedMatrix, features: Int32Array): void {
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const base = data.offsets[f]! * 3;
    hist.fill(0, base, base + data.binCounts[f]! * 3);
  }
}

function buildHistogram(
  data: BinnedMatrix,
  grad: Float64Array,
  hess: Float64Array,
  idx: Int32Array,
  start: number,
  end: number,
  features: Int32Array,
  hist: Float64Array,
): void {
  const bins = data.bins;
  const nf = data.nFeatures;
  const k = features.length;
  const offsets = data.offsets;
  for (let i = start; i < end; i++) {
    const r = idx[i]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const off = r * nf;
    for (let j = 0; j < k; j++) {
      const f = features[j]!;
      const p = (offsets[f]! + bins[off + f]!) * 3;
      hist[p] = hist[p]! + g;
      hist[p + 1] = hist[p + 1]! + h;
      hist[p + 2] = hist[p + 2]! + 1;
    }
  }
}

function subtractHistogram(target: Float64Array, small: Float64Array, data: BinnedMatrix, features: Int32Array): void {
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const base = data.offsets[f]! * 3;
    const end = base + data.binCounts[f]! * 3;
    for (let p = base; p < end; p++) target[p] = target[p]! - small[p]!;
  }
}

function findBestSplit(leaf: OpenLeaf, data: BinnedMatrix, features: Int32Array, params: TreeParams): Split | undefined {
  const { lambda, gamma, minChildWeight, minDataInLeaf } = params;
  const { g: G, h: H, c: C, hist } = leaf;
  if (H < 2 * minChildWeight || C < 2 * minDataInLeaf) return undefined;
  const parentScore = (G * G) / (H + lambda);
  let best: Split | undefined;
  let bestGain = 0;
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const nb = data.binCounts[f]!;
    const base = data.offsets[f]! * 3;
    const mg = hist[base]!;
    const mh = hist[base + 1]!;
    const mc = hist[base + 2]!;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    // Threshold t: bins 1..t go left. t = nb-1 (all present values left) only makes sense with missing rows.
    const lastT = mc > 0 ? nb - 1 : nb - 2;
    for (let t = 1; t <= lastT; t++) {
      const p = base + t * 3;
      gl += hist[p]!;
      hl += hist[p + 1]!;
      cl += hist[p + 2]!;
      // Missing to the right.
      {
        const gr = G - gl;
        const hr = H - hl;
        const cr = C - cl;
        if (hl >= minChildWeight && hr >= minChildWeight && cl >= minDataInLeaf && cr >= minDataInLeaf) {
          const gain = 0.5 * ((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore) - gamma;
          if (gain > bestGain) {
            bestGain = gain;
            // With no missing rows here, send future missing values to the side that saw more rows.
            best = { gain, feature: f, bin: t, defaultLeft: mc === 0 && cl > cr, gl, hl, cl };
          }
        }
      }
      // Missing to the left.
      if (mc > 0 && t < nb - 1) {
        const gl2 = gl + mg;
        const hl2 = hl + mh;
        const cl2 = cl + mc;
        const gr = G - gl2;
        const hr = H - hl2;
        const cr = C - cl2;
        if (hl2 >= minChildWeight && hr >= minChildWeight && cl2 >= minDataInLeaf && cr >= minDataInLeaf) {
          const gain = 0.5 * ((gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parentScore) - gamma;
          if (gain > bestGain) {
            bestGain = gain;
            best = { gain, feature: f, bin: t, defaultLeft: true, gl: gl2, hl: hl2, cl: cl2 };
          }
        }
      }
    }
  }
  return best;
}

/** Reorders idx[start..end) so rows going left come first; returns the boundary. */
function partition(data: BinnedMatrix, idx: Int32Array, scratch: Int32Array, start: number, end: number, s: Split): number {
  const bins = data.bins;
  const nf = data.nFeatures;
  const f = s.feature;
  const t = s.bin;
  const dl = s.defaultLeft;
  let w = start;
  let rcount = 0;
  for (let i = start; i < end; i++) {
    const r = idx[i]!;
    const b = bins[r * nf + f]!;
    const goLeft = b === 0 ? dl : b <= t;
    if (goLeft) idx[w++] = r;
    else scratch[rcount++] = r;
  }
  for (let i = 0; i < rcount; i++) idx[w + i] = scratch[i]!;
  return w;
}
