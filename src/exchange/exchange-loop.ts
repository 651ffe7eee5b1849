// Closing the loop, outbound side: when an assessment raises a partner item, the hit is
// recorded and reported to the originator; when the inspection of that filing is recorded,
// the result goes back to the originator in reply to its item. Both travel only where this
// node's outbound agreement allows the kind; standing rules may release them without a person.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isAppError, newId, systemActor, type Bus, type Clock, type DomainEvent } from '../platform/index.js';
import { payloadSchema, type Payload } from './exchange-item.schema.js';
import type { ExchangeTables } from './exchange-tables.js';
import type { ExchangeService } from './exchange-service.js';

/** The part of an assessment record the loop reads (assessment's AssessmentRecord fits). */
export interface AssessedLike {
  id: string;
  filingId: string;
  channel: string;
  totalPoints: number;
  assessedAt: string;
  factors: readonly { source: string; sourceId: string; points: number; reason: string }[];
}

/** Payload of 'inspection.recorded' (targeting publishes it; extra fields are passed on when listed). */
export const inspectionRecordedSchema = z.looseObject({
  filingId: z.string().min(1),
  finding: z.boolean(),
  recordedAt: z.string().min(1),
  inspectionId: z.string().optional(),
  outcome: z.string().optional(),
  summary: z.string().optional(),
  seizure: z.record(z.string(), z.unknown()).optional(),
  /** What the inspector found, if targeting includes it: only these fields are passed on. */
  findings: z
    .array(z.looseObject({ category: z.string().optional(), description: z.string().optional(), quantity: z.number().optional(), quantityUnit: z.string().optional(), weightKg: z.number().optional() }))
    .optional(),
});

const PARTNER_SOURCES = new Set(['partner', 'partner_lookout', 'partner_profile', 'partner_request']);

export interface ExchangeLoopDeps {
  db: Kysely<ExchangeTables>;
  exchange: ExchangeService;
  clock: Clock;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export function createExchangeLoop(deps: ExchangeLoopDeps) {
  const { db, exchange, clock } = deps;
  const actor = systemActor(exchange.nodeId, 'exchange-loop');
  const log = deps.log ?? (() => undefined);

  /** Shares a reply, or notes why the agreement does not let it go (never an error for the caller). */
  async function replyTo(partner: string, kind: 'hit_report' | 'inspection_result', inReplyTo: string, payload: Payload): Promise<string | null> {
    try {
      const res = await exchange.share(actor, { partner, kind, inReplyTo, payload });
      return res.item.id;
    } catch (err) {
      if (isAppError(err) && err.httpStatus < 500) {
        log('loop reply not shared', { partner, kind, inReplyTo, code: err.code, message: err.message });
        return null;
      }
      throw err;
    }
  }

  return {
    /** Wire as assessment's `onAssessed`. Records hits on partner items and reports them. */
    async onAssessed(a: AssessedLike): Promise<{ hits: number; reported: number }> {
      let hits = 0;
      let reported = 0;
      for (const f of a.factors) {
        if (!PARTNER_SOURCES.has(f.source)) continue;
        const itemId = f.sourceId.slice(f.sourceId.lastIndexOf(':') + 1);
        const item = await db.selectFrom('exchange_item').select(['id', 'partner_id', 'direction']).where('id', '=', itemId).executeTakeFirst();
        if (!item || item.direction !== 'in') continue;
        const inserted = await db
          .insertInto('exchange_hit')
          .values({ id: newId(clock.now().getTime()), item_id: item.id, subject_ref: a.filingId, assessment_id: a.id, points: f.points, created_at: clock.now().toISOString() })
          .onConflict((oc) => oc.columns(['item_id', 'assessment_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue; // this hit was already handled
        hits++;
        // Only what the originator needs: that its item hit, when, and what we decided.
        const sent = await replyTo(item.partner_id, 'hit_report', item.id, { assessmentId: a.id, channel: a.channel, points: f.points, hitAt: a.assessedAt });
        if (sent) reported++;
      }
      return { hits, reported };
    },

    /** Handles 'inspection.recorded': the result goes to every partner whose item the filing hit. */
    async onInspectionRecorded(event: DomainEvent): Promise<number> {
      const p = inspectionRecordedSchema.parse(event.payload);
      const hits = await db
        .selectFrom('exchange_hit')
        .innerJoin('exchange_item', 'exchange_item.id', 'exchange_hit.item_id')
        .select(['exchange_item.id as item_id', 'exchange_item.partner_id as partner_id'])
        .where('exchange_hit.subject_ref', '=', p.filingId)
        .where('exchange_item.direction', '=', 'in')
        .execute();
      const done = new Set<string>();
      let sent = 0;
      for (const h of hits) {
        if (done.has(h.item_id)) continue;
        done.add(h.item_id);
        const payload: Payload = {
          finding: p.finding,
          outcome: p.outcome ?? (p.finding ? 'seizure' : 'no_find'),
          recordedAt: p.recordedAt,
          summary: p.summary ?? null,
        };
        if (p.findings) {
          payload.findings = p.findings.map((f) => ({
            category: f.category ?? null,
            description: f.description ?? null,
            quantity: f.quantity ?? null,
            quantityUnit: f.quantityUnit ?? null,
            weightKg: f.weightKg ?? null,
          }));
        }
        const seizure = payloadSchema.safeParse(p.seizure);
        if (seizure.success) payload.seizure = seizure.data;
        if (await replyTo(h.partner_id, 'inspection_result', h.item_id, payload)) sent++;
      }
      return sent;
    },

    /** Subscribes the inspection handler on the bus. */
    async subscribe(bus: Bus): Promise<void> {
      await bus.subscribe('inspection.recorded', 'exchange-loop', async (event) => {
        await this.onInspectionRecorded(event);
      });
    },
  };
}

export type ExchangeLoop = ReturnType<typeof createExchangeLoop>;
