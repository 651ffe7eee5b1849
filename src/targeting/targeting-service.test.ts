import { it } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock, type Actor } from '../platform/index.js';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { recordsMigrations } from '../records/index.js';
import { accessMigrations, createAuditAppender, verifyAuditLog } from '../access/index.js';
import { assessmentMigrations, createAssessmentService, type ActiveProfileSet, type ProfileHit } from '../assessment/index.js';
import { storeFilings, validateFiling, type FilingInput } from '../records/index.js';
import { targetingMigrations } from './targeting-migrations.js';
import type { TargetingDb } from './targeting-tables.js';
import { createTargetingService, type ProfileOutcome } from './targeting-service.js';
import { isRandomControl } from './random-control.js';

const user = (username: string, ...roles: ('targeter' | 'supervisor' | 'inspector' | 'analyst')[]): Actor => ({ kind: 'user', id: username, username, roles, agency: 'FR-DGDDI' });
const targeter = user('tina', 'targeter');
const other = user('tom', 'targeter');
const supervisor = user('sue', 'supervisor');
const inspector = user('ian', 'inspector');
const analyst = user('ana', 'analyst');

// Points come from the reference: "R70-…" gets 70 points, so each test picks its channel.
const pointsSet: ActiveProfileSet = {
  version: 'set-1',
  size: 1,
  evaluate({ filing }) {
    const m = /^R(\d+)-/.exec(filing.reference);
    // a goods item of exactly 1 kg clears the filing (an amendment turning green)
    const cleared = filing.goods.some((g) => g.netMassKg === 1);
    const hits: ProfileHit[] = m && !cleared ? [{ profileId: 'points', profileVersion: 1, name: 'Points', threat: 'narcotics', points: Number(m[1]), forcedChannel: null, reason: 'test points', shareable: false, ownerAgency: 'FR-DGDDI' }] : [];
    return { hits, errors: [] };
  },
};

function input(reference: string, extra: Partial<FilingInput> = {}): FilingInput {
  return {
    kind: 'sea_manifest',
    filer: { id: 'MAEU' },
    reference,
    office: 'FRLEH01',
    parties: [{ role: 'consignee', name: 'Queue Test SA', country: 'FR' }],
    goods: [{ sequence: 1, hsCode: '847130', netMassKg: 100, value: { amount: 5000, currency: 'EUR' }, originCountry: 'CN' }],
    transport: { mode: 'sea', routing: [], arrivalTime: '2026-12-01T08:00:00Z' },
    ...extra,
  };
}

