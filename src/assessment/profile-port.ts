// The contract with the profiles context: the shapes are profiles' own (src/profiles), and
// assessment adds only what it needs of the profile service, so tests and the CLI can hand in
// any set (a built one, the service's active one, or none).
import type { ActiveProfileSet } from '../profiles/index.js';

export type { HistoryView, EvaluationInput, ForcedChannel, ProfileHit, ProfileRuntimeError, ActiveProfileSet } from '../profiles/index.js';

/** What assessment needs from the profile service: the set in force at a moment. */
export interface ProfileSetProvider {
  loadActiveSet(now: Date): Promise<ActiveProfileSet>;
}

/** The empty set: a node with no active profile still assesses (data quality, screening, model). */
export const emptyProfileSet: ActiveProfileSet = {
  version: 'none',
  size: 0,
  evaluate: () => ({ hits: [], errors: [] }),
};
