import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileCondition, formatNumber, printExpr, type CompiledCondition } from './condition-compiler.js';
import { parseCondition } from './condition-parser.js';
import { regexProblem } from './condition-checker.js';
import { EvaluationContext } from './evaluation-context.js';
import { fixedHistory, sampleFiling, type HistorySettings } from './test-support/sample-filings.js';
import type { FilingInput } from '../records/index.js';

const NOW = new Date('2026-11-26T10:00:00Z');

function compiled(source: string): CompiledCondition {
  const r = compileCondition(source);
  if (!r.ok) throw new Error(`expected ${source} to compile: ${JSON.stringify(r.problems)}`);
  return r.condition;
}

function evaluate(source: string, overrides: Partial<FilingInput> = {}, history: HistorySettings = {}): boolean | null {
  return compiled(source).test(new EvaluationContext(sampleFiling(overrides), fixedHistory(history), NOW));
}

function problems(source: string) {
  const r = compileCondition(source);
  assert.equal(r.ok, false, `expected ${source} to be rejected`);
  return r.ok ? [] : r.problems;
}

describe('condition parser', () => {
  it('follows precedence: not over and over or, arithmetic under comparison', () => {
    const ast = parseCondition('a.b == 1 or not c.d > 2 + 3 * 4 and e.f in ["x", "y"]');
    assert.equal(printExpr(ast), '((a.b == 1) or (not (c.d > (2 + (3 * 4))) and (e.f in ["x", "y"])))');
  });

  it('reads has any, not in, matches, is not null, calls and comments across lines', () => {
    const ast = parseCondition(`# precursors
      transport.routing has any ["MX", "PA"]   # via Central America
      and goods.origin not in ["US"]
      and goods.description matches /piperid(one|ine)/i
      and party.consignee.name is not null
      and startsWith(goods.hs6, "2933")`);
    assert.match(printExpr(ast), /has any \["MX", "PA"\]/);
    assert.match(printExpr(ast), /matches \/piperid\(one\|ine\)\/i/);
  });

  it('reports syntax errors with line and column', () => {
    const cases: Array<[string, number, number, RegExp]> = [
      ['goods.hs6 = "x"', 1, 11, /use "=="/],
      ['goods.hs6 == "x" and\n  (goods.origin == "CN"', 2, 24, /expected "\)"/],
      ['goods.hs6 == "x" goods.origin == "CN"', 1, 18, /missing "and" or "or"/],
      ['goods.hs6 in ["a", "b"', 1, 23, /close the list/],
      ['goods.description matches "x"', 1, 27, /regular expression/],
      ['goods.value > 1 < 2', 1, 17, /chained/],
      ['goods.hs6 == "abc', 1, 14, /not closed/],
      ['goods.hs6 == null', 1, 14, /is null/],
      ['x && y', 1, 3, /write "and"/],
      ['', 1, 1, /empty/],
    ];
    for (const [src, line, column, message] of cases) {
      const [p] = problems(src);
      assert.ok(p, src);
      assert.deepEqual([p.line, p.column], [line, column], `${src}: ${p.message}`);
      assert.match(p.message, message, src);
    }
  });

  it('refuses very deep nesting instead of overflowing the stack', () => {
    const src = `${'('.repeat(200)}filing.version == 1${')'.repeat(200)}`;
    assert.match(problems(src)[0]?.message ?? '', /nested more than/);
  });
});

describe('condition type checker', () => {
  it('rejects unknown fields with their position and a suggestion', () => {
    const [p] = problems('goods.hs6 == "293339" and\n   party.consignee.firstSeen < 30');
    assert.deepEqual([p?.line, p?.column], [2, 4]);
    assert.match(p?.message ?? '', /unknown field "party.consignee.firstSeen".*party.consignee.firstSeenDays/);
  });

  it('collects every type error, not only the first', () => {
    const ps = problems('goods.hs6 > 3 and goods.valuePerKg == "cheap" and transport.routing has 4 and lower(goods.value) == "x"');
    assert.equal(ps.length, 4, JSON.stringify(ps));
    assert.deepEqual(ps.map((p) => p.column), [11, 36, 73, 85]);
  });

  it('requires the whole condition to be true or false', () => {
    assert.match(problems('goods.value * 2')[0]?.message ?? '', /must be true or false/);
    assert.match(problems('goods.origin')[0]?.message ?? '', /must be true or false/);
  });

  it('checks functions, lists and regular expressions', () => {
    assert.match(problems('median(goods.hs6) > 1')[0]?.message ?? '', /takes 2 arguments/);
    assert.match(problems('eval("1") == 1')[0]?.message ?? '', /unknown function "eval"/);
    assert.match(problems('goods.hs6 in ["1", 2]')[0]?.message ?? '', /cannot mix/);
    assert.match(problems('goods.value in ["1"]')[0]?.message ?? '', /cannot look for a number in a list of strings/);
    assert.match(problems('goods.description matches /(a+)+$/')[0]?.message ?? '', /nested quantifiers/);
    assert.match(problems('goods.description matches /(x)\\1/')[0]?.message ?? '', /backreferences/);
    assert.match(problems('goods.description matches /a/g')[0]?.message ?? '', /flag "g"/);
    assert.match(problems('goods.description matches /a{2,1}/')[0]?.message ?? '', /invalid regular expression/);
    assert.equal(regexProblem('xinjiang|urumqi|kashgar', 'i'), null);
    assert.equal(regexProblem('^(pistol|rifle) (slide|barrel)s?$', 'i'), null);
    assert.notEqual(regexProblem('x'.repeat(201), ''), null);
  });
});

