// Exchange throughput: a sender node (this process) and a receiver node (a child process, so
// each gets a core) on loopback, each with its own SQLite database. Items are shared and
// released at a fixed rate; the delivery worker signs each one (Ed25519 JWS), batches them
// into POSTs, and the receiver verifies, checks its agreement and stores each before answering.
// Figures: items delivered and acknowledged per second over the run, and the p99 of the delay
// from creation to acknowledgement. BENCH_SECONDS (default 60) and BENCH_RATE (default 1100).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { migrate, openStorage, systemClock, type Actor } from '../src/platform/index.js';
import { createExchangeNode, exchangeMigrations, generateNodeIdentity, jwksSchema, type AgreementInput, type ExchangeTables, type ShareInput } from '../src/exchange/index.js';

const admin: Actor = { kind: 'user', id: 'admin', username: 'admin', roles: ['admin'], agency: 'bench' };
const liaison: Actor = { kind: 'user', id: 'liaison', username: 'liaison', roles: ['liaison', 'analyst'], agency: 'bench' };

function agreement(partner: string, direction: 'outbound' | 'inbound'): AgreementInput {
  return {
    partner,
    direction,
    legalBasis: 'benchmark agreement',
    kinds: { lookout: { removeFields: ['subject.dateOfBirth'], maskFields: [] } },
    defaultMarking: { tlp: 'AMBER', pap: 'GREEN' },
    maxMarking: { tlp: 'RED', pap: 'RED' },
    purposes: ['customs_enforcement'],
    retentionDays: 30,
  };
}

async function openNode(nodeId: string, dir: string, batchSize = 250) {
  const storage = openStorage<ExchangeTables>({ kind: 'sqlite', file: join(dir, `${nodeId}.db`) });
  await migrate(storage.db, 'sqlite', exchangeMigrations);
  const node = createExchangeNode({
    db: storage.db,
    identity: generateNodeIdentity(nodeId),
    clock: systemClock,
    audit: async () => undefined, // the hash-chained log is measured by the access benchmarks
    delivery: { batchSize, pollMs: 100, backoff: { baseMs: 200, maxMs: 2000 } },
    log: (m, d) => process.stderr.write(`${m} ${JSON.stringify(d)}\n`),
    ...(process.env.BENCH_DEBUG ? { onBatch: (b: unknown) => process.stderr.write(`batch ${JSON.stringify(b)}\n`) } : {}),
  });
  return { storage, node };
}

