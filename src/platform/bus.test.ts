import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createInProcessBus, type Bus, type DomainEvent } from './bus.js';
import { createNatsBus, deleteNatsStream } from './nats-bus.js';

const NATS_URL = process.env.TANDEM_TEST_NATS ?? 'nats://127.0.0.1:4222';

function event(id: string, n: number): DomainEvent {
  return { id, type: 'filing.accepted', occurredAt: '2026-11-26T00:00:00Z', payload: { n } };
}

async function exercise(bus: Bus) {
  const seenA: number[] = [];
  const seenB: number[] = [];
  await bus.subscribe('filing.accepted', 'assessment', async (e) => {
    const p = e.payload;
    if (typeof p === 'object' && p !== null && 'n' in p && typeof p.n === 'number') seenA.push(p.n);
  });
  await bus.subscribe('filing.accepted', 'exchange', async (e) => {
    const p = e.payload;
    if (typeof p === 'object' && p !== null && 'n' in p && typeof p.n === 'number') seenB.push(p.n);
  });
  for (let i = 0; i < 20; i++) await bus.publish(event(`e-${i}`, i));
  await bus.publish(event('e-3', 3)); // a redelivered event: dropped by its id
  await bus.drain();
  return { seenA, seenB };
}

describe('bus', () => {
  it('in-process: every group gets every event once, in order', async () => {
    const bus = createInProcessBus();
    const { seenA, seenB } = await exercise(bus);
    assert.deepEqual(seenA, [...Array(20).keys()]);
    assert.deepEqual(seenB, [...Array(20).keys()]);
    await bus.close();
  });

  it('in-process: a failing handler does not stop later events', async () => {
    const errors: string[] = [];
    const bus = createInProcessBus((e) => errors.push(e.id));
    const seen: string[] = [];
    await bus.subscribe('x', 'g', async (e) => {
      if (e.id === 'b') throw new Error('boom');
      seen.push(e.id);
    });
    for (const id of ['a', 'b', 'c']) await bus.publish({ id, type: 'x', occurredAt: '', payload: null });
    await bus.drain();
    assert.deepEqual(seen, ['a', 'c']);
    assert.deepEqual(errors, ['b']);
  });

  describe('NATS JetStream', () => {
    const stream = `TEST_${process.pid}_${Date.now()}`;
    after(async () => {
      await deleteNatsStream(NATS_URL, stream);
    });
    it('delivers to each durable group once and de-duplicates by event id', async () => {
      const bus = await createNatsBus({ url: NATS_URL, stream });
      const { seenA, seenB } = await exercise(bus);
      assert.deepEqual(seenA, [...Array(20).keys()]);
      assert.deepEqual(seenB, [...Array(20).keys()]);
      await bus.close();
    });
  });
});
