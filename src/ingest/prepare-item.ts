// One untrusted record checked and prepared for storage: pure, and light to load (no storage
// code), so the same function runs in a request, in the CLI, and on the bulk ingest's worker.
import { validateFiling, prepareFiling, type FieldProblem, type PreparedFiling } from '../records/preparation.js';

export type IngestItem = { index: number; value: unknown } | { index: number; error: FieldProblem };

/** A record validated and prepared for storage, or its problems. Plain data (crosses threads). */
export type PreparedItem = { index: number; prepared: PreparedFiling } | { index: number; reference?: string; problems: FieldProblem[] };

function referenceOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'reference' in value && typeof value.reference === 'string') {
    return value.reference.slice(0, 64);
  }
  return undefined;
}

/** Validation and preparation of one record: pure, so it can run on a worker thread. */
export function prepareItem(item: IngestItem): PreparedItem {
  if ('error' in item) return { index: item.index, problems: [item.error] };
  const v = validateFiling(item.value);
  if (!v.ok) {
    const reference = referenceOf(item.value);
    return { index: item.index, ...(reference ? { reference } : {}), problems: v.problems };
  }
  return { index: item.index, prepared: prepareFiling({ index: item.index, filing: v.filing, warnings: v.warnings }) };
}

