// The list-neutral shape every imported watchlist is parsed into. Matching, storage and
// review all work on this shape; the parsers are the only code that knows a list's format.
import { z } from 'zod';
import { contentHash } from '../platform/index.js';

export const ENTITY_TYPES = ['person', 'organization', 'vessel', 'aircraft', 'unknown'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const IDENTIFIER_KINDS = ['imo', 'passport', 'national_id', 'registration', 'other'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface EntryName {
  name: string;
  /** primary: the listed name; alias: a strong a.k.a./f.k.a.; weak: a low-quality alias. */
  strength: 'primary' | 'alias' | 'weak';
}

export interface EntryIdentifier {
  kind: IdentifierKind;
  value: string;
  country?: string;
}

export interface WatchlistEntry {
  /** e.g. `ofac:2674`, `un:QDi.001`, `ftm:NK-…`, `lookout:…`. */
  id: string;
  list: string;
  type: EntityType;
  names: EntryName[];
  identifiers: EntryIdentifier[];
  /** ISO dates, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDates: string[];
  /** ISO 3166-1 alpha-2 codes (nationality, citizenship, flag, registration). */
  countries: string[];
  programs: string[];
  remarks?: string;
}

/** A list as parsed from one source file (or set of files), before versioning. */
export interface ParsedList {
  list: string;
  entries: WatchlistEntry[];
  /** Problems that did not stop the import (orphan aliases, unparseable dates…). */
  warnings: string[];
}

export function entryContentHash(entry: WatchlistEntry): string {
  return contentHash(entry);
}

/** Normalises an identifier for exact comparison: upper case, no spaces, dashes, dots or slashes. */
export function normaliseIdentifier(value: string): string {
  return value
    .toUpperCase()
    .replace(/^IMO\s*/, '')
    .replace(/[\s\-./_:,]/g, '');
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** Parses "10 Dec 1948", "Dec 1948", "1948", "circa 1948", "1948-12-10" into ISO (partial) dates. */
export function parseLooseDate(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/^(circa|approximately|about|c\.)\s*/, '');
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t);
  if (m) return [m[1], m[2], m[3]].filter((x) => x !== undefined).join('-');
  m = /^(\d{1,2}) ([a-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (m && m[2] && MONTHS[m[2]]) return `${m[3]}-${MONTHS[m[2]]}-${(m[1] ?? '').padStart(2, '0')}`;
  m = /^([a-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (m && m[1] && MONTHS[m[1]]) return `${m[2]}-${MONTHS[m[1]]}`;
  m = /^(\d{4}) to (\d{4})$/.exec(t);
  if (m) return m[1] ?? null;
  return null;
}

/** Schema for stored entries (database documents, index folders): parsed, never cast. */
export const watchlistEntrySchema = z.object({
  id: z.string(),
  list: z.string(),
  type: z.enum(ENTITY_TYPES),
  names: z.array(z.object({ name: z.string(), strength: z.enum(['primary', 'alias', 'weak']) })),
  identifiers: z.array(z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string(), country: z.string().optional() })),
  birthDates: z.array(z.string()),
  countries: z.array(z.string()),
  programs: z.array(z.string()),
  remarks: z.string().optional(),
});
