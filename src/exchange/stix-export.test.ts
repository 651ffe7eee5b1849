// The STIX export checked three ways: (1) the TLP 2.0 marking definitions are exactly the
// official objects (shared/data/samples/stix, from oasis-open/cti-stix-common-objects); (2) the
// bundle validates, with ajv's draft 2020-12 build, against a schema written here from the
// STIX 2.1 specification's required properties and formats; (3) when STIX_SCHEMA_DIR names a
// checkout of the official oasis-open/cti-stix2-json-schemas (branch stix2.1), every object is
// also validated against the official schemas. The official schemas are not vendored: no
// registry package ships them and the stored copy reachable here is the older 2.0 draft.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { StoredItem } from './exchange-item.schema.js';
import { TLP2_MARKING_IDS, tlpMarkingDefinition, toStixBundle } from './stix-export.js';
import { TLP_LEVELS } from './markings.js';

const SAMPLES = new URL('../../../shared/data/samples/stix/', import.meta.url);

const ts = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' };
const ident = (prefix: string) => ({ type: 'string', pattern: `^${prefix}--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$` });
const anyId = { type: 'string', pattern: '^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' };
const common = {
  spec_version: { const: '2.1' },
  created: ts,
  modified: ts,
  created_by_ref: ident('identity'),
  labels: { type: 'array', minItems: 1, items: { type: 'string' } },
  object_marking_refs: { type: 'array', minItems: 1, items: ident('marking-definition') },
  extensions: { type: 'object', minProperties: 1, propertyNames: { pattern: '^extension-definition--' } },
};
const sdo = (type: string, required: string[], props: Record<string, unknown> = {}) => ({
  if: { properties: { type: { const: type } }, required: ['type'] },
  then: { properties: { id: ident(type), ...common, ...props }, required: ['type', 'spec_version', 'id', 'created', 'modified', ...required] },
});

/** STIX 2.1 (OASIS Standard, 10 June 2021), sections 3–7: the objects this export produces. */
const bundleSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['type', 'id', 'objects'],
  additionalProperties: false,
  properties: {
    type: { const: 'bundle' },
    id: ident('bundle'),
    objects: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['type', 'id'],
        properties: { type: { enum: ['identity', 'indicator', 'note', 'report', 'sighting', 'marking-definition', 'extension-definition'] } },
        propertyNames: { pattern: '^[a-z0-9_]{3,250}$|^id$' },
        allOf: [
          sdo('identity', ['name'], { identity_class: { type: 'string' } }),
          sdo('indicator', ['pattern', 'pattern_type', 'valid_from'], { pattern: { type: 'string', minLength: 1 }, pattern_type: { type: 'string' }, valid_from: ts, valid_until: ts }),
          sdo('note', ['content', 'object_refs'], { object_refs: { type: 'array', minItems: 1, items: anyId } }),
          sdo('report', ['name', 'published', 'object_refs'], { published: ts, object_refs: { type: 'array', minItems: 1, items: anyId } }),
          sdo('sighting', ['sighting_of_ref'], { sighting_of_ref: anyId, where_sighted_refs: { type: 'array', items: anyId }, count: { type: 'integer', minimum: 0, maximum: 999999999 } }),
          sdo('extension-definition', ['name', 'schema', 'version', 'extension_types'], { extension_types: { type: 'array', minItems: 1, items: { enum: ['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'] } } }),
          {
            if: { properties: { type: { const: 'marking-definition' } }, required: ['type'] },
            then: { required: ['type', 'spec_version', 'id', 'created'], properties: { id: ident('marking-definition'), created: ts, spec_version: { const: '2.1' } } },
          },
        ],
      },
    },
  },
};

function item(id: string, kind: StoredItem['kind'], extra: Partial<StoredItem> = {}): StoredItem {
  return {
    id,
    kind,
    originator: 'US-CBP',
    createdAt: '2026-11-26T10:00:00Z',
    legalBasis: 'EU–US CMAA 1997',
    purposes: ['customs_enforcement'],
    marking: { tlp: 'AMBER+STRICT', pap: 'GREEN' },
    caveats: ['no onward transfer without consent'],
    retainUntil: '2027-02-24T10:00:00Z',
    onwardTransferRequiresConsent: true,
    payload: { containerNumber: 'CSQU3054383', reason: "shipper's link to a seizure", points: 90 },
    direction: 'in',
    partnerId: 'US-CBP',
    status: 'active',
    receivedAt: '2026-11-26T10:00:01Z',
    provenance: {},
    ...extra,
  };
}

