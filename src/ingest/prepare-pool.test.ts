import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTraffic } from '../app/demo/traffic-generator.js';
import { prepareNdjsonFile, type PreparedBatch } from './prepare-pool.js';
import { prepareItem, type PreparedItem } from './prepare-item.js';
import { batchOf, FIRST_BATCH } from './prepare-messages.js';
import { MAX_LINE_BYTES, readNdjson } from './record-sources.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-prepare-'));

async function collect(gen: AsyncGenerator<PreparedBatch>): Promise<PreparedBatch[]> {
  const out: PreparedBatch[] = [];
  for await (const b of gen) out.push(b);
  return out;
}

describe('bulk NDJSON preparation on a worker thread', () => {
  it('answers a file in batches, in order, exactly as the main thread would prepare it', async () => {
    const filings = generateTraffic({ seed: 3, baseDate: '2026-11-26', days: 1, perDay: 40 }).map((t) => t.filing);
    const file = join(dir, 'mixed.ndjson');
    const parts: Buffer[] = filings.map((f) => Buffer.from(`${JSON.stringify(f)}\n`));
    parts.splice(5, 0, Buffer.from('\n   \n')); // blank lines: not records
    parts.push(Buffer.from('{"kind":"sea_manifest"\n')); // cut short
    parts.push(Buffer.concat([Buffer.from('{"kind":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\r\n')])); // bad UTF-8
    parts.push(Buffer.from(`{"x":"${'a'.repeat(MAX_LINE_BYTES + 10)}"}\n`)); // over-long
    parts.push(Buffer.from(JSON.stringify(filings[0]))); // no final newline
    writeFileSync(file, Buffer.concat(parts));

    // bit for bit what the main thread's reader and preparation give (document, hash, rows)
    const expected = [];
    for await (const item of readNdjson(file)) expected.push(prepareItem(item));
    let all: PreparedItem[] = [];
    for (const workers of [1, 3]) {
      const batches = await collect(prepareNdjsonFile(file, { batchSize: 7, ahead: 2, workers }));
      all = batches.flatMap((b) => b.items);
      assert.ok(batches.length > 3 && batches.slice(0, -1).every((b) => b.items.length === 7), 'batches of the requested size');
      assert.equal(batches.at(-1)?.bytesRead, Buffer.concat(parts).length);
      assert.deepEqual(all, expected, `${workers} worker(s): same records, same order`);
    }
    const n = filings.length;
    assert.equal(all.filter((a) => 'prepared' in a).length, n + 1);
    const reasons = all.slice(n, n + 3).map((a) => ('problems' in a ? a.problems[0]?.reason : 'prepared'));
    assert.match(reasons[0] ?? '', /line \d+: not valid JSON/);
    assert.match(reasons[1] ?? '', /line \d+: invalid UTF-8/);
    assert.match(reasons[2] ?? '', /longer than/);
  });

  it('cuts a file into small first batches that double up to the requested size', () => {
    const sizes = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) sizes.set(batchOf(i, 2000), (sizes.get(batchOf(i, 2000)) ?? 0) + 1);
    assert.deepEqual([...sizes.values()].slice(0, 6), [FIRST_BATCH, 2 * FIRST_BATCH, 4 * FIRST_BATCH, 8 * FIRST_BATCH, 2000, 2000]);
    assert.deepEqual([...sizes.keys()], [...sizes.keys()].map((_, k) => k), 'numbered without gaps');
    assert.equal(batchOf(6, 7), 0);
    assert.equal(batchOf(7, 7), 1);
  });

  it('answers a file shorter than the first batch, and an empty one', async () => {
    const short = join(dir, 'short.ndjson');
    writeFileSync(short, '{"a":1}\n\n{"a":2}');
    const batches = await collect(prepareNdjsonFile(short, { batchSize: 2000, workers: 2 }));
    assert.deepEqual(
      batches.map((b) => b.items.map((i) => i.index)),
      [[0, 1]],
    );
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(empty, '\n  \n');
    assert.deepEqual(await collect(prepareNdjsonFile(empty, { batchSize: 2000 })), []);
  });

  it('reads the records the file held when it began, whatever is appended meanwhile', async () => {
    const file = join(dir, 'growing.ndjson');
    writeFileSync(file, '{"a":1}\n'.repeat(1000));
    let taken = 0;
    for await (const b of prepareNdjsonFile(file, { batchSize: 50, ahead: 1, workers: 2 })) {
      if (taken === 0) appendFileSync(file, '{"a":2}\n'.repeat(500));
      taken += b.items.length;
    }
    assert.equal(taken, 1000);
  });

  it('fails, rather than stops short, when the file shrinks while it is read', async () => {
    const file = join(dir, 'shrinking.ndjson');
    const line = `{"x":"${'a'.repeat(990)}"}\n`;
    writeFileSync(file, line.repeat(5000)); // about 5 MB: the workers read 1 MB at a time
    await assert.rejects(
      (async () => {
        let first = true;
        for await (const _ of prepareNdjsonFile(file, { batchSize: 10, ahead: 1, workers: 2 })) {
          if (first) truncateSync(file, 2_000_000);
          first = false;
        }
      })(),
      /shrank while it was read/,
    );
  });

  it('fails the iteration when the file cannot be read', async () => {
    await assert.rejects(collect(prepareNdjsonFile(join(dir, 'absent.ndjson'), { batchSize: 10 })), /cannot read .*absent\.ndjson/);
    await assert.rejects(collect(prepareNdjsonFile(dir, { batchSize: 10 })), /cannot read/);
  });

  it('stops its worker when the consumer stops early', async () => {
    const file = join(dir, 'many.ndjson');
    writeFileSync(file, '{"a":1}\n'.repeat(1000));
    let taken = 0;
    for await (const b of prepareNdjsonFile(file, { batchSize: 10, ahead: 1 })) {
      taken += b.items.length;
      if (taken >= 30) break;
    }
    assert.equal(taken, 30);
  });
});
