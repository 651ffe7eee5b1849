import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { manualClock, AppError, type Actor } from '../platform/index.js';
import { filingSchema, type Filing } from '../records/index.js';
import { screeningMigrations } from './screening-migrations.js';
import type { ScreeningTables } from './screening-tables.js';
import { createScreeningService } from './screening-service.js';
import { demoPlantedConsignee, demoWatchlistSample } from './demo-watchlist.js';
import { parseUnXml } from './un-parser.js';

const supervisor: Actor = { kind: 'user', id: 'u1', username: 'sup', roles: ['supervisor'], agency: 'CBP' };
const analyst: Actor = { kind: 'user', id: 'u2', username: 'ana', roles: ['analyst'], agency: 'CBP' };
const inspector: Actor = { kind: 'user', id: 'u3', username: 'ins', roles: ['inspector'], agency: 'CBP' };

function filing(consignee: string, extra: Partial<Filing['transport']> = {}): Filing {
  return filingSchema.parse({
    kind: 'sea_manifest',
    filer: { id: 'F1' },
    reference: `REF-${consignee.length}`,
    parties: [{ role: 'consignee', name: consignee, country: 'KP' }, { role: 'consignor', name: 'Harmless Textiles Ltd', country: 'FR' }],
    goods: [{ sequence: 1, hsCode: '720810' }],
    transport: { mode: 'sea', ...extra },
  });
}

describeStorage<ScreeningTables>('screening service', screeningMigrations, (fx) => {
  it('imports a list, catches the planted variant consignee with an explanation, and versions the list', async () => {
    const clock = manualClock(new Date('2026-03-01T10:00:00Z'));
    const svc = await createScreeningService({ db: fx.storage.db, clock });
    const first = await svc.importList(supervisor, demoWatchlistSample(), 'demo');
    assert.equal(first.added, 5);
    assert.equal(first.previousVersion, null);
    const planted = demoPlantedConsignee();
    const hits = svc.screenFiling(filing(planted.name));
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.entryId, planted.entryId);
    assert.equal(hits[0]?.role, 'consignee');
    assert.equal(hits[0]?.listVersion, first.version);
    assert.ok(hits[0]?.explanation.aligned.some((a) => a.query === 'minning' && a.listed === 'mining'));

    // Same content again: same version, nothing changed.
    const again = await svc.importList(supervisor, demoWatchlistSample(), 'demo');
    assert.equal(again.version, first.version);
    assert.equal(again.added + again.changed + again.removed, 0);
    // A delta: one entry removed, one changed.
    const next = demoWatchlistSample();
    next.entries = next.entries.filter((e) => e.id !== 'ofac:306');
    const ship = next.entries.find((e) => e.id === 'ofac:4243');
    ship?.names.push({ name: 'EBANO II', strength: 'alias' });
    const delta = await svc.importList(supervisor, next, 'demo-2');
    assert.deepEqual([delta.added, delta.changed, delta.removed], [0, 1, 1]);
    assert.equal(svc.screen({ name: 'Banco Nacional de Cuba' }, { minScore: 0.8 }).length, 0);
  });

  it('screens the vessel by IMO: an exact valid IMO is a hit whatever the name', async () => {
    const svc = await createScreeningService({ db: fx.storage.db, clock: manualClock(new Date('2026-03-02T00:00:00Z')) });
    const hits = svc.screenFiling(filing('Nobody In Particular', { conveyance: { imoNumber: 'IMO 7406784', vesselName: 'OCEAN STAR' } }));
    assert.equal(hits[0]?.entryId, 'ofac:4243');
    assert.equal(hits[0]?.identifierMatch, true);
  });

  it('keeps a reviewed false positive suppressed until the party name or the entry changes', async () => {
    const clock = manualClock(new Date('2026-03-03T00:00:00Z'));
    const svc = await createScreeningService({ db: fx.storage.db, clock });
    const name = 'Korea Mining Development Trading Corporation';
    const hit = svc.screenFiling(filing(name))[0];
    assert.ok(hit);
    await assert.rejects(
      svc.review(inspector, { partyKey: hit.partyKey, partyName: name, entryId: hit.entryId, decision: 'false_positive', reason: 'x' }),
      (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN',
    );
    await svc.review(analyst, { partyKey: hit.partyKey, partyName: name, entryId: hit.entryId, decision: 'false_positive', reason: 'different company, registry checked' });
    assert.equal(svc.screenFiling(filing(name)).length, 0);
    // Remembered across restarts (read back from storage).
    const restarted = await createScreeningService({ db: fx.storage.db, clock });
    assert.equal(restarted.screenFiling(filing(name)).length, 0);
    // The entry changes: the alert comes back.
    const changed = demoWatchlistSample();
    changed.entries = changed.entries.filter((e) => e.id !== 'ofac:306');
    changed.entries.find((e) => e.id === 'ofac:4243')?.names.push({ name: 'EBANO II', strength: 'alias' });
    changed.entries.find((e) => e.id === 'ofac:9345')?.programs.push('NEW-PROGRAM');
    await restarted.importList(supervisor, changed, 'demo-3');
    assert.equal(restarted.screenFiling(filing(name)).length, 1);
  });

  it('leaves the version in force when an update fails, and refuses an empty list', async () => {
    const svc = await createScreeningService({ db: fx.storage.db, clock: manualClock(new Date('2026-03-04T00:00:00Z')) });
    const before = svc.status().lists.find((l) => l.list === 'ofac')?.version;
    assert.throws(() => parseUnXml('<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>'), /truncated file/);
    await assert.rejects(svc.importList(supervisor, { list: 'ofac', entries: [], warnings: [] }, 'empty'), /no entries/);
    assert.equal(svc.status().lists.find((l) => l.list === 'ofac')?.version, before);
    assert.ok(before);
  });

  it('lookouts with owner, reason and expiry are screened until they expire or are removed', async () => {
    const clock = manualClock(new Date('2026-03-05T00:00:00Z'));
    const svc = await createScreeningService({ db: fx.storage.db, clock });
    await svc.saveLookout(analyst, { id: 'LK-1', name: 'Zephyr Freight Forwarding', type: 'organization', owner: 'cbp-nyc', reason: 'undeclared lithium batteries', expiresAt: '2026-06-01' });
    assert.equal(svc.screenFiling(filing('Zephir Freight Forwarding'))[0]?.entryId, 'lookout:LK-1');
    clock.set(new Date('2026-07-01T00:00:00Z'));
    await svc.reload();
    assert.equal(svc.screenFiling(filing('Zephir Freight Forwarding')).length, 0);
    await assert.rejects(svc.removeLookout(analyst, 'nope'), /not found/);
  });
});
