// The risk model: feature spec + stored history + boosted trees, trained on labelled filings
// (a file or the node's own inspection results) and scored on canonical filings.
import { newId, sha256Hex } from '../platform/index.js';
import type { FeatureMatrix } from './gbdt/binning.js';
import { predict, type GbdtModel } from './gbdt/gbdt-model.js';
import { DEFAULT_GBDT_PARAMS, trainGbdt, type GbdtParams } from './gbdt/gbdt-trainer.js';
import { bestMacroF1Threshold } from './gbdt/metrics.js';
import { evaluateScores, precisionRecallSvg, subset, type EvaluationReport } from './evaluation.js';
import { FEATURE_NAMES, scoringFeatures, trainingFeatures, type Outcome } from './features/feature-builder.js';
import { fitFeatureSpec, type FeatureSpec } from './features/feature-spec.js';
import type { FilingKeys } from './features/filing-keys.js';
import { combinationKey, HistoryTable, type HistoryProvider } from './features/history.js';

export type RiskLabel = 'fraud' | 'critical';

export interface LabelledSet {
  keys: readonly FilingKeys[];
  outcomes: readonly Outcome[];
}

export interface ValidationSummary {
  all: EvaluationReport;
  /** Rows whose combination never occurs in the training history. */
  novel: EvaluationReport;
}

export interface RiskModel {
  id: string;
  createdAt: string;
  label: RiskLabel;
  spec: FeatureSpec;
  history: HistoryTable;
  gbdt: GbdtModel;
  /**
   * Specialist for filings whose goods/countries/tax/mass combination has no history: trained on
   * the first filing of every training combination, with label statistics folded by combination
   * (no row sees its own combination's outcomes), so it learns the patterns that generalise
   * (goods, countries, mass, parties) instead of leaning on memory.
   */
  novelGbdt?: GbdtModel | undefined;
  /** Score at or above which a filing counts as positive (macro-F1 optimum on validation). */
  threshold: number;
  training: {
    rows: number;
    dataHash: string;
    params: GbdtParams;
    rounds: number;
    novelRounds?: number | undefined;
    refit: boolean;
    validRows: number;
  };
  validation?: ValidationSummary | undefined;
}

/** Tuned on the KCS validation split only (see bench/model.eval.ts). */
export const DEFAULT_RISK_PARAMS: Record<RiskLabel, Partial<GbdtParams>> = {
  fraud: { rounds: 1000, learningRate: 0.05, maxLeaves: 31, maxDepth: 0, minDataInLeaf: 10, minChildWeight: 1e-3, lambda: 1, subsample: 0.8, colsampleByTree: 0.5, earlyStoppingRounds: 50, evalMetric: 'logloss' },
  critical: { rounds: 1000, learningRate: 0.03, maxLeaves: 15, maxDepth: 0, minDataInLeaf: 10, minChildWeight: 1e-3, lambda: 1, subsample: 0.8, colsampleByTree: 0.5, earlyStoppingRounds: 100, evalMetric: 'logloss' },
};

/** The novel-combination specialist: very small, heavily regularised trees (tuned on validation). */
export const NOVEL_SPECIALIST_PARAMS: Record<RiskLabel, Partial<GbdtParams>> = {
  fraud: { rounds: 1000, learningRate: 0.02, maxLeaves: 4, maxDepth: 0, minDataInLeaf: 50, minChildWeight: 1e-3, lambda: 5, subsample: 0.8, colsampleByTree: 0.5, earlyStoppingRounds: 100, evalMetric: 'auc' },
  critical: { rounds: 1000, learningRate: 0.03, maxLeaves: 4, maxDepth: 0, minDataInLeaf: 50, minChildWeight: 1e-3, lambda: 5, subsample: 0.8, colsampleByTree: 0.5, earlyStoppingRounds: 100, evalMetric: 'auc' },
};

function rowsAt(x: FeatureMatrix, idx: readonly number[]): FeatureMatrix {
  const values = new Float64Array(idx.length * x.nFeatures);
  idx.forEach((r, a) => values.set(x.values.subarray(r * x.nFeatures, (r + 1) * x.nFeatures), a * x.nFeatures));
  return { nRows: idx.length, nFeatures: x.nFeatures, values };
}

