import { it } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock, type Actor } from '../../platform/index.js';
import { describeStorage } from '../../platform/test-support/storage-harness.js';
import { trainRiskModel } from '../risk-model.js';
import { tinyLabelledSet } from '../test-support/tiny-set.js';
import { modelMigrations } from './model-migrations.js';
import { createModelRegistry } from './model-registry.js';
import type { ModelDb } from './model-tables.js';

const admin: Actor = { kind: 'user', id: 'u1', username: 'ada', roles: ['admin'], agency: 'FR-DGDDI' };

describeStorage<ModelDb>('model registry', modelMigrations, (fx) => {
  const set = tinyLabelledSet(300, 7);
  const a = trainRiskModel({ label: 'fraud', train: set, params: { rounds: 5 }, novelParams: { rounds: 3 } });
  const b = trainRiskModel({ label: 'fraud', train: set, params: { rounds: 8 }, novelParams: { rounds: 3 }, seed: 2 });

  it('registers versions with schema, data hash and parameters, and refuses duplicates', async () => {
    const reg = createModelRegistry({ db: fx.storage.db, clock: manualClock(new Date('2026-01-01T00:00:00Z')) });
    const info = await reg.register(admin, a);
    assert.equal(info.status, 'candidate');
    assert.equal(info.trainingDataHash, a.training.dataHash);
    assert.equal(info.registeredBy, 'user:ada');
    await assert.rejects(reg.register(admin, a), /already registered/);
    await reg.register(admin, b);
    assert.equal((await reg.list('fraud')).length, 2);
  });

  it('keeps one champion, shadow-scores a challenger and compares them on outcomes', async () => {
    const reg = createModelRegistry({ db: fx.storage.db, clock: manualClock(new Date('2026-01-02T00:00:00Z')) });
    await reg.promote(a.id);
    await reg.makeChallenger(b.id);
    const champion = await reg.champion('fraud');
    assert.equal(champion?.id, a.id);
    // The stored document reloads into a model that scores like the original.
    assert.deepEqual(Array.from(champion?.gbdt.value ?? []), Array.from(a.gbdt.value));
    const outcomes = new Map<string, boolean>();
    for (let i = 0; i < 20; i++) {
      outcomes.set(`f${i}`, i % 3 === 0);
      await reg.recordShadowScore(a.id, `f${i}`, i % 3 === 0 ? 0.9 : 0.1, 'champion');
      await reg.recordShadowScore(b.id, `f${i}`, (i * 7) % 10 / 10, 'challenger');
    }
    const cmp = await reg.compare('fraud', outcomes);
    assert.equal(cmp.rows, 20);
    assert.equal(cmp.champion.rocAuc, 1);
    assert.ok(cmp.challenger.rocAuc < 1);
    await reg.promote(b.id);
    const all = await reg.list('fraud');
    assert.deepEqual(all.map((m) => [m.id, m.status]), [[a.id, 'retired'], [b.id, 'champion']]);
  });
});
