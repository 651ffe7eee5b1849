// Reads a labelled (or unlabelled) file through an ingest CSV profile into filing keys and
// recorded outcomes. Every row goes through the canonical record: profile → FilingInput →
// validateFiling. Bad values do not crash and do not drop the row: fields the validator
// rejects are removed (they become missing features) and the row is validated again.
import { readCsv, csvProfile } from '../ingest/index.js';
import { validateFiling, type Filing } from '../records/index.js';
import { filingKeys, type FilingKeys } from './features/filing-keys.js';
import type { Outcome } from './features/feature-builder.js';

export interface ProfileRows {
  keys: FilingKeys[];
  /** Recorded outcome per row; undefined when the file has no label columns. */
  outcomes: Array<Outcome | undefined>;
  /** Rows that needed fields removed to validate. */
  repaired: number;
  /** Rows that could not be read at all (e.g. ragged lines), with reasons. */
  skipped: string[];
}

/** An HS code placeholder for rows whose code is unusable; the keys then mark HS as missing. */
const HS_PLACEHOLDER = '000000';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function removePath(root: unknown, path: string[]): void {
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isRecord(node)) node = node[seg];
    else return;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else if (isRecord(node)) delete node[last];
}

/** Validates, repairing by dropping rejected fields; undefined only if the record stays invalid. */
export function repairFiling(input: unknown): { filing: Filing; hsKnown: boolean; repaired: boolean } | undefined {
  const first = validateFiling(input);
  if (first.ok) return { filing: first.filing, hsKnown: true, repaired: false };
  const copy: unknown = structuredClone(input);
  let hsKnown = true;
  // Remove deepest paths first so array indices of earlier problems stay valid.
  const paths = first.problems.map((p) => p.path.split('.')).sort((a, b) => b.length - a.length || b.join('.').localeCompare(a.join('.')));
  for (const path of paths) {
    if (path[path.length - 1] === 'hsCode' && path[0] === 'goods') {
      const goods = isRecord(copy) ? copy.goods : undefined;
      const item = Array.isArray(goods) ? goods[Number(path[1])] : undefined;
      if (isRecord(item)) item.hsCode = HS_PLACEHOLDER;
      hsKnown = false;
    } else if (path.length > 0 && path[0] !== '') removePath(copy, path);
  }
  const second = validateFiling(copy);
  return second.ok ? { filing: second.filing, hsKnown, repaired: true } : undefined;
}

function outcomeOf(filing: Filing): Outcome | undefined {
  const o = filing.recordedOutcome;
  return o === undefined ? undefined : { fraud: o.fraud, critical: o.criticalFraud };
}

export function keysFromFiling(filing: Filing, hsKnown = true): { keys: FilingKeys; outcome: Outcome | undefined } {
  return { keys: filingKeys(filing, hsKnown), outcome: outcomeOf(filing) };
}

export async function readProfileFile(file: string, profileName: string): Promise<ProfileRows> {
  const profile = csvProfile(profileName);
  const out: ProfileRows = { keys: [], outcomes: [], repaired: 0, skipped: [] };
  for await (const item of readCsv(file, profile)) {
    if ('error' in item) {
      out.skipped.push(`record ${item.index + 1}: ${item.error.reason}`);
      continue;
    }
    const r = repairFiling(item.value);
    if (!r) {
      out.skipped.push(`record ${item.index + 1}: not a usable filing`);
      continue;
    }
    if (r.repaired) out.repaired++;
    const { keys, outcome } = keysFromFiling(r.filing, r.hsKnown);
    out.keys.push(keys);
    out.outcomes.push(outcome);
  }
  return out;
}
