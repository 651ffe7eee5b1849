// The node's own lookouts: names an analyst wants flagged, with an owner, a reason and an
// expiry. Accepted as JSON (array or lines) or CSV with a header, validated with zod.
import { z } from 'zod';
import { parse } from 'csv-parse/sync';
import { validationFailed } from '../platform/index.js';
import { countryCodeOf } from './country-names.js';
import { IDENTIFIER_KINDS, type WatchlistEntry } from './watchlist-entry.js';

export const lookoutInputSchema = z.strictObject({
  id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
  name: z.string().trim().min(1).max(300),
  type: z.enum(['person', 'organization', 'vessel', 'aircraft', 'unknown']).default('unknown'),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  owner: z.string().trim().min(1).max(120),
  reason: z.string().trim().min(1).max(1000),
  expiresAt: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
  birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD').optional(),
  country: z.string().optional(),
  identifiers: z.array(z.strictObject({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().trim().min(1).max(64) })).max(20).default([]),
});
export type LookoutInput = z.input<typeof lookoutInputSchema>;
export type Lookout = z.output<typeof lookoutInputSchema>;

export function parseLookout(input: unknown, where = 'lookout'): Lookout {
  const r = lookoutInputSchema.safeParse(input);
  if (!r.success) {
    throw validationFailed(`${where}: ${r.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`, r.error.issues);
  }
  return r.data;
}

export function lookoutToEntry(l: Lookout): WatchlistEntry {
  const country = l.country ? countryCodeOf(l.country) : null;
  return {
    id: `lookout:${l.id}`,
    list: 'lookout',
    type: l.type,
    names: [{ name: l.name, strength: 'primary' }, ...l.aliases.map((name) => ({ name, strength: 'alias' as const }))],
    identifiers: l.identifiers,
    birthDates: l.birthDate ? [l.birthDate] : [],
    countries: country ? [country] : [],
    programs: [`owner:${l.owner}`],
    remarks: l.reason,
  };
}

/** Parses a lookout file: JSON array, JSON lines, or CSV (id,name,type,owner,reason,expiresAt,birthDate,country,aliases with ; between aliases). */
export function parseLookoutFile(text: string, file = 'lookouts'): Lookout[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(t);
    } catch {
      throw validationFailed(`${file}: not valid JSON`);
    }
    if (!Array.isArray(arr)) throw validationFailed(`${file}: expected a JSON array of lookouts`);
    return arr.map((x, i) => parseLookout(x, `${file} item ${i + 1}`));
  }
  if (t.startsWith('{')) return t.split('\n').filter((l) => l.trim()).map((l, i) => {
    let obj: unknown;
    try {
      obj = JSON.parse(l);
    } catch {
      throw validationFailed(`${file}: line ${i + 1} is not valid JSON`);
    }
    return parseLookout(obj, `${file} line ${i + 1}`);
  });
  let rows: Record<string, string>[];
  try {
    rows = parse(t, { columns: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw validationFailed(`${file}: not a readable CSV file (${err instanceof Error ? err.message : String(err)})`);
  }
  return rows.map((r, i) => {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (v === '') continue;
      obj[k] = k === 'aliases' ? v.split(';').map((s) => s.trim()).filter(Boolean) : v;
    }
    return parseLookout(obj, `${file} row ${i + 2}`);
  });
}
