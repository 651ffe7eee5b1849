// The assessment itself, with no storage: run the profile set and every factor source on one
// filing, turn what they found into factors, and decide the channel. The service stores the
// result; the CLI (`tandem assess FILE`) and the benchmark call this directly.
import type { DataQualityWarning, Filing } from '../records/index.js';
import { decideChannel, type ChannelDecision, type ChannelPolicy } from './channel-policy.js';
import { strictestMarking, type Factor, type FactorSource, type Marking, type SourceError } from './factor.js';
import { dataQualityFactors, profileFactor } from './factor-sources.js';
import type { HistoryIndex } from './history-index.js';
import type { ActiveProfileSet, ProfileRuntimeError } from './profile-port.js';

export interface AssessmentSubject {
  filingId: string | null;
  filing: Filing;
  warnings: readonly DataQualityWarning[];
  /** History is cut off here: only what arrived strictly before counts. */
  receivedAt: Date;
}

export interface AssessmentEnvironment {
  profileSet: ActiveProfileSet;
  sources: readonly FactorSource[];
  history: HistoryIndex;
  policy: ChannelPolicy;
}

/** Everything needed to run the assessment again and get the same answer. */
export interface AssessmentVersions {
  profileSet: string;
  profileSetSize: number;
  /** Version of each profile that hit or failed; the set version pins the others. */
  profiles: Record<string, number>;
  /** Versions reported by the other sources (list versions, model version, partner feed). */
  sources: Record<string, string>;
  policy: ChannelPolicy;
}

export interface AssessmentOutcome extends ChannelDecision {
  factors: Factor[];
  profileErrors: ProfileRuntimeError[];
  sourceErrors: SourceError[];
  versions: AssessmentVersions;
  marking: Marking | null;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function runAssessment(subject: AssessmentSubject, env: AssessmentEnvironment, now: Date): Promise<AssessmentOutcome> {
  const history = env.history.viewFor(subject.filing, subject.receivedAt);
  const input = { filingId: subject.filingId, filing: subject.filing, history, now };
  const factors: Factor[] = [];
  const profiles: Record<string, number> = {};
  let profileErrors: ProfileRuntimeError[];
  try {
    const { hits, errors } = env.profileSet.evaluate(input);
    for (const h of hits) {
      factors.push(profileFactor(h));
      profiles[h.profileId] = h.profileVersion;
    }
    profileErrors = errors;
  } catch (err) {
    // The set itself failed (not one profile): the assessment still goes on, without profiles.
    profileErrors = [{ profileId: '*', profileVersion: 0, message: `profile set ${env.profileSet.version} failed: ${errorMessage(err)}` }];
  }
  for (const e of profileErrors) profiles[e.profileId] = e.profileVersion;
  factors.push(...dataQualityFactors(subject.warnings, env.policy.checkDigitPoints));

  const sources: Record<string, string> = {};
  const sourceErrors: SourceError[] = [];
  for (const source of env.sources) {
    try {
      const res = await source.produce(input);
      factors.push(...res.factors);
      Object.assign(sources, res.versions);
      if (res.errors) sourceErrors.push(...res.errors);
    } catch (err) {
      sourceErrors.push({ source: source.name, sourceId: '*', version: '', message: errorMessage(err) });
    }
  }
  const decision = decideChannel(factors, subject.filing.kind, env.policy);
  return {
    ...decision,
    factors,
    profileErrors,
    sourceErrors,
    versions: { profileSet: env.profileSet.version, profileSetSize: env.profileSet.size, profiles, sources, policy: env.policy },
    marking: strictestMarking(factors) ?? null,
  };
}
