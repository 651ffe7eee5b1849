// The schema a condition is type-checked against: every field a profile may name, its type,
// whether it refers to a goods item, and how to read it from an evaluation context.
// A name not in this table is a type error at save time.
import { PARTY_ROLES, type PartyRole } from '../records/index.js';
import type { EvaluationContext } from './evaluation-context.js';

export type ValueType = 'number' | 'string' | 'bool' | 'list';

/** Which index dimension a field's literal values can be filed under (see profile-index.ts). */
export type IndexAs = 'chapter' | 'hs' | 'country' | 'locode' | 'mode' | 'kind' | 'warning';

interface FieldBase {
  doc: string;
  /** True for goods.* fields: bound to one goods item at a time. */
  goods: boolean;
  indexAs?: IndexAs;
}

export type FieldDef =
  | (FieldBase & { type: 'number'; get: (ctx: EvaluationContext) => number | null })
  | (FieldBase & { type: 'string'; get: (ctx: EvaluationContext) => string | null })
  | (FieldBase & { type: 'bool'; get: (ctx: EvaluationContext) => boolean | null })
  | (FieldBase & { type: 'list'; get: (ctx: EvaluationContext) => readonly string[] | null });

const num = (doc: string, get: (ctx: EvaluationContext) => number | null, goods = false): FieldDef => ({ type: 'number', doc, get, goods });
const str = (doc: string, get: (ctx: EvaluationContext) => string | null, goods = false, indexAs?: IndexAs): FieldDef =>
  indexAs ? { type: 'string', doc, get, goods, indexAs } : { type: 'string', doc, get, goods };

const DAY_MS = 86_400_000;

function partyFields(role: PartyRole): Record<string, FieldDef> {
  const p = `party.${role}`;
  // A party that is on the filing but never seen before was first seen "now": 0 days. A role
  // absent from the filing gives null for every field, so conditions on it are not true.
  const present = (ctx: EvaluationContext) => ctx.party(role) !== null;
  return {
    [`${p}.name`]: str(`name of the ${role}`, (ctx) => ctx.party(role)?.name ?? null),
    [`${p}.country`]: str(
      `country of the ${role} (party country, else address country)`,
      (ctx) => {
        const party = ctx.party(role);
        return party?.country ?? party?.address?.country ?? null;
      },
      false,
      'country',
    ),
    [`${p}.city`]: str(`city of the ${role}'s address`, (ctx) => ctx.party(role)?.address?.city ?? null),
    [`${p}.address`]: str(`${role}'s address: street line, postcode and city joined by ", "`, (ctx) => {
      const a = ctx.party(role)?.address;
      if (!a) return null;
      const parts = [a.line, a.postcode, a.city].filter((s): s is string => typeof s === 'string' && s.length > 0);
      return parts.length > 0 ? parts.join(', ') : null;
    }),
    [`${p}.identifier`]: str(`first registered identifier of the ${role} (e.g. EORI)`, (ctx) => ctx.party(role)?.identifiers[0]?.value ?? null),
    [`${p}.present`]: { type: 'bool', doc: `whether the filing names a ${role}`, goods: false, get: present },
    [`${p}.firstSeenDays`]: num(`days since the ${role} was first seen in this node's filings (0 = new)`, (ctx) =>
      present(ctx) ? (ctx.history.partyFirstSeenDays(role) ?? 0) : null,
    ),
    [`${p}.filingCount`]: num(`earlier filings naming the ${role}`, (ctx) => (present(ctx) ? ctx.history.partyFilingCount(role) : null)),
    [`${p}.inspectionCount`]: num(`earlier inspections of filings naming the ${role}`, (ctx) =>
      present(ctx) ? ctx.history.partyInspectionCount(role) : null,
    ),
    [`${p}.findingCount`]: num(`earlier inspections of the ${role} with a finding`, (ctx) =>
      present(ctx) ? ctx.history.partyFindingCount(role) : null,
    ),
  };
}

