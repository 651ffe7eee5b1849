// The routes the console needs that the node does not serve yet, written as the contract the
// console is built against. dump-openapi.ts adds each one to the generated document only while
// the node's own document lacks that path (marked x-pending), so the node always wins once a
// route lands and any difference shows up as a type error in the console, not at run time.
//
// What is left are routes no context has yet (party history, daily statistics): the console's
// proposal for them. (A route written in a context but not yet registered by src/app/api.ts can
// be described here the same way, copying the route file's shapes, until it is wired.)
import { z } from 'zod';

const count = z.number();
const id = z.object({ id: z.string() });
const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

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
];
