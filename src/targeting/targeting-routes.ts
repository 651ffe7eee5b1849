// HTTP routes of referrals, inspections, capacity and random control. Thin: schema, one call.
import { z } from 'zod';
import { actorOf, standardErrors, type ApiServer } from '../platform/index.js';
import { CHANNELS, factorResponseSchema, markingResponseSchema } from '../assessment/index.js';
import { INSPECTION_TYPES, REFERRAL_STATUSES, inspectionResultSchema, referralActionSchema } from './referral.js';
import type { TargetingService } from './targeting-service.js';

const referralSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  filingId: z.string(),
  filerId: z.string(),
  reference: z.string(),
  filingVersion: z.number(),
  office: z.string(),
  kind: z.string(),
  channel: z.enum(CHANNELS),
  totalPoints: z.number(),
  deadlineAt: z.string().nullable(),
  selection: z.enum(['risk', 'random_control']),
  status: z.enum(REFERRAL_STATUSES),
  summary: z.array(z.string()),
  threats: z.array(z.string()),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
});

const inspectionSchema = z.object({
  id: z.string(),
  referralId: z.string(),
  filingId: z.string(),
  office: z.string(),
  type: z.enum(INSPECTION_TYPES),
  day: z.string(),
  randomControl: z.boolean(),
  status: z.enum(['ordered', 'completed', 'cancelled']),
  orderedAt: z.string(),
  orderedBy: z.string(),
  result: z.enum(['no_finding', 'finding']).nullable(),
  recordedAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
  notes: z.string().nullable(),
  findings: z.array(
    z.object({
      category: z.string(),
      description: z.string(),
      quantity: z.number().nullable(),
      quantityUnit: z.string().nullable(),
      weightKg: z.number().nullable(),
      seizureReference: z.string().nullable(),
    }),
  ),
});

const assessmentSummarySchema = z.object({
  id: z.string(),
  totalPoints: z.number(),
  channel: z.enum(CHANNELS),
  explanation: z.string(),
  factors: z.array(factorResponseSchema),
  versions: z.object({
    profileSet: z.string(),
    profileSetSize: z.number(),
    profiles: z.record(z.string(), z.number()),
    sources: z.record(z.string(), z.string()),
    policy: z.object({ yellowThreshold: z.number(), redThreshold: z.number(), checkDigitPoints: z.number() }),
  }),
  marking: markingResponseSchema.nullable(),
  assessedAt: z.string(),
});
const actionEntrySchema = z.object({ action: z.string(), reason: z.string(), actor: z.string(), at: z.string(), fromStatus: z.string(), toStatus: z.string() });
const capacitySchema = z.object({ office: z.string(), day: z.string(), capacity: z.number(), used: z.number().optional(), left: z.number().optional() });
const officeParams = z.object({ office: z.string().min(1).max(20) });
const idParams = z.object({ id: z.string().min(1).max(40) });

