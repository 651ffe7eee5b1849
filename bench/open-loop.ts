// A constant-rate, open-loop HTTP load generator for the benchmarks.
//
// "500 filings per second" means a request every 2 ms, whether or not earlier answers have come
// back, as filings arrive from many filers' systems. Request i is due at start + i/rate; it is
// sent on a pool of keep-alive connections, and its latency runs from the moment it was due, so
// time spent waiting for a free connection counts (no coordinated omission). autocannon's rate
// limit instead lets each connection fire its whole per-second quota back-to-back at the start
// of every second, which measures a burst of full concurrency, not a steady rate.
import { Agent, request } from 'node:http';

export interface OpenLoopOptions {
  url: string;
  rate: number;
  seconds: number;
  /** Keep-alive connections in the pool (the most requests in flight at once). */
  connections: number;
  headers: Record<string, string>;
  /** Body of request number i. */
  body(i: number): string;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  non2xx: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  errors: number;
  /** Requests answered per second over the run. */
  achievedRate: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

const percentile = (sorted: Float64Array, p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(2));

export async function openLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(opts.url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const total = Math.round(opts.rate * opts.seconds);
  const latencies = new Float64Array(total);
  let answered = 0;
  let ok = 0;
  let non2xx = 0;
  const statuses: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));

  const send = (i: number, dueAt: number) => {
    const payload = opts.body(i);
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...opts.headers, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          latencies[i] = performance.now() - dueAt;
          const code = String(res.statusCode ?? 0);
          statuses[code] = (statuses[code] ?? 0) + 1;
          if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) ok++;
          else non2xx++;
          if (++answered === total) done();
        });
      },
    );
    req.on('error', () => {
      latencies[i] = performance.now() - dueAt;
      errors++;
      if (++answered === total) done();
    });
    req.end(payload);
  };

  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1000) * opts.rate) + 1);
      for (; next < due; next++) send(next, start + (next * 1000) / opts.rate);
      if (next < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await finished;
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.slice().sort();
  return {
    sent: total,
    ok,
    non2xx,
    statuses,
    errors,
    achievedRate: Math.round(answered / elapsed),
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    p999: percentile(sorted, 0.999),
    max: Number((sorted[sorted.length - 1] ?? 0).toFixed(2)),
  };
}
