// Type-checks a parsed condition against the field schema. All problems are collected (not
// just the first), each with the line and column of the offending part, so an editor can
// underline them. A condition that passes can be compiled without further checks.
import { FIELDS, suggestFields, type ValueType } from './condition-fields.js';
import type { Expr } from './condition-parser.js';
import type { ConditionProblem, SourcePosition } from './profile-types.js';
import { MAX_REGEX_LENGTH } from './condition-lexer.js';

export interface CheckResult {
  problems: ConditionProblem[];
  types: WeakMap<Expr, ValueType>;
  /** Field names used, in order of first appearance. */
  fields: string[];
  usesGoods: boolean;
}

export const FUNCTIONS: Readonly<Record<string, string>> = {
  median: 'median(hs6, origin): median declared value per kg of earlier filings with this HS6 and origin (null if unknown)',
  startsWith: 'startsWith(text, prefix)',
  endsWith: 'endsWith(text, suffix)',
  contains: 'contains(text, part): case-insensitive substring test',
  lower: 'lower(text)',
  upper: 'upper(text)',
  length: 'length(text or list)',
  abs: 'abs(number)',
  min: 'min(a, b)',
  max: 'max(a, b)',
  coalesce: 'coalesce(value, fallback): the value, or the fallback when it is null',
};

const ALLOWED_FLAGS = new Set(['i', 'u', 's', 'm']);

/**
 * Patterns are run against text of at most 2,000 characters, but a few pattern shapes still
 * backtrack exponentially on such text. We refuse the usual culprits: backreferences and a
 * quantified group that itself contains a quantifier, e.g. `(a+)+`, `(\w*x?)*`.
 */
export function regexProblem(pattern: string, flags: string): string | null {
  if (pattern.length === 0) return 'regular expression is empty';
  if (pattern.length > MAX_REGEX_LENGTH) return `regular expression is longer than ${MAX_REGEX_LENGTH} characters`;
  for (const f of flags) if (!ALLOWED_FLAGS.has(f)) return `regular expression flag "${f}" is not allowed (use i, u, s or m)`;
  if (new Set(flags).size !== flags.length) return 'regular expression flag repeated';
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not allowed in regular expressions';
  // Walk groups, remembering whether each contains a quantifier.
  const stack: boolean[] = [];
  let inClass = false;
  let lastGroupQuantified = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      lastGroupQuantified = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      stack.push(false);
    } else if (c === ')') {
      lastGroupQuantified = stack.pop() ?? false;
      if (lastGroupQuantified && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    } else if (c === '*' || c === '+' || c === '{' || c === '?') {
      if (lastGroupQuantified && c !== '?') return 'nested quantifiers like (a+)+ are not allowed: they can take exponential time';
      if (stack.length > 0) stack[stack.length - 1] = true;
      if (c === '{') {
        const close = pattern.indexOf('}', i);
        if (close > i) i = close;
      }
    }
    lastGroupQuantified = false;
  }
  try {
    new RegExp(pattern, flags);
  } catch (err) {
    return `invalid regular expression: ${err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err)}`;
  }
  return null;
}

