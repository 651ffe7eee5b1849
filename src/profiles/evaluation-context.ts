// What a compiled condition reads: one filing, seen through lazily computed views so that a
// set of hundreds of profiles derives each value (HS6 of an item, the party of a role, the
// data-quality codes) once per filing, not once per profile.
import { dataQualityWarnings, type Filing, type GoodsItem, type Party, type PartyRole } from '../records/index.js';
import type { HistoryView } from './profile-types.js';

export interface GoodsView {
  sequence: number;
  hsCode: string;
  hs6: string;
  hs4: string;
  chapter: string;
  origin: string | null;
  description: string | null;
  netMassKg: number | null;
  value: number | null;
  currency: string | null;
  quantity: number | null;
  taxRate: number | null;
  /** Declared value divided by net mass, in the declared currency; null if either is missing or mass is 0. */
  valuePerKg: number | null;
}

function goodsView(g: GoodsItem): GoodsView {
  const value = g.value?.amount ?? null;
  const mass = g.netMassKg ?? null;
  return {
    sequence: g.sequence,
    hsCode: g.hsCode,
    hs6: g.hsCode.slice(0, 6),
    hs4: g.hsCode.slice(0, 4),
    chapter: g.hsCode.slice(0, 2),
    origin: g.originCountry ?? null,
    description: g.description ?? null,
    netMassKg: mass,
    value,
    currency: g.value?.currency ?? null,
    quantity: g.quantity ?? null,
    taxRate: g.taxRate ?? null,
    valuePerKg: value !== null && mass !== null && mass > 0 ? value / mass : null,
  };
}

const NO_GOODS: GoodsView = goodsView({ sequence: 1, hsCode: '000000' });

export class EvaluationContext {
  readonly filing: Filing;
  readonly history: HistoryView;
  readonly now: Date;
  /** The goods item the goods.* fields currently refer to. */
  item: GoodsView = NO_GOODS;
  private goodsCache: GoodsView[] | null = null;
  private partyCache: Map<PartyRole, Party> | null = null;
  private warningCache: string[] | null = null;
  private chapterCache: string[] | null = null;
  private hs4Cache: string[] | null = null;
  private hs6Cache: string[] | null = null;
  private countryCache: string[] | null = null;

  constructor(filing: Filing, history: HistoryView, now: Date) {
    this.filing = filing;
    this.history = history;
    this.now = now;
  }

  goods(): GoodsView[] {
    if (this.goodsCache === null) this.goodsCache = this.filing.goods.map(goodsView);
    return this.goodsCache;
  }

  /** The first party of a role: a filing names at most one consignee, one consignor, and so on. */
  party(role: PartyRole): Party | null {
    if (this.partyCache === null) {
      const map = new Map<PartyRole, Party>();
      for (const p of this.filing.parties) if (!map.has(p.role)) map.set(p.role, p);
      this.partyCache = map;
    }
    return this.partyCache.get(role) ?? null;
  }

  warnings(): string[] {
    if (this.warningCache === null) this.warningCache = [...new Set(dataQualityWarnings(this.filing).map((w) => w.code))];
    return this.warningCache;
  }

  /** Distinct HS chapters of the goods: the keys the profile index is probed with. */
  chapters(): string[] {
    if (this.chapterCache === null) this.chapterCache = [...new Set(this.goods().map((g) => g.chapter))];
    return this.chapterCache;
  }

  hs4s(): string[] {
    if (this.hs4Cache === null) this.hs4Cache = [...new Set(this.goods().map((g) => g.hs4))];
    return this.hs4Cache;
  }

  hs6s(): string[] {
    if (this.hs6Cache === null) this.hs6Cache = [...new Set(this.goods().map((g) => g.hs6))];
    return this.hs6Cache;
  }

  /**
   * Every country the filing mentions in a field the index knows about. A profile indexed by
   * country can only be true when one of its countries is in this list (see profile-index.ts).
   */
  countries(): string[] {
    if (this.countryCache === null) {
      const out = new Set<string>();
      const f = this.filing;
      for (const g of f.goods) if (g.originCountry) out.add(g.originCountry);
      for (const c of f.transport.routing) out.add(c);
      if (f.transport.departureCountry) out.add(f.transport.departureCountry);
      if (f.transport.loadingPlace) out.add(f.transport.loadingPlace.slice(0, 2));
      if (f.transport.dischargePlace) out.add(f.transport.dischargePlace.slice(0, 2));
      for (const p of f.parties) {
        if (p.country) out.add(p.country);
        if (p.address?.country) out.add(p.address.country);
      }
      this.countryCache = [...out];
    }
    return this.countryCache;
  }
}
