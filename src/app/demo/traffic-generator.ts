// Synthetic, deterministic advance-data traffic for the France–US lanes, with planted cases
// that the risk profiles, screening and the model are expected to surface:
//   - a fentanyl-precursor supplier shipping HS 2933/2921/2914 chemicals under ever-changing
//     consignee names, routed through Mexico;
//   - firearm parts declared as machine parts;
//   - grossly undervalued apparel;
//   - a cotton supply chain from a forced-labour region (Xinjiang), transshipped via Viet Nam;
//   - a consignee that is an OFAC-listed entity written in a variant spelling.
import type { FilingInput } from '../../records/index.js';
import { iso6346CheckDigit } from '../../records/index.js';
import { demoPlantedConsignee } from '../../screening/index.js';
import { seededRandom, type Random } from './seeded-random.js';
import { LANES, GOODS, PARCEL_GOODS, SHIPPERS, CONSIGNEES, CARRIERS_SEA, CARRIERS_AIR, type Lane, type Goods } from './demo-catalogue.js';

export type PlantedCase = 'precursor' | 'arms_parts' | 'undervalued_apparel' | 'forced_labour_cotton' | 'sanctioned_consignee';

export interface GeneratedFiling {
  filing: FilingInput;
  /** Ground truth for the demo: what an inspection of this consignment would find. */
  planted: PlantedCase | null;
}

export interface TrafficOptions {
  seed: number;
  /** The day traffic is generated around (ISO date); history runs before it, arrivals after. */
  baseDate: string;
  days: number;
  perDay: number;
}

const DAY = 86_400_000;

function containerNumber(r: Random, owner: string): string {
  const first10 = `${owner.slice(0, 3)}U${String(r.int(0, 999_999)).padStart(6, '0')}`;
  return `${first10}${iso6346CheckDigit(first10)}`;
}

function lanePick(r: Random): Lane {
  const total = LANES.reduce((s, l) => s + l.weight, 0);
  let x = r.next() * total;
  for (const l of LANES) {
    x -= l.weight;
    if (x <= 0) return l;
  }
  return LANES[0] ?? r.pick(LANES);
}

function shipperFor(r: Random, country: string): string {
  return r.pick(SHIPPERS[country] ?? SHIPPERS.OTHER ?? ['Global Sourcing Partners Ltd.']);
}

function consigneeFor(r: Random, country: string): string {
  return r.pick(CONSIGNEES[country] ?? CONSIGNEES.FR ?? ['Distribution Normande SAS']);
}

function currencyOf(country: string): 'EUR' | 'USD' | 'XPF' {
  return country === 'US' ? 'USD' : country === 'PF' || country === 'NC' ? 'XPF' : 'EUR';
}

interface Build {
  r: Random;
  seq: number;
  lane: Lane;
  at: Date;
  goods: { g: Goods; origin: string; valueFactor?: number; description?: string }[];
  shipper: string;
  shipperCountry: string;
  consignee: string;
  manufacturer?: { name: string; city: string; country: string };
  kindOverride?: Lane['kinds'][number];
  routing?: string[];
}

