// Exchanged items: what travels between nodes, with everything a receiver needs to honour the
// originator's conditions (legal basis, purposes, markings, retention, caveats). Payloads are
// kept loosely typed per kind (records, lookouts, results) but always plain JSON objects; the
// kinds that drive automation (lookouts, targeting requests, results) are parsed further where
// they are used.
import { z } from 'zod';
import { markingSchema } from './markings.js';

export const ITEM_KINDS = [
  'lookout',
  'risk_profile',
  'targeting_request',
  'inspection_result',
  'seizure_report',
  'intelligence_report',
  'rfa',
  'rfa_answer',
  // A hit on a partner's lookout, profile or request, reported back to its originator.
  'hit_report',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const NODE_ID_RE = /^[A-Z]{2}-[A-Z0-9-]{2,30}$/;
export const nodeIdSchema = z.string().regex(NODE_ID_RE, 'must look like FR-DGDDI or US-CBP');

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
export const payloadSchema = z.record(z.string(), jsonValueSchema);
export type Payload = z.infer<typeof payloadSchema>;

/** The item as it travels on the wire (after the agreement's field policy). */
export const wireItemSchema = z.strictObject({
  id: z.string().min(8).max(64),
  kind: z.enum(ITEM_KINDS),
  originator: nodeIdSchema,
  createdAt: z.iso.datetime({ offset: true }),
  legalBasis: z.string().min(1).max(2000),
  purposes: z.array(z.string().min(1).max(100)).min(1).max(20),
  marking: markingSchema,
  caveats: z.array(z.string().min(1).max(500)).max(20),
  /** Absolute date after which the receiver must purge (or anonymise) its copy. */
  retainUntil: z.iso.datetime({ offset: true }),
  onwardTransferRequiresConsent: z.boolean(),
  /** The item (of either node) this one answers: a result for a request, an answer for an RFA. */
  inReplyTo: z.string().max(64).optional(),
  payload: payloadSchema,
});
export type WireItem = z.infer<typeof wireItemSchema>;

export interface StoredItem extends WireItem {
  direction: 'out' | 'in';
  partnerId: string;
  status: 'active' | 'purged' | 'anonymised';
  receivedAt: string | null;
  provenance: Record<string, JsonValue>;
}

// Typed views of the payloads that drive automation. Extra fields are allowed (and subject to
// the agreement's field policy); these are the ones Tandem reads.
export const lookoutPayloadSchema = z.looseObject({
  subject: z.looseObject({
    type: z.enum(['party', 'container', 'hs_code', 'vessel']),
    value: z.string().min(1),
  }),
  reason: z.string().min(1),
  points: z.number().min(0).max(100),
});
export type LookoutPayload = z.infer<typeof lookoutPayloadSchema>;

export const riskProfilePayloadSchema = z.looseObject({
  name: z.string().min(1),
  points: z.number().min(0).max(100),
  /** Simple conjunctive criteria this node can apply on its own filings. */
  criteria: z.looseObject({
    hsPrefix: z.string().optional(),
    originCountry: z.string().optional(),
    dischargePlace: z.string().optional(),
    loadingPlace: z.string().optional(),
  }),
});
export type RiskProfilePayload = z.infer<typeof riskProfilePayloadSchema>;

export const targetingRequestPayloadSchema = z.looseObject({
  containerNumber: z.string().min(4),
  dischargePlace: z.string().optional(),
  requestedAction: z.string().default('inspect'),
  reason: z.string().min(1),
  points: z.number().min(0).max(100).default(80),
});
export type TargetingRequestPayload = z.infer<typeof targetingRequestPayloadSchema>;
