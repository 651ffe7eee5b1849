// Screens one query (name, type, date of birth, country, identifiers) against a NameIndex:
// candidate blocking, token alignment, qualifiers, identifier evidence, explanations.
// Everything here is synchronous and allocation-light: assessment calls it per party.
import { isValidImoNumber } from '../records/index.js';
import { analyseName, KIND_WEIGHT, nameProblem, type NameMode, type TokenKind } from './name-analyzer.js';
import { alignNames, joinedSimilarity, type NameAlignment, type NameSide } from './name-matcher.js';
import { MODES, modesOfType, type NameIndex } from './name-index.js';
import { countryCodeOf } from './country-names.js';
import { NO_MATCH, deletionVariants, tokenSimilarity, wordSimilarity, type SimilarityHow, type TokenMatch } from './token-similarity.js';
import { phoneticKey } from './phonetic-key.js';
import { ENTITY_TYPES, normaliseIdentifier, parseLooseDate, type EntityType, type IdentifierKind } from './watchlist-entry.js';
import { countryQualifier, dobQualifier, type Feature } from './screening-qualifiers.js';

/** The one production threshold: a hit at or above it is an alert. Chosen once (see bench/screening.eval.ts). */
export const PRODUCTION_THRESHOLD = 0.8;
/** Names kept after blocking, before full scoring. */
const CANDIDATE_NAMES = 16;
/** A token whose postings exceed this only re-scores names already found by rarer tokens. */
const COMMON_POSTINGS = 1500;
const WEAK_ALIAS_FACTOR = 0.92;

export interface ScreeningQuery {
  name: string;
  type?: EntityType | undefined;
  birthDate?: string | undefined;
  country?: string | undefined;
  identifiers?: { kind: IdentifierKind; value: string }[] | undefined;
}

export interface AlignmentExplained {
  query: string;
  listed: string;
  score: number;
  how: SimilarityHow;
}

export interface Explanation {
  aligned: AlignmentExplained[];
  extraQuery: string[];
  extraListed: string[];
  features: Feature[];
}

export interface ScreeningHit {
  entryId: string;
  list: string;
  entityType: EntityType;
  matchedName: string;
  score: number;
  nameScore: number;
  identifierMatch: boolean;
  explanation: Explanation;
}

export interface ScreenOptions {
  top?: number;
  /** only hits at or above this score are returned (default 0: all candidates) */
  minScore?: number;
  /** build explanations (default true); bulk callers that only need scores turn it off */
  explain?: boolean;
}

const NO_EXPLANATION: Explanation = { aligned: [], extraQuery: [], extraListed: [], features: [] };

/** A query token's matches in the vocabulary, best first. */
interface Expansion {
  ids: Int32Array;
  sims: Float64Array;
  /** vocabulary id → match */
  at: Map<number, TokenMatch>;
}

interface PreparedSide extends NameSide {
  exp: (Expansion | null)[];
  joined: string;
}

// Token expansions are cached per index (vocabulary ids belong to one index).
const expansionCaches = new WeakMap<NameIndex, Map<string, Expansion>>();

