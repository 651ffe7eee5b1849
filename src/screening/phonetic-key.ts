// A consonant-skeleton phonetic key tuned for transliterated names rather than English words.
// Romanisations of one name differ mostly in vowels, doubled letters and a few digraphs
// (Mohammed / Muhammad / Mohamad, Qadhafi / Gaddafi / Kadhafi, Yusuf / Youssef), so the key
// keeps the first sound, drops vowels and h/w/y after it, merges sound-alike consonants and
// collapses repeats. Input is a folded token (ASCII lower case).

const DIGRAPHS: [RegExp, string][] = [
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/kh/g, 'k'],
  [/gh/g, 'g'],
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/zh/g, 'j'],
  [/dj/g, 'j'],
  [/dzh/g, 'j'],
  [/sch/g, 's'],
  [/sh/g, 's'],
  [/ch/g, 'c'],
  [/ts/g, 's'],
  [/tz/g, 's'],
  [/ou/g, 'u'],
];

const CLASS: Partial<Record<string, string>> = {
  b: 'B', p: 'B', f: 'F', v: 'F', w: '', c: 'K', k: 'K', q: 'K', g: 'K', j: 'J', d: 'T', t: 'T',
  s: 'S', z: 'S', x: 'S', l: 'L', r: 'R', m: 'M', n: 'N', h: '', y: '',
  a: '', e: '', i: '', o: '', u: '',
};

/** Phonetic key of a folded token; empty for tokens without letters. */
export function phoneticKey(token: string): string {
  if (!/^[a-z]/.test(token)) return '';
  let s = token;
  for (const [re, rep] of DIGRAPHS) s = s.replace(re, rep);
  const first = s.charAt(0);
  // The first sound is kept; leading vowels (and h, y, w) all become one vowel marker.
  let key = 'aeiouhyw'.includes(first) ? 'A' : (CLASS[first] ?? first.toUpperCase());
  let last = key;
  for (let i = 1; i < s.length; i++) {
    const ch = s.charAt(i);
    const c = CLASS[ch];
    if (c === undefined) continue; // digits and anything else
    if (c === '') {
      last = '';
      continue;
    }
    if (c !== last) key += c;
    last = c;
  }
  return key;
}
