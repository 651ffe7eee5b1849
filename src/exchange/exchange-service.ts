// The exchange use cases a person (or the system, for standing rules) performs: partners,
// agreements, sharing an item, releasing it, and reading the outbox and the inbox. Delivery
// and reception live in delivery-worker.ts and inbox-service.ts.
import type { Kysely } from 'kysely';
import {
  forbidden,
  hasRole,
  newId,
  notFound,
  conflict,
  unprocessable,
  validationFailed,
  actorLabel,
  type Actor,
  type Clock,
  type Role,
} from '../platform/index.js';
import { agreementSchema, type Agreement, type AgreementInput } from './agreement.schema.js';
import { prepareOutbound } from './agreement-policy.js';
import { nodeIdSchema, payloadSchema, type ItemKind, type Payload, type StoredItem } from './exchange-item.schema.js';
import {
  getAgreement,
  getItemRow,
  getPartnerRow,
  itemFromRow,
  itemToRow,
  outboxFromRow,
  partnerFromRow,
  reserveSequence,
  type OutboxEntry,
  type Partner,
} from './exchange-repository.js';
import type { ExchangeOutboxRow, ExchangeTables, OutboxStatus } from './exchange-tables.js';
import { deriveMarking, type Marking } from './markings.js';
import { jwksSchema, type Jwks, type NodeIdentity } from './node-identity.js';

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

export interface ShareResult {
  item: StoredItem;
  outbox: OutboxEntry;
  /** The standing rule that released it, if any; otherwise it waits for a liaison officer. */
  autoReleasedBy: string | null;
}

const SHARE_ROLES: Role[] = ['analyst', 'targeter', 'liaison', 'inspector', 'supervisor'];
const READ_ROLES: Role[] = ['analyst', 'targeter', 'liaison', 'supervisor', 'dpo'];

function requireRole(actor: Actor, roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw forbidden(`this action needs one of the roles: ${roles.join(', ')}`, { roles });
}

/** The standing rule of the agreement that releases this item without a person, if any. */
async function standingRule(db: Kysely<ExchangeTables>, agreement: Agreement, kind: ItemKind, inReplyTo: string | undefined): Promise<string | null> {
  if (!inReplyTo || agreement.autoRelease.length === 0) return null;
  const replied = await getItemRow(db, inReplyTo);
  if (!replied || replied.direction !== 'in' || replied.partner_id !== agreement.partner) return null;
  const rules = agreement.autoRelease;
  if (rules.includes('result_answering_partner_request') && (kind === 'inspection_result' || kind === 'seizure_report') && (replied.kind === 'targeting_request' || replied.kind === 'lookout')) {
    return 'result_answering_partner_request';
  }
  if (rules.includes('hit_on_partner_item') && kind === 'hit_report' && ['lookout', 'risk_profile', 'targeting_request'].includes(replied.kind)) {
    return 'hit_on_partner_item';
  }
  if (rules.includes('answer_to_partner_rfa') && kind === 'rfa_answer' && replied.kind === 'rfa') return 'answer_to_partner_rfa';
  return null;
}

