// Delivery: the outbox, partner by partner, in sequence order, to each partner's inbox over
// HTTP(S). At least once: a batch is marked delivered only when the partner's receipt says so;
// a failure leaves it queued with exponential backoff, so a partner down for hours gets
// everything when it is back. One batch in flight per partner keeps the order. Several
// envelopes travel in one POST, each signed on its own.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { systemActor, type Clock } from '../platform/index.js';
import { signEnvelopeCanonical } from './envelope.js';
import type { ExchangeOutboxRow, ExchangeTables } from './exchange-tables.js';
import type { ExchangeAudit } from './exchange-service.js';
import type { NodeIdentity } from './node-identity.js';

export const INBOX_PATH = '/api/v1/exchange/inbox';

const receiptSchema = z.object({
  index: z.number().int().min(0),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  envelopeId: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  retriable: z.boolean().optional(),
});
const inboxAnswerSchema = z.object({ receipts: z.array(receiptSchema) });

export interface DeliveryWorkerDeps {
  db: Kysely<ExchangeTables>;
  identity: NodeIdentity;
  clock: Clock;
  audit?: ExchangeAudit;
  fetch?: typeof fetch;
  batchSize?: number;
  backoff?: { baseMs: number; maxMs: number };
  requestTimeoutMs?: number;
  /** Told after each batch (metrics, benchmarks): envelopes sent, and milliseconds signing, posting and recording. */
  onBatch?: (b: { partner: string; size: number; signMs: number; postMs: number; recordMs: number }) => void;
  /** Storage faults in background runs (HTTP failures are recorded on the outbox instead). */
  onError?: (err: unknown) => void;
}

export interface DeliveryReport {
  delivered: number;
  rejected: number;
  failedBatches: number;
}