function expand(index: NameIndex, token: string, kind: string): Expansion {
  let cache = expansionCaches.get(index);
  if (!cache) {
    cache = new Map();
    expansionCaches.set(index, cache);
  }
  const cacheKey = `${kind}|${token}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const found = new Map<number, TokenMatch>();
  const exact = index.vocab.get(token);
  if (exact !== undefined) found.set(exact, { s: 1, how: kind === 'legal' || kind === 'org' ? 'symbol' : 'exact' });
  if (kind === 'word' || kind === 'particle') {
    const phon = phoneticKey(token);
    const consider = (v: number) => {
      if (found.has(v)) return;
      const t = wordSimilarity(token, index.vocabTokens[v] ?? '', phon, index.vocabPhon[v]);
      if (t.s > 0) found.set(v, t);
    };
    for (const d of deletionVariants(token)) for (const v of index.deletes.get(d) ?? []) consider(v);
    // Phonetic neighbours: only plausible ones (same first letter, similar length) are compared.
    const sameKey = phon.length >= 2 ? index.phon.get(phon) : undefined;
    if (sameKey && sameKey.length <= 600) {
      const first = token.charCodeAt(0);
      for (const v of sameKey) {
        const t = index.vocabTokens[v] ?? '';
        if (t.charCodeAt(0) === first && Math.abs(t.length - token.length) <= 3) consider(v);
      }
    }
  }
  const sorted = [...found.entries()].sort((x, y) => y[1].s - x[1].s);
  const exp: Expansion = {
    ids: Int32Array.from(sorted, ([v]) => v),
    sims: Float64Array.from(sorted, ([, t]) => t.s),
    at: found,
  };
  if (cache.size > 200_000) cache.clear();
  cache.set(cacheKey, exp);
  return exp;
}

function prepare(index: NameIndex, name: string, mode: NameMode): PreparedSide {
  const a = analyseName(name, mode);
  return {
    tokens: a.tokens,
    kinds: a.kinds,
    weights: a.tokens.map((t, i) => index.idfOf(t) * KIND_WEIGHT[a.kinds[i] ?? 'word']),
    exp: a.tokens.map((t, i) => (a.kinds[i] === 'initial' ? null : expand(index, t, a.kinds[i] ?? 'word'))),
    joined: a.tokens.join(''),
  };
}

// Scratch arrays reused across queries (one query at a time per process: Node is single-threaded).
let acc = new Float64Array(0);
let mark = new Int32Array(0);
let stamp = 0;
let touched = new Int32Array(0);

const TYPE_CODES = ENTITY_TYPES;

/** Keeps the k best of `ids` by score, best first, without sorting everything. */
function topK(ids: Int32Array, count: number, score: Float64Array, k: number, floor: number): number[] {
  const best: number[] = [];
  let worst = floor;
  for (let t = 0; t < count; t++) {
    const id = ids[t] ?? 0;
    const v = score[id] ?? 0;
    if (v < worst) continue;
    let pos = best.length;
    while (pos > 0 && (score[best[pos - 1] ?? 0] ?? 0) < v) pos--;
    best.splice(pos, 0, id);
    if (best.length > k) {
      best.pop();
      worst = score[best[best.length - 1] ?? 0] ?? floor;
    }
  }
  return best;
}

function blockCandidates(index: NameIndex, q: PreparedSide, mode: number, type: EntityType | undefined, scores: number[]): number[] {
  const N = index.nameCount;
  if (acc.length < N) {
    acc = new Float64Array(N);
    mark = new Int32Array(N);
    touched = new Int32Array(N);
  }
  const postings = index.postingsByMode[mode] ?? [];
  const typeCode = type ? TYPE_CODES.indexOf(type) : -1;
  const unknownCode = TYPE_CODES.indexOf('unknown');
  const nameType = index.nameType;
  let nTouched = 0;
  // Particles and legal-form/generic-word symbols carry little evidence and have huge posting
  // lists; they only drive blocking when the name has nothing else.
  const hasWords = q.kinds.some((k) => k === 'word' || k === 'number');
  const order = q.tokens.map((_, i) => i).sort((x, y) => (q.weights[y] ?? 0) - (q.weights[x] ?? 0));
  for (const i of order) {
    const exp = q.exp[i];
    if (!exp) continue;
    if (hasWords && q.kinds[i] !== 'word' && q.kinds[i] !== 'number') continue;
    stamp++;
    let volume = 0;
    for (let k = 0; k < exp.ids.length; k++) volume += postings[exp.ids[k] ?? 0]?.length ?? 0;
    if (volume > COMMON_POSTINGS && nTouched > 0 && nTouched * 4 < volume) {
      // A common token only adds to names that rarer tokens already found.
      for (let t = 0; t < nTouched; t++) {
        const nameId = touched[t] ?? 0;
        const ids = index.nameTokenIds[nameId];
        if (!ids) continue;
        let gain = 0;
        for (let k = 0; k < ids.length; k++) {
          const v = ids[k] ?? 0;
          const t = exp.at.get(v);
          if (t !== undefined) gain = Math.max(gain, t.s * (index.idf[v] ?? 0));
        }
        acc[nameId] = (acc[nameId] ?? 0) + gain;
      }
      continue;
    }
    for (let k = 0; k < exp.ids.length; k++) {
      const v = exp.ids[k] ?? 0;
      const gain = (exp.sims[k] ?? 0) * (index.idf[v] ?? 0);
      const list = postings[v];
      if (!list) continue;
      for (let p = 0; p < list.length; p++) {
        const nameId = list[p] ?? 0;
        if (mark[nameId] === stamp) continue;
        mark[nameId] = stamp;
        if (acc[nameId] === 0) {
          if (typeCode >= 0) {
            const tc = nameType[nameId];
            if (tc !== typeCode && tc !== unknownCode) continue;
          }
          touched[nTouched++] = nameId;
        }
        acc[nameId] = (acc[nameId] ?? 0) + gain;
      }
    }
  }
  // Merged or split tokens: a query token equal to two joined listed tokens, or the reverse.
  const addJoined = (nameId: number, gain: number) => {
    if (index.names.mode[nameId] !== mode) return;
    if (acc[nameId] === 0) touched[nTouched++] = nameId;
    acc[nameId] = (acc[nameId] ?? 0) + gain;
  };
  for (let i = 0; i < q.tokens.length; i++) {
    for (const nameId of index.joined.get(q.tokens[i] ?? '') ?? []) addJoined(nameId, q.weights[i] ?? 0);
    if (i + 1 < q.tokens.length) {
      const v = index.vocab.get((q.tokens[i] ?? '') + (q.tokens[i + 1] ?? ''));
      if (v !== undefined) for (const nameId of postings[v] ?? []) addJoined(nameId, index.idf[v] ?? 0);
    }
  }
  let max = 0;
  for (let t = 0; t < nTouched; t++) max = Math.max(max, acc[touched[t] ?? 0] ?? 0);
  const kept = topK(touched, nTouched, acc, CANDIDATE_NAMES, 0.3 * max).filter(
    (n) => typeCode < 0 || nameType[n] === typeCode || nameType[n] === unknownCode,
  );
  // Blocking scores as the share of the query's weight they cover, comparable across modes.
  let total = 0;
  for (const w of q.weights) total += w;
  for (const n of kept) scores.push((acc[n] ?? 0) / (total || 1));
  for (let t = 0; t < nTouched; t++) acc[touched[t] ?? 0] = 0;
  return kept;
}

// The name being scored, held in module state so the similarity callback is created once
// (a closure per candidate costs more than the lookups it makes).
let curQ: PreparedSide | null = null;
let curTokens: string[] = [];
let curKinds: TokenKind[] = [];
let curIds: Int32Array = new Int32Array(0);

function currentSim(i: number, j: number): TokenMatch {
  const q = curQ;
  if (!q) return NO_MATCH;
  const qk = q.kinds[i] ?? 'word';
  const rk = curKinds[j] ?? 'word';
  if (qk === 'initial' || rk === 'initial') return tokenSimilarity(q.tokens[i] ?? '', qk, curTokens[j] ?? '', rk);
  return q.exp[i]?.at.get(curIds[j] ?? -1) ?? NO_MATCH;
}

function scoreName(index: NameIndex, q: PreparedSide, nameId: number, detail = false): NameAlignment {
  const rTokens = index.names.tokens[nameId] ?? [];
  curQ = q;
  curTokens = rTokens;
  curKinds = index.nameKinds[nameId] ?? [];
  curIds = index.nameTokenIds[nameId] ?? new Int32Array(0);
  const r: NameSide = { tokens: rTokens, kinds: curKinds, weights: index.nameWeights[nameId] ?? [] };
  const al = alignNames(q, r, currentSim, detail);
  if (al.score < 0.95 && q.tokens.length > 1) {
    const j = joinedSimilarity(q.joined, index.nameJoined[nameId] ?? '');
    if (j > al.score) {
      const pairs = detail ? [{ q: q.tokens.map((_, i) => i), r: rTokens.map((_, k) => k), s: j, how: 'merged' as const }] : [];
      return { ...al, score: j, pairs, extraQuery: [], extraListed: [] };
    }
  }
  return al;
}

interface EntityResult {
  entity: number;
  nameId: number;
  nameScore: number;
  alignment: NameAlignment | null;
  side: PreparedSide | null;
  features: Feature[];
  identifierMatch: boolean;
  score: number;
}

function explain(index: NameIndex, r: EntityResult): Explanation {
  const rTokens = r.nameId >= 0 ? (index.names.tokens[r.nameId] ?? []) : [];
  const qTokens = r.side?.tokens ?? [];
  const al = r.side && r.nameId >= 0 && r.alignment ? scoreName(index, r.side, r.nameId, true) : null;
  return {
    aligned: (al?.pairs ?? []).map((p) => ({
      query: p.q.map((i) => qTokens[i]).join(' '),
      listed: p.r.map((j) => rTokens[j]).join(' '),
      score: Math.round(p.s * 1000) / 1000,
      how: p.how,
    })),
    extraQuery: (al?.extraQuery ?? []).map((i) => qTokens[i] ?? ''),
    extraListed: (al?.extraListed ?? []).map((j) => rTokens[j] ?? ''),
    features: r.features,
  };
}

/** Screens one query. Throws nothing for bad names: callers check `nameProblem` first. */
export function screenQuery(index: NameIndex, query: ScreeningQuery, options: ScreenOptions = {}): ScreeningHit[] {
  const top = options.top ?? 10;
  const byEntity = new Map<number, EntityResult>();
  const type = query.type && query.type !== 'unknown' ? query.type : undefined;
  const modes = type ? modesOfType(type) : MODES;
  if (nameProblem(query.name) === null) {
    // Untyped queries are read in every mode; their candidates share one pool, so an untyped
    // query costs about as much to score as a typed one.
    const pool: { nameId: number; side: PreparedSide; block: number }[] = [];
    for (const mode of modes) {
      const side = prepare(index, query.name, mode);
      if (side.tokens.length === 0) continue;
      const scores: number[] = [];
      blockCandidates(index, side, MODES.indexOf(mode), type, scores).forEach((nameId, k) => pool.push({ nameId, side, block: scores[k] ?? 0 }));
    }
    if (modes.length > 1) {
      pool.sort((a, b) => b.block - a.block);
      pool.length = Math.min(pool.length, CANDIDATE_NAMES + 8);
    }
    for (const { nameId, side } of pool) {
      {
        const al = scoreName(index, side, nameId);
        const strength = index.names.strength[nameId] ?? 0;
        const s = al.score * (strength === 2 ? WEAK_ALIAS_FACTOR : 1);
        const entity = index.names.entity[nameId] ?? 0;
        const prev = byEntity.get(entity);
        if (!prev || s > prev.nameScore) {
          byEntity.set(entity, { entity, nameId, nameScore: s, alignment: al, side, features: [], identifierMatch: false, score: s });
        }
      }
    }
  }
  applyIdentifiers(index, query, byEntity);
  const qDob = query.birthDate ? parseLooseDate(query.birthDate.replace(/-(\d)(?=-|$)/g, '-0$1')) : null;
  const qCountry = query.country ? countryCodeOf(query.country) : null;
  // Qualifiers move a score by at most +0.05/-0.25, so entities far below the top-k by name
  // alone cannot enter it; they are dropped before the (comparatively costly) qualifier step.
  const byName = [...byEntity.values()].sort((a, b) => b.score - a.score);
  const cutoff = (byName[top - 1]?.score ?? 0) - 0.06;
  for (const r of byName) {
    const e = index.entries[r.entity];
    if (!e || r.identifierMatch) continue;
    if (r.score < cutoff) {
      byEntity.delete(r.entity);
      continue;
    }
    let score = r.score;
    if (r.nameScore > 0 && e.type === 'person') {
      const d = dobQualifier(qDob, e.birthDates);
      if (d) r.features.push(d);
      const c = countryQualifier(qCountry, e.countries);
      if (c) r.features.push(c);
    }
    for (const f of r.features) score += f.delta;
    r.score = Math.max(0, Math.min(1, score));
  }
  const ranked = [...byEntity.values()]
    .filter((r) => r.score >= (options.minScore ?? 0) && r.score > 0)
    .sort((a, b) => Number(b.identifierMatch) - Number(a.identifierMatch) || b.score - a.score)
    .slice(0, top);
  return ranked.map((r) => {
    const e = index.entries[r.entity];
    const nameNo = r.nameId >= 0 ? (index.names.nameNo[r.nameId] ?? 0) : 0;
    return {
      entryId: e?.id ?? '',
      list: e?.list ?? '',
      entityType: e?.type ?? 'unknown',
      matchedName: e?.names[nameNo]?.name ?? '',
      score: Math.round(r.score * 10000) / 10000,
      nameScore: Math.round(r.nameScore * 10000) / 10000,
      identifierMatch: r.identifierMatch,
      explanation: options.explain === false ? NO_EXPLANATION : explain(index, r),
    };
  });
}

function applyIdentifiers(index: NameIndex, query: ScreeningQuery, byEntity: Map<number, EntityResult>): void {
  for (const id of query.identifiers ?? []) {
    const value = normaliseIdentifier(id.value);
    if (value.length < 4) continue;
    const valid = id.kind === 'imo' ? isValidImoNumber(value) : /^[A-Z0-9]{4,20}$/.test(value);
    for (const entity of index.identifiers.get(`${id.kind}:${value}`) ?? []) {
      let r = byEntity.get(entity);
      if (!r) {
        r = { entity, nameId: index.firstNameOf(entity), nameScore: 0, alignment: null, side: null, features: [], identifierMatch: false, score: 0 };
        byEntity.set(entity, r);
      }
      if (valid) {
        r.identifierMatch = true;
        r.features.push({ feature: `${id.kind}_match`, delta: 1 - r.score, detail: `${id.kind.toUpperCase()} ${value} is listed on this entry` });
        r.score = 1;
      } else {
        r.features.push({ feature: `${id.kind}_invalid`, delta: 0, detail: `${value} fails the check digit; shown, not matched automatically` });
        r.score = Math.min(Math.max(r.score, 0.5), PRODUCTION_THRESHOLD - 0.01);
      }
    }
    if (id.kind === 'imo' && valid) {
      for (const r of byEntity.values()) {
        const e = index.entries[r.entity];
        if (r.identifierMatch || !e) continue;
        const listed = e.identifiers.filter((x) => x.kind === 'imo').map((x) => normaliseIdentifier(x.value));
        if (listed.length > 0 && !listed.includes(value)) {
          r.features.push({ feature: 'imo_mismatch', delta: -0.3, detail: `listed IMO ${listed.join(', ')} differs from ${value}` });
        }
      }
    }
  }
}


function directSide(index: NameIndex, name: string, mode: NameMode): NameSide {
  const a = analyseName(name, mode);
  return { tokens: a.tokens, kinds: a.kinds, weights: a.tokens.map((t, i) => index.idfOf(t) * KIND_WEIGHT[a.kinds[i] ?? 'word']) };
}

/** Pairwise name comparison (no blocking), with the index's token rarities: the name bench uses it. */
export function compareNames(index: NameIndex, query: string, listed: string, type: EntityType): { score: number; alignment: NameAlignment } {
  const mode = modesOfType(type)[0] ?? 'person';
  const q = directSide(index, query, mode);
  const r = directSide(index, listed, mode);
  const al = alignNames(q, r, (i, j) => tokenSimilarity(q.tokens[i] ?? '', q.kinds[i] ?? 'word', r.tokens[j] ?? '', r.kinds[j] ?? 'word'));
  let score = al.score;
  if (score < 0.95 && q.tokens.length > 1) score = Math.max(score, joinedSimilarity(q.tokens.join(''), r.tokens.join('')));
  return { score, alignment: al };
}
