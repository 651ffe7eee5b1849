// HTTP routes of the filings resource. Thin: schema, roles, one service call.
import { z } from 'zod';
import { actorOf, standardErrors, type ApiServer } from '../platform/index.js';
import { filingSchema, type FilingQueryService } from '../records/index.js';
import { MAX_BATCH_RECORDS, type IngestService } from './ingest-service.js';
import { recordsOfJsonValue } from './record-sources.js';

const problemSchema = z.object({ path: z.string(), reason: z.string() });
const batchResultSchema = z.object({
  received: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  created: z.number(),
  amended: z.number(),
  duplicates: z.number(),
  goodsItems: z.number(),
  results: z.array(z.object({ index: z.number(), status: z.enum(['created', 'amended', 'duplicate']), id: z.string(), reference: z.string(), version: z.number() })),
  errors: z.array(z.object({ index: z.number(), reference: z.string().optional(), problems: z.array(problemSchema) })),
});

const summarySchema = z.object({
  id: z.string(),
  filerId: z.string(),
  reference: z.string(),
  version: z.number(),
  kind: z.string(),
  office: z.string().nullable(),
  receivedAt: z.string(),
  deadlineAt: z.string().nullable(),
  isLatest: z.boolean(),
  goodsCount: z.number(),
});

const storedFilingSchema = summarySchema.omit({ goodsCount: true }).extend({
  contentHash: z.string(),
  filing: filingSchema,
  warnings: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
});

// Records are validated one by one by the service (a bad record must not sink the batch), so
// the body schema only fixes the envelope: one filing, an array, or { filings: [...] }.
const ingestBodySchema = z.union([
  z.array(z.unknown()).max(MAX_BATCH_RECORDS),
  z.object({ filings: z.array(z.unknown()).max(MAX_BATCH_RECORDS) }),
  z.record(z.string(), z.unknown()),
]);

export function registerFilingRoutes(app: ApiServer, deps: { ingest: IngestService; filings: FilingQueryService }): void {
  app.post(
    '/api/v1/filings',
    {
      schema: {
        operationId: 'submitFilings',
        tags: ['filings'],
        summary: 'Submit one filing or a batch; each record is accepted or rejected on its own',
        body: ingestBodySchema,
        response: { 200: batchResultSchema, ...standardErrors },
      },
    },
    async (request) => deps.ingest.ingest(actorOf(request), [...recordsOfJsonValue(request.body)]),
  );

  app.get(
    '/api/v1/filings',
    {
      schema: {
        operationId: 'listFilings',
        tags: ['filings'],
        querystring: z.object({
          kind: z.string().max(40).optional(),
          office: z.string().max(20).optional(),
          reference: z.string().max(64).optional(),
          receivedAfter: z.iso.datetime().optional(),
          receivedBefore: z.iso.datetime().optional(),
          all: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          after: z.string().max(40).optional(),
        }),
        response: { 200: z.object({ items: z.array(summarySchema) }), ...standardErrors },
      },
    },
    async (request) => {
      const { all, ...q } = request.query;
      return { items: await deps.filings.list(actorOf(request), { ...q, latestOnly: all !== 'true' }) };
    },
  );

  app.get(
    '/api/v1/filings/:id',
    {
      schema: {
        operationId: 'getFiling',
        tags: ['filings'],
        params: z.object({ id: z.string().max(40) }),
        response: { 200: storedFilingSchema, ...standardErrors },
      },
    },
    async (request) => deps.filings.get(actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/filings/:id/versions',
    {
      schema: {
        operationId: 'listFilingVersions',
        tags: ['filings'],
        params: z.object({ id: z.string().max(40) }),
        response: { 200: z.object({ items: z.array(summarySchema) }), ...standardErrors },
      },
    },
    async (request) => ({ items: await deps.filings.versions(actorOf(request), request.params.id) }),
  );
}
