// The risk model: feature spec + stored history + boosted trees, trained on labelled filings
// (a file or the node's own inspection results) and scored on canonical filings.
import { newId, sha256Hex } from '../platform/index.js';
import { predict, type GbdtModel } from './gbdt/gbdt-model.js';
import { DEFAULT_GBDT_PARAMS, trainGbdt, type GbdtParams } from './gbdt/gbdt-trainer.js';
import { bestMacroF1Threshold } from './gbdt/metrics.js';
import { evaluateScores, precisionRecallSvg, subset, type EvaluationReport } from './evaluation.js';
import { FEATURE_NAMES, scoringFeatures, trainingFeatures, type Outcome } from './features/feature-builder.js';
import { fitFeatureSpec, type FeatureSpec } from './features/feature-spec.js';
import type { FilingKeys } from './features/filing-keys.js';
import { historyKey, HistoryTable, type HistoryProvider } from './features/history.js';

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
  /** Score at or above which a filing counts as positive (macro-F1 optimum on validation). */
  threshold: number;
  training: {
    rows: number;
    dataHash: string;
    params: GbdtParams;
    rounds: number;
    refit: boolean;
    validRows: number;
  };
  validation?: ValidationSummary | undefined;
}

/** Tuned on the KCS validation split only (see bench/model.eval.ts). */
export const DEFAULT_RISK_PARAMS: Record<RiskLabel, Partial<GbdtParams>> = {
  fraud: {
    rounds: 1500,
    learningRate: 0.05,
    maxLeaves: 63,
    maxDepth: 0,
    minDataInLeaf: 5,
    minChildWeight: 1e-3,
    lambda: 1,
    subsample: 0.8,
    colsampleByTree: 0.7,
    earlyStoppingRounds: 100,
    evalMetric: 'aucpr',
  },
  critical: {
    rounds: 1500,
    learningRate: 0.03,
    maxLeaves: 15,
    maxDepth: 0,
    minDataInLeaf: 10,
    minChildWeight: 1e-3,
    lambda: 1,
    subsample: 0.8,
    colsampleByTree: 0.7,
    earlyStoppingRounds: 150,
    evalMetric: 'aucpr',
  },
};

export const labelOf = (label: RiskLabel, o: Outcome): number => (label === 'fraud' ? (o.fraud ? 1 : 0) : o.critical ? 1 : 0);

export interface TrainRiskOptions {
  label: RiskLabel;
  train: LabelledSet;
  valid?: LabelledSet | undefined;
  /** Retrain on train + valid with the number of rounds chosen on valid. */
  refit?: boolean;
  params?: Partial<GbdtParams>;
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

function fit(set: LabelledSet, label: RiskLabel, params: GbdtParams, valid: LabelledSet | undefined, phase: 'train' | 'refit', opts: TrainRiskOptions) {
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
  return { spec, history, res, validInput };
}

export function isNovelCombination(history: HistoryTable, k: FilingKeys): boolean {
  const key = historyKey('combination', k);
  return key === undefined || !history.tables.get('combination')!.has(key);
}

export function trainRiskModel(opts: TrainRiskOptions): RiskModel {
  const seed = opts.seed ?? 1;
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...DEFAULT_RISK_PARAMS[opts.label], ...opts.params, seed };
  const first = fit(opts.train, opts.label, params, opts.valid, 'train', opts);
  let threshold = 0.5;
  let validation: ValidationSummary | undefined;
  let rounds = first.res.bestRounds;
  if (opts.valid && first.validInput) {
    const scores = predict(first.res.model, first.validInput.x);
    const y = first.validInput.y;
    threshold = bestMacroF1Threshold(y, scores).threshold;
    const novel = opts.valid.keys.map((k) => isNovelCombination(first.history, k));
    validation = { all: evaluateScores(y, scores, threshold), novel: evaluateScores(subset(y, novel), subset(scores, novel), threshold) };
  }
  let final = first;
  let trainSet: LabelledSet = opts.train;
  if (opts.refit && opts.valid) {
    trainSet = { keys: [...opts.train.keys, ...opts.valid.keys], outcomes: [...opts.train.outcomes, ...opts.valid.outcomes] };
    const refitParams: GbdtParams = { ...params, rounds, earlyStoppingRounds: 0 };
    final = fit(trainSet, opts.label, refitParams, undefined, 'refit', opts);
    rounds = final.res.bestRounds;
  }
  return {
    id: newId(),
    createdAt: new Date().toISOString(),
    label: opts.label,
    spec: final.spec,
    history: final.history,
    gbdt: final.res.model,
    threshold,
    training: {
      rows: trainSet.keys.length,
      dataHash: dataHash(trainSet),
      params,
      rounds,
      refit: Boolean(opts.refit && opts.valid),
      validRows: opts.valid?.keys.length ?? 0,
    },
    validation,
  };
}

/** Probabilities for a batch, in input order; the batch's earlier days feed "seen" counts. */
export function scoreBatch(model: RiskModel, keys: readonly FilingKeys[], history: HistoryProvider = model.history): Float64Array {
  return predict(model.gbdt, scoringFeatures(keys, model.spec, history));
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
