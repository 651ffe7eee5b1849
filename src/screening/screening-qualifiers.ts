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

/** Compares a query date of birth with the listed ones (any may be partial). */
export function dobQualifier(query: string | null, listed: string[]): Feature | null {
  if (!query || listed.length === 0) return null;
  const q = parts(query);
  let best: Feature | null = null;
  const rank = (f: Feature) => f.delta;
  for (const l of listed) {
    const r = parts(l);
    let f: Feature;
    if (q.y === r.y) {
      if (q.m && r.m && q.day && r.day && (q.m !== r.m || q.day !== r.day)) {
        f = { feature: 'dob_day_mismatch', delta: -0.05, detail: `born ${query}, listed ${l}` };
      } else if (q.m && r.m && q.day && r.day) f = { feature: 'dob_match', delta: 0.05, detail: `born ${l}` };
      else f = { feature: 'dob_year_match', delta: 0.02, detail: `born ${query}, listed ${l}` };
    } else if (Math.abs(q.y - r.y) <= 1) {
      f = { feature: 'dob_year_near', delta: -0.04, detail: `born ${query}, listed ${l}` };
    } else {
      f = { feature: 'dob_year_mismatch', delta: -0.15, detail: `born ${query}, listed ${l}` };
    }
    if (!best || rank(f) > rank(best)) best = f;
  }
  return best;
}

/** Compares a query nationality/country with the listed countries. */
export function countryQualifier(query: string | null, listed: string[]): Feature | null {
  if (!query || listed.length === 0) return null;
  if (listed.includes(query)) return { feature: 'country_match', delta: 0.02, detail: query };
  return { feature: 'country_mismatch', delta: -0.1, detail: `${query} not in ${listed.join(', ')}` };
}
