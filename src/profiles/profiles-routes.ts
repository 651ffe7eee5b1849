// HTTP routes of risk profiles. Thin: schema, one service call; roles are checked by the service.
import { z } from 'zod';
import { actorOf, standardErrors, type ApiServer } from '../platform/index.js';
import { FIELDS } from './condition-fields.js';
import { FUNCTIONS } from './condition-checker.js';
import { MAX_BACKTEST_DAYS, type ProfileService } from './profile-service.js';
import { FORCED_CHANNELS, PROFILE_STATUSES, THREAT_CATEGORIES } from './profile-types.js';

const definitionSchema = z.object({
  name: z.string(),
  ownerAgency: z.string(),
  threat: z.enum(THREAT_CATEGORIES),
  scope: z.object({ kinds: z.array(z.string()), modes: z.array(z.string()), lanes: z.array(z.string()), offices: z.array(z.string()) }),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  condition: z.string(),
  action: z.object({ points: z.number(), forcedChannel: z.enum(FORCED_CHANNELS).nullable() }),
  rationale: z.string(),
  shareable: z.boolean(),
});

const versionSchema = z.object({
  version: z.number(),
  status: z.enum(PROFILE_STATUSES),
  definition: definitionSchema,
  authorId: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  activatedBy: z.string().nullable(),
  activatedAt: z.string().nullable(),
  retiredBy: z.string().nullable(),
  retiredAt: z.string().nullable(),
  runtimeErrors: z.number(),
  lastRuntimeError: z.string().nullable(),
  lastRuntimeErrorAt: z.string().nullable(),
});

const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerAgency: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  latestVersion: z.number(),
  activeVersion: z.number().nullable(),
  flagged: z.boolean(),
  versions: z.array(versionSchema),
});

const summarySchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerAgency: z.string(),
  threat: z.string(),
  latestVersion: z.number(),
  latestStatus: z.enum(PROFILE_STATUSES),
  activeVersion: z.number().nullable(),
  runtimeErrors: z.number(),
  author: z.string(),
  updatedAt: z.string(),
});

const countsSchema = z.object({ selected: z.number(), inspected: z.number(), findings: z.number(), findingRate: z.number().nullable() });
const statsSchema = countsSchema.extend({
  profileId: z.string(),
  versions: z.array(countsSchema.extend({ version: z.number() })),
  perDay: z.array(countsSchema.extend({ day: z.string() })),
  perWeek: z.array(countsSchema.extend({ week: z.string() })),
});

const backtestCounts = z.object({ inspected: z.number(), findings: z.number(), findingRate: z.number().nullable() });
const backtestSchema = backtestCounts.extend({
  profileId: z.string(),
  version: z.number(),
  days: z.number(),
  from: z.string(),
  to: z.string(),
  filingsScanned: z.number(),
  hits: z.number(),
  hitRate: z.number().nullable(),
  baseline: backtestCounts,
  runtimeErrors: z.number(),
  truncated: z.boolean(),
  samples: z.array(z.object({ filingId: z.string(), reference: z.string(), receivedAt: z.string(), reason: z.string(), inspected: z.boolean(), finding: z.boolean() })),
  notes: z.array(z.string()),
});

const problemSchema = z.object({ path: z.string().optional(), line: z.number().optional(), column: z.number().optional(), message: z.string() });
const idParams = z.object({ id: z.string().min(1).max(64) });
const versionBody = z.object({ version: z.number().int().min(1).optional() }).default({});
const daysSchema = z.number().int().min(1).max(MAX_BACKTEST_DAYS);

