// INDEX_DIR: a built screening index on disk. entries.json holds the parsed lists, names.json
// the analysed names (so loading skips analysis), manifest.json the list versions. A folder is
// written to a temporary sibling and renamed, so a failed build never leaves half an index.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { z } from 'zod';
import { validationFailed } from '../platform/index.js';
import { NameIndex, analyseEntries, type AnalysedNames } from './name-index.js';
import { listVersion } from './list-version.js';
import { watchlistEntrySchema, type ParsedList, type WatchlistEntry } from './watchlist-entry.js';

export const INDEX_FORMAT = 'tandem-screening-index/1';

const manifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  builtAt: z.string(),
  names: z.number(),
  lists: z.array(z.object({ list: z.string(), source: z.string(), version: z.string(), entries: z.number(), warnings: z.array(z.string()) })),
});
export type IndexManifest = z.infer<typeof manifestSchema>;

export interface BuiltIndex {
  index: NameIndex;
  manifest: IndexManifest;
}

export function buildIndex(sources: { source: string; parsed: ParsedList }[], now = new Date()): BuiltIndex {
  const seen = new Set<string>();
  const entries: WatchlistEntry[] = [];
  for (const { parsed } of sources) {
    for (const e of parsed.entries) {
      if (seen.has(e.id)) continue; // the same list given twice: first wins
      seen.add(e.id);
      entries.push(e);
    }
  }
  const names = analyseEntries(entries);
  const index = new NameIndex(entries, names);
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    builtAt: now.toISOString(),
    names: index.nameCount,
    lists: sources.map(({ source, parsed }) => ({
      list: parsed.list,
      source,
      version: listVersion(parsed.entries),
      entries: parsed.entries.length,
      warnings: parsed.warnings.slice(0, 50),
    })),
  };
  return { index, manifest };
}

export function writeIndexDir(dir: string, built: BuiltIndex): void {
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'entries.json'), JSON.stringify(built.index.entries));
  writeFileSync(join(tmp, 'names.json'), JSON.stringify(built.index.names));
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(built.manifest, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

const namesSchema = z.object({
  entity: z.array(z.number()),
  mode: z.array(z.number()),
  strength: z.array(z.number()),
  nameNo: z.array(z.number()),
  tokens: z.array(z.array(z.string())),
  kinds: z.array(z.array(z.number())),
});

function readJson(path: string): unknown {
  if (!existsSync(path)) throw validationFailed(`${path} is missing; is this a folder written by "tandem screen build"?`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw validationFailed(`${path} is not valid JSON (damaged index; rebuild it)`);
  }
}

export function readIndexDir(dir: string): BuiltIndex {
  const m = manifestSchema.safeParse(readJson(join(dir, 'manifest.json')));
  if (!m.success) throw validationFailed(`${dir}: not a ${INDEX_FORMAT} index (manifest does not match)`);
  const entries = readJson(join(dir, 'entries.json'));
  if (!Array.isArray(entries)) throw validationFailed(`${dir}/entries.json: expected an array of entries`);
  const names = namesSchema.safeParse(readJson(join(dir, 'names.json')));
  if (!names.success) throw validationFailed(`${dir}/names.json does not match the index format`);
  const parsed = z.array(watchlistEntrySchema).safeParse(entries);
  if (!parsed.success) throw validationFailed(`${dir}/entries.json holds malformed entries`);
  const typed: WatchlistEntry[] = parsed.data;
  const analysed: AnalysedNames = names.data;
  return { index: new NameIndex(typed, analysed), manifest: m.data };
}
