// The versioned JSON form of a GBDT model. JSON numbers round-trip doubles exactly, so a saved
// and reloaded model predicts bit-identically. Loading checks the structure (indices in range,
// children after parents so traversal always terminates) and refuses unknown versions.
import { z } from 'zod';
import type { GbdtModel } from './gbdt-model.js';

export const GBDT_FORMAT = 'tandem-gbdt';
export const GBDT_FORMAT_VERSION = 1;

const numbers = z.array(z.number());
const ints = z.array(z.number().int());

const gbdtJsonSchema = z.strictObject({
  format: z.literal(GBDT_FORMAT),
  version: z.number().int(),
  objective: z.enum(['binary:logistic', 'reg:squarederror']),
  baseScore: z.number(),
  featureNames: z.array(z.string()),
  roots: ints,
  feature: ints,
  threshold: numbers,
  left: ints,
  right: ints,
  defaultLeft: z.array(z.union([z.literal(0), z.literal(1)])),
  value: numbers,
  cover: numbers,
  gain: numbers,
});

export type GbdtJson = z.infer<typeof gbdtJsonSchema>;

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

export function gbdtToJson(m: GbdtModel): GbdtJson {
  return {
    format: GBDT_FORMAT,
    version: GBDT_FORMAT_VERSION,
    objective: m.objective,
    baseScore: m.baseScore,
    featureNames: [...m.featureNames],
    roots: Array.from(m.roots),
    feature: Array.from(m.feature),
    threshold: Array.from(m.threshold),
    left: Array.from(m.left),
    right: Array.from(m.right),
    defaultLeft: Array.from(m.defaultLeft, (v) => (v === 1 ? 1 : 0)),
    value: Array.from(m.value),
    cover: Array.from(m.cover),
    gain: Array.from(m.gain),
  };
}

export function gbdtFromJson(input: unknown): GbdtModel {
  if (typeof input === 'object' && input !== null && 'version' in input && input.version !== GBDT_FORMAT_VERSION) {
    throw new ModelFormatError(`unsupported GBDT model version ${String(input.version)} (this build reads version ${GBDT_FORMAT_VERSION})`);
  }
  const parsed = gbdtJsonSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ModelFormatError(`corrupt GBDT model: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  const j = parsed.data;
  const n = j.feature.length;
  for (const [name, arr] of [['threshold', j.threshold], ['left', j.left], ['right', j.right], ['defaultLeft', j.defaultLeft], ['value', j.value], ['cover', j.cover], ['gain', j.gain]] as const) {
    if (arr.length !== n) throw new ModelFormatError(`corrupt GBDT model: ${name} has ${arr.length} entries, expected ${n}`);
  }
  const nf = j.featureNames.length;
  for (let i = 0; i < n; i++) {
    const f = j.feature[i]!;
    if (f >= nf || f < -1) throw new ModelFormatError(`corrupt GBDT model: node ${i} splits on unknown feature ${f}`);
    if (f >= 0) {
      const l = j.left[i]!;
      const r = j.right[i]!;
      if (l <= i || r <= i || l >= n || r >= n) throw new ModelFormatError(`corrupt GBDT model: node ${i} has invalid children`);
    }
  }
  for (const r of j.roots) if (r < 0 || r >= n) throw new ModelFormatError(`corrupt GBDT model: tree root ${r} out of range`);
  return {
    objective: j.objective,
    baseScore: j.baseScore,
    featureNames: j.featureNames,
    roots: Int32Array.from(j.roots),
    feature: Int32Array.from(j.feature),
    threshold: Float64Array.from(j.threshold),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    defaultLeft: Uint8Array.from(j.defaultLeft),
    value: Float64Array.from(j.value),
    cover: Float64Array.from(j.cover),
    gain: Float64Array.from(j.gain),
  };
}
