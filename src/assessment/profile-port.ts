// The contract with the profiles context, as agreed for issue 3. Profiles exports these from
// src/profiles/index.ts; this local copy lets assessment build and test before that lands,
// and is replaced by a re-export from profiles once it exists (same shapes, so no caller moves).
import type { Filing, PartyRole } from '../records/index.js';

/** History features of the parties and goods of one filing, strictly from data received before it. */
export interface HistoryView {
  partyFirstSeenDays(role: PartyRole): number | null;
  partyFilingCount(role: PartyRole): number;
  partyInspectionCount(role: PartyRole): number;
  partyFindingCount(role: PartyRole): number;
  medianValuePerKg(hs6: string, origin: string | null): number | null;
}

export interface EvaluationInput {
  filing: Filing;
  history: HistoryView;
  now: Date;
}

export type ForcedChannel = 'yellow' | 'red' | 'dnl';

export interface ProfileHit {
  profileId: string;
  profileVersion: number;
  name: string;
  threat: string;
  points: number;
  forcedChannel: ForcedChannel | null;
  reason: string;
  shareable: boolean;
  ownerAgency: string;
}

export interface ProfileRuntimeError {
  profileId: string;
  profileVersion: number;
  message: string;
}

export interface ActiveProfileSet {
  version: string;
  size: number;
  evaluate(input: EvaluationInput): { hits: ProfileHit[]; errors: ProfileRuntimeError[] };
}

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
