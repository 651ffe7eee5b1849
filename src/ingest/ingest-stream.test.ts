// The bulk path's store: a stream of prepared batches, stored about 2,000 filings per
// transaction whatever the batch size, on a real node (SQLite).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTraffic } from '../app/demo/traffic-generator.js';
import { initNode } from '../app/init-node.js';
import { loadConfig, systemActor } from '../platform/index.js';
import { countFilings } from '../records/index.js';
import { FILING_ACCEPTED, type BatchResult } from './ingest-service.js';
import { prepareItem, type PreparedItem } from './prepare-item.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function* inBatches(items: PreparedItem[], size: number, failAt?: number): AsyncGenerator<PreparedItem[]> {
  for (let i = 0; i < items.length; i += size) {
    if (failAt !== undefined && i >= failAt) throw new Error('the preparing thread failed');
    yield items.slice(i, i + size);
  }
}

describe('ingest stream (bulk store)', () => {
  it('commits about 2,000 filings per transaction, with amendments, repeats and rejects across batches', async () => {
    const { node } = await initNode(loadConfig({ dataDir: join(dir, 'a') }), { nodeId: 'FR-DGDDI', agency: 'DGDDI' });
    try {
      const published: string[] = [];
      await node.bus.subscribe(FILING_ACCEPTED, 'test', async (ev) => void published.push(ev.id));
      const filings = generateTraffic({ seed: 5, baseDate: '2026-11-26', days: 3, perDay: 1000 }).map((t) => t.filing);
      const first = filings[0];
      const second = filings[1];
      assert.ok(first && second);
      const values: unknown[] = [...filings, { ...first, version: 2, office: 'FRLEH' }, second, { kind: 'sea_manifest' }];
      const items = values.map((value, index) => prepareItem({ index, value }));
      const committed: BatchResult[] = [];
      await node.ingest.ingestStream(systemActor('DGDDI', 'test'), inBatches(items, 700), (r) => committed.push(r));
      await node.bus.drain();

      assert.deepEqual(
        committed.map((c) => c.received),
        [2100, 903],
        'three batches of 700 fill the first transaction',
      );
      const sum = (k: 'accepted' | 'rejected' | 'created' | 'amended' | 'duplicates') => committed.reduce((s, c) => s + c[k], 0);
      assert.equal(sum('created'), filings.length);
      assert.equal(sum('amended'), 1);
      assert.equal(sum('duplicates'), 1);
      assert.equal(sum('rejected'), 1);
      assert.equal(committed[1]?.errors[0]?.index, values.length - 1);
      assert.deepEqual(await countFilings(node.storage.db), { filings: filings.length + 1, goods: filings.reduce((s, f) => s + f.goods.length, 0) + first.goods.length });
      assert.equal(published.length, filings.length + 1, 'created and amended filings are announced, repeats are not');
      const audits = await node.storage.db.selectFrom('audit_log').select('details').where('action', '=', 'filings.ingest').execute();
      assert.equal(audits.length, 2, 'one audit entry per transaction');
    } finally {
      await node.close();
    }
  });

  it('keeps committed transactions and stores nothing of the one whose source fails', async () => {
    const { node } = await initNode(loadConfig({ dataDir: join(dir, 'b') }), { nodeId: 'FR-DGDDI', agency: 'DGDDI' });
    try {
      const filings = generateTraffic({ seed: 6, baseDate: '2026-11-26', days: 3, perDay: 1000 }).map((t) => t.filing);
      const items = filings.map((value, index) => prepareItem({ index, value }));
      const committed: BatchResult[] = [];
      // fails inside the second transaction: the first (2,100 records) is kept, the second is not
      await assert.rejects(node.ingest.ingestStream(systemActor('DGDDI', 'test'), inBatches(items, 700, 2800), (r) => committed.push(r)), /preparing thread failed/);
      assert.equal(committed.length, 1);
      assert.equal((await countFilings(node.storage.db)).filings, 2100);
    } finally {
      await node.close();
    }
  });
});
