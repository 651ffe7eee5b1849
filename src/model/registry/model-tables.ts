// Row shapes of the model registry tables (snake_case, as stored).
export type ModelStatus = 'candidate' | 'challenger' | 'champion' | 'retired';

export interface ModelVersionRow {
  id: string;
  label: string;
  status: string;
  created_at: string;
  registered_at: string;
  registered_by: string;
  /** JSON array of feature names. */
  feature_schema: string;
  feature_schema_hash: string;
  training_data_hash: string;
  training_rows: number;
  params: string;
  evaluation: string;
  /** The model file itself (JSON text), so a node needs nothing outside its database. */
  document: string;
}

export interface ModelShadowScoreRow {
  model_id: string;
  filing_id: string;
  score: number;
  role: string;
  scored_at: string;
}

export interface ModelDb {
  model_version: ModelVersionRow;
  model_shadow_score: ModelShadowScoreRow;
}
