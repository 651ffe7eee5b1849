// Recursive-descent parser: tokens → AST. Precedence, loosest first:
//   or  <  and  <  not  <  predicate (== != < <= > >= in, not in, has, has any, matches, is null)
//   <  + -  <  * /  <  unary -  <  primary (literal, list, (…), field.path, fn(args))
// A predicate takes exactly one operator: `a < b < c` is a syntax error, not a surprise.
import { ConditionSyntaxError, tokenize, type Token } from './condition-lexer.js';
import type { SourcePosition } from './profile-types.js';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';

export type Expr =
  | { type: 'logic'; op: 'and' | 'or'; left: Expr; right: Expr; pos: SourcePosition }
  | { type: 'not'; operand: Expr; pos: SourcePosition }
  | { type: 'compare'; op: CompareOp; left: Expr; right: Expr; pos: SourcePosition }
  | { type: 'arith'; op: ArithOp; left: Expr; right: Expr; pos: SourcePosition }
  | { type: 'neg'; operand: Expr; pos: SourcePosition }
  | { type: 'in'; negated: boolean; left: Expr; right: Expr; pos: SourcePosition }
  | { type: 'has'; any: boolean; left: Expr; right: Expr; pos: SourcePosition }
  | { type: 'matches'; left: Expr; pattern: string; flags: string; pos: SourcePosition; patternPos: SourcePosition }
  | { type: 'isNull'; negated: boolean; operand: Expr; pos: SourcePosition }
  | { type: 'field'; path: string; pos: SourcePosition }
  | { type: 'call'; name: string; args: Expr[]; pos: SourcePosition }
  | { type: 'number'; value: number; pos: SourcePosition }
  | { type: 'string'; value: string; pos: SourcePosition }
  | { type: 'bool'; value: boolean; pos: SourcePosition }
  | { type: 'list'; items: Expr[]; pos: SourcePosition };

/** Nesting deeper than this is refused: it protects the recursive parser and compiler stacks. */
export const MAX_DEPTH = 64;
export const MAX_LIST_ITEMS = 2000;

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of condition';
  if (t.kind === 'string') return `string ${JSON.stringify(t.text)}`;
  if (t.kind === 'regex') return 'regular expression';
  return `"${t.text}"`;
}

