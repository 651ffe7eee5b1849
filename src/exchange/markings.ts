// Markings: TLP 2.0 (who may see it) and PAP (what the recipient may do with it). Both are
// ordered scales; "stricter" means higher on the scale. Anything derived from partner items
// carries the strictest marking of its sources, never a weaker one (invariant 4, MA-3).
import { z } from 'zod';

export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];
export const PAP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
export type Pap = (typeof PAP_LEVELS)[number];

export const markingSchema = z.strictObject({
  tlp: z.enum(TLP_LEVELS),
  pap: z.enum(PAP_LEVELS),
});
export type Marking = z.infer<typeof markingSchema>;

const tlpRank = (t: Tlp): number => TLP_LEVELS.indexOf(t);
const papRank = (p: Pap): number => PAP_LEVELS.indexOf(p);

/** The stricter of two markings, component by component. */
export function stricterMarking(a: Marking, b: Marking): Marking {
  return {
    tlp: tlpRank(a.tlp) >= tlpRank(b.tlp) ? a.tlp : b.tlp,
    pap: papRank(a.pap) >= papRank(b.pap) ? a.pap : b.pap,
  };
}

/** True when `m` is at least as strict as `floor` on both scales. */
export function isAtLeastAsStrict(m: Marking, floor: Marking): boolean {
  return tlpRank(m.tlp) >= tlpRank(floor.tlp) && papRank(m.pap) >= papRank(floor.pap);
}

/** True when `m` is stricter than `ceiling` on either scale (an agreement's maximum). */
export function exceedsMarking(m: Marking, ceiling: Marking): boolean {
  return tlpRank(m.tlp) > tlpRank(ceiling.tlp) || papRank(m.pap) > papRank(ceiling.pap);
}

export interface MarkedSource {
  marking: Marking;
  caveats?: readonly string[];
}

export interface DerivedMarking {
  marking: Marking;
  caveats: string[];
}

/**
 * The marking of something derived from marked sources (an assessment factor, a case note, a
 * report): the strictest of all sources and of the requested marking, with every source's
 * handling caveats kept. A requested marking can only tighten the result, never loosen it.
 */
export function deriveMarking(sources: readonly MarkedSource[], requested?: Marking): DerivedMarking {
  let marking: Marking = requested ?? { tlp: 'CLEAR', pap: 'CLEAR' };
  const caveats = new Set<string>();
  for (const s of sources) {
    marking = stricterMarking(marking, s.marking);
    for (const c of s.caveats ?? []) caveats.add(c);
  }
  return { marking, caveats: [...caveats].sort() };
}

/** "TLP:AMBER+STRICT PAP:GREEN", the form shown to people and written to logs. */
export function formatMarking(m: Marking): string {
  return `TLP:${m.tlp} PAP:${m.pap}`;
}