export function registerTargetingRoutes(app: ApiServer, deps: { targeting: TargetingService }): void {
  const t = deps.targeting;

  app.get(
    '/api/v1/stats/daily',
    {
      schema: {
        operationId: 'dailyStats',
        tags: ['targeting'],
        summary: 'Referrals, inspections and findings per day',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
        response: { 200: z.object({ items: z.array(z.object({ day: z.string(), referrals: z.number(), inspections: z.number(), findings: z.number() })) }), ...standardErrors },
      },
    },
    async (request) => ({ items: await t.dailyStats(actorOf(request), request.query.days) }),
  );

  app.get(
    '/api/v1/referrals',
    {
      schema: {
        operationId: 'listReferrals',
        tags: ['targeting'],
        summary: 'The referral queue: active referrals by risk, then deadline',
        querystring: z.object({ office: z.string().max(20).optional(), limit: z.coerce.number().int().min(1).max(20_000).default(50) }),
        response: { 200: z.object({ items: z.array(referralSchema) }), ...standardErrors },
      },
    },
    async (request) => ({ items: await t.listQueue(actorOf(request), request.query) }),
  );

  app.get(
    '/api/v1/referrals/:id',
    {
      schema: {
        operationId: 'getReferral',
        tags: ['targeting'],
        summary: 'A referral with its assessment factors, actions and inspection (the read is audited)',
        params: idParams,
        response: {
          200: z.object({ referral: referralSchema, assessment: assessmentSummarySchema.nullable(), actions: z.array(actionEntrySchema), inspection: inspectionSchema.nullable() }),
          ...standardErrors,
        },
      },
    },
    async (request) => t.getReferral(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/referrals/:id/actions',
    {
      schema: {
        operationId: 'actOnReferral',
        tags: ['targeting'],
        summary: 'Release, hold, order an inspection or issue Do-Not-Load, with a reason (409 when closed or changed meanwhile)',
        params: idParams,
        body: referralActionSchema,
        response: { 200: referralSchema, ...standardErrors },
      },
    },
    async (request) => t.act(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/offices/:office/selection',
    {
      schema: {
        operationId: 'selectForInspection',
        tags: ['targeting'],
        summary: "Orders inspections for the office's open referrals in risk order, within the day's capacity",
        params: officeParams,
        body: z.object({ day: z.iso.date().optional() }),
        response: {
          200: z.object({ ordered: z.array(z.object({ referralId: z.string(), inspectionType: z.enum(['physical', 'documentary']) })), capacity: capacitySchema }),
          ...standardErrors,
        },
      },
    },
    async (request) => t.selectForInspection(actorOf(request), request.params.office, request.body.day),
  );

  app.get(
    '/api/v1/offices/:office/capacity',
    {
      schema: {
        operationId: 'getCapacity',
        tags: ['targeting'],
        params: officeParams,
        querystring: z.object({ day: z.iso.date().optional() }),
        response: { 200: capacitySchema, ...standardErrors },
      },
    },
    async (request) => t.getCapacity(actorOf(request), request.params.office, request.query.day),
  );

  app.put(
    '/api/v1/offices/:office/capacity',
    {
      schema: {
        operationId: 'setCapacity',
        tags: ['targeting'],
        summary: "Sets the office's inspection capacity for a day, or its default with day '*' (supervisor)",
        params: officeParams,
        body: z.object({ day: z.union([z.iso.date(), z.literal('*')]), capacity: z.number().int().min(0).max(100_000) }),
        response: { 200: capacitySchema, ...standardErrors },
      },
    },
    async (request) => t.setCapacity(actorOf(request), request.params.office, request.body.day, request.body.capacity),
  );

  app.get(
    '/api/v1/targeting/random-control',
    { schema: { operationId: 'getRandomControlRate', tags: ['targeting'], response: { 200: z.object({ rate: z.number() }), ...standardErrors } } },
    async (request) => t.getRandomControlRate(actorOf(request)),
  );

  app.put(
    '/api/v1/targeting/random-control',
    {
      schema: {
        operationId: 'setRandomControlRate',
        tags: ['targeting'],
        summary: 'Share of green filings selected at random for control inspection (supervisor)',
        body: z.object({ rate: z.number().min(0).max(0.5) }),
        response: { 200: z.object({ rate: z.number() }), ...standardErrors },
      },
    },
    async (request) => t.setRandomControlRate(actorOf(request), request.body.rate),
  );

  app.get(
    '/api/v1/inspections',
    {
      schema: {
        operationId: 'listInspections',
        tags: ['targeting'],
        querystring: z.object({
          office: z.string().max(20).optional(),
          status: z.enum(['ordered', 'completed', 'cancelled']).optional(),
          limit: z.coerce.number().int().min(1).max(400).default(100),
        }),
        response: { 200: z.object({ items: z.array(inspectionSchema) }), ...standardErrors },
      },
    },
    async (request) => ({ items: await t.listInspections(actorOf(request), request.query) }),
  );

  app.post(
    '/api/v1/inspections/:id/result',
    {
      schema: {
        operationId: 'recordInspectionResult',
        tags: ['targeting'],
        summary: 'Records no finding, or findings with category, description, quantity/weight and seizure reference (inspector)',
        params: idParams,
        body: inspectionResultSchema,
        response: { 200: inspectionSchema, ...standardErrors },
      },
    },
    async (request) => t.recordResult(actorOf(request), request.params.id, request.body),
  );
}
