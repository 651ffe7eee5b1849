// Users, password login and tokens. Passwords are hashed with argon2id; session tokens and
// long-lived API tokens are random 32-byte secrets of which only the SHA-256 is stored.
import { randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { z } from 'zod';
import {
  ROLES,
  forbidden,
  invalidCredentials,
  authenticationRequired,
  conflict,
  validationFailed,
  hasRole,
  newId,
  sha256Hex,
  type Actor,
  type Clock,
  type Role,
  type Storage,
} from '../platform/index.js';
import type { AccessTables, TokenRow, UserRow } from './access-tables.js';
import type { AuditAppender } from './audit-log.js';

const rolesSchema = z.array(z.enum(ROLES)).min(1);
// argon2id, 19 MiB, 2 passes: OWASP's recommended floor, ~30 ms on these machines.
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export interface AccessServiceDeps {
  storage: Storage<AccessTables>;
  clock: Clock;
  audit: AuditAppender;
  agency: string;
  sessionTtlMinutes: number;
}

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  agency: string;
}

function toPublicUser(row: UserRow): PublicUser {
  return { id: row.id, username: row.username, displayName: row.display_name, roles: rolesSchema.parse(JSON.parse(row.roles)), agency: row.agency };
}

export function generatePassword(): string {
  // 18 random bytes → 24 URL-safe characters, easy to paste, ~144 bits.
  return randomBytes(18).toString('base64url');
}

