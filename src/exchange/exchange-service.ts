// The exchange use cases a person (or the system, for standing rules) performs: partners,
// agreements, sharing an item, releasing it, and reading the outbox and the inbox. Delivery
// and reception live in delivery-worker.ts and inbox-service.ts.
import {
  forbidden,
  hasRole,
  newId,
  notFound,
  conflict,
  unprocessable,
  actorLabel,
  canonicalJson,
  type Actor,
  type Role,
} from '../platform/index.js';
import type { Agreement } from './agreement.schema.js';
import { prepareOutbound } from './agreement-policy.js';
import { payloadSchema, type ItemKind, type StoredItem } from './exchange-item.schema.js';
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
import type { ExchangeOutboxRow, OutboxStatus } from './exchange-tables.js';
import { deriveMarking } from './markings.js';
import { createPartnerAdmin } from './partner-admin.js';
import { standingRule, type ExchangeServiceDeps, type PreparedShare, type ShareInput, type ShareResult } from './exchange-types.js';

export type { ExchangeAudit, ExchangeAuditEntry, ExchangeServiceDeps, ShareInput, ShareResult } from './exchange-types.js';

const SHARE_ROLES: Role[] = ['analyst', 'targeter', 'liaison', 'inspector', 'supervisor'];
const READ_ROLES: Role[] = ['analyst', 'targeter', 'liaison', 'supervisor', 'dpo'];

