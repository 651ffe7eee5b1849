// Types shared by the exchange services, and the standing release rules of an agreement.
import type { Kysely } from 'kysely';
import type { Actor, Clock } from '../platform/index.js';
import type { Agreement } from './agreement.schema.js';
import type { ItemKind, Payload, StoredItem } from './exchange-item.schema.js';
import { getItemRow, type OutboxEntry } from './exchange-repository.js';
import type { ExchangeItemRow, ExchangeOutboxRow, ExchangeTables } from './exchange-tables.js';
import type { Marking } from './markings.js';
import type { NodeIdentity } from './node-identity.js';

export interface ExchangeAuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}
/** The access context's audit log, bound to its storage by the app. */
export type ExchangeAudit = (actor: Actor, entry: ExchangeAuditEntry) => Promise<void>;

export interface ExchangeServiceDeps {
  db: Kysely<ExchangeTables>;
  identity: NodeIdentity;
  clock: Clock;
  audit: ExchangeAudit;
  /** Told when items are queued for a partner, so delivery can start at once. */
  onQueued?: (partnerId: string) => void;
}

export interface ShareInput {
  partner: string;
  kind: ItemKind;
  payload: Payload;
  marking?: Marking;
  purposes?: string[];
  caveats?: string[];
  inReplyTo?: string;
  /** Items (ours or a partner's) this one is derived from: its marking is never weaker. */
  derivedFrom?: string[];
}

export interface PreparedShare {
  item: StoredItem;
  itemRow: ExchangeItemRow;
  outRow: ExchangeOutboxRow;
  rule: string | null;
}

export interface ShareResult {
  item: StoredItem;
  outbox: OutboxEntry;
  /** The standing rule that released it, if any; otherwise it waits for a liaison officer. */
  autoReleasedBy: string | null;
}

export /** The standing rule of the agreement that releases this item without a person, if any. */
async function standingRule(
  db: Kysely<ExchangeTables>,
  agreement: Agreement,
  kind: ItemKind,
  inReplyTo: string | undefined,
): Promise<string | null> {
  if (!inReplyTo || agreement.autoRelease.length === 0) return null;
  const replied = await getItemRow(db, inReplyTo);
  if (!replied || replied.direction !== 'in' || replied.partner_id !== agreement.partner) return null;
  const rules = agreement.autoRelease;
  if (
    rules.includes('result_answering_partner_request') &&
    (kind === 'inspection_result' || kind === 'seizure_report') &&
    (replied.kind === 'targeting_request' || replied.kind === 'lookout')
  ) {
    return 'result_answering_partner_request';
  }
  if (
    rules.includes('hit_on_partner_item') &&
    kind === 'hit_report' &&
    ['lookout', 'risk_profile', 'targeting_request'].includes(replied.kind)
  ) {
    return 'hit_on_partner_item';
  }
  if (rules.includes('answer_to_partner_rfa') && kind === 'rfa_answer' && replied.kind === 'rfa') return 'answer_to_partner_rfa';
  return null;
}