const base: Record<string, FieldDef> = {
  'filing.kind': str('filing kind, e.g. "sea_manifest", "express_consignment"', (ctx) => ctx.filing.kind, false, 'kind'),
  'filing.office': str('customs office of lodgement or first entry', (ctx) => ctx.filing.office ?? null),
  'filing.reference': str('transport document or declaration reference', (ctx) => ctx.filing.reference),
  'filing.filer': str('filer identifier', (ctx) => ctx.filing.filer.id),
  'filing.version': num('version number (2 and more are amendments)', (ctx) => ctx.filing.version),
  'filing.goodsCount': num('number of goods items', (ctx) => ctx.filing.goods.length),
  'filing.totalValue': num('sum of declared goods values (declared currencies, not converted)', (ctx) => {
    let total = 0;
    for (const g of ctx.goods()) total += g.value ?? 0;
    return total;
  }),
  'filing.totalMassKg': num('sum of declared net masses', (ctx) => {
    let total = 0;
    for (const g of ctx.goods()) total += g.netMassKg ?? 0;
    return total;
  }),
  'transport.mode': str('mode of transport: sea, air, road, rail, postal, …', (ctx) => ctx.filing.transport.mode, false, 'mode'),
  'transport.routing': {
    type: 'list',
    doc: 'countries of routing, in order (ISO codes)',
    goods: false,
    indexAs: 'country',
    get: (ctx) => ctx.filing.transport.routing,
  },
  'transport.loadingPlace': str('place of loading (UN/LOCODE)', (ctx) => ctx.filing.transport.loadingPlace ?? null, false, 'locode'),
  'transport.dischargePlace': str('place of discharge (UN/LOCODE)', (ctx) => ctx.filing.transport.dischargePlace ?? null, false, 'locode'),
  'transport.loadingCountry': str('country of the place of loading', (ctx) => ctx.filing.transport.loadingPlace?.slice(0, 2) ?? null, false, 'country'),
  'transport.dischargeCountry': str(
    'country of the place of discharge',
    (ctx) => ctx.filing.transport.dischargePlace?.slice(0, 2) ?? null,
    false,
    'country',
  ),
  'transport.departureCountry': str('country of departure', (ctx) => ctx.filing.transport.departureCountry ?? null, false, 'country'),
  'transport.carrierCode': str('carrier code of the conveyance', (ctx) => ctx.filing.transport.conveyance?.carrierCode ?? null),
  'transport.flightNumber': str('flight number, e.g. AF006', (ctx) => ctx.filing.transport.conveyance?.flightNumber ?? null),
  'transport.vesselName': str('vessel name', (ctx) => ctx.filing.transport.conveyance?.vesselName ?? null),
  'transport.imoNumber': str('IMO number of the vessel', (ctx) => ctx.filing.transport.conveyance?.imoNumber ?? null),
  'transport.hoursToLoading': num('hours from now until loading (negative once loaded)', (ctx) => {
    const t = ctx.filing.transport.loadingTime;
    return t ? (Date.parse(t) - ctx.now.getTime()) / 3_600_000 : null;
  }),
  'transport.hoursToArrival': num('hours from now until arrival', (ctx) => {
    const t = ctx.filing.transport.arrivalTime;
    return t ? (Date.parse(t) - ctx.now.getTime()) / 3_600_000 : null;
  }),
  'filing.ageDays': num('days since the filing was lodged', (ctx) => {
    const t = ctx.filing.lodgedAt;
    return t ? (ctx.now.getTime() - Date.parse(t)) / DAY_MS : null;
  }),
  'equipment.count': num('number of containers or other equipment', (ctx) => ctx.filing.equipment.length),
  'equipment.unsealedCount': num('equipment declared without any seal', (ctx) => ctx.filing.equipment.filter((e) => e.seals.length === 0).length),
  'goods.hsCode': str('full declared commodity code (6 to 10 digits)', (ctx) => ctx.item.hsCode, true, 'hs'),
  'goods.hs6': str('HS subheading (6 digits)', (ctx) => ctx.item.hs6, true, 'hs'),
  'goods.hs4': str('HS heading (4 digits)', (ctx) => ctx.item.hs4, true, 'hs'),
  'goods.chapter': str('HS chapter (2 digits, e.g. "29")', (ctx) => ctx.item.chapter, true, 'chapter'),
  'goods.origin': str('country of origin', (ctx) => ctx.item.origin, true, 'country'),
  'goods.description': str('goods description as declared', (ctx) => ctx.item.description, true),
  'goods.netMassKg': num('net mass in kg', (ctx) => ctx.item.netMassKg, true),
  'goods.value': num('declared value (amount, declared currency)', (ctx) => ctx.item.value, true),
  'goods.currency': str('currency of the declared value', (ctx) => ctx.item.currency, true),
  'goods.valuePerKg': num('declared value per kg of net mass', (ctx) => ctx.item.valuePerKg, true),
  'goods.quantity': num('quantity in the declared unit', (ctx) => ctx.item.quantity, true),
  'goods.taxRate': num('duty rate in percent', (ctx) => ctx.item.taxRate, true),
  'declaration.processType': str('declaration process type', (ctx) => ctx.filing.declaration?.processType ?? null),
  'declaration.importType': str('declaration import type', (ctx) => ctx.filing.declaration?.importType ?? null),
  'declaration.importUse': str('declaration import use', (ctx) => ctx.filing.declaration?.importUse ?? null),
  'declaration.paymentType': str('declaration payment type', (ctx) => ctx.filing.declaration?.paymentType ?? null),
  'declaration.courierId': str('express courier identifier', (ctx) => ctx.filing.declaration?.courierId ?? null),
  warnings: {
    type: 'list',
    doc: 'data-quality codes: container_check_digit, imo_check_digit, mass_missing, value_missing',
    goods: false,
    indexAs: 'warning',
    get: (ctx) => ctx.warnings(),
  },
};

function allFields(): Map<string, FieldDef> {
  const out = new Map<string, FieldDef>(Object.entries(base));
  for (const role of PARTY_ROLES) for (const [name, def] of Object.entries(partyFields(role))) out.set(name, def);
  return out;
}

export const FIELDS: ReadonlyMap<string, FieldDef> = allFields();

/** Closest known field names, for "did you mean" hints. */
export function suggestFields(path: string, limit = 3): string[] {
  const scored: Array<[string, number]> = [];
  for (const name of FIELDS.keys()) scored.push([name, editDistance(path.toLowerCase(), name.toLowerCase())]);
  scored.sort((a, b) => a[1] - b[1]);
  return scored.filter(([, d]) => d <= Math.max(2, Math.floor(path.length / 4))).slice(0, limit).map(([n]) => n);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
