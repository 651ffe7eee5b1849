import { it } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { manualClock, isAppError, type Actor, type Role } from '../platform/index.js';
import { describeStorage } from '../platform/test-support/storage-harness.js';
import { profilesMigrations } from './profiles-migrations.js';
import type { ProfilesTables } from './profiles-tables.js';
import { createProfileService } from './profile-service.js';
import { isoWeek } from './profile-repository.js';
import { fixedHistory, sampleFiling } from './test-support/sample-filings.js';

const user = (username: string, ...roles: Role[]): Actor => ({ kind: 'user', id: `u-${username}`, username, roles, agency: 'US-CBP' });
const alice = user('alice', 'targeter');
const bob = user('bob', 'supervisor');
const carol = user('carol', 'supervisor');
const ivan = user('ivan', 'inspector');

const definition = (over: Record<string, unknown> = {}) => ({
  name: 'Fentanyl precursors via Mexico',
  ownerAgency: 'US-CBP',
  threat: 'synthetic_opioids',
  condition: 'goods.hs6 in ["293339", "292149"] and transport.routing has "MX"',
  action: { points: 60 },
  rationale: 'Piperidine precursors from CN/IN transhipped via MX.',
  shareable: true,
  ...over,
});

async function rejects(p: Promise<unknown>, code: string): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    assert.ok(isAppError(err), String(err));
    assert.equal(err.code, code, err.message);
    return err.details;
  }
  assert.fail(`expected ${code}`);
}

