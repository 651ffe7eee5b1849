// A fast path for the common case of filing validation: a plain-code check of the filing
// schema that, for input it is sure is valid, builds exactly what the zod schema's parse would
// give (same values, same defaults, same key order, so the same canonical document). Whenever
// it is not sure (any problem, any unusual form such as a time offset written +0200) it answers
// null and validation goes through zod, which alone words the errors. On the ingest benchmark's
// 30,000 filings, validation takes 261 ms this way against 415 ms for zod's parse alone. A
// property test holds the two paths to the same output.
import {
  cleanText,
  FILING_KINDS,
  FLIGHT_NUMBER_RE,
  hasControlCharacters,
  hasLoneSurrogate,
  IDENTIFIER_SCHEMES,
  isPrintableAscii,
  MAX_EQUIPMENT,
  MAX_GOODS_ITEMS,
  MAX_PARTIES,
  MAX_TEXT,
  PARTY_ROLES,
  TRANSPORT_MODES,
  type Equipment,
  type Filing,
  type GoodsItem,
  type Party,
  type Transport,
} from './filing.schema.js';
import { isContainerNumberShape, isCountryCode, isCurrencyCode, isHsCode, isImoShape, isUnLocode } from './identifier-validators.js';

/** Thrown inside the fast path to give up on this input; never escapes it. */
class NotSure extends Error {}
const notSure = new NotSure('not sure');

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The object, if it has no key outside `allowed`. A key holding undefined (possible from code,
 * never from JSON) counts as absent for a default and as present-but-undefined for an optional
 * field, as in zod's output.
 */
function object(v: unknown, allowed: ReadonlySet<string>): Obj {
  if (!isObj(v)) throw notSure;
  for (const k of Object.keys(v)) if (!allowed.has(k)) throw notSure;
  return v;
}

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);

function text(v: unknown, max = MAX_TEXT, nonEmpty = false): string {
  if (typeof v !== 'string' || v.length > max) throw notSure;
  // the schema's text(), with its helpers: printable ASCII needs no character checks
  let out: string;
  if (isPrintableAscii(v)) out = v.trim();
  else if (hasControlCharacters(v) || hasLoneSurrogate(v)) throw notSure;
  else out = cleanText(v);
  if (nonEmpty && out.length === 0) throw notSure;
  return out;
}

function checked(v: unknown, test: (s: string) => boolean): string {
  if (typeof v !== 'string' || !test(v)) throw notSure;
  return v;
}

function int(v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw notSure;
  return v;
}

function amount(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw notSure;
  return v;
}

function oneOf<T extends string>(v: unknown, list: readonly T[]): T {
  const found = list.find((x) => x === v);
  if (found === undefined) throw notSure;
  return found;
}

function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw notSure;
  return v;
}

function list(v: unknown, max: number, min = 0): unknown[] {
  if (!Array.isArray(v) || v.length > max || v.length < min) throw notSure;
  return v;
}

// Date-times in the one common form: YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm), a real calendar
// date and time. Everything this accepts, zod's ISO date-time (with offsets) accepts too.
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(y: string | undefined, m: string | undefined, d: string | undefined): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function dateTime(v: unknown): string {
  if (typeof v !== 'string') throw notSure;
  const m = DATE_TIME_RE.exec(v);
  if (!m || !realDate(m[1], m[2], m[3])) throw notSure;
  return v;
}

function dateOrDateTime(v: unknown): string {
  if (typeof v !== 'string') throw notSure;
  const m = DATE_RE.exec(v);
  if (m) {
    if (!realDate(m[1], m[2], m[3])) throw notSure;
    return v;
  }
  return dateTime(v);
}

const FILING_KEYS = keys('kind', 'filer', 'reference', 'version', 'lodgedAt', 'office', 'parties', 'goods', 'transport', 'equipment', 'declaration', 'recordedOutcome');
const FILER_KEYS = keys('id', 'name');
const PARTY_KEYS = keys('role', 'name', 'address', 'country', 'identifiers');
const ADDRESS_KEYS = keys('line', 'city', 'postcode', 'country');
const IDENTIFIER_KEYS = keys('scheme', 'value', 'issuingCountry');
const GOODS_KEYS = keys('sequence', 'hsCode', 'description', 'quantity', 'quantityUnit', 'netMassKg', 'value', 'originCountry', 'taxRate');
const VALUE_KEYS = keys('amount', 'currency');
const TRANSPORT_KEYS = keys('mode', 'conveyance', 'voyage', 'loadingPlace', 'dischargePlace', 'departureCountry', 'routing', 'loadingTime', 'arrivalTime');
const CONVEYANCE_KEYS = keys('imoNumber', 'vesselName', 'flightNumber', 'carrierCode', 'nationality');
const EQUIPMENT_KEYS = keys('containerNumber', 'seals', 'sizeType');
const DECLARATION_KEYS = keys('processType', 'importType', 'importUse', 'paymentType', 'taxType', 'originIndicator', 'courierId');
const OUTCOME_KEYS = keys('source', 'fraud', 'criticalFraud');

