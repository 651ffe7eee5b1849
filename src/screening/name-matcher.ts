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
  // Lengths beyond the edit budget fail here, before the distance is computed.
  if (Math.abs(joined.length - other.length) > 2) return 0;
  const L = Math.max(joined.length, other.length);
  const budget = editBudget(Math.min(joined.length, other.length));
  const d = osaDistance(joined, other, budget);
  return d <= budget ? 1 - d / L : 0;
}

// Scratch buffers for candidate pairs (names have at most 16 tokens, so at most 256 pairs).
const candI = new Int32Array(256);
const candJ = new Int32Array(256);
const candS = new Float64Array(256);
const candW = new Float64Array(256);
const candH: SimilarityHow[] = new Array<SimilarityHow>(256).fill('exact');
const candOrder = new Int32Array(256);

const qUsed = new Uint8Array(64);
const rUsed = new Uint8Array(64);
const EMPTY: never[] = [];

/**
 * Aligns and scores. With `detail` false (candidate scoring) nothing but the score is built;
 * the explanation of the few returned hits is made by a second call with `detail` true.
 */
export function alignNames(q: NameSide, r: NameSide, sim: (i: number, j: number) => TokenMatch, detail = true): NameAlignment {
  const n = Math.min(q.tokens.length, 16);
  const m = Math.min(r.tokens.length, 16);
  let nc = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const t = sim(i, j);
      if (t.s <= 0) continue;
      candI[nc] = i;
      candJ[nc] = j;
      candS[nc] = t.s;
      candW[nc] = r.weights[j] ?? 0;
      candH[nc] = t.how;
      // insertion by (s desc, w desc): the lists are tiny
      let pos = nc;
      while (pos > 0) {
        const o = candOrder[pos - 1] ?? 0;
        const so = candS[o] ?? 0;
        if (so > t.s || (so === t.s && (candW[o] ?? 0) >= (candW[nc] ?? 0))) break;
        candOrder[pos] = o;
        pos--;
      }
      candOrder[pos] = nc;
      nc++;
    }
  }
  qUsed.fill(0, 0, n);
  rUsed.fill(0, 0, m);
  const pairs: AlignedPair[] = detail ? [] : EMPTY;
  let matched = 0;
  let num = 0;
  let den = 0;
  for (let k = 0; k < nc; k++) {
    const c = candOrder[k] ?? 0;
    const i = candI[c] ?? 0;
    const j = candJ[c] ?? 0;
    if (qUsed[i] || rUsed[j]) continue;
    qUsed[i] = 1;
    rUsed[j] = 1;
    matched++;
    const s = candS[c] ?? 0;
    const how = candH[c] ?? 'exact';
    const w = how === 'initial' ? Math.min(r.weights[j] ?? 0, q.weights[i] ?? 0) : (r.weights[j] ?? 0);
    num += s * w;
    den += w;
    if (detail) pairs.push({ q: [i], r: [j], s, how });
  }
  // Leftovers: a token on one side may be two adjacent tokens on the other.
  if (matched < n && matched < m) {
    for (let i = 0; i + 1 < n; i++) {
      if (qUsed[i] || qUsed[i + 1]) continue;
      const a = q.tokens[i] ?? '';
      const b = q.tokens[i + 1] ?? '';
      for (let j = 0; j < m; j++) {
        if (rUsed[j]) continue;
        const other = r.tokens[j] ?? '';
        if (Math.abs(a.length + b.length - other.length) > 2) continue;
        const s = mergeMatch(a + b, other);
        if (s > 0) {
          qUsed[i] = qUsed[i + 1] = rUsed[j] = 1;
          const w = r.weights[j] ?? 0;
          num += s * w;
          den += w;
          if (detail) pairs.push({ q: [i, i + 1], r: [j], s, how: 'merged' });
          break;
        }
      }
    }
    for (let j = 0; j + 1 < m; j++) {
      if (rUsed[j] || rUsed[j + 1]) continue;
      const a = r.tokens[j] ?? '';
      const b = r.tokens[j + 1] ?? '';
      for (let i = 0; i < n; i++) {
        if (qUsed[i]) continue;
        const other = q.tokens[i] ?? '';
        if (Math.abs(a.length + b.length - other.length) > 2) continue;
        const s = mergeMatch(other, a + b);
        if (s > 0) {
          rUsed[j] = rUsed[j + 1] = qUsed[i] = 1;
          const w = (r.weights[j] ?? 0) + (r.weights[j + 1] ?? 0);
          num += s * w;
          den += w;
          if (detail) pairs.push({ q: [i], r: [j, j + 1], s, how: 'merged' });
          break;
        }
      }
    }
  }
  const extraQuery: number[] = detail ? [] : EMPTY;
  const extraListed: number[] = detail ? [] : EMPTY;
  let qNumbers = false;
  let rNumbers = false;
  let qLegal = false;
  let rLegal = false;
  let uq = 0;
  let ur = 0;
  for (let i = 0; i < n; i++) {
    if (qUsed[i]) continue;
    if (detail) extraQuery.push(i);
    uq += q.weights[i] ?? 0;
    if (q.kinds[i] === 'number') qNumbers = true;
    if (q.kinds[i] === 'legal') qLegal = true;
  }
  for (let j = 0; j < m; j++) {
    if (rUsed[j]) continue;
    if (detail) extraListed.push(j);
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
  if (Math.abs(a.length - b.length) > 3) return 0;
  const L = Math.max(a.length, b.length);
  const budget = Math.min(3, Math.floor(Math.min(a.length, b.length) / 6));
  if (budget === 0) return 0;
  const d = osaDistance(a, b, budget);
  return d <= budget ? 1 - (1.5 * d) / L : 0;
}
