// The canonical cargo filing. Field names follow the WCO Data Model where it has one
// (Consignor, Consignee, NotifyParty, GoodsItem, Classification, TransportEquipment, Seal,
// BorderTransportMeans, LoadingLocation, UnloadingLocation), in camelCase.
// Every outside format (JSON, NDJSON, CSV profiles, later EDIFACT) is parsed into this shape
// before anything else touches it. Unknown fields are rejected, not silently dropped.
import { z } from 'zod';
import {
  isCountryCode,
  isCurrencyCode,
  isHsCode,
  isUnLocode,
  isContainerNumberShape,
  isImoShape,
} from './identifier-validators.js';

/** Longest free-text field we accept; larger values are a feed bug, not a cargo description. */
export const MAX_TEXT = 2000;
export const MAX_PARTIES = 50;
export const MAX_GOODS_ITEMS = 999; // WCO DM caps goods item sequence numbers at 999
export const MAX_EQUIPMENT = 200;

// C0 and C1 control characters other than tab, line feed and carriage return, plus lone surrogates.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Printable ASCII has no control characters, no surrogates, and is its own NFC form: most
// values are, and skip those checks.
const PRINTABLE_ASCII_RE = /^[\x20-\x7e]*$/;

export const isPrintableAscii = (s: string): boolean => PRINTABLE_ASCII_RE.test(s);
export const hasControlCharacters = (s: string): boolean => CONTROL_RE.test(s);
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE_RE.test(s);
/** Free text as stored: NFC, trimmed. */
export const cleanText = (s: string): string => (isPrintableAscii(s) ? s : s.normalize('NFC')).trim();

export const text = (max = MAX_TEXT) =>
  z
    .string()
    .max(max)
    .refine((s) => isPrintableAscii(s) || !hasControlCharacters(s), { message: 'contains control characters' })
    .refine((s) => isPrintableAscii(s) || !hasLoneSurrogate(s), { message: 'contains invalid Unicode (lone surrogate)' })
    .overwrite(cleanText);

const nonEmpty = (max = MAX_TEXT) =>
  text(max).refine((s) => s.length > 0, { message: 'must not be empty' });

export const countryCode = z
  .string()
  .refine(isCountryCode, { message: 'is not an ISO 3166-1 alpha-2 country code' });
export const currencyCode = z.string().refine(isCurrencyCode, { message: 'is not an ISO 4217 currency code' });
export const unLocode = z.string().refine(isUnLocode, { message: 'is not a UN/LOCODE (country + 3 characters)' });
export const hsCode = z.string().refine(isHsCode, { message: 'must be an HS code of 6, 8 or 10 digits' });
const isoDateTime = z.iso.datetime({ offset: true });
const isoDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const FLIGHT_NUMBER_RE = /^[A-Z0-9]{2}\d{1,4}[A-Z]?$/;

export const FILING_KINDS = [
  'sea_manifest', // ocean bill of lading / manifest line (ENS, ISF)
  'air_master_waybill',
  'air_house_waybill',
  'express_consignment',
  'postal_parcel',
  'ecommerce_parcel',
  'import_declaration',
] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

