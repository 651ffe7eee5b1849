// Applying an agreement to an item: on the way out (kind allowed, fields removed or masked,
// markings defaulted and capped, purposes and retention set) and on the way in (the receiver's
// own copy decides). Pure functions: the transport and the services call them.
import type { Agreement, KindPolicy } from './agreement.schema.js';
import type { ItemKind, JsonValue, Payload, WireItem } from './exchange-item.schema.js';
import { exceedsMarking, formatMarking, stricterMarking, type Marking } from './markings.js';

export const MASKED = '[MASKED]';
const DAY_MS = 86_400_000;

function isRecord(v: JsonValue | undefined): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cloneJson<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}

/** Calls `fn(parent, key)` for every location the dotted path designates. */
function visitPath(node: JsonValue, segments: string[], fn: (parent: { [k: string]: JsonValue }, key: string) => void): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === '*') {
    if (Array.isArray(node)) for (const el of node) visitPath(el, rest, fn);
    return;
  }
  if (!isRecord(node)) return;
  if (rest.length === 0) {
    if (head in node) fn(node, head);
    return;
  }
  const child = node[head];
  if (child !== undefined) visitPath(child, rest, fn);
}

/** Returns a copy of the payload with the policy's fields removed and masked. */
export function applyFieldPolicy(payload: Payload, policy: Pick<KindPolicy, 'removeFields' | 'maskFields'>): Payload {
  const copy = cloneJson(payload);
  for (const path of policy.removeFields) visitPath(copy, path.split('.'), (parent, key) => delete parent[key]);
  for (const path of policy.maskFields) visitPath(copy, path.split('.'), (parent, key) => (parent[key] = MASKED));
  return copy;
}

/** The fields of `paths` that are present (and not masked) in the payload. */
export function presentFields(payload: Payload, paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) visitPath(payload, path.split('.'), (parent, key) => parent[key] !== MASKED && found.add(path));
  return [...found];
}

export interface OutboundDraft {
  id: string;
  kind: ItemKind;
  originator: string;
  createdAt: string;
  payload: Payload;
  marking?: Marking;
  purposes?: string[];
  caveats?: string[];
  inReplyTo?: string;
}

export type PolicyResult<T> = { ok: true; value: T } | { ok: false; reason: string; message: string };

/** Turns a draft into the item that will be signed and sent, or says why it may not leave. */
export function prepareOutbound(draft: OutboundDraft, agreement: Agreement, now: Date): PolicyResult<WireItem> {
  if (agreement.direction !== 'outbound') return refuse('agreement_direction', 'an outbound agreement is required');
  const policy = agreement.kinds[draft.kind];
  if (!policy) return refuse('kind_not_allowed', `the agreement with ${agreement.partner} does not allow ${draft.kind}`);
  // The originator's marking can only be tightened by the agreement's default, never loosened.
  const marking = draft.marking ? stricterMarking(draft.marking, agreement.defaultMarking) : agreement.defaultMarking;
  if (exceedsMarking(marking, agreement.maxMarking)) {
    return refuse('marking_above_maximum', `${formatMarking(marking)} is above the agreement maximum ${formatMarking(agreement.maxMarking)}`);
  }
  const purposes = draft.purposes ?? agreement.purposes;
  const outside = purposes.filter((p) => !agreement.purposes.includes(p));
  if (purposes.length === 0 || outside.length > 0) {
    return refuse('purpose_not_permitted', `purposes not permitted by the agreement: ${outside.join(', ') || '(none given)'}`);
  }
  const caveats = [...new Set([...agreement.caveats, ...(draft.caveats ?? [])])].sort();
  return {
    ok: true,
    value: {
      id: draft.id,
      kind: draft.kind,
      originator: draft.originator,
      createdAt: draft.createdAt,
      legalBasis: agreement.legalBasis,
      purposes,
      marking,
      caveats,
      retainUntil: new Date(now.getTime() + agreement.retentionDays * DAY_MS).toISOString(),
      onwardTransferRequiresConsent: agreement.onwardTransferRequiresConsent,
      ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}),
      payload: applyFieldPolicy(draft.payload, policy),
    },
  };
}

/**
 * The receiver's check against its own inbound agreement. Returns the retention date to keep
 * (the earlier of the sender's and our own), or the reason to reject.
 */
export function checkInbound(item: WireItem, agreement: Agreement | undefined, receivedAt: Date): PolicyResult<{ retainUntil: string }> {
  if (!agreement) return refuse('no_agreement', 'no inbound agreement with this partner');
  const policy = agreement.kinds[item.kind];
  if (!policy) return refuse('kind_not_allowed', `our agreement does not allow receiving ${item.kind}`);
  if (exceedsMarking(item.marking, agreement.maxMarking)) {
    return refuse('marking_above_maximum', `${formatMarking(item.marking)} is above our maximum ${formatMarking(agreement.maxMarking)}`);
  }
  if (!item.purposes.some((p) => agreement.purposes.includes(p))) {
    return refuse('purpose_not_permitted', 'none of the item purposes is permitted by our agreement');
  }
  const forbidden = presentFields(item.payload, [...policy.removeFields, ...policy.maskFields]);
  if (forbidden.length > 0) return refuse('field_not_permitted', `fields our agreement excludes were sent: ${forbidden.join(', ')}`);
  const ours = receivedAt.getTime() + agreement.retentionDays * DAY_MS;
  const theirs = Date.parse(item.retainUntil);
  return { ok: true, value: { retainUntil: new Date(Math.min(ours, theirs)).toISOString() } };
}

function refuse<T>(reason: string, message: string): PolicyResult<T> {
  return { ok: false, reason, message };
}
