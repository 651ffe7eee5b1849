// Profile `kcs`: the public KCS synthetic import declarations (Korea Customs Service, MIT).
// Each row is one import declaration with one goods item. The identifiers of declarant,
// importer, seller and courier are pseudonymous trader codes; they become parties keyed by
// that code, so party history works on them. The two label columns are kept as the recorded
// inspection outcome of the declaration.
import type { FilingInput } from '../records/index.js';
import { cell, numberCell, type CsvProfile, type CsvRow } from './csv-profile.js';

// KCS transport mode codes as used in the dataset.
const KCS_MODES: Record<string, FilingInput['transport']['mode']> = {
  '10': 'sea',
  '20': 'rail',
  '30': 'road',
  '40': 'air',
  '50': 'postal',
  '90': 'other',
};

export const KCS_COLUMNS = [
  'Declaration ID',
  'Date',
  'Office ID',
  'Process Type',
  'Import Type',
  'Import Use',
  'Payment Type',
  'Mode of Transport',
  'Declarant ID',
  'Importer ID',
  'Seller ID',
  'Courier ID',
  'HS6 Code',
  'Country of Departure',
  'Country of Origin',
  'Tax Rate',
  'Tax Type',
  'Country of Origin Indicator',
  'Net Mass',
  'Item Price',
] as const;

export const KCS_LABEL_COLUMNS = ['Fraud', 'Critical Fraud'] as const;

function trader(role: 'declarant' | 'importer' | 'seller', code: string | undefined): NonNullable<FilingInput['parties']> {
  if (code === undefined) return [];
  return [{ role, name: code, identifiers: [{ scheme: 'trader_code', value: code }] }];
}

function kcsToFiling(row: CsvRow): FilingInput {
  const id = cell(row, 'Declaration ID') ?? '';
  const modeCode = cell(row, 'Mode of Transport');
  const mode = modeCode === undefined ? 'other' : (KCS_MODES[modeCode] ?? 'other');
  const departure = cell(row, 'Country of Departure');
  const origin = cell(row, 'Country of Origin');
  const fraud = cell(row, 'Fraud');
  const critical = cell(row, 'Critical Fraud');
  const price = numberCell(row, 'Item Price');
  const hs = cell(row, 'HS6 Code');
  const filing: FilingInput = {
    kind: 'import_declaration',
    filer: { id: 'KCS' },
    reference: id,
    version: 1,
    lodgedAt: cell(row, 'Date'),
    office: cell(row, 'Office ID'),
    parties: [
      ...trader('declarant', cell(row, 'Declarant ID')),
      ...trader('importer', cell(row, 'Importer ID')),
      ...trader('seller', cell(row, 'Seller ID')),
    ],
    goods: [
      {
        sequence: 1,
        // Leading zeros are sometimes lost by spreadsheet round trips; HS chapters 01-09 need them.
        hsCode: hs !== undefined && /^\d{5}$/.test(hs) ? `0${hs}` : (hs ?? ''),
        originCountry: origin,
        netMassKg: numberCell(row, 'Net Mass'),
        value: price === undefined ? undefined : { amount: price, currency: 'KRW' },
        taxRate: numberCell(row, 'Tax Rate'),
      },
    ],
    transport: { mode, departureCountry: departure, routing: departure ? [departure] : [] },
    declaration: {
      processType: cell(row, 'Process Type'),
      importType: cell(row, 'Import Type'),
      importUse: cell(row, 'Import Use'),
      paymentType: cell(row, 'Payment Type'),
      taxType: cell(row, 'Tax Type'),
      originIndicator: cell(row, 'Country of Origin Indicator'),
      courierId: cell(row, 'Courier ID'),
    },
  };
  if (fraud !== undefined || critical !== undefined) {
    filing.recordedOutcome = { source: 'kcs', fraud: fraud === '1', criticalFraud: critical === '2' };
  }
  return filing;
}

export const kcsProfile: CsvProfile = {
  name: 'kcs',
  description: 'KCS synthetic import declarations (one goods item per row, labels as recorded outcomes)',
  requiredColumns: KCS_COLUMNS,
  optionalColumns: KCS_LABEL_COLUMNS,
  toFiling: kcsToFiling,
};
