// Reads a list from a `kind:PATH` specification, as the CLI and the evaluation harness name them:
// ofac:DIR (sdn.csv, alt.csv, add.csv), un:FILE.xml, ftm:FILE (JSON lines), lookout:FILE (CSV/JSON).
import { readFileSync, existsSync, statSync } from 'node:fs';
import { validationFailed } from '../platform/index.js';
import { parseOfacDirectory } from './ofac-parser.js';
import { parseUnXml } from './un-parser.js';
import { parseFtmLines } from './ftm-parser.js';
import { lookoutToEntry, parseLookoutFile } from './lookout-parser.js';
import type { ParsedList } from './watchlist-entry.js';

export const LIST_KINDS = ['ofac', 'un', 'ftm', 'lookout'] as const;

export function loadListSource(spec: string): ParsedList {
  const m = /^([a-z]+):(.+)$/.exec(spec);
  if (!m || !m[1] || !m[2]) throw validationFailed(`list "${spec}" must be written KIND:PATH with KIND one of ${LIST_KINDS.join(', ')}`);
  const kind = m[1];
  const path = m[2];
  if (!existsSync(path)) throw validationFailed(`list ${kind}: ${path} does not exist`);
  switch (kind) {
    case 'ofac':
      if (!statSync(path).isDirectory()) throw validationFailed(`list ofac: ${path} must be a folder holding sdn.csv (and alt.csv, add.csv)`);
      return parseOfacDirectory(path);
    case 'un':
      return parseUnXml(readFileSync(path, 'utf8'), path);
    case 'ftm':
      return parseFtmLines(readFileSync(path, 'utf8'), path);
    case 'lookout':
      return { list: 'lookout', entries: parseLookoutFile(readFileSync(path, 'utf8'), path).map(lookoutToEntry), warnings: [] };
    default:
      throw validationFailed(`list kind "${kind}" is not known; use one of ${LIST_KINDS.join(', ')}`);
  }
}
