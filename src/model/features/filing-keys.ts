// The fields of a canonical filing that model features are built from, flattened once per
// filing (first goods item: KCS declarations carry one). Training and scoring both start here.
import { partyKey, type Filing, type PartyRole } from '../../records/index.js';

export interface FilingKeys {
  reference: string;
  /** Days since 1970-01-01 of the lodgement date; NaN when unknown. */
  day: number;
  office?: string | undefined;
  processType?: string | undefined;
  importType?: string | undefined;
  importUse?: string | undefined;
  paymentType?: string | undefined;
  taxType?: string | undefined;
  originIndicator?: string | undefined;
  courier?: string | undefined;
  mode: string;
  declarant?: string | undefined;
  importer?: string | undefined;
  seller?: string | undefined;
  hs6?: string | undefined;
  departure?: string | undefined;
  origin?: string | undefined;
  /** NaN when missing. */
  taxRate: number;
  mass: number;
  value: number;
}

const MS_PER_DAY = 86_400_000;

export function dayNumber(iso: string | undefined): number {
  if (iso === undefined) return Number.NaN;
  const t = Date.parse(iso.slice(0, 10));
  return Number.isNaN(t) ? Number.NaN : Math.floor(t / MS_PER_DAY);
}

function party(filing: Filing, role: PartyRole): string | undefined {
  const p = filing.parties.find((x) => x.role === role);
  return p === undefined ? undefined : partyKey(p);
}

const num = (v: number | undefined): number => (v === undefined || !Number.isFinite(v) ? Number.NaN : v);

/** `hsKnown: false` marks a filing whose HS code was unusable (see the CSV reader). */
export function filingKeys(filing: Filing, hsKnown = true): FilingKeys {
  const g = filing.goods[0];
  const d = filing.declaration;
  return {
    reference: filing.reference,
    day: dayNumber(filing.lodgedAt),
    office: filing.office,
    processType: d?.processType,
    importType: d?.importType,
    importUse: d?.importUse,
    paymentType: d?.paymentType,
    taxType: d?.taxType,
    originIndicator: d?.originIndicator,
    courier: d?.courierId,
    mode: filing.transport.mode,
    declarant: party(filing, 'declarant'),
    importer: party(filing, 'importer'),
    seller: party(filing, 'seller'),
    hs6: hsKnown && g ? g.hsCode.slice(0, 6) : undefined,
    departure: filing.transport.departureCountry,
    origin: g?.originCountry,
    taxRate: num(g?.taxRate),
    mass: num(g?.netMassKg),
    value: num(g?.value?.amount),
  };
}
