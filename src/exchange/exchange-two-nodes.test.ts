// Two real nodes (FR-DGDDI and US-CBP) on loopback, each with its own database, exchanging
// signed envelopes over HTTP. Runs on SQLite and on PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock, newId } from '../platform/index.js';
import { filingSchema } from '../records/index.js';
import { signEnvelope } from './envelope.js';
import { INBOX_PATH } from './delivery-worker.js';
import { generateNodeIdentity } from './node-identity.js';
import { decodedWire, pairNodes, startTestNode, type TestNode } from './exchange-test-nodes.js';
import type { WireItem } from './exchange-item.schema.js';

const DAY = 86_400_000;

function filingWith(container: string, dischargePlace = 'FRLEH') {
  return filingSchema.parse({
    kind: 'sea_manifest',
    filer: { id: 'MAEU' },
    reference: `BL-${container}`,
    parties: [{ role: 'consignee', name: 'Société Générale des Pièces', country: 'FR' }],
    goods: [{ sequence: 1, hsCode: '847130', originCountry: 'CN' }],
    transport: { mode: 'sea', loadingPlace: 'USNYC', dischargePlace },
    equipment: [{ containerNumber: container }],
  });
}

async function post(node: TestNode, envelopes: string[]) {
  const res = await fetch(`${node.url}${INBOX_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ envelopes }) });
  assert.equal(res.status, 200);
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || !('receipts' in body) || !Array.isArray(body.receipts)) throw new Error('no receipts');
  return body.receipts.map((r: unknown) => {
    const o = typeof r === 'object' && r !== null ? r : {};
    return { status: 'status' in o ? String(o.status) : null, reason: 'reason' in o ? String(o.reason) : null };
  });
}

async function inboundCount(node: TestNode): Promise<number> {
  const r = await node.storage.db.selectFrom('exchange_item').select((eb) => eb.fn.countAll<number>().as('n')).where('direction', '=', 'in').executeTakeFirstOrThrow();
  return Number(r.n);
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`two nodes exchanging on loopback [${dialect}]`, () => {
    const clock = manualClock(new Date('2026-11-26T10:00:00Z'));
    let fr: TestNode;
    let us: TestNode;

    before(async () => {
      fr = await startTestNode('FR-DGDDI', dialect, clock);
      us = await startTestNode('US-CBP', dialect, clock);
      // US does not accept intelligence reports; FR may send them (a deliberate mismatch).
      await pairNodes(fr, us, { aOut: { kinds: { ...(await import('./exchange-test-nodes.js')).testAgreement('US-CBP', 'outbound').kinds, intelligence_report: {} } } });
    });
    after(async () => {
      await fr?.dispose();
      await us?.dispose();
    });

    it('shares a lookout FR→US after release, applies it on the US side, and reports the hit back', async () => {
      const shared = await fr.node.service.share(fr.analyst, {
        partner: 'US-CBP',
        kind: 'lookout',
        payload: { subject: { type: 'container', value: 'MSCU1234566', dateOfBirth: '1971-03-02', passportNumber: 'FR12AB345' }, reason: 'cocaine concealment pattern', points: 70 },
        marking: { tlp: 'AMBER+STRICT', pap: 'AMBER' },
      });
      assert.equal(shared.outbox.status, 'awaiting_release');
      assert.equal((await fr.node.worker.deliverDue()).delivered, 0, 'nothing leaves before release');
      await fr.node.service.release(fr.liaison, shared.item.id);
      assert.equal((await fr.node.worker.deliverDue()).delivered, 1);

      // The removed field is nowhere in the bytes on the wire, encoded or decoded; the masked one is masked.
      const raw = fr.wire.join('\n');
      const decoded = decodedWire(fr.wire).join('\n');
      assert.ok(!raw.includes('1971-03-02') && !decoded.includes('1971-03-02') && !decoded.includes('dateOfBirth'));
      assert.ok(!decoded.includes('FR12AB345') && decoded.includes('[MASKED]'));

      const { items, version } = await us.node.lookouts.matchFiling({ filing: filingWith('MSCU1234566') });
      assert.equal(items.length, 1);
      assert.equal(items[0]?.partnerNode, 'FR-DGDDI');
      assert.deepEqual(items[0]?.marking, { tlp: 'amber+strict', pap: 'amber' });
      assert.match(version, /^partner-items:1:/);
      assert.equal((await us.node.lookouts.matchFiling({ filing: filingWith('TGHU0000001') })).items.length, 0);

      // The US assessment raised it (as assessment's partnerFactorSource names it): the hit goes back.
      const loop = await us.node.loop.onAssessed({
        id: 'asm-1',
        filingId: 'us-filing-1',
        channel: 'red',
        totalPoints: 70,
        assessedAt: clock.now().toISOString(),
        factors: [{ source: 'partner', sourceId: `FR-DGDDI:${shared.item.id}`, points: 70, reason: 'lookout' }],
      });
      assert.deepEqual(loop, { hits: 1, reported: 1 });
      assert.equal((await us.node.worker.deliverDue()).delivered, 1);
      const view = await fr.node.service.getItem(fr.analyst, shared.item.id);
      assert.equal(view.outbox?.status, 'delivered');
      assert.deepEqual(view.replies.map((r) => [r.kind, r.originator, r.payload.channel]), [['hit_report', 'US-CBP', 'red']]);
      // The hit report inherits the lookout's marking: never weaker than its source.
      assert.deepEqual(view.replies[0]?.marking, { tlp: 'AMBER+STRICT', pap: 'AMBER' });
      assert.ok(us.audit.some((a) => a.entry.action === 'exchange.item_received' && a.entry.targetId === shared.item.id));
    });

    it('closes the targeting-request loop: US request, FR assessment and seizure, result on the US request', async () => {
      const request = await us.node.service.share(us.analyst, {
        partner: 'FR-DGDDI',
        kind: 'targeting_request',
        payload: { containerNumber: 'CSQU3054383', dischargePlace: 'FRLEH', requestedAction: 'inspect', reason: 'shipper linked to a seizure in Newark', points: 90 },
      });
      await us.node.service.release(us.liaison, request.item.id);
      await us.node.worker.deliverDue();

      const filingId = 'fr-filing-leh-1';
      const { items } = await fr.node.lookouts.matchFiling({ filing: filingWith('CSQU3054383') });
      assert.equal(items.length, 1);
      assert.equal(items[0]?.itemId, request.item.id);
      assert.equal((await fr.node.lookouts.matchFiling({ filing: filingWith('CSQU3054383', 'FRMRS') })).items.length, 0, 'bound for Marseille, not Le Havre');
      await fr.node.loop.onAssessed({
        id: 'fr-asm-1',
        filingId,
        channel: 'red',
        totalPoints: 90,
        assessedAt: clock.now().toISOString(),
        factors: [{ source: 'partner', sourceId: `US-CBP:${request.item.id}`, points: 90, reason: items[0]?.reason ?? '' }],
      });
      const sent = await fr.node.loop.onInspectionRecorded({
        id: 'ev-1',
        type: 'inspection.recorded',
        occurredAt: clock.now().toISOString(),
        payload: { filingId, finding: true, recordedAt: clock.now().toISOString(), summary: '48 kg cocaine in the reefer unit', seizure: { commodity: 'cocaine', quantityKg: 48 } },
      });
      assert.equal(sent, 1);
      await fr.node.worker.deliverDue();

      const view = await us.node.service.getItem(us.analyst, request.item.id);
      const result = view.replies.find((r) => r.kind === 'inspection_result');
      assert.ok(result, 'the US sees the result on its original request');
      assert.equal(result.payload.outcome, 'seizure');
      assert.deepEqual(result.payload.seizure, { commodity: 'cocaine', quantityKg: 48 });
      assert.equal(result.originator, 'FR-DGDDI');
    });

    it('delivers everything once, in order, after the partner was down', async () => {
      const before = await inboundCount(us);
      await us.closeServer();
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const s = await fr.node.service.share(fr.analyst, { partner: 'US-CBP', kind: 'lookout', payload: { subject: { type: 'container', value: `DOWN${i}` }, reason: `r${i}`, points: 10 } });
        await fr.node.service.release(fr.liaison, s.item.id);
        ids.push(s.item.id);
        if (i === 5) {
          const r = await fr.node.worker.deliverDue();
          assert.equal(r.delivered, 0);
          assert.equal(r.failedBatches, 1);
        }
      }
      const waiting = await fr.node.service.listOutbox(fr.liaison, { partner: 'US-CBP', status: 'queued' });
      assert.equal(waiting.length, 12);
      assert.ok(waiting.some((w) => w.attempts === 1 && w.lastError !== null), 'the failure is visible on the outbox');
      // Still backing off: nothing is attempted before the retry time.
      assert.equal((await fr.node.worker.deliverDue()).failedBatches, 0);
      clock.advance(3 * 3600_000); // hours later the partner is back
      await us.openServer();
      const r = await fr.node.worker.deliverDue();
      assert.equal(r.delivered, 12);
      assert.equal(await inboundCount(us), before + 12);
      const seqs = await us.storage.db.selectFrom('exchange_inbox').select(['seq', 'item_id']).where('item_id', 'in', ids).orderBy('seq').execute();
      assert.deepEqual(seqs.map((s) => s.item_id), ids, 'received in the order released');

      // A lost acknowledgement: the sender sends again; the receiver stores nothing twice.
      await fr.storage.db.updateTable('exchange_outbox').set({ status: 'queued', delivered_at: null }).where('item_id', 'in', ids.slice(-3)).execute();
      const again = await fr.node.worker.deliverDue();
      assert.equal(again.delivered, 3);
      assert.equal(await inboundCount(us), before + 12);
    });

    it('rejects tampered, replayed, unknown-key and disallowed envelopes with a reason, storing nothing', async () => {
      const before = await inboundCount(us);
      // Hand-made envelopes take sequence numbers from FR's own counter, as FR's worker would.
      const seqRow = await fr.storage.db
        .updateTable('exchange_partner')
        .set((eb) => ({ next_out_seq: eb('next_out_seq', '+', 2) }))
        .where('id', '=', 'US-CBP')
        .returning('next_out_seq')
        .executeTakeFirstOrThrow();
      const firstSeq = seqRow.next_out_seq - 2;
      const item: WireItem = {
        id: newId(),
        kind: 'lookout',
        originator: 'FR-DGDDI',
        createdAt: clock.now().toISOString(),
        legalBasis: 'test',
        purposes: ['customs_enforcement'],
        marking: { tlp: 'GREEN', pap: 'GREEN' },
        caveats: [],
        retainUntil: new Date(clock.now().getTime() + DAY).toISOString(),
        onwardTransferRequiresConsent: true,
        payload: { subject: { type: 'container', value: 'EVIL0000001' }, reason: 'x', points: 5 },
      };
      const good = signEnvelope(fr.node.identity, { id: newId(), to: 'US-CBP', seq: firstSeq, item }, clock.now());
      const [h, p, s] = good.split('.');
      const tamperedPayload = Buffer.from(Buffer.from(p ?? '', 'base64url').toString('utf8').replace('"points":5', '"points":99')).toString('base64url');
      const impostor = signEnvelope(generateNodeIdentity('FR-DGDDI'), { id: newId(), to: 'US-CBP', seq: firstSeq + 1, item: { ...item, id: newId() } }, clock.now());
      const receipts = await post(us, [`${h}.${tamperedPayload}.${s}`, impostor]);
      assert.deepEqual(receipts.map((r) => r.reason), ['bad_signature', 'unknown_key']);
      assert.equal(await inboundCount(us), before);

      // Replay: the exact bytes of an envelope that was accepted once.
      const first = await post(us, [good]);
      assert.equal(first[0]?.status, 'accepted');
      const replay = await post(us, [good]);
      assert.equal(replay[0]?.reason, 'replay');
      assert.equal(await inboundCount(us), before + 1);

      // A kind our own agreement allows to leave but the US agreement does not accept.
      const report = await fr.node.service.share(fr.analyst, { partner: 'US-CBP', kind: 'intelligence_report', payload: { title: 'Route analysis', body: '…' } });
      await fr.node.service.release(fr.liaison, report.item.id);
      await fr.node.worker.deliverDue();
      const [entry] = await fr.node.service.listOutbox(fr.liaison, { partner: 'US-CBP', status: 'rejected' });
      assert.equal(entry?.itemId, report.item.id);
      assert.match(entry?.rejectReason ?? '', /^kind_not_allowed/);
      assert.equal(await inboundCount(us), before + 1);
      assert.ok(fr.audit.some((a) => a.entry.action === 'exchange.item_rejected_by_partner' && a.entry.targetId === report.item.id));
    });

    it('sends nothing to a suspended partner, and everything once it is active again', async () => {
      await fr.node.service.setPartnerStatus(fr.admin, 'US-CBP', 'suspended');
      const s = await fr.node.service.share(fr.analyst, { partner: 'US-CBP', kind: 'lookout', payload: { subject: { type: 'party', value: 'ACME EXPORT' }, reason: 'suspended test', points: 10 } });
      await fr.node.service.release(fr.liaison, s.item.id);
      const wireBefore = fr.wire.length;
      assert.equal((await fr.node.worker.deliverDue()).delivered, 0);
      assert.equal(fr.wire.length, wireBefore, 'not a single request to a suspended partner');
      await fr.node.service.setPartnerStatus(fr.admin, 'US-CBP', 'active');
      assert.equal((await fr.node.worker.deliverDue()).delivered, 1);
    });

    it('never weakens markings on derived items, and refuses onward transfer without consent', async () => {
      const red = await fr.node.service.share(fr.analyst, { partner: 'US-CBP', kind: 'lookout', payload: { subject: { type: 'party', value: 'RED SHIPPER' }, reason: 'red', points: 10 }, marking: { tlp: 'RED', pap: 'RED' } });
      await fr.node.service.release(fr.liaison, red.item.id);
      await fr.node.worker.deliverDue();
      const derived = await us.node.service.share(us.analyst, {
        partner: 'FR-DGDDI',
        kind: 'intelligence_report',
        payload: { title: 'derived' },
        marking: { tlp: 'CLEAR', pap: 'CLEAR' },
        derivedFrom: [red.item.id],
      }).catch((e: unknown) => e);
      // US outbound agreement does not allow intelligence reports: use a lookout instead.
      assert.ok(derived instanceof Error);
      const ok = await us.node.service.share(us.analyst, { partner: 'FR-DGDDI', kind: 'lookout', payload: { subject: { type: 'party', value: 'RED SHIPPER' }, reason: 'seen here too', points: 5 }, marking: { tlp: 'CLEAR', pap: 'CLEAR' }, derivedFrom: [red.item.id] });
      assert.deepEqual(ok.item.marking, { tlp: 'RED', pap: 'RED' });

      // A third partner may not receive FR's item without FR's consent.
      const jp = generateNodeIdentity('JP-CUSTOMS');
      await us.node.service.addPartner(us.admin, { id: 'JP-CUSTOMS', baseUrl: 'http://127.0.0.1:9', jwks: jp.publicJwks() });
      await us.node.service.setAgreement(us.admin, (await import('./exchange-test-nodes.js')).testAgreement('JP-CUSTOMS', 'outbound'));
      await assert.rejects(
        us.node.service.share(us.analyst, { partner: 'JP-CUSTOMS', kind: 'lookout', payload: { subject: { type: 'party', value: 'RED SHIPPER' }, reason: 'x', points: 5 }, derivedFrom: [red.item.id] }),
        /needs the originator's consent/,
      );
    });

    it('purges partner items when their retention date passes, with an audit entry', async () => {
      const s = await fr.node.service.share(fr.analyst, { partner: 'US-CBP', kind: 'lookout', payload: { subject: { type: 'container', value: 'PURU0000001' }, reason: 'short-lived', points: 10 } });
      await fr.node.service.release(fr.liaison, s.item.id);
      await fr.node.worker.deliverDue();
      assert.equal((await us.node.lookouts.matchFiling({ filing: filingWith('PURU0000001') })).items.length, 1);
      assert.deepEqual((await us.node.retention.runOnce()).purged.includes(s.item.id), false);
      clock.advance(31 * DAY);
      const report = await us.node.retention.runOnce();
      assert.ok(report.purged.includes(s.item.id));
      const view = await us.node.service.getItem(us.analyst, s.item.id);
      assert.equal(view.item.status, 'purged');
      assert.deepEqual(view.item.payload, {});
      us.node.lookouts.invalidate();
      assert.equal((await us.node.lookouts.matchFiling({ filing: filingWith('PURU0000001') })).items.length, 0);
      assert.ok(us.audit.some((a) => a.entry.action === 'exchange.item_purged' && a.entry.targetId === s.item.id));
      // Our own outbound copy is our data: retention of partner data does not touch it.
      assert.equal((await fr.node.service.getItem(fr.analyst, s.item.id)).item.status, 'active');
    });
  });
}