export function checkCondition(root: Expr): CheckResult {
  const problems: ConditionProblem[] = [];
  const types = new WeakMap<Expr, ValueType>();
  const fields: string[] = [];
  let usesGoods = false;
  const report = (pos: SourcePosition, message: string) => problems.push({ line: pos.line, column: pos.column, message });

  const top = typeOf(root);
  if (top !== null && top !== 'bool') report(root.pos, `a condition must be true or false, but this is a ${top}`);
  return { problems, types, fields, usesGoods };

  /** Returns null when a problem was already reported for this subtree. */
  function typeOf(e: Expr): ValueType | null {
    const t = infer(e);
    if (t !== null) types.set(e, t);
    return t;
  }

  function expect(e: Expr, want: ValueType, what: string): boolean {
    const t = typeOf(e);
    if (t === null) return false;
    if (t !== want) {
      report(e.pos, `${what} must be a ${want}, but this is a ${t}`);
      return false;
    }
    return true;
  }

  function infer(e: Expr): ValueType | null {
    switch (e.type) {
      case 'number':
        return 'number';
      case 'string':
        return 'string';
      case 'bool':
        return 'bool';
      case 'field': {
        const def = FIELDS.get(e.path);
        if (!def) {
          const hints = suggestFields(e.path);
          report(e.pos, `unknown field "${e.path}"${hints.length > 0 ? ` (did you mean ${hints.map((h) => `"${h}"`).join(', ')}?)` : ''}`);
          return null;
        }
        if (!fields.includes(e.path)) fields.push(e.path);
        if (def.goods) usesGoods = true;
        return def.type;
      }
      case 'list': {
        let itemType: ValueType | null = null;
        for (const item of e.items) {
          if (item.type !== 'string' && item.type !== 'number') {
            report(item.pos, 'list items must be written out as strings or numbers');
            continue;
          }
          const t: ValueType = item.type;
          types.set(item, t);
          if (itemType === null) itemType = t;
          else if (itemType !== t) report(item.pos, 'a list cannot mix strings and numbers');
        }
        // Lists of numbers only make sense on the right of `in`; that check happens there.
        return 'list';
      }
      case 'logic': {
        const l = expect(e.left, 'bool', `the left side of "${e.op}"`);
        const r = expect(e.right, 'bool', `the right side of "${e.op}"`);
        return l && r ? 'bool' : 'bool';
      }
      case 'not':
        expect(e.operand, 'bool', 'the operand of "not"');
        return 'bool';
      case 'neg':
        expect(e.operand, 'number', 'the operand of "-"');
        return 'number';
      case 'arith':
        expect(e.left, 'number', `the left side of "${e.op}"`);
        expect(e.right, 'number', `the right side of "${e.op}"`);
        return 'number';
      case 'compare': {
        const l = typeOf(e.left);
        const r = typeOf(e.right);
        if (l === null || r === null) return 'bool';
        if (l === 'list' || r === 'list') {
          report(e.pos, `lists cannot be compared with "${e.op}"; use "has" or "in"`);
        } else if (l !== r) {
          report(e.pos, `cannot compare a ${l} with a ${r}`);
        } else if (l !== 'number' && e.op !== '==' && e.op !== '!=') {
          report(e.pos, `"${e.op}" compares numbers; ${l}s can only be compared with "==" or "!="`);
        }
        return 'bool';
      }
      case 'in': {
        const l = typeOf(e.left);
        if (e.right.type === 'list') {
          typeOf(e.right);
          const first = e.right.items[0];
          const itemType = first?.type === 'number' ? 'number' : 'string';
          if (l !== null && l !== 'string' && l !== 'number') report(e.left.pos, `the left side of "in" must be a string or a number, but this is a ${l}`);
          else if (l !== null && first !== undefined && l !== itemType) report(e.pos, `cannot look for a ${l} in a list of ${itemType}s`);
        } else {
          expect(e.right, 'list', 'the right side of "in"');
          if (l !== null && l !== 'string') report(e.left.pos, `only strings can be looked up in a list field, but this is a ${l}`);
        }
        return 'bool';
      }
      case 'has': {
        expect(e.left, 'list', 'the left side of "has"');
        if (e.any) {
          if (expect(e.right, 'list', 'the right side of "has any"') && e.right.type === 'list' && e.right.items[0]?.type === 'number') {
            report(e.right.pos, '"has any" takes a list of strings');
          }
        } else {
          expect(e.right, 'string', 'the right side of "has"');
        }
        return 'bool';
      }
      case 'matches': {
        expect(e.left, 'string', 'the left side of "matches"');
        const problem = regexProblem(e.pattern, e.flags);
        if (problem) report(e.patternPos, problem);
        return 'bool';
      }
      case 'isNull':
        typeOf(e.operand);
        return 'bool';
      case 'call':
        return inferCall(e);
    }
  }

  function inferCall(e: Extract<Expr, { type: 'call' }>): ValueType | null {
    const arity = (n: number): boolean => {
      if (e.args.length !== n) {
        report(e.pos, `${e.name} takes ${n} argument${n === 1 ? '' : 's'}, got ${e.args.length}`);
        return false;
      }
      return true;
    };
    switch (e.name) {
      case 'median':
        if (arity(2)) {
          expect(e.args[0]!, 'string', 'the first argument of median (an HS6 code)');
          expect(e.args[1]!, 'string', 'the second argument of median (an origin country)');
        }
        return 'number';
      case 'startsWith':
      case 'endsWith':
      case 'contains':
        if (arity(2)) {
          expect(e.args[0]!, 'string', `the first argument of ${e.name}`);
          expect(e.args[1]!, 'string', `the second argument of ${e.name}`);
        }
        return 'bool';
      case 'lower':
      case 'upper':
        if (arity(1)) expect(e.args[0]!, 'string', `the argument of ${e.name}`);
        return 'string';
      case 'length':
        if (arity(1)) {
          const t = typeOf(e.args[0]!);
          if (t !== null && t !== 'string' && t !== 'list') report(e.args[0]!.pos, `length takes a string or a list, but this is a ${t}`);
        }
        return 'number';
      case 'abs':
        if (arity(1)) expect(e.args[0]!, 'number', 'the argument of abs');
        return 'number';
      case 'min':
      case 'max':
        if (arity(2)) {
          expect(e.args[0]!, 'number', `the first argument of ${e.name}`);
          expect(e.args[1]!, 'number', `the second argument of ${e.name}`);
        }
        return 'number';
      case 'coalesce': {
        if (!arity(2)) return null;
        const a = typeOf(e.args[0]!);
        const b = typeOf(e.args[1]!);
        if (a === null || b === null) return null;
        if (a !== b || a === 'list') {
          report(e.pos, `coalesce needs two values of the same type (number, string or bool), got ${a} and ${b}`);
          return null;
        }
        return a;
      }
      default:
        report(e.pos, `unknown function "${e.name}" (known: ${Object.keys(FUNCTIONS).join(', ')})`);
        for (const a of e.args) typeOf(a);
        return null;
    }
  }
}