export function createExchangeService(deps: ExchangeServiceDeps) {
  const { db, identity, clock, audit } = deps;
  const now = () => clock.now();
  // Sharing is a hot path (thousands of items a second); partner and agreement are read from a
  // short-lived cache. Changes made through this service clear it at once; changes made by
  // another process are seen within CACHE_MS. Delivery always re-reads the partner's status.
  const CACHE_MS = 1000;
  const cache = new Map<string, { partner: Partner; agreement: Agreement | undefined; at: number }>();
  async function partnerAndAgreement(id: string): Promise<{ partner: Partner; agreement: Agreement | undefined }> {
    const hit = cache.get(id);
    if (hit && now().getTime() - hit.at < CACHE_MS) return hit;
    const partner = await requirePartner(id);
    const entry = { partner, agreement: await getAgreement(db, id, 'outbound'), at: now().getTime() };
    cache.set(id, entry);
    return entry;
  }

  async function requirePartner(id: string): Promise<Partner> {
    const row = await getPartnerRow(db, id);
    if (!row) throw notFound('partner', id);
    return partnerFromRow(row);
  }

  return {
    nodeId: identity.nodeId,

    // region partners
    async addPartner(actor: Actor, input: { id: string; name?: string; baseUrl: string; jwks: Jwks }): Promise<Partner> {
      requireRole(actor, ['admin']);
      const id = nodeIdSchema.parse(input.id);
      if (id === identity.nodeId) throw validationFailed('a node cannot be its own partner');
      const url = new URL(input.baseUrl); // throws on a malformed URL
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw validationFailed('partner URL must be http(s)');
      const jwks = jwksSchema.parse(input.jwks);
      if (await getPartnerRow(db, id)) throw conflict('PARTNER_EXISTS', `partner ${id} is already registered`);
      const at = now().toISOString();
      await db
        .insertInto('exchange_partner')
        .values({ id, name: input.name ?? id, base_url: url.toString().replace(/\/$/, ''), status: 'active', jwks: JSON.stringify(jwks), next_out_seq: 1, last_in_seq: 0, created_at: at, updated_at: at })
        .execute();
      cache.clear();
      await audit(actor, { action: 'exchange.partner_added', targetType: 'partner', targetId: id, details: { baseUrl: input.baseUrl, kids: jwks.keys.map((k) => k.kid) } });
      return requirePartner(id);
    },

    /** Replaces a partner's URL or keys (after a rotation on their side). */
    async updatePartner(actor: Actor, id: string, input: { baseUrl?: string; jwks?: Jwks; name?: string }): Promise<Partner> {
      requireRole(actor, ['admin']);
      await requirePartner(id);
      const set: { updated_at: string; base_url?: string; jwks?: string; name?: string } = { updated_at: now().toISOString() };
      if (input.baseUrl) set.base_url = new URL(input.baseUrl).toString().replace(/\/$/, '');
      if (input.jwks) set.jwks = JSON.stringify(jwksSchema.parse(input.jwks));
      if (input.name) set.name = input.name;
      await db.updateTable('exchange_partner').set(set).where('id', '=', id).execute();
      cache.clear();
      await audit(actor, { action: 'exchange.partner_updated', targetType: 'partner', targetId: id, details: { fields: Object.keys(input) } });
      return requirePartner(id);
    },

    async listPartners(actor: Actor): Promise<Partner[]> {
      requireRole(actor, [...READ_ROLES, 'admin']);
      const rows = await db.selectFrom('exchange_partner').selectAll().orderBy('id').execute();
      return rows.map(partnerFromRow);
    },

    async setPartnerStatus(actor: Actor, id: string, status: Partner['status']): Promise<Partner> {
      requireRole(actor, ['admin', 'supervisor']);
      await requirePartner(id);
      await db.updateTable('exchange_partner').set({ status, updated_at: now().toISOString() }).where('id', '=', id).execute();
      cache.clear();
      await audit(actor, { action: status === 'suspended' ? 'exchange.partner_suspended' : 'exchange.partner_activated', targetType: 'partner', targetId: id });
      if (status === 'active') deps.onQueued?.(id);
      return requirePartner(id);
    },
    // endregion

    // region agreements
    async setAgreement(actor: Actor, input: AgreementInput): Promise<Agreement> {
      requireRole(actor, ['admin', 'supervisor']);
      const agreement = agreementSchema.parse(input);
      await requirePartner(agreement.partner);
      const at = now().toISOString();
      const existing = await db
        .selectFrom('exchange_agreement')
        .select('version')
        .where('partner_id', '=', agreement.partner)
        .where('direction', '=', agreement.direction)
        .executeTakeFirst();
      const row = { document: JSON.stringify(agreement), updated_at: at, updated_by: actorLabel(actor) };
      if (existing) {
        await db
          .updateTable('exchange_agreement')
          .set({ ...row, version: existing.version + 1 })
          .where('partner_id', '=', agreement.partner)
          .where('direction', '=', agreement.direction)
          .execute();
      } else {
        await db.insertInto('exchange_agreement').values({ ...row, partner_id: agreement.partner, direction: agreement.direction, version: 1 }).execute();
      }
      cache.clear();
      await audit(actor, { action: 'exchange.agreement_set', targetType: 'agreement', targetId: `${agreement.partner}/${agreement.direction}`, details: { version: (existing?.version ?? 0) + 1 } });
      return agreement;
    },

    async listAgreements(actor: Actor, partnerId?: string): Promise<(Agreement & { version: number; updatedAt: string })[]> {
      requireRole(actor, [...READ_ROLES, 'admin']);
      let q = db.selectFrom('exchange_agreement').selectAll().orderBy('partner_id').orderBy('direction');
      if (partnerId) q = q.where('partner_id', '=', partnerId);
      const rows = await q.execute();
      return rows.map((r) => ({ ...agreementSchema.parse(JSON.parse(r.document)), version: r.version, updatedAt: r.updated_at }));
    },
    // endregion

    // region sharing and release
    async share(actor: Actor, input: ShareInput): Promise<ShareResult> {
      requireRole(actor, SHARE_ROLES);
      const { partner, agreement } = await partnerAndAgreement(input.partner);
      if (!agreement) throw unprocessable('NO_AGREEMENT', `there is no outbound agreement with ${partner.id}`);
      const payload = payloadSchema.parse(input.payload);

      // Markings of derived items are never weaker than their sources (invariant 4).
      const sourceIds = [...new Set([...(input.derivedFrom ?? []), ...(input.inReplyTo ? [input.inReplyTo] : [])])];
      const sources: StoredItem[] = [];
      for (const id of sourceIds) {
        const row = await getItemRow(db, id);
        if (!row) {
          if (input.derivedFrom?.includes(id)) throw notFound('exchange item', id);
          continue; // a reply may answer an item this node no longer holds; only derivation is checked
        }
        sources.push(itemFromRow(row));
      }
      for (const s of sources) {
        const derived = input.derivedFrom?.includes(s.id) ?? false;
        if (derived && s.direction === 'in' && s.originator !== partner.id && s.onwardTransferRequiresConsent) {
          throw forbidden(`item ${s.id} came from ${s.originator}; passing it on to ${partner.id} needs the originator's consent`, { code: 'ONWARD_TRANSFER_NEEDS_CONSENT', item: s.id });
        }
      }
      const derived = deriveMarking(
        sources.filter((s) => s.direction === 'in').map((s) => ({ marking: s.marking, caveats: s.caveats })),
        input.marking,
      );
      const at = now();
      const prepared = prepareOutbound(
        {
          id: newId(at.getTime()),
          kind: input.kind,
          originator: identity.nodeId,
          createdAt: at.toISOString(),
          payload,
          ...(sources.some((s) => s.direction === 'in') || input.marking ? { marking: derived.marking } : {}),
          ...(input.purposes ? { purposes: input.purposes } : {}),
          caveats: [...derived.caveats, ...(input.caveats ?? [])],
          ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
        },
        agreement,
        at,
      );
      if (!prepared.ok) throw unprocessable(prepared.reason.toUpperCase(), prepared.message, { reason: prepared.reason });
      const wire = prepared.value;
      const rule = await standingRule(db, agreement, input.kind, input.inReplyTo);

      const itemRow = itemToRow({ ...wire, payload }, { direction: 'out', partnerId: partner.id, createdBy: actorLabel(actor), receivedAt: null, provenance: { derivedFrom: input.derivedFrom ?? [] } });
      const outRow: ExchangeOutboxRow = {
        item_id: wire.id,
        partner_id: partner.id,
        envelope_id: newId(at.getTime()),
        seq: null,
        status: rule ? 'queued' : 'awaiting_release',
        wire_item: JSON.stringify(wire),
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
        reject_reason: null,
        created_at: at.toISOString(),
        released_at: rule ? at.toISOString() : null,
        released_by: rule ? `rule:${rule}` : null,
        delivered_at: null,
      };
      await db.transaction().execute(async (tx) => {
        // The local copy keeps the full payload (it is our own data); the wire copy is redacted.
        await tx.insertInto('exchange_item').values(itemRow).execute();
        if (rule) outRow.seq = await reserveSequence(tx, partner.id, 1);
        await tx.insertInto('exchange_outbox').values(outRow).execute();
      });
      await audit(actor, { action: 'exchange.item_created', targetType: 'exchange_item', targetId: wire.id, details: { partner: partner.id, kind: wire.kind, marking: wire.marking } });
      if (rule) {
        await audit(actor, { action: 'exchange.item_released', targetType: 'exchange_item', targetId: wire.id, details: { partner: partner.id, kind: wire.kind, rule } });
        deps.onQueued?.(partner.id);
      }
      const item: StoredItem = { ...wire, payload, direction: 'out', partnerId: partner.id, status: 'active', receivedAt: null, provenance: { derivedFrom: input.derivedFrom ?? [] } };
      return { item, outbox: outboxFromRow(outRow), autoReleasedBy: rule };
    },

    /** A liaison officer lets an item leave: it gets the next sequence number and is queued. */
    async release(actor: Actor, itemId: string): Promise<OutboxEntry> {
      const [entry] = await this.releaseMany(actor, [itemId]);
      if (!entry) throw notFound('outbox item', itemId);
      return entry;
    },

    /** Releases several items at once, in the order given (one transaction, consecutive sequence numbers). */
    async releaseMany(actor: Actor, itemIds: readonly string[]): Promise<OutboxEntry[]> {
      requireRole(actor, ['liaison']);
      if (itemIds.length === 0) return [];
      const at = now().toISOString();
      const by = actorLabel(actor);
      const released = await db.transaction().execute(async (tx) => {
        const rows = await tx.selectFrom('exchange_outbox').selectAll().where('item_id', 'in', [...itemIds]).execute();
        const byId = new Map(rows.map((r) => [r.item_id, r]));
        const ordered = itemIds.map((id) => {
          const row = byId.get(id);
          if (!row) throw notFound('outbox item', id);
          if (row.status !== 'awaiting_release') throw conflict('NOT_AWAITING_RELEASE', `item ${id} is ${row.status}, not awaiting release`);
          return row;
        });
        const perPartner = new Map<string, ExchangeOutboxRow[]>();
        for (const r of ordered) perPartner.set(r.partner_id, [...(perPartner.get(r.partner_id) ?? []), r]);
        for (const [partnerId, list] of perPartner) {
          let seq = await reserveSequence(tx, partnerId, list.length);
          for (const r of list) {
            await tx.updateTable('exchange_outbox').set({ status: 'queued', seq, released_at: at, released_by: by }).where('item_id', '=', r.item_id).execute();
            Object.assign(r, { status: 'queued', seq: seq++, released_at: at, released_by: by });
          }
        }
        return ordered;
      });
      for (const r of released) {
        await audit(actor, { action: 'exchange.item_released', targetType: 'exchange_item', targetId: r.item_id, details: { partner: r.partner_id } });
      }
      for (const p of new Set(released.map((r) => r.partner_id))) deps.onQueued?.(p);
      return released.map(outboxFromRow);
    },

    /** Sends a rejected item again (e.g. after the partner registered our new key). */
    async requeue(actor: Actor, itemId: string): Promise<OutboxEntry> {
      requireRole(actor, ['liaison']);
      const row = await db.selectFrom('exchange_outbox').selectAll().where('item_id', '=', itemId).executeTakeFirst();
      if (!row) throw notFound('outbox item', itemId);
      if (row.status !== 'rejected') throw conflict('NOT_REJECTED', `item ${itemId} is ${row.status}; only rejected items can be sent again`);
      await db.transaction().execute(async (tx) => {
        const seq = await reserveSequence(tx, row.partner_id, 1);
        // A new envelope id: the receiver may have recorded the rejected one.
        await tx
          .updateTable('exchange_outbox')
          .set({ status: 'queued', seq, envelope_id: newId(now().getTime()), attempts: 0, next_attempt_at: null, reject_reason: null, last_error: null })
          .where('item_id', '=', itemId)
          .execute();
      });
      await audit(actor, { action: 'exchange.item_requeued', targetType: 'exchange_item', targetId: itemId, details: { partner: row.partner_id } });
      deps.onQueued?.(row.partner_id);
      return outboxFromRow(await db.selectFrom('exchange_outbox').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow());
    },
    // endregion

    // region reading
    async listOutbox(actor: Actor, q: { partner?: string; status?: OutboxStatus; limit?: number } = {}): Promise<OutboxEntry[]> {
      requireRole(actor, [...READ_ROLES, 'admin']);
      let query = db.selectFrom('exchange_outbox').selectAll().orderBy('created_at', 'desc').limit(Math.min(q.limit ?? 100, 1000));
      if (q.partner) query = query.where('partner_id', '=', q.partner);
      if (q.status) query = query.where('status', '=', q.status);
      return (await query.execute()).map(outboxFromRow);
    },

    /** Items this node originated (its own data), newest first. */
    async listOutboundItems(actor: Actor, q: { partner?: string; limit?: number } = {}): Promise<StoredItem[]> {
      requireRole(actor, READ_ROLES);
      let query = db.selectFrom('exchange_item').selectAll().where('direction', '=', 'out').orderBy('created_at', 'desc').limit(Math.min(q.limit ?? 1000, 10_000));
      if (q.partner) query = query.where('partner_id', '=', q.partner);
      return (await query.execute()).map(itemFromRow);
    },

    /** Partner items held by this node; the read is audited. */
    async listInbox(actor: Actor, q: { partner?: string; kind?: ItemKind; limit?: number } = {}): Promise<StoredItem[]> {
      requireRole(actor, READ_ROLES);
      let query = db.selectFrom('exchange_item').selectAll().where('direction', '=', 'in').orderBy('received_at', 'desc').limit(Math.min(q.limit ?? 100, 1000));
      if (q.partner) query = query.where('partner_id', '=', q.partner);
      if (q.kind) query = query.where('kind', '=', q.kind);
      const items = (await query.execute()).map(itemFromRow);
      if (items.length > 0) {
        await audit(actor, { action: 'exchange.partner_items_read', targetType: 'exchange_item', targetId: items.length === 1 ? (items[0]?.id ?? '') : `${items.length} items`, details: { ids: items.map((i) => i.id) } });
      }
      return items;
    },

    /** One item with the replies it received (e.g. the result on our targeting request). */
    async getItem(actor: Actor, id: string): Promise<{ item: StoredItem; replies: StoredItem[]; outbox: OutboxEntry | null }> {
      requireRole(actor, READ_ROLES);
      const row = await getItemRow(db, id);
      if (!row) throw notFound('exchange item', id);
      const replies = (await db.selectFrom('exchange_item').selectAll().where('in_reply_to', '=', id).orderBy('created_at').execute()).map(itemFromRow);
      const out = await db.selectFrom('exchange_outbox').selectAll().where('item_id', '=', id).executeTakeFirst();
      const item = itemFromRow(row);
      const partnerIds = [item, ...replies].filter((i) => i.direction === 'in').map((i) => i.id);
      if (partnerIds.length > 0) await audit(actor, { action: 'exchange.partner_items_read', targetType: 'exchange_item', targetId: id, details: { ids: partnerIds } });
      return { item, replies, outbox: out ? outboxFromRow(out) : null };
    },
    // endregion
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
