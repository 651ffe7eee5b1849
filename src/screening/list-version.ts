// List versions and deltas. A list version is the hash of its entries' content hashes, so
// the same content always has the same version whatever the file's order or formatting.
import { sha256Hex } from '../platform/index.js';
import { entryContentHash, type WatchlistEntry } from './watchlist-entry.js';

export function listVersion(entries: WatchlistEntry[]): string {
  const hashes = entries.map((e) => `${e.id}=${entryContentHash(e)}`).sort();
  return sha256Hex(hashes.join('\n')).slice(0, 32);
}

export interface ListDelta {
  added: WatchlistEntry[];
  changed: WatchlistEntry[];
  removed: string[];
  unchanged: number;
}

/** Difference between the stored entry hashes of a list and a newly parsed version. */
export function diffList(previous: Map<string, string>, next: WatchlistEntry[]): ListDelta {
  const delta: ListDelta = { added: [], changed: [], removed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const e of next) {
    seen.add(e.id);
    const before = previous.get(e.id);
    if (before === undefined) delta.added.push(e);
    else if (before !== entryContentHash(e)) delta.changed.push(e);
    else delta.unchanged++;
  }
  for (const id of previous.keys()) if (!seen.has(id)) delta.removed.push(id);
  return delta;
}
