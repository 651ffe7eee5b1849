// The small API the assessment context calls: load a model, score one canonical filing with a
// history provider and get the score, the model identity and the top signed contributions
// (TreeSHAP, in log-odds) with readable names. Also training from the node's own recorded
// inspection results.
import type { Filing } from '../records/index.js';
import { createExplainer, type Contributions } from './gbdt/tree-shap.js';
import type { GbdtModel } from './gbdt/gbdt-model.js';
import { sigmoid } from './gbdt/gbdt-model.js';
import { FEATURE_NAMES, singleRowFeatures, type Outcome } from './features/feature-builder.js';
import { filingKeys, dayNumber } from './features/filing-keys.js';
import type { HistoryKind, HistoryProvider, KeyStats } from './features/history.js';
import { RISK_MODEL_VERSION, riskModelFromJson } from './risk-model-format.js';
import { isNovelCombination, trainRiskModel, type RiskLabel, type RiskModel } from './risk-model.js';

export interface ModelContribution {
  feature: string;
  /** Human-readable description of the feature. */
  name: string;
  /** Signed contribution in log-odds: positive raises the risk. */
  value: number;
  /** The feature's value for this filing (null when missing). */
  featureValue: number | null;
}

export interface ModelScore {
  score: number;
  modelId: string;
  modelVersion: number;
  label: RiskLabel;
  /** True when the filing's goods/countries/tax/mass combination has no history (specialist model). */
  novelCombination: boolean;
  /** Log-odds the contributions start from (the model's expected margin). */
  bias: number;
  contributions: ModelContribution[];
}

const KIND_NAMES: Record<HistoryKind, string> = {
  importer: 'importer',
  declarant: 'declarant',
  seller: 'seller',
  courier: 'courier',
  office: 'office',
  hs6: 'HS6 code',
  hs4: 'HS heading',
  hs2: 'HS chapter',
  origin: 'origin country',
  departure: 'departure country',
  origin_departure: 'origin and departure countries',
  origin_departure_hs2: 'origin and departure countries with this HS chapter',
  origin_departure_hs4: 'origin and departure countries with this HS heading',
  importer_hs6: 'importer with this HS6',
  declarant_importer: 'declarant with this importer',
  importer_origin: 'importer with this origin',
  seller_importer: 'seller with this importer',
  declarant_hs6: 'declarant with this HS6',
  hs6_origin: 'HS6 from this origin',
  hs6_tax: 'HS6 with this tax type and rate',
  goods_countries_tax: 'goods, countries and tax',
  combination: 'same goods/countries/tax/mass combination',
  mass: 'same declared mass',
};

const BACKOFF_NAMES: Record<string, string> = {
  goods_backoff: 'goods (chapter, heading, HS6, tax, countries pooled)',
  countries_backoff: 'countries (origin, departure, chapter, heading pooled)',
};

const PLAIN: Record<string, string> = {
  value: 'declared value',
  mass: 'net mass',
  unit_price: 'value per kg',
  unit_price_vs_peers: 'value per kg against the median of the same HS6 and origin',
  tax_rate: 'duty rate',
  duty: 'duty at stake (value × rate)',
  hs6_number: 'HS6 code (numeric order)',
  hs4_number: 'HS heading (numeric order)',
  origin_differs_from_departure: 'origin differs from departure country',
  seller_missing: 'seller not declared',
  courier_missing: 'no courier',
  weekday: 'day of the week',
};

/** "importer.fraud_rate" → "importer: past fault rate". */
export function featureLabel(feature: string): string {
  const plain = PLAIN[feature];
  if (plain) return plain;
  const [head, tail] = feature.split('.');
  if (head === 'code') return tail ?? feature;
  const kind = Object.entries({ ...KIND_NAMES, ...BACKOFF_NAMES }).find(([k]) => k === head)?.[1] ?? head ?? feature;
  switch (tail) {
    case 'fraud_rate':
      return `${kind}: past fault rate`;
    case 'critical_rate':
      return `${kind}: past critical-fault rate`;
    case 'inspected':
      return `${kind}: past inspections`;
    case 'seen':
      return `${kind}: times seen before`;
    case 'days_since_seen':
      return `${kind}: days since last seen`;
    default:
      return feature;
  }
}

