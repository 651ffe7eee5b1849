// Parsing of profile definitions as authors write them (YAML, API bodies): the zod schema,
// plus the cross-field rules zod cannot express alone.
import { z } from 'zod';
import { FILING_KINDS, TRANSPORT_MODES, isCountryCode, isUnLocode } from '../records/index.js';
import { FORCED_CHANNELS, THREAT_CATEGORIES, type ProfileDefinition } from './profile-types.js';

export const PROFILE_ID_RE = /^[a-z0-9][a-z0-9-]{2,63}$/;

function isLaneEnd(s: string): boolean {
  return s === '*' || isCountryCode(s) || isUnLocode(s);
}

/** `X` or `X>Y` with X, Y a country code, a UN/LOCODE or `*`. */
export function isLane(s: string): boolean {
  const parts = s.split('>');
  if (parts.length === 1) return parts[0] !== '*' && isLaneEnd(parts[0] ?? '');
  return parts.length === 2 && parts.every(isLaneEnd);
}

const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const profileScopeSchema = z.strictObject({
  kinds: z.array(z.enum(FILING_KINDS)).max(20).default([]),
  modes: z.array(z.enum(TRANSPORT_MODES)).max(20).default([]),
  lanes: z
    .array(z.string().refine(isLane, { message: 'must be a country code, a UN/LOCODE, or FROM>TO (either may be *)' }))
    .max(200)
    .default([]),
  offices: z.array(z.string().min(1).max(20)).max(200).default([]),
});

export const profileActionSchema = z.strictObject({
  points: z.number().int().min(0).max(1000).default(0),
  forcedChannel: z.enum(FORCED_CHANNELS).nullable().default(null),
});

export const profileDefinitionSchema = z
  .strictObject({
    name: z.string().trim().min(3).max(200),
    ownerAgency: z.string().trim().min(2).max(40),
    threat: z.enum(THREAT_CATEGORIES),
    scope: profileScopeSchema.default({ kinds: [], modes: [], lanes: [], offices: [] }),
    validFrom: isoDate.nullable().default(null),
    validTo: isoDate.nullable().default(null),
    condition: z.string().min(1).max(20_000),
    action: profileActionSchema,
    rationale: z.string().trim().min(10).max(4000),
    shareable: z.boolean().default(false),
  })
  .superRefine((d, ctx) => {
    if (d.action.points === 0 && d.action.forcedChannel === null) {
      ctx.addIssue({ code: 'custom', path: ['action'], message: 'a profile must add points or force a channel' });
    }
    if (d.action.forcedChannel === 'dnl' && (d.scope.modes.length === 0 || d.scope.modes.some((m) => m !== 'air'))) {
      ctx.addIssue({ code: 'custom', path: ['action', 'forcedChannel'], message: 'Do-Not-Load applies to air cargo only: set scope.modes to [air]' });
    }
    if (d.validFrom && d.validTo && (boundMs(d.validTo, true) ?? 0) <= (boundMs(d.validFrom, false) ?? 0)) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must be after validFrom' });
    }
  });

export type ProfileDefinitionInput = z.input<typeof profileDefinitionSchema>;

export interface DefinitionProblem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export function parseDefinition(input: unknown): { ok: true; definition: ProfileDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const r = profileDefinitionSchema.safeParse(input);
  if (r.success) return { ok: true, definition: r.data };
  return { ok: false, problems: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/** A date-only bound covers the whole day: validTo "2026-12-31" is valid until the end of that day (UTC). */
export function boundMs(value: string | null, end: boolean): number | null {
  if (value === null) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 : 0);
  return Date.parse(value);
}
