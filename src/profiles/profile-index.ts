// Extracts, from a profile's scope and the top-level conjuncts of its condition, a necessary
// condition on cheap filing features: "this profile can only be true if the filing has goods
// of chapter 29 or 61", "… if the filing mentions CN", "… if it is air cargo". The profile set
// files each profile under one such dimension so that evaluating a filing only runs the
// profiles whose keys the filing has.
//
// Soundness rule: for every dimension, a filing's key set (EvaluationContext.chapters(),
// countries(), kind, mode) must contain the value of every field filed under that dimension.
import { FIELDS, type IndexAs } from './condition-fields.js';
import type { Expr } from './condition-parser.js';
import type { ProfileScope } from './profile-types.js';

export type IndexDimension = 'hs6' | 'hs4' | 'chapter' | 'country' | 'kind' | 'mode' | 'warning';
export type Constraint = Map<IndexDimension, Set<string>>;

/**
 * A single dimension (`chapter`) or a pair (`chapter+country`): a pair key `29|CN` requires
 * both, so a profile on "chapter 29 from CN" is a candidate only for filings having both.
 */
export interface IndexKey {
  dimension: string;
  keys: string[];
}

export const PAIR_SEPARATOR = '+';
export const KEY_SEPARATOR = '|';
/** A pair's key count is the product of both sides; past this, a single dimension is used. */
const MAX_PAIR_KEYS = 256;

/** HS literals are filed at the finest level their digits allow: 6 → hs6, 4–5 → hs4, 2–3 → chapter. */
function hsDimension(literal: string): IndexDimension | null {
  if (/^\d{6}/.test(literal)) return 'hs6';
  if (/^\d{4}/.test(literal)) return 'hs4';
  if (/^\d{2}/.test(literal)) return 'chapter';
  return null;
}

function hsKey(dim: IndexDimension, literal: string): string {
  return literal.slice(0, dim === 'hs6' ? 6 : dim === 'hs4' ? 4 : 2);
}

function dimensionOf(indexAs: Exclude<IndexAs, 'chapter' | 'hs'>): IndexDimension {
  switch (indexAs) {
    case 'country':
    case 'locode':
      return 'country';
    case 'mode':
      return 'mode';
    case 'kind':
      return 'kind';
    case 'warning':
      return 'warning';
  }
}

function single(indexAs: IndexAs, literals: string[]): Constraint | null {
  if (literals.length === 0) return null;
  if (indexAs === 'hs' || indexAs === 'chapter') {
    // all literals are filed at the coarsest level any of them allows
    let level = 2;
    for (const l of literals) {
      const d = hsDimension(l);
      if (d === null) return null; // one literal we cannot file means the constraint is unknown
      level = Math.min(level, HS_LEVELS.indexOf(d));
    }
    const dim = HS_LEVELS[indexAs === 'chapter' ? 0 : level] ?? 'chapter';
    return new Map([[dim, new Set(literals.map((l) => hsKey(dim, l)))]]);
  }
  const keys = new Set<string>();
  for (const l of literals) {
    if (indexAs === 'locode' && l.length < 2) return null;
    keys.add(indexAs === 'locode' ? l.slice(0, 2) : l);
  }
  return new Map([[dimensionOf(indexAs), keys]]);
}

function indexedField(e: Expr): IndexAs | null {
  if (e.type !== 'field') return null;
  return FIELDS.get(e.path)?.indexAs ?? null;
}

function stringItems(e: Expr): string[] | null {
  if (e.type !== 'list') return null;
  const out: string[] = [];
  for (const i of e.items) {
    if (i.type !== 'string') return null;
    out.push(i.value);
  }
  return out;
}

/** What must hold of the filing's keys if `e` is true; null when nothing cheap is implied. */
export function constraintOf(e: Expr): Constraint | null {
  switch (e.type) {
    case 'compare': {
      if (e.op !== '==') return null;
      const [field, lit] = e.left.type === 'field' ? [e.left, e.right] : [e.right, e.left];
      const as = indexedField(field);
      return as && lit.type === 'string' ? single(as, [lit.value]) : null;
    }
    case 'in': {
      const as = indexedField(e.left);
      const items = stringItems(e.right);
      return !e.negated && as && items ? single(as, items) : null;
    }
    case 'has': {
      const as = indexedField(e.left);
      if (!as) return null;
      if (!e.any) return e.right.type === 'string' ? single(as, [e.right.value]) : null;
      const items = stringItems(e.right);
      return items ? single(as, items) : null;
    }
    case 'call': {
      const [field, lit] = e.args;
      if (e.name !== 'startsWith' || !field || lit?.type !== 'string') return null;
      const as = indexedField(field);
      return as === 'hs' || as === 'chapter' ? single(as, [lit.value]) : null;
    }
    case 'logic': {
      const l = constraintOf(e.left);
      const r = constraintOf(e.right);
      if (e.op === 'and') return merge(l, r);
      if (!l || !r) return null;
      // either side may be the true one: only dimensions both constrain survive, as a union
      const out: Constraint = new Map();
      for (const [dim, keys] of l) {
        const other = r.get(dim);
        if (other) out.set(dim, new Set([...keys, ...other]));
      }
      // HS levels nest (hs6 within hs4 within chapter): `chapter 61 or hs6 620342` is chapter 61 or 62
      const lh = finestHs(l);
      const rh = finestHs(r);
      if (lh && rh && lh[0] !== rh[0]) {
        const level = HS_LEVELS[Math.min(HS_LEVELS.indexOf(lh[0]), HS_LEVELS.indexOf(rh[0]))] ?? 'chapter';
        out.set(level, new Set([...lh[1], ...rh[1]].map((k) => hsKey(level, k))));
      }
      return out.size > 0 ? out : null;
    }
    default:
      return null;
  }
}

