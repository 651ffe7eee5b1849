// Compiles a type-checked condition into plain closures over an EvaluationContext. User text
// is never turned into JavaScript source: every closure is one of the fixed shapes below, and
// the only "dynamic" pieces are literal values and regular expressions checked by the checker.
//
// Values are three-valued: a missing field is null, anything computed from null is null, and
// a predicate on null is "unknown" (null), which `not` keeps unknown. A profile hits only when
// its condition is true, never when it is unknown.
import { FIELDS } from './condition-fields.js';
import type { ValueType } from './condition-fields.js';
import type { Expr } from './condition-parser.js';
import { checkCondition, type CheckResult } from './condition-checker.js';
import { parseCondition } from './condition-parser.js';
import { ConditionSyntaxError } from './condition-lexer.js';
import type { EvaluationContext } from './evaluation-context.js';
import type { ConditionProblem } from './profile-types.js';

type Fn<T> = (ctx: EvaluationContext) => T | null;
type BoolFn = Fn<boolean>;
type NumFn = Fn<number>;
type StrFn = Fn<string>;
type ListFn = Fn<readonly string[]>;

export interface CompiledCondition {
  source: string;
  ast: Expr;
  fields: string[];
  usesGoods: boolean;
  /**
   * True when some goods item (or the filing, for conditions without goods.*) satisfies the
   * whole condition. On true, `ctx.item` is left on the goods item that satisfied it.
   */
  test(ctx: EvaluationContext): boolean | null;
  /** The values behind a hit, for the human-readable reason: `goods.hs6 = "293339"`, … */
  explain(ctx: EvaluationContext): string[];
}

export type CompileResult = { ok: true; condition: CompiledCondition } | { ok: false; problems: ConditionProblem[] };

export function compileCondition(source: string): CompileResult {
  let ast: Expr;
  try {
    ast = parseCondition(source);
  } catch (err) {
    if (err instanceof ConditionSyntaxError) return { ok: false, problems: [{ line: err.line, column: err.column, message: err.bareMessage }] };
    throw err;
  }
  const checked = checkCondition(ast);
  if (checked.problems.length > 0) return { ok: false, problems: checked.problems };
  return { ok: true, condition: build(source, ast, checked) };
}

function build(source: string, ast: Expr, checked: CheckResult): CompiledCondition {
  const c = new Compiler(checked.types);
  const conjuncts = topConjuncts(ast);
  const filingLevel = conjuncts.filter((e) => !usesGoods(e)).map((e) => c.bool(e));
  const goodsLevel = conjuncts.filter(usesGoods);
  const goodsTest = goodsLevel.length === 0 ? null : c.bool(goodsLevel.reduce((l, r) => ({ type: 'logic', op: 'and', left: l, right: r, pos: l.pos })));
  const probes = explainProbes(ast, checked.fields, c);

  const test = (ctx: EvaluationContext): boolean | null => {
    let unknown = false;
    for (const f of filingLevel) {
      const v = f(ctx);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    if (goodsTest === null) return unknown ? null : true;
    if (unknown) return null; // cannot become true: unknown and (anything) is never true
    let sawUnknown = false;
    for (const item of ctx.goods()) {
      ctx.item = item;
      const v = goodsTest(ctx);
      if (v === true) return true;
      if (v === null) sawUnknown = true;
    }
    return sawUnknown ? null : false;
  };
  const explain = (ctx: EvaluationContext): string[] => probes.map(([label, fn]) => `${label} = ${formatValue(fn(ctx))}`);
  return { source, ast, fields: checked.fields, usesGoods: checked.usesGoods, test, explain };
}

/** The top-level `and` operands: the parts that must all hold. */
export function topConjuncts(e: Expr): Expr[] {
  if (e.type === 'logic' && e.op === 'and') return [...topConjuncts(e.left), ...topConjuncts(e.right)];
  return [e];
}

export function usesGoods(e: Expr): boolean {
  switch (e.type) {
    case 'field':
      return FIELDS.get(e.path)?.goods ?? false;
    case 'logic':
    case 'compare':
    case 'arith':
    case 'in':
    case 'has':
      return usesGoods(e.left) || usesGoods(e.right);
    case 'not':
    case 'neg':
    case 'isNull':
      return usesGoods(e.operand);
    case 'matches':
      return usesGoods(e.left);
    case 'call':
    case 'list':
      return (e.type === 'call' ? e.args : e.items).some(usesGoods);
    default:
      return false;
  }
}

type Probe = [string, Fn<unknown>];

function explainProbes(ast: Expr, fields: string[], c: Compiler): Probe[] {
  const probes: Probe[] = [];
  for (const name of fields) {
    const def = FIELDS.get(name);
    if (def) probes.push([name, def.get]);
  }
  const visit = (e: Expr): void => {
    if (e.type === 'call' && e.name === 'median') probes.push([printExpr(e), c.num(e)]);
    for (const child of children(e)) visit(child);
  };
  visit(ast);
  return probes;
}

function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'logic':
    case 'compare':
    case 'arith':
    case 'in':
    case 'has':
      return [e.left, e.right];
    case 'not':
    case 'neg':
    case 'isNull':
      return [e.operand];
    case 'matches':
      return [e.left];
    case 'call':
      return e.args;
    case 'list':
      return e.items;
    default:
      return [];
  }
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return `[${v.slice(0, 10).map(String).join(', ')}${v.length > 10 ? ', …' : ''}]`;
  return String(v);
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v) || Math.abs(v) >= 1000) return String(Math.round(v));
  const s = v.toPrecision(4);
  return s.includes('e') ? String(v) : s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** Prints an expression back as condition text (used for labels in reasons and in tests). */