describeStorage<ProfilesTables>('profile service', profilesMigrations, (fx) => {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'));
  const service = () => createProfileService({ db: fx.storage.db, clock });

  it('rejects invalid definitions with the condition error position', async () => {
    const details = await rejects(
      service().createDraft(alice, { definition: definition({ condition: 'goods.hs6 in ["293339"] and\n  transport.routeing has "MX"' }) }),
      'VALIDATION_FAILED',
    );
    assert.deepEqual(details, {
      problems: [{ path: 'condition', line: 2, column: 3, message: 'unknown field "transport.routeing" (did you mean "transport.routing"?)' }],
    });
  });

  it('runs the lifecycle draft → approved → active, never approved by the author or a targeter', async () => {
    const s = service();
    const created = await s.createDraft(alice, { definition: definition() });
    assert.equal(created.id, 'fentanyl-precursors-via-mexico');
    assert.equal(created.versions[0]?.status, 'draft');
    await rejects(s.approve(alice, created.id), 'FORBIDDEN');
    await rejects(s.updateDraft(ivan, created.id, { definition: definition() }), 'FORBIDDEN');
    await rejects(s.createDraft(ivan, { definition: definition({ name: 'Inspector profile' }) }), 'FORBIDDEN');
    await rejects(s.activate(bob, created.id), 'PROFILE_NOT_APPROVED');
    const supervisorAuthor = await s.createDraft(bob, { definition: definition({ name: 'Supervisor own profile' }) });
    await rejects(s.approve(bob, supervisorAuthor.id), 'FORBIDDEN');

    await s.approve(bob, created.id);
    await rejects(s.approve(carol, created.id), 'PROFILE_NOT_DRAFT');
    const active = await s.activate(carol, created.id);
    assert.equal(active.activeVersion, 1);

    const set = await s.loadActiveSet(clock.now());
    assert.equal(set.size, 1);
    const { hits } = set.evaluate({ filing: sampleFiling(), history: fixedHistory(), now: clock.now() });
    assert.equal(hits[0]?.profileId, created.id);
    assert.equal(hits[0]?.points, 60);
  });

  it('keeps every version: editing an active profile starts v2 while v1 stays in force', async () => {
    const s = service();
    const p = await s.createDraft(alice, { id: 'apparel-undervaluation', definition: definition({ name: 'Apparel undervaluation', threat: 'fiscal_fraud', condition: 'goods.chapter in ["61", "62"]' }) });
    await s.approve(bob, p.id);
    await s.activate(bob, p.id);
    const v2 = await s.updateDraft(alice, p.id, { definition: definition({ name: 'Apparel undervaluation', threat: 'fiscal_fraud', condition: 'goods.chapter == "29"' }) });
    assert.deepEqual(v2.versions.map((v) => [v.version, v.status]), [[1, 'active'], [2, 'draft']]);
    // edits to a draft stay in the same version, and the editor counts as an author
    await s.updateDraft(carol, p.id, { definition: definition({ name: 'Apparel undervaluation', threat: 'fiscal_fraud', condition: 'goods.chapter == "29" and goods.value > 1' }) });
    await rejects(s.approve(carol, p.id), 'FORBIDDEN');
    await s.approve(bob, p.id);
    const after = await s.activate(bob, p.id, 2);
    assert.deepEqual(after.versions.map((v) => [v.version, v.status]), [[1, 'retired'], [2, 'active']]);
    assert.equal(after.activeVersion, 2);
    assert.equal(after.versions[1]?.definition.condition, 'goods.chapter == "29" and goods.value > 1');
    const set = await s.loadActiveSet(clock.now());
    assert.ok(set.profiles.some((x) => x.id === p.id && x.version === 2));
    assert.ok(!set.profiles.some((x) => x.id === p.id && x.version === 1));
    const retired = await s.retire(bob, p.id);
    assert.equal(retired.activeVersion, null);
  });

  it('lets only one of two concurrent approvals win', async () => {
    const s = service();
    const p = await s.createDraft(alice, { definition: definition({ name: 'Concurrent approval' }) });
    const results = await Promise.allSettled([s.approve(bob, p.id), s.approve(carol, p.id)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal((await s.get(bob, p.id)).versions[0]?.status, 'approved');
  });

  it('loads only profiles valid at the given moment', async () => {
    const s = service();
    const p = await s.createDraft(alice, { definition: definition({ name: 'Olympic games window', validFrom: '2026-12-01', validTo: '2026-12-31' }) });
    await s.approve(bob, p.id);
    await s.activate(bob, p.id);
    const ids = async (d: string) => (await s.loadActiveSet(new Date(d))).profiles.map((x) => x.id);
    assert.ok(!(await ids('2026-11-30T23:00:00Z')).includes(p.id));
    assert.ok((await ids('2026-12-31T23:00:00Z')).includes(p.id));
    assert.ok(!(await ids('2027-01-01T00:00:00Z')).includes(p.id));
  });

  it('flags runtime errors for the author and keeps hit statistics per version, day and week', async () => {
    const s = service();
    const p = await s.createDraft(alice, { definition: definition({ name: 'Statistics profile' }) });
    await s.flagRuntimeError({ profileId: p.id, profileVersion: 1, message: 'history unavailable' }, 'filing-1');
    const flagged = await s.get(alice, p.id);
    assert.equal(flagged.flagged, true);
    assert.equal(flagged.versions[0]?.lastRuntimeError, 'history unavailable (filing filing-1)');
    assert.ok((await s.list(alice)).some((x) => x.id === p.id && x.runtimeErrors === 1));

    await s.recordProfileOutcome(p.id, 1, { date: '2026-11-23T10:00:00Z', selected: true, inspected: true, finding: true });
    await s.recordProfileOutcome(p.id, 1, { date: '2026-11-23T18:00:00Z', selected: true, inspected: true, finding: false });
    await s.recordProfileOutcome(p.id, 1, { date: '2026-11-24T09:00:00Z', selected: true, inspected: false, finding: false });
    await s.recordProfileOutcome(p.id, 2, { date: new Date('2026-11-30T09:00:00Z'), selected: true, inspected: true, finding: true });
    const stats = await s.stats(alice, p.id);
    assert.deepEqual([stats.selected, stats.inspected, stats.findings, stats.findingRate], [4, 3, 2, 2 / 3]);
    assert.deepEqual(stats.versions.map((v) => [v.version, v.selected, v.findingRate]), [[1, 3, 0.5], [2, 1, 1]]);
    assert.deepEqual(stats.perDay.map((d) => [d.day, d.selected]), [['2026-11-23', 2], ['2026-11-24', 1], ['2026-11-30', 1]]);
    assert.deepEqual(stats.perWeek.map((w) => [w.week, w.selected]), [['2026-W48', 3], ['2026-W49', 1]]);
    await rejects(s.stats(alice, 'no-such-profile'), 'NOT_FOUND');
  });

  it('imports YAML as drafts, skips unchanged profiles and rejects a bad file whole', async () => {
    const s = service();
    const yaml = readFileSync(new URL('./starter-profiles.yaml', import.meta.url), 'utf8');
    const first = await s.importYaml(alice, yaml);
    assert.equal(first.created.length, 12);
    const again = await s.importYaml(alice, yaml);
    assert.deepEqual([again.created.length, again.updated.length, again.unchanged.length], [0, 0, 12]);
    const changed = await s.importYaml(alice, yaml.replace('points: 35', 'points: 36'));
    assert.deepEqual(changed.updated, ['undervalued-apparel']);
    const exported = await s.exportYaml(alice);
    assert.match(exported, /id: undervalued-apparel\n\s+version: 1\n\s+status: draft/);
    const details = await rejects(
      s.importYaml(alice, 'profiles:\n  - id: bad-one\n    name: Bad one\n    ownerAgency: FR\n    threat: narcotics\n    condition: goods.hs7 == "1"\n    action: { points: 1 }\n    rationale: testing a bad profile\n'),
      'VALIDATION_FAILED',
    );
    assert.deepEqual(details, { problems: [{ profile: 0, id: 'bad-one', path: 'condition', line: 1, column: 1, message: 'unknown field "goods.hs7" (did you mean "goods.hs6", "goods.hs4"?)' }] });
    await rejects(s.importYaml(alice, 'profiles: [\n'), 'VALIDATION_FAILED');
    await rejects(s.importYaml(ivan, yaml), 'FORBIDDEN');
  });
});

it('numbers ISO weeks across year boundaries', () => {
  assert.equal(isoWeek('2026-01-01'), '2026-W01');
  assert.equal(isoWeek('2027-01-01'), '2026-W53');
  assert.equal(isoWeek('2024-12-30'), '2025-W01');
});
