// Small canonical filings and a hand-set history for profile tests.
import { filingSchema, type Filing, type FilingInput, type PartyRole } from '../../records/index.js';
import type { HistoryView } from '../profile-types.js';

export function sampleFiling(overrides: Partial<FilingInput> = {}): Filing {
  return filingSchema.parse({
    kind: 'air_master_waybill',
    filer: { id: 'AF' },
    reference: '057-12345675',
    parties: [
      { role: 'consignor', name: 'Hubei Fine Chem Co', country: 'CN', address: { line: '8 Industrial Rd', city: 'Wuhan', country: 'CN' } },
      { role: 'consignee', name: 'Rapid Imports LLC', country: 'US' },
    ],
    goods: [
      { sequence: 1, hsCode: '392690', description: 'plastic parts', netMassKg: 100, value: { amount: 900, currency: 'USD' }, originCountry: 'CN' },
      { sequence: 2, hsCode: '29333990', description: '4-piperidone', netMassKg: 25, value: { amount: 200, currency: 'USD' }, originCountry: 'CN' },
    ],
    transport: {
      mode: 'air',
      loadingPlace: 'CNPEK',
      dischargePlace: 'USLAX',
      departureCountry: 'CN',
      routing: ['CN', 'MX', 'US'],
      loadingTime: '2026-11-26T18:00:00Z',
      conveyance: { flightNumber: 'AM098' },
    },
    equipment: [],
    ...overrides,
  });
}

export interface HistorySettings {
  firstSeenDays?: Partial<Record<PartyRole, number>>;
  filingCount?: Partial<Record<PartyRole, number>>;
  findingCount?: Partial<Record<PartyRole, number>>;
  medians?: Record<string, number>; // key `${hs6}|${origin}`
}

export function fixedHistory(s: HistorySettings = {}): HistoryView {
  return {
    partyFirstSeenDays: (role) => s.firstSeenDays?.[role] ?? null,
    partyFilingCount: (role) => s.filingCount?.[role] ?? 0,
    partyInspectionCount: (role) => s.findingCount?.[role] ?? 0,
    partyFindingCount: (role) => s.findingCount?.[role] ?? 0,
    medianValuePerKg: (hs6, origin) => s.medians?.[`${hs6}|${origin ?? ''}`] ?? null,
  };
}