export function loadRiskModel(text: string, source?: string): RiskModel {
  return riskModelFromJson(text, source);
}

const explainers = new WeakMap<GbdtModel, (row: Float64Array) => Contributions>();
function explainerFor(m: GbdtModel): (row: Float64Array) => Contributions {
  let e = explainers.get(m);
  if (!e) {
    e = createExplainer(m);
    explainers.set(m, e);
  }
  return e;
}

/**
 * The model's own stored history, for filings at any date. Filings inside the training period
 * see the full stored history (including, for a training filing, its own recorded outcome):
 * use a node-backed provider for strict point-in-time scoring.
 */
export function storedHistory(model: RiskModel): HistoryProvider {
  return { stats: (kind: HistoryKind, key: string): KeyStats | undefined => model.history.stats(kind, key, Number.POSITIVE_INFINITY) };
}

export function scoreFiling(model: RiskModel, filing: Filing, history: HistoryProvider = storedHistory(model), top = 5): ModelScore {
  const keys = filingKeys(filing);
  const row = singleRowFeatures(keys, model.spec, history);
  const novel = isNovelCombination(model.history, keys) && model.novelGbdt !== undefined;
  const gbdt = novel && model.novelGbdt ? model.novelGbdt : model.gbdt;
  const { bias, values } = explainerFor(gbdt)(row);
  const margin = values.reduce((s, v) => s + v, bias);
  const order = Array.from(values.keys())
    .filter((i) => values[i] !== 0)
    .sort((a, b) => Math.abs(values[b]!) - Math.abs(values[a]!) || a - b)
    .slice(0, top);
  return {
    score: sigmoid(margin),
    modelId: model.id,
    modelVersion: RISK_MODEL_VERSION,
    label: model.label,
    novelCombination: novel,
    bias,
    contributions: order.map((i) => ({
      feature: FEATURE_NAMES[i]!,
      name: featureLabel(FEATURE_NAMES[i]!),
      value: values[i]!,
      featureValue: Number.isNaN(row[i]!) ? null : row[i]!,
    })),
  };
}

export interface OutcomeRow {
  filing: Filing;
  /** The inspection result: fraud found, and whether it was critical. */
  label: Outcome;
  /** When the filing was lodged (or received); orders the history. */
  date: string | Date;
}

/**
 * Trains from the node's recorded inspection results: the latest fifth (by date) chooses the
 * number of rounds and the threshold, then the model is refit on everything.
 */
export function trainFromOutcomes(rows: readonly OutcomeRow[], opts: { label?: RiskLabel; seed?: number } = {}): RiskModel {
  if (rows.length < 20) throw new Error(`training needs at least 20 recorded outcomes, got ${rows.length}`);
  const items = rows
    .map((r) => {
      const keys = filingKeys(r.filing);
      const iso = typeof r.date === 'string' ? r.date : r.date.toISOString();
      return { keys: { ...keys, day: dayNumber(iso) }, outcome: r.label };
    })
    .sort((a, b) => a.keys.day - b.keys.day);
  // Validation starts on a new day: history may only answer for days after its last one.
  let cut = Math.floor(items.length * 0.8);
  while (cut < items.length && cut > 0 && items[cut]?.keys.day === items[cut - 1]?.keys.day) cut++;
  if (cut >= items.length) {
    cut = Math.floor(items.length * 0.8);
    while (cut > 0 && items[cut]?.keys.day === items[cut - 1]?.keys.day) cut--;
  }
  if (cut <= 0 || cut >= items.length) throw new Error('training needs recorded outcomes on at least two different days');
  const train = items.slice(0, cut);
  const valid = items.slice(cut);
  const pack = (xs: typeof items) => ({ keys: xs.map((x) => x.keys), outcomes: xs.map((x) => x.outcome) });
  return trainRiskModel({ label: opts.label ?? 'fraud', train: pack(train), valid: pack(valid), refit: true, seed: opts.seed ?? 1 });
}
