// The Bus port: contexts publish domain events and consume them without knowing the transport.
// Embedded mode uses the in-process implementation below; scaled mode uses NATS JetStream
// (nats-bus.ts). Every event carries an id derived from its content, so a consumer that sees
// the same event twice (at-least-once delivery) can drop the repeat.

export interface DomainEvent<T = unknown> {
  /** Stable, content-derived id: redelivery of the same event carries the same id. */
  id: string;
  type: string;
  occurredAt: string;
  payload: T;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

export interface Bus {
  publish(event: DomainEvent): Promise<void>;
  /** `group` names a durable consumer: each event reaches one member of each group. */
  subscribe(type: string, group: string, handler: EventHandler): Promise<void>;
  /** Resolves when every event published so far has been handled (tests, benchmarks, shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export interface BusErrorSink {
  (event: DomainEvent, group: string, err: unknown): void;
}

/**
 * In-process bus. Handlers run after the publisher's transaction has committed (publish is
 * called after commit), one at a time per group, in publication order. A handler error is
 * reported to the sink and does not stop later events.
 */
export function createInProcessBus(onError: BusErrorSink = () => {}): Bus {
  const groups = new Map<string, { type: string; group: string; handler: EventHandler; queue: DomainEvent[]; running: Promise<void> | null }>();
  const seen = new Map<string, Set<string>>();

  const pump = (key: string): Promise<void> => {
    const g = groups.get(key);
    if (!g) return Promise.resolve();
    if (g.running) return g.running;
    if (g.queue.length === 0) return Promise.resolve();
    const run = (async () => {
      await Promise.resolve(); // let the publisher return before handlers run
      while (g.queue.length > 0) {
        const ev = g.queue.shift();
        if (!ev) break;
        try {
          await g.handler(ev);
        } catch (err) {
          onError(ev, g.group, err);
        }
      }
    })();
    g.running = run;
    void run.finally(() => {
      if (g.running === run) g.running = null;
    });
    return run;
  };

  return {
    async publish(event) {
      for (const [key, g] of groups) {
        if (g.type !== event.type) continue;
        let ids = seen.get(key);
        if (!ids) seen.set(key, (ids = new Set()));
        if (ids.has(event.id)) continue; // duplicate delivery: already queued or handled
        ids.add(event.id);
        if (ids.size > 100_000) ids.clear(); // bounded memory; consumers are idempotent anyway
        g.queue.push(event);
        void pump(key);
      }
    },
    async subscribe(type, group, handler) {
      groups.set(`${type}\u0000${group}`, { type, group, handler, queue: [], running: null });
    },
    async drain() {
      for (;;) {
        const busy = [...groups.entries()].filter(([, g]) => g.running !== null || g.queue.length > 0);
        if (busy.length === 0) return;
        await Promise.all(busy.map(([k, g]) => g.running ?? pump(k)));
        await Promise.resolve();
      }
    },
    async close() {
      await this.drain();
      groups.clear();
    },
  };
}
