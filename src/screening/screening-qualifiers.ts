// Qualifiers: evidence beyond the name that raises or lowers a person's score. Like
// logic-v2, they are subtractive when the facts disagree and only nudge when they agree,
// so a matching date of birth never turns a weak name match into an alert.

export interface Feature {
  feature: string;
  delta: number;
  detail?: string;
}

interface DateParts {
  y: number;
  m: number;
  day: number;
}

const partsCache = new Map<string, DateParts>();

/** Year, month and day of an ISO (partial) date; 0 for missing parts. Cached: listed dates repeat. */
function parts(d: string): DateParts {
  let p = partsCache.get(d);
  if (!p) {
    p = { y: Number(d.slice(0, 4)) || 0, m: Number(d.slice(5, 7)) || 0, day: Number(d.slice(8, 10)) || 0 };
    if (partsCache.size > 100_000) partsCache.clear();
    partsCache.set(d, p);
  }
  return p;
}

/** Compares a query date of birth with the listed ones (any may be partial); the closest wins. */
export function dobQualifier(query: string | null, listed: string[]): Feature | null {
  if (!query || listed.length === 0) return null;
  const q = parts(query);
  let bestDelta = -Infinity;
  let bestKind = '';
  let bestDate = '';
  for (const l of listed) {
    const r = parts(l);
    let delta: number;
    let kind: string;
    if (q.y === r.y) {
      const full = q.m > 0 && r.m > 0 && q.day > 0 && r.day > 0;
      if (full && (q.m !== r.m || q.day !== r.day)) [delta, kind] = [-0.05, 'dob_day_mismatch'];
      else if (full) [delta, kind] = [0.05, 'dob_match'];
      else [delta, kind] = [0.02, 'dob_year_match'];
    } else if (Math.abs(q.y - r.y) <= 1) [delta, kind] = [-0.04, 'dob_year_near'];
    else [delta, kind] = [-0.15, 'dob_year_mismatch'];
    if (delta > bestDelta) [bestDelta, bestKind, bestDate] = [delta, kind, l];
  }
  return { feature: bestKind, delta: bestDelta, detail: `born ${query}, listed ${bestDate}` };
}

/** Compares a query nationality/country with the listed countries. */
export function countryQualifier(query: string | null, listed: string[]): Feature | null {
  if (!query || listed.length === 0) return null;
  if (listed.includes(query)) return { feature: 'country_match', delta: 0.02, detail: query };
  return { feature: 'country_mismatch', delta: -0.1, detail: `${query} not in ${listed.join(', ')}` };
}
