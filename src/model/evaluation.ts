// The evaluation report of a scored, labelled set: ranking metrics, precision and recall at
// the top n %, macro-F1 at a stored threshold, and the same on rows whose goods/countries/tax/
// mass combination the model never saw in training (where memorising the data cannot help).
import { averagePrecision, bestMacroF1Threshold, macroF1, rocAuc, topPercent, type TopK } from './gbdt/metrics.js';

export const TOP_PERCENTS = [1, 2, 5, 10];

export interface EvaluationReport {
  rows: number;
  positives: number;
  rocAuc: number;
  prAuc: number;
  top: TopK[];
  threshold: number;
  macroF1: number;
  /** The threshold that would have been best on this very set (reported, never used). */
  bestThresholdHere: { threshold: number; macroF1: number };
}

export function evaluateScores(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): EvaluationReport {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) positives++;
  return {
    rows: labels.length,
    positives,
    rocAuc: rocAuc(labels, scores),
    prAuc: averagePrecision(labels, scores),
    top: topPercent(labels, scores, TOP_PERCENTS),
    threshold,
    macroF1: macroF1(labels, scores, threshold),
    bestThresholdHere: bestMacroF1Threshold(labels, scores),
  };
}

export function subset<T extends ArrayLike<number>>(values: T, mask: ArrayLike<boolean>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (mask[i]) out.push(values[i]!);
  return Float64Array.from(out);
}

const f3 = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(4));

export function formatReport(title: string, r: EvaluationReport): string {
  const lines = [
    `${title}: ${r.rows} rows, ${r.positives} positive (${((100 * r.positives) / Math.max(1, r.rows)).toFixed(2)} %)`,
    `  ROC-AUC ${f3(r.rocAuc)}   PR-AUC (average precision) ${f3(r.prAuc)}`,
    ...r.top.map((t) => `  top ${String(t.percent).padStart(2)} % (${t.k} rows): precision ${f3(t.precision)}  recall ${f3(t.recall)}`),
    `  macro-F1 ${f3(r.macroF1)} at the validation threshold ${r.threshold.toPrecision(4)}`,
  ];
  return lines.join('\n');
}

/** Precision-recall curve as a small standalone SVG (no plotting dependency). */
export function precisionRecallSvg(labels: ArrayLike<number>, scores: ArrayLike<number>, title: string): string {
  const order = Int32Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let total = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) total++;
  const W = 480;
  const H = 360;
  const pad = 48;
  const px = (r: number) => pad + r * (W - 2 * pad);
  const py = (p: number) => H - pad - p * (H - 2 * pad);
  const pts: string[] = [];
  let tp = 0;
  const step = Math.max(1, Math.floor(order.length / 600));
  for (let i = 0; i < order.length; i++) {
    if (labels[order[i]!]! > 0) tp++;
    if (i % step === 0 || i === order.length - 1) pts.push(`${px(total ? tp / total : 0).toFixed(1)},${py(tp / (i + 1)).toFixed(1)}`);
  }
  const ap = averagePrecision(labels, scores);
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => `<text x="${px(t)}" y="${H - pad + 16}" font-size="10" text-anchor="middle">${t}</text><text x="${pad - 6}" y="${py(t) + 3}" font-size="10" text-anchor="end">${t}</text>`)
    .join('');
  const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" font-size="13" text-anchor="middle" font-family="sans-serif">${esc(title)} (AP ${f3(ap)})</text>`,
    `<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="black"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="black"/>`,
    ticks,
    `<text x="${W / 2}" y="${H - 10}" font-size="11" text-anchor="middle" font-family="sans-serif">recall</text>`,
    `<text x="14" y="${H / 2}" font-size="11" text-anchor="middle" font-family="sans-serif" transform="rotate(-90 14 ${H / 2})">precision</text>`,
    `<polyline fill="none" stroke="#1f5fbf" stroke-width="1.5" points="${pts.join(' ')}"/>`,
    `</svg>`,
  ].join('\n');
}
