// Feature vectors from filing keys and history. One function, fillFeatures, computes a row
// from "the history this row may see"; training and scoring differ only in what that history
// is: out-of-fold aggregates over the training rows (a row never sees its own label), or a
// HistoryProvider of strictly earlier filings at scoring time.
import type { FeatureMatrix } from '../gbdt/binning.js';
import { createPrng } from '../gbdt/prng.js';
import { dayNumber, type FilingKeys } from './filing-keys.js';
import { CATEGORICALS, categoricalValue, featureNames, type FeatureSpec } from './feature-spec.js';
import { BACKOFF_CHAINS, BACKOFF_SMOOTHING, combinationKey, HISTORY_KINDS, historyKeys, kindIndex, LayeredHistory, RECENCY_KINDS, type HistoryProvider, type KeyStats } from './history.js';

export interface Outcome {
  fraud: boolean;
  critical: boolean;
}

export const FEATURE_NAMES = featureNames();
const NF = FEATURE_NAMES.length;
const NK = HISTORY_KINDS.length;
/** Per kind in a stats buffer: seen, inspected, fraud, critical, lastDay. */
const SW = 5;
const RECENCY_INDEX = RECENCY_KINDS.map(kindIndex);
const BACKOFF_INDEX = BACKOFF_CHAINS.map((c) => c.kinds.map(kindIndex));

/** A reusable buffer of the history one row may see, filled by the caller. */
export function newStatsBuffer(): Float64Array {
  return new Float64Array(NK * SW);
}

function putStats(buf: Float64Array, ki: number, s: KeyStats | undefined): void {
  const b = ki * SW;
  buf[b] = s?.seen ?? 0;
  buf[b + 1] = s?.inspected ?? 0;
  buf[b + 2] = s?.fraud ?? 0;
  buf[b + 3] = s?.critical ?? 0;
  buf[b + 4] = s?.lastDay ?? Number.NaN;
}

