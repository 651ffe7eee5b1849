// A factor is one explained contribution to an assessment: where it came from (source and
// source id, at which version), how many risk points it adds, whether it forces a channel,
// and a sentence a reviewer can read. Factors derived from partner intelligence carry the
// partner's marking so that nothing downstream handles them more loosely than the source.
import type { Filing } from '../records/index.js';
import type { ForcedChannel, HistoryView } from './profile-port.js';

export const CHANNELS = ['green', 'yellow', 'red', 'dnl'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];
export const PAP_LEVELS = ['clear', 'green', 'amber', 'red'] as const;
export type Pap = (typeof PAP_LEVELS)[number];

export interface Marking {
  tlp: Tlp;
  pap?: Pap;
}

export interface Factor {
  /** The kind of source: profile, screening, model, partner, data_quality, or a further plug-in. */
  source: string;
  /** Which item of that source: profile id, list entry id, model id, partner item id, warning code. */
  sourceId: string;
  version: string;
  points: number;
  forcedChannel: ForcedChannel | null;
  reason: string;
  /** Source-specific explanation: aligned tokens, feature contributions, the record path… */
  details?: Record<string, unknown>;
  marking?: Marking;
}

/** Everything a factor source may look at: the record, its history, and the assessment time. */
export interface FactorInput {
  filingId: string | null;
  filing: Filing;
  history: HistoryView;
  now: Date;
}

export interface SourceError {
  source: string;
  sourceId: string;
  version: string;
  message: string;
}

export interface FactorSourceResult {
  factors: Factor[];
  /** Versions this source used (list versions, model version…), stored for reproduction. */
  versions: Record<string, string>;
  errors?: SourceError[];
}

/** A pluggable producer of factors; the app wires screening, model and partner lookouts here. */
export interface FactorSource {
  readonly name: string;
  produce(input: FactorInput): FactorSourceResult | Promise<FactorSourceResult>;
}

const tlpRank = (t: Tlp) => TLP_LEVELS.indexOf(t);
const papRank = (p: Pap) => PAP_LEVELS.indexOf(p);

/** The stricter of two markings (undefined means unmarked, i.e. our own data). */
export function stricterMarking(a: Marking | undefined, b: Marking | undefined): Marking | undefined {
  if (!a) return b;
  if (!b) return a;
  const tlp = tlpRank(a.tlp) >= tlpRank(b.tlp) ? a.tlp : b.tlp;
  const pap = !a.pap ? b.pap : !b.pap ? a.pap : papRank(a.pap) >= papRank(b.pap) ? a.pap : b.pap;
  return pap ? { tlp, pap } : { tlp };
}

export function strictestMarking(factors: readonly Factor[]): Marking | undefined {
  let out: Marking | undefined;
  for (const f of factors) out = stricterMarking(out, f.marking);
  return out;
}
