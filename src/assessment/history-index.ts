// The history behind profile features (first seen, counts, past findings of a party, median
// value per kg by HS6 and origin), held in memory so an assessment costs no query.
//
// Every answer is cut off at a moment (the filing's receipt): only filings received, and
// inspection results recorded, strictly before it count. That keeps assessments free of
// look-ahead and makes them reproducible later, when more data has arrived.
//
// Trade-off: the index is warmed from the database at start and then learns from the filings
// this process assesses and the inspection results it hears about. In the scaled mode each
// assessment worker holds its own copy, so a worker misses filings assessed by its peers
// until it restarts; there every worker should also subscribe to 'filing.accepted' under its
// own consumer group (so each sees every filing) and feed `addFiling`, or the index should be
// replaced by a query-backed HistoryView. Memory grows with distinct parties and HS6/origin
// pairs; value observations are kept in full but medians read only the latest window.
import type { Filing, PartyRole } from '../records/index.js';
import { partyKey } from '../records/index.js';
import type { HistoryView } from './profile-port.js';

const DAY_MS = 86_400_000;
/** Medians use the most recent observations before the cut-off: recent prices, bounded cost. */
const MEDIAN_WINDOW = 501;

export interface HistoryFiling {
  filingId: string;
  filerId: string;
  reference: string;
  receivedAtMs: number;
  partyKeys: string[];
  goods: { hs6: string; origin: string | null; netMassKg: number | null; value: number | null }[];
}

interface Series {
  t: number[];
  v: number[];
  cacheEnd: number;
  cacheMedian: number | null;
}

/** Index of the first element >= x in a sorted array. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts keeping the order; data mostly arrives in time order, so this is usually a push. */
function insertSorted(a: number[], x: number, parallel?: number[], y?: number): void {
  let i = a.length;
  while (i > 0 && (a[i - 1] ?? 0) > x) i--;
  a.splice(i, 0, x);
  if (parallel && y !== undefined) parallel.splice(i, 0, y);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >>> 1;
  const hi = values[mid] ?? 0;
  return values.length % 2 === 1 ? hi : ((values[mid - 1] ?? 0) + hi) / 2;
}

export interface HistoryIndex {
  addFiling(f: HistoryFiling): void;
  hasFiling(filingId: string): boolean;
  /** An inspection result for a filing with these parties, recorded at `atMs`. */
  addInspection(partyKeys: readonly string[], atMs: number, finding: boolean): void;
  viewFor(filing: Filing, cutoff: Date): HistoryView;
  stats(): { filings: number; parties: number; valueSeries: number };
}

export function historyFilingOf(filingId: string, filing: Filing, receivedAt: Date): HistoryFiling {
  return {
    filingId,
    filerId: filing.filer.id,
    reference: filing.reference,
    receivedAtMs: receivedAt.getTime(),
    partyKeys: filing.parties.map((p) => partyKey(p)),
    goods: filing.goods.map((g) => ({
      hs6: g.hsCode.slice(0, 6),
      origin: g.originCountry ?? null,
      netMassKg: g.netMassKg ?? null,
      value: g.value?.amount ?? null,
    })),
  };
}

export function createHistoryIndex(): HistoryIndex {
  const filingIds = new Set<string>();
  // Amendments are new versions of one consignment: count the consignment once per party.
  const consignments = new Set<string>();
  const seen = new Map<string, number[]>();
  const inspections = new Map<string, number[]>();
  const findings = new Map<string, number[]>();
  const values = new Map<string, Series>();

  const push = (m: Map<string, number[]>, key: string, t: number) => {
    let a = m.get(key);
    if (!a) m.set(key, (a = []));
    insertSorted(a, t);
  };
  const addValue = (key: string, t: number, v: number) => {
    let s = values.get(key);
    if (!s) values.set(key, (s = { t: [], v: [], cacheEnd: -1, cacheMedian: null }));
    insertSorted(s.t, t, s.v, v);
    s.cacheEnd = -1;
  };
  const countBefore = (m: Map<string, number[]>, key: string | undefined, cutoff: number) => {
    if (key === undefined) return 0;
    const a = m.get(key);
    return a ? lowerBound(a, cutoff) : 0;
  };
  const medianBefore = (key: string, cutoff: number): number | null => {
    const s = values.get(key);
    if (!s) return null;
    const end = lowerBound(s.t, cutoff);
    if (s.cacheEnd === end) return s.cacheMedian;
    const m = median(s.v.slice(Math.max(0, end - MEDIAN_WINDOW), end));
    s.cacheEnd = end;
    s.cacheMedian = m;
    return m;
  };

  return {
    addFiling(f) {
      if (filingIds.has(f.filingId)) return;
      filingIds.add(f.filingId);
      const consignment = `${f.filerId}\u0000${f.reference}`;
      if (consignments.has(consignment)) return;
      consignments.add(consignment);
      for (const key of new Set(f.partyKeys)) push(seen, key, f.receivedAtMs);
      for (const g of f.goods) {
        if (g.value === null || g.netMassKg === null || g.netMassKg <= 0) continue;
        const perKg = g.value / g.netMassKg;
        addValue(`${g.hs6}|${g.origin ?? ''}`, f.receivedAtMs, perKg);
        addValue(`${g.hs6}|*`, f.receivedAtMs, perKg);
      }
    },
    hasFiling: (id) => filingIds.has(id),
    addInspection(partyKeys, atMs, finding) {
      for (const key of new Set(partyKeys)) {
        push(inspections, key, atMs);
        if (finding) push(findings, key, atMs);
      }
    },
    viewFor(filing, cutoffDate) {
      const cutoff = cutoffDate.getTime();
      const keyOf = (role: PartyRole): string | undefined => {
        const p = filing.parties.find((x) => x.role === role);
        return p ? partyKey(p) : undefined;
      };
      return {
        partyFirstSeenDays(role) {
          const key = keyOf(role);
          const a = key === undefined ? undefined : seen.get(key);
          if (!a || a.length === 0 || (a[0] ?? Infinity) >= cutoff) return null;
          return Math.floor((cutoff - (a[0] ?? cutoff)) / DAY_MS);
        },
        partyFilingCount: (role) => countBefore(seen, keyOf(role), cutoff),
        partyInspectionCount: (role) => countBefore(inspections, keyOf(role), cutoff),
        partyFindingCount: (role) => countBefore(findings, keyOf(role), cutoff),
        medianValuePerKg: (hs6, origin) => medianBefore(`${hs6}|${origin ?? '*'}`, cutoff),
      };
    },
    stats: () => ({ filings: filingIds.size, parties: seen.size, valueSeries: values.size }),
  };
}
