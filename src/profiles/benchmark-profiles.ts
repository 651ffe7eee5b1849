// Deterministic generators of realistic profiles and filings, for the evaluation benchmarks
// (ours and the assessment context's) and for the index soundness test. The mix follows what
// targeting centres write: mostly commodity rules (HS chapter/heading with origin, routing,
// value or party history), some lane and filing-kind rules, a few broad data-quality rules.
import { filingSchema, type Filing, type FilingKind, type TransportMode } from '../records/index.js';
import { compileProfile, type CompiledProfile } from './profile-compiler.js';
import { THREAT_CATEGORIES, type ProfileDefinition } from './profile-types.js';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHAPTERS = ['29', '30', '39', '42', '61', '62', '64', '71', '84', '85', '87', '90', '93', '95', '52', '94', '33', '22', '24', '73'];
const COUNTRIES = ['CN', 'IN', 'MX', 'TR', 'VN', 'BD', 'PK', 'HK', 'AE', 'SG', 'PA', 'CO', 'NG', 'TH', 'MY', 'ID', 'BR', 'RU', 'IR', 'KR'];
const KINDS: FilingKind[] = ['sea_manifest', 'air_master_waybill', 'air_house_waybill', 'express_consignment', 'postal_parcel', 'ecommerce_parcel', 'import_declaration'];
const WORDS = ['parts', 'spare', 'sample', 'gift', 'machine', 'chemical', 'powder', 'accessories', 'tools', 'kit'];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  const v = items[Math.floor(rnd() * items.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

function pickSome<T>(rnd: () => number, items: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, items.length)) out.add(pick(rnd, items));
  return [...out];
}

function hs6In(rnd: () => number, chapter: string): string {
  return `${chapter}${String(Math.floor(rnd() * 100)).padStart(2, '0')}${String(Math.floor(rnd() * 100)).padStart(2, '0')}`;
}

