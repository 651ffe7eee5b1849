// Turns a raw name into comparable tokens: Unicode normalisation, emoji and punctuation removal,
// transliteration of any script to ASCII (any-ascii), case folding, "LAST, First" reordering,
// honorific removal, legal forms and generic company words rewritten to shared symbols.
import anyAscii from 'any-ascii';
import { HONORIFICS, PARTICLES, PHRASE_INDEX, VESSEL_PREFIXES, type PhraseRule } from './name-vocabulary.js';
import { deletionVariants, osaDistance } from './token-similarity.js';

/** How a name is read: persons keep initials and drop titles; organisations rewrite legal forms. */
export type NameMode = 'person' | 'org' | 'object';
export type TokenKind = 'word' | 'particle' | 'legal' | 'org' | 'number' | 'initial';

export interface AnalysedName {
  tokens: string[];
  kinds: TokenKind[];
}

/** Relative weight of each kind of token, before rarity (IDF) is applied. */
export const KIND_WEIGHT: Record<TokenKind, number> = {
  word: 1,
  particle: 0.25,
  legal: 0.3,
  org: 0.45,
  number: 1.5,
  initial: 0.35,
};

export const MAX_NAME_LENGTH = 500;
const MAX_TOKENS = 16;

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Joiners and variation selectors are listed on their own on purpose: stray ones are stripped too.
// eslint-disable-next-line no-misleading-character-class
const EMOJI_RE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3]/gu;
const APOSTROPHES_RE = /['’‘ʼʻ`´ʹʿʾ]/g;

/** Why a name cannot be screened, or null when it can. */
export function nameProblem(raw: string): string | null {
  if (raw.trim().length === 0) return 'name is empty';
  if (raw.length > MAX_NAME_LENGTH) return `name is longer than ${MAX_NAME_LENGTH} characters (${raw.length})`;
  if (CONTROL_RE.test(raw)) return 'name contains control characters';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(raw)) return 'name contains invalid Unicode';
  if (foldText(raw).length === 0) return 'name has no letters or digits';
  return null;
}

/** NFKC, emoji removed, transliterated to ASCII, lower case, punctuation to spaces. */
// Han, Kana and Hangul are written without spaces between syllables; each syllable becomes its
// own token so that one wrong character costs one token, and the merge step rejoins "Xi Jinping".
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

let lastRaw = '';
let lastFolded = '';

export function foldText(raw: string): string {
  // Untyped queries are analysed once per mode; the fold is the costly part and is the same.
  if (raw === lastRaw) return lastFolded;
  lastFolded = foldUncached(raw);
  lastRaw = raw;
  return lastFolded;
}

