// Who is acting. Every use case takes the actor first: a user of this node, a machine feed
// holding an API token, or a partner node delivering intelligence. Role and agency checks are
// made against this, never against raw request data.

export const ROLES = ['admin', 'supervisor', 'targeter', 'analyst', 'inspector', 'liaison', 'dpo'] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  | { kind: 'user'; id: string; username: string; roles: Role[]; agency: string }
  | { kind: 'machine'; id: string; name: string; roles: Role[]; agency: string }
  | { kind: 'node'; id: string; nodeId: string; agency: string }
  | { kind: 'system'; id: 'system'; agency: string; purpose: string };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.username}`;
    case 'machine':
      return `machine:${actor.name}`;
    case 'node':
      return `node:${actor.nodeId}`;
    case 'system':
      return `system:${actor.purpose}`;
  }
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'node') return false;
  return actor.roles.includes('admin') || actor.roles.some((r) => roles.includes(r));
}

export function systemActor(agency: string, purpose: string): Actor {
  return { kind: 'system', id: 'system', agency, purpose };
}
