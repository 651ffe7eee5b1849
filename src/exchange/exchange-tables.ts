// Row shapes of the exchange context's tables (snake_case, as stored; JSON as text, times as
// ISO-8601 text, booleans as 0/1).
export interface ExchangePartnerRow {
  id: string;
  name: string;
  base_url: string;
  status: 'active' | 'suspended';
  jwks: string;
  /** Next sequence number to assign to an envelope bound for this partner. */
  next_out_seq: number;
  /** Highest sequence number accepted from this partner (order check). */
  last_in_seq: number;
  created_at: string;
  updated_at: string;
}

export interface ExchangeAgreementRow {
  partner_id: string;
  direction: 'outbound' | 'inbound';
  document: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface ExchangeItemRow {
  id: string;
  direction: 'out' | 'in';
  partner_id: string;
  kind: string;
  originator: string;
  created_at: string;
  created_by: string;
  legal_basis: string;
  purposes: string;
  tlp: string;
  pap: string;
  caveats: string;
  retain_until: string;
  onward_consent: number;
  in_reply_to: string | null;
  /** The local (outbound: unredacted) or received payload. */
  payload: string;
  provenance: string;
  status: 'active' | 'purged' | 'anonymised';
  received_at: string | null;
  purged_at: string | null;
}

export type OutboxStatus = 'awaiting_release' | 'queued' | 'delivered' | 'rejected' | 'refused';

export interface ExchangeOutboxRow {
  item_id: string;
  partner_id: string;
  envelope_id: string;
  seq: number | null;
  status: OutboxStatus;
  /** The item exactly as it will be signed: the agreement's field policy already applied. */
  wire_item: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  reject_reason: string | null;
  created_at: string;
  released_at: string | null;
  released_by: string | null;
  delivered_at: string | null;
}

export interface ExchangeInboxRow {
  envelope_id: string;
  partner_id: string;
  seq: number;
  item_id: string | null;
  status: 'accepted' | 'rejected';
  reason: string | null;
  kid: string;
  received_at: string;
}

export interface ExchangeSeenSignatureRow {
  signature_hash: string;
  expires_at: string;
}

export interface ExchangeHitRow {
  id: string;
  item_id: string;
  subject_ref: string;
  assessment_id: string;
  points: number;
  created_at: string;
}

export interface ExchangeRfaRow {
  item_id: string;
  direction: 'out' | 'in';
  partner_id: string;
  question: string;
  deadline: string;
  status: 'open' | 'answered' | 'closed';
  answer_item_id: string | null;
  answered_at: string | null;
}

export interface ExchangeTables {
  exchange_partner: ExchangePartnerRow;
  exchange_agreement: ExchangeAgreementRow;
  exchange_item: ExchangeItemRow;
  exchange_outbox: ExchangeOutboxRow;
  exchange_inbox: ExchangeInboxRow;
  exchange_seen_signature: ExchangeSeenSignatureRow;
  exchange_hit: ExchangeHitRow;
  exchange_rfa: ExchangeRfaRow;
}