async function receiver(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-rx-'));
  const { storage, node } = await openNode('US-CBP', dir);
  const senderJwks = jwksSchema.parse(JSON.parse(process.env.SENDER_JWKS ?? '{}'));
  await node.service.addPartner(admin, { id: 'FR-DGDDI', baseUrl: 'http://127.0.0.1:9', jwks: senderJwks });
  await node.service.setAgreement(admin, agreement('FR-DGDDI', 'inbound'));
  const app = Fastify({ logger: false, keepAliveTimeout: 60_000 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  node.registerRoutes(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = addr && typeof addr === 'object' ? addr.port : 0;
  process.stdout.write(`${JSON.stringify({ ready: true, port, jwks: node.identity.publicJwks() })}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

/** CPU seconds a process has used so far (Linux /proc), to report the cost per item on each side. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function sender(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 60);
  // The first seconds (JIT warm-up, connection set-up) are run but not measured.
  const warmup = Number(process.env.BENCH_WARMUP ?? 5);
  const batchSize = Number(process.env.BENCH_BATCH ?? 500);
  const rate = Number(process.env.BENCH_RATE ?? 1100);
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-tx-'));
  const { storage, node } = await openNode('FR-DGDDI', dir, batchSize);
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url), '--role', 'receiver'], {
    env: { ...process.env, SENDER_JWKS: JSON.stringify(node.identity.publicJwks()) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ port: number; jwks: unknown }>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  try {
    await node.service.addPartner(admin, { id: 'US-CBP', baseUrl: `http://127.0.0.1:${ready.port}`, jwks: jwksSchema.parse(ready.jwks) });
    await node.service.setAgreement(admin, agreement('US-CBP', 'outbound'));
    node.start();

    const cpu0 = { tx: cpuSeconds(process.pid), rx: cpuSeconds(child.pid) };
    console.log(`exchange bench: ${rate} items/s offered for ${warmup} s warm-up + ${seconds} s measured, batches of ${batchSize}, sender pid ${process.pid}, receiver pid ${child.pid}`);
    const t0 = Date.now();
    let produced = 0;
    let credit = 0;
    let lastTick = t0;
    let lastReport = t0;
    const measureFrom = t0 + warmup * 1000;
    while (Date.now() - t0 < (warmup + seconds) * 1000) {
      // Constant offered load: what is due since the last tick, with at most one second of debt
      // carried (a stalled producer does not later fire a burst the system never saw).
      const nowMs = Date.now();
      credit = Math.min(credit + ((nowMs - lastTick) / 1000) * rate, rate);
      lastTick = nowMs;
      const due = produced + Math.floor(credit);
      // At most 200 items a tick, so the delivery worker gets its turns even when catching up.
      // The items of a tick are shared in one transaction (as a feed would), then released by
      // the liaison officer in one go.
      const inputs: ShareInput[] = [];
      while (produced < due && inputs.length < 200) {
        inputs.push({
          partner: 'US-CBP',
          kind: 'lookout',
          payload: { subject: { type: 'container', value: `MSCU${String(produced).padStart(7, '0')}`, dateOfBirth: '1970-01-01' }, reason: 'benchmark lookout', points: 10 },
        });
        produced++;
        credit--;
      }
      if (inputs.length > 0) {
        const shared = await node.service.shareMany(liaison, inputs);
        await node.service.releaseMany(liaison, shared.map((x) => x.item.id));
      }
      if (Date.now() - lastReport >= 5000) {
        lastReport = Date.now();
        const d = await storage.db.selectFrom('exchange_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'delivered').executeTakeFirstOrThrow();
        console.log(`  t=${Math.round((lastReport - t0) / 1000)}s produced=${produced} delivered=${d.n}`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    const produceEnd = Date.now();
    // Let the tail drain (bounded), then stop.
    for (let i = 0; i < 300; i++) {
      const q = await storage.db.selectFrom('exchange_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'delivered').executeTakeFirstOrThrow();
      if (Number(q.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await node.stop();
    const cpu1 = { tx: cpuSeconds(process.pid), rx: cpuSeconds(child.pid) };
    const rows = (await storage.db.selectFrom('exchange_outbox').select(['created_at', 'delivered_at', 'status']).execute()).filter(
      (r) => Date.parse(r.created_at) >= measureFrom,
    );
    const delays = rows.filter((r) => r.delivered_at).map((r) => Date.parse(r.delivered_at ?? '') - Date.parse(r.created_at)).sort((a, b) => a - b);
    const delivered = rows.filter((r) => r.status === 'delivered');
    const inWindow = delivered.filter((r) => Date.parse(r.delivered_at ?? '') <= produceEnd).length;
    const itemsPerS = Math.round((inWindow / ((produceEnd - measureFrom) / 1000)) * 10) / 10;
    console.log(`produced ${produced}, delivered ${delivered.length}, not delivered ${rows.length - delivered.length}`);
    const perItem = (a: number | null, b: number | null) => (a === null || b === null || delivered.length === 0 ? null : Math.round(((b - a) * 1e6) / delivered.length));
    console.log(`cpu per item: sender ${perItem(cpu0.tx, cpu1.tx)} µs, receiver ${perItem(cpu0.rx, cpu1.rx)} µs`);
    console.log(`delay ms: p50 ${percentile(delays, 50)} p95 ${percentile(delays, 95)} p99 ${percentile(delays, 99)} max ${delays[delays.length - 1] ?? 0}`);
    console.log(JSON.stringify({ bench: 'exchange', items_per_s: itemsPerS, p99_delay_ms: percentile(delays, 99), seconds, offered_per_s: rate, produced, delivered: delivered.length, p50_delay_ms: percentile(delays, 50) }));
  } finally {
    child.kill('SIGTERM');
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--role') && process.argv[process.argv.indexOf('--role') + 1] === 'receiver') await receiver();
else await sender();
