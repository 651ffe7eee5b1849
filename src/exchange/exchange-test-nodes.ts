// Test support: real exchange nodes on loopback, each with its own database (SQLite file or a
// PostgreSQL schema) and a minimal Fastify server hosting the exchange routes. Every POST the
// delivery worker makes is recorded byte for byte, so tests can inspect what was on the wire.
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pg from 'pg';
import { isAppError, migrate, openStorage, renderError, type Actor, type Clock, type DialectName, type Storage } from '../platform/index.js';
import { openTestStorage, TEST_PG_URL } from '../platform/test-support/storage-harness.js';
import type { AgreementInput } from './agreement.schema.js';
import { createExchangeNode, type ExchangeNode } from './exchange-node.js';
import { exchangeMigrations } from './exchange-migrations.js';
import type { ExchangeAuditEntry } from './exchange-service.js';
import type { ExchangeTables } from './exchange-tables.js';
import { generateNodeIdentity } from './node-identity.js';

export const user = (name: string, agency: string, ...roles: ('admin' | 'analyst' | 'targeter' | 'liaison' | 'inspector' | 'supervisor' | 'dpo')[]): Actor => ({
  kind: 'user',
  id: `${agency}-${name}`,
  username: name,
  roles,
  agency,
});

export interface TestNode {
  id: string;
  url: string;
  node: ExchangeNode;
  storage: Storage<ExchangeTables>;
  audit: { actor: Actor; entry: ExchangeAuditEntry }[];
  /** Bodies of every POST this node's worker sent. */
  wire: string[];
  admin: Actor;
  liaison: Actor;
  analyst: Actor;
  closeServer(): Promise<void>;
  openServer(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Each PostgreSQL node gets a database of its own: two nodes are two sovereign stores, and
 * Kysely's migrator, which looks for its bookkeeping tables in every schema of a database,
 * would otherwise mistake one node's tables for the other's.
 */
async function openNodeStorage(dialect: DialectName): Promise<{ storage: Storage<ExchangeTables>; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') return openTestStorage<ExchangeTables>(dialect, exchangeMigrations);
  const name = `tandem_x_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const storage = openStorage<ExchangeTables>({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrate(storage.db, 'postgres', exchangeMigrations);
  return {
    storage,
    dispose: async () => {
      await storage.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function startTestNode(id: string, dialect: DialectName, clock: Clock): Promise<TestNode> {
  const { storage, dispose } = await openNodeStorage(dialect);
  const audit: TestNode['audit'] = [];
  const wire: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    if (typeof init?.body === 'string') wire.push(init.body);
    return fetch(input, init);
  };
  const node = createExchangeNode({
    db: storage.db,
    identity: generateNodeIdentity(id, clock.now()),
    clock,
    audit: async (actor, entry) => {
      audit.push({ actor, entry });
    },
    fetch: recordingFetch,
    delivery: { batchSize: 5, backoff: { baseMs: 1000, maxMs: 60_000 }, requestTimeoutMs: 5_000 },
  });
  let port = 0;
  let server: ReturnType<typeof buildServer> | null = null;
  function buildServer() {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler((err, _req, reply) => {
      if (isAppError(err)) return reply.status(err.httpStatus).send(renderError(err));
      const status = err instanceof Error && 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
      return reply.status(status).send({ error: { code: 'ERROR', message: err instanceof Error ? err.message : String(err) } });
    });
    node.registerRoutes(app);
    return app;
  }
  const openServer = async () => {
    server = buildServer();
    await server.listen({ host: '127.0.0.1', port });
    const addr = server.server.address();
    if (addr && typeof addr === 'object') port = addr.port;
  };
  await openServer();
  const agency = id;
  return {
    id,
    url: `http://127.0.0.1:${port}`,
    node,
    storage,
    audit,
    wire,
    admin: user('admin', agency, 'admin'),
    liaison: user('liaison', agency, 'liaison'),
    analyst: user('analyst', agency, 'analyst', 'targeter'),
    closeServer: async () => {
      await server?.close();
      server = null;
    },
    openServer,
    dispose: async () => {
      await node.stop();
      await server?.close();
      await dispose();
    },
  };
}

const ALL_LOOP_KINDS = {
  lookout: { removeFields: ['subject.dateOfBirth'], maskFields: ['subject.passportNumber'] },
  targeting_request: {},
  inspection_result: {},
  seizure_report: {},
  hit_report: {},
  risk_profile: {},
  rfa: {},
  rfa_answer: {},
};

/** A typical agreement from `from`'s point of view towards `partner`, in one direction. */
export function testAgreement(partner: string, direction: 'outbound' | 'inbound', overrides: Partial<AgreementInput> = {}): AgreementInput {
  return {
    partner,
    direction,
    legalBasis: 'EU–US CMAA (1997) art. 9; FR–US exchange of notes (1936)',
    kinds: ALL_LOOP_KINDS,
    defaultMarking: { tlp: 'AMBER', pap: 'GREEN' },
    maxMarking: { tlp: 'RED', pap: 'RED' },
    purposes: ['customs_enforcement', 'risk_analysis'],
    retentionDays: 30,
    autoRelease: ['result_answering_partner_request', 'hit_on_partner_item', 'answer_to_partner_rfa'],
    ...overrides,
  };
}

/** Registers two nodes as each other's partners, with agreements in both directions on both sides. */
export async function pairNodes(a: TestNode, b: TestNode, overrides: { aOut?: Partial<AgreementInput>; bIn?: Partial<AgreementInput>; bOut?: Partial<AgreementInput>; aIn?: Partial<AgreementInput> } = {}): Promise<void> {
  await a.node.service.addPartner(a.admin, { id: b.id, baseUrl: b.url, jwks: b.node.identity.publicJwks() });
  await b.node.service.addPartner(b.admin, { id: a.id, baseUrl: a.url, jwks: a.node.identity.publicJwks() });
  await a.node.service.setAgreement(a.admin, testAgreement(b.id, 'outbound', overrides.aOut));
  await a.node.service.setAgreement(a.admin, testAgreement(b.id, 'inbound', overrides.aIn));
  await b.node.service.setAgreement(b.admin, testAgreement(a.id, 'outbound', overrides.bOut));
  await b.node.service.setAgreement(b.admin, testAgreement(a.id, 'inbound', overrides.bIn));
}

/** Decoded JWS payloads of everything on the wire. */
export function decodedWire(wire: readonly string[]): string[] {
  const out: string[] = [];
  for (const body of wire) {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('envelopes' in parsed) || !Array.isArray(parsed.envelopes)) continue;
    for (const jws of parsed.envelopes) {
      if (typeof jws === 'string') out.push(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
    }
  }
  return out;
}
