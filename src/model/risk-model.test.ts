import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFiling } from '../records/index.js';
import { kcsProfile } from '../ingest/index.js';
import { readProfileFile } from './labelled-rows.js';
import { riskModelFromJson, riskModelToJson } from './risk-model-format.js';
import { scoreBatch, trainRiskModel } from './risk-model.js';
import { scoreFiling, trainFromOutcomes } from './scoring-api.js';
import { tinyLabelledSet } from './test-support/tiny-set.js';

const HEADER = 'Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price';

describe('risk model', () => {
  const train = tinyLabelledSet(400, 1);
  const valid = tinyLabelledSet(150, 2, 18262 + 370);
  const model = trainRiskModel({ label: 'fraud', train, valid, params: { rounds: 30 }, novelParams: { rounds: 10 } });

  it('round-trips through its file format with identical scores', () => {
    const again = riskModelFromJson(riskModelToJson(model));
    const later = tinyLabelledSet(60, 9, 18262 + 600).keys;
    assert.deepEqual(Array.from(scoreBatch(again, later)), Array.from(scoreBatch(model, later)));
    assert.ok(model.validation && model.validation.all.rows === 150);
  });

  it('refuses corrupt files and unknown versions with a clear error', () => {
    const text = riskModelToJson(model);
    assert.throws(() => riskModelFromJson('{"format":"tandem-risk-model","version":9}', 'x.json'), /x\.json has model format version 9/);
    assert.throws(() => riskModelFromJson(text.slice(0, 200), 'x.json'), /x\.json is corrupt/);
    assert.throws(() => riskModelFromJson('{"hello":1}', 'x.json'), /not a Tandem risk model/);
  });

  it('explains a filing: contributions plus bias give the score', () => {
    const input = kcsProfile.toFiling({ 'Declaration ID': '1', Date: '2022-01-03', 'Office ID': '10', 'Process Type': 'B', 'Import Type': '11', 'Import Use': '21', 'Payment Type': '11', 'Mode of Transport': '10', 'Declarant ID': 'DEC1', 'Importer ID': 'IMP1', 'Seller ID': 'SEL1', 'Courier ID': '', 'HS6 Code': '851712', 'Country of Departure': 'CN', 'Country of Origin': 'CN', 'Tax Rate': '8', 'Tax Type': 'A', 'Country of Origin Indicator': 'Y', 'Net Mass': '10', 'Item Price': '1200' });
    const v = validateFiling(input);
    assert.ok(v.ok);
    const s = scoreFiling(model, v.filing, undefined, 1000);
    const margin = s.contributions.reduce((acc, c) => acc + c.value, s.bias);
    assert.ok(Math.abs(1 / (1 + Math.exp(-margin)) - s.score) < 1e-9);
    assert.equal(s.modelId, model.id);
    assert.ok(s.contributions.every((c) => c.name.length > 0));
  });

  it('trains from recorded outcomes', () => {
    const rows = train.keys.slice(0, 120).map((k, i) => {
      const v = validateFiling({ kind: 'import_declaration', filer: { id: 'N' }, reference: k.reference, goods: [{ sequence: 1, hsCode: k.hs6, netMassKg: k.mass, originCountry: k.origin, taxRate: k.taxRate }], transport: { mode: 'sea', departureCountry: k.departure }, parties: [{ role: 'importer', name: k.importer ?? 'x', identifiers: [] }] });
      if (!v.ok) throw new Error('bad test filing');
      return { filing: v.filing, label: train.outcomes[i]!, date: new Date((k.day) * 86_400_000) };
    });
    const m = trainFromOutcomes(rows);
    assert.equal(m.training.refit, true);
    assert.equal(m.training.rows, 120);
  });

  it('reads a profile file: bad values become missing, a missing column is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-model-'));
    const ok = join(dir, 'ok.csv');
    writeFileSync(ok, `${HEADER}\n7,2021-01-04,30,B,11,21,11,10,D1,I1,S1,,851712,CN,ZZZ,abc,A,Y,-5,1000\n`);
    const rows = await readProfileFile(ok, 'kcs');
    assert.equal(rows.keys.length, 1);
    assert.equal(rows.repaired, 1);
    assert.ok(Number.isNaN(rows.keys[0]!.taxRate));
    assert.equal(rows.outcomes[0], undefined);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${HEADER.replace(',Net Mass', '')}\n`);
    await assert.rejects(readProfileFile(bad, 'kcs'), /Net Mass/);
  });
});
