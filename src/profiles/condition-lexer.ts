// Hand-written lexer for the profile condition language. Every token carries its line and
// column so that syntax and type errors point at the exact place in the targeter's text.
import type { SourcePosition } from './profile-types.js';

export type TokenKind =
  | 'number'
  | 'string'
  | 'regex'
  | 'ident'
  | 'keyword'
  | 'op' // == != < <= > >= + - * /
  | 'punct' // ( ) [ ] , .
  | 'eof';

export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'has', 'any', 'matches', 'is', 'null', 'true', 'false']);

export interface Token extends SourcePosition {
  kind: TokenKind;
  /** Identifier or keyword name, operator text, decoded string value, or regex source. */
  text: string;
  /** For numbers. */
  value: number;
  /** For regex literals. */
  flags: string;
}

export class ConditionSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, pos: SourcePosition) {
    super(`${pos.line}:${pos.column}: ${message}`);
    this.name = 'ConditionSyntaxError';
    this.line = pos.line;
    this.column = pos.column;
  }
  get bareMessage(): string {
    return this.message.replace(/^\d+:\d+: /, '');
  }
}

/** Longest condition text accepted: profiles are read by people, not generated walls of text. */
export const MAX_CONDITION_LENGTH = 20_000;
export const MAX_STRING_LITERAL = 500;
export const MAX_REGEX_LENGTH = 200;

const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=']);
const ONE_CHAR_OPS = new Set(['<', '>', '+', '-', '*', '/']);
const PUNCT = new Set(['(', ')', '[', ']', ',', '.']);

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function tokenize(source: string): Token[] {
  if (source.length > MAX_CONDITION_LENGTH) {
    throw new ConditionSyntaxError(`condition is longer than ${MAX_CONDITION_LENGTH} characters`, { line: 1, column: 1 });
  }
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const at = (): SourcePosition => ({ line, column: col });
  const advance = (n: number) => {
    for (let k = 0; k < n; k++) {
      if (source[i] === '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
      i++;
    }
  };
  const push = (kind: TokenKind, text: string, pos: SourcePosition, value = 0, flags = '') =>
    tokens.push({ kind, text, value, flags, line: pos.line, column: pos.column });

  while (i < source.length) {
    const c = source.charAt(i);
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      advance(1);
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') advance(1);
      continue;
    }
    const pos = at();
    if (isDigit(c) || (c === '.' && isDigit(source.charAt(i + 1)))) {
      let j = i;
      while (j < source.length && isDigit(source.charAt(j))) j++;
      if (source[j] === '.' && isDigit(source.charAt(j + 1))) {
        j++;
        while (j < source.length && isDigit(source.charAt(j))) j++;
      }
      if (isIdentStart(source.charAt(j))) throw new ConditionSyntaxError('a number cannot run into a name', pos);
      const text = source.slice(i, j);
      push('number', text, pos, Number(text));
      advance(j - i);
      continue;
    }
    if (isIdentStart(c)) {
      let j = i;
      while (j < source.length && isIdentPart(source.charAt(j))) j++;
      const word = source.slice(i, j);
      push(KEYWORDS.has(word) ? 'keyword' : 'ident', word, pos);
      advance(j - i);
      // A regex literal is only possible right after `matches`, so `/` is division everywhere else.
      if (word === 'matches') lexRegexAfterMatches();
      continue;
    }
    if (c === '"' || c === "'") {
      lexString(c, pos);
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      push('op', two, pos);
      advance(2);
      continue;
    }
    if (two === '&&' || two === '||') {
      throw new ConditionSyntaxError(`write "${two === '&&' ? 'and' : 'or'}" instead of "${two}"`, pos);
    }
    if (c === '=') throw new ConditionSyntaxError('use "==" to compare', pos);
    if (c === '!') throw new ConditionSyntaxError('use "not" or "!="', pos);
    if (ONE_CHAR_OPS.has(c)) {
      push('op', c, pos);
      advance(1);
      continue;
    }
    if (PUNCT.has(c)) {
      push('punct', c, pos);
      advance(1);
      continue;
    }
    throw new ConditionSyntaxError(`unexpected character ${JSON.stringify(c)}`, pos);
  }
  push('eof', '', at());
  return tokens;

  function lexString(quote: string, pos: SourcePosition): void {
    advance(1);
    let out = '';
    for (;;) {
      if (i >= source.length || source[i] === '\n') throw new ConditionSyntaxError('string is not closed', pos);
      const ch = source.charAt(i);
      if (ch === quote) {
        advance(1);
        break;
      }
      if (ch === '\\') {
        const next = source.charAt(i + 1);
        const escapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };
        const decoded = escapes[next];
        if (decoded === undefined) throw new ConditionSyntaxError(`unknown escape \\${next}`, at());
        out += decoded;
        advance(2);
        continue;
      }
      out += ch;
      advance(1);
    }
    if (out.length > MAX_STRING_LITERAL) throw new ConditionSyntaxError(`string is longer than ${MAX_STRING_LITERAL} characters`, pos);
    push('string', out, pos);
  }

  function lexRegexAfterMatches(): void {
    while (i < source.length && (source[i] === ' ' || source[i] === '\t')) advance(1);
    if (source[i] !== '/') return; // the parser reports the missing regex
    const pos = at();
    advance(1);
    let body = '';
    let inClass = false;
    for (;;) {
      if (i >= source.length || source[i] === '\n') throw new ConditionSyntaxError('regular expression is not closed', pos);
      const ch = source.charAt(i);
      if (ch === '\\') {
        body += source.slice(i, i + 2);
        advance(2);
        continue;
      }
      if (ch === '[') inClass = true;
      if (ch === ']') inClass = false;
      if (ch === '/' && !inClass) {
        advance(1);
        break;
      }
      body += ch;
      advance(1);
    }
    let flags = '';
    while (i < source.length && isIdentPart(source.charAt(i))) {
      flags += source.charAt(i);
      advance(1);
    }
    push('regex', body, pos, 0, flags);
  }
}