const country = (v: unknown) => checked(v, isCountryCode);

type Address = NonNullable<Party['address']>;
type Identifier = Party['identifiers'][number];
type Conveyance = NonNullable<Transport['conveyance']>;
type Declaration = NonNullable<Filing['declaration']>;

// Objects are built field by field in the schema's order, optional fields only when present
// (`...(present ? { field } : {})`, undefined kept as zod keeps it), defaults where the schema
// has them: zod's output exactly. Written out rather than through a helper taking the field
// name: a computed key makes every object slower to build, which is what this file is for.

function address(v: unknown): Address {
  const a = object(v, ADDRESS_KEYS);
  return {
    ...('line' in a ? { line: a.line === undefined ? undefined : text(a.line, 300) } : {}),
    ...('city' in a ? { city: a.city === undefined ? undefined : text(a.city, 120) } : {}),
    ...('postcode' in a ? { postcode: a.postcode === undefined ? undefined : text(a.postcode, 20) } : {}),
    ...('country' in a ? { country: a.country === undefined ? undefined : country(a.country) } : {}),
  };
}

function identifier(v: unknown): Identifier {
  const id = object(v, IDENTIFIER_KEYS);
  return {
    scheme: oneOf(id.scheme, IDENTIFIER_SCHEMES),
    value: text(id.value, 64, true),
    ...('issuingCountry' in id ? { issuingCountry: id.issuingCountry === undefined ? undefined : country(id.issuingCountry) } : {}),
  };
}

function party(v: unknown): Party {
  const p = object(v, PARTY_KEYS);
  return {
    role: oneOf(p.role, PARTY_ROLES),
    name: text(p.name, 300, true),
    ...('address' in p ? { address: p.address === undefined ? undefined : address(p.address) } : {}),
    ...('country' in p ? { country: p.country === undefined ? undefined : country(p.country) } : {}),
    identifiers: p.identifiers === undefined ? [] : list(p.identifiers, 20).map(identifier),
  };
}

function taxRate(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1000) throw notSure;
  return v;
}

function goodsItem(v: unknown): GoodsItem {
  const g = object(v, GOODS_KEYS);
  return {
    sequence: int(g.sequence, 1, MAX_GOODS_ITEMS),
    hsCode: checked(g.hsCode, isHsCode),
    ...('description' in g ? { description: g.description === undefined ? undefined : text(g.description) } : {}),
    ...('quantity' in g ? { quantity: g.quantity === undefined ? undefined : amount(g.quantity) } : {}),
    ...('quantityUnit' in g ? { quantityUnit: g.quantityUnit === undefined ? undefined : text(g.quantityUnit, 10) } : {}),
    ...('netMassKg' in g ? { netMassKg: g.netMassKg === undefined ? undefined : amount(g.netMassKg) } : {}),
    ...('value' in g ? { value: g.value === undefined ? undefined : declaredValue(g.value) } : {}),
    ...('originCountry' in g ? { originCountry: g.originCountry === undefined ? undefined : country(g.originCountry) } : {}),
    ...('taxRate' in g ? { taxRate: g.taxRate === undefined ? undefined : taxRate(g.taxRate) } : {}),
  };
}

function declaredValue(v: unknown): { amount: number; currency: string } {
  const val = object(v, VALUE_KEYS);
  return { amount: amount(val.amount), currency: checked(val.currency, isCurrencyCode) };
}

function conveyance(v: unknown): Conveyance {
  const c = object(v, CONVEYANCE_KEYS);
  return {
    ...('imoNumber' in c ? { imoNumber: c.imoNumber === undefined ? undefined : checked(c.imoNumber, isImoShape) } : {}),
    ...('vesselName' in c ? { vesselName: c.vesselName === undefined ? undefined : text(c.vesselName, 120) } : {}),
    ...('flightNumber' in c ? { flightNumber: c.flightNumber === undefined ? undefined : checked(c.flightNumber, (s) => FLIGHT_NUMBER_RE.test(s)) } : {}),
    ...('carrierCode' in c ? { carrierCode: c.carrierCode === undefined ? undefined : text(c.carrierCode, 10) } : {}),
    ...('nationality' in c ? { nationality: c.nationality === undefined ? undefined : country(c.nationality) } : {}),
  };
}

