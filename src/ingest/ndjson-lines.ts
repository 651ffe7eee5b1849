// NDJSON lines: cutting bytes into numbered lines of text, and parsing one line. Depends on
// nothing heavy, so the bulk ingest's worker thread loads it quickly.
import type { FieldProblem } from '../records/preparation.js';
import type { IngestItem } from './prepare-item.js';

/** Longest NDJSON line (one filing); a longer line is rejected as that record. */
export const MAX_LINE_BYTES = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 decoding: null when the bytes are not valid UTF-8. */
export function decodeLine(bytes: Uint8Array): string | null {
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

/**
 * Cuts NDJSON bytes into lines, chunk by chunk, however the chunks fall: each complete line is
 * decoded (strict UTF-8) and numbered; blank lines are skipped; a line longer than
 * MAX_LINE_BYTES becomes one rejected record and the reader goes on after it. Synchronous, so
 * the bulk path runs it on its worker threads, and readNdjson on the main thread.
 *
 * `keep` lets several threads share one file: each reads all of it, numbers every record the
 * same way, and decodes only the records it keeps.
 */
export class NdjsonLineSplitter {
  constructor(private readonly keep?: (index: number) => boolean) {}

  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;
  private index = 0;
  private line = 0;

  /** Records numbered so far (kept or not). */
  get records(): number {
    return this.index;
  }

  /** The lines completed by this chunk. The chunk may be reused by the caller afterwards. */
  push(chunk: Uint8Array): RawLine[] {
    const out: RawLine[] = [];
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      const part = buf.subarray(start, nl);
      this.flush(this.pending.length > 0 ? Buffer.concat([...this.pending, part]) : part, out);
      this.pending = [];
      this.pendingBytes = 0;
      start = nl + 1;
    }
    if (start < buf.length && !this.skipping) {
      const rest = buf.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > MAX_LINE_BYTES) {
        this.skipping = true;
        this.pending = [];
        this.pendingBytes = 0;
      } else this.pending.push(Buffer.from(rest)); // a copy: the caller may reuse its chunk
    }
    return out;
  }

  /** The last line, when the input does not end with a newline. */
  end(): RawLine[] {
    const out: RawLine[] = [];
    if (this.pending.length > 0 || this.skipping) this.flush(Buffer.concat(this.pending), out);
    this.pending = [];
    return out;
  }

  private flush(bytes: Buffer, out: RawLine[]): void {
    const line = ++this.line;
    if (this.skipping || bytes.length > MAX_LINE_BYTES) {
      this.skipping = false;
      const index = this.index++;
      if (!this.keep || this.keep(index)) out.push({ index, error: { path: '', reason: `line ${line}: longer than ${MAX_LINE_BYTES} bytes` } });
      return;
    }
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const slice = bytes.subarray(0, end);
    if (slice.every((b) => b === 0x20 || b === 0x09)) return;
    const index = this.index++;
    if (this.keep && !this.keep(index)) return;
    const text = decodeLine(slice);
    if (text === null) out.push({ index, error: { path: '', reason: `line ${line}: invalid UTF-8` } });
    else out.push({ index, line, text });
  }
}

