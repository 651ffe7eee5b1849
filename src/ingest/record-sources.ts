// Readers that turn files into a stream of records for ingest, one item per record, with
// per-record errors (bad UTF-8, bad JSON, ragged CSV rows) instead of failing the file.
// A file that cannot be read at all (missing, a CSV without a required column) throws.
import { createReadStream, statSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import { validationFailed } from '../platform/index.js';
import type { FieldProblem } from '../records/index.js';
import type { IngestItem } from './ingest-service.js';
import type { CsvProfile } from './csv-profile.js';

/** Longest NDJSON line (one filing); a longer line is rejected as that record. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Largest whole-JSON file; larger inputs should be NDJSON, which is streamed. */
export const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;
/** Longest CSV record. */
export const MAX_CSV_RECORD_BYTES = 64 * 1024;

export type Progress = (bytesRead: number) => void;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeLine(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function parseJsonRecord(index: number, text: string, line: number): IngestItem {
  try {
    const value: unknown = JSON.parse(text);
    return { index, value };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { index, error: { path: '', reason: `line ${line}: not valid JSON (${msg})` } };
  }
}

/** One NDJSON line as text (not yet parsed), or why the line is not a record. */
export type RawLine = { index: number; line: number; text: string } | { index: number; error: FieldProblem };

/** The JSON parse of one NDJSON line (on whichever thread prepares records). */
export function parseRawLine(raw: RawLine): IngestItem {
  return 'error' in raw ? raw : parseJsonRecord(raw.index, raw.text, raw.line);
}

/** NDJSON: one JSON object per line; blank lines are skipped (not counted as records). */
export async function* readNdjson(file: string, progress?: Progress): AsyncGenerator<IngestItem> {
  for await (const raw of readNdjsonLines(file, progress)) yield parseRawLine(raw);
}

/** NDJSON lines as text: the bulk path parses them on a worker thread. */
export async function* readNdjsonLines(file: string, progress?: Progress): AsyncGenerator<RawLine> {
  const stream = createReadStream(file);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let index = 0;
  let line = 0;
  let read = 0;
  const flush = function* (bytes: Buffer): Generator<RawLine> {
    line++;
    if (skipping || bytes.length > MAX_LINE_BYTES) {
      skipping = false;
      yield { index: index++, error: { path: '', reason: `line ${line}: longer than ${MAX_LINE_BYTES} bytes` } };
      return;
    }
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const slice = bytes.subarray(0, end);
    if (slice.every((b) => b === 0x20 || b === 0x09)) return;
    const text = decodeLine(slice);
    if (text === null) {
      yield { index: index++, error: { path: '', reason: `line ${line}: invalid UTF-8` } };
      return;
    }
    yield { index: index++, line, text };
  };
  for await (const chunk of stream) {
    if (!Buffer.isBuffer(chunk)) continue;
    read += chunk.length;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const part = chunk.subarray(start, nl);
      const bytes = pending.length > 0 ? Buffer.concat([...pending, part]) : part;
      pending = [];
      pendingBytes = 0;
      yield* flush(bytes);
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (!skipping) {
        pendingBytes += rest.length;
        if (pendingBytes > MAX_LINE_BYTES) {
          skipping = true;
          pending = [];
          pendingBytes = 0;
        } else pending.push(Buffer.from(rest));
      }
    }
    progress?.(read);
  }
  if (pending.length > 0 || skipping) yield* flush(Buffer.concat(pending));
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
