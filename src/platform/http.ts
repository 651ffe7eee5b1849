// HTTP plumbing shared by every context's routes: the typed Fastify instance, how a route
// declares who may call it, and how a handler gets the authenticated actor.
// Routes stay thin: a schema, the roles allowed, and one service call.
import type { FastifyInstance, FastifyRequest, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticationRequired, forbidden } from './errors.js';
import { hasRole, type Actor, type Role } from './actor.js';

export type ApiServer = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes open without authentication (health, metrics, API description, console files, partner inbox). */
    public?: boolean;
    /** Roles allowed; admin is always allowed. Empty or absent: any authenticated user or machine. */
    roles?: readonly Role[];
  }
}

/** The authenticated actor of a request; throws if the route was reached without one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw authenticationRequired();
  return request.actor;
}

export function checkRoles(actor: Actor, roles: readonly Role[] | undefined): void {
  if (!roles || roles.length === 0) return;
  if (!hasRole(actor, ...roles)) throw forbidden(`this action needs one of the roles: ${roles.join(', ')}`, { roles });
}

/** The error body every route documents for 4xx/5xx answers. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const standardErrors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  413: errorBodySchema,
  422: errorBodySchema,
} as const;
