import type { Party } from './filing.schema.js';

/**
 * A stable key for "the same party" across filings, used for party history (first seen,
 * counts, past findings). A registered identifier wins over the name; otherwise the folded
 * name plus country. Screening does the fuzzy matching; this is the exact, cheap key.
 */
export function partyKey(party: Pick<Party, 'name' | 'country' | 'identifiers'>): string {
  const id = party.identifiers[0];
  if (id) return `${id.scheme}:${id.value.toUpperCase()}`;
  const folded = party.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `name:${folded}|${party.country ?? ''}`;
}