export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'bool':
      return String(e.value);
    case 'field':
      return e.path;
    case 'list':
      return `[${e.items.map(printExpr).join(', ')}]`;
    case 'call':
      return `${e.name}(${e.args.map(printExpr).join(', ')})`;
    case 'logic':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'not':
      return `not ${printExpr(e.operand)}`;
    case 'neg':
      return `-${printExpr(e.operand)}`;
    case 'compare':
    case 'arith':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'in':
      return `(${printExpr(e.left)} ${e.negated ? 'not in' : 'in'} ${printExpr(e.right)})`;
    case 'has':
      return `(${printExpr(e.left)} has ${e.any ? 'any ' : ''}${printExpr(e.right)})`;
    case 'matches':
      return `(${printExpr(e.left)} matches /${e.pattern}/${e.flags})`;
    case 'isNull':
      return `(${printExpr(e.operand)} is ${e.negated ? 'not ' : ''}null)`;
  }
}

function ill(e: Expr, want: string): Error {
  return new Error(`internal: ${e.type} at ${e.pos.line}:${e.pos.column} is not a ${want} (compile after check only)`);
}

class Compiler {
  constructor(private readonly types: WeakMap<Expr, ValueType>) {}

  bool(e: Expr): BoolFn {
    switch (e.type) {
      case 'bool': {
        const v = e.value;
        return () => v;
      }
      case 'field': {
        const def = FIELDS.get(e.path);
        if (def?.type === 'bool') return def.get;
        throw ill(e, 'bool');
      }
      case 'logic': {
        const l = this.bool(e.left);
        const r = this.bool(e.right);
        if (e.op === 'and') {
          return (ctx) => {
            const a = l(ctx);
            if (a === false) return false;
            const b = r(ctx);
            if (b === false) return false;
            return a === null || b === null ? null : true;
          };
        }
        return (ctx) => {
          const a = l(ctx);
          if (a === true) return true;
          const b = r(ctx);
          if (b === true) return true;
          return a === null || b === null ? null : false;
        };
      }
      case 'not': {
        const f = this.bool(e.operand);
        return (ctx) => {
          const v = f(ctx);
          return v === null ? null : !v;
        };
      }
      case 'compare':
        return this.compare(e);
      case 'in':
        return this.inList(e);
      case 'has':
        return this.has(e);
      case 'matches': {
        const s = this.str(e.left);
        const re = new RegExp(e.pattern, e.flags);
        return (ctx) => {
          const v = s(ctx);
          return v === null ? null : re.test(v);
        };
      }
      case 'isNull': {
        const f = this.any(e.operand);
        const negated = e.negated;
        return (ctx) => (f(ctx) === null) !== negated;
      }
      case 'call':
        return this.boolCall(e);
      default:
        throw ill(e, 'bool');
    }
  }

