// npm run bench:ingest — bulk ingest of generated traffic through the CLI path, on SQLite and
// on PostgreSQL, and single-filing POST latency under a steady load from this (second) process.
// Last line: {"bench":"ingest","sqlite_items_per_s":…,"postgres_items_per_s":…,"peak_rss_mb":…,"post_p99_ms":…}
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateTraffic } from '../src/app/demo/traffic-generator.js';
import { createPostgresSchema, dropPostgresSchema } from '../src/platform/index.js';

const root = new URL('..', import.meta.url).pathname;
const PG = process.env.TANDEM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const PER_DAY = Number(process.env.BENCH_PER_DAY ?? 1000);

if (!existsSync(join(root, 'dist/cli/main.js'))) {
  console.log('building (dist/ is missing)…');
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
const cliPath = join(root, 'dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'tandem-bench-ingest-'));
const file = join(work, 'traffic.ndjson');
const traffic = generateTraffic({ seed: 2028, baseDate: '2026-11-26', days: DAYS, perDay: PER_DAY });
writeFileSync(file, traffic.map((t) => JSON.stringify(t.filing)).join('\n') + '\n');
const items = traffic.reduce((s, t) => s + t.filing.goods.length, 0);
console.log(`generated ${traffic.length} filings, ${items} goods items`);

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
  return { perS: Math.round(Number(m[1]) / Number(m[2])), rssMb: rssKb === null ? null : Math.round(rssKb / 1024) };
}

const sqlite = ingestRate({}, join(work, 'sqlite'));
console.log(`SQLite: ${sqlite.perS} goods items/s, peak RSS ${sqlite.rssMb} MB`);

const schema = `bench_${process.pid}`;
await createPostgresSchema(PG, schema);
let postgres: { perS: number; rssMb: number | null };
try {
  postgres = ingestRate({ TANDEM_DB: `${PG}?options=-c%20search_path%3D${schema}` }, join(work, 'pg'));
  console.log(`PostgreSQL: ${postgres.perS} goods items/s`);
} finally {
  await dropPostgresSchema(PG, schema);
}

// POST latency: a served node (with its background pipeline), 200 requests/s for 30 s.
const serveDir = join(work, 'serve');
const init = runCli(['init', '--data-dir', serveDir], {});
const password = /one-time password: (\S+)/.exec(init.stdout)?.[1];
if (!password) throw new Error('no admin password printed');
const port = 18_000 + (process.pid % 1000);
const server = spawn(process.execPath, [cliPath, 'serve', '--port', String(port), '--data-dir', serveDir], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TANDEM_LOG_LEVEL: 'warn' } });
await new Promise<void>((resolve, reject) => {
  server.stdout?.on('data', (d: Buffer) => (d.toString().includes('listening') ? resolve() : undefined));
  server.once('exit', () => reject(new Error('server exited')));
});
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
const { token } = (await login.json()) as { token: string };
const tok = await fetch(`${base}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'bench-feed', roles: ['analyst'] }) });
const feed = ((await tok.json()) as { token: string }).token;
const bodies = traffic.slice(0, 7000).map((t) => JSON.stringify(t.filing));
let n = 0;
const result = await autocannon({
  url: `${base}/api/v1/filings`,
  method: 'POST',
  connections: 10,
  overallRate: 200,
  duration: Number(process.env.BENCH_POST_SECONDS ?? 30),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${feed}` },
  requests: [{ setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
});
server.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });
console.log(`POST /api/v1/filings at ${Math.round(result.requests.average)} req/s: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`);
console.log(
  JSON.stringify({
    bench: 'ingest',
    sqlite_items_per_s: sqlite.perS,
    postgres_items_per_s: postgres.perS,
    peak_rss_mb: sqlite.rssMb,
    post_p99_ms: result.latency.p99,
    post_rate_per_s: Math.round(result.requests.average),
    post_non_2xx: result.non2xx,
  }),
);
