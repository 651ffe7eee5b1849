// HTTP routes of screening: ad hoc screening (one or a batch), review decisions, lookouts and
// the index status. Thin: schema, roles, one service call.
import { z } from 'zod';
import { actorOf, standardErrors, type ApiServer } from '../platform/index.js';
import { nameProblem } from './name-analyzer.js';
import { PRODUCTION_THRESHOLD } from './screening-engine.js';
import { REVIEW_DECISIONS } from './screening-repository.js';
import type { ScreeningService } from './screening-service.js';
import { IDENTIFIER_KINDS } from './watchlist-entry.js';

const MAX_BATCH = 1000;

// Names are not validated by the schema (a bad name must not sink a batch); each gets an error.
const queryItemSchema = z.object({
  id: z.string().max(100).optional(),
  name: z.string().max(20_000),
  type: z.enum(['person', 'organization', 'vessel', 'aircraft']).optional(),
  dob: z.string().regex(/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD').optional(),
  country: z.string().max(60).optional(),
  identifiers: z.array(z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().min(1).max(64) })).max(20).optional(),
});

const screenBodySchema = z.union([
  queryItemSchema.extend({ top: z.number().int().min(1).max(100).optional(), minScore: z.number().min(0).max(1).optional() }),
  z.object({
    queries: z.array(queryItemSchema).min(1).max(MAX_BATCH),
    top: z.number().int().min(1).max(100).optional(),
    minScore: z.number().min(0).max(1).optional(),
  }),
]);

const explanationSchema = z.object({
  aligned: z.array(z.object({ query: z.string(), listed: z.string(), score: z.number(), how: z.string() })),
  extraQuery: z.array(z.string()),
  extraListed: z.array(z.string()),
  features: z.array(z.object({ feature: z.string(), delta: z.number(), detail: z.string().optional() })),
});

const hitSchema = z.object({
  entryId: z.string(),
  list: z.string(),
  listVersion: z.string(),
  entityType: z.string(),
  matchedName: z.string(),
  score: z.number(),
  nameScore: z.number(),
  identifierMatch: z.boolean(),
  alert: z.boolean(),
  explanation: explanationSchema,
});

const resultSchema = z.object({ index: z.number(), id: z.string().optional(), hits: z.array(hitSchema).optional(), error: z.string().optional() });

const lookoutSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  aliases: z.array(z.string()),
  owner: z.string(),
  reason: z.string(),
  expiresAt: z.string().optional(),
  birthDate: z.string().optional(),
  country: z.string().optional(),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
});

export function registerScreeningRoutes(app: ApiServer, deps: { screening: ScreeningService }): void {
  const svc = deps.screening;

  app.post(
    '/api/v1/screen',
    {
      config: { roles: ['targeter', 'analyst', 'supervisor', 'inspector'] },
      schema: {
        operationId: 'screenNames',
        tags: ['screening'],
        summary: 'Screen one name or a batch against the lists and lookouts in force; each query is answered on its own',
        body: screenBodySchema,
        response: { 200: z.object({ threshold: z.number(), results: z.array(resultSchema) }), ...standardErrors },
      },
    },
    async (request) => {
      const body = request.body;
      const items = 'queries' in body ? body.queries : [body];
      const top = body.top ?? 10;
      const minScore = body.minScore ?? 0;
      const versions = new Map(svc.status().lists.map((l) => [l.list, l.version]));
      actorOf(request);
      const results = items.map((q, index) => {
        const problem = nameProblem(q.name);
        if (problem) return { index, ...(q.id ? { id: q.id } : {}), error: problem };
        const hits = svc.screen({ name: q.name, type: q.type, birthDate: q.dob, country: q.country, identifiers: q.identifiers }, { top, minScore });
        return {
          index,
          ...(q.id ? { id: q.id } : {}),
          hits: hits.map((h) => ({ ...h, listVersion: versions.get(h.list) ?? '', alert: h.score >= PRODUCTION_THRESHOLD })),
        };
      });
      return { threshold: PRODUCTION_THRESHOLD, results };
    },
  );

  app.post(
    '/api/v1/screening/reviews',
    {
      config: { roles: ['targeter', 'analyst', 'supervisor'] },
      schema: {
        operationId: 'reviewScreeningHit',
        tags: ['screening'],
        summary: 'Mark a hit a true match or a false positive; remembered for this party and entry until either changes',
        body: z.object({
          partyKey: z.string().min(1).max(400),
          partyName: z.string().min(1).max(300),
          entryId: z.string().min(1).max(200),
          decision: z.enum(REVIEW_DECISIONS),
          reason: z.string().min(1).max(2000),
        }),
        response: {
          200: z.object({ partyKey: z.string(), entryId: z.string(), entryHash: z.string(), partyName: z.string(), decision: z.string(), reason: z.string(), decidedBy: z.string(), decidedAt: z.string() }),
          ...standardErrors,
        },
      },
    },
    async (request) => svc.review(actorOf(request), request.body),
  );

  app.get(
    '/api/v1/screening/lookouts',
    {
      config: { roles: ['targeter', 'analyst', 'supervisor'] },
      schema: { operationId: 'listLookouts', tags: ['screening'], response: { 200: z.object({ items: z.array(lookoutSchema) }), ...standardErrors } },
    },
    async () => ({ items: svc.lookouts() }),
  );

  app.put(
    '/api/v1/screening/lookouts/:id',
    {
      config: { roles: ['targeter', 'analyst', 'supervisor'] },
      schema: {
        operationId: 'saveLookout',
        tags: ['screening'],
        summary: 'Create or replace a lookout (name, type, aliases, owner, reason, expiry)',
        params: z.object({ id: z.string().max(64) }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: lookoutSchema, ...standardErrors },
      },
    },
    async (request) => svc.saveLookout(actorOf(request), { ...request.body, id: request.params.id }),
  );

  app.delete(
    '/api/v1/screening/lookouts/:id',
    {
      config: { roles: ['targeter', 'analyst', 'supervisor'] },
      schema: { operationId: 'removeLookout', tags: ['screening'], params: z.object({ id: z.string().max(64) }), response: { 204: z.null(), ...standardErrors } },
    },
    async (request, reply) => {
      await svc.removeLookout(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/screening/status',
    {
      schema: {
        operationId: 'screeningStatus',
        tags: ['screening'],
        response: {
          200: z.object({
            lists: z.array(z.object({ list: z.string(), version: z.string() })),
            entries: z.number(),
            names: z.number(),
            lookouts: z.number(),
            builtAt: z.string(),
            threshold: z.number(),
          }),
          ...standardErrors,
        },
      },
    },
    async () => svc.status(),
  );
}
