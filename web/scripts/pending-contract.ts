// The routes the console needs that the node does not serve yet, written as the contract the
// console is built against. dump-openapi.ts adds each one to the generated document only while
// the node's own document lacks that path (marked x-pending), so the node always wins once a
// route lands and any difference shows up as a type error in the console, not at run time.
import { z } from 'zod';

const marking = z.object({ tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']), pap: z.enum(['clear', 'green', 'amber', 'red']).optional() });
const channel = z.enum(['green', 'yellow', 'red', 'dnl']);
const factor = z.object({
  source: z.string(),
  sourceId: z.string(),
  version: z.string(),
  points: z.number(),
  forcedChannel: z.enum(['yellow', 'red', 'dnl']).nullable(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  marking: marking.optional(),
});
const referralSummary = z.object({
  id: z.string(),
  filingId: z.string(),
  reference: z.string(),
  kind: z.string(),
  mode: z.string(),
  office: z.string().nullable(),
  channel,
  totalPoints: z.number(),
  deadlineAt: z.string().nullable(),
  threatCategories: z.array(z.string()),
  status: z.enum(['open', 'held', 'inspection_ordered', 'released', 'dnl', 'closed']),
  createdAt: z.string(),
  topReason: z.string(),
});
const action = z.object({ action: z.string(), reason: z.string(), actor: z.string(), at: z.string(), inspectionType: z.string().optional() });
const finding = z.object({
  category: z.string(),
  description: z.string(),
  quantity: z.number().optional(),
  weightKg: z.number().optional(),
  seizureReference: z.string().optional(),
});
const inspection = z.object({
  id: z.string(),
  referralId: z.string(),
  filingId: z.string(),
  reference: z.string(),
  office: z.string().nullable(),
  type: z.enum(['documentary', 'scan', 'physical']),
  status: z.enum(['ordered', 'done']),
  orderedAt: z.string(),
  orderedBy: z.string(),
  outcome: z.enum(['no_finding', 'finding']).nullable(),
  findings: z.array(finding),
});
const referralDetail = referralSummary.extend({
  explanation: z.string(),
  factors: z.array(factor),
  versions: z.record(z.string(), z.unknown()),
  marking: marking.nullable(),
  actions: z.array(action),
  inspections: z.array(inspection),
});
const profileStats = z.object({ hits: z.number(), selected: z.number(), inspected: z.number(), findings: z.number(), findingRate: z.number().nullable() });
const profileSummary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'approved', 'active', 'retired']),
  threatCategory: z.string(),
  author: z.string(),
  ownerAgency: z.string(),
  updatedAt: z.string(),
  stats: profileStats,
});
const profileDetail = profileSummary.extend({
  condition: z.string(),
  action: z.object({ kind: z.enum(['points', 'channel']), points: z.number().optional(), channel: z.enum(['yellow', 'red', 'dnl']).optional() }),
  rationale: z.string(),
  approvedBy: z.string().nullable(),
});
const profileInput = z.object({
  name: z.string(),
  threatCategory: z.string(),
  condition: z.string(),
  action: profileDetail.shape.action,
  rationale: z.string(),
});
const diagnostic = z.object({ line: z.number(), column: z.number(), length: z.number().optional(), message: z.string() });
const screeningHit = z.object({
  id: z.string(),
  filingId: z.string(),
  reference: z.string(),
  partyRole: z.string(),
  query: z.string(),
  entry: z.object({ id: z.string(), list: z.string(), name: z.string(), program: z.string().optional() }),
  score: z.number(),
  alignment: z.array(z.object({ query: z.string(), entry: z.string(), score: z.number() })),
  status: z.enum(['pending', 'true_match', 'false_positive']),
});
const exchangeItem = z.object({
  id: z.string(),
  direction: z.enum(['inbox', 'outbox']),
  partner: z.string(),
  kind: z.string(),
  title: z.string(),
  marking,
  status: z.string(),
  createdAt: z.string(),
});
const rfa = z.object({ id: z.string(), direction: z.enum(['sent', 'received']), partner: z.string(), subject: z.string(), dueAt: z.string(), status: z.string() });
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
  {
    method: 'get',
    path: '/api/v1/referrals',
    operationId: 'listReferrals',
    tag: 'targeting',
    query: z.object({
      status: z.string().optional(),
      office: z.string().optional(),
      mode: z.string().optional(),
      kind: z.string().optional(),
      threat: z.string().optional(),
      channel: z.string().optional(),
      limit: z.number().int().optional(),
    }),
    response: z.object({ items: z.array(referralSummary), total: z.number() }),
  },
  { method: 'get', path: '/api/v1/referrals/{id}', operationId: 'getReferral', tag: 'targeting', params: id, response: referralDetail },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/actions',
    operationId: 'actOnReferral',
    tag: 'targeting',
    params: id,
    body: z.object({ action: z.enum(['release', 'hold', 'inspect', 'dnl']), inspectionType: z.enum(['documentary', 'scan', 'physical']).optional(), reason: z.string() }),
    response: referralDetail,
  },
  {
    method: 'get',
    path: '/api/v1/filings/{id}/party-history',
    operationId: 'getPartyHistory',
    tag: 'targeting',
    params: id,
    response: items(z.object({ role: z.string(), name: z.string(), partyKey: z.string(), firstSeen: z.string(), filings: z.number(), inspected: z.number(), findings: z.number() })),
  },
  { method: 'get', path: '/api/v1/inspections', operationId: 'listInspections', tag: 'targeting', query: z.object({ status: z.string().optional() }), response: items(inspection) },
  {
    method: 'post',
    path: '/api/v1/inspections/{id}/result',
    operationId: 'recordInspectionResult',
    tag: 'targeting',
    params: id,
    body: z.object({ outcome: z.enum(['no_finding', 'finding']), findings: z.array(finding) }),
    response: inspection,
  },
  {
    method: 'get',
    path: '/api/v1/stats/daily',
    operationId: 'dailyStats',
    tag: 'targeting',
    query: z.object({ days: z.number().int().optional() }),
    response: items(z.object({ day: z.string(), referrals: z.number(), inspections: z.number(), findings: z.number() })),
  },
  {
    method: 'get',
    path: '/api/v1/stats/capacity',
    operationId: 'capacityStats',
    tag: 'targeting',
    response: items(z.object({ office: z.string(), capacity: z.number(), selected: z.number() })),
  },
  { method: 'get', path: '/api/v1/profiles', operationId: 'listProfiles', tag: 'profiles', response: items(profileSummary) },
  { method: 'post', path: '/api/v1/profiles', operationId: 'createProfile', tag: 'profiles', body: profileInput, response: profileDetail },
  { method: 'get', path: '/api/v1/profiles/{id}', operationId: 'getProfile', tag: 'profiles', params: id, response: profileDetail },
  { method: 'put', path: '/api/v1/profiles/{id}', operationId: 'updateProfile', tag: 'profiles', params: id, body: profileInput, response: profileDetail },
  {
    method: 'post',
    path: '/api/v1/profiles/validate',
    operationId: 'validateProfile',
    tag: 'profiles',
    body: z.object({ condition: z.string() }),
    response: z.object({ ok: z.boolean(), errors: z.array(diagnostic) }),
  },
  {
    method: 'post',
    path: '/api/v1/profiles/{id}/backtest',
    operationId: 'backtestProfile',
    tag: 'profiles',
    params: id,
    body: z.object({ days: z.number().int() }),
    response: z.object({ evaluated: z.number(), hits: z.number(), inspected: z.number(), findings: z.number(), findingRate: z.number().nullable() }),
  },
  { method: 'post', path: '/api/v1/profiles/{id}/approve', operationId: 'approveProfile', tag: 'profiles', params: id, body: z.object({ reason: z.string() }), response: profileDetail },
  { method: 'get', path: '/api/v1/screening/hits', operationId: 'listScreeningHits', tag: 'screening', query: z.object({ status: z.string().optional() }), response: items(screeningHit) },
  {
    method: 'post',
    path: '/api/v1/screening/hits/{id}/review',
    operationId: 'reviewScreeningHit',
    tag: 'screening',
    params: id,
    body: z.object({ decision: z.enum(['true_match', 'false_positive']), reason: z.string() }),
    response: screeningHit,
  },
  {
    method: 'get',
    path: '/api/v1/exchange/items',
    operationId: 'listExchangeItems',
    tag: 'exchange',
    query: z.object({ direction: z.enum(['inbox', 'outbox']).optional(), status: z.string().optional() }),
    response: items(exchangeItem),
  },
  {
    method: 'post',
    path: '/api/v1/exchange/items/{id}/release',
    operationId: 'releaseExchangeItem',
    tag: 'exchange',
    params: id,
    body: z.object({ reason: z.string() }),
    response: exchangeItem,
  },
  { method: 'get', path: '/api/v1/exchange/rfas', operationId: 'listRfas', tag: 'exchange', response: items(rfa) },
];
