// The model registry: versions with their feature schema, training data hash, parameters and
// evaluation; one champion per label (used in assessments) and at most one challenger, which
// scores in shadow until the comparison on newly recorded outcomes justifies promoting it.
import type { Kysely } from 'kysely';
import { actorLabel, conflict, contentHash, notFound, type Actor, type Clock, type Executor } from '../../platform/index.js';
import { averagePrecision, rocAuc } from '../gbdt/metrics.js';
import { riskModelFromJson, riskModelToJson } from '../risk-model-format.js';
import type { RiskLabel, RiskModel } from '../risk-model.js';
import type { ModelDb, ModelStatus, ModelVersionRow } from './model-tables.js';

type Db = Executor<ModelDb>;

export interface ModelVersionInfo {
  id: string;
  label: string;
  status: ModelStatus;
  createdAt: string;
  registeredAt: string;
  registeredBy: string;
  featureSchemaHash: string;
  trainingDataHash: string;
  trainingRows: number;
}

export interface ShadowComparison {
  label: string;
  /** Filings scored by both models that have a recorded outcome. */
  rows: number;
  positives: number;
  champion: { id: string; rocAuc: number; prAuc: number };
  challenger: { id: string; rocAuc: number; prAuc: number };
}

function parseStatus(s: string): ModelStatus {
  if (s === 'candidate' || s === 'challenger' || s === 'champion' || s === 'retired') return s;
  throw new Error(`unknown model status ${s}`);
}

function info(r: ModelVersionRow): ModelVersionInfo {
  return {
    id: r.id,
    label: r.label,
    status: parseStatus(r.status),
    createdAt: r.created_at,
    registeredAt: r.registered_at,
    registeredBy: r.registered_by,
    featureSchemaHash: r.feature_schema_hash,
    trainingDataHash: r.training_data_hash,
    trainingRows: r.training_rows,
  };
}

export function createModelRegistry(deps: { db: Kysely<ModelDb>; clock: Clock }) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  async function register(actor: Actor, model: RiskModel): Promise<ModelVersionInfo> {
    const existing = await db.selectFrom('model_version').select('id').where('id', '=', model.id).executeTakeFirst();
    if (existing) throw conflict('MODEL_EXISTS', `model ${model.id} is already registered`);
    const row: ModelVersionRow = {
      id: model.id,
      label: model.label,
      status: 'candidate',
      created_at: model.createdAt,
      registered_at: now(),
      registered_by: actorLabel(actor),
      feature_schema: JSON.stringify(model.gbdt.featureNames),
      feature_schema_hash: contentHash(model.gbdt.featureNames),
      training_data_hash: model.training.dataHash,
      training_rows: model.training.rows,
      params: JSON.stringify(model.training.params),
      evaluation: JSON.stringify(model.validation ?? null, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
      document: riskModelToJson(model),
    };
    await db.insertInto('model_version').values(row).execute();
    return info(row);
  }

  async function setStatus(id: string, status: ModelStatus): Promise<ModelVersionInfo> {
    return db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('model_version').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('model', id);
      if (status === 'champion' || status === 'challenger') {
        // One champion and one challenger per label: the previous holder steps down.
        await tx
          .updateTable('model_version')
          .set({ status: status === 'champion' ? 'retired' : 'candidate' })
          .where('label', '=', row.label)
          .where('status', '=', status)
          .execute();
      }
      await tx.updateTable('model_version').set({ status }).where('id', '=', id).execute();
      return info({ ...row, status });
    });
  }

  async function byStatus(label: RiskLabel, status: ModelStatus): Promise<RiskModel | undefined> {
    const row = await db.selectFrom('model_version').select(['id', 'document']).where('label', '=', label).where('status', '=', status).executeTakeFirst();
    return row ? riskModelFromJson(row.document, `registered model ${row.id}`) : undefined;
  }

  async function recordShadowScore(x: Db, modelId: string, filingId: string, score: number, role: 'champion' | 'challenger'): Promise<void> {
    await x
      .insertInto('model_shadow_score')
      .values({ model_id: modelId, filing_id: filingId, score, role, scored_at: now() })
      .onConflict((oc) => oc.columns(['model_id', 'filing_id']).doUpdateSet({ score, role }))
      .execute();
  }

  /** Compares champion and challenger on filings both scored whose outcome is now known. */
  async function compare(label: RiskLabel, outcomes: ReadonlyMap<string, boolean>): Promise<ShadowComparison> {
    const champ = await db.selectFrom('model_version').select('id').where('label', '=', label).where('status', '=', 'champion').executeTakeFirst();
    const chall = await db.selectFrom('model_version').select('id').where('label', '=', label).where('status', '=', 'challenger').executeTakeFirst();
    if (!champ || !chall) throw conflict('NO_CHALLENGER', `label ${label} needs both a champion and a challenger to compare`);
    const rows = await db.selectFrom('model_shadow_score').selectAll().where('model_id', 'in', [champ.id, chall.id]).execute();
    const byFiling = new Map<string, { a?: number; b?: number }>();
    for (const r of rows) {
      const e = byFiling.get(r.filing_id) ?? {};
      if (r.model_id === champ.id) e.a = r.score;
      else e.b = r.score;
      byFiling.set(r.filing_id, e);
    }
    const y: number[] = [];
    const a: number[] = [];
    const b: number[] = [];
    for (const [filingId, e] of [...byFiling].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
      const outcome = outcomes.get(filingId);
      if (outcome === undefined || e.a === undefined || e.b === undefined) continue;
      y.push(outcome ? 1 : 0);
      a.push(e.a);
      b.push(e.b);
    }
    const positives = y.filter((v) => v > 0).length;
    return {
      label,
      rows: y.length,
      positives,
      champion: { id: champ.id, rocAuc: rocAuc(y, a), prAuc: averagePrecision(y, a) },
      challenger: { id: chall.id, rocAuc: rocAuc(y, b), prAuc: averagePrecision(y, b) },
    };
  }

  async function list(label?: RiskLabel): Promise<ModelVersionInfo[]> {
    let q = db.selectFrom('model_version').selectAll().orderBy('registered_at', 'asc').orderBy('id', 'asc');
    if (label) q = q.where('label', '=', label);
    return (await q.execute()).map(info);
  }

  return {
    register,
    list,
    promote: (id: string) => setStatus(id, 'champion'),
    makeChallenger: (id: string) => setStatus(id, 'challenger'),
    retire: (id: string) => setStatus(id, 'retired'),
    champion: (label: RiskLabel) => byStatus(label, 'champion'),
    challenger: (label: RiskLabel) => byStatus(label, 'challenger'),
    recordShadowScore: (modelId: string, filingId: string, score: number, role: 'champion' | 'challenger') => recordShadowScore(db, modelId, filingId, score, role),
    compare,
  };
}

export type ModelRegistry = ReturnType<typeof createModelRegistry>;