const HS_LEVELS: IndexDimension[] = ['chapter', 'hs4', 'hs6'];

function finestHs(c: Constraint): [IndexDimension, Set<string>] | null {
  for (const dim of ['hs6', 'hs4', 'chapter'] as const) {
    const keys = c.get(dim);
    if (keys) return [dim, keys];
  }
  return null;
}

function merge(a: Constraint | null, b: Constraint | null): Constraint | null {
  if (!a) return b;
  if (!b) return a;
  const out: Constraint = new Map(a);
  for (const [dim, keys] of b) {
    const mine = out.get(dim);
    // both must hold, so either set is a valid filter; keep the smaller one
    if (!mine || keys.size < mine.size) out.set(dim, keys);
  }
  return out;
}

function laneCountries(lanes: string[]): Set<string> | null {
  const out = new Set<string>();
  for (const lane of lanes) {
    const ends = lane.split('>').filter((s) => s !== '*');
    if (ends.length === 0) return null;
    // for X>Y any one end is enough as a necessary condition; take the first
    out.add((ends[0] ?? '').slice(0, 2));
  }
  return out.size > 0 ? out : null;
}

// Rough share of filings one key lets through, per dimension: an HS6 is very rare, a chapter rare, a country
// less so (CN appears in a large share of filings), a kind or mode is common.
const SELECTIVITY: Record<IndexDimension, number> = {
  hs6: 1 / 2000,
  hs4: 1 / 400,
  chapter: 1 / 40,
  country: 1 / 8,
  kind: 1 / 4,
  mode: 1 / 2,
  warning: 1 / 10,
};
const FAMILY: Record<IndexDimension, string> = { hs6: 'hs', hs4: 'hs', chapter: 'hs', country: 'country', kind: 'kind', mode: 'mode', warning: 'warning' };
/** Fixed order, so a pair is always named the same way (`chapter+country`, never `country+chapter`). */
export const DIMENSION_ORDER: IndexDimension[] = ['hs6', 'hs4', 'chapter', 'country', 'kind', 'mode', 'warning'];

export function chooseIndexKey(condition: Expr, scope: ProfileScope): IndexKey | null {
  let c = constraintOf(condition);
  if (scope.kinds.length > 0) c = merge(c, new Map([['kind', new Set<string>(scope.kinds)]]));
  if (scope.modes.length > 0) c = merge(c, new Map([['mode', new Set<string>(scope.modes)]]));
  const lanes = scope.lanes.length > 0 ? laneCountries(scope.lanes) : null;
  if (lanes) c = merge(c, new Map([['country', lanes]]));
  if (!c) return null;
  let best: IndexKey | null = null;
  let bestScore = Infinity;
  const dims = DIMENSION_ORDER.filter((d) => c.has(d));
  const score = (d: IndexDimension) => (c.get(d)?.size ?? 0) * SELECTIVITY[d];
  for (const d of dims) {
    if (score(d) < bestScore && score(d) < 1) {
      best = { dimension: d, keys: [...(c.get(d) ?? [])].sort() };
      bestScore = score(d);
    }
  }
  for (let i = 0; i < dims.length; i++) {
    for (let j = i + 1; j < dims.length; j++) {
      const a = dims[i];
      const b = dims[j];
      if (!a || !b || FAMILY[a] === FAMILY[b]) continue;
      const ka = c.get(a) ?? new Set<string>();
      const kb = c.get(b) ?? new Set<string>();
      const s = score(a) * score(b);
      if (ka.size * kb.size > MAX_PAIR_KEYS || score(a) >= 1 || score(b) >= 1 || s >= bestScore) continue;
      const keys: string[] = [];
      for (const x of ka) for (const y of kb) keys.push(`${x}${KEY_SEPARATOR}${y}`);
      best = { dimension: `${a}${PAIR_SEPARATOR}${b}`, keys: keys.sort() };
      bestScore = s;
    }
  }
  return best;
}
