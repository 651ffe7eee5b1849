// Requests for assistance: a question to the partner with a deadline and attachments (e.g.
// filing records), its answer, its status, and the list of overdue requests. An RFA and its
// answer are exchange items like any other: the agreement decides whether they may flow, and
// an answer to the partner's own RFA may be released by a standing rule.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, forbidden, hasRole, notFound, type Actor, type Clock } from '../platform/index.js';
import { payloadSchema, type Payload } from './exchange-item.schema.js';
import type { ExchangeRfaRow, ExchangeTables } from './exchange-tables.js';
import type { ExchangeService } from './exchange-service.js';
import type { Marking } from './markings.js';

export const createRfaSchema = z.strictObject({
  partner: z.string(),
  question: z.string().min(1).max(10_000),
  deadline: z.iso.datetime({ offset: true }),
  attachments: z.array(payloadSchema).max(50).default([]),
});

export interface Rfa {
  itemId: string;
  direction: 'out' | 'in';
  partner: string;
  question: string;
  deadline: string;
  status: ExchangeRfaRow['status'];
  overdue: boolean;
  answerItemId: string | null;
  answeredAt: string | null;
}

export function createRfaService(deps: { db: Kysely<ExchangeTables>; exchange: ExchangeService; clock: Clock }) {
  const { db, exchange, clock } = deps;
  const toRfa = (r: ExchangeRfaRow): Rfa => ({
    itemId: r.item_id,
    direction: r.direction,
    partner: r.partner_id,
    question: r.question,
    deadline: r.deadline,
    status: r.status,
    overdue: r.status === 'open' && r.deadline < clock.now().toISOString(),
    answerItemId: r.answer_item_id,
    answeredAt: r.answered_at,
  });
  const requireLiaison = (actor: Actor) => {
    if (!hasRole(actor, 'liaison', 'analyst')) throw forbidden('requests for assistance need the liaison or analyst role');
  };

  return {
    /** Creates an RFA to a partner; it waits for release like any outbound item (a liaison officer's own is released at once). */
    async create(actor: Actor, input: z.input<typeof createRfaSchema> & { marking?: Marking; purposes?: string[] }): Promise<Rfa> {
      requireLiaison(actor);
      const rfa = createRfaSchema.parse({ partner: input.partner, question: input.question, deadline: input.deadline, attachments: input.attachments ?? [] });
      const payload: Payload = { question: rfa.question, deadline: rfa.deadline, attachments: rfa.attachments };
      const shared = await exchange.share(actor, {
        partner: rfa.partner,
        kind: 'rfa',
        payload,
        ...(input.marking ? { marking: input.marking } : {}),
        ...(input.purposes ? { purposes: input.purposes } : {}),
      });
      await db
        .insertInto('exchange_rfa')
        .values({ item_id: shared.item.id, direction: 'out', partner_id: rfa.partner, question: rfa.question, deadline: rfa.deadline, status: 'open', answer_item_id: null, answered_at: null })
        .execute();
      if (hasRole(actor, 'liaison') && shared.outbox.status === 'awaiting_release') await exchange.release(actor, shared.item.id);
      return this.get(actor, shared.item.id);
    },

    /** Answers a partner's RFA. */
    async answer(actor: Actor, rfaItemId: string, input: { answer: string; attachments?: Payload[] }): Promise<Rfa> {
      requireLiaison(actor);
      const row = await db.selectFrom('exchange_rfa').selectAll().where('item_id', '=', rfaItemId).executeTakeFirst();
      if (!row || row.direction !== 'in') throw notFound('request for assistance from a partner', rfaItemId);
      if (row.status !== 'open') throw conflict('RFA_NOT_OPEN', `request ${rfaItemId} is ${row.status}`);
      const shared = await exchange.share(actor, {
        partner: row.partner_id,
        kind: 'rfa_answer',
        inReplyTo: rfaItemId,
        payload: { answer: input.answer, attachments: input.attachments ?? [] },
      });
      await db.updateTable('exchange_rfa').set({ status: 'answered', answer_item_id: shared.item.id, answered_at: clock.now().toISOString() }).where('item_id', '=', rfaItemId).execute();
      if (hasRole(actor, 'liaison') && shared.outbox.status === 'awaiting_release') await exchange.release(actor, shared.item.id);
      return this.get(actor, rfaItemId);
    },

    async close(actor: Actor, rfaItemId: string): Promise<Rfa> {
      requireLiaison(actor);
      const res = await db.updateTable('exchange_rfa').set({ status: 'closed' }).where('item_id', '=', rfaItemId).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound('request for assistance', rfaItemId);
      return this.get(actor, rfaItemId);
    },

    async get(actor: Actor, rfaItemId: string): Promise<Rfa> {
      requireLiaison(actor);
      const row = await db.selectFrom('exchange_rfa').selectAll().where('item_id', '=', rfaItemId).executeTakeFirst();
      if (!row) throw notFound('request for assistance', rfaItemId);
      return toRfa(row);
    },

    async list(actor: Actor, q: { direction?: 'out' | 'in'; status?: ExchangeRfaRow['status']; overdue?: boolean } = {}): Promise<Rfa[]> {
      requireLiaison(actor);
      let query = db.selectFrom('exchange_rfa').selectAll().orderBy('deadline');
      if (q.direction) query = query.where('direction', '=', q.direction);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.overdue) query = query.where('status', '=', 'open').where('deadline', '<', clock.now().toISOString());
      return (await query.execute()).map(toRfa);
    },
  };
}

export type RfaService = ReturnType<typeof createRfaService>;