function buildFiling(b: Build): FilingInput {
  const { r, lane } = b;
  const kind = b.kindOverride ?? r.pick(lane.kinds);
  const destCountry = lane.discharge.slice(0, 2);
  const loadingTime = new Date(b.at.getTime() + r.int(2, 20) * 3_600_000);
  const arrivalTime = new Date(loadingTime.getTime() + lane.transitDays * DAY + r.int(0, 12) * 3_600_000);
  const currency = currencyOf(destCountry);
  const isParcel = kind === 'ecommerce_parcel' || kind === 'postal_parcel' || kind === 'express_consignment';
  const goods = b.goods.map((x, i) => {
    const mass = Math.max(0.05, Math.round(x.g.massKg * r.around(1, 0.5) * 10) / 10);
    const value = Math.round(mass * x.g.valuePerKg * r.around(1, 0.25) * (x.valueFactor ?? 1) * 100) / 100;
    return {
      sequence: i + 1,
      hsCode: x.g.hs,
      description: x.description ?? x.g.description,
      quantity: Math.max(1, Math.round(mass / (isParcel ? 0.3 : 2))),
      quantityUnit: 'PCE',
      netMassKg: mass,
      value: { amount: value, currency },
      originCountry: x.origin,
    };
  });
  const sea = lane.mode === 'sea';
  const carrierSea = r.pick(CARRIERS_SEA);
  const vessel = r.pick(carrierSea.vessels);
  const carrierAir = r.pick(CARRIERS_AIR);
  const parties: NonNullable<FilingInput['parties']> = [
    { role: 'consignor', name: b.shipper, country: b.shipperCountry, address: { city: undefined, country: b.shipperCountry } },
    { role: 'consignee', name: b.consignee, country: destCountry, address: { country: destCountry } },
    { role: 'carrier', name: sea ? carrierSea.name : carrierAir.name },
  ];
  if (b.manufacturer) {
    parties.push({ role: 'manufacturer', name: b.manufacturer.name, country: b.manufacturer.country, address: { city: b.manufacturer.city, country: b.manufacturer.country } });
  }
  const reference = sea
    ? `${carrierSea.code}${String(100_000_000 + b.seq).slice(1)}`
    : `${carrierAir.code}-${String(10_000_000 + b.seq * 7).slice(1)}`;
  return {
    kind,
    filer: { id: sea ? carrierSea.code : carrierAir.code, name: sea ? carrierSea.name : carrierAir.name },
    reference,
    version: 1,
    lodgedAt: b.at.toISOString(),
    office: lane.discharge,
    parties,
    goods,
    transport: {
      mode: lane.mode,
      conveyance: sea
        ? { vesselName: vessel.name, imoNumber: vessel.imo, carrierCode: carrierSea.code }
        : { flightNumber: `${carrierAir.code}${r.int(10, 999)}`, carrierCode: carrierAir.code },
      voyage: sea ? `${r.int(100, 999)}${r.pick(['E', 'W', 'N', 'S'])}` : undefined,
      loadingPlace: lane.loading,
      dischargePlace: lane.discharge,
      departureCountry: lane.loading.slice(0, 2),
      routing: b.routing ?? [...lane.routing],
      loadingTime: loadingTime.toISOString(),
      arrivalTime: arrivalTime.toISOString(),
    },
    equipment: sea ? [{ containerNumber: containerNumber(r, carrierSea.code), seals: [`SL${r.int(100000, 999999)}`], sizeType: r.pick(['22G1', '42G1', '45G1']) }] : [],
  };
}

const PRECURSORS: readonly Goods[] = [
  { hs: '293339', description: 'pharmaceutical intermediate, white powder', valuePerKg: 40, massKg: 25, origins: ['CN'] },
  { hs: '292149', description: 'industrial amine compound', valuePerKg: 35, massKg: 50, origins: ['CN'] },
  { hs: '291439', description: 'organic ketone for research use', valuePerKg: 30, massKg: 40, origins: ['CN'] },
];
const PRECURSOR_CONSIGNEES = [
  'Apex Lab Supplies LLC', 'Apex Laboratory Supply Inc.', 'Nova Research Chemicals LLC', 'Sunrise Biotech Distributors',
  'Blue Mesa Reagents LLC', 'Crescent Analytical Supply', 'Desert Peak Labs Inc.', 'Orion Fine Chemicals LLC',
];
const MACHINE_PARTS: readonly Goods[] = [
  { hs: '848790', description: 'machine parts, steel, unassembled', valuePerKg: 220, massKg: 120, origins: ['RS', 'BG'] },
  { hs: '847990', description: 'parts of machinery, precision-milled', valuePerKg: 260, massKg: 90, origins: ['RS', 'BG'] },
];
const COTTON: readonly Goods[] = [
  { hs: '520100', description: 'cotton, not carded or combed', valuePerKg: 1.9, massKg: 20000, origins: ['CN'] },
  { hs: '520512', description: 'cotton yarn, single, uncombed', valuePerKg: 3.5, massKg: 12000, origins: ['CN'] },
  { hs: '610910', description: 'cotton T-shirts, knitted', valuePerKg: 14, massKg: 2500, origins: ['CN'] },
];
const XINJIANG_MILLS = [
  { name: 'Aksu Tianshan Cotton Textile Co., Ltd.', city: 'Aksu, Xinjiang' },
  { name: 'Kashgar Silk Road Spinning Mill', city: 'Kashgar, Xinjiang' },
];
// The planted sanctioned consignee: an OFAC SDN entity of the screening context's demo sample,
// written as a careless filer might (misspelt, abbreviated legal form).
export const PLANTED_SANCTIONED_CONSIGNEE = demoPlantedConsignee().name;
export const PLANTED_PRECURSOR_SUPPLIER = 'Wuhan Jinlong Fine Chemical Co., Ltd.';
export const PLANTED_ARMS_SHIPPER = 'Adriatic Precision Components d.o.o.';

