// Screening evaluation over ../shared/data/watchlists (see shared/reference/screening.md §5).
// One production threshold (PRODUCTION_THRESHOLD in src/screening) is used for every
// thresholded figure; nothing is tuned per metric here. Last stdout line: one JSON object.
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  NameIndex,
  PRODUCTION_THRESHOLD,
  analyseName,
  compareNames,
  loadListSource,
  screenQuery,
  type EntityType,
  type WatchlistEntry,
} from '../src/screening/index.js';

const DATA = process.env.TANDEM_WATCHLISTS ?? resolve(import.meta.dirname, '../../shared/data/watchlists');
if (!existsSync(DATA)) throw new Error(`watchlist data not found at ${DATA} (set TANDEM_WATCHLISTS)`);
const T = PRODUCTION_THRESHOLD;
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const csv = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true, skip_empty_lines: true, relax_quotes: true });
const log = (...a: unknown[]) => console.log(...a);

function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const w = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [r4((c - w) / d), r4((c + w) / d)];
}

// ---- lists
const t0 = performance.now();
const ofac = loadListSource(`ofac:${join(DATA, 'ofac_sdn_2024')}`);
const un = loadListSource(`un:${join(DATA, 'un/un_consolidated_2026-02-27.xml')}`);
const entries = [...ofac.entries, ...un.entries];
const index = new NameIndex(entries);
log(`indexed ${entries.length} entries, ${index.nameCount} names in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ---- 1. name bench (pairwise)
const schemaType = (s: string): EntityType => (s === 'Person' ? 'person' : s === 'Vessel' ? 'vessel' : 'organization');
const bench = csv(join(DATA, 'eval/nomenklatura_name_bench_cases.csv'));
const scored = bench.map((c) => ({
  truth: c.is_match === 'true',
  score: compareNames(index, c.name1 ?? '', c.name2 ?? '', schemaType(c.schema ?? '')).score,
  c,
}));
function prf(th: number) {
  let tp = 0, fp = 0, fn = 0;
  for (const s of scored) {
    const pred = s.score >= th;
    if (pred && s.truth) tp++;
    else if (pred) fp++;
    else if (s.truth) fn++;
  }
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return { p: r4(p), r: r4(r), f1: r4((2 * p * r) / Math.max(1e-9, p + r)) };
}
const nameBench = prf(T);
log(`name bench (${scored.length} pairs) at ${T}: P ${nameBench.p} R ${nameBench.r} F1 ${nameBench.f1}`);
log('  curve:', [0.7, 0.75, 0.8, 0.85, 0.9].map((t) => `${t}:${prf(t).f1}`).join(' '));
if (process.env.SHOW_ERRORS) {
  for (const s of scored) if ((s.score >= T) !== s.truth) log('  err', s.truth, r4(s.score), s.c.schema, '|', s.c.name1, '|', s.c.name2);
}

// ---- 2. alias → primary (index primary names only)
const primaryOnly: WatchlistEntry[] = entries.map((e) => ({ ...e, names: e.names.filter((n) => n.strength === 'primary') }));
const primaryIndex = new NameIndex(primaryOnly);
let aliasN = 0, aliasR1 = 0, aliasR10 = 0;
const aliasByType: Record<string, [number, number, number]> = {};
for (const e of entries) {
  const primaryKey = analyseName(e.names[0]?.name ?? '', 'org').tokens.join(' ');
  for (const n of e.names) {
    if (n.strength !== 'alias') continue;
    if (analyseName(n.name, 'org').tokens.join(' ') === primaryKey) continue;
    const hits = screenQuery(primaryIndex, { name: n.name, type: e.type }, { top: 10 });
    const rank = hits.findIndex((h) => h.entryId === e.id);
    aliasN++;
    const bt = (aliasByType[e.type] ??= [0, 0, 0]);
    bt[0]++;
    if (rank === 0) {
      aliasR1++;
      bt[1]++;
    }
    if (rank >= 0) {
      aliasR10++;
      bt[2]++;
    }
  }
}
const aliasRecall = { n: aliasN, r1: r4(aliasR1 / aliasN), r10: r4(aliasR10 / aliasN) };
log(`alias→primary (${aliasN} aliases): R@1 ${aliasRecall.r1} R@10 ${aliasRecall.r10}`);
for (const [t, [n, a, b]] of Object.entries(aliasByType)) log(`  ${t}: n ${n} R@1 ${r4(a / n)} R@10 ${r4(b / n)}`);

// ---- 3. UN positive query sets
const foldKey = (s: string) => analyseName(s, 'person').tokens.slice().sort().join(' ');
const byNameKey = new Map<string, Set<string>>();
for (const e of entries) {
  if (e.type !== 'person') continue;
  for (const n of e.names) {
    const k = foldKey(n.name);
    const set = byNameKey.get(k) ?? new Set<string>();
    set.add(e.id);
    byNameKey.set(k, set);
  }
}
const untreated = csv(join(DATA, 'eval/yente_positives_un_untreated.csv'));
function positives(file: string) {
  const rows = csv(join(DATA, file));
  let n = 0, r1 = 0, r10 = 0, unresolved = 0, alerted = 0;
  rows.forEach((row, i) => {
    // The untreated row names the listed person; the treated row is the same person, perturbed.
    const relevant = byNameKey.get(foldKey(untreated[i]?.full_name ?? ''));
    if (!relevant) {
      unresolved++;
      return;
    }
    n++;
    const hits = screenQuery(index, { name: row.full_name ?? '', type: 'person', birthDate: row.date_of_birth, country: row.nationality }, { top: 10 });
    const rank = hits.findIndex((h) => relevant.has(h.entryId));
    if (rank === 0) r1++;
    if (rank >= 0) r10++;
    if (rank >= 0 && (hits[rank]?.score ?? 0) >= T) alerted++;
    else if (process.env.SHOW_ERRORS && file.includes('_treated')) log('  miss', rank, row.full_name, '|', untreated[i]?.full_name, JSON.stringify(hits.slice(0, 2).map((h) => [h.entryId, h.matchedName, h.score])));
  });
  return { n, unresolved, r1: r4(r1 / n), r10: r4(r10 / n), alertRecall: r4(alerted / n) };
}
const unUntreated = positives('eval/yente_positives_un_untreated.csv');
const unTreated = positives('eval/yente_positives_un_treated.csv');
log(`UN untreated (${unUntreated.n}, ${unUntreated.unresolved} unresolved): R@1 ${unUntreated.r1} R@10 ${unUntreated.r10} recall at threshold ${unUntreated.alertRecall}`);
log(`UN treated   (${unTreated.n}): R@1 ${unTreated.r1} R@10 ${unTreated.r10} recall at threshold ${unTreated.alertRecall}`);

// ---- 4. negatives: alert rate at the production threshold
function alertRate(rows: Record<string, string>[], type: EntityType, nameOf: (r: Record<string, string>) => string, withQualifiers: boolean) {
  let alerts = 0;
  const examples: string[] = [];
  for (const row of rows) {
    const hits = screenQuery(
      index,
      { name: nameOf(row), type, ...(withQualifiers ? { birthDate: row.date_of_birth, country: row.nationality } : {}) },
      { top: 1, minScore: T },
    );
    if (hits.length > 0) {
      alerts++;
      if (examples.length < 8) examples.push(`${nameOf(row)} → ${hits[0]?.matchedName} ${hits[0]?.score}`);
    }
  }
  const ci = wilson(alerts, rows.length);
  return { n: rows.length, alerts, rate: r4(alerts / rows.length), ci95: ci, examples };
}
// NEG_LIMIT (development only) screens a prefix of each negative file; the reported run uses all rows.
const NEG_LIMIT = Number(process.env.NEG_LIMIT ?? Infinity);
const negCsv = (f: string): Record<string, string>[] =>
  parse<Record<string, string>>(gunzipSync(readFileSync(join(DATA, f))), { columns: true, skip_empty_lines: true, relax_quotes: true }).slice(0, NEG_LIMIT);
const tn = performance.now();
const negGlobal = alertRate(negCsv('negatives/yente_negatives_global.csv.gz'), 'person', (r) => r.full_name ?? '', true);
const negUs = negCsv('negatives/yente_negatives_us.csv.gz');
const negUsRate = alertRate(negUs, 'person', (r) => r.full_name ?? '', true);
const negNameOnly = alertRate([...negCsv('negatives/yente_negatives_global.csv.gz'), ...negUs], 'person', (r) => r.full_name ?? '', false);
const negSeconds = (performance.now() - tn) / 1000;
const secSchema = z.record(z.string(), z.object({ title: z.string() }));
const secNames = [...new Set(Object.values(secSchema.parse(JSON.parse(readFileSync(join(DATA, 'negatives/sec_company_tickers_2025-08.json'), 'utf8')))).map((v) => v.title))].filter(Boolean);
const negSec = alertRate(secNames.map((title) => ({ title })), 'organization', (r) => r.title ?? '', false);
const synthAlerts = negGlobal.alerts + negUsRate.alerts;
const synthN = negGlobal.n + negUsRate.n;
log(`negatives global: ${negGlobal.alerts}/${negGlobal.n} = ${negGlobal.rate} ${JSON.stringify(negGlobal.ci95)}`, negGlobal.examples);
log(`negatives us:     ${negUsRate.alerts}/${negUsRate.n} = ${negUsRate.rate} ${JSON.stringify(negUsRate.ci95)}`, negUsRate.examples);
log(`negatives names only (no DOB/nationality): ${negNameOnly.rate}`, negNameOnly.examples);
log(`SEC companies:    ${negSec.alerts}/${negSec.n} = ${negSec.rate}`, negSec.examples);
log(`(${synthN * 2} negative person queries in ${negSeconds.toFixed(1)} s)`);

// ---- 5. identifiers: exact valid IMO / passport must rank first; a broken IMO must not alert
let imoN = 0, imoTop = 0, imoBadAlerts = 0, passN = 0, passTop = 0;
for (const e of ofac.entries) {
  for (const id of e.identifiers) {
    if (id.kind === 'imo') {
      imoN++;
      const hits = screenQuery(index, { name: 'OCEAN STAR', type: 'vessel', identifiers: [{ kind: 'imo', value: `IMO ${id.value}` }] }, { top: 10 });
      if (hits[0]?.entryId === e.id || (hits[0]?.identifierMatch && e.identifiers.length > 0 && hits.filter((h) => h.identifierMatch).some((h) => h.entryId === e.id))) imoTop++;
      const broken = id.value.slice(0, 6) + String((Number(id.value.charAt(6)) + 1) % 10);
      const bad = screenQuery(index, { name: 'OCEAN STAR', type: 'vessel', identifiers: [{ kind: 'imo', value: broken }] }, { top: 1, minScore: T });
      if (bad.length > 0) imoBadAlerts++;
    } else if (id.kind === 'passport' && e.type === 'person') {
      passN++;
      const spaced = id.value.replace(/(\w{3})(?=\w)/g, '$1 ');
      const hits = screenQuery(index, { name: e.names[0]?.name ?? '', type: 'person', identifiers: [{ kind: 'passport', value: spaced }] }, { top: 10 });
      const firstMatches = hits.filter((h) => h.identifierMatch);
      if (firstMatches.some((h) => h.entryId === e.id) && hits[0]?.identifierMatch) passTop++;
    }
  }
}
log(`IMO exact: ${imoTop}/${imoN} at rank 1 (shared IMOs count when the entry is among the identifier matches); broken check digit alerts: ${imoBadAlerts}`);
log(`passport exact (spaced): ${passTop}/${passN} at rank 1`);

console.log(
  JSON.stringify({
    eval: 'screening',
    threshold: T,
    lists: { ofac_2024: ofac.entries.length, un_2026: un.entries.length, names_indexed: index.nameCount },
    name_bench: { pairs: scored.length, precision: nameBench.p, recall: nameBench.r, f1: nameBench.f1 },
    alias_to_primary: { queries: aliasRecall.n, recall_at_1: aliasRecall.r1, recall_at_10: aliasRecall.r10 },
    un_untreated: { queries: unUntreated.n, recall_at_1: unUntreated.r1, recall_at_10: unUntreated.r10, recall_at_threshold: unUntreated.alertRecall },
    un_treated: { queries: unTreated.n, recall_at_1: unTreated.r1, recall_at_10: unTreated.r10, recall_at_threshold: unTreated.alertRecall },
    negatives_synthetic_persons: { queries: synthN, alert_rate: r4(synthAlerts / synthN), ci95: wilson(synthAlerts, synthN), global: negGlobal.rate, us: negUsRate.rate, names_only: negNameOnly.rate },
    negatives_sec_companies: { queries: negSec.n, alert_rate: negSec.rate },
    identifiers: { imo_queries: imoN, imo_rank1: r4(imoTop / Math.max(1, imoN)), imo_broken_check_digit_alerts: imoBadAlerts, passport_queries: passN, passport_rank1: r4(passTop / Math.max(1, passN)) },
  }),
);
