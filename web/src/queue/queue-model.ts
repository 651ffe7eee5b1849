// The queue's pure logic: ordering, filtering, filter options and countdown text. Kept apart
// from the component so it is cheap to reason about with 10,000 rows.
import type { paths } from '../api/schema.gen.js';

export type Referral = paths['/api/v1/referrals']['get']['responses'][200]['content']['application/json']['items'][number];

export interface QueueFilters {
  office: string;
  mode: string;
  kind: string;
  threat: string;
  channel: string;
}
export const NO_FILTERS: QueueFilters = { office: '', mode: '', kind: '', threat: '', channel: '' };

const AIR_KINDS = new Set(['air_master_waybill', 'air_house_waybill', 'express_consignment', 'postal_parcel', 'ecommerce_parcel']);
/** The node may not send the mode with each row; the filing kind implies it for the kinds we carry. */
export function modeOf(r: Referral): string {
  return r.mode ?? (r.kind === 'sea_manifest' ? 'sea' : AIR_KINDS.has(r.kind) ? 'air' : 'other');
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
      (!f.channel || r.channel === f.channel) &&
      (!f.threat || (r.threats ?? []).includes(f.threat)),
  );
}

export function filterOptions(rows: readonly Referral[]): Record<keyof QueueFilters, string[]> {
  const sets = { office: new Set<string>(), mode: new Set<string>(), kind: new Set<string>(), threat: new Set<string>(), channel: new Set<string>() };
  for (const r of rows) {
    if (r.office) sets.office.add(r.office);
    sets.mode.add(modeOf(r));
    sets.kind.add(r.kind);
    sets.channel.add(r.channel);
    for (const t of r.threats ?? []) sets.threat.add(t);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { office: sorted(sets.office), mode: sorted(sets.mode), kind: sorted(sets.kind), threat: sorted(sets.threat), channel: sorted(sets.channel) };
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
