// Closing the loop, inbound side: partner lookouts, shared risk profiles and targeting
// requests applied by this node's assessments as separate, attributed factors that keep the
// partner's marking. Shaped to the assessment context's PartnerLookoutPort (structurally: a
// factor source never imports assessment); the app passes it to partnerFactorSource().
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/index.js';
import type { Filing } from '../records/index.js';
import {
  lookoutPayloadSchema,
  riskProfilePayloadSchema,
  targetingRequestPayloadSchema,
  type StoredItem,
} from './exchange-item.schema.js';
import { itemFromRow } from './exchange-repository.js';
import type { ExchangeTables } from './exchange-tables.js';
import type { Marking } from './markings.js';

type LowerTlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
type LowerPap = 'clear' | 'green' | 'amber' | 'red';

/** What assessment's PartnerLookoutPort expects for each matching partner item. */
export interface PartnerMatch {
  itemId: string;
  partnerNode: string;
  kind: 'lookout' | 'profile';
  version: string;
  points: number;
  forcedChannel: null;
  reason: string;
  marking: { tlp: LowerTlp; pap: LowerPap };
}

const TLP_LOWER: Record<Marking['tlp'], LowerTlp> = { CLEAR: 'clear', GREEN: 'green', AMBER: 'amber', 'AMBER+STRICT': 'amber+strict', RED: 'red' };
const PAP_LOWER: Record<Marking['pap'], LowerPap> = { CLEAR: 'clear', GREEN: 'green', AMBER: 'amber', RED: 'red' };

export function lowerMarking(m: Marking): { tlp: LowerTlp; pap: LowerPap } {
  return { tlp: TLP_LOWER[m.tlp], pap: PAP_LOWER[m.pap] };
}

const fold = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Why a partner item matches this filing, or null. */
export function matchItem(item: StoredItem, filing: Filing): { reason: string; points: number; kind: PartnerMatch['kind'] } | null {
  if (item.kind === 'lookout') {
    const p = lookoutPayloadSchema.safeParse(item.payload);
    if (!p.success) return null;
    const { subject, reason, points } = p.data;
    const v = fold(subject.value);
    let hit: boolean;
    if (subject.type === 'container') hit = filing.equipment.some((e) => fold(e.containerNumber) === v);
    else if (subject.type === 'party') hit = filing.parties.some((pt) => fold(pt.name) === v || pt.identifiers.some((i) => fold(i.value) === v));
    else if (subject.type === 'hs_code') hit = filing.goods.some((g) => g.hsCode.startsWith(subject.value));
    else hit = fold(filing.transport.conveyance?.imoNumber ?? '') === v || fold(filing.transport.conveyance?.vesselName ?? '') === v;
    return hit ? { reason: `lookout on ${subject.type} ${subject.value}: ${reason}`, points, kind: 'lookout' } : null;
  }
  if (item.kind === 'targeting_request') {
    const p = targetingRequestPayloadSchema.safeParse(item.payload);
    if (!p.success) return null;
    const c = fold(p.data.containerNumber);
    if (!filing.equipment.some((e) => fold(e.containerNumber) === c)) return null;
    if (p.data.dischargePlace && filing.transport.dischargePlace && p.data.dischargePlace !== filing.transport.dischargePlace) return null;
    return { reason: `targeting request (${p.data.requestedAction}) on container ${p.data.containerNumber}: ${p.data.reason}`, points: p.data.points, kind: 'lookout' };
  }
  if (item.kind === 'risk_profile') {
    const p = riskProfilePayloadSchema.safeParse(item.payload);
    if (!p.success) return null;
    const c = p.data.criteria;
    const checks: boolean[] = [];
    if (c.hsPrefix) checks.push(filing.goods.some((g) => g.hsCode.startsWith(c.hsPrefix ?? '')));
    if (c.originCountry) checks.push(filing.goods.some((g) => g.originCountry === c.originCountry));
    if (c.dischargePlace) checks.push(filing.transport.dischargePlace === c.dischargePlace);
    if (c.loadingPlace) checks.push(filing.transport.loadingPlace === c.loadingPlace);
    if (checks.length === 0 || checks.some((x) => !x)) return null;
    return { reason: `shared profile "${p.data.name}"`, points: p.data.points, kind: 'profile' };
  }
  return null;
}

export interface PartnerLookoutPortDeps {
  db: Kysely<ExchangeTables>;
  clock: Clock;
  /** How long the item set is cached; received items invalidate it at once. */
  cacheMs?: number;
}

export function createPartnerLookoutPort(deps: PartnerLookoutPortDeps) {
  let cache: { items: StoredItem[]; version: string; loadedAt: number } | null = null;

  async function load(): Promise<{ items: StoredItem[]; version: string }> {
    const now = deps.clock.now();
    if (cache && now.getTime() - cache.loadedAt < (deps.cacheMs ?? 5_000)) return cache;
    const rows = await deps.db
      .selectFrom('exchange_item')
      .selectAll()
      .where('direction', '=', 'in')
      .where('status', '=', 'active')
      .where('kind', 'in', ['lookout', 'targeting_request', 'risk_profile'])
      .where('retain_until', '>', now.toISOString())
      .orderBy('received_at')
      .execute();
    const items = rows.map(itemFromRow);
    const last = items[items.length - 1];
    // The feed version pins which partner items an assessment saw, for reproduction.
    cache = { items, version: `partner-items:${items.length}:${last?.receivedAt ?? 'none'}`, loadedAt: now.getTime() };
    return cache;
  }

  return {
    async matchFiling(input: { filing: Filing }): Promise<{ items: PartnerMatch[]; version: string }> {
      const { items, version } = await load();
      const out: PartnerMatch[] = [];
      for (const item of items) {
        const m = matchItem(item, input.filing);
        if (!m) continue;
        out.push({ itemId: item.id, partnerNode: item.originator, kind: m.kind, version: item.createdAt, points: m.points, forcedChannel: null, reason: m.reason, marking: lowerMarking(item.marking) });
      }
      return { items: out, version };
    },
    invalidate(): void {
      cache = null;
    },
  };
}

export type PartnerLookoutPort = ReturnType<typeof createPartnerLookoutPort>;
