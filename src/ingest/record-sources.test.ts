import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, readNdjson, MAX_LINE_BYTES } from './record-sources.js';
import { kcsProfile, KCS_COLUMNS } from './kcs-profile.js';
import { validateFiling } from '../records/index.js';
import type { IngestItem } from './ingest-service.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-sources-'));

async function collect(gen: AsyncGenerator<IngestItem>): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

const kcsHeader = [...KCS_COLUMNS, 'Fraud', 'Critical Fraud'].join(',');
const kcsRow = '97061800,2020-01-01,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,108.0,372254.4,1,2';

describe('NDJSON reader', () => {
  it('reads records, skips blank lines and reports bad lines by line number', async () => {
    const f = join(dir, 'a.ndjson');
    const bad = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    writeFileSync(f, Buffer.concat([Buffer.from('{"a":1}\n\n{"a":\n'), bad, Buffer.from('\r\n{"a":2}')]));
    const items = await collect(readNdjson(f));
    assert.equal(items.length, 4);
    assert.deepEqual(items[0], { index: 0, value: { a: 1 } });
    assert.ok('error' in items[1]! && /line 3: not valid JSON/.test(items[1].error.reason));
    assert.ok('error' in items[2]! && /line 4: invalid UTF-8/.test(items[2].error.reason));
    assert.deepEqual(items[3], { index: 3, value: { a: 2 } });
  });

  it('rejects an over-long line as one record and goes on', async () => {
    const f = join(dir, 'b.ndjson');
    writeFileSync(f, `{"x":"${'a'.repeat(MAX_LINE_BYTES + 10)}"}\n{"a":3}\n`);
    const items = await collect(readNdjson(f));
    assert.equal(items.length, 2);
    assert.ok('error' in items[0]! && /longer than/.test(items[0].error.reason));
    assert.deepEqual(items[1], { index: 1, value: { a: 3 } });
  });
});

describe('CSV reader with the kcs profile', () => {
  it('maps a KCS row to a valid import declaration with its recorded outcome', async () => {
    const f = join(dir, 'k.csv');
    writeFileSync(f, `${kcsHeader}\n${kcsRow}\n`);
    const items = await collect(readCsv(f, kcsProfile));
    assert.equal(items.length, 1);
    const first = items[0];
    assert.ok(first && 'value' in first);
    const v = validateFiling(first.value);
    assert.ok(v.ok, JSON.stringify(v));
    if (v.ok) {
      assert.equal(v.filing.reference, '97061800');
      assert.equal(v.filing.goods[0]?.hsCode, '440890');
      assert.equal(v.filing.transport.mode, 'sea');
      assert.deepEqual(v.filing.recordedOutcome, { source: 'kcs', fraud: true, criticalFraud: true });
    }
  });

  it('works without the label columns', async () => {
    const f = join(dir, 'nolabel.csv');
    writeFileSync(f, `${KCS_COLUMNS.join(',')}\n${kcsRow.split(',').slice(0, 20).join(',')}\n`);
    const items = await collect(readCsv(f, kcsProfile));
    const first = items[0];
    assert.ok(first && 'value' in first);
    const v = validateFiling(first.value);
    assert.ok(v.ok && v.filing.recordedOutcome === undefined);
  });

  it('refuses a file missing a required column, naming it', async () => {
    const f = join(dir, 'missing.csv');
    writeFileSync(f, `${KCS_COLUMNS.filter((c) => c !== 'HS6 Code').join(',')}\n1,2\n`);
    await assert.rejects(collect(readCsv(f, kcsProfile)), /HS6 Code/);
  });

  it('reports a ragged row as that record and keeps the others', async () => {
    const f = join(dir, 'ragged.csv');
    writeFileSync(f, `${kcsHeader}\n${kcsRow}\n1,2,3\n${kcsRow.replace('97061800', '97061801')}\n`);
    const items = await collect(readCsv(f, kcsProfile));
    assert.equal(items.length, 3);
    assert.ok('error' in items[1]! && /line 3: 3 cells where the header has 22/.test(items[1].error.reason));
    assert.ok('value' in items[2]!);
  });
});
