// Aligns the tokens of a query name with the tokens of a listed name and scores the alignment.
// Order does not matter (reordering is free); extra listed tokens (middle names, patronymics)
// cost little, extra query tokens cost a lot; merged or split tokens ("ABDUL SALAM" /
// "ABDULSALAM") are recovered from the leftovers; rare tokens weigh more than common ones.
import type { TokenKind } from './name-analyzer.js';
import { editBudget, osaDistance, type SimilarityHow, type TokenMatch } from './token-similarity.js';

export interface NameSide {
  tokens: string[];
  kinds: TokenKind[];
  /** rarity × kind weight of each token */
  weights: number[];
}

export interface AlignedPair {
  q: number[];
  r: number[];
  s: number;
  how: SimilarityHow;
}

export interface NameAlignment {
  score: number;
  pairs: AlignedPair[];
  extraQuery: number[];
  extraListed: number[];
  /** set when the numbers in the two names differ */
  numberMismatch: boolean;
}

/**
 * Cost of unmatched tokens, relative to a matched one. Extra query tokens (a fuller name on the
 * filing) cost more than extra listed tokens (middle names, patronymics), and a token left over
 * on both sides, i.e. a different name part rather than a missing one, costs most.
 */
export const EXTRA_QUERY_COST = 0.45;
export const EXTRA_LISTED_COST = 0.2;
export const CONFLICT_COST = 0.8;
/** Different legal forms on both sides (AG vs GmbH): a different company, as a rule. */
const LEGAL_CONFLICT_FACTOR = 0.85;
const NUMBER_MISMATCH_FACTOR = 0.7;

function mergeMatch(joined: string, other: string): number {
  if (joined === other) return 1;
  const L = Math.max(joined.length, other.length);
  const budget = editBudget(Math.min(joined.length, other.length));
  const d = osaDistance(joined, other, budget);
  return d <= budget ? 1 - d / L : 0;
}

export function alignNames(q: NameSide, r: NameSide, sim: (i: number, j: number) => TokenMatch): NameAlignment {
  const n = q.tokens.length;
  const m = r.tokens.length;
  const cand: { i: number; j: number; s: number; how: SimilarityHow; w: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const t = sim(i, j);
      if (t.s > 0) cand.push({ i, j, s: t.s, how: t.how, w: r.weights[j] ?? 0 });
    }
  }
  cand.sort((a, b) => b.s - a.s || b.w - a.w);
  const qUsed = new Array<boolean>(n).fill(false);
  const rUsed = new Array<boolean>(m).fill(false);
  const pairs: AlignedPair[] = [];
  for (const c of cand) {
    if (qUsed[c.i] || rUsed[c.j]) continue;
    qUsed[c.i] = true;
    rUsed[c.j] = true;
    pairs.push({ q: [c.i], r: [c.j], s: c.s, how: c.how });
  }
  // Leftovers: a token on one side may be two adjacent tokens on the other.
  if (pairs.length < n && pairs.length < m) {
    for (let i = 0; i + 1 < n; i++) {
      if (qUsed[i] || qUsed[i + 1]) continue;
      const joined = (q.tokens[i] ?? '') + (q.tokens[i + 1] ?? '');
      for (let j = 0; j < m; j++) {
        if (rUsed[j]) continue;
        const s = mergeMatch(joined, r.tokens[j] ?? '');
        if (s > 0) {
          qUsed[i] = qUsed[i + 1] = rUsed[j] = true;
          pairs.push({ q: [i, i + 1], r: [j], s, how: 'merged' });
          break;
        }
      }
    }
    for (let j = 0; j + 1 < m; j++) {
      if (rUsed[j] || rUsed[j + 1]) continue;
      const joined = (r.tokens[j] ?? '') + (r.tokens[j + 1] ?? '');
      for (let i = 0; i < n; i++) {
        if (qUsed[i]) continue;
        const s = mergeMatch(q.tokens[i] ?? '', joined);
        if (s > 0) {
          rUsed[j] = rUsed[j + 1] = qUsed[i] = true;
          pairs.push({ q: [i], r: [j, j + 1], s, how: 'merged' });
          break;
        }
      }
    }
  }
  let num = 0;
  let den = 0;
  for (const p of pairs) {
    let w = 0;
    for (const j of p.r) w += r.weights[j] ?? 0;
    if (p.how === 'initial') {
      let wq = 0;
      for (const i of p.q) wq += q.weights[i] ?? 0;
      w = Math.min(w, wq);
    }
    num += p.s * w;
    den += w;
  }
  const extraQuery: number[] = [];
  const extraListed: number[] = [];
  let qNumbers = false;
  let rNumbers = false;
  let qLegal = false;
  let rLegal = false;
  let uq = 0;
  let ur = 0;
  for (let i = 0; i < n; i++) {
    if (qUsed[i]) continue;
    extraQuery.push(i);
    uq += q.weights[i] ?? 0;
    if (q.kinds[i] === 'number') qNumbers = true;
    if (q.kinds[i] === 'legal') qLegal = true;
  }
  for (let j = 0; j < m; j++) {
    if (rUsed[j]) continue;
    extraListed.push(j);
    ur += r.weights[j] ?? 0;
    if (r.kinds[j] === 'number') rNumbers = true;
    if (r.kinds[j] === 'legal') rLegal = true;
  }
  den += EXTRA_QUERY_COST * uq + EXTRA_LISTED_COST * ur + CONFLICT_COST * Math.min(uq, ur);
  let score = den > 0 ? num / den : 0;
  const numberMismatch = qNumbers && rNumbers;
  if (numberMismatch) score *= NUMBER_MISMATCH_FACTOR;
  if (qLegal && rLegal) score *= LEGAL_CONFLICT_FACTOR;
  return { score, pairs, extraQuery, extraListed, numberMismatch };
}

/**
 * Whole-name comparison of the joined tokens in written order: catches splits and merges that
 * token alignment misses ("MYONGC-HIN" / "MYONG-CHIN"). Returns 0 outside the edit budget.
 */
export function joinedSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const L = Math.max(a.length, b.length);
  const budget = Math.min(3, Math.floor(Math.min(a.length, b.length) / 6));
  if (budget === 0) return 0;
  const d = osaDistance(a, b, budget);
  return d <= budget ? 1 - (1.5 * d) / L : 0;
}
