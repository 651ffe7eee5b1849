// In-memory index over every name of every listed entry. Blocking uses several keys at once,
// like yente: exact folded token, one-deletion neighbourhood (typos), phonetic key, and joined
// adjacent tokens (merged/split names). Each key maps to vocabulary ids; each vocabulary id
// has a posting list of names. Rarity (IDF) of each token is kept for weighting.
import { analyseName, KIND_WEIGHT, type NameMode, type TokenKind } from './name-analyzer.js';
import { phoneticKey } from './phonetic-key.js';
import { deletionVariants } from './token-similarity.js';
import { ENTITY_TYPES, normaliseIdentifier, type EntityType, type WatchlistEntry } from './watchlist-entry.js';

export const MODES: NameMode[] = ['person', 'org', 'object'];
const KINDS: TokenKind[] = ['word', 'particle', 'legal', 'org', 'number', 'initial'];

export function modesOfType(type: EntityType): NameMode[] {
  switch (type) {
    case 'person':
      return ['person'];
    case 'organization':
      return ['org'];
    case 'vessel':
    case 'aircraft':
      return ['object'];
    case 'unknown':
      return ['person', 'org'];
  }
}

/** Analysed names in a compact, serialisable form (what INDEX_DIR stores next to the entries). */
export interface AnalysedNames {
  entity: number[];
  mode: number[];
  strength: number[];
  /** index into the entry's names array */
  nameNo: number[];
  tokens: string[][];
  kinds: number[][];
}

export function analyseEntries(entries: WatchlistEntry[]): AnalysedNames {
  const out: AnalysedNames = { entity: [], mode: [], strength: [], nameNo: [], tokens: [], kinds: [] };
  entries.forEach((e, ei) => {
    const seen = new Set<string>();
    for (const mode of modesOfType(e.type)) {
      e.names.forEach((n, ni) => {
        const a = analyseName(n.name, mode);
        if (a.tokens.length === 0) return;
        const key = `${mode}|${a.tokens.join(' ')}`;
        if (seen.has(key)) return; // the same name written twice (case, punctuation) is indexed once
        seen.add(key);
        out.entity.push(ei);
        out.mode.push(MODES.indexOf(mode));
        out.strength.push(n.strength === 'primary' ? 0 : n.strength === 'alias' ? 1 : 2);
        out.nameNo.push(ni);
        out.tokens.push(a.tokens);
        out.kinds.push(a.kinds.map((k) => KINDS.indexOf(k)));
      });
    }
  });
  return out;
}

export class NameIndex {
  readonly entries: WatchlistEntry[];
  readonly names: AnalysedNames;
  readonly nameKinds: TokenKind[][];
  readonly nameWeights: number[][];
  readonly nameTokenIds: Int32Array[];
  readonly vocab = new Map<string, number>();
  readonly vocabTokens: string[] = [];
  readonly vocabKind: TokenKind[] = [];
  readonly vocabPhon: string[] = [];
  readonly idf: number[] = [];
  readonly maxIdf: number;
  readonly postings: number[][] = [];
  /** postings split by name mode, as typed arrays: [mode][vocabId] → name ids */
  readonly postingsByMode: Int32Array[][];
  /** the tokens of each name joined, for the whole-name comparison */
  readonly nameJoined: string[];
  /** entity type code of each name (index into ENTITY_TYPES) */
  readonly nameType: Uint8Array;
  readonly phon = new Map<string, number[]>();
  readonly deletes = new Map<string, number[]>();
  /** joined adjacent token pairs → names */
  readonly joined = new Map<string, number[]>();
  /** normalised identifier → entry indexes, per identifier kind */
  readonly identifiers = new Map<string, number[]>();

  constructor(entries: WatchlistEntry[], names?: AnalysedNames) {
    this.entries = entries;
    this.names = names ?? analyseEntries(entries);
    const N = this.names.tokens.length;
    this.nameKinds = this.names.kinds.map((ks) => ks.map((k) => KINDS[k] ?? 'word'));
    const df: number[] = [];
    this.nameTokenIds = this.names.tokens.map((toks, nameId) => {
      const ids = new Int32Array(toks.length);
      const kinds = this.nameKinds[nameId] ?? [];
      const seenHere = new Set<number>();
      toks.forEach((t, k) => {
        let id = this.vocab.get(t);
        if (id === undefined) {
          id = this.vocabTokens.length;
          this.vocab.set(t, id);
          this.vocabTokens.push(t);
          this.vocabKind.push(kinds[k] ?? 'word');
          this.postings.push([]);
          df.push(0);
        }
        ids[k] = id;
        if (!seenHere.has(id)) {
          seenHere.add(id);
          this.postings[id]?.push(nameId);
          df[id] = (df[id] ?? 0) + 1;
        }
      });
      for (let k = 0; k + 1 < toks.length; k++) {
        const j = (toks[k] ?? '') + (toks[k + 1] ?? '');
        const list = this.joined.get(j);
        if (list) list.push(nameId);
        else this.joined.set(j, [nameId]);
      }
      return ids;
    });
    this.maxIdf = Math.log(N + 1) + 1;
    for (let v = 0; v < this.vocabTokens.length; v++) this.idf.push(Math.log((N + 1) / ((df[v] ?? 0) + 1)) + 1);
    this.vocabTokens.forEach((t, v) => {
      const kind = this.vocabKind[v];
      if (kind !== 'word' && kind !== 'particle') return;
      const key = phoneticKey(t);
      this.vocabPhon[v] = key;
      if (key.length >= 2) {
        const list = this.phon.get(key);
        if (list) list.push(v);
        else this.phon.set(key, [v]);
      }
      for (const d of deletionVariants(t)) {
        const list = this.deletes.get(d);
        if (list) list.push(v);
        else this.deletes.set(d, [v]);
      }
    });
    this.postingsByMode = MODES.map((_, mode) =>
      this.postings.map((list) => Int32Array.from(list.filter((nameId) => this.names.mode[nameId] === mode))),
    );
    this.nameJoined = this.names.tokens.map((t) => t.join(''));
    this.nameType = Uint8Array.from(this.names.entity, (ei) => ENTITY_TYPES.indexOf(entries[ei]?.type ?? 'unknown'));
    this.nameWeights = this.nameTokenIds.map((ids, nameId) => {
      const kinds = this.nameKinds[nameId] ?? [];
      return Array.from(ids, (v, k) => (this.idf[v] ?? this.maxIdf) * KIND_WEIGHT[kinds[k] ?? 'word']);
    });
    entries.forEach((e, ei) => {
      for (const id of e.identifiers) {
        const key = `${id.kind}:${normaliseIdentifier(id.value)}`;
        const list = this.identifiers.get(key);
        if (list) {
          if (!list.includes(ei)) list.push(ei);
        } else this.identifiers.set(key, [ei]);
      }
    });
  }

  /** The first indexed name of an entry (identifier hits without a name match show it). */
  firstNameOf(entity: number): number {
    if (!this.firstName) {
      this.firstName = new Int32Array(this.entries.length).fill(-1);
      for (let n = this.names.entity.length - 1; n >= 0; n--) this.firstName[this.names.entity[n] ?? 0] = n;
    }
    return this.firstName[entity] ?? -1;
  }

  private firstName: Int32Array | undefined;

  get nameCount(): number {
    return this.names.tokens.length;
  }

  /** Rarity of a folded token; tokens never seen in any list are treated as rare. */
  idfOf(token: string): number {
    const v = this.vocab.get(token);
    return v === undefined ? this.maxIdf * 0.8 : (this.idf[v] ?? this.maxIdf);
  }
}
