// Quantile binning: each feature becomes at most 255 bins stored as one byte per value.
// Bin 0 is reserved for missing values (NaN); bins 1..n hold the values in order, bin b holding
// values v with edges[b-2] < v <= edges[b-1]. A split "bin <= t" is then exactly the raw test
// "value <= edges[t-1]", so trees trained on bins predict on raw values with no bin lookup.

export const MAX_BINS = 255;
export const MISSING_BIN = 0;

export interface FeatureMatrix {
  nRows: number;
  nFeatures: number;
  /** Row-major values, NaN = missing. */
  values: Float64Array;
}

export interface BinMapper {
  /** Per feature, ascending upper edges of bins 1..edges.length (the last bin is open-ended). */
  edges: Float64Array[];
}

export interface BinnedMatrix {
  nRows: number;
  nFeatures: number;
  /** Row-major bins: bins[r * nFeatures + f]. Row-major keeps histogram building cache-friendly. */
  bins: Uint8Array;
  /** Number of bins per feature including the missing bin. */
  binCounts: Int32Array;
  /** First histogram slot of each feature: histograms are packed, not 256 slots per feature. */
  offsets: Int32Array;
  totalBins: number;
}

export function fitBinMapper(m: FeatureMatrix, maxBins = MAX_BINS, sampleRows = 200_000): BinMapper {
  const edges: Float64Array[] = [];
  const step = Math.max(1, Math.floor(m.nRows / sampleRows));
  const realBins = Math.max(2, Math.min(maxBins, MAX_BINS) - 1);
  const buf = new Float64Array(Math.ceil(m.nRows / step));
  for (let f = 0; f < m.nFeatures; f++) {
    let len = 0;
    for (let r = 0; r < m.nRows; r += step) {
      const v = m.values[r * m.nFeatures + f]!;
      if (!Number.isNaN(v)) buf[len++] = v;
    }
    edges.push(featureEdges(buf.subarray(0, len).sort(), realBins));
  }
  return { edges };
}

function featureEdges(sorted: Float64Array, realBins: number): Float64Array {
  const n = sorted.length;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= 1) return new Float64Array(0);
  const out: number[] = [];
  if (distinct <= realBins) {
    // One bin per distinct value; the edge is the midpoint so unseen values in between split sensibly.
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) out.push(midpoint(sorted[i - 1]!, sorted[i]!));
    return Float64Array.from(out);
  }
  // Weighted quantiles: close a bin at a value change once it holds its share of rows.
  const perBin = n / realBins;
  for (let i = 1; i < n && out.length < realBins - 1; i++) {
    if (sorted[i] !== sorted[i - 1] && i >= perBin * (out.length + 1)) out.push(midpoint(sorted[i - 1]!, sorted[i]!));
  }
  return Float64Array.from(out);
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Rounding can put the midpoint on b; the edge must stay strictly below the next value.
  return m < b ? m : a;
}

/** Index of the bin holding v (1-based; 0 for NaN). */
export function binOf(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

export function binMatrix(mapper: BinMapper, m: FeatureMatrix): BinnedMatrix {
  const { nRows, nFeatures } = m;
  if (mapper.edges.length !== nFeatures) throw new Error(`bin mapper has ${mapper.edges.length} features, matrix ${nFeatures}`);
  const bins = new Uint8Array(nRows * nFeatures);
  const binCounts = new Int32Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    const e = mapper.edges[f]!;
    binCounts[f] = e.length + 2;
    for (let r = 0; r < nRows; r++) bins[r * nFeatures + f] = binOf(e, m.values[r * nFeatures + f]!);
  }
  const offsets = new Int32Array(nFeatures);
  let total = 0;
  for (let f = 0; f < nFeatures; f++) {
    offsets[f] = total;
    total += binCounts[f]!;
  }
  return { nRows, nFeatures, bins, binCounts, offsets, totalBins: total };
}
