import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { manualClock, systemActor } from '../platform/index.js';
import { accessMigrations } from './access-migrations.js';
import type { AccessTables } from './access-tables.js';
import { createAuditAppender, verifyAuditLog } from './audit-log.js';

describeStorage<AccessTables>('audit log', accessMigrations, (fx) => {
  const actor = systemActor('DGDDI', 'test');

  async function appendMany(n: number) {
    const append = createAuditAppender(fx.dialect, manualClock(new Date('2026-11-26T00:00:00Z')));
    for (let i = 0; i < n; i++) {
      await fx.storage.db.transaction().execute((tx) => append(tx, actor, { action: 'test', targetType: 'thing', targetId: String(i), details: { i } }));
    }
  }

  it('verifies an intact chain', async () => {
    await appendMany(5);
    const res = await verifyAuditLog(fx.storage.db);
    assert.equal(res.ok, true);
    assert.equal(res.entries, 5);
  });

  it('detects an edited entry', async () => {
    await fx.storage.db.updateTable('audit_log').set({ actor: 'user:mallory' }).where('seq', '=', 2).execute();
    const res = await verifyAuditLog(fx.storage.db);
    assert.equal(res.ok, false);
    assert.equal(res.problems[0]?.seq, 2);
    assert.match(res.problems[0]?.problem ?? '', /edited/);
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    await fx.storage.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    let res = await verifyAuditLog(fx.storage.db);
    assert.ok(res.problems.some((p) => /missing/.test(p.problem)));
    await fx.storage.db.deleteFrom('audit_log').where('seq', '=', 5).execute();
    res = await verifyAuditLog(fx.storage.db);
    assert.ok(res.problems.some((p) => /newest entries deleted/.test(p.problem)));
  });
});
