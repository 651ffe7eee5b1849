// Country names (as written in OFAC remarks, UN nationality fields, FtM and query files) to
// ISO 3166-1 alpha-2 codes. English names come from Intl.DisplayNames; the extra table covers
// the long official forms the lists use.
import { isCountryCode } from '../records/index.js';

const EXTRA: Record<string, string> = {
  'russian federation': 'RU', 'iran islamic republic of': 'IR', 'syrian arab republic': 'SY',
  'democratic peoples republic of korea': 'KP', 'north korea': 'KP', 'korea north': 'KP', 'south korea': 'KR',
  'republic of korea': 'KR', 'korea south': 'KR', 'democratic republic of the congo': 'CD', 'congo democratic republic of the': 'CD',
  'republic of the congo': 'CG', 'lao peoples democratic republic': 'LA', 'united republic of tanzania': 'TZ',
  'viet nam': 'VN', 'bolivia plurinational state of': 'BO', 'venezuela bolivarian republic of': 'VE',
  'united states of america': 'US', 'usa': 'US', 'united states': 'US', 'uk': 'GB', 'united kingdom of great britain and northern ireland': 'GB',
  'burma': 'MM', 'turkiye': 'TR', 'turkey': 'TR', 'ivory coast': 'CI', 'cote divoire': 'CI', 'palestinian': 'PS',
  'palestinian territory': 'PS', 'state of palestine': 'PS', 'west bank': 'PS', 'gaza': 'PS', 'the gambia': 'GM',
  'republic of moldova': 'MD', 'moldova republic of': 'MD', 'kyrgyz republic': 'KG', 'czech republic': 'CZ',
  'macedonia': 'MK', 'north macedonia': 'MK', 'swaziland': 'SZ', 'cape verde': 'CV', 'holland': 'NL',
  'crimea region of ukraine': 'UA', 'region ukraine': 'UA', 'taiwan province of china': 'TW', 'hong kong sar': 'HK',
};

function fold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\(([^)]*)\)/g, ' $1 ')
    .replace(/[^a-z ]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_NAME: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!isCountryCode(code)) continue;
      let label: string | undefined;
      try {
        label = names.of(code);
      } catch {
        label = undefined;
      }
      if (label && label !== code) m.set(fold(label), code);
    }
  }
  for (const [k, v] of Object.entries(EXTRA)) m.set(fold(k), v);
  return m;
})();

const CODES = new Set(BY_NAME.values());

/** ISO alpha-2 code for a country name or code, or null when unknown. */
export function countryCodeOf(text: string): string | null {
  const t = text.trim();
  if (t.length === 0) return null;
  if (/^[A-Za-z]{2}$/.test(t)) {
    const up = t.toUpperCase();
    return CODES.has(up) ? up : null;
  }
  return BY_NAME.get(fold(t)) ?? null;
}
