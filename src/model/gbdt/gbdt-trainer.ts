// The boosting loop: gradients and hessians of the objective at the current margins, one tree
// per round on a row/feature sample, shrinkage, and early stopping on a validation set.
import { binMatrix, fitBinMapper, type FeatureMatrix } from './binning.js';
import { addTreeMargins, assembleModel, sigmoid, truncateModel, type GbdtModel, type Objective } from './gbdt-model.js';
import { averagePrecision, logLoss, rmse, rocAuc } from './metrics.js';
import { bernoulliSample, createPrng, sampleIndices } from './prng.js';
import { growTree, HistogramPool, histogramSize, type GrownTree } from './tree-growth.js';

export type EvalMetric = 'logloss' | 'auc' | 'aucpr' | 'rmse';

export interface GbdtParams {
  objective: Objective;
  rounds: number;
  learningRate: number;
  maxDepth: number;
  maxLeaves: number;
  lambda: number;
  gamma: number;
  minChildWeight: number;
  minDataInLeaf: number;
  subsample: number;
  colsampleByTree: number;
  /** Weight of positive rows' gradients (logistic only): class weighting. */
  scalePosWeight: number;
  maxBins: number;
  seed: number;
  earlyStoppingRounds: number;
  evalMetric: EvalMetric;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  objective: 'binary:logistic',
  rounds: 100,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 31,
  lambda: 1,
  gamma: 0,
  minChildWeight: 1,
  minDataInLeaf: 1,
  subsample: 1,
  colsampleByTree: 1,
  scalePosWeight: 1,
  maxBins: 255,
  seed: 1,
  earlyStoppingRounds: 0,
  evalMetric: 'logloss',
};

export interface TrainInput {
  x: FeatureMatrix;
  y: Float64Array;
  featureNames: string[];
  valid?: { x: FeatureMatrix; y: Float64Array };
  onRound?: (round: number, validMetric: number | undefined) => void;
  /** Record the training loss after every round (costs a pass over the rows). */
  trackTrainLoss?: boolean;
}

export interface TrainResult {
  model: GbdtModel;
  /** Rounds kept (the best validation round when early stopping, else all). */
  bestRounds: number;
  bestMetric: number | undefined;
  /** Training loss after each round (logloss or RMSE), for diagnostics and tests. */
  trainLoss: number[];
  validMetric: number[];
}

const higherIsBetter = (m: EvalMetric) => m === 'auc' || m === 'aucpr';

export function trainGbdt(input: TrainInput, partial: Partial<GbdtParams> = {}): TrainResult {
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...partial };
  const { x, y } = input;
  if (y.length !== x.nRows) throw new Error(`labels (${y.length}) and rows (${x.nRows}) differ`);
  if (input.featureNames.length !== x.nFeatures) throw new Error('feature names do not match the matrix');
  const logistic = p.objective === 'binary:logistic';
  const mapper = fitBinMapper(x, p.maxBins);
  const binned = binMatrix(mapper, x);
  const n = x.nRows;
  const weight = new Float64Array(n);
  let wsum = 0;
  let wy = 0;
  for (let i = 0; i < n; i++) {
    weight[i] = logistic && y[i]! > 0 ? p.scalePosWeight : 1;
    wsum += weight[i]!;
    wy += weight[i]! * y[i]!;
  }
  const mean = n > 0 ? wy / wsum : 0;
  const baseScore = logistic ? Math.log(Math.max(1e-6, Math.min(1 - 1e-6, mean)) / (1 - Math.max(1e-6, Math.min(1 - 1e-6, mean)))) : mean;
  const margin = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const random = createPrng(p.seed);
  const pool = new HistogramPool(histogramSize(binned));
  const validMargin = input.valid ? new Float64Array(input.valid.x.nRows).fill(baseScore) : undefined;
  const trees: GrownTree[] = [];
  const trainLoss: number[] = [];
  const validMetric: number[] = [];
  let bestRound = 0;
  let bestMetric: number | undefined;
  const treeParams = { maxDepth: p.maxDepth, maxLeaves: p.maxLeaves, lambda: p.lambda, gamma: p.gamma, minChildWeight: p.minChildWeight, minDataInLeaf: p.minDataInLeaf, learningRate: p.learningRate };
  const nSampleFeatures = Math.max(1, Math.round(x.nFeatures * p.colsampleByTree));

  const allRows = new Int32Array(n);
  for (let i = 0; i < n; i++) allRows[i] = i;
  const allFeatures = new Int32Array(x.nFeatures);
  for (let f = 0; f < x.nFeatures; f++) allFeatures[f] = f;

  for (let round = 0; round < p.rounds; round++) {
    for (let i = 0; i < n; i++) {
      if (logistic) {
        const pr = sigmoid(margin[i]!);
        grad[i] = (pr - y[i]!) * weight[i]!;
        hess[i] = Math.max(pr * (1 - pr), 1e-16) * weight[i]!;
      } else {
        grad[i] = margin[i]! - y[i]!;
        hess[i] = 1;
      }
    }
    const rows = p.subsample < 1 ? bernoulliSample(n, p.subsample, random) : allRows;
    const features = p.colsampleByTree < 1 ? sampleIndices(x.nFeatures, nSampleFeatures, random) : allFeatures;
    const tree = growTree(binned, mapper.edges, grad, hess, rows, features, treeParams, pool);
    trees.push(tree);
    addBinnedTree(tree, binned.bins, x.nFeatures, margin);
    if (input.trackTrainLoss) trainLoss.push(logistic ? logLoss(y, Float64Array.from(margin, sigmoid)) : rmse(y, margin));
    let metric: number | undefined;
    if (input.valid && validMargin) {
      addTreeMargins(tree, input.valid.x, validMargin);
      metric = evaluate(p.evalMetric, input.valid.y, validMargin, logistic);
      validMetric.push(metric);
      const better = bestMetric === undefined || (higherIsBetter(p.evalMetric) ? metric > bestMetric : metric < bestMetric);
      if (better) {
        bestMetric = metric;
        bestRound = round + 1;
      }
    } else {
      bestRound = round + 1;
    }
    input.onRound?.(round + 1, metric);
    if (p.earlyStoppingRounds > 0 && input.valid && round + 1 - bestRound >= p.earlyStoppingRounds) break;
  }
  const model = truncateModel(assembleModel(p.objective, baseScore, input.featureNames, trees), bestRound);
  return { model, bestRounds: bestRound, bestMetric, trainLoss, validMetric };
}

function addBinnedTree(t: GrownTree, bins: Uint8Array, nf: number, margin: Float64Array): void {
  for (let r = 0; r < margin.length; r++) {
    let node = 0;
    while (t.feature[node]! >= 0) {
      const b = bins[r * nf + t.feature[node]!]!;
      node = b === 0 ? (t.defaultLeft[node] ? t.left[node]! : t.right[node]!) : b <= t.binThreshold[node]! ? t.left[node]! : t.right[node]!;
    }
    margin[r] = margin[r]! + t.value[node]!;
  }
}

function evaluate(metric: EvalMetric, y: Float64Array, margin: Float64Array, logistic: boolean): number {
  const pred = logistic ? Float64Array.from(margin, sigmoid) : margin;
  switch (metric) {
    case 'auc':
      return rocAuc(y, pred);
    case 'aucpr':
      return averagePrecision(y, pred);
    case 'rmse':
      return rmse(y, pred);
    case 'logloss':
      return logLoss(y, pred);
  }
}