const PRECURSOR_LANE: Lane = { mode: 'sea', kinds: ['sea_manifest'], loading: 'MXZLO', discharge: 'USLAX', routing: ['CN', 'MX', 'US'], transitDays: 4, weight: 0 };
const PRECURSOR_AIR: Lane = { mode: 'air', kinds: ['express_consignment'], loading: 'CNPVG', discharge: 'USJFK', routing: ['CN', 'MX', 'US'], transitDays: 1, weight: 0 };
const ARMS_LANE: Lane = { mode: 'sea', kinds: ['sea_manifest'], loading: 'TRIST', discharge: 'FRFOS', routing: ['RS', 'TR', 'FR'], transitDays: 6, weight: 0 };
const ARMS_LANE_US: Lane = { mode: 'air', kinds: ['air_house_waybill'], loading: 'FRCDG', discharge: 'USJFK', routing: ['RS', 'FR', 'US'], transitDays: 1, weight: 0 };
const COTTON_LANE: Lane = { mode: 'sea', kinds: ['sea_manifest'], loading: 'VNSGN', discharge: 'FRLEH', routing: ['CN', 'VN', 'SG', 'FR'], transitDays: 28, weight: 0 };
const COTTON_LANE_US: Lane = { mode: 'sea', kinds: ['sea_manifest'], loading: 'VNSGN', discharge: 'USLAX', routing: ['CN', 'VN', 'US'], transitDays: 20, weight: 0 };