/** The one place a feature vector is computed, for training and for scoring alike. */
export function fillFeatures(out: Float64Array, off: number, k: FilingKeys, keys: ReadonlyArray<string | undefined>, spec: FeatureSpec, stats: Float64Array): void {
  let j = off;
  const m = spec.smoothing;
  for (let ki = 0; ki < NK; ki++) {
    if (keys[ki] === undefined) {
      out[j++] = Number.NaN;
      out[j++] = Number.NaN;
      out[j++] = Number.NaN;
      out[j++] = Number.NaN;
      continue;
    }
    const b = ki * SW;
    const insp = stats[b + 1]!;
    out[j++] = (stats[b + 2]! + m * spec.priorFraud) / (insp + m);
    out[j++] = (stats[b + 3]! + m * spec.priorCritical) / (insp + m);
    out[j++] = insp;
    out[j++] = stats[b]!;
  }
  for (const ki of RECENCY_INDEX) {
    const last = stats[ki * SW + 4]!;
    out[j++] = keys[ki] === undefined || Number.isNaN(last) ? Number.NaN : k.day - last;
  }
  for (const chain of BACKOFF_INDEX) {
    let fraud = spec.priorFraud;
    let critical = spec.priorCritical;
    for (const ki of chain) {
      if (keys[ki] === undefined) continue;
      const b = ki * SW;
      const insp = stats[b + 1]!;
      fraud = (stats[b + 2]! + BACKOFF_SMOOTHING * fraud) / (insp + BACKOFF_SMOOTHING);
      critical = (stats[b + 3]! + BACKOFF_SMOOTHING * critical) / (insp + BACKOFF_SMOOTHING);
    }
    out[j++] = fraud;
    out[j++] = critical;
  }
  for (const c of CATEGORICALS) {
    const v = categoricalValue(c, k);
    out[j++] = v === undefined ? Number.NaN : (spec.vocab[c]?.[v] ?? Number.NaN);
  }
  const unit = k.mass > 0 ? k.value / k.mass : Number.NaN;
  const peer = k.hs6 === undefined ? undefined : (spec.peerMedian[`${k.hs6}|${k.origin ?? ''}`] ?? spec.peerMedian[k.hs6]);
  out[j++] = k.value;
  out[j++] = k.mass;
  out[j++] = unit;
  out[j++] = peer !== undefined && peer > 0 ? unit / peer : Number.NaN;
  out[j++] = k.taxRate;
  out[j++] = k.value * (k.taxRate / 100);
  out[j++] = k.hs6 === undefined ? Number.NaN : Number(k.hs6);
  out[j++] = k.hs6 === undefined ? Number.NaN : Number(k.hs6.slice(0, 4));
  out[j++] = k.origin === undefined || k.departure === undefined ? Number.NaN : k.origin === k.departure ? 0 : 1;
  out[j++] = k.seller === undefined ? 1 : 0;
  out[j++] = k.courier === undefined ? 1 : 0;
  out[j++] = Number.isNaN(k.day) ? Number.NaN : (k.day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (j - off !== NF) throw new Error(`feature layout drifted: wrote ${j - off}, expected ${NF}`);
}

/** How training rows are split into folds for out-of-fold label statistics. */
export type FoldScheme = 'row' | 'combination';

/**
 * Fold of every row, seeded. 'row': each row on its own. 'combination': all filings with the
 * same goods/countries/tax/mass combination share a fold, so out-of-fold statistics never see
 * the labels of a row's own combination (a filing without a complete combination is its own
 * group): every row then looks like a filing whose combination has no history.
 */
export function assignFolds(keys: readonly FilingKeys[], folds: number, seed: number, scheme: FoldScheme = 'row'): Int32Array {
  const random = createPrng(seed ^ 0x5eed);
  if (scheme === 'row') return Int32Array.from({ length: keys.length }, () => Math.floor(random() * folds));
  const byCombination = new Map<string, number>();
  return Int32Array.from(keys, (k) => {
    const key = combinationKey(k);
    if (key === undefined) return Math.floor(random() * folds);
    let f = byCombination.get(key);
    if (f === undefined) {
      f = Math.floor(random() * folds);
      byCombination.set(key, f);
    }
    return f;
  });
}

/**
 * Training features: out-of-fold label statistics (K folds, seeded), label-free counts over the
 * other training rows, and recency from strictly earlier dates.
 */
export function trainingFeatures(keys: readonly FilingKeys[], outcomes: readonly Outcome[], spec: FeatureSpec, folds = 5, seed = 1, scheme: FoldScheme = 'row'): FeatureMatrix {
  const n = keys.length;
  const fold = assignFolds(keys, folds, seed, scheme);
  // Out-of-fold counts cover (K-1)/K of the rows; rescale so they match a full history.
  const scale = folds / (folds - 1);
  const rowKeys = keys.map(historyKeys);
  const ids: Int32Array[] = [];
  const seen: Float64Array[] = [];
  const perFold: Float64Array[] = []; // [id * folds * 3 + f * 3 + {inspected, fraud, critical}]
  for (let ki = 0; ki < NK; ki++) {
    const index = new Map<string, number>();
    const rowId = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const key = rowKeys[i]![ki];
      if (key === undefined) continue;
      let id = index.get(key);
      if (id === undefined) {
        id = index.size;
        index.set(key, id);
      }
      rowId[i] = id;
    }
    const sn = new Float64Array(index.size);
    const pf = new Float64Array(index.size * folds * 3);
    for (let i = 0; i < n; i++) {
      const id = rowId[i]!;
      if (id < 0) continue;
      sn[id] = sn[id]! + 1;
      const b = id * folds * 3 + fold[i]! * 3;
      pf[b] = pf[b]! + 1;
      if (outcomes[i]!.fraud) pf[b + 1] = pf[b + 1]! + 1;
      if (outcomes[i]!.critical) pf[b + 2] = pf[b + 2]! + 1;
    }
    ids.push(rowId);
    seen.push(sn);
    perFold.push(pf);
  }
  const lastDays = previousDays(keys, rowKeys);
  const values = new Float64Array(n * NF);
  const stats = newStatsBuffer();
  for (let i = 0; i < n; i++) {
    const f = fold[i]!;
    for (let ki = 0; ki < NK; ki++) {
      const id = ids[ki]![i]!;
      const b = ki * SW;
      if (id < 0) {
        putStats(stats, ki, undefined);
        continue;
      }
      const pf = perFold[ki]!;
      let insp = 0;
      let fr = 0;
      let cr = 0;
      for (let q = 0; q < folds; q++) {
        if (q === f) continue;
        const p = id * folds * 3 + q * 3;
        insp += pf[p]!;
        fr += pf[p + 1]!;
        cr += pf[p + 2]!;
      }
      stats[b] = seen[ki]![id]! - 1;
      stats[b + 1] = insp * scale;
      stats[b + 2] = fr * scale;
      stats[b + 3] = cr * scale;
      stats[b + 4] = lastDays[ki]?.[i] ?? Number.NaN;
    }
    fillFeatures(values, i * NF, keys[i]!, rowKeys[i]!, spec, stats);
  }
  return { nRows: n, nFeatures: NF, values };
}

