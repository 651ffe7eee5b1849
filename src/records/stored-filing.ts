// The stored form of a filing as other contexts and the API see it.
import { filingSchema, type Filing } from './filing.schema.js';
import type { DataQualityWarning } from './filing-validation.js';
import type { FilingRow } from './records-tables.js';

export interface StoredFiling {
  id: string;
  filerId: string;
  reference: string;
  version: number;
  kind: Filing['kind'];
  office: string | null;
  receivedAt: string;
  deadlineAt: string | null;
  isLatest: boolean;
  contentHash: string;
  filing: Filing;
  warnings: DataQualityWarning[];
}

function parseWarnings(text: string): DataQualityWarning[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) return [];
  const out: DataQualityWarning[] = [];
  for (const w of value) {
    if (typeof w === 'object' && w !== null && 'path' in w && 'code' in w && 'message' in w) {
      const { path, code, message } = w;
      if (
        typeof path === 'string' &&
        typeof message === 'string' &&
        (code === 'container_check_digit' || code === 'imo_check_digit' || code === 'mass_missing' || code === 'value_missing')
      ) {
        out.push({ path, code, message });
      }
    }
  }
  return out;
}

/** Adapter from a row: the document was validated on the way in, and is parsed again on the way out. */
export function fromFilingRow(row: FilingRow): StoredFiling {
  const filing = filingSchema.parse(JSON.parse(row.document));
  return {
    id: row.id,
    filerId: row.filer_id,
    reference: row.reference,
    version: row.version,
    kind: filing.kind,
    office: row.office,
    receivedAt: row.received_at,
    deadlineAt: row.deadline_at,
    isLatest: row.is_latest === 1,
    contentHash: row.content_hash,
    filing,
    warnings: parseWarnings(row.warnings),
  };
}