export function createAccessService({ storage, clock, audit, agency, sessionTtlMinutes }: AccessServiceDeps) {
  const { db } = storage;
  // Token look-ups happen on every request; a short-lived cache keeps them off the database.
  const cache = new Map<string, { actor: Actor; until: number }>();
  const CACHE_MS = 5_000;

  async function createUser(actor: Actor, input: { username: string; displayName?: string; roles: Role[]; password?: string }) {
    if (!hasRole(actor, 'admin')) throw forbidden('only an administrator can create users');
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(input.username)) {
      throw validationFailed('user name must be 2-63 lower-case letters, digits, dot, dash or underscore', { field: 'username' });
    }
    const roles = rolesSchema.parse(input.roles);
    const password = input.password ?? generatePassword();
    if (password.length < 12) throw validationFailed('password must have at least 12 characters', { field: 'password' });
    const passwordHash = await argonHash(password, ARGON);
    return db.transaction().execute(async (tx) => {
      const exists = await tx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
      if (exists) throw conflict('USER_EXISTS', `user ${input.username} already exists`);
      const row: UserRow = {
        id: newId(),
        username: input.username,
        display_name: input.displayName ?? input.username,
        roles: JSON.stringify(roles),
        agency,
        password_hash: passwordHash,
        created_at: clock.now().toISOString(),
        disabled: 0,
      };
      await tx.insertInto('app_user').values(row).execute();
      await audit(tx, actor, { action: 'user.create', targetType: 'user', targetId: row.id, details: { username: row.username, roles } });
      return { user: toPublicUser(row), password };
    });
  }

  async function issueToken(tx: typeof db, row: Omit<TokenRow, 'token_hash' | 'id'>): Promise<{ token: string; id: string }> {
    const token = `tdm_${randomBytes(32).toString('base64url')}`;
    const id = newId();
    await tx.insertInto('access_token').values({ ...row, id, token_hash: sha256Hex(token) }).execute();
    return { token, id };
  }

  async function login(username: string, password: string) {
    const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    // Verify against a dummy hash when the user is unknown, so timing does not reveal user names.
    const ok = user
      ? await argonVerify(user.password_hash, password)
      : (await argonVerify('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2cDmDqjKGNIlG0DGtJVyG0aXgwDqIq0I4HSxDKBdgWg', password).catch(() => false)) && false;
    if (!user || !ok || user.disabled === 1) {
      const who: Actor = { kind: 'system', id: 'system', agency, purpose: 'login' };
      await db.transaction().execute((tx) => audit(tx, who, { action: 'login.failed', targetType: 'user', targetId: username }));
      throw invalidCredentials();
    }
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + sessionTtlMinutes * 60_000).toISOString();
    const publicUser = toPublicUser(user);
    const actor: Actor = { kind: 'user', id: user.id, username: user.username, roles: publicUser.roles, agency: user.agency };
    return db.transaction().execute(async (tx) => {
      const { token } = await issueToken(tx, {
        kind: 'session',
        user_id: user.id,
        name: `session:${user.username}`,
        roles: user.roles,
        agency: user.agency,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked: 0,
      });
      await audit(tx, actor, { action: 'login', targetType: 'user', targetId: user.id });
      return { token, expiresAt, user: publicUser };
    });
  }

  async function createApiToken(actor: Actor, input: { name: string; roles: Role[]; expiresInDays?: number }) {
    if (!hasRole(actor, 'admin')) throw forbidden('only an administrator can create API tokens');
    const roles = rolesSchema.parse(input.roles);
    const now = clock.now();
    return db.transaction().execute(async (tx) => {
      const { token, id } = await issueToken(tx, {
        kind: 'api',
        user_id: null,
        name: input.name,
        roles: JSON.stringify(roles),
        agency,
        created_at: now.toISOString(),
        expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null,
        revoked: 0,
      });
      await audit(tx, actor, { action: 'token.create', targetType: 'token', targetId: id, details: { name: input.name, roles } });
      return { id, token };
    });
  }

  /** Resolves a bearer token to an actor, or throws AUTHENTICATION_REQUIRED. */
  async function authenticate(token: string | undefined): Promise<Actor> {
    if (!token) throw authenticationRequired();
    const key = sha256Hex(token);
    const nowMs = clock.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.until > nowMs) return hit.actor;
    const row = await db.selectFrom('access_token').selectAll().where('token_hash', '=', key).executeTakeFirst();
    if (!row || row.revoked === 1 || (row.expires_at !== null && Date.parse(row.expires_at) <= nowMs)) {
      cache.delete(key);
      throw authenticationRequired();
    }
    const roles = rolesSchema.parse(JSON.parse(row.roles));
    let actor: Actor;
    if (row.kind === 'session' && row.user_id) {
      const user = await db.selectFrom('app_user').select(['username', 'disabled']).where('id', '=', row.user_id).executeTakeFirst();
      if (!user || user.disabled === 1) throw authenticationRequired();
      actor = { kind: 'user', id: row.user_id, username: user.username, roles, agency: row.agency };
    } else {
      actor = { kind: 'machine', id: row.id, name: row.name, roles, agency: row.agency };
    }
    const until = Math.min(nowMs + CACHE_MS, row.expires_at ? Date.parse(row.expires_at) : Number.POSITIVE_INFINITY);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { actor, until });
    return actor;
  }

  async function logout(token: string) {
    const key = sha256Hex(token);
    cache.delete(key);
    await db.updateTable('access_token').set({ revoked: 1 }).where('token_hash', '=', key).execute();
  }

  /** Sets a new generated password (administrators, and the demo loader as the system actor). */
  async function resetPassword(actor: Actor, username: string): Promise<string> {
    if (!hasRole(actor, 'admin')) throw forbidden('only an administrator can reset passwords');
    const password = generatePassword();
    const passwordHash = await argonHash(password, ARGON);
    await db.transaction().execute(async (tx) => {
      const user = await tx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
      if (!user) throw validationFailed(`no user ${username}`);
      await tx.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
      await tx.updateTable('access_token').set({ revoked: 1 }).where('user_id', '=', user.id).execute();
      await audit(tx, actor, { action: 'user.password_reset', targetType: 'user', targetId: user.id });
    });
    cache.clear();
    return password;
  }

  async function findUser(username: string): Promise<PublicUser | null> {
    const row = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? toPublicUser(row) : null;
  }

  async function listUsers(actor: Actor): Promise<PublicUser[]> {
    if (!hasRole(actor, 'admin', 'supervisor', 'dpo')) throw forbidden();
    const rows = await db.selectFrom('app_user').selectAll().orderBy('username').execute();
    return rows.map(toPublicUser);
  }

  async function userCount(): Promise<number> {
    const r = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  return { createUser, resetPassword, findUser, login, logout, createApiToken, authenticate, listUsers, userCount };
}

export type AccessService = ReturnType<typeof createAccessService>;
