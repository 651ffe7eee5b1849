// Receiving envelopes from partner nodes. The partner node is the actor, authenticated by the
// envelope signature alone. Each envelope is checked (known key, signature, addressee,
// freshness, replay, order) and then the item against THIS node's own inbound agreement;
// accepted items are stored with their provenance. Receiving is idempotent: a retry of an
// envelope we already accepted is acknowledged again and stores nothing.
import type { Kysely } from 'kysely';
import type { KeyObject } from 'node:crypto';
import type { Actor, Clock } from '../platform/index.js';
import { checkInbound } from './agreement-policy.js';
import { publicKeyFromJwk, verifyEnvelope, type EnvelopePayload } from './envelope.js';
import { getAgreement, itemToRow, partnerFromRow } from './exchange-repository.js';
import type { Marking } from './markings.js';
import type { Agreement } from './agreement.schema.js';
import type { ExchangeInboxRow, ExchangeItemRow, ExchangeSeenSignatureRow, ExchangeTables } from './exchange-tables.js';
import type { ExchangeAudit } from './exchange-service.js';

export const MAX_ENVELOPES_PER_POST = 1000;

/** What the receiver tells listeners about each stored item. */
export interface ReceivedItem {
  id: string;
  kind: string;
  partnerId: string;
  marking: Marking;
}

export type ReceiptStatus = 'accepted' | 'duplicate' | 'rejected';

export interface Receipt {
  /** Position in the posted batch: results are positional, since a forged envelope has no trusted id. */
  index: number;
  status: ReceiptStatus;
  envelopeId?: string;
  seq?: number;
  reason?: string;
  message?: string;
  /** True when sending the same item again later may succeed (clock skew, partner suspended here). */
  retriable?: boolean;
}

export interface InboxServiceDeps {
  db: Kysely<ExchangeTables>;
  nodeId: string;
  clock: Clock;
  audit: ExchangeAudit;
  /** Freshness window for sentAt, either side of our clock. */
  maxSkewMs?: number;
  /** Told after an item from a partner is stored (after commit): the loop adapters listen here. */
  onReceived?: (items: ReceivedItem[]) => void | Promise<void>;
}

// Worth sending again later: a clock out of step, or a partner we suspended for now.
const RETRIABLE = new Set(['stale', 'partner_suspended']);