function foldUncached(raw: string): string {
  const cleaned = raw.normalize('NFKC').replace(EMOJI_RE, ' ').replace(APOSTROPHES_RE, '').replace(CJK_RE, (c) => ` ${anyAscii(c)} `);
  return anyAscii(cleaned)
    .toLowerCase()
    .replace(APOSTROPHES_RE, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "SALEK, Abdulhai" → "Abdulhai SALEK" (OFAC and UN write persons family name first). */
function reorderPerson(raw: string): string {
  const parts = raw.split(',');
  if (parts.length !== 2) return raw;
  const [family, given] = parts;
  if (!family || !given || given.trim().length === 0) return raw;
  return `${given} ${family}`;
}

// Misspelt generic company words ("naconal", "internatonal") still count as the symbol:
// one-deletion neighbourhood of every single-word symbol of six letters or more.
const FUZZY_SYMBOLS: Map<string, PhraseRule[]> = (() => {
  const m = new Map<string, PhraseRule[]>();
  for (const rules of PHRASE_INDEX.values()) {
    for (const r of rules) {
      const w = r.tokens[0] ?? '';
      if (r.tokens.length !== 1 || w.length < 6) continue;
      for (const d of deletionVariants(w)) m.set(d, [...(m.get(d) ?? []), r]);
    }
  }
  return m;
})();

function fuzzySymbol(w: string): PhraseRule | undefined {
  if (w.length < 6) return undefined;
  for (const d of deletionVariants(w)) {
    for (const r of FUZZY_SYMBOLS.get(d) ?? []) {
      if (osaDistance(w, r.tokens[0] ?? '', 1) <= 1) return r;
    }
  }
  return undefined;
}

function applyPhrases(words: string[], out: AnalysedName): void {
  for (let i = 0; i < words.length; ) {
    const w = words[i] ?? '';
    const rules = PHRASE_INDEX.get(w);
    let matched = false;
    if (rules) {
      for (const r of rules) {
        if (i + r.tokens.length > words.length) continue;
        let ok = true;
        for (let k = 1; k < r.tokens.length; k++) {
          if (words[i + k] !== r.tokens[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        // Single-letter legal forms ("a o", "s a") only count at the end of a name.
        if (r.tokens.every((t) => t.length === 1) && i + r.tokens.length !== words.length) continue;
        out.tokens.push(`#${r.symbol}`);
        out.kinds.push(r.kind);
        i += r.tokens.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      const fuzzy = fuzzySymbol(w);
      if (fuzzy) {
        out.tokens.push(`#${fuzzy.symbol}`);
        out.kinds.push(fuzzy.kind);
      } else pushWord(w, out, 'org');
      i++;
    }
  }
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g' };
const ROMAN = new Map(Object.entries({ ii: 2, iii: 3, iv: 4, vi: 6, vii: 7, viii: 8, ix: 9, xi: 11, xii: 12, xiii: 13, xiv: 14, xv: 15, xx: 20 }));
const UNITS = new Map(
  Object.entries({
    one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
    thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  }),
);
const TENS = new Map(Object.entries({ twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }));

/** Number words ("forty four", "three") and Roman numerals (II, VIII) in organisation and vessel names become digits. */
function numberWords(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const tens = TENS.get(w);
    if (tens !== undefined) {
      const next = words[i + 1] ?? '';
      const unit = UNITS.get(next) ?? (/^[1-9]$/.test(next) ? Number(next) : undefined);
      if (unit !== undefined && unit < 10) {
        out.push(String(tens + unit));
        i++;
      } else out.push(String(tens));
      continue;
    }
    const unit = UNITS.get(w) ?? ROMAN.get(w);
    out.push(unit !== undefined ? String(unit) : w);
  }
  return out;
}

function pushWord(raw: string, out: AnalysedName, mode: NameMode): void {
  // Letters written as digits ("Ig0r Sech1n") are read as letters when a token mixes both.
  const w = /[a-z]/.test(raw) && /\d/.test(raw) ? raw.replace(/[0134579]/g, (d) => LEET[d] ?? d) : raw;
  if (/^\d+$/.test(w)) {
    out.tokens.push(String(Number(w.slice(0, 15))));
    out.kinds.push('number');
  } else if (w.length === 1 && mode === 'person') {
    out.tokens.push(w);
    out.kinds.push('initial');
  } else if (PARTICLES.has(w)) {
    out.tokens.push(w);
    out.kinds.push('particle');
  } else {
    out.tokens.push(w);
    out.kinds.push('word');
  }
}

/** Joins runs of single letters ("a b c trading" → "abc trading"), common in company names. */
function joinLetterRuns(words: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const w of words) {
    if (w.length === 1 && /[a-z]/.test(w)) {
      run += w;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(w);
  }
  if (run) out.push(run);
  return out;
}

export function analyseName(raw: string, mode: NameMode): AnalysedName {
  const text = mode === 'person' ? reorderPerson(raw) : raw;
  let words = foldText(text).split(' ').filter((w) => w.length > 0);
  const out: AnalysedName = { tokens: [], kinds: [] };
  if (mode === 'person') {
    const kept = words.filter((w) => !HONORIFICS.has(w));
    if (kept.length > 0) words = kept;
    for (const w of words) pushWord(w, out, mode);
  } else if (mode === 'org') {
    applyPhrases(numberWords(joinLetterRuns(words)), out);
  } else {
    if (words.length > 1 && VESSEL_PREFIXES.has(words[0] ?? '')) words = words.slice(1);
    else if (words.length > 2 && VESSEL_PREFIXES.has(`${words[0]} ${words[1]}`)) words = words.slice(2);
    for (const w of numberWords(words)) pushWord(w, out, mode);
  }
  if (out.tokens.length > MAX_TOKENS) {
    out.tokens.length = MAX_TOKENS;
    out.kinds.length = MAX_TOKENS;
  }
  return out;
}
