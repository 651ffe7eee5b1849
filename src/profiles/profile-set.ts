// The active profile set: an in-memory, immutable index over compiled profiles. Evaluating a
// filing probes the index with the filing's HS chapters, countries, kind and mode, runs only
// the candidate profiles, and collects hits and runtime errors. A profile that throws is
// reported and skipped; it never fails the evaluation.
import { sha256Hex } from '../platform/index.js';
import { EvaluationContext } from './evaluation-context.js';
import type { CompiledProfile } from './profile-compiler.js';
import { DIMENSION_ORDER, KEY_SEPARATOR, PAIR_SEPARATOR, type IndexDimension } from './profile-index.js';
import type { ActiveProfileSet, EvaluationInput, ProfileHit, ProfileRuntimeError } from './profile-types.js';

export interface ProfileSetStats {
  /** Profiles per index dimension (`hs6`, `chapter+country`, …). */
  indexed: Record<string, number>;
  unindexed: number;
}

export interface ActiveProfileSetWithStats extends ActiveProfileSet {
  stats: ProfileSetStats;
  profiles: readonly CompiledProfile[];
}

/** Identifies a set by the exact profile versions in it, independent of order. */
export function profileSetVersion(profiles: Array<{ id: string; version: number }>): string {
  const keys = profiles.map((p) => `${p.id}@${p.version}`).sort();
  return `ps-${sha256Hex(keys.join('\n')).slice(0, 16)}`;
}

function baseKeys(ctx: EvaluationContext, dim: IndexDimension): readonly string[] {
  switch (dim) {
    case 'hs6':
      return ctx.hs6s();
    case 'hs4':
      return ctx.hs4s();
    case 'chapter':
      return ctx.chapters();
    case 'country':
      return ctx.countries();
    case 'kind':
      return [ctx.filing.kind];
    case 'mode':
      return [ctx.filing.transport.mode];
    case 'warning':
      return ctx.warnings();
  }
}

function isDimension(s: string): s is IndexDimension {
  return DIMENSION_ORDER.some((d) => d === s);
}

/** How a filing's keys for one (single or pair) dimension are produced. */
function keyProducer(dimension: string): (ctx: EvaluationContext) => readonly string[] {
  const [a, b] = dimension.split(PAIR_SEPARATOR);
  if (a === undefined || !isDimension(a)) throw new Error(`unknown index dimension ${dimension}`);
  if (b === undefined) return (ctx) => baseKeys(ctx, a);
  if (!isDimension(b)) throw new Error(`unknown index dimension ${dimension}`);
  return (ctx) => {
    const left = baseKeys(ctx, a);
    const right = baseKeys(ctx, b);
    const out: string[] = [];
    for (const x of left) for (const y of right) out.push(`${x}${KEY_SEPARATOR}${y}`);
    return out;
  };
}

export function buildProfileSet(input: CompiledProfile[]): ActiveProfileSetWithStats {
  // Stable order: hits come out in this order whatever the index probes found first.
  const profiles = [...input].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version));
  const buckets = new Map<string, Map<string, number[]>>();
  const unindexed: number[] = [];
  const stats: ProfileSetStats = { indexed: {}, unindexed: 0 };
  profiles.forEach((p, i) => {
    if (!p.index) {
      unindexed.push(i);
      stats.unindexed++;
      return;
    }
    stats.indexed[p.index.dimension] = (stats.indexed[p.index.dimension] ?? 0) + 1;
    let bucket = buckets.get(p.index.dimension);
    if (!bucket) buckets.set(p.index.dimension, (bucket = new Map()));
    for (const key of p.index.keys) {
      const list = bucket.get(key);
      if (list) list.push(i);
      else bucket.set(key, [i]);
    }
  });
  const probes = [...buckets].map(([dimension, bucket]) => ({ keys: keyProducer(dimension), bucket }));
  // seen[i] === stamp marks profile i as already a candidate for the current evaluation
  const seen = new Uint32Array(profiles.length);
  let stamp = 0;

  function evaluate({ filing, history, now }: EvaluationInput): { hits: ProfileHit[]; errors: ProfileRuntimeError[] } {
    const ctx = new EvaluationContext(filing, history, now);
    stamp = stamp === 0xffffffff ? 1 : stamp + 1;
    if (stamp === 1) seen.fill(0);
    const candidates: number[] = [...unindexed];
    for (const probe of probes) {
      for (const key of probe.keys(ctx)) {
        const list = probe.bucket.get(key);
        if (!list) continue;
        for (const i of list) {
          if (seen[i] !== stamp) {
            seen[i] = stamp;
            candidates.push(i);
          }
        }
      }
    }
    if (candidates.length > unindexed.length) candidates.sort((a, b) => a - b);

    const hits: ProfileHit[] = [];
    const errors: ProfileRuntimeError[] = [];
    const t = now.getTime();
    for (const i of candidates) {
      const p = profiles[i];
      if (!p) continue;
      if ((p.validFromMs !== null && t < p.validFromMs) || (p.validToMs !== null && t >= p.validToMs)) continue;
      try {
        if (!p.inScope(ctx) || p.condition.test(ctx) !== true) continue;
        hits.push(hitOf(p, ctx));
      } catch (err) {
        errors.push({ profileId: p.id, profileVersion: p.version, message: err instanceof Error ? err.message : String(err) });
      }
    }
    return { hits, errors };
  }

  return { version: profileSetVersion(profiles), size: profiles.length, evaluate, stats, profiles };
}

function hitOf(p: CompiledProfile, ctx: EvaluationContext): ProfileHit {
  const d = p.definition;
  const values = p.condition.explain(ctx).join(', ');
  const item = p.condition.usesGoods && ctx.filing.goods.length > 1 ? ` (goods item ${ctx.item.sequence})` : '';
  return {
    profileId: p.id,
    profileVersion: p.version,
    name: d.name,
    threat: d.threat,
    points: d.action.points,
    forcedChannel: d.action.forcedChannel,
    reason: values.length > 0 ? `${d.name}${item}: ${values}` : d.name,
    shareable: d.shareable,
    ownerAgency: d.ownerAgency,
  };
}