export const PARTY_ROLES = [
  'consignor',
  'consignee',
  'notify',
  'importer',
  'declarant',
  'carrier',
  'seller',
  'buyer',
  'manufacturer',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const TRANSPORT_MODES = ['sea', 'air', 'road', 'rail', 'postal', 'multimodal', 'fixed', 'inland_water', 'other'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const IDENTIFIER_SCHEMES = ['eori', 'tax_id', 'importer_number', 'duns', 'lei', 'passport', 'national_id', 'trader_code'] as const;

const identifierSchema = z.strictObject({
  scheme: z.enum(IDENTIFIER_SCHEMES),
  value: nonEmpty(64),
  issuingCountry: countryCode.optional(),
});

const addressSchema = z.strictObject({
  line: text(300).optional(),
  city: text(120).optional(),
  postcode: text(20).optional(),
  country: countryCode.optional(),
});

export const partySchema = z.strictObject({
  role: z.enum(PARTY_ROLES),
  name: nonEmpty(300),
  address: addressSchema.optional(),
  country: countryCode.optional(),
  identifiers: z.array(identifierSchema).max(20).default([]),
});

export const goodsItemSchema = z.strictObject({
  sequence: z.number().int().min(1).max(MAX_GOODS_ITEMS),
  hsCode,
  description: text().optional(),
  quantity: z.number().nonnegative().finite().optional(),
  quantityUnit: text(10).optional(),
  netMassKg: z.number().nonnegative().finite().optional(),
  value: z
    .strictObject({ amount: z.number().nonnegative().finite(), currency: currencyCode })
    .optional(),
  originCountry: countryCode.optional(),
  /** Duty rate in percent, as declared or as assessed. */
  taxRate: z.number().finite().min(0).max(1000).optional(),
});

const conveyanceSchema = z.strictObject({
  imoNumber: z.string().refine(isImoShape, { message: 'must be 7 digits, optionally prefixed IMO' }).optional(),
  vesselName: text(120).optional(),
  flightNumber: z
    .string()
    .regex(FLIGHT_NUMBER_RE, 'must be an airline designator and flight number, e.g. AF006')
    .optional(),
  carrierCode: text(10).optional(),
  nationality: countryCode.optional(),
});

export const transportSchema = z.strictObject({
  mode: z.enum(TRANSPORT_MODES),
  conveyance: conveyanceSchema.optional(),
  voyage: text(40).optional(),
  loadingPlace: unLocode.optional(),
  dischargePlace: unLocode.optional(),
  departureCountry: countryCode.optional(),
  routing: z.array(countryCode).max(30).default([]),
  loadingTime: isoDateTime.optional(),
  arrivalTime: isoDateTime.optional(),
});

export const equipmentSchema = z.strictObject({
  containerNumber: z
    .string()
    .refine(isContainerNumberShape, { message: 'must be 4 letters (owner + U/J/Z) and 7 digits' }),
  seals: z.array(nonEmpty(40)).max(20).default([]),
  sizeType: text(4).optional(),
});

/** Declaration details that only import declarations carry (procedure, payment, tax type). */
export const declarationSchema = z.strictObject({
  processType: text(10).optional(),
  importType: text(10).optional(),
  importUse: text(10).optional(),
  paymentType: text(10).optional(),
  taxType: text(10).optional(),
  originIndicator: text(10).optional(),
  courierId: text(40).optional(),
});

/** An inspection outcome that came with the data (e.g. labelled public declarations). */
export const recordedOutcomeSchema = z.strictObject({
  source: nonEmpty(40),
  fraud: z.boolean(),
  criticalFraud: z.boolean(),
});

export const filingSchema = z.strictObject({
  kind: z.enum(FILING_KINDS),
  filer: z.strictObject({ id: nonEmpty(64), name: text(300).optional() }),
  reference: nonEmpty(64),
  version: z.number().int().min(1).max(1_000_000).default(1),
  /** When the filer lodged this version (ISO date or date-time). */
  lodgedAt: isoDateOrDateTime.optional(),
  /** Customs office of lodgement or first entry. */
  office: text(20).optional(),
  parties: z.array(partySchema).max(MAX_PARTIES).default([]),
  goods: z.array(goodsItemSchema).min(1).max(MAX_GOODS_ITEMS),
  transport: transportSchema,
  equipment: z.array(equipmentSchema).max(MAX_EQUIPMENT).default([]),
  declaration: declarationSchema.optional(),
  recordedOutcome: recordedOutcomeSchema.optional(),
});

export type FilingInput = z.input<typeof filingSchema>;
export type Filing = z.output<typeof filingSchema>;
export type Party = z.output<typeof partySchema>;
export type GoodsItem = z.output<typeof goodsItemSchema>;
export type Transport = z.output<typeof transportSchema>;
export type Equipment = z.output<typeof equipmentSchema>;
