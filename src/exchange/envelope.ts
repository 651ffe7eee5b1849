// Envelopes: one item, signed by the sending node as a compact JWS (RFC 7515, alg EdDSA) whose
// payload is the RFC 8785 canonical JSON of {id, from, to, seq, sentAt, nonce, item}. Each
// delivery attempt is signed afresh (new sentAt and nonce, same id and seq), so a receiver can
// reject old or replayed bytes while still recognising a legitimate retry by its id.
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../platform/index.js';
import { nodeIdSchema, wireItemSchema, type WireItem } from './exchange-item.schema.js';
import type { NodeIdentity, PublicJwk } from './node-identity.js';

export const ENVELOPE_TYP = 'tandem-envelope+jws';

export const envelopePayloadSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().min(8).max(64),
  from: nodeIdSchema,
  to: nodeIdSchema,
  seq: z.number().int().min(1),
  sentAt: z.iso.datetime({ offset: true }),
  nonce: z.string().min(8).max(64),
  item: wireItemSchema,
});
export type EnvelopePayload = z.infer<typeof envelopePayloadSchema>;

const headerSchema = z.looseObject({ alg: z.literal('EdDSA'), kid: z.string().min(1).max(120), typ: z.literal(ENVELOPE_TYP) });

const b64url = (data: string | Uint8Array): string => Buffer.from(data).toString('base64url');

export interface EnvelopeFields {
  id: string;
  to: string;
  seq: number;
  item: WireItem;
}

/** Signs an envelope; returns the compact JWS that goes on the wire. */
export function signEnvelope(identity: NodeIdentity, fields: EnvelopeFields, sentAt: Date): string {
  return signEnvelopeCanonical(identity, { id: fields.id, to: fields.to, seq: fields.seq, itemJson: canonicalJson(fields.item) }, sentAt);
}

/**
 * Same, for an item already held in canonical form (the outbox stores it so): the envelope's
 * canonical JSON is assembled around it without parsing it again. Members in RFC 8785 order.
 */
export function signEnvelopeCanonical(identity: NodeIdentity, fields: { id: string; to: string; seq: number; itemJson: string }, sentAt: Date): string {
  const s = JSON.stringify;
  const payload =
    `{"from":${s(identity.nodeId)},"id":${s(fields.id)},"item":${fields.itemJson},"nonce":${s(randomBytes(12).toString('base64url'))},` +
    `"sentAt":${s(sentAt.toISOString())},"seq":${s(fields.seq)},"to":${s(fields.to)},"v":1}`;
  const header = b64url(canonicalJson({ alg: 'EdDSA', kid: identity.currentKid, typ: ENVELOPE_TYP }));
  const signingInput = `${header}.${b64url(payload)}`;
  return `${signingInput}.${identity.sign(Buffer.from(signingInput, 'ascii')).toString('base64url')}`;
}

export type EnvelopeRejection =
  | 'malformed'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_sender'
  | 'wrong_recipient'
  | 'stale'
  | 'invalid_item';

export type VerifiedEnvelope =
  | { ok: true; payload: EnvelopePayload; kid: string; signatureHash: string }
  | { ok: false; reason: EnvelopeRejection; message: string; envelopeId?: string };

/** Where the receiver finds partner keys: by kid, with the node id that owns it. */
export interface KeyResolver {
  (kid: string): { nodeId: string; key: KeyObject } | undefined;
}

export function publicKeyFromJwk(jwk: PublicJwk): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export interface VerifyOptions {
  self: string;
  now: Date;
  /** How far sentAt may be from our clock, either way. */
  maxSkewMs: number;
}

/**
 * Verifies a compact JWS envelope: known key, valid signature, addressed to us, sent by the
 * key's owner, fresh, and carrying a well-formed item. Replay (the same signed bytes twice) is
 * the caller's check, on `signatureHash`, because it needs storage.
 */
export function verifyEnvelope(jws: string, resolveKey: KeyResolver, opts: VerifyOptions): VerifiedEnvelope {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return reject('malformed', 'not a compact JWS');
  const [h = '', p = '', s = ''] = parts;
  const header = headerSchema.safeParse(decodeJson(h));
  if (!header.success) return reject('malformed', 'the JWS header is not a Tandem EdDSA envelope header');
  const owner = resolveKey(header.data.kid);
  if (!owner) return reject('unknown_key', `key ${header.data.kid} is not a registered partner key`);
  const signatureOk = verify(null, Buffer.from(`${h}.${p}`, 'ascii'), owner.key, Buffer.from(s, 'base64url'));
  if (!signatureOk) return reject('bad_signature', 'the signature does not verify with the partner key');
  const payload = envelopePayloadSchema.safeParse(decodeJson(p));
  if (!payload.success) {
    return reject('invalid_item', `the envelope content is invalid: ${payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const env = payload.data;
  if (env.from !== owner.nodeId) return reject('wrong_sender', `signed by ${owner.nodeId} but claims to come from ${env.from}`, env.id);
  if (env.to !== opts.self) return reject('wrong_recipient', `addressed to ${env.to}, not to ${opts.self}`, env.id);
  if (env.item.originator !== env.from) {
    // Onward transfer of a third party's item is not supported: the originator must send it.
    return reject('invalid_item', `item originator ${env.item.originator} is not the sending node`, env.id);
  }
  const skew = Math.abs(Date.parse(env.sentAt) - opts.now.getTime());
  if (skew > opts.maxSkewMs) return reject('stale', `sent at ${env.sentAt}, outside the freshness window`, env.id);
  return { ok: true, payload: env, kid: header.data.kid, signatureHash: sha256Hex(s) };
}

function reject(reason: EnvelopeRejection, message: string, envelopeId?: string): VerifiedEnvelope {
  return { ok: false, reason, message, ...(envelopeId ? { envelopeId } : {}) };
}
