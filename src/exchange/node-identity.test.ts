import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, importJWK } from 'jose';
import { newId } from '../platform/index.js';
import { initNodeIdentity, loadNodeIdentity, rotateNodeKey, identityFilePath } from './node-identity.js';
import { signEnvelope, verifyEnvelope, publicKeyFromJwk } from './envelope.js';
import type { WireItem } from './exchange-item.schema.js';

const now = new Date('2026-11-26T10:00:00Z');
const item: WireItem = {
  id: newId(),
  kind: 'lookout',
  originator: 'FR-DGDDI',
  createdAt: now.toISOString(),
  legalBasis: 'test',
  purposes: ['customs_enforcement'],
  marking: { tlp: 'GREEN', pap: 'GREEN' },
  caveats: [],
  retainUntil: '2027-01-01T00:00:00.000Z',
  onwardTransferRequiresConsent: true,
  payload: { subject: { type: 'container', value: 'MSCU1234566' }, reason: 'é ü 中文', points: 5 },
};

describe('node identity and envelopes', () => {
  it('creates the identity once, keeps the private key in a 0600 file, and rotates keeping old public keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-id-'));
    try {
      const { identity, created } = initNodeIdentity({ dataDir: dir, nodeId: 'FR-DGDDI', now });
      assert.equal(created, true);
      assert.equal(statSync(identityFilePath(dir)).mode & 0o777, 0o600);
      assert.equal(initNodeIdentity({ dataDir: dir, nodeId: 'FR-DGDDI' }).created, false);
      assert.throws(() => initNodeIdentity({ dataDir: dir, nodeId: 'US-CBP' }), /already belongs to node FR-DGDDI/);
      assert.ok(!JSON.stringify(identity.publicJwks()).includes('PRIVATE'), 'the JWKS holds no private material');

      const oldEnvelope = signEnvelope(identity, { id: newId(), to: 'US-CBP', seq: 1, item }, now);
      const rotated = rotateNodeKey(dir, now);
      assert.notEqual(rotated.currentKid, identity.currentKid);
      const jwks = loadNodeIdentity(dir).publicJwks();
      assert.deepEqual(jwks.keys.map((k) => k.kid), [rotated.currentKid, identity.currentKid]);
      assert.ok(!readFileSync(identityFilePath(dir), 'utf8').includes('"d"'), 'no private JWK left for the retired key');

      // A receiver holding the rotated JWKS still verifies the item signed with the old key.
      const keys = new Map(jwks.keys.map((k) => [k.kid, { nodeId: 'FR-DGDDI', key: publicKeyFromJwk(k) }]));
      const v = verifyEnvelope(oldEnvelope, (kid) => keys.get(kid), { self: 'US-CBP', now, maxSkewMs: 60_000 });
      assert.equal(v.ok, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('produces standard compact JWS (EdDSA) that jose verifies, over canonical JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-id-'));
    try {
      const { identity } = initNodeIdentity({ dataDir: dir, nodeId: 'FR-DGDDI', now });
      const jws = signEnvelope(identity, { id: newId(), to: 'US-CBP', seq: 7, item }, now);
      const jwk = identity.publicJwks().keys[0];
      assert.ok(jwk);
      const { payload, protectedHeader } = await compactVerify(jws, await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'EdDSA'));
      assert.equal(protectedHeader.kid, identity.currentKid);
      const text = new TextDecoder().decode(payload);
      const parsed: unknown = JSON.parse(text);
      assert.equal(text, JSON.stringify(sortKeys(parsed)), 'payload bytes are the canonical (sorted, compact) form');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects stale envelopes and envelopes addressed to another node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-id-'));
    try {
      const { identity } = initNodeIdentity({ dataDir: dir, nodeId: 'FR-DGDDI', now });
      const jwk = identity.publicJwks().keys[0];
      assert.ok(jwk);
      const resolve = (kid: string) => (kid === jwk.kid ? { nodeId: 'FR-DGDDI', key: publicKeyFromJwk(jwk) } : undefined);
      const jws = signEnvelope(identity, { id: newId(), to: 'US-CBP', seq: 1, item }, now);
      const later = new Date(now.getTime() + 10 * 60_000);
      assert.equal(verifyEnvelope(jws, resolve, { self: 'US-CBP', now: later, maxSkewMs: 300_000 }).ok, false);
      const other = verifyEnvelope(jws, resolve, { self: 'JP-CUSTOMS', now, maxSkewMs: 300_000 });
      assert.equal(other.ok ? null : other.reason, 'wrong_recipient');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortKeys(x)]));
  }
  return v;
}
