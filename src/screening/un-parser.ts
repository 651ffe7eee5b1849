// UN Security Council consolidated list (XML: CONSOLIDATED_LIST / INDIVIDUALS / ENTITIES).
// The file is validated before parsing so a truncated download is reported with its line,
// instead of yielding a silently shorter list.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validationFailed } from '../platform/index.js';
import { countryCodeOf } from './country-names.js';
import { parseLooseDate, type EntryIdentifier, type EntryName, type ParsedList, type WatchlistEntry } from './watchlist-entry.js';

const ARRAYS = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'VALUE', 'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT', 'NATIONALITY', 'ENTITY_ADDRESS', 'INDIVIDUAL_ADDRESS',
]);

type XmlNode = Record<string, unknown>;

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nodes(v: unknown): XmlNode[] {
  return Array.isArray(v) ? v.filter(isNode) : isNode(v) ? [v] : [];
}

function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  return '';
}

function values(node: XmlNode, key: string): string[] {
  return nodes(node[key]).flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE.map(str) : [str(n.VALUE)])).filter(Boolean);
}

function aliasNames(node: XmlNode, key: string): EntryName[] {
  const out: EntryName[] = [];
  for (const a of nodes(node[key])) {
    const name = str(a.ALIAS_NAME);
    if (!name) continue;
    out.push({ name, strength: str(a.QUALITY).toLowerCase() === 'low' ? 'weak' : 'alias' });
  }
  return out;
}

function birthDates(node: XmlNode): string[] {
  const out: string[] = [];
  for (const d of nodes(node.INDIVIDUAL_DATE_OF_BIRTH)) {
    const date = parseLooseDate(str(d.DATE)) ?? parseLooseDate(str(d.YEAR)) ?? parseLooseDate(str(d.FROM_YEAR));
    if (date) out.push(date);
  }
  return out;
}

function documents(node: XmlNode): EntryIdentifier[] {
  const out: EntryIdentifier[] = [];
  for (const d of nodes(node.INDIVIDUAL_DOCUMENT)) {
    const value = str(d.NUMBER);
    if (!value) continue;
    const type = str(d.TYPE_OF_DOCUMENT).toLowerCase();
    const kind = /pas/.test(type) ? 'passport' : /national|ident/.test(type) ? 'national_id' : 'other';
    const country = countryCodeOf(str(d.ISSUING_COUNTRY) || str(d.COUNTRY_OF_ISSUE));
    out.push({ kind, value, ...(country ? { country } : {}) });
  }
  return out;
}

function programs(node: XmlNode): string[] {
  const t = str(node.UN_LIST_TYPE);
  return t ? [t] : [];
}

/** Parses the UN consolidated list XML text. */
export function parseUnXml(xml: string, file = 'UN XML'): ParsedList {
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    // Unclosed elements at the end are reported as a list of open tags: a truncated file.
    const open = /^Invalid '\[(.*)\]' found/s.exec(check.err.msg)?.[1];
    if (open) {
      const tags = open.replace(/[\s"]/g, '').split(',').filter(Boolean);
      throw validationFailed(`${file}: the XML ends before <${tags.join('>, <')}> are closed (truncated file?)`, { openElements: tags });
    }
    throw validationFailed(`${file}: malformed XML at line ${check.err.line}: ${check.err.msg}`, { line: check.err.line });
  }
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ARRAYS.has(name) });
  const doc: unknown = parser.parse(xml);
  const root = isNode(doc) ? doc.CONSOLIDATED_LIST : undefined;
  if (!isNode(root)) throw validationFailed(`${file}: no CONSOLIDATED_LIST element; not a UN consolidated list`);
  const warnings: string[] = [];
  const entries: WatchlistEntry[] = [];
  const seen = new Set<string>();
  const add = (e: WatchlistEntry) => {
    if (seen.has(e.id)) {
      warnings.push(`${file}: duplicate reference number ${e.id} ignored`);
      return;
    }
    seen.add(e.id);
    entries.push(e);
  };
  const individuals = isNode(root.INDIVIDUALS) ? nodes(root.INDIVIDUALS.INDIVIDUAL) : [];
  for (const n of individuals) {
    const ref = str(n.REFERENCE_NUMBER);
    const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => str(n[k])).filter(Boolean).join(' ');
    if (!ref || !name) {
      warnings.push(`${file}: individual without reference number or name skipped (${str(n.DATAID)})`);
      continue;
    }
    const original = str(n.NAME_ORIGINAL_SCRIPT);
    add({
      id: `un:${ref}`,
      list: 'un',
      type: 'person',
      names: [{ name, strength: 'primary' }, ...(original ? [{ name: original, strength: 'alias' as const }] : []), ...aliasNames(n, 'INDIVIDUAL_ALIAS')],
      identifiers: documents(n),
      birthDates: birthDates(n),
      countries: [...new Set(values(n, 'NATIONALITY').map(countryCodeOf).filter((c): c is string => c !== null))],
      programs: programs(n),
      ...(str(n.COMMENTS1) ? { remarks: str(n.COMMENTS1) } : {}),
    });
  }
  const entities = isNode(root.ENTITIES) ? nodes(root.ENTITIES.ENTITY) : [];
  for (const n of entities) {
    const ref = str(n.REFERENCE_NUMBER);
    const name = str(n.FIRST_NAME);
    if (!ref || !name) {
      warnings.push(`${file}: entity without reference number or name skipped (${str(n.DATAID)})`);
      continue;
    }
    const countries = nodes(n.ENTITY_ADDRESS).map((a) => countryCodeOf(str(a.COUNTRY))).filter((c): c is string => c !== null);
    add({
      id: `un:${ref}`,
      list: 'un',
      type: 'organization',
      names: [{ name, strength: 'primary' }, ...aliasNames(n, 'ENTITY_ALIAS')],
      identifiers: [],
      birthDates: [],
      countries: [...new Set(countries)],
      programs: programs(n),
      ...(str(n.COMMENTS1) ? { remarks: str(n.COMMENTS1) } : {}),
    });
  }
  if (entries.length === 0) throw validationFailed(`${file}: the list holds no individuals or entities`);
  return { list: 'un', entries, warnings };
}
