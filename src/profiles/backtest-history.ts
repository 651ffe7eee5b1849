// A history built while replaying stored filings in the order they were received: when a
// filing is evaluated, the view only knows the filings observed before it, so a backtest
// never looks into the future. It only knows the backtest window, so parties seen only before
// the window look new; the report says so.
import { partyKey, type StoredFiling, type PartyRole } from '../records/index.js';
import type { HistoryView, InspectionOutcome } from './profile-types.js';

interface PartyStats {
  firstSeenMs: number;
  filings: number;
  inspections: number;
  findings: number;
}

const DAY_MS = 86_400_000;

/** Insert into a sorted array (binary search); fine for the tens of thousands of a backtest. */
function insertSorted(list: number[], v: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, v);
}

function median(sorted: number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >>> 1;
  return n % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface ReplayHistory {
  /** The history as seen by this filing: everything observed so far. */
  viewFor(stored: StoredFiling): HistoryView;
  /** Adds a filing (after it was evaluated) and what its inspection found, if anything. */
  observe(stored: StoredFiling, outcome: InspectionOutcome | undefined): void;
}

export function createReplayHistory(): ReplayHistory {
  const parties = new Map<string, PartyStats>();
  const values = new Map<string, number[]>();

  return {
    viewFor(stored) {
      const at = Date.parse(stored.receivedAt);
      const statsOf = (role: PartyRole): PartyStats | undefined => {
        const party = stored.filing.parties.find((p) => p.role === role);
        return party ? parties.get(partyKey(party)) : undefined;
      };
      return {
        partyFirstSeenDays: (role) => {
          const s = statsOf(role);
          return s ? Math.max(0, (at - s.firstSeenMs) / DAY_MS) : null;
        },
        partyFilingCount: (role) => statsOf(role)?.filings ?? 0,
        partyInspectionCount: (role) => statsOf(role)?.inspections ?? 0,
        partyFindingCount: (role) => statsOf(role)?.findings ?? 0,
        medianValuePerKg: (hs6, origin) => median(values.get(`${hs6}|${origin ?? ''}`) ?? []),
      };
    },
    observe(stored, outcome) {
      const at = Date.parse(stored.receivedAt);
      const seen = new Set<string>();
      for (const party of stored.filing.parties) {
        const key = partyKey(party);
        if (seen.has(key)) continue;
        seen.add(key);
        const s = parties.get(key) ?? { firstSeenMs: at, filings: 0, inspections: 0, findings: 0 };
        s.filings++;
        if (outcome?.inspected) s.inspections++;
        if (outcome?.finding) s.findings++;
        parties.set(key, s);
      }
      for (const g of stored.filing.goods) {
        const mass = g.netMassKg;
        const value = g.value?.amount;
        if (mass === undefined || value === undefined || mass <= 0) continue;
        const key = `${g.hsCode.slice(0, 6)}|${g.originCountry ?? ''}`;
        let list = values.get(key);
        if (!list) values.set(key, (list = []));
        insertSorted(list, value / mass);
      }
    },
  };
}
