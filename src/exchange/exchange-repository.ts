// Row ↔ domain adapters and the queries the exchange services share. Every function takes an
// Executor, so the services decide the transaction.
import { z } from 'zod';
import type { Executor } from '../platform/index.js';
import { agreementSchema, type Agreement } from './agreement.schema.js';
import { ITEM_KINDS, jsonValueSchema, payloadSchema, type JsonValue, type StoredItem, type WireItem } from './exchange-item.schema.js';
import type { ExchangeItemRow, ExchangeOutboxRow, ExchangePartnerRow, ExchangeTables } from './exchange-tables.js';
import { markingSchema } from './markings.js';
import { jwksSchema, type Jwks } from './node-identity.js';

export interface Partner {
  id: string;
  name: string;
  baseUrl: string;
  status: 'active' | 'suspended';
  jwks: Jwks;
  createdAt: string;
  updatedAt: string;
}

export function partnerFromRow(row: ExchangePartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    status: row.status,
    jwks: jwksSchema.parse(JSON.parse(row.jwks)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getPartnerRow(db: Executor<ExchangeTables>, id: string): Promise<ExchangePartnerRow | undefined> {
  return db.selectFrom('exchange_partner').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getAgreement(db: Executor<ExchangeTables>, partnerId: string, direction: Agreement['direction']): Promise<Agreement | undefined> {
  const row = await db
    .selectFrom('exchange_agreement')
    .select('document')
    .where('partner_id', '=', partnerId)
    .where('direction', '=', direction)
    .executeTakeFirst();
  return row ? agreementSchema.parse(JSON.parse(row.document)) : undefined;
}

const stringArray = z.array(z.string());
const provenanceSchema = z.record(z.string(), jsonValueSchema);

export function itemFromRow(row: ExchangeItemRow): StoredItem {
  return {
    id: row.id,
    kind: z.enum(ITEM_KINDS).parse(row.kind),
    originator: row.originator,
    createdAt: row.created_at,
    legalBasis: row.legal_basis,
    purposes: stringArray.parse(JSON.parse(row.purposes)),
    marking: markingSchema.parse({ tlp: row.tlp, pap: row.pap }),
    caveats: stringArray.parse(JSON.parse(row.caveats)),
    retainUntil: row.retain_until,
    onwardTransferRequiresConsent: row.onward_consent === 1,
    ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
    payload: payloadSchema.parse(JSON.parse(row.payload)),
    direction: row.direction,
    partnerId: row.partner_id,
    status: row.status,
    receivedAt: row.received_at,
    provenance: provenanceSchema.parse(JSON.parse(row.provenance)),
  };
}

export function itemToRow(
  item: WireItem,
  extra: { direction: 'out' | 'in'; partnerId: string; createdBy: string; receivedAt: string | null; provenance: Record<string, JsonValue> },
): ExchangeItemRow {
  return {
    id: item.id,
    direction: extra.direction,
    partner_id: extra.partnerId,
    kind: item.kind,
    originator: item.originator,
    created_at: item.createdAt,
    created_by: extra.createdBy,
    legal_basis: item.legalBasis,
    purposes: JSON.stringify(item.purposes),
    tlp: item.marking.tlp,
    pap: item.marking.pap,
    caveats: JSON.stringify(item.caveats),
    retain_until: item.retainUntil,
    onward_consent: item.onwardTransferRequiresConsent ? 1 : 0,
    in_reply_to: item.inReplyTo ?? null,
    payload: JSON.stringify(item.payload),
    provenance: JSON.stringify(extra.provenance),
    status: 'active',
    received_at: extra.receivedAt,
    purged_at: null,
  };
}

export async function getItemRow(db: Executor<ExchangeTables>, id: string): Promise<ExchangeItemRow | undefined> {
  return db.selectFrom('exchange_item').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface OutboxEntry {
  itemId: string;
  partnerId: string;
  envelopeId: string;
  seq: number | null;
  status: ExchangeOutboxRow['status'];
  kind: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  rejectReason: string | null;
  createdAt: string;
  releasedAt: string | null;
  releasedBy: string | null;
  deliveredAt: string | null;
}

export function outboxFromRow(row: ExchangeOutboxRow): OutboxEntry {
  // The kind is read from the stored wire item without parsing all of it.
  const kind = /"kind":"([a-z_]+)"/.exec(row.wire_item)?.[1] ?? 'unknown';
  return {
    itemId: row.item_id,
    partnerId: row.partner_id,
    envelopeId: row.envelope_id,
    seq: row.seq,
    status: row.status,
    kind,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    rejectReason: row.reject_reason,
    createdAt: row.created_at,
    releasedAt: row.released_at,
    releasedBy: row.released_by,
    deliveredAt: row.delivered_at,
  };
}

/** Reserves `count` consecutive sequence numbers for envelopes bound for a partner. */
export async function reserveSequence(db: Executor<ExchangeTables>, partnerId: string, count: number): Promise<number> {
  const row = await db
    .updateTable('exchange_partner')
    .set((eb) => ({ next_out_seq: eb('next_out_seq', '+', count) }))
    .where('id', '=', partnerId)
    .returning('next_out_seq')
    .executeTakeFirstOrThrow();
  return row.next_out_seq - count;
}