const q = (items: string[]) => `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;

function condition(rnd: () => number): string {
  const r = rnd();
  const ch = pick(rnd, CHAPTERS);
  const hs4s = () => q([hs6In(rnd, ch).slice(0, 4), hs6In(rnd, ch).slice(0, 4)]);
  if (r < 0.3) {
    const hs = Array.from({ length: 2 + Math.floor(rnd() * 6) }, () => hs6In(rnd, ch));
    return `goods.hs6 in ${q(hs)} and goods.origin in ${q(pickSome(rnd, COUNTRIES, 2))} and transport.routing has ${JSON.stringify(pick(rnd, COUNTRIES))}`;
  }
  if (r < 0.45) {
    return `goods.hs4 in ${hs4s()} and goods.valuePerKg < ${(0.05 + rnd() * 0.2).toFixed(2)} * median(goods.hs6, goods.origin)`;
  }
  if (r < 0.6) {
    return `goods.hs4 in ${hs4s()} and goods.description matches /${pick(rnd, WORDS)}|${pick(rnd, WORDS)}/i`;
  }
  if (r < 0.7) {
    return `startsWith(goods.hs6, "${ch}") and goods.origin == "${pick(rnd, COUNTRIES)}" and party.consignee.firstSeenDays < ${10 + Math.floor(rnd() * 80)}`;
  }
  if (r < 0.8) {
    return `transport.routing has any ${q(pickSome(rnd, COUNTRIES, 2))} and goods.hs4 in ${hs4s()} and party.consignee.filingCount < ${1 + Math.floor(rnd() * 5)}`;
  }
  if (r < 0.87) {
    return `goods.chapter == "${ch}" and goods.origin == "${pick(rnd, COUNTRIES)}" and goods.netMassKg > ${100 + Math.floor(rnd() * 400)}`;
  }
  if (r < 0.93) {
    return `filing.kind == "${pick(rnd, KINDS)}" and filing.totalValue < ${50 + Math.floor(rnd() * 200)} and party.consignor.findingCount > 0`;
  }
  if (r < 0.98) {
    return `transport.mode == "air" and goods.origin == "${pick(rnd, COUNTRIES)}" and transport.hoursToLoading < ${2 + Math.floor(rnd() * 10)} and party.consignee.firstSeenDays < 7`;
  }
  return `warnings has "container_check_digit" and equipment.count > ${1 + Math.floor(rnd() * 4)}`;
}

export function generateBenchmarkDefinitions(n: number, seed: number): ProfileDefinition[] {
  const rnd = seededRandom(seed);
  const out: ProfileDefinition[] = [];
  for (let i = 0; i < n; i++) {
    const channel = rnd() < 0.05 ? 'red' : null;
    out.push({
      name: `Benchmark profile ${i + 1}`,
      ownerAgency: rnd() < 0.5 ? 'FR-DGDDI' : 'US-CBP',
      threat: pick(rnd, THREAT_CATEGORIES),
      scope: { kinds: [], modes: [], lanes: [], offices: [] },
      validFrom: null,
      validTo: null,
      condition: condition(rnd),
      action: { points: 5 + Math.floor(rnd() * 60), forcedChannel: channel },
      rationale: 'Generated for the evaluation benchmark.',
      shareable: rnd() < 0.3,
    });
  }
  return out;
}

/** N compiled profiles with realistic conditions, deterministic for a given seed. */
export function generateBenchmarkProfiles(n: number, seed: number): CompiledProfile[] {
  return generateBenchmarkDefinitions(n, seed).map((d, i) => {
    const r = compileProfile(`bench-${String(i + 1).padStart(5, '0')}`, 1, d);
    if (!r.ok) throw new Error(`generated profile does not compile: ${d.condition}: ${JSON.stringify(r.problems)}`);
    return r.profile;
  });
}

const MODE_OF: Record<FilingKind, TransportMode> = {
  sea_manifest: 'sea',
  air_master_waybill: 'air',
  air_house_waybill: 'air',
  express_consignment: 'air',
  postal_parcel: 'postal',
  ecommerce_parcel: 'air',
  import_declaration: 'sea',
};

/** N plausible canonical filings (1–4 goods items), deterministic for a given seed. */
export function generateBenchmarkFilings(n: number, seed: number, now = new Date('2026-11-26T10:00:00Z')): Filing[] {
  const rnd = seededRandom(seed);
  const out: Filing[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(rnd, KINDS);
    const origin = pick(rnd, COUNTRIES);
    const via = pickSome(rnd, COUNTRIES, Math.floor(rnd() * 3));
    const goodsCount = 1 + Math.floor(rnd() * (rnd() < 0.8 ? 2 : 4));
    out.push(
      filingSchema.parse({
        kind,
        filer: { id: `F${Math.floor(rnd() * 50)}` },
        reference: `REF-${seed}-${i}`,
        parties: [
          { role: 'consignor', name: `Shipper ${Math.floor(rnd() * 500)}`, country: origin },
          { role: 'consignee', name: `Importer ${Math.floor(rnd() * 800)}`, country: rnd() < 0.5 ? 'FR' : 'US' },
        ],
        goods: Array.from({ length: goodsCount }, (_, g) => ({
          sequence: g + 1,
          hsCode: hs6In(rnd, rnd() < 0.8 ? pick(rnd, CHAPTERS) : String(10 + Math.floor(rnd() * 80))),
          description: `${pick(rnd, WORDS)} ${pick(rnd, WORDS)}`,
          netMassKg: Math.round(1 + rnd() * 500),
          value: { amount: Math.round(10 + rnd() * 20000), currency: 'USD' },
          originCountry: origin,
        })),
        transport: {
          mode: MODE_OF[kind],
          departureCountry: origin,
          routing: [origin, ...via.filter((c) => c !== origin), rnd() < 0.5 ? 'FR' : 'US'],
          loadingTime: new Date(now.getTime() + rnd() * 48 * 3_600_000).toISOString(),
        },
        equipment: [],
      }),
    );
  }
  return out;
}