function rowsWhere(x: FeatureMatrix, keep: (i: number) => boolean): FeatureMatrix {
  const idx: number[] = [];
  for (let i = 0; i < x.nRows; i++) if (keep(i)) idx.push(i);
  return rowsAt(x, idx);
}

/** Row indices of the earliest filing of every combination (input order breaks ties), in input order; filings without a complete combination all count. */
export function firstOfEachCombination(keys: readonly FilingKeys[]): number[] {
  const first = new Map<string, number>();
  const out: number[] = [];
  keys.forEach((k, i) => {
    const key = combinationKey(k);
    if (key === undefined) {
      out.push(i);
      return;
    }
    const j = first.get(key);
    if (j === undefined || keys[i]!.day < keys[j]!.day) first.set(key, i);
  });
  out.push(...first.values());
  return out.sort((a, b) => a - b);
}

export const labelOf = (label: RiskLabel, o: Outcome): number => (label === 'fraud' ? (o.fraud ? 1 : 0) : o.critical ? 1 : 0);

export interface TrainRiskOptions {
  label: RiskLabel;
  train: LabelledSet;
  valid?: LabelledSet | undefined;
  /** Retrain on train + valid with the number of rounds chosen on valid. */
  refit?: boolean;
  params?: Partial<GbdtParams>;
  novelParams?: Partial<GbdtParams>;
  seed?: number;
  onProgress?: (phase: 'train' | 'refit', round: number, maxRounds: number) => void;
}

export function dataHash(set: LabelledSet): string {
  const parts: string[] = [];
  set.keys.forEach((k, i) => {
    const o = set.outcomes[i]!;
    parts.push(`${k.reference}|${k.day}|${o.fraud ? 1 : 0}|${o.critical ? 1 : 0}`);
  });
  return sha256Hex(parts.join('\n'));
}

function historyOf(set: LabelledSet): HistoryTable {
  const h = new HistoryTable();
  set.keys.forEach((k, i) => h.add(k, set.outcomes[i]));
  return h;
}

function fit(set: LabelledSet, label: RiskLabel, params: GbdtParams, novelParams: GbdtParams, valid: LabelledSet | undefined, phase: 'train' | 'refit', opts: TrainRiskOptions) {
  const spec = fitFeatureSpec(set.keys, [...set.outcomes]);
  const x = trainingFeatures(set.keys, set.outcomes, spec, 5, params.seed);
  const y = Float64Array.from(set.outcomes, (o) => labelOf(label, o));
  const history = historyOf(set);
  let validInput: { x: ReturnType<typeof scoringFeatures>; y: Float64Array } | undefined;
  if (valid) {
    validInput = { x: scoringFeatures(valid.keys, spec, history), y: Float64Array.from(valid.outcomes, (o) => labelOf(label, o)) };
  }
  const res = trainGbdt(
    { x, y, featureNames: FEATURE_NAMES, ...(validInput ? { valid: validInput } : {}), onRound: (r) => opts.onProgress?.(phase, r, params.rounds) },
    params,
  );
  // The specialist learns from what a never-seen combination looks like: one row per
  // combination (its first filing), with label statistics folded by combination so that no row
  // sees the outcomes of its own combination's other filings.
  const firsts = firstOfEachCombination(set.keys);
  const xn = rowsAt(trainingFeatures(set.keys, set.outcomes, spec, 5, novelParams.seed, 'combination'), firsts);
  const yn = Float64Array.from(firsts, (i) => y[i]!);
  let novelValid: { x: FeatureMatrix; y: Float64Array } | undefined;
  if (valid && validInput) {
    const isNovel = valid.keys.map((k) => isNovelCombination(history, k));
    novelValid = { x: rowsWhere(validInput.x, (i) => isNovel[i]!), y: Float64Array.from(validInput.y.filter((_, i) => isNovel[i])) };
  }
  const novelRes =
    xn.nRows > 0
      ? trainGbdt({ x: xn, y: yn, featureNames: FEATURE_NAMES, ...(novelValid && novelValid.x.nRows > 0 ? { valid: novelValid } : {}) }, novelParams)
      : undefined;
  return { spec, history, res, validInput, novelRes };
}

