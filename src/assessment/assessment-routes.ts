// HTTP routes of assessments: by id, by filing, reproduction, flagged profiles. Thin.
import { z } from 'zod';
import { actorOf, standardErrors, type ApiServer } from '../platform/index.js';
import { CHANNELS, PAP_LEVELS, TLP_LEVELS } from './factor.js';
import type { AssessmentService } from './assessment-service.js';

export const markingResponseSchema = z.object({ tlp: z.enum(TLP_LEVELS), pap: z.enum(PAP_LEVELS).optional() });
/** A factor as every route shows it (assessments, referrals). */
export const factorResponseSchema = z.object({
  source: z.string(),
  sourceId: z.string(),
  version: z.string(),
  points: z.number(),
  forcedChannel: z.enum(['yellow', 'red', 'dnl']).nullable(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  marking: markingResponseSchema.optional(),
});
const assessmentSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  filerId: z.string(),
  reference: z.string(),
  filingVersion: z.number(),
  kind: z.string(),
  office: z.string().nullable(),
  receivedAt: z.string(),
  deadlineAt: z.string().nullable(),
  assessedAt: z.string(),
  totalPoints: z.number(),
  channel: z.enum(CHANNELS),
  forcedBy: z.object({ source: z.string(), sourceId: z.string() }).nullable(),
  explanation: z.string(),
  factors: z.array(factorResponseSchema),
  profileErrors: z.array(z.object({ profileId: z.string(), profileVersion: z.number(), message: z.string() })),
  sourceErrors: z.array(z.object({ source: z.string(), sourceId: z.string(), version: z.string(), message: z.string() })),
  versions: z.object({
    profileSet: z.string(),
    profileSetSize: z.number(),
    profiles: z.record(z.string(), z.number()),
    sources: z.record(z.string(), z.string()),
    policy: z.object({ yellowThreshold: z.number(), redThreshold: z.number(), checkDigitPoints: z.number() }),
  }),
  marking: markingResponseSchema.nullable(),
  trigger: z.enum(['event', 'sweep', 'manual']),
});
const idParams = z.object({ id: z.string().min(1).max(40) });

export function registerAssessmentRoutes(app: ApiServer, deps: { assessment: AssessmentService }): void {
  const a = deps.assessment;

  app.get(
    '/api/v1/filings/:id/party-history',
    {
      schema: {
        operationId: 'getPartyHistory',
        tags: ['assessment'],
        summary: "What the node knows of the filing's parties: first seen, filings, inspections, findings",
        params: z.object({ id: z.string().max(40) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ role: z.string(), name: z.string(), partyKey: z.string(), firstSeen: z.string().nullable(), filings: z.number(), inspected: z.number(), findings: z.number() }),
            ),
          }),
          ...standardErrors,
        },
      },
    },
    async (request) => ({ items: await a.partyHistory(actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/v1/assessments/:id',
    { schema: { operationId: 'getAssessment', tags: ['assessment'], params: idParams, response: { 200: assessmentSchema, ...standardErrors } } },
    async (request) => a.getAssessment(actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/filings/:id/assessment',
    {
      schema: {
        operationId: 'getFilingAssessment',
        tags: ['assessment'],
        summary: 'The assessment of one stored filing version, with its factors and the versions it used',
        params: idParams,
        response: { 200: assessmentSchema, ...standardErrors },
      },
    },
    async (request) => a.getAssessmentOfFiling(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/assessments/:id/reproduce',
    {
      schema: {
        operationId: 'reproduceAssessment',
        tags: ['assessment'],
        summary: 'Runs the assessment again with the recorded versions and lists any difference',
        params: idParams,
        response: {
          200: z.object({
            assessmentId: z.string(),
            reproducible: z.boolean(),
            differences: z.array(z.string()),
            recomputed: z.object({ channel: z.enum(CHANNELS), totalPoints: z.number(), factors: z.array(factorResponseSchema) }),
          }),
          ...standardErrors,
        },
      },
    },
    async (request) => a.reproduce(actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/assessments/profile-flags',
    {
      schema: {
        operationId: 'listProfileFlags',
        tags: ['assessment'],
        summary: 'Profiles that failed at run time during assessments, for their authors',
        response: {
          200: z.object({
            items: z.array(z.object({ profileId: z.string(), profileVersion: z.number(), failures: z.number(), lastAt: z.string(), lastMessage: z.string(), lastFilingId: z.string() })),
          }),
          ...standardErrors,
        },
      },
    },
    async (request) => ({ items: await a.listProfileFlags(actorOf(request)) }),
  );
}
