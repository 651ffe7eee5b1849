// FollowTheMoney entities as JSON lines (the OpenSanctions export format). Only schemata that
// can be a party or a conveyance are screened; sanctions, ownerships, addresses are skipped.
import { validationFailed } from '../platform/index.js';
import { countryCodeOf } from './country-names.js';
import { parseLooseDate, type EntityType, type EntryIdentifier, type EntryName, type ParsedList, type WatchlistEntry } from './watchlist-entry.js';

const SCHEMA_TYPES: Record<string, EntityType> = {
  Person: 'person',
  Company: 'organization',
  Organization: 'organization',
  LegalEntity: 'organization',
  PublicBody: 'organization',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

function strings(props: Record<string, unknown>, key: string): string[] {
  const v = props[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseFtmLines(text: string, file = 'FtM file'): ParsedList {
  const entries: WatchlistEntry[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t) return;
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch {
      throw validationFailed(`${file}: line ${i + 1} is not valid JSON`, { line: i + 1 });
    }
    if (!isRecord(obj) || typeof obj.id !== 'string' || typeof obj.schema !== 'string' || !isRecord(obj.properties)) {
      throw validationFailed(`${file}: line ${i + 1} is not a FollowTheMoney entity (id, schema, properties)`, { line: i + 1 });
    }
    const type = SCHEMA_TYPES[obj.schema];
    if (!type) return;
    const p = obj.properties;
    const names: EntryName[] = [
      ...strings(p, 'name').map((name, k) => ({ name, strength: k === 0 ? ('primary' as const) : ('alias' as const) })),
      ...strings(p, 'alias').map((name) => ({ name, strength: 'alias' as const })),
      ...strings(p, 'previousName').map((name) => ({ name, strength: 'alias' as const })),
      ...strings(p, 'weakAlias').map((name) => ({ name, strength: 'weak' as const })),
    ];
    if (names.length === 0) {
      warnings.push(`${file}: line ${i + 1}: ${obj.id} has no name and was skipped`);
      return;
    }
    const ids: EntryIdentifier[] = [
      ...strings(p, 'imoNumber').map((value) => ({ kind: 'imo' as const, value })),
      ...strings(p, 'passportNumber').map((value) => ({ kind: 'passport' as const, value })),
      ...strings(p, 'idNumber').map((value) => ({ kind: 'national_id' as const, value })),
      ...['registrationNumber', 'innCode', 'ogrnCode', 'leiCode', 'taxNumber'].flatMap((k) =>
        strings(p, k).map((value) => ({ kind: 'registration' as const, value })),
      ),
    ];
    const countries = ['nationality', 'citizenship', 'country', 'jurisdiction', 'flag']
      .flatMap((k) => strings(p, k))
      .map(countryCodeOf)
      .filter((c): c is string => c !== null);
    entries.push({
      id: `ftm:${obj.id}`,
      list: 'ftm',
      type,
      names,
      identifiers: ids,
      birthDates: strings(p, 'birthDate').map(parseLooseDate).filter((d): d is string => d !== null),
      countries: [...new Set(countries)],
      programs: strings(p, 'program'),
    });
  });
  return { list: 'ftm', entries, warnings };
}
