// npm run bench:ingest — bulk ingest of generated traffic through the CLI path, on SQLite and
// on PostgreSQL, and single-filing POST latency under a steady load from this (second) process.
// Last line: {"bench":"ingest","sqlite_items_per_s":…(median of 3 runs),"postgres_items_per_s":…,"peak_rss_mb":…,"post_p99_ms":…}
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTraffic } from '../src/app/demo/traffic-generator.js';
import { createPostgresSchema, dropPostgresSchema } from '../src/platform/index.js';
import { cliPath, ensureBuilt, startServedNode } from './served-node.js';
import { openLoop } from './open-loop.js';

const PG = process.env.TANDEM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const PER_DAY = Number(process.env.BENCH_PER_DAY ?? 1000);

ensureBuilt();
const work = mkdtempSync(join(tmpdir(), 'tandem-bench-ingest-'));
const file = join(work, 'traffic.ndjson');
// Only the POST bodies are kept in this process: it generates the HTTP load, and a large heap
// here would add its own collection pauses to the latencies it measures.
const { bodies, count, items } = (() => {
  const traffic = generateTraffic({ seed: 2028, baseDate: '2026-11-26', days: DAYS, perDay: PER_DAY });
  const lines = traffic.map((t) => JSON.stringify(t.filing));
  writeFileSync(file, lines.join('\n') + '\n');
  return { bodies: lines.slice(0, 7000), count: traffic.length, items: traffic.reduce((s, t) => s + t.filing.goods.length, 0) };
})();
console.log(`generated ${count} filings, ${items} goods items`);

function runCli(args: string[], env: NodeJS.ProcessEnv): { stdout: string; rssKb: number | null } {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const cmd = timeBin ?? process.execPath;
  const argv = timeBin ? ['-f', 'RSS_KB=%M', process.execPath, cliPath, ...args] : [cliPath, ...args];
  const res = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env, TANDEM_LOG_LEVEL: 'warn' } });
  if (res.status !== 0) throw new Error(`tandem ${args.join(' ')} failed: ${res.stderr}`);
  const rss = /RSS_KB=(\d+)/.exec(res.stderr);
  return { stdout: res.stdout, rssKb: rss ? Number(rss[1]) : null };
}

function ingestRate(env: NodeJS.ProcessEnv, dataDir: string): { perS: number; rssMb: number | null } {
  runCli(['init', '--data-dir', dataDir], env);
  const { stdout, rssKb } = runCli(['ingest', file, '--format', 'ndjson', '--no-assess', '--data-dir', dataDir], env);
  const m = /(\d+) goods items stored in ([\d.]+) s/.exec(stdout);
  if (!m) throw new Error(`unexpected ingest output: ${stdout}`);
  console.log(stdout.trim());
  // The node is not needed any more: removed now, its files' unwritten pages are dropped rather
  // than written back to disk while the next measurement runs.
  rmSync(dataDir, { recursive: true, force: true });
  return { perS: Math.round(Number(m[1]) / Number(m[2])), rssMb: rssKb === null ? null : Math.round(rssKb / 1024) };
}

// POST latency: `tandem serve` on a fresh node (with its background pipeline), filings posted at
// 200 requests/s at a constant rate (open loop: latency counts from when each was due). The
// first WARMUP seconds, while the server's code is still being compiled, are reported apart;
// the figure is the next 30 s, the steady state a node that runs for weeks lives in. It runs
// first, on a quiet machine: after the bulk runs, PostgreSQL's checkpoint and the kernel's
// write-back of their files would still be busy for a while.
const WARMUP_SECONDS = 3;
const server = await startServedNode({});
const load = (seconds: number, offset: number) =>
  openLoop({
    url: `${server.base}/api/v1/filings`,
    rate: 200,
    seconds,
    connections: 10,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: (i) => bodies[(offset + i) % bodies.length] ?? '',
  });
const warmup = await load(WARMUP_SECONDS, 0);
console.log(`warm-up (${WARMUP_SECONDS} s at 200 req/s, not counted): p50 ${warmup.p50} ms, p99 ${warmup.p99} ms, max ${warmup.max} ms, non-2xx ${warmup.non2xx + warmup.errors}`);
const result = await load(Number(process.env.BENCH_POST_SECONDS ?? 30), WARMUP_SECONDS * 200);
await server.stop();
console.log(`POST /api/v1/filings at ${result.achievedRate} req/s: p50 ${result.p50} ms, p90 ${result.p90} ms, p99 ${result.p99} ms, max ${result.max} ms, errors ${result.errors}, non-2xx ${result.non2xx}`);

// This machine's speed drifts by a quarter from minute to minute: the SQLite figure is the
// median of RUNS runs, each into a fresh node, all printed.
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const sqliteRuns = Array.from({ length: RUNS }, (_, i) => ingestRate({}, join(work, `sqlite-${i}`)));
const byRate = [...sqliteRuns].sort((a, b) => a.perS - b.perS);
const sqlite = byRate[Math.floor((byRate.length - 1) / 2)] ?? { perS: 0, rssMb: null };
const peakRss = Math.max(...sqliteRuns.map((r) => r.rssMb ?? 0));
console.log(`SQLite: ${sqliteRuns.map((r) => r.perS).join(', ')} goods items/s; median ${sqlite.perS}, peak RSS ${peakRss} MB`);

const schema = `bench_${process.pid}`;
await createPostgresSchema(PG, schema);
let postgres: { perS: number; rssMb: number | null };
try {
  postgres = ingestRate({ TANDEM_DB: `${PG}?options=-c%20search_path%3D${schema}` }, join(work, 'pg'));
  console.log(`PostgreSQL: ${postgres.perS} goods items/s`);
} finally {
  await dropPostgresSchema(PG, schema);
}

rmSync(work, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'ingest',
    sqlite_items_per_s: sqlite.perS,
    postgres_items_per_s: postgres.perS,
    sqlite_runs: sqliteRuns.map((r) => r.perS),
    peak_rss_mb: peakRss,
    post_p99_ms: result.p99,
    post_rate_per_s: result.achievedRate,
    post_non_2xx: result.non2xx + result.errors,
  }),
);
