// The referral, its statuses and the inputs of targeter and inspector actions.
import { z } from 'zod';
import { CHANNELS, type Channel } from '../assessment/index.js';
import type { InspectionFindingRow, InspectionRow, ReferralActionRow, ReferralRow } from './targeting-tables.js';

export const REFERRAL_STATUSES = ['open', 'held', 'inspection_ordered', 'dnl_issued', 'released', 'inspected', 'superseded'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const ACTIVE_STATUSES: readonly ReferralStatus[] = ['open', 'held', 'inspection_ordered', 'dnl_issued'];
export const isActive = (s: string): boolean => ACTIVE_STATUSES.some((a) => a === s);

export const INSPECTION_TYPES = ['documentary', 'nii_scan', 'physical'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];
/** Documentary checks are desk work; scans and physical examinations use the office's capacity. */
export const usesCapacity = (t: InspectionType): boolean => t !== 'documentary';

const reason = z.string().trim().min(3, 'a reason of at least 3 characters is required').max(2000);

export const referralActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('release'), reason, expectedVersion: z.number().int().optional() }),
  z.strictObject({ action: z.literal('hold'), reason, expectedVersion: z.number().int().optional() }),
  z.strictObject({
    action: z.literal('order_inspection'),
    reason,
    inspectionType: z.enum(INSPECTION_TYPES),
    /** office day whose capacity the inspection uses; today when absent */
    day: z.iso.date().optional(),
    expectedVersion: z.number().int().optional(),
  }),
  z.strictObject({ action: z.literal('issue_dnl'), reason, expectedVersion: z.number().int().optional() }),
]);
export type ReferralActionInput = z.input<typeof referralActionSchema>;

export const findingSchema = z.strictObject({
  category: z.string().trim().min(2).max(80),
  description: z.string().trim().min(1).max(2000),
  quantity: z.number().nonnegative().finite().nullable().optional(),
  quantityUnit: z.string().trim().max(20).nullable().optional(),
  weightKg: z.number().nonnegative().finite().nullable().optional(),
  seizureReference: z.string().trim().max(80).nullable().optional(),
});

export const inspectionResultSchema = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('no_finding'), notes: z.string().max(4000).optional() }),
  z.strictObject({ result: z.literal('finding'), findings: z.array(findingSchema).min(1).max(100), notes: z.string().max(4000).optional() }),
]);
export type InspectionResultInput = z.input<typeof inspectionResultSchema>;

export interface Referral {
  id: string;
  assessmentId: string;
  filingId: string;
  filerId: string;
  reference: string;
  filingVersion: number;
  office: string;
  kind: string;
  channel: Channel;
  totalPoints: number;
  deadlineAt: string | null;
  selection: 'risk' | 'random_control';
  status: ReferralStatus;
  summary: string[];
  threats: string[];
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
}

export interface ReferralActionEntry {
  action: string;
  reason: string;
  actor: string;
  at: string;
  fromStatus: string;
  toStatus: string;
}

export interface Finding {
  category: string;
  description: string;
  quantity: number | null;
  quantityUnit: string | null;
  weightKg: number | null;
  seizureReference: string | null;
}

export interface Inspection {
  id: string;
  referralId: string;
  filingId: string;
  office: string;
  type: InspectionType;
  day: string;
  randomControl: boolean;
  status: 'ordered' | 'completed' | 'cancelled';
  orderedAt: string;
  orderedBy: string;
  result: 'no_finding' | 'finding' | null;
  recordedAt: string | null;
  recordedBy: string | null;
  notes: string | null;
  findings: Finding[];
}

export function fromReferralRow(r: ReferralRow): Referral {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    filingId: r.filing_id,
    filerId: r.filer_id,
    reference: r.reference,
    filingVersion: r.filing_version,
    office: r.office,
    kind: r.kind,
    channel: z.enum(CHANNELS).parse(r.channel),
    totalPoints: r.total_points,
    deadlineAt: r.deadline_at,
    selection: z.enum(['risk', 'random_control']).parse(r.selection),
    status: z.enum(REFERRAL_STATUSES).parse(r.status),
    summary: z.array(z.string()).parse(JSON.parse(r.summary)),
    threats: z.array(z.string()).parse(JSON.parse(r.threats)),
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    version: r.version,
  };
}

export function fromActionRow(r: ReferralActionRow): ReferralActionEntry {
  return { action: r.action, reason: r.reason, actor: r.actor, at: r.at, fromStatus: r.from_status, toStatus: r.to_status };
}

export function fromInspectionRow(r: InspectionRow, findings: InspectionFindingRow[]): Inspection {
  return {
    id: r.id,
    referralId: r.referral_id,
    filingId: r.filing_id,
    office: r.office,
    type: z.enum(INSPECTION_TYPES).parse(r.type),
    day: r.day,
    randomControl: r.random_control === 1,
    status: z.enum(['ordered', 'completed', 'cancelled']).parse(r.status),
    orderedAt: r.ordered_at,
    orderedBy: r.ordered_by,
    result: z.enum(['no_finding', 'finding']).nullable().parse(r.result),
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    notes: r.notes,
    findings: findings
      .sort((a, b) => a.position - b.position)
      .map((f) => ({
        category: f.category,
        description: f.description,
        quantity: f.quantity,
        quantityUnit: f.quantity_unit,
        weightKg: f.weight_kg,
        seizureReference: f.seizure_reference,
      })),
  };
}
