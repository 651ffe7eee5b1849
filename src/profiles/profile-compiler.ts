// A profile definition → a CompiledProfile ready for the profile set: condition compiled to
// closures, scope turned into a cheap predicate, validity window in epoch milliseconds, and
// the index key the set files it under.
import { compileCondition, type CompiledCondition } from './condition-compiler.js';
import { boundMs, parseDefinition, type DefinitionProblem } from './profile-definition.js';
import { chooseIndexKey, type IndexKey } from './profile-index.js';
import type { EvaluationContext } from './evaluation-context.js';
import type { ProfileDefinition, ProfileScope } from './profile-types.js';

export interface CompiledProfile {
  id: string;
  version: number;
  definition: ProfileDefinition;
  condition: CompiledCondition;
  validFromMs: number | null;
  validToMs: number | null;
  index: IndexKey | null;
  inScope(ctx: EvaluationContext): boolean;
}

export type ProfileCompileResult = { ok: true; profile: CompiledProfile } | { ok: false; problems: DefinitionProblem[] };

/** Validates a raw definition (shape, then condition) and compiles it. */
export function compileProfile(id: string, version: number, input: unknown): ProfileCompileResult {
  const parsed = parseDefinition(input);
  if (!parsed.ok) return parsed;
  return compileDefinition(id, version, parsed.definition);
}

export function compileDefinition(id: string, version: number, definition: ProfileDefinition): ProfileCompileResult {
  const c = compileCondition(definition.condition);
  if (!c.ok) return { ok: false, problems: c.problems.map((p) => ({ path: 'condition', ...p })) };
  return {
    ok: true,
    profile: {
      id,
      version,
      definition,
      condition: c.condition,
      validFromMs: boundMs(definition.validFrom, false),
      validToMs: boundMs(definition.validTo, true),
      index: chooseIndexKey(c.condition.ast, definition.scope),
      inScope: scopeTest(definition.scope),
    },
  };
}

/** Shape, then condition: the problems an author sees, with line and column for the condition. */
export function validateDefinitionInput(input: unknown): { ok: true; definition: ProfileDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const parsed = parseDefinition(input);
  if (!parsed.ok) return parsed;
  const compiled = compileDefinition('validation', 1, parsed.definition);
  return compiled.ok ? parsed : compiled;
}

/** Like compileProfile but throws: for definitions already validated when they were stored. */
export function compileStoredProfile(id: string, version: number, definition: ProfileDefinition): CompiledProfile {
  const r = compileDefinition(id, version, definition);
  if (!r.ok) throw new Error(`stored profile ${id} v${version} no longer compiles: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.profile;
}

type PlaceTest = (place: string | undefined, country: string | undefined) => boolean;

function placeTest(end: string): PlaceTest {
  if (end === '*') return () => true;
  if (end.length === 2) return (place, country) => place?.slice(0, 2) === end || country === end;
  return (place) => place === end;
}

function laneTest(lane: string): (ctx: EvaluationContext) => boolean {
  const [from, to] = lane.split('>');
  if (to === undefined) {
    const at = placeTest(from ?? '*');
    return (ctx) => {
      const tr = ctx.filing.transport;
      return at(tr.loadingPlace, tr.departureCountry) || at(tr.dischargePlace, undefined);
    };
  }
  const fromTest = placeTest(from ?? '*');
  const toTest = placeTest(to);
  return (ctx) => {
    const tr = ctx.filing.transport;
    return fromTest(tr.loadingPlace, tr.departureCountry) && toTest(tr.dischargePlace, undefined);
  };
}

function scopeTest(scope: ProfileScope): (ctx: EvaluationContext) => boolean {
  const kinds = scope.kinds.length > 0 ? new Set<string>(scope.kinds) : null;
  const modes = scope.modes.length > 0 ? new Set<string>(scope.modes) : null;
  const offices = scope.offices.length > 0 ? new Set(scope.offices) : null;
  const lanes = scope.lanes.map(laneTest);
  if (!kinds && !modes && !offices && lanes.length === 0) return () => true;
  return (ctx) => {
    const f = ctx.filing;
    if (kinds && !kinds.has(f.kind)) return false;
    if (modes && !modes.has(f.transport.mode)) return false;
    if (offices && (f.office === undefined || !offices.has(f.office))) return false;
    if (lanes.length > 0 && !lanes.some((l) => l(ctx))) return false;
    return true;
  };
}
