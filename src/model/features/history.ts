// History behind the model's features: per key (a party, an HS code, a goods/country/tax/mass
// combination…) how many earlier filings were seen, how many carry an inspection outcome, how
// many of those were found at fault (fraud, critical), and when it was last seen.
// `HistoryProvider` is the port: the model file embeds one built from its training rows, and a
// node can implement it over its own recorded inspection results.
import type { FilingKeys } from './filing-keys.js';

/** The groupings history is kept for. Order matters: it fixes the feature layout. */
export const HISTORY_KINDS = [
  'importer',
  'declarant',
  'seller',
  'courier',
  'office',
  'hs6',
  'hs4',
  'hs2',
  'origin',
  'departure',
  'origin_departure',
  'origin_departure_hs2',
  'origin_departure_hs4',
  'importer_hs6',
  'declarant_importer',
  'importer_origin',
  'seller_importer',
  'declarant_hs6',
  'hs6_origin',
  'hs6_tax',
  'goods_countries_tax',
  'combination',
  'mass',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Kinds that also get "days since last seen" (the party history of the issue). */
export const RECENCY_KINDS: readonly HistoryKind[] = ['importer', 'declarant', 'seller', 'combination'];

/**
 * Pooled fault rates along a chain of ever more specific groupings: each level's rate is
 * smoothed towards the level above it (the first towards the overall prior), so a filing whose
 * specific grouping is rare or new still gets the best estimate its broader groupings allow.
 */
export const BACKOFF_CHAINS: ReadonlyArray<{ name: string; kinds: readonly HistoryKind[] }> = [
  { name: 'goods_backoff', kinds: ['hs2', 'hs4', 'hs6', 'hs6_tax', 'goods_countries_tax'] },
  { name: 'countries_backoff', kinds: ['origin', 'origin_departure', 'origin_departure_hs2', 'origin_departure_hs4'] },
];
/** Pseudo-count of the pull towards the broader level (tuned on validation). */
export const BACKOFF_SMOOTHING = 20;

export interface KeyStats {
  /** Earlier filings with this key (labelled or not). */
  seen: number;
  /** Earlier filings with this key and a recorded inspection outcome. */
  inspected: number;
  fraud: number;
  critical: number;
  /** Day number of the latest earlier filing; NaN if never seen. */
  lastDay: number;
}

export interface HistoryProvider {
  /** Aggregates over filings strictly before `beforeDay` (undefined when the key was never seen). */
  stats(kind: HistoryKind, key: string, beforeDay: number): KeyStats | undefined;
}

const S = '\u001f';
const numKey = (v: number): string | undefined => (Number.isNaN(v) ? undefined : String(v));
const KIND_INDEX = new Map<HistoryKind, number>(HISTORY_KINDS.map((k, i) => [k, i]));

export function kindIndex(kind: HistoryKind): number {
  return KIND_INDEX.get(kind)!;
}

/** The keys of a filing under every grouping, in HISTORY_KINDS order (undefined when a part is missing). */
export function historyKeys(k: FilingKeys): Array<string | undefined> {
  const { importer: imp, declarant: dec, seller: sel, hs6, origin: org, departure: dep, taxType: tt } = k;
  const rate = numKey(k.taxRate);
  const mass = numKey(k.mass);
  const tax = hs6 !== undefined && tt !== undefined && rate !== undefined ? `${hs6}${S}${tt}${S}${rate}` : undefined;
  const gct = tax !== undefined && dep !== undefined && org !== undefined ? `${tax}${S}${dep}${S}${org}` : undefined;
  const od = org !== undefined && dep !== undefined ? `${org}${S}${dep}` : undefined;
  return [
    imp,
    dec,
    sel,
    k.courier,
    k.office,
    hs6,
    hs6?.slice(0, 4),
    hs6?.slice(0, 2),
    org,
    dep,
    od,
    od !== undefined && hs6 !== undefined ? `${od}${S}${hs6.slice(0, 2)}` : undefined,
    od !== undefined && hs6 !== undefined ? `${od}${S}${hs6.slice(0, 4)}` : undefined,
    imp !== undefined && hs6 !== undefined ? `${imp}${S}${hs6}` : undefined,
    dec !== undefined && imp !== undefined ? `${dec}${S}${imp}` : undefined,
    imp !== undefined && org !== undefined ? `${imp}${S}${org}` : undefined,
    sel !== undefined && imp !== undefined ? `${sel}${S}${imp}` : undefined,
    dec !== undefined && hs6 !== undefined ? `${dec}${S}${hs6}` : undefined,
    hs6 !== undefined && org !== undefined ? `${hs6}${S}${org}` : undefined,
    tax,
    gct,
    gct !== undefined && mass !== undefined ? `${gct}${S}${mass}` : undefined,
    mass,
  ];
}

/** The goods/countries/tax/mass combination alone (the same key as in historyKeys). */
export function combinationKey(k: FilingKeys): string | undefined {
  const rate = numKey(k.taxRate);
  const mass = numKey(k.mass);
  const { hs6, taxType: tt, departure: dep, origin: org } = k;
  if (hs6 === undefined || tt === undefined || rate === undefined || dep === undefined || org === undefined || mass === undefined) return undefined;
  return `${hs6}${S}${tt}${S}${rate}${S}${dep}${S}${org}${S}${mass}`;
}

/** The key of a filing under one grouping, or undefined when a part is missing. */
export function historyKey(kind: HistoryKind, k: FilingKeys): string | undefined {
  return historyKeys(k)[kindIndex(kind)];
}

/** Aggregated history in memory; also the form embedded in a model file. */
export class HistoryTable implements HistoryProvider {
  /** Per kind: key → [seen, inspected, fraud, critical, lastDay]. */
  readonly tables = new Map<HistoryKind, Map<string, Float64Array>>();
  /** Latest day included; stats() asked for an earlier cut-off is refused (it would leak). */
  maxDay = Number.NEGATIVE_INFINITY;

  constructor() {
    for (const kind of HISTORY_KINDS) this.tables.set(kind, new Map());
  }

  add(k: FilingKeys, outcome: { fraud: boolean; critical: boolean } | undefined): void {
    this.addKeys(historyKeys(k), k.day, outcome);
  }

  /** As add(), with the filing's keys already computed by historyKeys. */
  addKeys(keys: ReadonlyArray<string | undefined>, day: number, outcome: { fraud: boolean; critical: boolean } | undefined): void {
    const k = { day };
    for (let ki = 0; ki < HISTORY_KINDS.length; ki++) {
      const key = keys[ki];
      if (key === undefined) continue;
      const table = this.tables.get(HISTORY_KINDS[ki]!)!;
      let s = table.get(key);
      if (!s) {
        s = Float64Array.of(0, 0, 0, 0, Number.NaN);
        table.set(key, s);
      }
      s[0] = s[0]! + 1;
      if (outcome) {
        s[1] = s[1]! + 1;
        if (outcome.fraud) s[2] = s[2]! + 1;
        if (outcome.critical) s[3] = s[3]! + 1;
      }
      if (!(k.day <= s[4]!)) s[4] = k.day;
    }
    if (k.day > this.maxDay) this.maxDay = k.day;
  }

  stats(kind: HistoryKind, key: string, beforeDay: number): KeyStats | undefined {
    if (beforeDay <= this.maxDay) {
      throw new Error(`history runs to day ${this.maxDay}; it cannot answer for filings before day ${beforeDay} without look-ahead`);
    }
    const s = this.tables.get(kind)?.get(key);
    if (!s) return undefined;
    return { seen: s[0]!, inspected: s[1]!, fraud: s[2]!, critical: s[3]!, lastDay: s[4]! };
  }

  toJson(): HistoryJson {
    const tables: Record<string, Array<[string, number, number, number, number, number | null]>> = {};
    for (const [kind, table] of this.tables) {
      tables[kind] = [...table].map(([key, s]) => [key, s[0]!, s[1]!, s[2]!, s[3]!, Number.isNaN(s[4]!) ? null : s[4]!]);
    }
    return { maxDay: Number.isFinite(this.maxDay) ? this.maxDay : null, tables };
  }

  static fromJson(j: HistoryJson): HistoryTable {
    const h = new HistoryTable();
    h.maxDay = j.maxDay ?? Number.NEGATIVE_INFINITY;
    for (const kind of HISTORY_KINDS) {
      const rows = j.tables[kind] ?? [];
      const table = h.tables.get(kind)!;
      for (const [key, seen, inspected, fraud, critical, last] of rows) table.set(key, Float64Array.of(seen, inspected, fraud, critical, last ?? Number.NaN));
    }
    return h;
  }
}

export interface HistoryJson {
  maxDay: number | null;
  tables: Record<string, Array<[string, number, number, number, number, number | null]>>;
}

/**
 * History for scoring a batch: the model's stored history plus the batch's own earlier-dated
 * filings WITHOUT their outcomes (they add to "seen" and "last seen", never to fault counts).
 */
export class LayeredHistory implements HistoryProvider {
  private readonly overlay = new HistoryTable();
  constructor(private readonly base: HistoryProvider) {}

  /** Adds filings of one day after all filings of that day have been scored. */
  addUnlabelled(keys: ReadonlyArray<string | undefined>, day: number): void {
    this.overlay.addKeys(keys, day, undefined);
  }

  stats(kind: HistoryKind, key: string, beforeDay: number): KeyStats | undefined {
    const a = this.base.stats(kind, key, beforeDay);
    const s = this.overlay.tables.get(kind)?.get(key);
    if (!s || !(s[4]! < beforeDay)) return a;
    if (!a) return { seen: s[0]!, inspected: 0, fraud: 0, critical: 0, lastDay: s[4]! };
    return { ...a, seen: a.seen + s[0]!, lastDay: Number.isNaN(a.lastDay) ? s[4]! : Math.max(a.lastDay, s[4]!) };
  }
}