export function backoffDelay(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.5 + random() / 2)); // jitter, so partners coming back are not stampeded
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const { db, identity, clock } = deps;
  const batchSize = deps.batchSize ?? 250;
  const { baseMs, maxMs } = deps.backoff ?? { baseMs: 500, maxMs: 60_000 };
  const doFetch = deps.fetch ?? fetch;
  const running = new Map<string, Promise<DeliveryReport>>();
  const again = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function markFailure(rows: ExchangeOutboxRow[], error: string): Promise<void> {
    const attempts = (rows[0]?.attempts ?? 0) + 1;
    const next = new Date(clock.now().getTime() + backoffDelay(attempts, baseMs, maxMs)).toISOString();
    await db
      .updateTable('exchange_outbox')
      .set({ attempts, next_attempt_at: next, last_error: error.slice(0, 500) })
      .where('item_id', 'in', rows.map((r) => r.item_id))
      .execute();
  }

  function signBatch(partnerId: string, rows: ExchangeOutboxRow[]): string[] {
    const sentAt = clock.now();
    // The outbox holds each item in canonical form, exactly as the agreement let it leave.
    return rows.map((r) => signEnvelopeCanonical(identity, { id: r.envelope_id, to: partnerId, seq: r.seq ?? 0, itemJson: r.wire_item }, sentAt));
  }

  async function sendBatch(
    partner: { id: string; base_url: string },
    rows: ExchangeOutboxRow[],
    envelopes: string[],
    signMs: number,
    whileWaiting: () => Promise<void>,
  ): Promise<{ delivered: number; rejected: number; ok: boolean }> {
    const t1 = performance.now();
    let answer: z.infer<typeof inboxAnswerSchema>;
    try {
      const posting = doFetch(`${partner.base_url}${INBOX_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ envelopes }),
        signal: AbortSignal.timeout(deps.requestTimeoutMs ?? 30_000),
      });
      // Its failure is handled below, once awaited; this only keeps it from counting as unhandled meanwhile.
      posting.catch(() => undefined);
      // While the partner works on this batch, get the next one ready (still one POST in flight).
      await whileWaiting().catch((err: unknown) => deps.onError?.(err));
      const res = await posting;
      const text = await res.text();
      if (!res.ok) {
        await markFailure(rows, `HTTP ${res.status}: ${text.slice(0, 200)}`);
        return { delivered: 0, rejected: 0, ok: false };
      }
      answer = inboxAnswerSchema.parse(JSON.parse(text));
    } catch (err) {
      await markFailure(rows, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      return { delivered: 0, rejected: 0, ok: false };
    }
    const t2 = performance.now();
    const at = clock.now().toISOString();
    const byIndex = new Map(answer.receipts.map((r) => [r.index, r]));
    const delivered: string[] = [];
    const rejected: { row: ExchangeOutboxRow; reason: string; message: string }[] = [];
    let retryFrom = -1;
    for (const [i, row] of rows.entries()) {
      const r = byIndex.get(i);
      if (!r || (r.status === 'rejected' && r.retriable)) {
        retryFrom = i;
        break;
      }
      if (r.status === 'rejected') rejected.push({ row, reason: r.reason ?? 'rejected', message: r.message ?? '' });
      else delivered.push(row.item_id);
    }
    await db.transaction().execute(async (tx) => {
      if (delivered.length > 0) {
        await tx.updateTable('exchange_outbox').set({ status: 'delivered', delivered_at: at, last_error: null }).where('item_id', 'in', delivered).execute();
      }
      for (const r of rejected) {
        await tx
          .updateTable('exchange_outbox')
          .set({ status: 'rejected', reject_reason: `${r.reason}: ${r.message}`.slice(0, 500), delivered_at: null })
          .where('item_id', '=', r.row.item_id)
          .execute();
      }
    });
    deps.onBatch?.({ partner: partner.id, size: rows.length, signMs, postMs: t2 - t1, recordMs: performance.now() - t2 });
    for (const r of rejected) {
      await deps.audit?.(systemActor(identity.nodeId, 'exchange-delivery'), {
        action: 'exchange.item_rejected_by_partner',
        targetType: 'exchange_item',
        targetId: r.row.item_id,
        details: { partner: partner.id, reason: r.reason, message: r.message },
      });
    }
    if (retryFrom >= 0) {
      const rest = rows.slice(retryFrom);
      const r = byIndex.get(retryFrom);
      await markFailure(rest, r ? `${r.reason ?? 'rejected'}: ${r.message ?? ''}` : 'no receipt for this envelope');
      return { delivered: delivered.length, rejected: rejected.length, ok: false };
    }
    return { delivered: delivered.length, rejected: rejected.length, ok: true };
  }

  async function deliverPartner(partnerId: string): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, rejected: 0, failedBatches: 0 };
    const queued = (afterSeq: number) =>
      db
        .selectFrom('exchange_outbox')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .where('status', '=', 'queued')
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
    // Set by the callback while a POST is in flight: the next batch, already signed.
    const ahead: { next: { rows: ExchangeOutboxRow[]; envelopes: string[]; signMs: number } | null } = { next: null };
    for (;;) {
      again.delete(partnerId);
      const partner = await db.selectFrom('exchange_partner').select(['id', 'base_url', 'status']).where('id', '=', partnerId).executeTakeFirst();
      if (!partner || partner.status !== 'active') return report; // a suspended partner receives nothing
      let batch = ahead.next;
      ahead.next = null;
      if (!batch || batch.rows.length === 0) {
        const rows = await queued(0);
        const head = rows[0];
        if (!head) return report;
        if (head.next_attempt_at && head.next_attempt_at > clock.now().toISOString()) return report; // backing off
        const t0 = performance.now();
        batch = { rows, envelopes: signBatch(partnerId, rows), signMs: performance.now() - t0 };
      }
      const { rows } = batch;
      const last = rows[rows.length - 1]?.seq ?? 0;
      const out = await sendBatch(partner, rows, batch.envelopes, batch.signMs, async () => {
        if (rows.length < batchSize) return;
        const next = await queued(last);
        const t0 = performance.now();
        ahead.next = { rows: next, envelopes: signBatch(partnerId, next), signMs: performance.now() - t0 };
      });
      report.delivered += out.delivered;
      report.rejected += out.rejected;
      if (!out.ok) {
        report.failedBatches++;
        return report;
      }
      if (rows.length < batchSize && !again.has(partnerId)) return report;
    }
  }

  /** Delivers one partner's queue, or joins the run already in progress (one in flight per partner). */
  function runPartner(partnerId: string): Promise<DeliveryReport> {
    const current = running.get(partnerId);
    if (current) {
      again.add(partnerId);
      return current;
    }
    const p = deliverPartner(partnerId).finally(() => running.delete(partnerId));
    running.set(partnerId, p);
    return p;
  }

  return {
    /** One pass over every active partner with queued items; resolves when they are done. */
    async deliverDue(): Promise<DeliveryReport> {
      const partners = await db.selectFrom('exchange_outbox').select('partner_id').where('status', '=', 'queued').groupBy('partner_id').execute();
      const reports = await Promise.all(partners.map((p) => runPartner(p.partner_id)));
      return reports.reduce((a, b) => ({ delivered: a.delivered + b.delivered, rejected: a.rejected + b.rejected, failedBatches: a.failedBatches + b.failedBatches }), { delivered: 0, rejected: 0, failedBatches: 0 });
    },

    /** Starts sending to a partner now (called when items are queued). */
    kick(partnerId: string): void {
      if (stopped) return;
      void runPartner(partnerId).catch((err: unknown) => deps.onError?.(err));
    },

    /** Background loop: retries due batches every `pollMs`. */
    start(pollMs = 1000): void {
      stopped = false;
      const tick = () => {
        if (stopped) return;
        void this.deliverDue()
          .catch((err: unknown) => deps.onError?.(err))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, pollMs);
          });
      };
      timer = setTimeout(tick, 0);
    },

    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
