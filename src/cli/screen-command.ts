// `tandem screen build|query`: build a screening index from list files into a folder, and
// screen a CSV of names against it. Bad rows get a clear per-row error; the run goes on.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  ENTITY_TYPES,
  buildIndex,
  loadListSource,
  nameProblem,
  readIndexDir,
  screenQuery,
  writeIndexDir,
  type EntityType,
  type ScreeningQuery,
} from '../screening/index.js';
import { systemActor } from '../platform/index.js';
import { action, withDataDir, withNode } from './cli-support.js';

const QUERY_COLUMNS = ['id', 'name', 'type', 'dob', 'country'];
const QUERY_TYPES = new Set<string>(['person', 'organization', 'vessel', 'aircraft']);

function isEntityType(v: string): v is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(v);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Turns one input row into a query, or a reason why it cannot be screened. */
export function rowToQuery(row: Record<string, string>): ScreeningQuery | string {
  const name = row.name ?? '';
  const problem = nameProblem(name);
  if (problem) return problem;
  const type = (row.type ?? '').trim().toLowerCase();
  if (type && !QUERY_TYPES.has(type)) return `type "${type}" is not one of person, organization, vessel, aircraft (or empty)`;
  const dob = (row.dob ?? '').trim();
  if (dob && !/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/.test(dob)) return `dob "${dob.slice(0, 40)}" is not YYYY, YYYY-MM or YYYY-MM-DD`;
  const identifiers: NonNullable<ScreeningQuery['identifiers']> = [];
  if (row.imo?.trim()) identifiers.push({ kind: 'imo', value: row.imo.trim() });
  if (row.passport?.trim()) identifiers.push({ kind: 'passport', value: row.passport.trim() });
  return {
    name,
    type: type && isEntityType(type) ? type : undefined,
    birthDate: dob || undefined,
    country: (row.country ?? '').trim() || undefined,
    identifiers,
  };
}

export function registerScreenCommand(program: Command): void {
  const screen = program.command('screen').description('watchlist screening: build an index from lists, screen names against it');

  screen
    .command('build')
    .description('parse lists and write a screening index folder')
    .requiredOption('--list <kind:path>', 'a list: ofac:DIR, un:FILE.xml, ftm:FILE, lookout:FILE (repeatable)', collect, [])
    .requiredOption('--out <dir>', 'index folder to write (replaced atomically)')
    .action(
      action(async (o: { list: string[]; out: string }) => {
        if (o.list.length === 0) throw new Error('give at least one --list');
        const t0 = performance.now();
        const sources = o.list.map((spec) => ({ source: spec, parsed: loadListSource(spec) }));
        const built = buildIndex(sources);
        writeIndexDir(o.out, built);
        for (const l of built.manifest.lists) {
          process.stdout.write(`${l.list}: ${l.entries} entries, version ${l.version}\n`);
          for (const w of l.warnings) process.stderr.write(`  warning: ${w}\n`);
        }
        process.stdout.write(`${built.manifest.names} names indexed into ${o.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      }),
    );

  withDataDir(
    screen
      .command('import')
      .description("import lists into a node's database: each list is versioned and applied as a delta; a failed update leaves the previous version in force")
      .requiredOption('--list <kind:path>', 'a list: ofac:DIR, un:FILE.xml, ftm:FILE (repeatable)', collect, []),
  ).action(
    action(async (o: { list: string[]; dataDir?: string }) => {
      if (o.list.length === 0) throw new Error('give at least one --list');
      // Parse everything first: a malformed file stops the run before any list is touched.
      const parsed = o.list.map((spec) => ({ spec, list: loadListSource(spec) }));
      await withNode(o, async (node) => {
        const actor = systemActor(node.info.agency, 'screen-import');
        for (const { spec, list } of parsed) {
          const r = await node.screening.importList(actor, list, spec);
          process.stdout.write(`${r.list}: version ${r.version} (was ${r.previousVersion ?? 'none'}): +${r.added} ~${r.changed} -${r.removed}, ${r.unchanged} unchanged\n`);
        }
      });
    }),
  );

  screen
    .command('query')
    .description('screen a CSV of names (header id,name,type,dob,country; optional imo, passport) against an index')
    .requiredOption('--index <dir>', 'index folder written by "screen build"')
    .requiredOption('--input <file>', 'queries CSV')
    .requiredOption('--out <file>', 'results CSV (id,rank,entity_id,list,matched_name,score)')
    .option('--top <n>', 'results per query', (v) => Number.parseInt(v, 10), 10)
    .option('--min-score <x>', 'only results at or above this score', Number.parseFloat, 0)
    .action(
      action(async (o: { index: string; input: string; out: string; top: number; minScore: number }) => {
        if (!Number.isInteger(o.top) || o.top < 1 || o.top > 1000) throw new Error('--top must be an integer from 1 to 1000');
        if (!Number.isFinite(o.minScore) || o.minScore < 0 || o.minScore > 1) throw new Error('--min-score must be between 0 and 1');
        const { index } = readIndexDir(o.index);
        let rows: Record<string, string>[];
        try {
          rows = parse(readFileSync(o.input), { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true });
        } catch (err) {
          throw new Error(`${o.input}: not a readable CSV file (${err instanceof Error ? err.message : String(err)})`, { cause: err });
        }
        const header = rows[0] ? Object.keys(rows[0]) : [];
        const missing = QUERY_COLUMNS.filter((c) => !header.includes(c));
        if (rows.length > 0 && missing.length > 0) throw new Error(`${o.input}: header must include ${QUERY_COLUMNS.join(',')}; missing ${missing.join(', ')}`);
        const out: (string | number)[][] = [['id', 'rank', 'entity_id', 'list', 'matched_name', 'score']];
        const errors: string[][] = [['id', 'line', 'error']];
        rows.forEach((row, i) => {
          const q = rowToQuery(row);
          if (typeof q === 'string') {
            errors.push([row.id ?? '', String(i + 2), q]);
            return;
          }
          screenQuery(index, q, { top: o.top, minScore: o.minScore, explain: false }).forEach((h, k) => {
            out.push([row.id ?? '', k + 1, h.entryId, h.list, h.matchedName, h.score]);
          });
        });
        writeFileSync(o.out, stringify(out));
        if (errors.length > 1) {
          const errFile = `${o.out}.errors.csv`;
          writeFileSync(errFile, stringify(errors));
          for (const e of errors.slice(1, 21)) process.stderr.write(`line ${e[1]} (id ${e[0]}): ${e[2]}\n`);
          process.stderr.write(`${errors.length - 1} row(s) not screened; see ${errFile}\n`);
        }
        process.stdout.write(`${rows.length - (errors.length - 1)} queries screened, ${out.length - 1} results written to ${o.out}\n`);
      }),
    );
}
