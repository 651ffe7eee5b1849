import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agreementSchema } from './agreement.schema.js';
import type { Payload } from './exchange-item.schema.js';
import { applyFieldPolicy, checkInbound, prepareOutbound, MASKED } from './agreement-policy.js';

const now = new Date('2026-11-26T10:00:00Z');
const outbound = agreementSchema.parse({
  partner: 'US-CBP',
  direction: 'outbound',
  legalBasis: 'CMAA art. 9',
  kinds: { lookout: { removeFields: ['parties.*.dateOfBirth'], maskFields: ['parties.*.passport'] } },
  defaultMarking: { tlp: 'AMBER', pap: 'GREEN' },
  maxMarking: { tlp: 'AMBER+STRICT', pap: 'AMBER' },
  purposes: ['customs_enforcement'],
  retentionDays: 10,
});

describe('agreement policy', () => {
  it('removes and masks fields inside arrays without touching the original', () => {
    const payload: Payload = { parties: [{ name: 'A', dateOfBirth: '1970-01-01', passport: 'X1' }, { name: 'B' }] };
    const before = JSON.stringify(payload);
    const out = applyFieldPolicy(payload, { removeFields: ['parties.*.dateOfBirth'], maskFields: ['parties.*.passport'] });
    assert.deepEqual(out, { parties: [{ name: 'A', passport: MASKED }, { name: 'B' }] });
    assert.equal(JSON.stringify(payload), before);
  });

  it('prepares an outbound item: default marking, legal basis, purposes and retention from the agreement', () => {
    const r = prepareOutbound({ id: 'item-0001', kind: 'lookout', originator: 'FR-DGDDI', createdAt: now.toISOString(), payload: { parties: [] } }, outbound, now);
    assert.ok(r.ok);
    assert.deepEqual(r.value.marking, { tlp: 'AMBER', pap: 'GREEN' });
    assert.equal(r.value.retainUntil, '2026-12-06T10:00:00.000Z');
    assert.equal(r.value.onwardTransferRequiresConsent, true);
  });

  it('refuses kinds, markings and purposes the agreement does not allow, and never loosens a marking', () => {
    const base = { id: 'item-0002', originator: 'FR-DGDDI', createdAt: now.toISOString(), payload: {} };
    const kind = prepareOutbound({ ...base, kind: 'seizure_report' }, outbound, now);
    assert.equal(kind.ok ? null : kind.reason, 'kind_not_allowed');
    const red = prepareOutbound({ ...base, kind: 'lookout', marking: { tlp: 'RED', pap: 'GREEN' } }, outbound, now);
    assert.equal(red.ok ? null : red.reason, 'marking_above_maximum');
    const purpose = prepareOutbound({ ...base, kind: 'lookout', purposes: ['revenue_audit'] }, outbound, now);
    assert.equal(purpose.ok ? null : purpose.reason, 'purpose_not_permitted');
    const clear = prepareOutbound({ ...base, kind: 'lookout', marking: { tlp: 'CLEAR', pap: 'CLEAR' } }, outbound, now);
    assert.deepEqual(clear.ok ? clear.value.marking : null, { tlp: 'AMBER', pap: 'GREEN' });
  });

  it('on receipt, checks our own copy and keeps the earlier retention date', () => {
    const inbound = agreementSchema.parse({ ...outbound, direction: 'inbound', partner: 'FR-DGDDI', retentionDays: 5 });
    const prepared = prepareOutbound({ id: 'item-0003', kind: 'lookout', originator: 'FR-DGDDI', createdAt: now.toISOString(), payload: { parties: [{ name: 'A' }] } }, outbound, now);
    assert.ok(prepared.ok);
    const ok = checkInbound(prepared.value, inbound, now);
    assert.equal(ok.ok ? ok.value.retainUntil : null, '2026-12-01T10:00:00.000Z');
    const leaked = checkInbound({ ...prepared.value, payload: { parties: [{ name: 'A', dateOfBirth: '1970-01-01' }] } }, inbound, now);
    assert.equal(leaked.ok ? null : leaked.reason, 'field_not_permitted');
    assert.equal(checkInbound(prepared.value, undefined, now).ok, false);
  });
});
