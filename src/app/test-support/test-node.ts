// A real node in a temporary folder (SQLite) or a fresh PostgreSQL schema, with its HTTP API,
// for tests. Users of every role are created on demand and logged in through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, createPostgresSchema, dropPostgresSchema, type Clock, type Role, type ApiServer } from '../../platform/index.js';
import { TEST_PG_URL } from '../../platform/test-support/storage-harness.js';
import { initNode } from '../init-node.js';
import { buildApi } from '../api.js';
import type { TandemNode } from '../node.js';

export interface TestNode {
  node: TandemNode;
  api: ApiServer;
  dataDir: string;
  /** Logs in a user with the given role (created on first use) and returns a bearer header. */
  as(role: Role): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

export async function startTestNode(opts: { engine?: 'sqlite' | 'postgres'; clock?: Clock; nodeId?: string; agency?: string } = {}): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-node-'));
  const env: NodeJS.ProcessEnv = { TANDEM_LOG_LEVEL: 'silent' };
  let schema: string | null = null;
  if (opts.engine === 'postgres') {
    schema = `n_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await createPostgresSchema(TEST_PG_URL, schema);
    env.TANDEM_DB = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
  }
  const config = loadConfig({ dataDir }, env);
  const { node, admin } = await initNode(config, { nodeId: opts.nodeId ?? 'FR-DGDDI', agency: opts.agency ?? 'DGDDI' });
  const api = await buildApi(node, { logLevel: process.env.DBG ? 'info' : 'silent' });
  const tokens = new Map<Role, string>();
  if (!admin) throw new Error('test node has no admin');
  return {
    node,
    api,
    dataDir,
    async as(role) {
      let token = tokens.get(role);
      if (!token) {
        const username = role === 'admin' ? admin.username : `${role}1`;
        const password = role === 'admin' ? admin.password : (await node.access.createUser(node.system, { username, roles: [role] })).password;
        const res = await api.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
        const body: unknown = res.json();
        if (typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string') throw new Error(`login failed: ${res.body}`);
        token = body.token;
        tokens.set(role, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await api.close();
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) await dropPostgresSchema(TEST_PG_URL, schema);
    },
  };
}