export function isNovelCombination(history: HistoryTable, k: FilingKeys): boolean {
  const key = combinationKey(k);
  return key === undefined || !history.tables.get('combination')!.has(key);
}

export function trainRiskModel(opts: TrainRiskOptions): RiskModel {
  const seed = opts.seed ?? 1;
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...DEFAULT_RISK_PARAMS[opts.label], ...opts.params, seed };
  const novelParams: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...NOVEL_SPECIALIST_PARAMS[opts.label], ...opts.novelParams, seed };
  const first = fit(opts.train, opts.label, params, novelParams, opts.valid, 'train', opts);
  let threshold = 0.5;
  let validation: ValidationSummary | undefined;
  let rounds = first.res.bestRounds;
  let novelRounds = first.novelRes?.bestRounds;
  if (opts.valid && first.validInput) {
    const novel = opts.valid.keys.map((k) => isNovelCombination(first.history, k));
    const scores = combineScores(first.res.model, first.novelRes?.model, first.validInput.x, novel);
    const y = first.validInput.y;
    threshold = bestMacroF1Threshold(y, scores).threshold;
    validation = { all: evaluateScores(y, scores, threshold), novel: evaluateScores(subset(y, novel), subset(scores, novel), threshold) };
  }
  let final = first;
  let trainSet: LabelledSet = opts.train;
  if (opts.refit && opts.valid) {
    trainSet = { keys: [...opts.train.keys, ...opts.valid.keys], outcomes: [...opts.train.outcomes, ...opts.valid.outcomes] };
    const refitParams: GbdtParams = { ...params, rounds, earlyStoppingRounds: 0 };
    const refitNovel: GbdtParams = { ...novelParams, rounds: novelRounds ?? novelParams.rounds, earlyStoppingRounds: 0 };
    final = fit(trainSet, opts.label, refitParams, refitNovel, undefined, 'refit', opts);
    rounds = final.res.bestRounds;
    novelRounds = final.novelRes?.bestRounds;
  }
  return {
    id: newId(),
    createdAt: new Date().toISOString(),
    label: opts.label,
    spec: final.spec,
    history: final.history,
    gbdt: final.res.model,
    novelGbdt: final.novelRes?.model,
    threshold,
    training: {
      rows: trainSet.keys.length,
      dataHash: dataHash(trainSet),
      params,
      rounds,
      novelRounds,
      refit: Boolean(opts.refit && opts.valid),
      validRows: opts.valid?.keys.length ?? 0,
    },
    validation,
  };
}

/** Probabilities for a batch, in input order; the batch's earlier days feed "seen" counts. */
export function scoreBatch(model: RiskModel, keys: readonly FilingKeys[], history: HistoryProvider = model.history): Float64Array {
  const x = scoringFeatures(keys, model.spec, history);
  return combineScores(model.gbdt, model.novelGbdt, x, keys.map((k) => isNovelCombination(model.history, k)));
}

/** Main model for combinations with history, the specialist (when present) for the others. */
export function combineScores(main: GbdtModel, specialist: GbdtModel | undefined, x: FeatureMatrix, novel: readonly boolean[]): Float64Array {
  const scores = predict(main, x);
  if (!specialist) return scores;
  const alt = predict(specialist, x);
  for (let i = 0; i < scores.length; i++) if (novel[i]) scores[i] = alt[i]!;
  return scores;
}

/** Evaluation of a model on a labelled set: all rows, never-seen combinations, PR curve. */
export function evaluateLabelledFile(model: RiskModel, set: LabelledSet, title: string): ValidationSummary & { svg: string } {
  const scores = scoreBatch(model, set.keys);
  const y = Float64Array.from(set.outcomes, (o) => labelOf(model.label, o));
  const novel = set.keys.map((k) => isNovelCombination(model.history, k));
  return {
    all: evaluateScores(y, scores, model.threshold),
    novel: evaluateScores(subset(y, novel), subset(scores, novel), model.threshold),
    svg: precisionRecallSvg(y, scores, title),
  };
}
