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
// Shapes mirror the services as built (src/targeting Referral/Inspection, src/profiles
// ProfileSummary/ProfileView/ProfileStats), so the routes can be thin wrappers of them.
const referral = z.object({
  id: z.string(),
  assessmentId: z.string(),
  filingId: z.string(),
  filerId: z.string(),
  reference: z.string(),
  filingVersion: z.number(),
  office: z.string(),
  kind: z.string(),
  channel,
  totalPoints: z.number(),
  deadlineAt: z.string().nullable(),
  selection: z.enum(['risk', 'random_control']),
  status: z.enum(['open', 'held', 'inspection_ordered', 'dnl_issued', 'released', 'inspected', 'superseded']),
  summary: z.array(z.string()),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
  /** Wanted for the queue filters; the console derives mode from kind when absent. */
  mode: z.string().optional(),
  /** Threat categories of the profiles that fired; wanted for the queue's threat filter. */
  threats: z.array(z.string()).optional(),
});
const action = z.object({ action: z.string(), reason: z.string(), actor: z.string(), at: z.string(), fromStatus: z.string(), toStatus: z.string() });
const finding = z.object({
  category: z.string(),
  description: z.string(),
  quantity: z.number().nullable(),
  quantityUnit: z.string().nullable(),
  weightKg: z.number().nullable(),
  seizureReference: z.string().nullable(),
});
const inspection = z.object({
  id: z.string(),
  referralId: z.string(),
  filingId: z.string(),
  office: z.string(),
  type: z.enum(['documentary', 'nii_scan', 'physical']),
  day: z.string(),
  randomControl: z.boolean(),
  status: z.enum(['ordered', 'completed', 'cancelled']),
  orderedAt: z.string(),
  orderedBy: z.string(),
  result: z.enum(['no_finding', 'finding']).nullable(),
  recordedAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
  notes: z.string().nullable(),
  findings: z.array(finding),
});
const assessment = z.object({
  id: z.string(),
  totalPoints: z.number(),
  channel,
  explanation: z.string(),
  factors: z.array(factor),
  versions: z.record(z.string(), z.unknown()),
  marking: marking.nullable(),
  assessedAt: z.string(),
});
const referralDetail = z.object({ referral, assessment: assessment.nullable(), actions: z.array(action), inspection: inspection.nullable() });
const profileStatus = z.enum(['draft', 'approved', 'active', 'retired']);
const profileSummary = z.object({
  id: z.string(),
  name: z.string(),
  ownerAgency: z.string(),
  threat: z.string(),
  latestVersion: z.number(),
  latestStatus: profileStatus,
  activeVersion: z.number().nullable(),
  runtimeErrors: z.number(),
  author: z.string(),
  updatedAt: z.string(),
});
const definition = z.object({
  name: z.string(),
  ownerAgency: z.string(),
  threat: z.string(),
  scope: z.object({ kinds: z.array(z.string()), modes: z.array(z.string()), lanes: z.array(z.string()), offices: z.array(z.string()) }).optional(),
  validFrom: z.string().nullable().optional(),
  validTo: z.string().nullable().optional(),
  condition: z.string(),
  action: z.object({ points: z.number(), forcedChannel: z.enum(['yellow', 'red', 'dnl']).nullable() }),
  rationale: z.string(),
  shareable: z.boolean().optional(),
});
const profileView = z.object({
  id: z.string(),
  name: z.string(),
  ownerAgency: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  latestVersion: z.number(),
  activeVersion: z.number().nullable(),
  flagged: z.boolean(),
  versions: z.array(
    z.object({ version: z.number(), status: profileStatus, definition, author: z.string(), approvedBy: z.string().nullable(), createdAt: z.string() }),
  ),
});
const counts = z.object({ selected: z.number(), inspected: z.number(), findings: z.number(), findingRate: z.number().nullable() });
const profileStats = counts.extend({ profileId: z.string(), perDay: z.array(counts.extend({ day: z.string() })) });
const problem = z.object({ line: z.number(), column: z.number(), length: z.number().optional(), message: z.string() });
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
    query: z.object({ office: z.string().optional(), limit: z.number().int().optional() }),
    response: items(referral),
  },
  { method: 'get', path: '/api/v1/referrals/{id}', operationId: 'getReferral', tag: 'targeting', params: id, response: referralDetail },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/actions',
    operationId: 'actOnReferral',
    tag: 'targeting',
    params: id,
    body: z.object({
      action: z.enum(['release', 'hold', 'order_inspection', 'issue_dnl']),
      inspectionType: z.enum(['documentary', 'nii_scan', 'physical']).optional(),
      reason: z.string(),
      expectedVersion: z.number().int().optional(),
    }),
    response: referral,
  },
  {
    method: 'get',
    path: '/api/v1/filings/{id}/party-history',
    operationId: 'getPartyHistory',
    tag: 'targeting',
    params: id,
    response: items(z.object({ role: z.string(), name: z.string(), partyKey: z.string(), firstSeen: z.string(), filings: z.number(), inspected: z.number(), findings: z.number() })),
  },
  {
    method: 'get',
    path: '/api/v1/inspections',
    operationId: 'listInspections',
    tag: 'targeting',
    query: z.object({ office: z.string().optional(), status: z.enum(['ordered', 'completed', 'cancelled']).optional(), limit: z.number().int().optional() }),
    response: items(inspection),
  },
  {
    method: 'post',
    path: '/api/v1/inspections/{id}/result',
    operationId: 'recordInspectionResult',
    tag: 'targeting',
    params: id,
    body: z.object({ result: z.enum(['no_finding', 'finding']), findings: z.array(finding.partial().extend({ category: z.string(), description: z.string() })).optional(), notes: z.string().optional() }),
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
    path: '/api/v1/capacity',
    operationId: 'listCapacity',
    tag: 'targeting',
    query: z.object({ day: z.string().optional() }),
    response: items(z.object({ office: z.string(), day: z.string(), capacity: z.number(), used: z.number(), left: z.number() })),
  },
  { method: 'get', path: '/api/v1/profiles', operationId: 'listProfiles', tag: 'profiles', response: items(profileSummary) },
  { method: 'post', path: '/api/v1/profiles', operationId: 'createProfile', tag: 'profiles', body: z.object({ id: z.string().optional(), definition }), response: profileView },
  { method: 'get', path: '/api/v1/profiles/{id}', operationId: 'getProfile', tag: 'profiles', params: id, response: profileView },
  { method: 'put', path: '/api/v1/profiles/{id}', operationId: 'updateProfile', tag: 'profiles', params: id, body: z.object({ definition }), response: profileView },
  { method: 'get', path: '/api/v1/profiles/{id}/stats', operationId: 'getProfileStats', tag: 'profiles', params: id, response: profileStats },
  {
    method: 'post',
    path: '/api/v1/profiles/validate',
    operationId: 'validateProfileCondition',
    tag: 'profiles',
    body: z.object({ condition: z.string() }),
    response: z.object({ ok: z.boolean(), problems: z.array(problem) }),
  },
  {
    method: 'post',
    path: '/api/v1/profiles/{id}/backtest',
    operationId: 'backtestProfile',
    tag: 'profiles',
    params: id,
    body: z.object({ days: z.number().int(), version: z.number().int().optional() }),
    response: z.object({ evaluated: z.number(), hits: z.number(), inspected: z.number(), findings: z.number(), findingRate: z.number().nullable() }),
  },
  { method: 'post', path: '/api/v1/profiles/{id}/approve', operationId: 'approveProfile', tag: 'profiles', params: id, body: z.object({ version: z.number().int().optional() }), response: profileView },
  { method: 'post', path: '/api/v1/profiles/{id}/activate', operationId: 'activateProfile', tag: 'profiles', params: id, body: z.object({ version: z.number().int().optional() }), response: profileView },
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
