// Adapters from the factor sources' own results to factors. Each source context (profiles,
// screening, model, exchange) exposes its result through a narrow port declared here; the
// app wires the real implementations. None of them imports assessment.
import type { DataQualityWarning, Filing } from '../records/index.js';
import type { Factor, FactorInput, FactorSource, Marking } from './factor.js';
import { stricterMarking } from './factor.js';
import type { ForcedChannel, ProfileHit } from './profile-port.js';

export function profileFactor(hit: ProfileHit): Factor {
  return {
    source: 'profile',
    sourceId: hit.profileId,
    version: String(hit.profileVersion),
    points: hit.points,
    forcedChannel: hit.forcedChannel,
    reason: hit.reason.startsWith(hit.name) ? hit.reason : `${hit.name}: ${hit.reason}`,
    details: { threat: hit.threat, ownerAgency: hit.ownerAgency, shareable: hit.shareable },
  };
}

/** Check-digit failures hint at a copied or invented identifier: a small, explained nudge. */
export function dataQualityFactors(warnings: readonly DataQualityWarning[], points: number): Factor[] {
  const out: Factor[] = [];
  for (const w of warnings) {
    if (w.code !== 'container_check_digit' && w.code !== 'imo_check_digit') continue;
    out.push({
      source: 'data_quality',
      sourceId: w.code,
      version: '1',
      points,
      forcedChannel: null,
      reason: w.message,
      details: { path: w.path },
    });
  }
  return out;
}

// region screening port
export interface ScreeningMatch {
  listId: string;
  listVersion: string;
  entryId: string;
  entryName: string;
  partyRole: string;
  partyName: string;
  /** The party's stable key: review decisions are remembered per party key and list entry. */
  partyKey?: string;
  /** Match score in [0, 1]. */
  score: number;
  alignedTokens?: { query: string; candidate: string; score: number }[];
}

export interface ScreeningPort {
  screenFiling(input: { filing: Filing }): Promise<{ matches: ScreeningMatch[]; listVersions: Record<string, string> }>;
}

/** Screening hits become factors worth `weight` points at a perfect score: a near-certain
 * sanctions match alone sends the consignment to the red channel. */
export function screeningFactorSource(port: ScreeningPort, weight = 80): FactorSource {
  return {
    name: 'screening',
    async produce({ filing }) {
      const { matches, listVersions } = await port.screenFiling({ filing });
      const factors = matches.map(
        (m): Factor => ({
          source: 'screening',
          sourceId: `${m.listId}:${m.entryId}`,
          version: m.listVersion,
          points: Math.round(m.score * weight * 10) / 10,
          forcedChannel: null,
          reason: `${m.partyRole} "${m.partyName}" matches list ${m.listId} entry "${m.entryName}" (score ${m.score.toFixed(2)})`,
          // What a reviewer needs to mark the hit true match or false positive from the referral.
          details: {
            score: m.score,
            list: m.listId,
            entryId: m.entryId,
            entryName: m.entryName,
            partyName: m.partyName,
            ...(m.partyKey ? { partyKey: m.partyKey } : {}),
            ...(m.alignedTokens ? { alignedTokens: m.alignedTokens } : {}),
          },
        }),
      );
      const versions: Record<string, string> = {};
      for (const [k, v] of Object.entries(listVersions)) versions[`list:${k}`] = v;
      return { factors, versions };
    },
  };
}
// endregion

// region model port
export interface ModelScore {
  modelId: string;
  version: string;
  /** Probability-like score in [0, 1]. */
  score: number;
  contributions: { feature: string; value: number }[];
}

export interface ModelPort {
  scoreFiling(input: FactorInput): Promise<ModelScore | null> | ModelScore | null;
}

/** The model adds up to `weight` points; its top contributions are the explanation. */
export function modelFactorSource(port: ModelPort, weight = 50, minScore = 0.05): FactorSource {
  return {
    name: 'model',
    async produce(input) {
      const s = await port.scoreFiling(input);
      if (!s) return { factors: [], versions: {} };
      const versions = { [`model:${s.modelId}`]: s.version };
      if (s.score < minScore) return { factors: [], versions };
      const top = [...s.contributions].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, 5);
      return {
        factors: [
          {
            source: 'model',
            sourceId: s.modelId,
            version: s.version,
            points: Math.round(s.score * weight * 10) / 10,
            forcedChannel: null,
            reason: `model ${s.modelId} scores ${s.score.toFixed(3)}; strongest: ${top.map((c) => `${c.feature} ${c.value >= 0 ? '+' : ''}${c.value.toFixed(3)}`).join(', ')}`,
            details: { score: s.score, contributions: top },
          },
        ],
        versions,
      };
    },
  };
}
// endregion

// region partner port
export interface PartnerItem {
  itemId: string;
  partnerNode: string;
  kind: 'lookout' | 'profile';
  version: string;
  points: number;
  forcedChannel: ForcedChannel | null;
  reason: string;
  marking: Marking;
}

export interface PartnerLookoutPort {
  matchFiling(input: { filing: Filing }): Promise<{ items: PartnerItem[]; version: string }>;
}

/** Partner items keep at least their own marking; `floor` can make them stricter still. */
export function partnerFactorSource(port: PartnerLookoutPort, floor?: Marking): FactorSource {
  return {
    name: 'partner',
    async produce({ filing }) {
      const { items, version } = await port.matchFiling({ filing });
      return {
        factors: items.map(
          (i): Factor => ({
            source: 'partner',
            sourceId: `${i.partnerNode}:${i.itemId}`,
            version: i.version,
            points: i.points,
            forcedChannel: i.forcedChannel,
            reason: `partner ${i.partnerNode} ${i.kind}: ${i.reason}`,
            details: { partnerNode: i.partnerNode, kind: i.kind },
            marking: stricterMarking(i.marking, floor) ?? i.marking,
          }),
        ),
        versions: { partner: version },
      };
    },
  };
}
// endregion
