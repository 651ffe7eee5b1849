// Turns a raw name into comparable tokens: Unicode normalisation, emoji and punctuation removal,
// transliteration of any script to ASCII (any-ascii), case folding, "LAST, First" reordering,
// honorific removal, legal forms and generic company words rewritten to shared symbols.
import anyAscii from 'any-ascii';
import { HONORIFICS, PARTICLES, PHRASE_INDEX, VESSEL_PREFIXES } from './name-vocabulary.js';

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
export function foldText(raw: string): string {
  const cleaned = raw.normalize('NFKC').replace(EMOJI_RE, ' ').replace(APOSTROPHES_RE, '');
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
      pushWord(w, out, 'org');
      i++;
    }
  }
}

function pushWord(w: string, out: AnalysedName, mode: NameMode): void {
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
    applyPhrases(joinLetterRuns(words), out);
  } else {
    if (words.length > 1 && VESSEL_PREFIXES.has(words[0] ?? '')) words = words.slice(1);
    else if (words.length > 2 && VESSEL_PREFIXES.has(`${words[0]} ${words[1]}`)) words = words.slice(2);
    for (const w of words) pushWord(w, out, mode);
  }
  if (out.tokens.length > MAX_TOKENS) {
    out.tokens.length = MAX_TOKENS;
    out.kinds.length = MAX_TOKENS;
  }
  return out;
}
