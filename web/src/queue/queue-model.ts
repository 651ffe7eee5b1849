// The queue's pure logic: ordering, filtering, filter options and countdown text. Kept apart
// from the component so it is cheap to reason about with 10,000 rows.
import type { paths } from '../api/schema.gen.js';

export type Referral = paths['/api/v1/referrals']['get']['responses'][200]['content']['application/json']['items'][number];

/**
 * The queue route answers at most this many referrals in one call (its `limit` cap) and has no
 * offset or cursor, so the console asks for the cap once: the rows come riskiest first, so
 * whatever is cut off is the least risky. Beyond the cap the office filter goes to the node.
 */
export const QUEUE_ROUTE_MAX = 20_000;

// Filters use the fields the queue route returns. The route sends no transport mode: it is
// implied by the filing kind (an import declaration can be any mode, so it reads "other").
// The threat filter uses the threat categories of the profiles that raised each referral.
export interface QueueFilters {
  office: string;
  mode: string;
  kind: string;
  threat: string;
  channel: string;
  selection: string;
  status: string;
}
export const NO_FILTERS: QueueFilters = { office: '', mode: '', kind: '', threat: '', channel: '', selection: '', status: '' };

const AIR_KINDS = new Set(['air_master_waybill', 'air_house_waybill', 'express_consignment']);
const POSTAL_KINDS = new Set(['postal_parcel', 'ecommerce_parcel']);
/** The transport mode a filing kind implies (the referral row carries the kind, not the mode). */
export function modeOf(r: Referral): string {
  return r.kind === 'sea_manifest' ? 'sea' : AIR_KINDS.has(r.kind) ? 'air' : POSTAL_KINDS.has(r.kind) ? 'postal' : 'other';
}

const CHANNEL_RANK: Record<string, number> = { dnl: 3, red: 2, yellow: 1, green: 0 };

/** Sorts a copy by compareReferrals, parsing each deadline once instead of at every comparison. */
export function sortReferrals(rows: readonly Referral[]): Referral[] {
  const keyed = rows.map((r) => ({ r, rank: CHANNEL_RANK[r.channel] ?? 0, deadline: r.deadlineAt ? Date.parse(r.deadlineAt) : Infinity }));
  keyed.sort((a, b) => b.rank - a.rank || b.r.totalPoints - a.r.totalPoints || a.deadline - b.deadline);
  return keyed.map((k) => k.r);
}

/** Highest risk first (channel, then points); among equals the nearest deadline first. */
export function compareReferrals(a: Referral, b: Referral): number {
  const ch = (CHANNEL_RANK[b.channel] ?? 0) - (CHANNEL_RANK[a.channel] ?? 0);
  if (ch !== 0) return ch;
  if (b.totalPoints !== a.totalPoints) return b.totalPoints - a.totalPoints;
  const da = a.deadlineAt ? Date.parse(a.deadlineAt) : Infinity;
  const db = b.deadlineAt ? Date.parse(b.deadlineAt) : Infinity;
  return da - db;
}

export function applyFilters(rows: readonly Referral[], f: QueueFilters): Referral[] {
  return rows.filter(
    (r) =>
      (!f.office || r.office === f.office) &&
      (!f.mode || modeOf(r) === f.mode) &&
      (!f.kind || r.kind === f.kind) &&
      (!f.threat || r.threats.includes(f.threat)) &&
      (!f.channel || r.channel === f.channel) &&
      (!f.selection || r.selection === f.selection) &&
      (!f.status || r.status === f.status),
  );
}

export function filterOptions(rows: readonly Referral[]): Record<keyof QueueFilters, string[]> {
  const sets = { office: new Set<string>(), mode: new Set<string>(), kind: new Set<string>(), threat: new Set<string>(), channel: new Set<string>(), selection: new Set<string>(), status: new Set<string>() };
  for (const r of rows) {
    if (r.office) sets.office.add(r.office);
    sets.mode.add(modeOf(r));
    sets.kind.add(r.kind);
    for (const th of r.threats) sets.threat.add(th);
    sets.channel.add(r.channel);
    sets.selection.add(r.selection);
    sets.status.add(r.status);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    office: sorted(sets.office),
    mode: sorted(sets.mode),
    kind: sorted(sets.kind),
    threat: sorted(sets.threat),
    channel: sorted(sets.channel),
    selection: sorted(sets.selection),
    status: sorted(sets.status),
  };
}

/** "2 d 04:13", "03:12:09" or "-00:05:00" (overdue), from milliseconds left. */
export function countdown(msLeft: number): string {
  const neg = msLeft < 0;
  let s = Math.floor(Math.abs(msLeft) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const body = d > 0 ? `${d} d ${two(h)}:${two(m)}` : `${two(h)}:${two(m)}:${two(sec)}`;
  return neg ? `-${body}` : body;
}
