// Screening throughput: index build over OFAC SDN 2024 + UN consolidated (about 39k names),
// then single-threaded queries over a fixed mix: listed names with typos, synthetic negative
// persons, real company names and pathological common names. Reports wall-clock and CPU
// figures (the machine is shared; CPU time is what one core spends). Last line: JSON.
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { NameIndex, loadListSource, screenQuery, type ScreeningQuery } from '../src/screening/index.js';

const DATA = process.env.TANDEM_WATCHLISTS ?? resolve(import.meta.dirname, '../../shared/data/watchlists');
if (!existsSync(DATA)) throw new Error(`watchlist data not found at ${DATA} (set TANDEM_WATCHLISTS)`);
const QUERIES = Number(process.env.QUERIES ?? 20_000);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// ---- build
const wall0 = performance.now();
const cpu0 = cpuMs();
const ofac = loadListSource(`ofac:${join(DATA, 'ofac_sdn_2024')}`);
const un = loadListSource(`un:${join(DATA, 'un/un_consolidated_2026-02-27.xml')}`);
const index = new NameIndex([...ofac.entries, ...un.entries]);
const buildWall = (performance.now() - wall0) / 1000;
const buildCpu = (cpuMs() - cpu0) / 1000;
console.log(`built index of ${index.nameCount} names (${index.entries.length} entries) in ${buildWall.toFixed(2)} s wall, ${buildCpu.toFixed(2)} s CPU`);

// ---- query mix (deterministic)
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
function pick<T>(xs: T[]): T {
  const v = xs[Math.floor(rnd() * xs.length)];
  if (v === undefined) throw new Error('cannot pick from an empty list');
  return v;
}
function typo(s: string): string {
  if (s.length < 5) return s;
  const i = 1 + Math.floor(rnd() * (s.length - 2));
  const op = Math.floor(rnd() * 3);
  if (op === 0) return s.slice(0, i) + s.slice(i + 1);
  if (op === 1) return s.slice(0, i) + s.charAt(i) + s.slice(i);
  return s.slice(0, i - 1) + s.charAt(i) + s.charAt(i - 1) + s.slice(i + 1);
}
const listed = index.entries.flatMap((e) => e.names.map((n) => ({ name: n.name, type: e.type })));
const negatives: Record<string, string>[] = parse(gunzipSync(readFileSync(join(DATA, 'negatives/yente_negatives_global.csv.gz'))), { columns: true });
const negativesUs: Record<string, string>[] = parse(gunzipSync(readFileSync(join(DATA, 'negatives/yente_negatives_us.csv.gz'))), { columns: true });
const secSchema = z.record(z.string(), z.object({ title: z.string() }));
const companies = Object.values(secSchema.parse(JSON.parse(readFileSync(join(DATA, 'negatives/sec_company_tickers_2025-08.json'), 'utf8')))).map((v) => v.title);
const common = ['Mohammad', 'Ali Hassan', 'Trading Co Ltd', 'Global Logistics', 'Mohamed Ali', 'Abdul Rahman', 'Kim Chol', 'International Trading LLC'];

const queries: ScreeningQuery[] = [];
for (let i = 0; i < QUERIES; i++) {
  const r = rnd();
  if (r < 0.35) {
    const l = pick(listed);
    queries.push({ name: typo(l.name), type: l.type === 'unknown' ? undefined : l.type });
  } else if (r < 0.55) {
    const n = pick(negatives);
    queries.push({ name: n.full_name ?? '', type: 'person', birthDate: n.date_of_birth, country: n.nationality });
  } else if (r < 0.75) {
    const n = pick(negativesUs);
    queries.push({ name: n.full_name ?? '', type: 'person', birthDate: n.date_of_birth, country: n.nationality });
  } else if (r < 0.95) {
    queries.push({ name: pick(companies) }); // untyped, as most filing parties are
  } else {
    queries.push({ name: pick(common) });
  }
}

// warm-up (JIT), on a separate slice of the same kind of traffic
for (let i = 0; i < 2000; i++) screenQuery(index, queries[i % queries.length] ?? { name: 'x' }, { top: 10, explain: false });

const lat: number[] = [];
const qWall0 = performance.now();
const qCpu0 = cpuMs();
let hits = 0;
for (const q of queries) {
  const t = performance.now();
  hits += screenQuery(index, q, { top: 10, explain: false }).length;
  lat.push(performance.now() - t);
}
const qWall = (performance.now() - qWall0) / 1000;
const qCpu = (cpuMs() - qCpu0) / 1000;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;
console.log(`${queries.length} queries, ${hits} hits returned`);
console.log(`wall: ${Math.round(queries.length / qWall)} q/s, p50 ${r3(pct(lat, 50))} ms, p99 ${r3(pct(lat, 99))} ms, max ${r3(pct(lat, 100))} ms`);
console.log(`CPU:  ${Math.round(queries.length / qCpu)} q/s (process CPU time; the machine is shared, so wall figures include waiting for a core)`);
console.log(
  JSON.stringify({
    bench: 'screening',
    names_indexed: index.nameCount,
    build_s: r3(buildWall),
    queries_per_s: Math.round(queries.length / qWall),
    p99_ms: r3(pct(lat, 99)),
    build_cpu_s: r3(buildCpu),
    queries_per_cpu_s: Math.round(queries.length / qCpu),
    p50_ms: r3(pct(lat, 50)),
    queries: queries.length,
  }),
);
