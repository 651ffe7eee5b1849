import { z } from 'zod';
import { ROLES, actorOf, forbidden, hasRole, standardErrors, type ApiServer, type Storage } from '../platform/index.js';
import type { AccessService } from './access-service.js';
import type { AccessTables } from './access-tables.js';
import { listAudit, verifyAuditLog } from './audit-log.js';

const userSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)), agency: z.string() });

export function registerAccessRoutes(app: ApiServer, deps: { access: AccessService; storage: Storage<AccessTables> }): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        operationId: 'login',
        tags: ['access'],
        security: [],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }), ...standardErrors },
      },
    },
    async (request) => deps.access.login(request.body.username, request.body.password),
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { operationId: 'logout', tags: ['access'], response: { 200: z.object({ ok: z.boolean() }), ...standardErrors } } },
    async (request) => {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (token) await deps.access.logout(token);
      return { ok: true };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        operationId: 'me',
        tags: ['access'],
        response: { 200: z.object({ kind: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)), agency: z.string() }), ...standardErrors },
      },
    },
    async (request) => {
      const a = actorOf(request);
      if (a.kind === 'user') return { kind: a.kind, name: a.username, roles: a.roles, agency: a.agency };
      if (a.kind === 'machine') return { kind: a.kind, name: a.name, roles: a.roles, agency: a.agency };
      throw forbidden('not a user session');
    },
  );

  app.get(
    '/api/v1/users',
    { config: { roles: ['admin', 'supervisor', 'dpo'] }, schema: { operationId: 'listUsers', tags: ['access'], response: { 200: z.object({ items: z.array(userSchema) }), ...standardErrors } } },
    async (request) => ({ items: await deps.access.listUsers(actorOf(request)) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'createUser',
        tags: ['access'],
        body: z.object({ username: z.string().max(63), displayName: z.string().max(120).optional(), roles: z.array(z.enum(ROLES)).min(1) }),
        response: { 200: z.object({ user: userSchema, password: z.string() }), ...standardErrors },
      },
    },
    async (request) => deps.access.createUser(actorOf(request), request.body),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'createApiToken',
        tags: ['access'],
        body: z.object({ name: z.string().min(2).max(80), roles: z.array(z.enum(ROLES)).min(1), expiresInDays: z.number().int().min(1).max(3650).optional() }),
        response: { 200: z.object({ id: z.string(), token: z.string() }), ...standardErrors },
      },
    },
    async (request) => deps.access.createApiToken(actorOf(request), request.body),
  );

  const auditEntrySchema = z.object({
    seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), targetType: z.string(), targetId: z.string(), details: z.unknown(),
  });
  app.get(
    '/api/v1/audit',
    {
      config: { roles: ['dpo', 'supervisor'] },
      schema: {
        operationId: 'listAudit',
        tags: ['access'],
        querystring: z.object({
          targetType: z.string().max(40).optional(),
          targetId: z.string().max(80).optional(),
          actor: z.string().max(120).optional(),
          beforeSeq: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ items: z.array(auditEntrySchema) }), ...standardErrors },
      },
    },
    async (request) => {
      if (!hasRole(actorOf(request), 'dpo', 'supervisor')) throw forbidden();
      const rows = await listAudit(deps.storage.db, request.query);
      return {
        items: rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, targetType: r.target_type, targetId: r.target_id, details: JSON.parse(r.details) })),
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { roles: ['dpo', 'admin'] },
      schema: {
        operationId: 'verifyAudit',
        tags: ['access'],
        response: { 200: z.object({ ok: z.boolean(), entries: z.number(), problems: z.array(z.object({ seq: z.number(), problem: z.string() })) }), ...standardErrors },
      },
    },
    async () => verifyAuditLog(deps.storage.db),
  );
}
