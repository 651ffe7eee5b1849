// STIX 2.1 export of exchanged intelligence, with TLP 2.0 marking definitions (the official
// ids from the FIRST/OASIS extension) and PAP as labels. Customs concepts have no native STIX
// types, so: lookouts, shared profiles and targeting requests become indicators (pattern type
// "tandem"); results and hit reports become sightings of the item they answer when it is in
// the bundle, notes otherwise; reports become reports; RFAs and answers become notes. The
// customs fields travel in a property extension, defined in the bundle.
import { createHash } from 'node:crypto';
import type { StoredItem } from './exchange-item.schema.js';
import type { Marking, Tlp } from './markings.js';

export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP2_MARKING_IDS: Record<Tlp, string> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
const TLP2_CREATED = '2022-10-01T00:00:00.000Z';

/** The extension that carries Tandem's exchange fields on every exported object. */
export const TANDEM_EXTENSION = `extension-definition--${uuidFrom('tandem-exchange-extension-v1')}`;

type StixObject = Record<string, unknown> & { type: string; id: string };

/** A deterministic UUIDv5-shaped id from a name, so re-exports give the same ids. */
function uuidFrom(name: string): string {
  const h = createHash('sha1').update(`tandem:${name}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const millis = (iso: string): string => new Date(iso).toISOString();

export function tlpMarkingDefinition(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: TLP2_CREATED,
    name: `TLP:${tlp}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  };
}

function identityOf(nodeId: string): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuidFrom(`node:${nodeId}`)}`,
    created: TLP2_CREATED,
    modified: TLP2_CREATED,
    name: nodeId,
    identity_class: 'organization',
    sectors: ['government'],
  };
}

function papLabel(m: Marking): string {
  return `PAP:${m.pap}`;
}

function stixIdOf(item: StoredItem): string {
  const type = ['lookout', 'risk_profile', 'targeting_request'].includes(item.kind) ? 'indicator' : item.kind === 'intelligence_report' ? 'report' : 'note';
  return `${type}--${uuidFrom(`item:${item.id}`)}`;
}

function patternOf(item: StoredItem): string {
  const p = item.payload;
  const subject = typeof p.subject === 'object' && p.subject !== null && !Array.isArray(p.subject) ? p.subject : {};
  const value = typeof subject.value === 'string' ? subject.value : typeof p.containerNumber === 'string' ? p.containerNumber : typeof p.name === 'string' ? p.name : item.id;
  const field = typeof subject.type === 'string' ? subject.type : item.kind === 'targeting_request' ? 'container' : 'profile';
  return `[x-tandem-${field.replace(/_/g, '-')}:value = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function summaryOf(item: StoredItem): string {
  const p = item.payload;
  for (const k of ['reason', 'summary', 'question', 'answer', 'title', 'outcome']) {
    const v = p[k];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return item.kind.replace(/_/g, ' ');
}

export interface StixExportOptions {
  nodeId: string;
  now: Date;
}

/** A STIX 2.1 bundle of the given items (purged items are left out). */
export function toStixBundle(items: readonly StoredItem[], opts: StixExportOptions): { type: 'bundle'; id: string; objects: StixObject[] } {
  const live = items.filter((i) => i.status !== 'purged');
  const objects: StixObject[] = [];
  const identities = new Map<string, StixObject>();
  const tlps = new Set<Tlp>();
  const byItemId = new Map(live.map((i) => [i.id, i]));
  const identity = (nodeId: string) => {
    let idn = identities.get(nodeId);
    if (!idn) identities.set(nodeId, (idn = identityOf(nodeId)));
    return idn.id;
  };
  identity(opts.nodeId);
  for (const item of live) {
    tlps.add(item.marking.tlp);
    const created = millis(item.createdAt);
    const common = {
      spec_version: '2.1',
      created,
      modified: created,
      created_by_ref: identity(item.originator),
      labels: [item.kind, papLabel(item.marking)],
      object_marking_refs: [TLP2_MARKING_IDS[item.marking.tlp]],
      extensions: {
        [TANDEM_EXTENSION]: {
          extension_type: 'property-extension',
          item_id: item.id,
          kind: item.kind,
          legal_basis: item.legalBasis,
          purposes: item.purposes,
          pap: item.marking.pap,
          retain_until: millis(item.retainUntil),
          onward_transfer_requires_consent: item.onwardTransferRequiresConsent,
          ...(item.caveats.length > 0 ? { caveats: item.caveats } : {}),
          payload: item.payload,
        },
      },
    };
    const replied = item.inReplyTo ? byItemId.get(item.inReplyTo) : undefined;
    const isResult = ['inspection_result', 'seizure_report', 'hit_report'].includes(item.kind);
    if (isResult && replied && stixIdOf(replied).startsWith('indicator--')) {
      objects.push({
        type: 'sighting',
        id: `sighting--${uuidFrom(`item:${item.id}`)}`,
        ...common,
        sighting_of_ref: stixIdOf(replied),
        where_sighted_refs: [identity(item.originator)],
        count: 1,
        summary: false,
        description: summaryOf(item),
      });
      continue;
    }
    const id = stixIdOf(item);
    if (id.startsWith('indicator--')) {
      objects.push({ type: 'indicator', id, ...common, name: `${item.kind.replace(/_/g, ' ')} from ${item.originator}`, description: summaryOf(item), indicator_types: ['malicious-activity'], pattern: patternOf(item), pattern_type: 'tandem', valid_from: created, valid_until: millis(item.retainUntil) });
    } else if (id.startsWith('report--')) {
      objects.push({ type: 'report', id, ...common, name: summaryOf(item), published: created, object_refs: [identity(item.originator)] });
    } else {
      const refs = [replied ? stixIdOf(replied) : identity(item.originator)];
      objects.push({ type: 'note', id, ...common, abstract: item.kind.replace(/_/g, ' '), content: summaryOf(item), object_refs: refs });
    }
  }
  const extensionDefinition: StixObject = {
    type: 'extension-definition',
    spec_version: '2.1',
    id: TANDEM_EXTENSION,
    created_by_ref: identity(opts.nodeId),
    created: TLP2_CREATED,
    modified: TLP2_CREATED,
    name: 'Tandem customs exchange item',
    description: 'Legal basis, purposes, PAP, retention and the customs payload of an item exchanged between Tandem nodes.',
    schema: 'Tandem documentation, docs/exchange.md, section "STIX export": the fields of an exchanged item.',
    version: '1.0.0',
    extension_types: ['property-extension'],
  };
  const markingObjects = [...tlps].map(tlpMarkingDefinition);
  return {
    type: 'bundle',
    id: `bundle--${uuidFrom(`bundle:${opts.nodeId}:${opts.now.toISOString()}`)}`,
    objects: [...identities.values(), extensionDefinition, ...markingObjects, ...objects],
  };
}
