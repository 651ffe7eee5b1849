// A data-sharing agreement as one node holds it, per partner and direction. Each node keeps its
// OWN copy: the sender applies its outbound copy before anything leaves, the receiver checks
// its inbound copy before anything is stored. Neither trusts the other's enforcement.
import { z } from 'zod';
import { ITEM_KINDS, nodeIdSchema } from './exchange-item.schema.js';
import { markingSchema } from './markings.js';

/** Dotted paths into the payload; `*` walks every element of an array (`parties.*.dateOfBirth`). */
const fieldPath = z.string().regex(/^[A-Za-z0-9_]+(\.([A-Za-z0-9_]+|\*))*$/, 'must be a dotted path such as parties.*.dateOfBirth');

export const kindPolicySchema = z.strictObject({
  /** Removed before signing: never on the wire. */
  removeFields: z.array(fieldPath).default([]),
  /** Replaced by "[MASKED]" before signing. */
  maskFields: z.array(fieldPath).default([]),
});
export type KindPolicy = z.infer<typeof kindPolicySchema>;

export const AUTO_RELEASE_RULES = [
  // the inspection result or seizure report answering that partner's own targeting request
  'result_answering_partner_request',
  // a hit report on that partner's own lookout, profile or request
  'hit_on_partner_item',
  // the answer to that partner's request for assistance
  'answer_to_partner_rfa',
] as const;

export const agreementSchema = z.strictObject({
  partner: nodeIdSchema,
  direction: z.enum(['outbound', 'inbound']),
  legalBasis: z.string().min(1).max(2000),
  kinds: z.partialRecord(z.enum(ITEM_KINDS), kindPolicySchema),
  defaultMarking: markingSchema,
  maxMarking: markingSchema,
  purposes: z.array(z.string().min(1).max(100)).min(1),
  retentionDays: z.number().int().min(1).max(36_500),
  /** What happens at the retention date: delete the item, or keep it with these fields blanked. */
  retentionAction: z.enum(['purge', 'anonymise']).default('purge'),
  anonymiseFields: z.array(fieldPath).default([]),
  onwardTransferRequiresConsent: z.boolean().default(true),
  autoRelease: z.array(z.enum(AUTO_RELEASE_RULES)).default([]),
  caveats: z.array(z.string().min(1).max(500)).default([]),
});
export type Agreement = z.infer<typeof agreementSchema>;
export type AgreementInput = z.input<typeof agreementSchema>;

/** An agreement file holds one agreement or several (typically both directions for a partner). */
export const agreementFileSchema = z.union([agreementSchema, z.array(agreementSchema).min(1)]);
