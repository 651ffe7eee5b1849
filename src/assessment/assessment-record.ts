// The stored assessment as other contexts and the API see it, and the adapter from its row.
// JSON columns are parsed by schema on the way out: rows are outside data like any other.
import { z } from 'zod';
import { CHANNELS, PAP_LEVELS, TLP_LEVELS, type Channel, type Factor, type Marking, type SourceError } from './factor.js';
import { channelPolicySchema } from './channel-policy.js';
import type { AssessmentVersions } from './assessment-engine.js';
import type { ProfileRuntimeError } from './profile-port.js';
import type { AssessmentRow } from './assessment-tables.js';

export type AssessmentTrigger = 'event' | 'sweep' | 'manual';

export interface AssessmentRecord {
  id: string;
  filingId: string;
  filerId: string;
  reference: string;
  filingVersion: number;
  kind: string;
  office: string | null;
  receivedAt: string;
  deadlineAt: string | null;
  assessedAt: string;
  totalPoints: number;
  channel: Channel;
  forcedBy: { source: string; sourceId: string } | null;
  explanation: string;
  factors: Factor[];
  profileErrors: ProfileRuntimeError[];
  sourceErrors: SourceError[];
  versions: AssessmentVersions;
  marking: Marking | null;
  trigger: AssessmentTrigger;
}

const markingSchema = z.strictObject({ tlp: z.enum(TLP_LEVELS), pap: z.enum(PAP_LEVELS).optional() });
const forcedSchema = z.enum(['yellow', 'red', 'dnl']).nullable();
const factorSchema = z.strictObject({
  source: z.string(),
  sourceId: z.string(),
  version: z.string(),
  points: z.number(),
  forcedChannel: forcedSchema,
  reason: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  marking: markingSchema.optional(),
});
const profileErrorSchema = z.strictObject({ profileId: z.string(), profileVersion: z.number(), message: z.string() });
const sourceErrorSchema = z.strictObject({ source: z.string(), sourceId: z.string(), version: z.string(), message: z.string() });
const versionsSchema = z.strictObject({
  profileSet: z.string(),
  profileSetSize: z.number(),
  profiles: z.record(z.string(), z.number()),
  sources: z.record(z.string(), z.string()),
  policy: channelPolicySchema,
});
const forcedBySchema = z.strictObject({ source: z.string(), sourceId: z.string() }).nullable();
const triggerSchema = z.enum(['event', 'sweep', 'manual']);

const json = <T extends z.ZodType>(schema: T, text: string): z.output<T> => schema.parse(JSON.parse(text));

export function fromAssessmentRow(row: AssessmentRow): AssessmentRecord {
  return {
    id: row.id,
    filingId: row.filing_id,
    filerId: row.filer_id,
    reference: row.reference,
    filingVersion: row.filing_version,
    kind: row.kind,
    office: row.office,
    receivedAt: row.received_at,
    deadlineAt: row.deadline_at,
    assessedAt: row.assessed_at,
    totalPoints: row.total_points,
    channel: z.enum(CHANNELS).parse(row.channel),
    forcedBy: row.forced_by === null ? null : json(forcedBySchema, row.forced_by),
    explanation: row.explanation,
    factors: json(z.array(factorSchema), row.factors),
    profileErrors: json(z.array(profileErrorSchema), row.profile_errors),
    sourceErrors: json(z.array(sourceErrorSchema), row.source_errors),
    versions: json(versionsSchema, row.versions),
    marking: row.marking === null ? null : json(markingSchema, row.marking),
    trigger: triggerSchema.parse(row.trigger_kind),
  };
}

export function toAssessmentRow(a: AssessmentRecord): AssessmentRow {
  return {
    id: a.id,
    filing_id: a.filingId,
    filer_id: a.filerId,
    reference: a.reference,
    filing_version: a.filingVersion,
    kind: a.kind,
    office: a.office,
    received_at: a.receivedAt,
    deadline_at: a.deadlineAt,
    assessed_at: a.assessedAt,
    total_points: a.totalPoints,
    channel: a.channel,
    forced_by: a.forcedBy ? JSON.stringify(a.forcedBy) : null,
    explanation: a.explanation,
    factors: JSON.stringify(a.factors),
    profile_errors: JSON.stringify(a.profileErrors),
    source_errors: JSON.stringify(a.sourceErrors),
    versions: JSON.stringify(a.versions),
    marking: a.marking ? JSON.stringify(a.marking) : null,
    trigger_kind: a.trigger,
  };
}