function requireRole(actor: Actor, roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw forbidden(`this action needs one of the roles: ${roles.join(', ')}`, { roles });
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

  const admin = createPartnerAdmin({
    db,
    identity,
    clock,
    audit,
    onChanged: (id, status) => {
      cache.clear();
      if (status === 'active') deps.onQueued?.(id);
    },
  });

  async function requirePartner(id: string): Promise<Partner> {
    const row = await getPartnerRow(db, id);
    if (!row) throw notFound('partner', id);
    return partnerFromRow(row);
  }

  async function prepareShare(actor: Actor, input: ShareInput): Promise<PreparedShare> {
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
        throw forbidden(`item ${s.id} came from ${s.originator}; passing it on to ${partner.id} needs the originator's consent`, {
          code: 'ONWARD_TRANSFER_NEEDS_CONSENT',
          item: s.id,
        });
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

    const itemRow = itemToRow(
      { ...wire, payload },
      {
        direction: 'out',
        partnerId: partner.id,
        createdBy: actorLabel(actor),
        receivedAt: null,
        provenance: { derivedFrom: input.derivedFrom ?? [] },
      },
    );
    const outRow: ExchangeOutboxRow = {
      item_id: wire.id,
      partner_id: partner.id,
      envelope_id: newId(at.getTime()),
      seq: null,
      status: rule ? 'queued' : 'awaiting_release',
      wire_item: canonicalJson(wire), // signed as is by the delivery worker
      attempts: 0,
      next_attempt_at: null,
      last_error: null,
      reject_reason: null,
      created_at: at.toISOString(),
      released_at: rule ? at.toISOString() : null,
      released_by: rule ? `rule:${rule}` : null,
      delivered_at: null,
    };
    const item: StoredItem = {
      ...wire,
      payload,
      direction: 'out',
      partnerId: partner.id,
      status: 'active',
      receivedAt: null,
      provenance: { derivedFrom: input.derivedFrom ?? [] },
    };
    return { item, itemRow, outRow, rule };
  }

  return {
    nodeId: identity.nodeId,

    ...admin,

    // region sharing and release
    async share(actor: Actor, input: ShareInput): Promise<ShareResult> {
      const [one] = await this.shareMany(actor, [input]);
      if (!one) throw new Error('share produced no item');
      return one;
    },

    /**
     * Shares several items in one transaction (feeds, profile packs, bulk hit reports). Every
     * item is checked against the agreement first; one refusal refuses the whole batch.
     */
    async shareMany(actor: Actor, inputs: readonly ShareInput[]): Promise<ShareResult[]> {
      requireRole(actor, SHARE_ROLES);
      const prepared: PreparedShare[] = [];
      for (const input of inputs) prepared.push(await prepareShare(actor, input));
      await db.transaction().execute(async (tx) => {
        // The local copy keeps the full payload (it is our own data); the wire copy is redacted.
        for (let i = 0; i < prepared.length; i += 200) {
          const chunk = prepared.slice(i, i + 200);
          await tx
            .insertInto('exchange_item')
            .values(chunk.map((p) => p.itemRow))
            .execute();
          for (const p of chunk) if (p.rule) p.outRow.seq = await reserveSequence(tx, p.outRow.partner_id, 1);
          await tx
            .insertInto('exchange_outbox')
            .values(chunk.map((p) => p.outRow))
            .execute();
        }
      });
      for (const p of prepared) {
        const details = { partner: p.outRow.partner_id, kind: p.item.kind, marking: p.item.marking };
        await audit(actor, { action: 'exchange.item_created', targetType: 'exchange_item', targetId: p.item.id, details });
        if (p.rule)
          await audit(actor, {
            action: 'exchange.item_released',
            targetType: 'exchange_item',
            targetId: p.item.id,
            details: { ...details, rule: p.rule },
          });
      }
      for (const partnerId of new Set(prepared.filter((p) => p.rule).map((p) => p.outRow.partner_id))) deps.onQueued?.(partnerId);
      return prepared.map((p) => ({ item: p.item, outbox: outboxFromRow(p.outRow), autoReleasedBy: p.rule }));
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
        const rows = await tx
          .selectFrom('exchange_outbox')
          .selectAll()
          .where('item_id', 'in', [...itemIds])
          .execute();
        const byId = new Map(rows.map((r) => [r.item_id, r]));
        const ordered = itemIds.map((id) => {
          const row = byId.get(id);
          if (!row) throw notFound('outbox item', id);
          if (row.status !== 'awaiting_release')
            throw conflict('NOT_AWAITING_RELEASE', `item ${id} is ${row.status}, not awaiting release`);
          return row;
        });
        const perPartner = new Map<string, ExchangeOutboxRow[]>();
        for (const r of ordered) perPartner.set(r.partner_id, [...(perPartner.get(r.partner_id) ?? []), r]);
        for (const [partnerId, list] of perPartner) {
          const first = await reserveSequence(tx, partnerId, list.length);
          list.forEach((r, i) => Object.assign(r, { status: 'queued', seq: first + i, released_at: at, released_by: by }));
          // One statement per 100 items, each getting its own sequence number.
          for (let i = 0; i < list.length; i += 100) {
            const chunk = list.slice(i, i + 100);
            await tx
              .updateTable('exchange_outbox')
              .set((eb) => {
                let c = eb.case().when('item_id', '=', chunk[0]?.item_id ?? '').then(chunk[0]?.seq ?? 0);
                for (const r of chunk.slice(1)) c = c.when('item_id', '=', r.item_id).then(r.seq ?? 0);
                return { status: 'queued', released_at: at, released_by: by, seq: c.end() };
              })
              .where('item_id', 'in', chunk.map((r) => r.item_id))
              .execute();
          }
        }
        return ordered;
      });
      for (const r of released) {
        await audit(actor, {
          action: 'exchange.item_released',
          targetType: 'exchange_item',
          targetId: r.item_id,
          details: { partner: r.partner_id },
        });
      }
      for (const p of new Set(released.map((r) => r.partner_id))) deps.onQueued?.(p);
      return released.map(outboxFromRow);
    },

    /** Sends a rejected item again (e.g. after the partner registered our new key). */
    async requeue(actor: Actor, itemId: string): Promise<OutboxEntry> {
      requireRole(actor, ['liaison']);
      const row = await db.selectFrom('exchange_outbox').selectAll().where('item_id', '=', itemId).executeTakeFirst();
      if (!row) throw notFound('outbox item', itemId);
      if (row.status !== 'rejected')
        throw conflict('NOT_REJECTED', `item ${itemId} is ${row.status}; only rejected items can be sent again`);
      await db.transaction().execute(async (tx) => {
        const seq = await reserveSequence(tx, row.partner_id, 1);
        // A new envelope id: the receiver may have recorded the rejected one.
        await tx
          .updateTable('exchange_outbox')
          .set({
            status: 'queued',
            seq,
            envelope_id: newId(now().getTime()),
            attempts: 0,
            next_attempt_at: null,
            reject_reason: null,
            last_error: null,
          })
          .where('item_id', '=', itemId)
          .execute();
      });
      await audit(actor, {
        action: 'exchange.item_requeued',
        targetType: 'exchange_item',
        targetId: itemId,
        details: { partner: row.partner_id },
      });
      deps.onQueued?.(row.partner_id);
      return outboxFromRow(await db.selectFrom('exchange_outbox').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow());
    },
    // endregion

    // region reading
    async listOutbox(actor: Actor, q: { partner?: string; status?: OutboxStatus; limit?: number } = {}): Promise<OutboxEntry[]> {
      requireRole(actor, [...READ_ROLES, 'admin']);
      let query = db
        .selectFrom('exchange_outbox')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(Math.min(q.limit ?? 100, 1000));
      if (q.partner) query = query.where('partner_id', '=', q.partner);
      if (q.status) query = query.where('status', '=', q.status);
      return (await query.execute()).map(outboxFromRow);
    },

    /** Items this node originated (its own data), newest first. */
    async listOutboundItems(actor: Actor, q: { partner?: string; limit?: number } = {}): Promise<StoredItem[]> {
      requireRole(actor, READ_ROLES);
      let query = db
        .selectFrom('exchange_item')
        .selectAll()
        .where('direction', '=', 'out')
        .orderBy('created_at', 'desc')
        .limit(Math.min(q.limit ?? 1000, 10_000));
      if (q.partner) query = query.where('partner_id', '=', q.partner);
      return (await query.execute()).map(itemFromRow);
    },

    /** Partner items held by this node; the read is audited. */
    async listInbox(actor: Actor, q: { partner?: string; kind?: ItemKind; limit?: number } = {}): Promise<StoredItem[]> {
      requireRole(actor, READ_ROLES);
      let query = db
        .selectFrom('exchange_item')
        .selectAll()
        .where('direction', '=', 'in')
        .orderBy('received_at', 'desc')
        .limit(Math.min(q.limit ?? 100, 1000));
      if (q.partner) query = query.where('partner_id', '=', q.partner);
      if (q.kind) query = query.where('kind', '=', q.kind);
      const items = (await query.execute()).map(itemFromRow);
      if (items.length > 0) {
        await audit(actor, {
          action: 'exchange.partner_items_read',
          targetType: 'exchange_item',
          targetId: items.length === 1 ? (items[0]?.id ?? '') : `${items.length} items`,
          details: { ids: items.map((i) => i.id) },
        });
      }
      return items;
    },

    /** One item with the replies it received (e.g. the result on our targeting request). */
    async getItem(actor: Actor, id: string): Promise<{ item: StoredItem; replies: StoredItem[]; outbox: OutboxEntry | null }> {
      requireRole(actor, READ_ROLES);
      const row = await getItemRow(db, id);
      if (!row) throw notFound('exchange item', id);
      const replies = (await db.selectFrom('exchange_item').selectAll().where('in_reply_to', '=', id).orderBy('created_at').execute()).map(
        itemFromRow,
      );
      const out = await db.selectFrom('exchange_outbox').selectAll().where('item_id', '=', id).executeTakeFirst();
      const item = itemFromRow(row);
      const partnerIds = [item, ...replies].filter((i) => i.direction === 'in').map((i) => i.id);
      if (partnerIds.length > 0)
        await audit(actor, {
          action: 'exchange.partner_items_read',
          targetType: 'exchange_item',
          targetId: id,
          details: { ids: partnerIds },
        });
      return { item, replies, outbox: out ? outboxFromRow(out) : null };
    },
    // endregion
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