describe('condition evaluation', () => {
  it('formats numbers in reasons without losing magnitude', () => {
    assert.deepEqual([2100.1, 21, 0.5561, 15.86, 1.5, 0.000012, 123456.7, 10.0].map(formatNumber), ['2100', '21', '0.5561', '15.86', '1.5', '0.000012', '123457', '10']);
  });

  it('evaluates the issue examples', () => {
    assert.equal(evaluate('goods.hs6 in ["293333","293336","293339"] and transport.routing has "MX"'), true);
    assert.equal(evaluate('goods.hs6 in ["293333"] and transport.routing has "MX"'), false);
    const undervalued = 'party.consignee.firstSeenDays < 30 and goods.valuePerKg < 0.2 * median(goods.hs6, goods.origin)';
    // item 2: 200/25 = 8 per kg; median 50 → 8 < 10
    assert.equal(evaluate(undervalued, {}, { firstSeenDays: { consignee: 3 }, medians: { '293339|CN': 50 } }), true);
    assert.equal(evaluate(undervalued, {}, { firstSeenDays: { consignee: 300 }, medians: { '293339|CN': 50 } }), false);
    // unknown median: not a hit, and not a "not hit" either
    assert.equal(evaluate(undervalued, {}, { firstSeenDays: { consignee: 3 } }), null);
  });

  it('binds all goods.* references of a condition to the same goods item', () => {
    // item 1 is 392690 from CN at 9/kg, item 2 is 293339 from CN at 8/kg
    assert.equal(evaluate('goods.hs6 == "392690" and goods.valuePerKg < 8.5'), false);
    assert.equal(evaluate('goods.hs6 == "293339" and goods.valuePerKg < 8.5'), true);
    assert.equal(evaluate('goods.hs6 == "392690" or goods.description == "4-piperidone"'), true);
    // "not" applies per item: true because one item is not 293339
    assert.equal(evaluate('not goods.hs6 == "293339"'), true);
  });

  it('leaves the context on the goods item that hit and explains the values', () => {
    const c = compiled('goods.chapter == "29" and transport.routing has "MX" and party.consignee.firstSeenDays < 30');
    const ctx = new EvaluationContext(sampleFiling(), fixedHistory(), NOW);
    assert.equal(c.test(ctx), true);
    assert.equal(ctx.item.sequence, 2);
    assert.deepEqual(c.explain(ctx), ['goods.chapter = "29"', 'transport.routing = [CN, MX, US]', 'party.consignee.firstSeenDays = 0']);
  });

  it('uses three-valued logic for missing values', () => {
    const noConsignee = { parties: [{ role: 'consignor' as const, name: 'X' }] };
    assert.equal(evaluate('party.consignee.firstSeenDays < 30', noConsignee), null);
    assert.equal(evaluate('not party.consignee.firstSeenDays < 30', noConsignee), null);
    assert.equal(evaluate('party.consignee.firstSeenDays < 30 or transport.mode == "air"', noConsignee), true);
    assert.equal(evaluate('party.consignee.firstSeenDays < 30 and transport.mode == "sea"', noConsignee), false);
    assert.equal(evaluate('party.consignee.name is null', noConsignee), true);
    assert.equal(evaluate('coalesce(party.consignee.country, "??") == "??"', noConsignee), true);
    assert.equal(evaluate('goods.value / 0 > 1'), null);
  });

  it('supports string functions, lists, arithmetic and data-quality codes', () => {
    assert.equal(evaluate('startsWith(goods.hsCode, "2933") and contains(goods.description, "PIPERID")'), true);
    assert.equal(evaluate('upper(party.consignor.city) == "WUHAN" and length(transport.routing) == 3'), true);
    assert.equal(evaluate('transport.loadingPlace in ["CNPEK", "CNPVG"] and transport.hoursToLoading < 12'), true);
    assert.equal(evaluate('goods.origin in transport.routing and transport.routing has any ["PA", "MX"]'), true);
    assert.equal(evaluate('-goods.netMassKg + 30 > 0 and abs(-2) == max(1, 2)'), true);
    assert.equal(evaluate('warnings has "mass_missing"'), false);
    assert.equal(evaluate('warnings has "mass_missing"', { goods: [{ sequence: 1, hsCode: '610910' }] }), true);
    assert.equal(evaluate('party.consignor.address matches /wuhan|urumqi/i'), true);
  });

  it('never executes user text as code', () => {
    // Text that would do something if it reached eval/Function is either a syntax error or a plain string.
    const g = globalThis;
    const attempts = [
      'process.exit(1) == 1',
      'goods.description == "${process.exit(1)}" or goods.description == "\\"); process.exit(1); (\\""',
      'constructor.constructor("return process")() == 1',
      'goods.__proto__ == "x"',
      'toString == "x"',
    ];
    for (const src of attempts) {
      const r = compileCondition(src);
      if (r.ok) assert.equal(r.condition.test(new EvaluationContext(sampleFiling(), fixedHistory(), NOW)), false, src);
    }
    assert.equal(globalThis, g);
    assert.equal(compileCondition('process.exit(1) == 1').ok, false);
    assert.equal(compileCondition('goods.__proto__ == "x"').ok, false);
  });
});
