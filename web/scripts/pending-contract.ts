// The routes the console needs that the node does not serve yet, written as the contract the
// console is built against. dump-openapi.ts adds each one to the generated document only while
// the node's own document lacks that path (marked x-pending), so the node always wins once a
// route lands and any difference shows up as a type error in the console, not at run time.
//
// Two kinds of entries:
// - routes written in a context but not yet registered by src/app/api.ts (exchange): their
//   shapes are copied from the route file (src/exchange/exchange-routes.ts) so the console is
//   right the day they are wired;
// - routes no context has yet (party history, daily statistics): the console's proposal.
import { z } from 'zod';

const count = z.number();
const id = z.object({ id: z.string() });
const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });


// region exchange (src/exchange/exchange-routes.ts)
const outboxEntry = z.object({
  itemId: z.string(),
  partnerId: z.string(),
  envelopeId: z.string(),
  seq: z.number().nullable(),
  status: z.string(),
  kind: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
const inboxItem = z.object({
  id: z.string(),
  kind: z.string(),
  originator: z.string(),
  createdAt: z.string(),
  legalBasis: z.string(),
  purposes: z.array(z.string()),
  marking: z.object({ tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']), pap: z.enum(['clear', 'green', 'amber', 'red']) }),
  caveats: z.array(z.string()),
  retainUntil: z.string(),
  onwardTransferRequiresConsent: z.boolean(),
  inReplyTo: z.string().optional(),
  direction: z.enum(['out', 'in']),
  partnerId: z.string(),
  status: z.enum(['active', 'purged', 'anonymised']),
  receivedAt: z.string().nullable(),
});
const rfa = z.object({
  itemId: z.string(),
  direction: z.enum(['out', 'in']),
  partner: z.string(),
  question: z.string(),
  deadline: z.string(),
  status: z.string(),
  overdue: z.boolean(),
  answerItemId: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
// endregion

export interface PendingRoute {
  method: 'get' | 'post' | 'put';
  path: string;
  operationId: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
}

export const pendingRoutes: PendingRoute[] = [
  // No context serves these yet: the console's proposal.
  {
    method: 'get',
    path: '/api/v1/filings/{id}/party-history',
    operationId: 'getPartyHistory',
    tag: 'targeting',
    params: id,
    response: items(z.object({ role: z.string(), name: z.string(), partyKey: z.string(), firstSeen: z.string(), filings: count, inspected: count, findings: count })),
  },
  {
    method: 'get',
    path: '/api/v1/stats/daily',
    operationId: 'dailyStats',
    tag: 'targeting',
    query: z.object({ days: z.number().int().optional() }),
    response: items(z.object({ day: z.string(), referrals: count, inspections: count, findings: count })),
  },
  // Written in src/exchange/exchange-routes.ts, not registered by src/app/api.ts yet.
  {
    method: 'get',
    path: '/api/v1/exchange/outbox',
    operationId: 'listOutbox',
    tag: 'exchange',
    query: z.object({ partner: z.string().optional(), status: z.enum(['awaiting_release', 'queued', 'delivered', 'rejected', 'refused']).optional(), limit: z.number().int().optional() }),
    response: z.array(outboxEntry),
  },
  { method: 'post', path: '/api/v1/exchange/outbox/{id}/release', operationId: 'releaseItem', tag: 'exchange', params: id, response: outboxEntry },
  {
    method: 'get',
    path: '/api/v1/exchange/inbox',
    operationId: 'listInbox',
    tag: 'exchange',
    query: z.object({ partner: z.string().optional(), kind: z.string().optional(), limit: z.number().int().optional() }),
    response: z.array(inboxItem),
  },
  {
    method: 'get',
    path: '/api/v1/exchange/rfas',
    operationId: 'listRfas',
    tag: 'exchange',
    query: z.object({ direction: z.enum(['out', 'in']).optional(), status: z.enum(['open', 'answered', 'closed']).optional() }),
    response: z.array(rfa),
  },
];