  private compare(e: Extract<Expr, { type: 'compare' }>): BoolFn {
    const t = this.types.get(e.left);
    const op = e.op;
    if (t === 'number') {
      const l = this.num(e.left);
      const r = this.num(e.right);
      return (ctx) => {
        const a = l(ctx);
        if (a === null) return null;
        const b = r(ctx);
        if (b === null) return null;
        switch (op) {
          case '==':
            return a === b;
          case '!=':
            return a !== b;
          case '<':
            return a < b;
          case '<=':
            return a <= b;
          case '>':
            return a > b;
          case '>=':
            return a >= b;
        }
      };
    }
    const l = this.any(e.left);
    const r = this.any(e.right);
    const equal = op === '==';
    return (ctx) => {
      const a = l(ctx);
      if (a === null) return null;
      const b = r(ctx);
      if (b === null) return null;
      return (a === b) === equal;
    };
  }

  private inList(e: Extract<Expr, { type: 'in' }>): BoolFn {
    const negated = e.negated;
    if (e.right.type === 'list') {
      const values = new Set<string | number>();
      for (const item of e.right.items) if (item.type === 'string' || item.type === 'number') values.add(item.value);
      const l = this.any(e.left);
      return (ctx) => {
        const v = l(ctx);
        if (typeof v !== 'string' && typeof v !== 'number') return null;
        return values.has(v) !== negated;
      };
    }
    const l = this.str(e.left);
    const r = this.list(e.right);
    return (ctx) => {
      const v = l(ctx);
      const list = r(ctx);
      if (v === null || list === null) return null;
      return list.includes(v) !== negated;
    };
  }

  private has(e: Extract<Expr, { type: 'has' }>): BoolFn {
    const l = this.list(e.left);
    if (!e.any) {
      const r = this.str(e.right);
      return (ctx) => {
        const list = l(ctx);
        const v = r(ctx);
        if (list === null || v === null) return null;
        return list.includes(v);
      };
    }
    if (e.right.type === 'list') {
      const wanted = new Set<string>();
      for (const item of e.right.items) if (item.type === 'string') wanted.add(item.value);
      return (ctx) => {
        const list = l(ctx);
        if (list === null) return null;
        for (const v of list) if (wanted.has(v)) return true;
        return false;
      };
    }
    const r = this.list(e.right);
    return (ctx) => {
      const list = l(ctx);
      const other = r(ctx);
      if (list === null || other === null) return null;
      return list.some((v) => other.includes(v));
    };
  }

  private boolCall(e: Extract<Expr, { type: 'call' }>): BoolFn {
    const [a0, a1] = e.args;
    if (!a0 || !a1) throw ill(e, 'bool');
    const a = this.str(a0);
    const b = this.str(a1);
    switch (e.name) {
      case 'startsWith':
        return (ctx) => {
          const s = a(ctx);
          const p = b(ctx);
          return s === null || p === null ? null : s.startsWith(p);
        };
      case 'endsWith':
        return (ctx) => {
          const s = a(ctx);
          const p = b(ctx);
          return s === null || p === null ? null : s.endsWith(p);
        };
      case 'contains':
        return (ctx) => {
          const s = a(ctx);
          const p = b(ctx);
          return s === null || p === null ? null : s.toLowerCase().includes(p.toLowerCase());
        };
      case 'coalesce':
        return this.coalesce(this.bool(a0), this.bool(a1));
      default:
        throw ill(e, 'bool');
    }
  }

  private coalesce<T>(a: Fn<T>, b: Fn<T>): Fn<T> {
    return (ctx) => {
      const v = a(ctx);
      return v === null ? b(ctx) : v;
    };
  }

