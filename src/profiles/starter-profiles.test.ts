import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseProfilesYaml, profilesToYaml } from './profile-yaml.js';
import { compileDefinition, type CompiledProfile } from './profile-compiler.js';
import { buildProfileSet } from './profile-set.js';
import { sampleFiling, fixedHistory } from './test-support/sample-filings.js';
import type { FilingInput } from '../records/index.js';

const NOW = new Date('2026-11-26T10:00:00Z');
const text = readFileSync(new URL('./starter-profiles.yaml', import.meta.url), 'utf8');

function starterSet() {
  const compiled: CompiledProfile[] = parseProfilesYaml(text).map((e) => {
    const r = compileDefinition(e.id ?? 'x', 1, e.definition);
    if (!r.ok) throw new Error(`${e.id}: ${JSON.stringify(r.problems)}`);
    return r.profile;
  });
  return buildProfileSet(compiled);
}

const medians = {
  '610910|CN': 14,
  '620342|CN': 18,
  '420222|CN': 50,
  '711319|AE': 3000,
};

function hitsOf(over: Partial<FilingInput>, history = fixedHistory({ medians, firstSeenDays: { consignee: 400 }, filingCount: { consignee: 3, consignor: 10 } })): string[] {
  return starterSet().evaluate({ filing: sampleFiling(over), history, now: NOW }).hits.map((h) => h.profileId);
}

const sea = { mode: 'sea' as const, loadingPlace: 'CNSHA', dischargePlace: 'FRLEH', departureCountry: 'CN', routing: ['CN', 'FR'] };

describe('starter profiles', () => {
  it('all parse, type-check and are indexed', () => {
    const set = starterSet();
    assert.equal(set.size, 12);
    assert.equal(set.stats.unindexed, 0, JSON.stringify(set.stats));
  });

  it('survive an export and re-import unchanged', () => {
    const entries = parseProfilesYaml(text);
    const again = parseProfilesYaml(
      profilesToYaml(entries.map((e) => ({ id: e.id ?? '', version: 1, status: 'draft', author: 'test', definition: e.definition }))),
    );
    assert.deepEqual(again, entries);
  });

  it('surface the planted cases', () => {
    // fentanyl precursor from CN via MX, by sea to a long-known consignee
    assert.deepEqual(
      hitsOf({ kind: 'sea_manifest', goods: [{ sequence: 1, hsCode: '293339', netMassKg: 25, value: { amount: 1000, currency: 'USD' }, originCountry: 'CN' }], transport: { mode: 'sea', loadingPlace: 'MXZLO', dischargePlace: 'USLAX', routing: ['CN', 'MX', 'US'] } }),
      ['fentanyl-precursors-via-mx'],
    );
    // the same by air express before loading: also Do-Not-Load
    assert.deepEqual(
      hitsOf({ kind: 'express_consignment', goods: [{ sequence: 1, hsCode: '292149', netMassKg: 50, value: { amount: 1700, currency: 'USD' }, originCountry: 'CN' }] }),
      ['fentanyl-precursors-air-dnl', 'fentanyl-precursors-via-mx'],
    );
    // machine parts from Serbia at 240 per kg
    assert.deepEqual(
      hitsOf({ kind: 'sea_manifest', goods: [{ sequence: 1, hsCode: '848790', description: 'machine parts, steel, unassembled', netMassKg: 120, value: { amount: 28800, currency: 'EUR' }, originCountry: 'RS' }], transport: { ...sea, loadingPlace: 'TRIST', routing: ['RS', 'TR', 'FR'] } }),
      ['arms-parts-as-machine-parts'],
    );
    // T-shirts at 0.84 per kg against a median of 14
    assert.deepEqual(
      hitsOf({ kind: 'sea_manifest', goods: [{ sequence: 1, hsCode: '610910', netMassKg: 2500, value: { amount: 2100, currency: 'EUR' }, originCountry: 'CN' }], transport: sea }),
      ['undervalued-apparel'],
    );
    // cotton yarn made in Aksu, shipped from Viet Nam
    assert.deepEqual(
      hitsOf({
        kind: 'sea_manifest',
        parties: [
          { role: 'consignor', name: 'Saigon Textile Export JSC', country: 'VN' },
          { role: 'consignee', name: 'Filature du Nord', country: 'FR' },
          { role: 'manufacturer', name: 'Aksu Tianshan Cotton Textile Co., Ltd.', country: 'CN', address: { city: 'Aksu, Xinjiang', country: 'CN' } },
        ],
        goods: [{ sequence: 1, hsCode: '520512', netMassKg: 12000, value: { amount: 42000, currency: 'EUR' }, originCountry: 'CN' }],
        transport: { ...sea, loadingPlace: 'VNSGN', routing: ['CN', 'VN', 'SG', 'FR'] },
      }),
      ['forced-labour-cotton-xinjiang'],
    );
  });

  it('leave ordinary traffic alone', () => {
    assert.deepEqual(
      hitsOf({ kind: 'sea_manifest', goods: [{ sequence: 1, hsCode: '610910', netMassKg: 2500, value: { amount: 36000, currency: 'EUR' }, originCountry: 'CN' }], transport: sea }),
      [],
    );
    assert.deepEqual(
      hitsOf({ kind: 'sea_manifest', goods: [{ sequence: 1, hsCode: '848180', description: 'taps and valves', netMassKg: 1200, value: { amount: 30000, currency: 'EUR' }, originCountry: 'CN' }], transport: sea }),
      [],
    );
    assert.deepEqual(
      hitsOf({ kind: 'ecommerce_parcel', goods: [{ sequence: 1, hsCode: '420222', netMassKg: 0.8, value: { amount: 40, currency: 'EUR' }, originCountry: 'CN' }] }),
      [],
    );
  });
});
