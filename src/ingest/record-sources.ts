// Readers that turn files into a stream of records for ingest, one item per record, with
// per-record errors (bad UTF-8, bad JSON, ragged CSV rows) instead of failing the file.
// A file that cannot be read at all (missing, a CSV without a required column) throws.
import { createReadStream, statSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import { validationFailed } from '../platform/index.js';
import type { IngestItem } from './prepare-item.js';
import { MAX_LINE_BYTES, NdjsonLineSplitter, decodeLine, parseRawLine } from './ndjson-lines.js';
import type { CsvProfile } from './csv-profile.js';

export { MAX_LINE_BYTES };

/** Largest whole-JSON file; larger inputs should be NDJSON, which is streamed. */
export const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;
/** Longest CSV record. */
export const MAX_CSV_RECORD_BYTES = 64 * 1024;

export type Progress = (bytesRead: number) => void;

/**
 * NDJSON, read on this thread: one JSON object per line; blank lines are skipped (not counted
 * as records). The bulk path reads it on worker threads instead (prepare-pool.ts).
 */
export async function* readNdjson(file: string, progress?: Progress): AsyncGenerator<IngestItem> {
  const splitter = new NdjsonLineSplitter();
  let read = 0;
  for await (const chunk of createReadStream(file)) {
    if (!Buffer.isBuffer(chunk)) continue;
    read += chunk.length;
    for (const raw of splitter.push(chunk)) yield parseRawLine(raw);
    progress?.(read);
  }
  for (const raw of splitter.end()) yield parseRawLine(raw);
}

/** A JSON file holding one filing, an array of filings, or { "filings": [...] }. */
export async function* readJsonFile(file: string, progress?: Progress): AsyncGenerator<IngestItem> {
  const size = statSync(file).size;
  if (size > MAX_JSON_FILE_BYTES) {
    throw validationFailed(`${file} is ${size} bytes; JSON files are limited to ${MAX_JSON_FILE_BYTES} bytes, use NDJSON for larger inputs`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file)) if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  progress?.(size);
  const text = decodeLine(Buffer.concat(chunks));
  if (text === null) throw validationFailed(`${file} is not valid UTF-8`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw validationFailed(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  yield* recordsOfJsonValue(value);
}

export function* recordsOfJsonValue(value: unknown): Generator<IngestItem> {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && 'filings' in value && Array.isArray(value.filings)
      ? value.filings
      : [value];
  let index = 0;
  for (const v of list) yield { index: index++, value: v };
}

/** CSV through a column-mapping profile. A missing required column refuses the whole file. */
export async function* readCsv(file: string, profile: CsvProfile, progress?: Progress): AsyncGenerator<IngestItem> {
  const stream = createReadStream(file);
  let read = 0;
  stream.on('data', (c) => {
    read += c.length;
  });
  const parser = stream.pipe(
    parseCsv({
      bom: true,
      relax_column_count: true, // ragged rows are reported per record below, not fatal
      max_record_size: MAX_CSV_RECORD_BYTES,
      skip_empty_lines: true,
    }),
  );
  let header: string[] | null = null;
  let index = 0;
  let line = 1;
  for await (const record of parser) {
    if (!Array.isArray(record)) continue;
    const cells = record.map((c) => (typeof c === 'string' ? c : String(c)));
    if (header === null) {
      header = cells.map((h) => h.trim());
      const missing = profile.requiredColumns.filter((c) => !header?.includes(c));
      if (missing.length > 0) {
        throw validationFailed(`${file}: the CSV lacks column${missing.length > 1 ? 's' : ''} required by profile ${profile.name}: ${missing.join(', ')}`, { missing });
      }
      continue;
    }
    line++;
    if (cells.length !== header.length) {
      yield { index: index++, error: { path: '', reason: `line ${line}: ${cells.length} cells where the header has ${header.length}` } };
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = cells[i] ?? '';
    });
    try {
      yield { index: index++, value: profile.toFiling(row) };
    } catch (err) {
      yield { index: index++, error: { path: '', reason: `line ${line}: ${err instanceof Error ? err.message : String(err)}` } };
    }
    if (index % 1000 === 0) progress?.(read);
  }
  if (header === null) throw validationFailed(`${file}: the CSV is empty (no header)`);
  progress?.(read);
}