  num(e: Expr): NumFn {
    switch (e.type) {
      case 'number': {
        const v = e.value;
        return () => v;
      }
      case 'field': {
        const def = FIELDS.get(e.path);
        if (def?.type === 'number') return def.get;
        throw ill(e, 'number');
      }
      case 'neg': {
        const f = this.num(e.operand);
        return (ctx) => {
          const v = f(ctx);
          return v === null ? null : -v;
        };
      }
      case 'arith': {
        const l = this.num(e.left);
        const r = this.num(e.right);
        const op = e.op;
        return (ctx) => {
          const a = l(ctx);
          if (a === null) return null;
          const b = r(ctx);
          if (b === null) return null;
          if (op === '+') return a + b;
          if (op === '-') return a - b;
          if (op === '*') return a * b;
          return b === 0 ? null : a / b;
        };
      }
      case 'call':
        return this.numCall(e);
      default:
        throw ill(e, 'number');
    }
  }

  private numCall(e: Extract<Expr, { type: 'call' }>): NumFn {
    const [a0, a1] = e.args;
    if (!a0) throw ill(e, 'number');
    switch (e.name) {
      case 'median': {
        if (!a1) throw ill(e, 'number');
        const hs6 = this.str(a0);
        const origin = this.str(a1);
        return (ctx) => {
          const h = hs6(ctx);
          return h === null ? null : ctx.history.medianValuePerKg(h, origin(ctx));
        };
      }
      case 'length': {
        if (this.types.get(a0) === 'list') {
          const l = this.list(a0);
          return (ctx) => l(ctx)?.length ?? null;
        }
        const s = this.str(a0);
        return (ctx) => s(ctx)?.length ?? null;
      }
      case 'abs': {
        const f = this.num(a0);
        return (ctx) => {
          const v = f(ctx);
          return v === null ? null : Math.abs(v);
        };
      }
      case 'min':
      case 'max': {
        if (!a1) throw ill(e, 'number');
        const a = this.num(a0);
        const b = this.num(a1);
        const pick = e.name === 'min' ? Math.min : Math.max;
        return (ctx) => {
          const x = a(ctx);
          const y = b(ctx);
          return x === null || y === null ? null : pick(x, y);
        };
      }
      case 'coalesce':
        if (!a1) throw ill(e, 'number');
        return this.coalesce(this.num(a0), this.num(a1));
      default:
        throw ill(e, 'number');
    }
  }

  str(e: Expr): StrFn {
    switch (e.type) {
      case 'string': {
        const v = e.value;
        return () => v;
      }
      case 'field': {
        const def = FIELDS.get(e.path);
        if (def?.type === 'string') return def.get;
        throw ill(e, 'string');
      }
      case 'call': {
        const [a0, a1] = e.args;
        if (!a0) throw ill(e, 'string');
        if (e.name === 'coalesce' && a1) return this.coalesce(this.str(a0), this.str(a1));
        const f = this.str(a0);
        if (e.name === 'lower') return (ctx) => f(ctx)?.toLowerCase() ?? null;
        if (e.name === 'upper') return (ctx) => f(ctx)?.toUpperCase() ?? null;
        throw ill(e, 'string');
      }
      default:
        throw ill(e, 'string');
    }
  }

  list(e: Expr): ListFn {
    if (e.type === 'field') {
      const def = FIELDS.get(e.path);
      if (def?.type === 'list') return def.get;
    }
    if (e.type === 'list') {
      const items = e.items.flatMap((i) => (i.type === 'string' ? [i.value] : []));
      return () => items;
    }
    throw ill(e, 'list');
  }

  /** For operators that accept any type (==, is null, in [...]). */
  private any(e: Expr): Fn<unknown> {
    switch (this.types.get(e)) {
      case 'number':
        return this.num(e);
      case 'string':
        return this.str(e);
      case 'bool':
        return this.bool(e);
      case 'list':
        return this.list(e);
      default:
        throw ill(e, 'typed expression');
    }
  }
}
