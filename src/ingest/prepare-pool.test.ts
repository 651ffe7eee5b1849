import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTraffic } from '../app/demo/traffic-generator.js';
import { createPreparePool } from './prepare-pool.js';
import { prepareItem } from './ingest-service.js';
import type { RawLine } from './record-sources.js';

describe('ingest prepare pool (worker thread)', () => {
  it('answers batches in order, with the same preparation as the main thread', async () => {
    const filings = generateTraffic({ seed: 3, baseDate: '2026-11-26', days: 1, perDay: 40 }).map((t) => t.filing);
    const lines: RawLine[] = filings.map((f, i) => ({ index: i, line: i + 1, text: JSON.stringify(f) }));
    lines.push({ index: lines.length, line: lines.length + 1, text: '{"kind":"sea_manifest"' });
    lines.push({ index: lines.length, error: { path: '', reason: 'line 99: invalid UTF-8' } });
    const pool = createPreparePool();
    try {
      // three batches in flight at once
      const answers = await Promise.all([pool.prepare(lines.slice(0, 10)), pool.prepare(lines.slice(10, 25)), pool.prepare(lines.slice(25))]);
      const all = answers.flat();
      assert.deepEqual(all.map((a) => a.index), lines.map((l) => l.index));
      const ok = all.filter((a) => 'prepared' in a);
      assert.equal(ok.length, filings.length);
      // bit for bit what the main thread prepares (document, hash, rows)
      const first = filings[0];
      assert.ok(first);
      assert.deepEqual(all[0], prepareItem({ index: 0, value: JSON.parse(JSON.stringify(first)) }));
      const badJson = all[filings.length];
      assert.ok(badJson && 'problems' in badJson);
      assert.match(badJson.problems[0]?.reason ?? '', /not valid JSON/);
      const badUtf8 = all[filings.length + 1];
      assert.ok(badUtf8 && 'problems' in badUtf8);
      assert.match(badUtf8.problems[0]?.reason ?? '', /invalid UTF-8/);
    } finally {
      await pool.close();
    }
  });
});
