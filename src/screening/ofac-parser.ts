// OFAC SDN "legacy" CSV files: sdn.csv (12 columns), alt.csv (5) and add.csv (6), without
// header, CRLF, ending with a DOS EOF byte (0x1A); `-0-` marks an empty field. Identifiers,
// dates of birth, nationality and weak aliases live in the free-text remarks.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { validationFailed } from '../platform/index.js';
import { countryCodeOf } from './country-names.js';
import { parseLooseDate, type EntityType, type EntryIdentifier, type ParsedList, type WatchlistEntry } from './watchlist-entry.js';

const SDN_COLUMNS = 12;
const ALT_COLUMNS = 5;
const ADD_COLUMNS = 6;

function clean(v: string | undefined): string {
  const t = (v ?? '').trim();
  return t === '-0-' ? '' : t;
}

/** Parses one OFAC CSV file body; rejects rows whose column count is wrong, naming the line. */
export function parseOfacCsv(text: string, file: string, columns: number): string[][] {
  // The legacy files end with an MS-DOS end-of-file byte (0x1A).
  // eslint-disable-next-line no-control-regex
  const body = text.replace(/\u001a\s*$/, '');
  let rows: string[][];
  try {
    rows = parse(body, { relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
  } catch (err) {
    throw validationFailed(`${file}: not a readable CSV file (${err instanceof Error ? err.message : String(err)})`);
  }
  rows.forEach((row, i) => {
    if (row.length !== columns) {
      throw validationFailed(`${file}: line ${i + 1} has ${row.length} columns, expected ${columns}`, { file, line: i + 1 });
    }
  });
  return rows.map((r) => r.map(clean));
}

function typeOf(sdnType: string): EntityType {
  switch (sdnType.toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'organization';
  }
}

interface RemarkFacts {
  birthDates: string[];
  countries: string[];
  identifiers: EntryIdentifier[];
  weakAliases: string[];
}

/** Reads the facts OFAC writes into remarks: "DOB 10 Dec 1948; Passport 1084010 (Egypt); IMO 7406784; a.k.a. 'BNC'". */
export function parseRemarks(remarks: string): RemarkFacts {
  const facts: RemarkFacts = { birthDates: [], countries: [], identifiers: [], weakAliases: [] };
  for (const raw of remarks.split(';')) {
    const seg = raw.trim().replace(/\.$/, '');
    let m = /^(?:alt\. )?DOB (.+)$/i.exec(seg);
    if (m && m[1]) {
      const d = parseLooseDate(m[1]);
      if (d) facts.birthDates.push(d);
      continue;
    }
    m = /^(?:alt\. )?(?:nationality|citizen) (.+)$/i.exec(seg);
    if (m && m[1]) {
      const c = countryCodeOf(m[1]);
      if (c) facts.countries.push(c);
      continue;
    }
    m = /^(?:alt\. )?(Passport|National ID No\.|Cedula No\.|Identification Number|C\.U\.R\.P\.|NIT #|Registration Number|Registration ID) (.+)$/i.exec(seg);
    if (m && m[1] && m[2]) {
      const label = m[1].toLowerCase();
      const kind = label === 'passport' ? 'passport' : label.startsWith('registration') ? 'registration' : 'national_id';
      const countryText = /\(([^)]*)\)/.exec(m[2])?.[1];
      const country = countryText ? countryCodeOf(countryText) : null;
      // "No.: 0310857," / "Booklet: A5199819" / "D000000483, Diplomatic" → the number itself
      const value = m[2]
        .replace(/\(.*$/, '')
        .replace(/^(?:No\.?|Number|Booklet)\s*:?\s*/i, '')
        .split(/,|\s+(?:issued|expires|and|valid)\b/i)[0]
        ?.trim();
      if (value && /\d/.test(value)) facts.identifiers.push({ kind, value, ...(country ? { country } : {}) });
      continue;
    }
    const akas = seg.matchAll(/[af]\.k\.a\.,? '([^']+)'/gi);
    for (const a of akas) if (a[1]) facts.weakAliases.push(a[1]);
  }
  // Ships carry an IMO ship number; companies an IMO company number (no ship check digit).
  for (const m of remarks.matchAll(/IMO (\d{7})/g)) if (m[1]) facts.identifiers.push({ kind: 'imo', value: m[1] });
  return facts;
}

/** Reads sdn.csv (+ alt.csv and add.csv when present) from a folder. */
export function parseOfacDirectory(dir: string): ParsedList {
  const sdnPath = join(dir, 'sdn.csv');
  if (!existsSync(sdnPath)) throw validationFailed(`${dir}: no sdn.csv in this folder`);
  const warnings: string[] = [];
  const byId = new Map<string, WatchlistEntry>();
  for (const r of parseOfacCsv(readFileSync(sdnPath, 'latin1'), 'sdn.csv', SDN_COLUMNS)) {
    const [entNum, name, sdnType, program, , , , , , flag, , remarks] = r;
    if (!entNum || !/^\d+$/.test(entNum) || !name) {
      warnings.push(`sdn.csv: row without entity number or name skipped (${entNum ?? ''})`);
      continue;
    }
    const facts = parseRemarks(remarks ?? '');
    const type = typeOf(sdnType ?? '');
    if (type !== 'vessel') {
      for (const id of facts.identifiers) if (id.kind === 'imo') id.kind = 'registration';
    }
    const flagCode = flag ? countryCodeOf(flag) : null;
    byId.set(entNum, {
      id: `ofac:${entNum}`,
      list: 'ofac',
      type,
      names: [{ name, strength: 'primary' }, ...facts.weakAliases.map((n) => ({ name: n, strength: 'weak' as const }))],
      identifiers: facts.identifiers,
      birthDates: facts.birthDates,
      countries: [...new Set([...facts.countries, ...(flagCode ? [flagCode] : [])])],
      programs: program ? program.split(/\]\s*\[|[[\]]/).map((p) => p.trim()).filter(Boolean) : [],
      ...(remarks ? { remarks } : {}),
    });
  }
  const altPath = join(dir, 'alt.csv');
  if (existsSync(altPath)) {
    let orphans = 0;
    for (const [entNum, , altType, altName] of parseOfacCsv(readFileSync(altPath, 'latin1'), 'alt.csv', ALT_COLUMNS)) {
      const e = entNum ? byId.get(entNum) : undefined;
      if (!e || !altName) {
        orphans++;
        continue;
      }
      const weak = (altType ?? '').toLowerCase() === 'weak aka';
      e.names.push({ name: altName, strength: weak ? 'weak' : 'alias' });
    }
    if (orphans > 0) warnings.push(`alt.csv: ${orphans} alias rows refer to no entry in sdn.csv and were dropped`);
  }
  const addPath = join(dir, 'add.csv');
  if (existsSync(addPath)) {
    for (const [entNum, , , , country] of parseOfacCsv(readFileSync(addPath, 'latin1'), 'add.csv', ADD_COLUMNS)) {
      const e = entNum ? byId.get(entNum) : undefined;
      const c = country ? countryCodeOf(country) : null;
      // Address countries are weak evidence of nationality; only used when the entry has none.
      if (e && c && e.type !== 'person' && !e.countries.includes(c)) e.countries.push(c);
    }
  }
  return { list: 'ofac', entries: [...byId.values()], warnings };
}
