import { it } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock, type Actor } from '../platform/index.js';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { recordsMigrations, storeFilings, validateFiling, type FilingInput, type RecordsTables } from '../records/index.js';
import { profilesMigrations } from './profiles-migrations.js';
import type { ProfilesTables } from './profiles-tables.js';
import { createProfileService } from './profile-service.js';
import type { InspectionLookup, InspectionOutcome } from './profile-types.js';

const alice: Actor = { kind: 'user', id: 'u-alice', username: 'alice', roles: ['targeter'], agency: 'US-CBP' };
const ivan: Actor = { kind: 'user', id: 'u-ivan', username: 'ivan', roles: ['inspector'], agency: 'US-CBP' };

function filing(reference: string, consignee: string, hs: string, value: number, mass: number): FilingInput {
  return {
    kind: 'sea_manifest',
    filer: { id: 'MAEU' },
    reference,
    parties: [{ role: 'consignee', name: consignee, country: 'FR' }],
    goods: [{ sequence: 1, hsCode: hs, netMassKg: mass, value: { amount: value, currency: 'EUR' }, originCountry: 'CN' }],
    transport: { mode: 'sea', loadingPlace: 'CNSHA', dischargePlace: 'FRLEH', routing: ['CN', 'FR'] },
  };
}

describeStorage<ProfilesTables & RecordsTables>('profile backtest', [...recordsMigrations, ...profilesMigrations], (fx) => {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'));

  async function store(input: FilingInput, receivedAt: string): Promise<string> {
    const v = validateFiling(input);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const { stored } = await storeFilings(fx.storage.db, [{ index: 0, filing: v.filing, warnings: v.warnings }], 'test', new Date(receivedAt));
    const id = stored[0]?.id;
    if (!id) throw new Error('not stored');
    return id;
  }

  it('counts hits, inspections and findings in the window, with history from earlier filings only', async () => {
    const ids: string[] = [];
    // apparel from CN: the median builds up as filings arrive; the cheap ones come later
    ids.push(await store(filing('BT-1', 'Maison Alpha', '610910', 1000, 100), '2026-10-01T08:00:00Z')); // 10/kg
    ids.push(await store(filing('BT-2', 'Maison Alpha', '610910', 1200, 100), '2026-10-02T08:00:00Z')); // 12/kg
    ids.push(await store(filing('BT-3', 'Maison Beta', '610910', 100, 100), '2026-10-03T08:00:00Z')); // 1/kg: hit
    ids.push(await store(filing('BT-4', 'Maison Gamma', '610910', 150, 100), '2026-10-04T08:00:00Z')); // 1.5/kg: hit
    ids.push(await store(filing('BT-5', 'Maison Alpha', '620342', 50, 100), '2026-10-05T08:00:00Z')); // no median for 620342
    ids.push(await store(filing('BT-OLD', 'Maison Beta', '610910', 10, 100), '2026-01-05T08:00:00Z')); // outside the window

    const outcomes = new Map<string, InspectionOutcome>([
      [ids[2] ?? '', { inspected: true, finding: true }],
      [ids[3] ?? '', { inspected: true, finding: false }],
      [ids[0] ?? '', { inspected: true, finding: false }],
    ]);
    const lookup: InspectionLookup = { outcomesFor: async (list) => new Map([...outcomes].filter(([id]) => list.includes(id))) };
    const s = createProfileService({ db: fx.storage.db, clock, filings: fx.storage.db, inspections: lookup });
    const p = await s.createDraft(alice, {
      definition: {
        name: 'Apparel far below the median',
        ownerAgency: 'FR-DGDDI',
        threat: 'fiscal_fraud',
        condition: 'goods.chapter in ["61", "62"] and goods.valuePerKg < 0.3 * median(goods.hs6, goods.origin)',
        action: { points: 30 },
        rationale: 'Undervalued apparel: value per kg far below what others declare.',
      },
    });
    const r = await s.backtest(alice, p.id, { days: 90 });
    assert.equal(r.filingsScanned, 5);
    assert.equal(r.hits, 2);
    assert.deepEqual([r.inspected, r.findings, r.findingRate], [2, 1, 0.5]);
    assert.deepEqual([r.baseline.inspected, r.baseline.findings], [3, 1]);
    assert.deepEqual(r.samples.map((x) => x.reference), ['BT-3', 'BT-4']);
    assert.match(r.samples[0]?.reason ?? '', /median\(goods.hs6, goods.origin\) = 11/);

    // "new consignee" is judged on what came before each filing, never on later ones
    const fresh = await s.backtestDefinition(
      alice,
      {
        name: 'New consignee',
        ownerAgency: 'FR-DGDDI',
        threat: 'fiscal_fraud',
        condition: 'party.consignee.firstSeenDays < 1 and party.consignee.filingCount == 0',
        action: { points: 5 },
        rationale: 'First filing of a consignee in the window.',
      },
      { days: 90 },
    );
    assert.equal(fresh.hits, 3); // Alpha (BT-1), Beta (BT-3), Gamma (BT-4)

    await assert.rejects(s.backtest(ivan, p.id, { days: 90 }), { code: 'FORBIDDEN' });
    await assert.rejects(s.backtest(alice, p.id, { days: 0 }), { code: 'VALIDATION_FAILED' });
  });
});
