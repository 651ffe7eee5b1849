// What a model needs to turn filing keys into its feature vector: category vocabularies, peer
// medians of value per kg and the label priors. Fitted on training rows only, stored in the
// model file, and never refitted at scoring time. None of it reads a label except the priors.
import type { FilingKeys } from './filing-keys.js';
import { BACKOFF_CHAINS, HISTORY_KINDS, RECENCY_KINDS } from './history.js';

export const CATEGORICALS = [
  'office',
  'processType',
  'importType',
  'importUse',
  'paymentType',
  'mode',
  'taxType',
  'originIndicator',
  'departure',
  'origin',
  'courier',
  'hs2',
] as const;
export type Categorical = (typeof CATEGORICALS)[number];

export const NUMERICS = [
  'value',
  'mass',
  'unit_price',
  'unit_price_vs_peers',
  'tax_rate',
  'duty',
  'hs6_number',
  'hs4_number',
  'origin_differs_from_departure',
  'seller_missing',
  'courier_missing',
  'weekday',
] as const;

export interface FeatureSpec {
  /** Per categorical: value → code (1 = most frequent in training). */
  vocab: Record<string, Record<string, number>>;
  /** Median value per kg by "hs6|origin", with "hs6" as fallback. */
  peerMedian: Record<string, number>;
  priorFraud: number;
  priorCritical: number;
  /** Pseudo-count pulling rates of rarely seen keys towards the prior. */
  smoothing: number;
}

export function categoricalValue(name: Categorical, k: FilingKeys): string | undefined {
  return name === 'hs2' ? k.hs6?.slice(0, 2) : k[name];
}

export function featureNames(): string[] {
  const names: string[] = [];
  for (const kind of HISTORY_KINDS) names.push(`${kind}.fraud_rate`, `${kind}.critical_rate`, `${kind}.inspected`, `${kind}.seen`);
  for (const kind of RECENCY_KINDS) names.push(`${kind}.days_since_seen`);
  for (const chain of BACKOFF_CHAINS) names.push(`${chain.name}.fraud_rate`, `${chain.name}.critical_rate`);
  for (const c of CATEGORICALS) names.push(`code.${c}`);
  for (const n of NUMERICS) names.push(n);
  return names;
}

export function fitFeatureSpec(keys: readonly FilingKeys[], labels: { fraud: boolean; critical: boolean }[], smoothing = 2): FeatureSpec {
  const vocab: Record<string, Record<string, number>> = {};
  for (const c of CATEGORICALS) {
    const counts = new Map<string, number>();
    for (const k of keys) {
      const v = categoricalValue(c, k);
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    vocab[c] = Object.fromEntries(sorted.map(([v], i) => [v, i + 1]));
  }
  const groups = new Map<string, number[]>();
  const push = (key: string, v: number) => {
    const g = groups.get(key);
    if (g) g.push(v);
    else groups.set(key, [v]);
  };
  for (const k of keys) {
    if (k.hs6 === undefined || !(k.mass > 0) || !(k.value > 0)) continue;
    const u = k.value / k.mass;
    push(k.hs6, u);
    if (k.origin !== undefined) push(`${k.hs6}|${k.origin}`, u);
  }
  const peerMedian: Record<string, number> = {};
  for (const [key, vals] of groups) {
    vals.sort((a, b) => a - b);
    const m = vals.length >> 1;
    peerMedian[key] = vals.length % 2 === 1 ? vals[m]! : (vals[m - 1]! + vals[m]!) / 2;
  }
  const n = Math.max(1, labels.length);
  return {
    vocab,
    peerMedian,
    priorFraud: labels.filter((l) => l.fraud).length / n,
    priorCritical: labels.filter((l) => l.critical).length / n,
    smoothing,
  };
}
