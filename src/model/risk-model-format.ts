// The risk model file: versioned JSON holding everything scoring needs (feature spec, the
// training history that feeds party/combination features, the trees, the validation threshold)
// plus metadata for the registry. Unknown versions and corrupt files are refused clearly.
import { z } from 'zod';
import { validationFailed } from '../platform/index.js';
import { gbdtFromJson, gbdtToJson, ModelFormatError } from './gbdt/gbdt-format.js';
import { DEFAULT_GBDT_PARAMS, type GbdtParams } from './gbdt/gbdt-trainer.js';
import { FEATURE_NAMES } from './features/feature-builder.js';
import { HistoryTable, type HistoryJson } from './features/history.js';
import type { RiskModel } from './risk-model.js';

export const RISK_MODEL_FORMAT = 'tandem-risk-model';
export const RISK_MODEL_VERSION = 1;

const topSchema = z.object({ percent: z.number(), k: z.number(), precision: z.number(), recall: z.number() });
const nullableNumber = z.number().nullable().transform((v) => v ?? Number.NaN);
const reportSchema = z.object({
  rows: z.number(),
  positives: z.number(),
  rocAuc: nullableNumber,
  prAuc: nullableNumber,
  top: z.array(topSchema.extend({ recall: nullableNumber })),
  threshold: z.number(),
  macroF1: z.number(),
  bestThresholdHere: z.object({ threshold: z.number(), macroF1: z.number() }),
});

const paramsSchema = z.object({
  objective: z.enum(['binary:logistic', 'reg:squarederror']),
  rounds: z.number(),
  learningRate: z.number(),
  maxDepth: z.number(),
  maxLeaves: z.number(),
  lambda: z.number(),
  gamma: z.number(),
  minChildWeight: z.number(),
  minDataInLeaf: z.number(),
  subsample: z.number(),
  colsampleByTree: z.number(),
  scalePosWeight: z.number(),
  maxBins: z.number(),
  seed: z.number(),
  earlyStoppingRounds: z.number(),
  evalMetric: z.enum(['logloss', 'auc', 'aucpr', 'rmse']),
});

const fileSchema = z.object({
  format: z.literal(RISK_MODEL_FORMAT),
  version: z.literal(RISK_MODEL_VERSION),
  id: z.string().min(1),
  createdAt: z.string(),
  label: z.enum(['fraud', 'critical']),
  featureNames: z.array(z.string()),
  threshold: z.number(),
  spec: z.object({
    vocab: z.record(z.string(), z.record(z.string(), z.number())),
    peerMedian: z.record(z.string(), z.number()),
    priorFraud: z.number(),
    priorCritical: z.number(),
    smoothing: z.number(),
  }),
  history: z.object({
    maxDay: z.number().nullable(),
    tables: z.record(z.string(), z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), z.number(), z.number().nullable()]))),
  }),
  training: z.object({
    rows: z.number(),
    dataHash: z.string(),
    params: paramsSchema,
    rounds: z.number(),
    novelRounds: z.number().optional(),
    refit: z.boolean(),
    validRows: z.number(),
  }),
  validation: z.object({ all: reportSchema, novel: reportSchema }).optional(),
  gbdt: z.unknown(),
  novelGbdt: z.unknown().optional(),
});

const nan2null = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

export function riskModelToJson(m: RiskModel): string {
  const doc = {
    format: RISK_MODEL_FORMAT,
    version: RISK_MODEL_VERSION,
    id: m.id,
    createdAt: m.createdAt,
    label: m.label,
    featureNames: m.gbdt.featureNames,
    threshold: m.threshold,
    spec: m.spec,
    history: m.history.toJson(),
    training: m.training,
    validation: m.validation,
    gbdt: gbdtToJson(m.gbdt),
    novelGbdt: m.novelGbdt ? gbdtToJson(m.novelGbdt) : undefined,
  };
  return JSON.stringify(doc, nan2null);
}

/** Parses a model file's text; throws a validation error naming what is wrong. */
export function riskModelFromJson(text: string, source = 'model file'): RiskModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw validationFailed(`${source} is corrupt: not valid JSON`);
  }
  if (typeof raw !== 'object' || raw === null || !('format' in raw) || raw.format !== RISK_MODEL_FORMAT) {
    throw validationFailed(`${source} is not a Tandem risk model (format ${RISK_MODEL_FORMAT} expected)`);
  }
  if ('version' in raw && raw.version !== RISK_MODEL_VERSION) {
    throw validationFailed(`${source} has model format version ${String(raw.version)}; this build reads version ${RISK_MODEL_VERSION}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw validationFailed(`${source} is corrupt: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  const j = parsed.data;
  if (j.featureNames.join('\n') !== FEATURE_NAMES.join('\n')) {
    throw validationFailed(`${source} was built with a different feature layout (${j.featureNames.length} features; this build computes ${FEATURE_NAMES.length})`);
  }
  let gbdt;
  let novelGbdt;
  try {
    gbdt = gbdtFromJson(j.gbdt);
    novelGbdt = j.novelGbdt === undefined ? undefined : gbdtFromJson(j.novelGbdt);
  } catch (err) {
    if (err instanceof ModelFormatError) throw validationFailed(`${source}: ${err.message}`);
    throw err;
  }
  const history: HistoryJson = j.history;
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...j.training.params };
  return {
    id: j.id,
    createdAt: j.createdAt,
    label: j.label,
    spec: j.spec,
    history: HistoryTable.fromJson(history),
    gbdt,
    novelGbdt,
    threshold: j.threshold,
    training: { ...j.training, params },
    validation: j.validation,
  };
}