function planted(r: Random, kind: PlantedCase, seq: number, at: Date, precursorCount: number): FilingInput {
  switch (kind) {
    case 'precursor': {
      const g = r.pick(PRECURSORS);
      return buildFiling({
        r, seq, at, lane: r.chance(0.6) ? PRECURSOR_LANE : PRECURSOR_AIR,
        goods: [{ g, origin: 'CN' }],
        shipper: PLANTED_PRECURSOR_SUPPLIER, shipperCountry: 'CN',
        consignee: PRECURSOR_CONSIGNEES[precursorCount % PRECURSOR_CONSIGNEES.length] ?? 'Apex Lab Supplies LLC',
      });
    }
    case 'arms_parts': {
      const g = r.pick(MACHINE_PARTS);
      return buildFiling({
        r, seq, at, lane: r.chance(0.5) ? ARMS_LANE : ARMS_LANE_US,
        goods: [{ g, origin: r.pick(g.origins) }],
        shipper: PLANTED_ARMS_SHIPPER, shipperCountry: 'RS',
        consignee: r.chance(0.5) ? 'Équipements Rhône-Alpes SARL' : 'Great Lakes Machinery Corp.',
      });
    }
    case 'undervalued_apparel': {
      const g = r.pick(GOODS.filter((x) => x.hs.startsWith('61') || x.hs.startsWith('62')));
      const lane = r.pick(LANES.filter((l) => l.loading.startsWith('CN') && l.mode === 'sea'));
      return buildFiling({ r, seq, at, lane, goods: [{ g, origin: 'CN', valueFactor: 0.06 }], shipper: 'Guangzhou Silkroad Apparel Co., Ltd.', shipperCountry: 'CN', consignee: consigneeFor(r, lane.discharge.slice(0, 2)) });
    }
    case 'forced_labour_cotton': {
      const g = r.pick(COTTON);
      const mill = r.pick(XINJIANG_MILLS);
      const lane = r.chance(0.5) ? COTTON_LANE : COTTON_LANE_US;
      return buildFiling({
        r, seq, at, lane, goods: [{ g, origin: 'CN' }],
        shipper: 'Saigon Textile Export JSC', shipperCountry: 'VN',
        consignee: consigneeFor(r, lane.discharge.slice(0, 2)),
        manufacturer: { name: mill.name, city: mill.city, country: 'CN' },
      });
    }
    case 'sanctioned_consignee': {
      const g = r.pick(GOODS.filter((x) => x.hs === '300490' || x.hs === '848180'));
      return buildFiling({ r, seq, at, lane: r.pick(LANES.filter((l) => l.discharge === 'USLAX')), goods: [{ g, origin: 'CN' }], shipper: shipperFor(r, 'CN'), shipperCountry: 'CN', consignee: PLANTED_SANCTIONED_CONSIGNEE });
    }
  }
}

function ordinary(r: Random, seq: number, at: Date): FilingInput {
  const lane = lanePick(r);
  const kind = r.pick(lane.kinds);
  const parcel = kind === 'ecommerce_parcel' || kind === 'postal_parcel' || kind === 'express_consignment';
  const catalogue = parcel ? PARCEL_GOODS : GOODS;
  const from = lane.routing[0] ?? 'CN';
  const items = parcel ? 1 : r.int(1, 4);
  const goods = Array.from({ length: items }, () => {
    const g = r.pick(catalogue);
    return { g, origin: g.origins.includes(from) ? from : r.pick(g.origins) };
  });
  const destCountry = lane.discharge.slice(0, 2);
  return buildFiling({ r, seq, at, lane, kindOverride: kind, goods, shipper: shipperFor(r, from), shipperCountry: from, consignee: consigneeFor(r, destCountry) });
}

const PLANTED_KINDS: readonly PlantedCase[] = ['precursor', 'arms_parts', 'undervalued_apparel', 'forced_labour_cotton', 'sanctioned_consignee'];

/** Generates `days * perDay` filings lodged over the `days` before baseDate (plus planted cases, ~2 %). */
export function generateTraffic(opts: TrafficOptions): GeneratedFiling[] {
  const r = seededRandom(opts.seed);
  const end = Date.parse(`${opts.baseDate}T00:00:00Z`) + DAY;
  const start = end - opts.days * DAY;
  const total = opts.days * opts.perDay;
  const out: GeneratedFiling[] = [];
  let precursors = 0;
  let plantedCount = 0;
  for (let i = 0; i < total; i++) {
    const at = new Date(start + Math.floor(r.next() * (end - start)));
    if (r.chance(0.02)) {
      const kind = PLANTED_KINDS[plantedCount++ % PLANTED_KINDS.length] ?? 'precursor';
      out.push({ filing: planted(r, kind, i, at, kind === 'precursor' ? precursors++ : 0), planted: kind });
    } else {
      const f = ordinary(r, i, at);
      // A few filings carry a mistyped container number: kept, with a data-quality warning.
      const eq = f.equipment?.[0];
      if (eq && r.chance(0.01)) eq.containerNumber = `${eq.containerNumber.slice(0, 10)}${(Number(eq.containerNumber.slice(10)) + 1) % 10}`;
      out.push({ filing: f, planted: null });
    }
  }
  out.sort((a, b) => (a.filing.lodgedAt ?? '').localeCompare(b.filing.lodgedAt ?? ''));
  return out;
}
