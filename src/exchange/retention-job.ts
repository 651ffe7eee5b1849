// Retention of partner data (invariant 5): when an item's retention date passes, it is purged
// (content deleted, a tombstone kept for the audit trail) or anonymised where the agreement
// says so, together with what was derived from it here (hits, RFA text). Clock-driven and
// idempotent; every purge is audited.
import type { Kysely } from 'kysely';
import { systemActor, type Clock } from '../platform/index.js';
import { applyFieldPolicy } from './agreement-policy.js';
import { getAgreement } from './exchange-repository.js';
import { payloadSchema } from './exchange-item.schema.js';
import type { ExchangeTables } from './exchange-tables.js';
import type { ExchangeAudit } from './exchange-service.js';

export interface RetentionReport {
  purged: string[];
  anonymised: string[];
}

export function createRetentionJob(deps: { db: Kysely<ExchangeTables>; clock: Clock; audit: ExchangeAudit; nodeId: string; batch?: number }) {
  const { db, clock } = deps;
  const actor = systemActor(deps.nodeId, 'retention');
  let timer: NodeJS.Timeout | null = null;

  async function runOnce(): Promise<RetentionReport> {
    const report: RetentionReport = { purged: [], anonymised: [] };
    const now = clock.now().toISOString();
    for (;;) {
      const due = await db
        .selectFrom('exchange_item')
        .select(['id', 'partner_id', 'kind', 'payload', 'retain_until'])
        .where('direction', '=', 'in')
        .where('status', '=', 'active')
        .where('retain_until', '<=', now)
        .orderBy('retain_until')
        .limit(deps.batch ?? 500)
        .execute();
      if (due.length === 0) return report;
      for (const item of due) {
        const agreement = await getAgreement(db, item.partner_id, 'inbound');
        const anonymise = agreement?.retentionAction === 'anonymise';
        await db.transaction().execute(async (tx) => {
          if (anonymise) {
            const payload = applyFieldPolicy(payloadSchema.parse(JSON.parse(item.payload)), { removeFields: agreement.anonymiseFields, maskFields: [] });
            await tx.updateTable('exchange_item').set({ status: 'anonymised', payload: JSON.stringify(payload), purged_at: now }).where('id', '=', item.id).execute();
          } else {
            await tx.updateTable('exchange_item').set({ status: 'purged', payload: '{}', provenance: '{}', purged_at: now }).where('id', '=', item.id).execute();
            await tx.updateTable('exchange_rfa').set({ question: '' }).where('item_id', '=', item.id).execute();
          }
          // Results derived from the item go with it (EU-9).
          await tx.deleteFrom('exchange_hit').where('item_id', '=', item.id).execute();
        });
        (anonymise ? report.anonymised : report.purged).push(item.id);
        await deps.audit(actor, {
          action: anonymise ? 'exchange.item_anonymised' : 'exchange.item_purged',
          targetType: 'exchange_item',
          targetId: item.id,
          details: { partner: item.partner_id, kind: item.kind, retainUntil: item.retain_until },
        });
      }
    }
  }

  return {
    runOnce,
    start(intervalMs = 3_600_000): void {
      const tick = () => {
        void runOnce()
          .catch(() => undefined)
          .finally(() => {
            timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type RetentionJob = ReturnType<typeof createRetentionJob>;
