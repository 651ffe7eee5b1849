// Adapter between the model context and assessment: the champion fraud model scores every
// filing (its contributions become the factor's explanation), a challenger scores in shadow,
// and the node can retrain a champion from its own recorded inspection results.
import { scoreFiling, trainFromOutcomes, type RiskModel, type ModelRegistry, type OutcomeRow } from '../model/index.js';
import type { ModelPort } from '../assessment/index.js';
import { isAppError, type Actor } from '../platform/index.js';
import type { FilingQueryService } from '../records/index.js';

export interface ModelHolder {
  port: ModelPort;
  /** Loads the champion and challenger from the registry (start, and after a promotion). */
  reload(): Promise<void>;
  current(): RiskModel | null;
}

export function createModelHolder(registry: ModelRegistry): ModelHolder {
  let champion: RiskModel | null = null;
  let challenger: RiskModel | null = null;
  return {
    current: () => champion,
    async reload() {
      champion = (await registry.champion('fraud')) ?? null;
      challenger = (await registry.challenger('fraud')) ?? null;
    },
    port: {
      async scoreFiling({ filing, filingId }) {
        if (!champion) return null;
        const s = scoreFiling(champion, filing);
        if (challenger && filingId) {
          const shadow = scoreFiling(challenger, filing);
          await registry.recordShadowScore(challenger.id, filingId, shadow.score, 'challenger');
          await registry.recordShadowScore(champion.id, filingId, s.score, 'champion');
        }
        return {
          modelId: s.modelId,
          version: String(s.modelVersion),
          score: s.score,
          contributions: s.contributions.map((c) => ({ feature: c.name, value: c.value })),
        };
      },
    },
  };
}

/** Trains a fraud model from the node's recorded inspection results and makes it champion. */
export async function trainChampionFromResults(
  actor: Actor,
  deps: {
    registry: ModelRegistry;
    holder: ModelHolder;
    filings: FilingQueryService;
    outcomes: (since: Date | null) => Promise<{ filingId: string; finding: boolean; date: string }[]>;
  },
): Promise<{ modelId: string; rows: number; positives: number }> {
  const outcomes = await deps.outcomes(null);
  const rows: OutcomeRow[] = [];
  for (const o of outcomes) {
    try {
      const stored = await deps.filings.get(actor, o.filingId);
      rows.push({ filing: stored.filing, label: { fraud: o.finding, critical: false }, date: stored.filing.lodgedAt ?? o.date });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'NOT_FOUND') throw err; // purged since: skip it
    }
  }
  const model = trainFromOutcomes(rows, { label: 'fraud', seed: 1 });
  const info = await deps.registry.register(actor, model);
  await deps.registry.promote(info.id);
  await deps.holder.reload();
  return { modelId: info.id, rows: rows.length, positives: rows.filter((r) => r.label.fraud).length };
}
