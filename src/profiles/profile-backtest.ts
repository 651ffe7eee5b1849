// Backtest: replays the filings stored in the last N days through one profile version and
// reports how many it would have hit, how many of those were inspected, and the finding rate
// among them, next to the same figures for all filings of the window (the baseline).
import { fromFilingRow, listFilingRows, type RecordsTables, type StoredFiling } from '../records/index.js';
import type { Executor } from '../platform/index.js';
import { createReplayHistory } from './backtest-history.js';
import { EvaluationContext } from './evaluation-context.js';
import type { CompiledProfile } from './profile-compiler.js';
import type { InspectionLookup, InspectionOutcome } from './profile-types.js';

export interface BacktestOptions {
  days: number;
  now: Date;
  /** Inspection results of stored filings (the targeting context). Labels carried by the filings are used otherwise. */
  inspections?: InspectionLookup;
  /** Refuse to scan more than this many filings (memory bound). */
  maxFilings?: number;
  /** How many example hits to return. */
  samples?: number;
}

export interface BacktestCounts {
  inspected: number;
  findings: number;
  /** findings / inspected, null when nothing was inspected */
  findingRate: number | null;
}

export interface BacktestReport extends BacktestCounts {
  profileId: string;
  version: number;
  days: number;
  from: string;
  to: string;
  filingsScanned: number;
  hits: number;
  hitRate: number | null;
  /** Inspections and findings over every filing of the window, for comparison. */
  baseline: BacktestCounts;
  runtimeErrors: number;
  truncated: boolean;
  samples: Array<{ filingId: string; reference: string; receivedAt: string; reason: string; inspected: boolean; finding: boolean }>;
  notes: string[];
}

const PAGE = 1000;
const DAY_MS = 86_400_000;

async function loadWindow(db: Executor<RecordsTables>, from: string, to: string, max: number): Promise<{ filings: StoredFiling[]; truncated: boolean }> {
  const filings: StoredFiling[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await listFilingRows(db, { receivedAfter: from, receivedBefore: to, latestOnly: true, limit: PAGE, ...(after ? { after } : {}) });
    for (const r of rows) filings.push(fromFilingRow(r));
    if (filings.length >= max) return { filings: filings.slice(0, max), truncated: true };
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.id;
  }
  return { filings, truncated: false };
}

async function outcomesOf(filings: StoredFiling[], lookup: InspectionLookup | undefined): Promise<Map<string, InspectionOutcome>> {
  const out = new Map<string, InspectionOutcome>();
  if (lookup) {
    for (let i = 0; i < filings.length; i += 500) {
      const found = await lookup.outcomesFor(filings.slice(i, i + 500).map((f) => f.id));
      for (const [id, o] of found) out.set(id, o);
    }
  }
  for (const f of filings) {
    const label = f.filing.recordedOutcome;
    if (!out.has(f.id) && label) out.set(f.id, { inspected: true, finding: label.fraud });
  }
  return out;
}

const rate = (findings: number, inspected: number) => (inspected > 0 ? findings / inspected : null);

export async function runBacktest(db: Executor<RecordsTables>, profile: CompiledProfile, opts: BacktestOptions): Promise<BacktestReport> {
  const to = opts.now.toISOString();
  const from = new Date(opts.now.getTime() - opts.days * DAY_MS).toISOString();
  const { filings, truncated } = await loadWindow(db, from, to, opts.maxFilings ?? 200_000);
  filings.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id < b.id ? -1 : 1));
  const outcomes = await outcomesOf(filings, opts.inspections);
  const history = createReplayHistory();
  const report: BacktestReport = {
    profileId: profile.id,
    version: profile.version,
    days: opts.days,
    from,
    to,
    filingsScanned: filings.length,
    hits: 0,
    hitRate: null,
    inspected: 0,
    findings: 0,
    findingRate: null,
    baseline: { inspected: 0, findings: 0, findingRate: null },
    runtimeErrors: 0,
    truncated,
    samples: [],
    notes: [],
  };
  let firstError: string | null = null;
  for (const stored of filings) {
    const outcome = outcomes.get(stored.id);
    if (outcome?.inspected) report.baseline.inspected++;
    if (outcome?.inspected && outcome.finding) report.baseline.findings++;
    // evaluated as of its receipt, with the history of what came before it
    const ctx = new EvaluationContext(stored.filing, history.viewFor(stored), new Date(stored.receivedAt));
    try {
      if (profile.inScope(ctx) && profile.condition.test(ctx) === true) {
        report.hits++;
        if (outcome?.inspected) report.inspected++;
        if (outcome?.inspected && outcome.finding) report.findings++;
        if (report.samples.length < (opts.samples ?? 20)) {
          report.samples.push({
            filingId: stored.id,
            reference: stored.reference,
            receivedAt: stored.receivedAt,
            reason: profile.condition.explain(ctx).join(', '),
            inspected: outcome?.inspected ?? false,
            finding: outcome?.finding ?? false,
          });
        }
      }
    } catch (err) {
      report.runtimeErrors++;
      firstError ??= err instanceof Error ? err.message : String(err);
    }
    history.observe(stored, outcome);
  }
  report.hitRate = filings.length > 0 ? report.hits / filings.length : null;
  report.findingRate = rate(report.findings, report.inspected);
  report.baseline.findingRate = rate(report.baseline.findings, report.baseline.inspected);
  report.notes.push('party history and value medians are built from the backtest window only: parties first seen before it count as new');
  if (report.inspected < 30) report.notes.push(`only ${report.inspected} of the hits were inspected: the finding rate is not yet meaningful`);
  if (truncated) report.notes.push(`stopped after ${filings.length} filings; shorten the window for a complete run`);
  if (firstError) report.notes.push(`runtime error: ${firstError}`);
  return report;
}