describeStorage<TargetingDb>('targeting service', [...recordsMigrations, ...accessMigrations, ...assessmentMigrations, ...targetingMigrations], (fx) => {
  const clock = manualClock(new Date('2026-11-20T09:00:00Z'));
  const outcomes: { profileId: string; outcome: ProfileOutcome }[] = [];
  const published: string[] = [];
  const bus = { publish: async (e: { type: string }) => void published.push(e.type), subscribe: async () => {}, drain: async () => {}, close: async () => {} };
  const setup = () => {
    const targeting = createTargetingService({
      db: fx.storage.db,
      clock,
      audit: createAuditAppender(fx.dialect, clock),
      bus,
      defaultCapacity: 2,
      defaultRandomControlRate: 0,
      recordProfileOutcome: async (profileId, _v, outcome) => void outcomes.push({ profileId, outcome }),
    });
    const assessment = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => pointsSet }, onAssessed: async (a) => void (await targeting.openFromAssessment(a)) });
    return { targeting, assessment };
  };
  const ingest = async (svc: ReturnType<typeof setup>, i: FilingInput) => {
    const v = validateFiling(i);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const res = await storeFilings(fx.storage.db, [{ index: 0, filing: v.filing, warnings: v.warnings }], 'test', clock.now());
    const id = res.stored[0]?.id;
    if (!id) throw new Error('not stored');
    return svc.assessment.assessFiling(id, 'event');
  };

  it('refers non-green assessments and orders the queue by risk, then deadline', async () => {
    const s = setup();
    await ingest(s, input('R45-Q1', { office: 'QOFF' }));
    await ingest(s, input('R80-Q2', { office: 'QOFF', transport: { mode: 'sea', routing: [], arrivalTime: '2026-12-05T08:00:00Z' } }));
    await ingest(s, input('R80-Q3', { office: 'QOFF', transport: { mode: 'sea', routing: [], arrivalTime: '2026-12-02T08:00:00Z' } }));
    await ingest(s, input('Q4', { office: 'QOFF' }));
    const q = await s.targeting.listQueue(analyst, { office: 'QOFF' });
    assert.deepEqual(q.map((r) => r.reference), ['R80-Q3', 'R80-Q2', 'R45-Q1']);
    assert.equal(q[0]?.channel, 'red');
    assert.match(q[0]?.summary[0] ?? '', /test points/);
    assert.deepEqual(q[0]?.threats, ['narcotics'], 'the threat of the profile that raised it');
  });

  it('lets only one of two concurrent actions win, and refuses actions on a closed referral', async () => {
    const s = setup();
    await ingest(s, input('R80-C1', { office: 'COFF' }));
    const [r] = await s.targeting.listQueue(targeter, { office: 'COFF' });
    assert.ok(r);
    const results = await Promise.allSettled([
      s.targeting.act(targeter, r.id, { action: 'release', reason: 'papers in order', expectedVersion: r.version }),
      s.targeting.act(other, r.id, { action: 'hold', reason: 'wait for the lab', expectedVersion: r.version }),
    ]);
    assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
    const loser = results.find((x) => x.status === 'rejected');
    assert.ok(loser && loser.status === 'rejected');
    assert.match(String(loser.reason.code), /REFERRAL_VERSION_CONFLICT|REFERRAL_CLOSED/);
    const detail = await s.targeting.getReferral(analyst, r.id);
    assert.equal(detail.actions.length, 2); // open + the winner
    if (detail.referral.status === 'released') {
      await assert.rejects(s.targeting.act(targeter, r.id, { action: 'hold', reason: 'too late' }), { code: 'REFERRAL_CLOSED' });
    }
    assert.equal((await verifyAuditLog(fx.storage.db)).ok, true);
  });

  it('checks roles: an analyst cannot act, an inspector cannot order, a targeter cannot set capacity', async () => {
    const s = setup();
    await ingest(s, input('R80-P1', { office: 'POFF' }));
    const [r] = await s.targeting.listQueue(analyst, { office: 'POFF' });
    assert.ok(r);
    await assert.rejects(s.targeting.act(analyst, r.id, { action: 'release', reason: 'no' }), { code: 'FORBIDDEN' });
    await assert.rejects(s.targeting.act(inspector, r.id, { action: 'order_inspection', inspectionType: 'physical', reason: 'no' }), { code: 'FORBIDDEN' });
    await assert.rejects(s.targeting.setCapacity(targeter, 'POFF', '*', 5), { code: 'FORBIDDEN' });
    await assert.rejects(s.targeting.act(targeter, r.id, { action: 'release', reason: '' }), { code: 'VALIDATION_FAILED' });
    await assert.rejects(s.targeting.act(targeter, r.id, { action: 'issue_dnl', reason: 'sea cargo' }), { code: 'DNL_NOT_APPLICABLE' });
  });

  it('fills capacity in risk order, then an inspector records a seizure that feeds back', async () => {
    const s = setup();
    await s.targeting.setCapacity(supervisor, 'SOFF', '*', 2);
    for (const ref of ['R71-S1', 'R95-S2', 'R90-S3', 'R50-S4']) await ingest(s, input(ref, { office: 'SOFF' }));
    const sel = await s.targeting.selectForInspection(supervisor, 'SOFF', '2026-11-20');
    const refs = await s.targeting.listQueue(analyst, { office: 'SOFF' });
    const byId = new Map(refs.map((r) => [r.id, r.reference]));
    assert.deepEqual(sel.ordered.map((o) => [byId.get(o.referralId), o.inspectionType]), [['R95-S2', 'physical'], ['R90-S3', 'physical'], ['R50-S4', 'documentary']]);
    assert.equal(sel.capacity.left, 0);
    const s1 = refs.find((r) => r.reference === 'R71-S1');
    assert.ok(s1);
    await assert.rejects(s.targeting.act(targeter, s1.id, { action: 'order_inspection', inspectionType: 'physical', day: '2026-11-20', reason: 'one more' }), { code: 'CAPACITY_EXHAUSTED' });

    const [todo] = await s.targeting.listInspections(inspector, { office: 'SOFF', status: 'ordered' });
    assert.ok(todo);
    await assert.rejects(s.targeting.recordResult(targeter, todo.id, { result: 'no_finding' }), { code: 'FORBIDDEN' });
    const done = await s.targeting.recordResult(inspector, todo.id, {
      result: 'finding',
      findings: [{ category: 'narcotics', description: 'cocaine in false floor', weightKg: 12.5, seizureReference: 'SZ-2026-001' }],
    });
    assert.equal(done.findings[0]?.seizureReference, 'SZ-2026-001');
    await assert.rejects(s.targeting.recordResult(inspector, todo.id, { result: 'no_finding' }), { code: 'INSPECTION_NOT_OPEN' });
    const detail = await s.targeting.getReferral(targeter, todo.referralId);
    assert.equal(detail.referral.status, 'inspected');
    assert.equal(detail.assessment?.factors[0]?.sourceId, 'points');
    assert.deepEqual(outcomes.at(-1), { profileId: 'points', outcome: { date: clock.now().toISOString(), selected: true, inspected: true, finding: true } });
    assert.ok(published.includes('inspection.recorded'));
    const labels = await s.targeting.listLabelledOutcomes(null);
    assert.ok(labels.some((l) => l.filingId === todo.filingId && l.finding));
    assert.equal((await s.targeting.lookupInspections([todo.filingId]))[0]?.finding, true);
    assert.deepEqual((await s.targeting.inspectionLookup.outcomesFor([todo.filingId, 'nope'])).get(todo.filingId), { inspected: true, finding: true });
  });

  it('selects green filings at random for control at the configured rate, recorded as such', async () => {
    const s = setup();
    await s.targeting.setRandomControlRate(supervisor, 0.5);
    const seeds = await fx.storage.db.selectFrom('targeting_setting').select('value').where('key', '=', 'random_control_seed').execute();
    const made: { filingId: string }[] = [];
    for (let i = 0; i < 20; i++) made.push(await ingest(s, input(`G-${i}`, { office: 'GOFF' })));
    const seed = seeds[0]?.value;
    assert.ok(seed);
    const expected = made.filter((a) => isRandomControl(seed, 0.5, a.filingId)).length;
    const q = await s.targeting.listQueue(analyst, { office: 'GOFF', limit: 100 });
    assert.equal(q.length, expected);
    assert.ok(expected > 0 && expected < 20);
    assert.ok(q.every((r) => r.selection === 'random_control' && r.status === 'inspection_ordered'));
    await s.targeting.setRandomControlRate(supervisor, 0);
  });

  it('supersedes the open referral of an earlier version when an amendment is referred, and catches up after a crash', async () => {
    const s = setup();
    await ingest(s, input('R75-A1', { office: 'AOFF' }));
    await ingest(s, input('R75-A1', { office: 'AOFF', version: 2, goods: [{ sequence: 1, hsCode: '847130', netMassKg: 90 }] }));
    const q = await s.targeting.listQueue(analyst, { office: 'AOFF' });
    assert.deepEqual(q.map((r) => r.filingVersion), [2]);
    // An assessment committed without its referral (a crash in between) is picked up.
    const lone = createAssessmentService({ db: fx.storage.db, clock, profiles: { loadActiveSet: async () => pointsSet } });
    const v = validateFiling(input('R85-A2', { office: 'AOFF' }));
    if (!v.ok) throw new Error('invalid');
    const res = await storeFilings(fx.storage.db, [{ index: 0, filing: v.filing, warnings: v.warnings }], 'test', clock.now());
    await lone.assessFiling(res.stored[0]?.id ?? '', 'event');
    assert.equal(await s.targeting.catchUp(), 1);
    assert.equal(await s.targeting.catchUp(), 0);
  });

  it('keeps the referral of an earlier version open, with a note, when an amendment is assessed green', async () => {
    const s = setup();
    await ingest(s, input('R80-G1', { office: 'GOFF' }));
    const [before] = await s.targeting.listQueue(analyst, { office: 'GOFF' });
    assert.ok(before);
    const green = await ingest(s, input('R80-G1', { office: 'GOFF', version: 2, goods: [{ sequence: 1, hsCode: '847130', netMassKg: 1 }] }));
    assert.equal(green.channel, 'green');
    const [after] = await s.targeting.listQueue(analyst, { office: 'GOFF' });
    assert.equal(after?.id, before.id);
    assert.equal(after?.status, 'open');
    assert.equal(after?.version, before.version + 1);
    const detail = await s.targeting.getReferral(analyst, before.id);
    const notes = detail.actions.filter((x) => x.action === 'amended');
    assert.equal(notes.length, 1);
    assert.match(notes[0]?.reason ?? '', /version 2 of the filing was assessed green/);
    // a targeter who acts on the version they saw before is told it changed
    await assert.rejects(s.targeting.act(targeter, before.id, { action: 'release', reason: 'looked fine', expectedVersion: before.version }));
    // the same assessment told twice adds no second note
    await s.targeting.openFromAssessment(green);
    assert.equal((await s.targeting.getReferral(analyst, before.id)).actions.filter((x) => x.action === 'amended').length, 1);
  });
});