export function createInboxService(deps: InboxServiceDeps) {
  const { db, clock } = deps;
  const maxSkewMs = deps.maxSkewMs ?? 5 * 60_000;

  async function keyIndex(): Promise<{ byKid: Map<string, { nodeId: string; key: KeyObject }>; status: Map<string, string> }> {
    const rows = await db.selectFrom('exchange_partner').selectAll().execute();
    const byKid = new Map<string, { nodeId: string; key: KeyObject }>();
    const status = new Map<string, string>();
    for (const row of rows) {
      const p = partnerFromRow(row);
      status.set(p.id, p.status);
      for (const jwk of p.jwks.keys) byKid.set(jwk.kid, { nodeId: p.id, key: publicKeyFromJwk(jwk) });
    }
    return { byKid, status };
  }

  return {
    /** Processes a batch in order and answers one receipt per envelope. */
    async receive(envelopes: readonly string[]): Promise<Receipt[]> {
      const at = clock.now();
      const atIso = at.toISOString();
      const keys = await keyIndex();
      const receipts: Receipt[] = [];
      const stored: ReceivedItem[] = [];
      const rejectedAudit: { partner: string; envelopeId: string; reason: string }[] = [];

      // Signatures are checked outside the transaction (CPU only); storage effects inside one.
      const verified = envelopes.map((jws) => verifyEnvelope(jws, (kid) => keys.byKid.get(kid), { self: deps.nodeId, now: at, maxSkewMs }));

      await db.transaction().execute(async (tx) => {
        // Batch look-ups first: one query each instead of one per envelope.
        const ok = verified.flatMap((v) => (v.ok ? [v] : []));
        const hashes = ok.map((v) => v.signatureHash);
        const seen = new Set(hashes.length ? (await tx.selectFrom('exchange_seen_signature').select('signature_hash').where('signature_hash', 'in', hashes).execute()).map((r) => r.signature_hash) : []);
        const envIds = ok.map((v) => v.payload.id);
        const prior = new Map(
          envIds.length ? (await tx.selectFrom('exchange_inbox').select(['envelope_id', 'status', 'reason']).where('envelope_id', 'in', envIds).execute()).map((r) => [r.envelope_id, r]) : [],
        );
        const itemIds = ok.map((v) => v.payload.item.id);
        const heldItems = new Set(itemIds.length ? (await tx.selectFrom('exchange_item').select('id').where('id', 'in', itemIds).execute()).map((r) => r.id) : []);
        const senders = [...new Set(ok.map((v) => v.payload.from))];
        const lastSeq = new Map(
          senders.length ? (await tx.selectFrom('exchange_partner').select(['id', 'last_in_seq']).where('id', 'in', senders).execute()).map((r) => [r.id, r.last_in_seq]) : [],
        );
        const startSeq = new Map(lastSeq);
        const agreements = new Map<string, Agreement | undefined>();
        const blocked = new Set<string>();
        const seenUntil = new Date(at.getTime() + 2 * maxSkewMs).toISOString();
        const seenRows: ExchangeSeenSignatureRow[] = [];
        const itemRows: ExchangeItemRow[] = [];
        const inboxRows: ExchangeInboxRow[] = [];
        const rfaEnvelopes: EnvelopePayload[] = [];

        for (const [index, v] of verified.entries()) {
          if (!v.ok) {
            receipts.push({ index, status: 'rejected', reason: v.reason, message: v.message, retriable: RETRIABLE.has(v.reason), ...(v.envelopeId ? { envelopeId: v.envelopeId } : {}) });
            continue;
          }
          const env: EnvelopePayload = v.payload;
          const base = { index, envelopeId: env.id, seq: env.seq };
          if (blocked.has(env.from)) {
            // An earlier envelope of this partner in the batch will be sent again: accepting later
            // ones now would put them ahead of it.
            receipts.push({ ...base, status: 'rejected', reason: 'blocked_by_earlier', message: 'an earlier envelope in this batch must be delivered first', retriable: true });
            continue;
          }
          const reject = async (reason: string, message: string, record: boolean) => {
            receipts.push({ ...base, status: 'rejected', reason, message, retriable: RETRIABLE.has(reason) });
            if (RETRIABLE.has(reason)) blocked.add(env.from);
            if (record) {
              await tx
                .insertInto('exchange_inbox')
                .values({ envelope_id: env.id, partner_id: env.from, seq: env.seq, item_id: null, status: 'rejected', reason, kid: v.kid, received_at: atIso })
                .onConflict((oc) => oc.column('envelope_id').doNothing())
                .execute();
              prior.set(env.id, { envelope_id: env.id, status: 'rejected', reason });
              rejectedAudit.push({ partner: env.from, envelopeId: env.id, reason });
            }
          };
          if (keys.status.get(env.from) !== 'active') {
            await reject('partner_suspended', `partner ${env.from} is suspended on this node`, false);
            continue;
          }
          if (seen.has(v.signatureHash)) {
            await reject('replay', 'these exact signed bytes were received before', false);
            continue;
          }
          const before = prior.get(env.id);
          if (before?.status === 'accepted') {
            receipts.push({ ...base, status: 'duplicate' });
            continue;
          }
          if (before?.status === 'rejected') {
            receipts.push({ ...base, status: 'rejected', reason: before.reason ?? 'rejected', message: 'this envelope was rejected before', retriable: false });
            continue;
          }
          const last = lastSeq.get(env.from) ?? 0;
          if (env.seq <= last) {
            await reject('out_of_order', `sequence ${env.seq} is not after the last accepted ${last}`, false);
            continue;
          }
          seenRows.push({ signature_hash: v.signatureHash, expires_at: seenUntil });
          seen.add(v.signatureHash);
          lastSeq.set(env.from, env.seq);

          if (!agreements.has(env.from)) agreements.set(env.from, await getAgreement(tx, env.from, 'inbound'));
          const check = checkInbound(env.item, agreements.get(env.from), at);
          if (!check.ok) {
            await reject(check.reason, check.message, true);
            continue;
          }
          if (heldItems.has(env.item.id)) {
            await reject('duplicate_item', `item ${env.item.id} is already held under another envelope`, true);
            continue;
          }
          const row = itemToRow(
            { ...env.item, retainUntil: check.value.retainUntil },
            {
              direction: 'in',
              partnerId: env.from,
              createdBy: `node:${env.from}`,
              receivedAt: atIso,
              provenance: { envelopeId: env.id, seq: env.seq, kid: v.kid, sentAt: env.sentAt, signatureSha256: v.signatureHash, senderRetainUntil: env.item.retainUntil },
            },
          );
          itemRows.push(row);
          inboxRows.push({ envelope_id: env.id, partner_id: env.from, seq: env.seq, item_id: env.item.id, status: 'accepted', reason: null, kid: v.kid, received_at: atIso });
          heldItems.add(env.item.id);
          prior.set(env.id, { envelope_id: env.id, status: 'accepted', reason: null });
          if (env.item.kind === 'rfa') rfaEnvelopes.push(env);
          if (env.item.kind === 'rfa_answer' && env.item.inReplyTo) {
            await tx.updateTable('exchange_rfa').set({ status: 'answered', answer_item_id: env.item.id, answered_at: atIso }).where('item_id', '=', env.item.inReplyTo).where('direction', '=', 'out').execute();
          }
          stored.push({ id: row.id, kind: row.kind, partnerId: env.from, marking: env.item.marking });
          receipts.push({ ...base, status: 'accepted' });
        }
        // Rows are written in multi-row statements at the end: the checks above ran on the
        // in-memory sets, which already include this batch's earlier envelopes.
        for (let i = 0; i < seenRows.length; i += 200) await tx.insertInto('exchange_seen_signature').values(seenRows.slice(i, i + 200)).execute();
        for (let i = 0; i < itemRows.length; i += 50) await tx.insertInto('exchange_item').values(itemRows.slice(i, i + 50)).execute();
        for (let i = 0; i < inboxRows.length; i += 100) await tx.insertInto('exchange_inbox').values(inboxRows.slice(i, i + 100)).execute();
        for (const env of rfaEnvelopes) await recordIncomingRfa(tx, env);
        for (const [partner, seq] of lastSeq) {
          if (seq !== startSeq.get(partner)) await tx.updateTable('exchange_partner').set({ last_in_seq: seq }).where('id', '=', partner).execute();
        }
      });

      for (const item of stored) {
        const node: Actor = { kind: 'node', id: item.partnerId, nodeId: item.partnerId, agency: item.partnerId };
        await deps.audit(node, { action: 'exchange.item_received', targetType: 'exchange_item', targetId: item.id, details: { kind: item.kind, marking: item.marking } });
      }
      for (const r of rejectedAudit) {
        const node: Actor = { kind: 'node', id: r.partner, nodeId: r.partner, agency: r.partner };
        await deps.audit(node, { action: 'exchange.item_refused', targetType: 'envelope', targetId: r.envelopeId, details: { reason: r.reason } });
      }
      if (stored.length > 0) await deps.onReceived?.(stored);
      return receipts;
    },

    /** Forgets replay fingerprints older than the freshness window (they are then rejected as stale anyway). */
    async pruneSeenSignatures(): Promise<number> {
      const res = await db.deleteFrom('exchange_seen_signature').where('expires_at', '<', clock.now().toISOString()).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}

async function recordIncomingRfa(tx: Kysely<ExchangeTables>, env: EnvelopePayload): Promise<void> {
  const question = typeof env.item.payload.question === 'string' ? env.item.payload.question : '';
  const deadline = typeof env.item.payload.deadline === 'string' ? env.item.payload.deadline : env.item.retainUntil;
  await tx.insertInto('exchange_rfa').values({ item_id: env.item.id, direction: 'in', partner_id: env.from, question, deadline, status: 'open', answer_item_id: null, answered_at: null }).execute();
}

export type InboxService = ReturnType<typeof createInboxService>;
