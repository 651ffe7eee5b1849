import { it } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock, systemActor, type Actor, type Bus, type DomainEvent, type EventHandler } from '../platform/index.js';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { recordsMigrations, storeFilings, type FilingInput } from '../records/index.js';
import { assessmentMigrations } from './assessment-migrations.js';
import type { AssessmentDb } from './assessment-tables.js';
import { createAssessmentService } from './assessment-service.js';
import type { ActiveProfileSet, ProfileHit } from './profile-port.js';
import { filingInput, validFiling } from './test-filings.js';

const analyst: Actor = { kind: 'user', id: 'u1', username: 'ana', roles: ['analyst'], agency: 'FR-DGDDI' };
const inspector: Actor = { kind: 'user', id: 'u2', username: 'ian', roles: ['inspector'], agency: 'FR-DGDDI' };

// A profile set that hits filings whose consignee was first seen less than 30 days earlier,
// and fails on HS 930100 (arms), like a profile with a runtime error would.
function newShipperSet(version = 'set-1'): ActiveProfileSet {
  return {
    version,
    size: 2,
    evaluate({ filing, history }) {
      const hits: ProfileHit[] = [];
      const days = history.partyFirstSeenDays('consignee');
      if (days === null || days < 30) {
        hits.push({ profileId: 'new-shipper', profileVersion: 3, name: 'New consignee', threat: 'narcotics', points: 45, forcedChannel: null, reason: `consignee first seen ${days ?? 'never'} days ago`, shareable: true, ownerAgency: 'FR-DGDDI' });
      }
      const errors = filing.goods.some((g) => g.hsCode.startsWith('930100')) ? [{ profileId: 'arms', profileVersion: 1, message: 'median of empty set' }] : [];
      return { hits, errors };
    },
  };
}

/** A bus whose deliveries the test controls, to replay an event as a redelivering broker would. */
function recordingBus(): Bus & { deliver(e: DomainEvent): Promise<void>; published: DomainEvent[] } {
  const handlers = new Map<string, EventHandler>();
  const published: DomainEvent[] = [];
  return {
    published,
    async publish(e) {
      published.push(e);
    },
    async subscribe(type, _group, handler) {
      handlers.set(type, handler);
    },
    async deliver(e) {
      await handlers.get(e.type)?.(e);
    },
    drain: async () => {},
    close: async () => {},
  };
}

describeStorage<AssessmentDb>('assessment service', [...recordsMigrations, ...assessmentMigrations], (fx) => {
  const clock = manualClock(new Date('2026-11-01T10:00:00Z'));
  const store = async (input: FilingInput) => {
    const v = validFiling(input);
    const res = await storeFilings(fx.storage.db, [{ index: 0, ...v }], 'test', clock.now());
    const id = res.stored[0]?.id;
    if (!id) throw new Error('not stored');
    return id;
  };

  it('assesses a filing once per filing id, even when the event is delivered twice', async () => {
    const bus = recordingBus();
    const assessed: string[] = [];
    const svc = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => newShipperSet() }, bus, onAssessed: async (a) => void assessed.push(a.filingId) });
    await svc.start();
    const id = await store(filingInput('A-1'));
    const event = { id: 'e1', type: 'filing.accepted', occurredAt: clock.now().toISOString(), payload: { filingId: id, filerId: 'MAEU', reference: 'A-1', version: 1, kind: 'sea_manifest' } };
    // At-least-once delivery: the same event twice, and once more concurrently.
    await bus.deliver(event);
    await Promise.all([bus.deliver(event), bus.deliver({ ...event, id: 'e2' })]);
    assert.deepEqual(assessed, [id]);
    assert.equal(bus.published.filter((e) => e.type === 'assessment.completed').length, 1);
    const a = await svc.getAssessmentOfFiling(analyst, id);
    assert.equal(a.channel, 'yellow');
    assert.equal(a.trigger, 'event');
    assert.match(a.factors[0]?.reason ?? '', /first seen never/);
    assert.equal(a.versions.profileSet, 'set-1');
    assert.deepEqual(a.versions.profiles, { 'new-shipper': 3 });
  });

  it('sweeps up stored filings without an assessment at start', async () => {
    const id = await store(filingInput('A-2', { parties: [{ role: 'consignee', name: 'Sweep Ltd', country: 'FR' }] }));
    const svc = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => newShipperSet() } });
    const { swept } = await svc.start();
    assert.ok(swept >= 1);
    const a = await svc.getAssessmentOfFiling(analyst, id);
    assert.equal(a.trigger, 'sweep');
  });

  it('uses history from before the filing: a consignee seen 40 days earlier is no longer new', async () => {
    const svc = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => newShipperSet() } });
    await svc.start();
    const party = { role: 'consignee' as const, name: 'Old Friend SARL', country: 'FR' as const };
    const first = await store(filingInput('A-3', { parties: [party] }));
    await svc.assessFiling(first);
    clock.advance(40 * 86_400_000);
    const second = await store(filingInput('A-4', { parties: [party] }));
    const a = await svc.assessFiling(second);
    assert.equal(a.channel, 'green');
    assert.equal(a.factors.length, 0);
  });

  it('records a failing profile without failing the assessment, and flags it', async () => {
    const flagged: string[] = [];
    const svc = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => newShipperSet() }, flagProfile: async (e) => void flagged.push(e.profileId) });
    const id = await store(filingInput('A-5', { goods: [{ sequence: 1, hsCode: '930100', netMassKg: 10, value: { amount: 100, currency: 'EUR' } }] }));
    const a = await svc.assessFiling(id);
    assert.equal(a.profileErrors[0]?.profileId, 'arms');
    assert.deepEqual(flagged, ['arms']);
    const flags = await svc.listProfileFlags(analyst);
    assert.equal(flags.find((f) => f.profileId === 'arms')?.failures, 1);
  });

  it('reproduces an assessment, and names what changed when the profile set moved on', async () => {
    let version = 'set-1';
    const svc = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => newShipperSet(version) }, profileSetTtlMs: 0 });
    const id = await store(filingInput('A-6', { parties: [{ role: 'consignee', name: 'Repro GmbH', country: 'DE' }] }));
    const a = await svc.assessFiling(id);
    clock.advance(86_400_000);
    const same = await svc.reproduce(analyst, a.id);
    assert.equal(same.reproducible, true, same.differences.join('; '));
    version = 'set-2';
    const moved = await svc.reproduce(analyst, a.id);
    assert.equal(moved.reproducible, false);
    assert.match(moved.differences[0] ?? '', /set-1/);
  });

  it('refuses readers without a role and reproduction to an inspector', async () => {
    const svc = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => newShipperSet() } });
    const id = await store(filingInput('A-7'));
    const a = await svc.assessFiling(id, 'manual');
    const nobody: Actor = { kind: 'user', id: 'u9', username: 'liz', roles: ['liaison'], agency: 'FR-DGDDI' };
    await assert.rejects(svc.getAssessment(nobody, a.id), { code: 'FORBIDDEN' });
    await assert.rejects(svc.reproduce(inspector, a.id), { code: 'FORBIDDEN' });
    assert.equal((await svc.getAssessment(systemActor('FR', 'test'), a.id)).id, a.id);
  });
});