export function parseCondition(source: string): Expr {
  const tokens = tokenize(source);
  let p = 0;
  let depth = 0;
  const peek = (): Token => tokens[p] ?? tokens[tokens.length - 1]!;
  const peekAt = (k: number): Token => tokens[p + k] ?? tokens[tokens.length - 1]!;
  const next = (): Token => {
    const t = peek();
    if (p < tokens.length - 1) p++;
    return t;
  };
  const isKw = (t: Token, word: string) => t.kind === 'keyword' && t.text === word;
  const isPunct = (t: Token, ch: string) => t.kind === 'punct' && t.text === ch;
  const expectPunct = (ch: string, what: string): Token => {
    const t = peek();
    if (!isPunct(t, ch)) throw new ConditionSyntaxError(`expected "${ch}" ${what}, found ${describe(t)}`, t);
    return next();
  };
  const enter = (pos: SourcePosition) => {
    if (++depth > MAX_DEPTH) throw new ConditionSyntaxError(`condition is nested more than ${MAX_DEPTH} levels deep`, pos);
  };

  if (peek().kind === 'eof') throw new ConditionSyntaxError('condition is empty', peek());
  const root = parseOr();
  const rest = peek();
  if (rest.kind !== 'eof') {
    const hint = rest.kind === 'ident' || rest.kind === 'string' || rest.kind === 'number' ? ' (missing "and" or "or"?)' : '';
    throw new ConditionSyntaxError(`unexpected ${describe(rest)}${hint}`, rest);
  }
  return root;

  function parseOr(): Expr {
    let left = parseAnd();
    while (isKw(peek(), 'or')) {
      const t = next();
      left = { type: 'logic', op: 'or', left, right: parseAnd(), pos: t };
    }
    return left;
  }

  function parseAnd(): Expr {
    let left = parseNot();
    while (isKw(peek(), 'and')) {
      const t = next();
      left = { type: 'logic', op: 'and', left, right: parseNot(), pos: t };
    }
    return left;
  }

  function parseNot(): Expr {
    const t = peek();
    if (isKw(t, 'not')) {
      next();
      enter(t);
      const operand = parseNot();
      depth--;
      return { type: 'not', operand, pos: t };
    }
    return parsePredicate();
  }

  function parsePredicate(): Expr {
    const left = parseAdditive();
    const t = peek();
    if (t.kind === 'op' && COMPARE_OPS.has(t.text)) {
      next();
      const right = parseAdditive();
      const op = compareOp(t.text);
      const node: Expr = { type: 'compare', op, left, right, pos: t };
      const after = peek();
      if (after.kind === 'op' && COMPARE_OPS.has(after.text)) {
        throw new ConditionSyntaxError('comparisons cannot be chained; join them with "and"', after);
      }
      return node;
    }
    if (isKw(t, 'in')) {
      next();
      return { type: 'in', negated: false, left, right: parseAdditive(), pos: t };
    }
    if (isKw(t, 'not') && isKw(peekAt(1), 'in')) {
      next();
      next();
      return { type: 'in', negated: true, left, right: parseAdditive(), pos: t };
    }
    if (isKw(t, 'has')) {
      next();
      const any = isKw(peek(), 'any');
      if (any) next();
      return { type: 'has', any, left, right: parseAdditive(), pos: t };
    }
    if (isKw(t, 'matches')) {
      next();
      const re = peek();
      if (re.kind !== 'regex') throw new ConditionSyntaxError('expected a regular expression like /pattern/i after "matches"', re);
      next();
      return { type: 'matches', left, pattern: re.text, flags: re.flags, pos: t, patternPos: re };
    }
    if (isKw(t, 'is')) {
      next();
      const negated = isKw(peek(), 'not');
      if (negated) next();
      const n = peek();
      if (!isKw(n, 'null')) throw new ConditionSyntaxError(`expected "null" after "is${negated ? ' not' : ''}", found ${describe(n)}`, n);
      next();
      return { type: 'isNull', negated, operand: left, pos: t };
    }
    return left;
  }

  function parseAdditive(): Expr {
    let left = parseMultiplicative();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      next();
      left = { type: 'arith', op: t.text, left, right: parseMultiplicative(), pos: t };
    }
  }

  function parseMultiplicative(): Expr {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
      next();
      left = { type: 'arith', op: t.text, left, right: parseUnary(), pos: t };
    }
  }

  function parseUnary(): Expr {
    const t = peek();
    if (t.kind === 'op' && t.text === '-') {
      next();
      enter(t);
      const operand = parseUnary();
      depth--;
      return { type: 'neg', operand, pos: t };
    }
    return parsePrimary();
  }

  function parsePrimary(): Expr {
    const t = peek();
    if (t.kind === 'number') {
      next();
      return { type: 'number', value: t.value, pos: t };
    }
    if (t.kind === 'string') {
      next();
      return { type: 'string', value: t.text, pos: t };
    }
    if (isKw(t, 'true') || isKw(t, 'false')) {
      next();
      return { type: 'bool', value: t.text === 'true', pos: t };
    }
    if (isKw(t, 'null')) {
      throw new ConditionSyntaxError('null is only written as "is null" or "is not null"', t);
    }
    if (isPunct(t, '(')) {
      next();
      enter(t);
      const inner = parseOr();
      depth--;
      expectPunct(')', 'to close the parenthesis');
      return inner;
    }
    if (isPunct(t, '[')) {
      next();
      const items: Expr[] = [];
      if (!isPunct(peek(), ']')) {
        for (;;) {
          items.push(parseAdditive());
          if (items.length > MAX_LIST_ITEMS) throw new ConditionSyntaxError(`a list holds at most ${MAX_LIST_ITEMS} items`, t);
          if (!isPunct(peek(), ',')) break;
          next();
          if (isPunct(peek(), ']')) break; // trailing comma
        }
      }
      expectPunct(']', 'to close the list');
      return { type: 'list', items, pos: t };
    }
    if (t.kind === 'ident') {
      next();
      let path = t.text;
      while (isPunct(peek(), '.')) {
        next();
        const part = peek();
        if (part.kind !== 'ident' && part.kind !== 'keyword') {
          throw new ConditionSyntaxError(`expected a field name after ".", found ${describe(part)}`, part);
        }
        next();
        path += `.${part.text}`;
      }
      if (isPunct(peek(), '(')) {
        if (path.includes('.')) throw new ConditionSyntaxError(`"${path}" is not a function`, t);
        next();
        enter(t);
        const args: Expr[] = [];
        if (!isPunct(peek(), ')')) {
          for (;;) {
            args.push(parseOr());
            if (!isPunct(peek(), ',')) break;
            next();
          }
        }
        depth--;
        expectPunct(')', `to close the arguments of ${path}`);
        return { type: 'call', name: path, args, pos: t };
      }
      return { type: 'field', path, pos: t };
    }
    throw new ConditionSyntaxError(`expected a value, a field or "(", found ${describe(t)}`, t);
  }
}

function compareOp(text: string): CompareOp {
  switch (text) {
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return text;
    default:
      throw new Error(`not a comparison operator: ${text}`);
  }
}
