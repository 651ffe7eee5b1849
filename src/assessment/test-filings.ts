// Small canonical filings for the assessment and targeting tests and the benchmark.
import { validateFiling, type DataQualityWarning, type Filing, type FilingInput } from '../records/index.js';

export function filingInput(reference: string, overrides: Partial<FilingInput> = {}): FilingInput {
  return {
    kind: 'sea_manifest',
    filer: { id: 'MAEU' },
    reference,
    office: 'FRLEH01',
    parties: [
      { role: 'consignee', name: 'Société Générale des Pièces', country: 'FR' },
      { role: 'consignor', name: 'Shenzhen Bright Trading', country: 'CN' },
    ],
    goods: [{ sequence: 1, hsCode: '847130', netMassKg: 100, value: { amount: 5000, currency: 'EUR' }, originCountry: 'CN' }],
    transport: { mode: 'sea', loadingPlace: 'CNSHA', dischargePlace: 'FRLEH', routing: ['CN', 'SG', 'FR'], arrivalTime: '2026-12-01T08:00:00Z' },
    equipment: [{ containerNumber: 'CSQU3054383', seals: ['S1'] }],
    ...overrides,
  };
}

export function validFiling(input: FilingInput): { filing: Filing; warnings: DataQualityWarning[] } {
  const v = validateFiling(input);
  if (!v.ok) throw new Error(`test filing is invalid: ${JSON.stringify(v.problems)}`);
  return { filing: v.filing, warnings: v.warnings };
}
