// CSV column-mapping profiles: how the columns of one outside CSV layout become a canonical
// filing. A profile names the columns it requires (a file missing one is refused as a whole,
// naming the column) and maps one row to a FilingInput, which the records validator then checks.
import type { FilingInput } from '../records/index.js';

export type CsvRow = Readonly<Record<string, string>>;

export interface CsvProfile {
  name: string;
  description: string;
  /** Columns that must be in the header. */
  requiredColumns: readonly string[];
  /** Columns that may be absent (e.g. labels when scoring unlabelled data). */
  optionalColumns: readonly string[];
  toFiling(row: CsvRow): FilingInput;
}

/** Empty cells, whitespace and the usual null markers become undefined. */
export function cell(row: CsvRow, column: string): string | undefined {
  const v = row[column];
  if (v === undefined) return undefined;
  const t = v.trim();
  if (t === '' || t === '-0-' || t.toUpperCase() === 'NA' || t.toUpperCase() === 'NULL') return undefined;
  return t;
}

/** A number cell; unparsable text is returned as NaN so the validator names the field. */
export function numberCell(row: CsvRow, column: string): number | undefined {
  const v = cell(row, column);
  if (v === undefined) return undefined;
  const n = Number(v);
  return n;
}
