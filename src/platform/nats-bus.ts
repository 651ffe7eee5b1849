// The Bus port on NATS JetStream, for the scaled mode (N API processes, M workers).
// Events go to one durable stream; each subscriber group is a durable pull consumer, so a
// group's members share the work and events survive restarts. The event id is the JetStream
// message id: the server drops a repeat published inside the duplicate window, and handlers
// are idempotent for repeats delivered after a crash (at-least-once).
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, AckPolicy, DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import { z } from 'zod';
import type { Bus, BusErrorSink, DomainEvent, EventHandler } from './bus.js';

const eventSchema = z.object({ id: z.string(), type: z.string(), occurredAt: z.string(), payload: z.unknown() });

export interface NatsBusOptions {
  url: string;
  /** Stream name; tests use their own to stay isolated. */
  stream?: string;
  onError?: BusErrorSink;
}

function subjectOf(stream: string, type: string): string {
  return `${stream.toLowerCase()}.${type.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

export async function createNatsBus({ url, stream = 'TANDEM', onError = () => {} }: NatsBusOptions): Promise<Bus> {
  const nc = await connect({ servers: url.replace(/^nats:\/\//, ''), name: 'tandem' });
  const jsm = await jetstreamManager(nc);
  const subjects = [`${stream.toLowerCase()}.>`];
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add({ name: stream, subjects, duplicate_window: 2 * 60 * 1_000_000_000 });
  }
  const js = jetstream(nc);
  const consumers: { name: string; messages: ConsumerMessages; inFlight: Set<Promise<void>> }[] = [];

  return {
    async publish(event: DomainEvent) {
      await js.publish(subjectOf(stream, event.type), JSON.stringify(event), { msgID: event.id });
    },
    async subscribe(type: string, group: string, handler: EventHandler) {
      const name = `${group}_${type}`.replace(/[^a-zA-Z0-9_-]/g, '_');
      await jsm.consumers.add(stream, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: subjectOf(stream, type),
        max_deliver: 10,
        ack_wait: 30 * 1_000_000_000,
      });
      const consumer = await js.consumers.get(stream, name);
      const messages = await consumer.consume({ max_messages: 256 });
      const entry = { name, messages, inFlight: new Set<Promise<void>>() };
      consumers.push(entry);
      void (async () => {
        for await (const m of messages) {
          const parsed = eventSchema.safeParse(m.json());
          if (!parsed.success) {
            m.term(); // a malformed message will never parse: do not redeliver it
            continue;
          }
          const ev: DomainEvent = parsed.data;
          const p = handler(ev).then(
            () => m.ack(),
            (err: unknown) => {
              onError(ev, group, err);
              m.nak(1000);
            },
          );
          entry.inFlight.add(p);
          await p;
          entry.inFlight.delete(p);
        }
      })();
    },
    async drain() {
      // Wait until every consumer has no pending or unacknowledged messages.
      for (let i = 0; i < 600; i++) {
        let busy = false;
        for (const c of consumers) {
          const info = await jsm.consumers.info(stream, c.name);
          if (info.num_pending > 0 || info.num_ack_pending > 0 || c.inFlight.size > 0) busy = true;
        }
        if (!busy) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('bus drain timed out');
    },
    async close() {
      for (const c of consumers) c.messages.stop();
      await nc.drain();
    },
  };
}

/** Removes a stream (tests). */
export async function deleteNatsStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url.replace(/^nats:\/\//, '') });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}