const sample = [
  item('01a2-request', 'targeting_request'),
  item('01a2-result', 'inspection_result', { originator: 'FR-DGDDI', direction: 'out', partnerId: 'US-CBP', inReplyTo: '01a2-request', marking: { tlp: 'RED', pap: 'RED' }, payload: { outcome: 'seizure', summary: '48 kg' } }),
  item('01a2-report', 'intelligence_report', { originator: 'FR-DGDDI', direction: 'out', marking: { tlp: 'GREEN', pap: 'CLEAR' }, payload: { title: 'Route analysis' } }),
  item('01a2-rfa', 'rfa', { payload: { question: 'Who is the consignee?' } }),
  item('01a2-purged', 'lookout', { status: 'purged', payload: {} }),
];

describe('STIX 2.1 export', () => {
  const bundle = toStixBundle(sample, { nodeId: 'FR-DGDDI', now: new Date('2026-11-26T12:00:00Z') });

  it('uses exactly the official TLP 2.0 marking definitions', () => {
    assert.ok(existsSync(SAMPLES), `shared samples are required at ${SAMPLES.pathname}`);
    const official: unknown = JSON.parse(readFileSync(new URL('constructed__tlp2.0-all-marking-definitions.json', SAMPLES), 'utf8'));
    assert.ok(typeof official === 'object' && official !== null && 'objects' in official && Array.isArray(official.objects));
    for (const tlp of TLP_LEVELS) {
      const ours = tlpMarkingDefinition(tlp);
      const theirs: unknown = official.objects.find((o: unknown) => typeof o === 'object' && o !== null && 'id' in o && o.id === TLP2_MARKING_IDS[tlp]);
      assert.deepEqual(ours, theirs, `TLP:${tlp}`);
    }
  });

  it('validates against the STIX 2.1 structure (ajv, draft 2020-12), and a broken bundle does not', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(bundleSchema);
    assert.ok(validate(bundle), JSON.stringify(validate.errors, null, 2));
    const broken = structuredClone(bundle);
    const indicator = broken.objects.find((o) => o.type === 'indicator');
    assert.ok(indicator);
    delete indicator.pattern;
    assert.equal(validate(broken), false);
  });

  it('maps items to STIX objects with originator, markings, PAP and the exchange fields; purged items stay out', () => {
    const types = bundle.objects.map((o) => o.type);
    assert.deepEqual(types.filter((t) => !['identity', 'marking-definition', 'extension-definition'].includes(t)).sort(), ['indicator', 'note', 'report', 'sighting']);
    const sighting = bundle.objects.find((o) => o.type === 'sighting');
    const indicator = bundle.objects.find((o) => o.type === 'indicator');
    assert.equal(sighting?.sighting_of_ref, indicator?.id, 'the result is a sighting of the request it answers');
    assert.deepEqual(sighting?.object_marking_refs, [TLP2_MARKING_IDS.RED]);
    assert.deepEqual(indicator?.labels, ['targeting_request', 'PAP:GREEN']);
    assert.ok(!JSON.stringify(bundle).includes('01a2-purged'));
  });

  it('validates against the official STIX 2.1 schemas when STIX_SCHEMA_DIR is set', (t) => {
    const dir = process.env.STIX_SCHEMA_DIR;
    if (!dir) {
      t.skip('STIX_SCHEMA_DIR not set: official schemas are not on this machine (see the file header)');
      return;
    }
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        if (statSync(join(d, n)).isDirectory()) walk(join(d, n));
        else if (n.endsWith('.json')) files.push(join(d, n));
      }
    };
    walk(dir);
    for (const f of files) ajv.addSchema(JSON.parse(readFileSync(f, 'utf8')));
    for (const obj of bundle.objects) {
      const schemaFile = files.find((f) => f.endsWith(`/${obj.type}.json`));
      if (!schemaFile) continue;
      const schema: unknown = JSON.parse(readFileSync(schemaFile, 'utf8'));
      const id = typeof schema === 'object' && schema !== null && '$id' in schema && typeof schema.$id === 'string' ? schema.$id : schemaFile;
      const validate = ajv.getSchema(id);
      assert.ok(validate, `schema ${id} loaded`);
      assert.ok(validate(obj), `${obj.type}: ${JSON.stringify(validate.errors)}`);
    }
  });
});
