import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { recordsMigrations } from './records-migrations.js';
import type { RecordsTables } from './records-tables.js';
import { storeFilings } from './filing-store.js';
import { validateFiling } from './filing-validation.js';
import { listVersionRows, countFilings, sqliteRowSink } from './filing-repository.js';
import { prepareFiling } from './filing-preparation.js';
import type { FilingInput } from './filing.schema.js';

function filing(reference: string, version = 1, overrides: Partial<FilingInput> = {}): FilingInput {
  return {
    kind: 'sea_manifest',
    filer: { id: 'MAEU' },
    reference,
    version,
    parties: [{ role: 'consignee', name: 'Société Générale des Pièces', country: 'FR' }],
    goods: [{ sequence: 1, hsCode: '847130', netMassKg: 120, value: { amount: 5000, currency: 'EUR' }, originCountry: 'CN' }],
    transport: { mode: 'sea', loadingPlace: 'CNSHA', dischargePlace: 'FRLEH', routing: ['CN', 'SG', 'FR'], arrivalTime: '2026-12-01T08:00:00Z' },
    equipment: [{ containerNumber: 'CSQU3054383', seals: ['S1'] }],
    ...overrides,
  };
}

function valid(index: number, input: FilingInput) {
  const v = validateFiling(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return { index, filing: v.filing, warnings: v.warnings };
}

describeStorage<RecordsTables>('filing store', recordsMigrations, (fx) => {
  const now = new Date('2026-11-26T10:00:00Z');

  it('stores a new filing with its parties and goods', async () => {
    const { stored, rejected } = await storeFilings(fx.storage.db, [valid(0, filing('BL-1'))], 'test', now);
    assert.equal(rejected.length, 0);
    assert.equal(stored[0]?.status, 'created');
    const rows = await listVersionRows(fx.storage.db, 'MAEU', 'BL-1');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.deadline_at, '2026-12-01T08:00:00.000Z');
  });

  it('treats the same version twice as idempotent and a new version as an amendment', async () => {
    await storeFilings(fx.storage.db, [valid(0, filing('BL-2'))], 'test', now);
    const again = await storeFilings(fx.storage.db, [valid(0, filing('BL-2'))], 'test', now);
    assert.equal(again.stored[0]?.status, 'duplicate');
    const amended = await storeFilings(fx.storage.db, [valid(0, filing('BL-2', 2, { office: 'FRLEH01' }))], 'test', now);
    assert.equal(amended.stored[0]?.status, 'amended');
    const rows = await listVersionRows(fx.storage.db, 'MAEU', 'BL-2');
    assert.deepEqual(rows.map((r) => [r.version, r.is_latest]), [[1, 0], [2, 1]]);
  });

  it('refuses the same version with different content', async () => {
    await storeFilings(fx.storage.db, [valid(0, filing('BL-3'))], 'test', now);
    const res = await storeFilings(fx.storage.db, [valid(0, filing('BL-3', 1, { office: 'X' }))], 'test', now);
    assert.equal(res.stored.length, 0);
    assert.equal(res.rejected[0]?.problems[0]?.path, 'version');
  });

  it('handles repeats and amendments inside one batch', async () => {
    const res = await storeFilings(
      fx.storage.db,
      [valid(0, filing('BL-4')), valid(1, filing('BL-4')), valid(2, filing('BL-4', 2, { office: 'Y' }))],
      'test',
      now,
    );
    assert.deepEqual(res.stored.map((s) => s.status), ['created', 'duplicate', 'amended']);
    const rows = await listVersionRows(fx.storage.db, 'MAEU', 'BL-4');
    assert.deepEqual(rows.map((r) => r.is_latest), [0, 1]);
  });

  it('rolls back a whole batch when the transaction fails', async () => {
    const before = await countFilings(fx.storage.db);
    await assert.rejects(
      fx.storage.db.transaction().execute(async (tx) => {
        await storeFilings(tx, [valid(0, filing('BL-5')), valid(1, filing('BL-6'))], 'test', now);
        throw new Error('simulated crash after insert');
      }),
    );
    assert.deepEqual(await countFilings(fx.storage.db), before);
  });

  it('writes every column in its place through the SQLite bulk sink, as through Kysely', async () => {
    const sqlite = fx.storage.sqlite;
    if (!sqlite) return; // the sink exists on SQLite only
    const sink = sqliteRowSink(sqlite);
    const input = valid(0, filing('BL-7', 1, { office: 'FRLEH01', lodgedAt: '2026-11-20T10:00:00Z' }));
    const viaSink = await fx.storage.db.transaction().execute((tx) => storeFilings(tx, [input], 'test', now, sink));
    const id = viaSink.stored[0]?.id ?? '';
    const prepared = prepareFiling(input);
    const row = await fx.storage.db.selectFrom('filing').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { ...prepared.row, id, received_at: now.toISOString(), is_latest: 1, received_by: 'test' });
    const parties = await fx.storage.db.selectFrom('filing_party').selectAll().where('filing_id', '=', id).orderBy('position').execute();
    assert.deepEqual(parties, prepared.parties.map((p) => ({ ...p, filing_id: id })));
    const goods = await fx.storage.db.selectFrom('goods_item').selectAll().where('filing_id', '=', id).orderBy('sequence').execute();
    assert.deepEqual(goods, prepared.goods.map((g) => ({ ...g, filing_id: id })));
  });
});