export function registerProfileRoutes(app: ApiServer, deps: { profiles: ProfileService }): void {
  const p = deps.profiles;
  const tags = ['profiles'];

  app.get(
    '/api/v1/profiles',
    {
      schema: {
        operationId: 'listProfiles',
        tags,
        summary: 'Profiles with their latest version (or every version in one status)',
        querystring: z.object({ status: z.enum(PROFILE_STATUSES).optional() }),
        response: { 200: z.object({ items: z.array(summarySchema) }), ...standardErrors },
      },
    },
    async (request) => ({ items: await p.list(actorOf(request), request.query.status ? { status: request.query.status } : {}) }),
  );

  app.get(
    '/api/v1/profiles/language',
    {
      schema: {
        operationId: 'profileLanguage',
        tags,
        summary: 'Fields and functions of the condition language, for the editor',
        response: {
          200: z.object({
            fields: z.array(z.object({ name: z.string(), type: z.string(), goods: z.boolean(), doc: z.string() })),
            functions: z.array(z.object({ name: z.string(), doc: z.string() })),
            threats: z.array(z.string()),
          }),
          ...standardErrors,
        },
      },
    },
    async () => ({
      fields: [...FIELDS].map(([name, f]) => ({ name, type: f.type, goods: f.goods, doc: f.doc })),
      functions: Object.entries(FUNCTIONS).map(([name, doc]) => ({ name, doc })),
      threats: [...THREAT_CATEGORIES],
    }),
  );

  app.post(
    '/api/v1/profiles/validate',
    {
      schema: {
        operationId: 'validateProfile',
        tags,
        summary: 'Checks a condition or a whole definition; problems carry line and column (for a live editor)',
        body: z.object({ condition: z.string().max(20_000).optional(), definition: z.unknown().optional() }),
        response: { 200: z.object({ ok: z.boolean(), problems: z.array(problemSchema) }), ...standardErrors },
      },
    },
    async (request) => {
      actorOf(request);
      if (request.body.definition !== undefined) {
        const r = p.validate(request.body.definition);
        return { ok: r.ok, problems: r.ok ? [] : r.problems };
      }
      const problems = p.validateCondition(request.body.condition ?? '');
      return { ok: problems.length === 0, problems };
    },
  );

  app.post(
    '/api/v1/profiles',
    {
      schema: {
        operationId: 'createProfile',
        tags,
        summary: 'Creates a profile as a draft (version 1)',
        body: z.object({ id: z.string().max(64).optional(), definition: z.unknown() }),
        response: { 200: profileSchema, ...standardErrors },
      },
    },
    async (request) => p.createDraft(actorOf(request), { ...(request.body.id ? { id: request.body.id } : {}), definition: request.body.definition }),
  );

  app.post(
    '/api/v1/profiles/backtest',
    {
      schema: {
        operationId: 'backtestDefinition',
        tags,
        summary: 'Backtests a definition that is not saved yet over the last N days',
        body: z.object({ definition: z.unknown(), days: daysSchema }),
        response: { 200: backtestSchema, ...standardErrors },
      },
    },
    async (request) => p.backtestDefinition(actorOf(request), request.body.definition, { days: request.body.days }),
  );

  app.post(
    '/api/v1/profiles/import',
    {
      schema: {
        operationId: 'importProfiles',
        tags,
        summary: 'Imports a YAML profile file; every profile enters as a draft',
        body: z.object({ yaml: z.string().max(2_000_000) }),
        response: { 200: z.object({ created: z.array(z.string()), updated: z.array(z.string()), unchanged: z.array(z.string()) }), ...standardErrors },
      },
    },
    async (request) => p.importYaml(actorOf(request), request.body.yaml),
  );

  app.get(
    '/api/v1/profiles/export',
    {
      schema: {
        operationId: 'exportProfiles',
        tags,
        summary: 'Exports profiles as YAML (active versions, or each latest version)',
        querystring: z.object({ which: z.enum(['active', 'latest']).default('latest') }),
      },
    },
    async (request, reply) => {
      const yaml = await p.exportYaml(actorOf(request), request.query.which);
      return reply.type('application/yaml; charset=utf-8').send(yaml);
    },
  );

  app.get(
    '/api/v1/profiles/:id',
    {
      schema: { operationId: 'getProfile', tags, params: idParams, response: { 200: profileSchema, ...standardErrors } },
    },
    async (request) => p.get(actorOf(request), request.params.id),
  );

  app.put(
    '/api/v1/profiles/:id',
    {
      schema: {
        operationId: 'updateProfileDraft',
        tags,
        summary: 'Edits the draft, or starts a new draft version when the latest is approved, active or retired',
        params: idParams,
        body: z.object({ definition: z.unknown() }),
        response: { 200: profileSchema, ...standardErrors },
      },
    },
    async (request) => p.updateDraft(actorOf(request), request.params.id, { definition: request.body.definition }),
  );

  for (const verb of ['approve', 'activate', 'retire'] as const) {
    app.post(
      `/api/v1/profiles/:id/${verb}`,
      {
        schema: {
          operationId: `${verb}Profile`,
          tags,
          summary:
            verb === 'approve'
              ? 'Approves a draft (a supervisor who is not its author)'
              : verb === 'activate'
                ? 'Puts an approved version into force; the previously active version is retired'
                : 'Retires the active version (or the given version)',
          params: idParams,
          body: versionBody,
          response: { 200: profileSchema, ...standardErrors },
        },
      },
      async (request) => p[verb](actorOf(request), request.params.id, request.body.version),
    );
  }

  app.post(
    '/api/v1/profiles/:id/backtest',
    {
      schema: {
        operationId: 'backtestProfile',
        tags,
        summary: 'Replays the last N days of stored filings through a version: hits, inspected, finding rate',
        params: idParams,
        body: z.object({ days: daysSchema, version: z.number().int().min(1).optional() }),
        response: { 200: backtestSchema, ...standardErrors },
      },
    },
    async (request) =>
      p.backtest(actorOf(request), request.params.id, { days: request.body.days, ...(request.body.version ? { version: request.body.version } : {}) }),
  );

  app.get(
    '/api/v1/profiles/:id/stats',
    {
      schema: {
        operationId: 'profileStats',
        tags,
        summary: 'Hit statistics: selected, inspected, findings and finding rate, per version, day and ISO week',
        params: idParams,
        response: { 200: statsSchema, ...standardErrors },
      },
    },
    async (request) => p.stats(actorOf(request), request.params.id),
  );
}
