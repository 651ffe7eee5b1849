import type { Party } from './filing.schema.js';

/**
 * A stable key for "the same party" across filings, used for party history (first seen,
 * counts, past findings). A registered identifier wins over the name; otherwise the folded
 * name plus country. Screening does the fuzzy matching; this is the exact, cheap key.
 */
export function partyKey(party: Pick<Party, 'name' | 'country' | 'identifiers'>): string {
  const id = party.identifiers[0];
  if (id) return `${id.scheme}:${id.value.toUpperCase()}`;
  return `name:${foldName(party.name)}|${party.country ?? ''}`;
}

// The same few thousand traders recur across filings: folded names are remembered (bounded).
const folded = new Map<string, string>();
const MAX_REMEMBERED = 50_000;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Upper case, accents dropped, every run of non-letters and non-digits one space. */
export function foldName(name: string): string {
  let out = folded.get(name);
  if (out !== undefined) return out;
  out = PRINTABLE_ASCII.test(name)
    ? name.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim() // what the general rule gives for ASCII, faster
    : name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toUpperCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
  if (folded.size >= MAX_REMEMBERED) folded.clear();
  folded.set(name, out);
  return out;
}
