// The profiles context's public shapes. The assessment context calls `ActiveProfileSet.evaluate`
// and implements `HistoryView`; the targeting context implements `InspectionLookup`. These names
// and shapes are a contract between contexts: change them only together with their callers.
import type { Filing, FilingKind, PartyRole, TransportMode } from '../records/index.js';

export const THREAT_CATEGORIES = [
  'narcotics',
  'synthetic_opioids', // fentanyl, nitazenes and their precursors
  'arms_dual_use',
  'forced_labour',
  'counterfeit_ipr',
  'fiscal_fraud', // undervaluation, misclassification, origin fraud
  'money_laundering',
  'security_terrorism',
  'health_safety',
] as const;
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];

export const PROFILE_STATUSES = ['draft', 'approved', 'active', 'retired'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

/** yellow = documentary check, red = physical inspection, dnl = Do-Not-Load (air, before loading). */
export const FORCED_CHANNELS = ['yellow', 'red', 'dnl'] as const;
export type ForcedChannel = (typeof FORCED_CHANNELS)[number];

/**
 * Where a profile applies, before its condition is even looked at. Empty or absent lists mean
 * "any". A lane is `X` (the filing loads or discharges at X) or `X>Y` (loads at X, discharges at
 * Y), where X and Y are ISO country codes, UN/LOCODEs or `*`.
 */
export interface ProfileScope {
  kinds: FilingKind[];
  modes: TransportMode[];
  lanes: string[];
  offices: string[];
}

export interface ProfileAction {
  /** Risk points added to the assessment total (0 when the profile only forces a channel). */
  points: number;
  forcedChannel: ForcedChannel | null;
}

/** What an author writes (YAML, API): everything but identity, version and lifecycle. */
export interface ProfileDefinition {
  name: string;
  ownerAgency: string;
  threat: ThreatCategory;
  scope: ProfileScope;
  /** ISO date or date-time; null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
  condition: string;
  action: ProfileAction;
  rationale: string;
  shareable: boolean;
}

/** A position in condition text, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface ConditionProblem extends SourcePosition {
  message: string;
}

// region history and evaluation (the ports the assessment context implements and calls)

/** What is known about the past of the filing's parties and goods, strictly before the filing. */
export interface HistoryView {
  partyFirstSeenDays(role: PartyRole): number | null; // null = never seen before
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

export interface ProfileHit {
  profileId: string;
  profileVersion: number;
  name: string;
  threat: ThreatCategory;
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
  /** Identifies exactly which profile versions are in the set (stored with each assessment). */
  version: string;
  size: number;
  evaluate(input: EvaluationInput): { hits: ProfileHit[]; errors: ProfileRuntimeError[] };
}

/** A history with nothing in it: every party is new, no medians are known. */
export const emptyHistory: HistoryView = {
  partyFirstSeenDays: () => null,
  partyFilingCount: () => 0,
  partyInspectionCount: () => 0,
  partyFindingCount: () => 0,
  medianValuePerKg: () => null,
};

// endregion

// region inspections (the port the targeting context implements)

export interface InspectionOutcome {
  inspected: boolean;
  finding: boolean;
}

export interface InspectionLookup {
  /** Outcomes known for these stored filing ids; filings never inspected may be absent. */
  outcomesFor(filingIds: string[]): Promise<Map<string, InspectionOutcome>>;
}

// endregion