function transport(v: unknown): Transport {
  const t = object(v, TRANSPORT_KEYS);
  return {
    mode: oneOf(t.mode, TRANSPORT_MODES),
    ...('conveyance' in t ? { conveyance: t.conveyance === undefined ? undefined : conveyance(t.conveyance) } : {}),
    ...('voyage' in t ? { voyage: t.voyage === undefined ? undefined : text(t.voyage, 40) } : {}),
    ...('loadingPlace' in t ? { loadingPlace: t.loadingPlace === undefined ? undefined : checked(t.loadingPlace, isUnLocode) } : {}),
    ...('dischargePlace' in t ? { dischargePlace: t.dischargePlace === undefined ? undefined : checked(t.dischargePlace, isUnLocode) } : {}),
    ...('departureCountry' in t ? { departureCountry: t.departureCountry === undefined ? undefined : country(t.departureCountry) } : {}),
    routing: t.routing === undefined ? [] : list(t.routing, 30).map(country),
    ...('loadingTime' in t ? { loadingTime: t.loadingTime === undefined ? undefined : dateTime(t.loadingTime) } : {}),
    ...('arrivalTime' in t ? { arrivalTime: t.arrivalTime === undefined ? undefined : dateTime(t.arrivalTime) } : {}),
  };
}

function equipment(v: unknown): Equipment {
  const e = object(v, EQUIPMENT_KEYS);
  return {
    containerNumber: checked(e.containerNumber, isContainerNumberShape),
    seals: e.seals === undefined ? [] : list(e.seals, 20).map((x) => text(x, 40, true)),
    ...('sizeType' in e ? { sizeType: e.sizeType === undefined ? undefined : text(e.sizeType, 4) } : {}),
  };
}

function declaration(v: unknown): Declaration {
  const d = object(v, DECLARATION_KEYS);
  return {
    ...('processType' in d ? { processType: d.processType === undefined ? undefined : text(d.processType, 10) } : {}),
    ...('importType' in d ? { importType: d.importType === undefined ? undefined : text(d.importType, 10) } : {}),
    ...('importUse' in d ? { importUse: d.importUse === undefined ? undefined : text(d.importUse, 10) } : {}),
    ...('paymentType' in d ? { paymentType: d.paymentType === undefined ? undefined : text(d.paymentType, 10) } : {}),
    ...('taxType' in d ? { taxType: d.taxType === undefined ? undefined : text(d.taxType, 10) } : {}),
    ...('originIndicator' in d ? { originIndicator: d.originIndicator === undefined ? undefined : text(d.originIndicator, 10) } : {}),
    ...('courierId' in d ? { courierId: d.courierId === undefined ? undefined : text(d.courierId, 40) } : {}),
  };
}

function filingOf(v: unknown): Filing {
  const f = object(v, FILING_KEYS);
  const filer = object(f.filer, FILER_KEYS);
  return {
    kind: oneOf(f.kind, FILING_KINDS),
    filer: { id: text(filer.id, 64, true), ...('name' in filer ? { name: filer.name === undefined ? undefined : text(filer.name, 300) } : {}) },
    reference: text(f.reference, 64, true),
    version: f.version === undefined ? 1 : int(f.version, 1, 1_000_000),
    ...('lodgedAt' in f ? { lodgedAt: f.lodgedAt === undefined ? undefined : dateOrDateTime(f.lodgedAt) } : {}),
    ...('office' in f ? { office: f.office === undefined ? undefined : text(f.office, 20) } : {}),
    parties: f.parties === undefined ? [] : list(f.parties, MAX_PARTIES).map(party),
    goods: list(f.goods, MAX_GOODS_ITEMS, 1).map(goodsItem),
    transport: transport(f.transport),
    equipment: f.equipment === undefined ? [] : list(f.equipment, MAX_EQUIPMENT).map(equipment),
    ...('declaration' in f ? { declaration: f.declaration === undefined ? undefined : declaration(f.declaration) } : {}),
    ...('recordedOutcome' in f ? { recordedOutcome: f.recordedOutcome === undefined ? undefined : recordedOutcome(f.recordedOutcome) } : {}),
  };
}

function recordedOutcome(v: unknown): { source: string; fraud: boolean; criticalFraud: boolean } {
  const r = object(v, OUTCOME_KEYS);
  return { source: text(r.source, 40, true), fraud: bool(r.fraud), criticalFraud: bool(r.criticalFraud) };
}

/** The parsed filing when the input is certainly valid; null when zod must decide. */
export function fastParseFiling(input: unknown): Filing | null {
  try {
    return filingOf(input);
  } catch (err) {
    if (err instanceof NotSure) return null;
    throw err;
  }
}
