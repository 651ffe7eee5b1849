// The model context: our own gradient-boosted trees, features from canonical filings and
// history, the risk model file, evaluation, the registry and the scoring API.
export * from './gbdt/gbdt-model.js';
export * from './gbdt/gbdt-format.js';
export * from './gbdt/gbdt-trainer.js';
export * from './gbdt/metrics.js';
export * from './gbdt/tree-shap.js';
export type { FeatureMatrix } from './gbdt/binning.js';
export * from './features/filing-keys.js';
export * from './features/history.js';
export { FEATURE_NAMES, scoringFeatures, trainingFeatures, singleRowFeatures, type Outcome } from './features/feature-builder.js';
export * from './evaluation.js';
export * from './risk-model.js';
export * from './risk-model-format.js';
export * from './labelled-rows.js';
export * from './scoring-api.js';
export * from './registry/model-registry.js';
export * from './registry/model-migrations.js';
export * from './registry/model-tables.js';
