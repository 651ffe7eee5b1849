// A worker thread of the bulk NDJSON ingest. Several share one file: each reads all of it,
// numbers the records the same way, and parses, validates and prepares only its own batches
// (`preparerOf`) while the main thread stores earlier ones. It stays
// at most `ahead` batches in front: the main thread grants one more batch each time it takes
// one, so a slow store never lets prepared records pile up in memory.
import { closeSync, openSync, readlinkSync, readSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename } from 'node:path';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { prepareItem } from './prepare-item.js';
import { NdjsonLineSplitter, parseRawLine, type RawLine } from './ndjson-lines.js';
import { batchOf, isPrepareRequest, preparerOf, READY, type PrepareReply } from './prepare-messages.js';

const READ_CHUNK = 1024 * 1024;

interface FileJob {
  fd: number;
  replies: MessagePort;
  credit: number;
  splitter: NdjsonLineSplitter;
  /** completed batches of this worker, not yet sent */
  ready: { batch: number; lines: RawLine[] }[];
  /** the batch being filled */
  open: { batch: number; lines: RawLine[] } | null;
  batchOfIndex: (index: number) => number;
  bytesRead: number;
  /** bytes to read: the file's size when the ingest began */
  length: number;
  eof: boolean;
  buffer: Buffer;
}

let job: FileJob | null = null;

function send(replies: MessagePort, reply: PrepareReply): void {
  replies.postMessage(reply);
  parentPort?.postMessage(READY);
}

/**
 * Preparing runs at a lower priority than storing: on a machine with as many busy threads as
 * cores, the storing thread (the pipeline's bottleneck) gets the CPU whenever it has work, and
 * the workers take the rest. Linux keeps a nice value per thread; elsewhere this does nothing.
 */
function lowerOwnPriority(): void {
  try {
    setPriority(Number(basename(readlinkSync('/proc/thread-self'))), 10);
  } catch {
    // not Linux, or not permitted: run at normal priority
  }
}

function take(j: FileJob, lines: RawLine[]): void {
  for (const line of lines) {
    const batch = j.batchOfIndex(line.index);
    if (j.open && j.open.batch !== batch) {
      j.ready.push(j.open);
      j.open = null;
    }
    if (!j.open) j.open = { batch, lines: [] };
    j.open.lines.push(line);
  }
}

/** Prepares and sends batches until the credit runs out or the file ends. */
function pump(j: FileJob): void {
  try {
    while (j.credit > 0) {
      const next = j.ready.shift();
      if (next) {
        send(j.replies, { kind: 'batch', batch: next.batch, items: next.lines.map((raw) => prepareItem(parseRawLine(raw))), bytesRead: j.bytesRead });
        j.credit--;
        continue;
      }
      if (j.eof) {
        finish(j);
        const records = j.splitter.records;
        send(j.replies, { kind: 'end', batches: records === 0 ? 0 : j.batchOfIndex(records - 1) + 1 });
        return;
      }
      const n = readSync(j.fd, j.buffer, 0, Math.min(j.buffer.length, j.length - j.bytesRead), null);
      if (n === 0 && j.bytesRead < j.length) throw new Error(`the file shrank while it was read (${j.bytesRead} of ${j.length} bytes)`);
      j.bytesRead += n;
      take(j, n === 0 ? j.splitter.end() : j.splitter.push(j.buffer.subarray(0, n)));
      if (n === 0) {
        j.eof = true;
        if (j.open) j.ready.push(j.open);
        j.open = null;
      }
    }
  } catch (err) {
    finish(j);
    send(j.replies, { kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}

function finish(j: FileJob): void {
  closeSync(j.fd);
  job = null;
}

lowerOwnPriority();

parentPort?.on('message', (msg: unknown) => {
  if (!isPrepareRequest(msg)) return;
  if (msg.kind === 'file') {
    if (job) return send(msg.replies, { kind: 'failed', message: 'this ingest worker is already reading a file' });
    let fd: number;
    try {
      fd = openSync(msg.path, 'r');
    } catch (err) {
      return send(msg.replies, { kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
    const { batchSize, worker, workers } = msg;
    const batchOfIndex = (index: number) => batchOf(index, batchSize);
    job = {
      fd,
      replies: msg.replies,
      credit: msg.ahead,
      splitter: new NdjsonLineSplitter((index) => preparerOf(batchOfIndex(index), workers) === worker),
      ready: [],
      open: null,
      batchOfIndex,
      bytesRead: 0,
      length: msg.length,
      eof: false,
      buffer: Buffer.allocUnsafe(READ_CHUNK),
    };
    pump(job);
  } else if (job) {
    job.credit++;
    pump(job);
  }
});
