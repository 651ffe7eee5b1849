// Ranking and classification metrics shared by early stopping, evaluation and the bench.
// Ties are handled the way the reference protocol states: rows ranked by score, descending,
// ties keep input order (a stable sort).

export function rankDescending(scores: ArrayLike<number>): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Typed-array sort is not stable for equal keys; break ties on the index explicitly.
  return order.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** ROC-AUC via the rank-sum statistic with average ranks for ties. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]! > 0) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision (the PR-AUC of scikit-learn): sum over thresholds of ΔR × P; tied scores form one threshold. */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = rankDescending(scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) total++;
  if (total === 0) return Number.NaN;
  let tp = 0;
  let ap = 0;
  let prevRecall = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) {
      if (labels[order[j]!]! > 0) tp++;
      j++;
    }
    const recall = tp / total;
    ap += (recall - prevRecall) * (tp / j);
    prevRecall = recall;
    i = j;
  }
  return ap;
}

export interface TopK {
  percent: number;
  k: number;
  precision: number;
  recall: number;
}

/** precision/recall of the top n% of rows, k = round(N·n/100). */
export function topPercent(labels: ArrayLike<number>, scores: ArrayLike<number>, percents: number[]): TopK[] {
  const order = rankDescending(scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) total++;
  return percents.map((percent) => {
    const k = Math.max(1, Math.round((labels.length * percent) / 100));
    let tp = 0;
    for (let i = 0; i < k && i < order.length; i++) if (labels[order[i]!]! > 0) tp++;
    return { percent, k, precision: tp / k, recall: total > 0 ? tp / total : Number.NaN };
  });
}

/** Mean of the two classes' F1 at a score threshold (score >= threshold → positive). */
export function macroF1(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = scores[i]! >= threshold;
    const y = labels[i]! > 0;
    if (p && y) tp++;
    else if (p) fp++;
    else if (y) fn++;
    else tn++;
  }
  const f1 = (a: number, b: number, c: number) => (2 * a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2;
}

/** The threshold maximising macro-F1, searched over the distinct scores. */
export function bestMacroF1Threshold(labels: ArrayLike<number>, scores: ArrayLike<number>): { threshold: number; macroF1: number } {
  const order = rankDescending(scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) total++;
  const n = labels.length;
  let tp = 0;
  let fp = 0;
  let best = { threshold: 1, macroF1: -1 };
  let i = 0;
  while (i < n) {
    let j = i;
    const s = scores[order[i]!]!;
    while (j < n && scores[order[j]!] === s) {
      if (labels[order[j]!]! > 0) tp++;
      else fp++;
      j++;
    }
    const fn = total - tp;
    const tn = n - total - fp;
    const f1pos = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    const f1neg = tn === 0 ? 0 : (2 * tn) / (2 * tn + fn + fp);
    const m = (f1pos + f1neg) / 2;
    if (m > best.macroF1) best = { threshold: s, macroF1: m };
    i = j;
  }
  return best;
}

export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probs[i]!));
    s -= labels[i]! > 0 ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}

export function rmse(labels: ArrayLike<number>, preds: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (labels[i]! - preds[i]!) ** 2;
  return Math.sqrt(s / labels.length);
}
