// The node's identity: its id (FR-DGDDI, US-CBP) and Ed25519 signing keys. The private key
// lives in one file under the data directory (mode 0600), never in the database, a log or an
// API answer. Rotation makes a new key current and keeps the old PUBLIC keys, so partners and
// this node can still verify items signed before the rotation.
import { createHash, generateKeyPairSync, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson, conflict, validationFailed } from '../platform/index.js';
import { NODE_ID_RE } from './exchange-item.schema.js';

export const publicJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  kid: z.string().min(1).max(120),
  use: z.literal('sig').optional(),
  alg: z.literal('EdDSA').optional(),
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;
export const jwksSchema = z.strictObject({ keys: z.array(publicJwkSchema).min(1) });
export type Jwks = z.infer<typeof jwksSchema>;

const identityFileSchema = z.strictObject({
  nodeId: z.string().regex(NODE_ID_RE),
  currentKid: z.string(),
  privateKeyPem: z.string(),
  keys: z.array(z.strictObject({ jwk: publicJwkSchema, createdAt: z.string(), retiredAt: z.string().optional() })).min(1),
});
type IdentityFile = z.infer<typeof identityFileSchema>;

export interface NodeIdentity {
  readonly nodeId: string;
  readonly currentKid: string;
  /** Ed25519 signature of `data` with the current key. */
  sign(data: Uint8Array): Buffer;
  /** Every public key this node has used, current first: what partners are given. */
  publicJwks(): Jwks;
}

/** RFC 7638 thumbprint of an Ed25519 public key (required members only, canonical order). */
export function jwkThumbprint(jwk: Pick<PublicJwk, 'crv' | 'kty' | 'x'>): string {
  return createHash('sha256').update(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

function newKey(nodeId: string, now: Date): { privateKeyPem: string; jwk: PublicJwk; createdAt: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const exported = publicKey.export({ format: 'jwk' });
  const x = typeof exported.x === 'string' ? exported.x : '';
  const base = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
  const jwk: PublicJwk = { ...base, kid: `${nodeId}/${jwkThumbprint(base).slice(0, 16)}`, use: 'sig', alg: 'EdDSA' };
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  return { privateKeyPem: typeof pem === 'string' ? pem : pem.toString('utf8'), jwk, createdAt: now.toISOString() };
}

function fromFile(file: IdentityFile): NodeIdentity {
  const key: KeyObject = createPrivateKey(file.privateKeyPem);
  // Check once that the stored private key matches the current public key.
  const current = file.keys.find((k) => k.jwk.kid === file.currentKid);
  const derived = createPublicKey(key).export({ format: 'jwk' });
  if (!current || derived.x !== current.jwk.x) throw new Error('node identity file is inconsistent: private key does not match the current key');
  const jwks: Jwks = {
    keys: [...file.keys].sort((a, b) => (a.jwk.kid === file.currentKid ? -1 : b.jwk.kid === file.currentKid ? 1 : b.createdAt.localeCompare(a.createdAt))).map((k) => k.jwk),
  };
  return {
    nodeId: file.nodeId,
    currentKid: file.currentKid,
    sign: (data) => sign(null, data, key),
    publicJwks: () => structuredClone(jwks),
  };
}

/** An identity held in memory only (tests, benchmarks). */
export function generateNodeIdentity(nodeId: string, now: Date = new Date()): NodeIdentity {
  if (!NODE_ID_RE.test(nodeId)) throw validationFailed(`node id ${nodeId} must look like FR-DGDDI or US-CBP`);
  const k = newKey(nodeId, now);
  return fromFile({ nodeId, currentKid: k.jwk.kid, privateKeyPem: k.privateKeyPem, keys: [{ jwk: k.jwk, createdAt: k.createdAt }] });
}

export function identityFilePath(dataDir: string): string {
  return join(dataDir, 'exchange', 'node-identity.json');
}

function writeIdentityFile(dataDir: string, file: IdentityFile): void {
  const path = identityFilePath(dataDir);
  mkdirSync(join(dataDir, 'exchange'), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path); // atomic: a crash never leaves a half-written key file
}

function readIdentityFile(dataDir: string): IdentityFile {
  const path = identityFilePath(dataDir);
  if (!existsSync(path)) throw new Error(`no node identity at ${path}; run \`tandem init\` first`);
  return identityFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export interface InitNodeIdentityOptions {
  dataDir: string;
  nodeId: string;
  now?: Date;
}

/**
 * Creates the node identity for `tandem init`. Refuses to overwrite an existing identity with a
 * different node id; returns the existing one unchanged when called again with the same id.
 */
export function initNodeIdentity(opts: InitNodeIdentityOptions): { identity: NodeIdentity; created: boolean } {
  if (!NODE_ID_RE.test(opts.nodeId)) throw validationFailed(`node id ${opts.nodeId} must look like FR-DGDDI or US-CBP`);
  if (existsSync(identityFilePath(opts.dataDir))) {
    const file = readIdentityFile(opts.dataDir);
    if (file.nodeId !== opts.nodeId) {
      throw conflict('NODE_ID_MISMATCH', `this data directory already belongs to node ${file.nodeId}`, { nodeId: file.nodeId });
    }
    return { identity: fromFile(file), created: false };
  }
  const k = newKey(opts.nodeId, opts.now ?? new Date());
  const file: IdentityFile = { nodeId: opts.nodeId, currentKid: k.jwk.kid, privateKeyPem: k.privateKeyPem, keys: [{ jwk: k.jwk, createdAt: k.createdAt }] };
  writeIdentityFile(opts.dataDir, file);
  return { identity: fromFile(file), created: true };
}

export function loadNodeIdentity(dataDir: string): NodeIdentity {
  return fromFile(readIdentityFile(dataDir));
}

/** Makes a new key current; old public keys stay in the JWKS for verifying old items. */
export function rotateNodeKey(dataDir: string, now: Date = new Date()): NodeIdentity {
  const file = readIdentityFile(dataDir);
  const k = newKey(file.nodeId, now);
  const keys = file.keys.map((e) => (e.jwk.kid === file.currentKid ? { ...e, retiredAt: now.toISOString() } : e));
  const next: IdentityFile = { nodeId: file.nodeId, currentKid: k.jwk.kid, privateKeyPem: k.privateKeyPem, keys: [{ jwk: k.jwk, createdAt: k.createdAt }, ...keys] };
  writeIdentityFile(dataDir, next);
  return fromFile(next);
}
