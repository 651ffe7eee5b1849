// Similarity of two folded name tokens. One definition serves both the index (which finds the
// candidates cheaply through deletion neighbourhoods and phonetic keys) and direct pair scoring.
import { phoneticKey } from './phonetic-key.js';
import type { TokenKind } from './name-analyzer.js';

export type SimilarityHow = 'exact' | 'fuzzy' | 'phonetic' | 'initial' | 'merged' | 'symbol';

export interface TokenMatch {
  s: number;
  how: SimilarityHow;
}

export const NO_MATCH: TokenMatch = { s: 0, how: 'exact' };

/** Edits allowed for a token of this length: short tokens get no fuzzy allowance. */
export function editBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  return 2;
}

// Three reusable rows: distance calls are on the query hot path and must not allocate.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at max+1. */
export function osaDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (rowA.length <= lb) {
    rowA = new Int32Array(lb + 1);
    rowB = new Int32Array(lb + 1);
    rowC = new Int32Array(lb + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const del = (prev[j] ?? 0) + 1;
      const ins = (cur[j - 1] ?? 0) + 1;
      const sub = (prev[j - 1] ?? 0) + (ca === cb ? 0 : 1);
      let v = del < ins ? del : ins;
      if (sub < v) v = sub;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const tr = (prev2[j - 2] ?? 0) + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] ?? max + 1;
}

const PHONETIC_SCORE = 0.72;

/** Similarity of two word tokens (not initials, not symbols). */
export function wordSimilarity(a: string, b: string, phonA?: string, phonB?: string): TokenMatch {
  if (a === b) return { s: 1, how: 'exact' };
  const digits = /\d/.test(a) || /\d/.test(b);
  if (digits) return NO_MATCH; // numbers (hull numbers, "Fund 1" vs "Fund 2") must be equal
  const L = Math.max(a.length, b.length);
  const budget = editBudget(Math.min(a.length, b.length));
  const d = osaDistance(a, b, Math.max(budget, Math.floor(L / 2)));
  if (d <= budget) return { s: 1 - d / L, how: 'fuzzy' };
  if (L >= 4 && d <= L / 2) {
    const ka = phonA ?? phoneticKey(a);
    if (ka.length >= 2 && ka === (phonB ?? phoneticKey(b))) return { s: PHONETIC_SCORE, how: 'phonetic' };
  }
  return NO_MATCH;
}

/** Similarity of two tokens of any kind. */
export function tokenSimilarity(a: string, ka: TokenKind, b: string, kb: TokenKind): TokenMatch {
  if (ka === 'initial' || kb === 'initial') {
    if (a === b) return { s: 1, how: 'exact' };
    return a.charAt(0) === b.charAt(0) ? { s: 0.8, how: 'initial' } : NO_MATCH;
  }
  const symA = ka === 'legal' || ka === 'org';
  const symB = kb === 'legal' || kb === 'org';
  if (symA || symB) return a === b ? { s: 1, how: 'symbol' } : NO_MATCH;
  return wordSimilarity(a, b);
}

/** All strings obtained by deleting one character (plus the token itself). */
export function deletionVariants(token: string): string[] {
  const out = [token];
  if (token.length <= 3) return out;
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}