/** Per recency kind and row: the latest strictly earlier day the same key occurred (NaN if none). */
function previousDays(keys: readonly FilingKeys[], rowKeys: ReadonlyArray<ReadonlyArray<string | undefined>>): Array<Float64Array | undefined> {
  const order = byDay(keys);
  const out: Array<Float64Array | undefined> = [];
  for (const ki of RECENCY_INDEX) {
    const prev = new Float64Array(keys.length).fill(Number.NaN);
    const last = new Map<string, number>(); // latest day strictly before the current day
    const today = new Map<string, number>();
    let currentDay = Number.NaN;
    for (const i of order) {
      const k = keys[i]!;
      if (k.day !== currentDay) {
        for (const [key, d] of today) last.set(key, d);
        today.clear();
        currentDay = k.day;
      }
      const key = rowKeys[i]![ki];
      if (key === undefined || Number.isNaN(k.day)) continue;
      prev[i] = last.get(key) ?? Number.NaN;
      today.set(key, k.day);
    }
    out[ki] = prev;
  }
  return out;
}

/**
 * Scoring features for a batch: each row sees the provider's history plus the batch's rows of
 * strictly earlier days, without their labels.
 */
export function scoringFeatures(keys: readonly FilingKeys[], spec: FeatureSpec, history: HistoryProvider, useBatchHistory = true): FeatureMatrix {
  const n = keys.length;
  const values = new Float64Array(n * NF);
  const layered = new LayeredHistory(history);
  const stats = newStatsBuffer();
  const rowKeys = keys.map(historyKeys);
  const order = byDay(keys);
  let dayStart = 0;
  for (let p = 0; p <= n; p++) {
    const i = order[p];
    const startOfDay = p === n || keys[i!]!.day !== keys[order[dayStart]!]!.day;
    if (startOfDay) {
      // Rows of the finished day become history for later days only.
      if (useBatchHistory) for (let q = dayStart; q < p; q++) layered.addUnlabelled(rowKeys[order[q]!]!, keys[order[q]!]!.day);
      dayStart = p;
    }
    if (i === undefined) break;
    fillRowFromHistory(values, i * NF, keys[i]!, rowKeys[i]!, spec, layered, stats);
  }
  return { nRows: n, nFeatures: NF, values };
}

function fillRowFromHistory(
  out: Float64Array,
  off: number,
  k: FilingKeys,
  keys: ReadonlyArray<string | undefined>,
  spec: FeatureSpec,
  history: HistoryProvider,
  stats: Float64Array,
): void {
  for (let ki = 0; ki < NK; ki++) {
    const key = keys[ki];
    putStats(stats, ki, key === undefined ? undefined : history.stats(HISTORY_KINDS[ki]!, key, k.day));
  }
  fillFeatures(out, off, k, keys, spec, stats);
}

export function singleRowFeatures(k: FilingKeys, spec: FeatureSpec, history: HistoryProvider): Float64Array {
  const out = new Float64Array(NF);
  fillRowFromHistory(out, 0, k, historyKeys(k), spec, history, newStatsBuffer());
  return out;
}

export { dayNumber };

/** Row indices in date order (unknown dates last), ties in input order. */
function byDay(keys: readonly FilingKeys[]): Int32Array {
  const d = (i: number) => (Number.isNaN(keys[i]!.day) ? Number.POSITIVE_INFINITY : keys[i]!.day);
  return Int32Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => d(a) - d(b) || a - b);
}
