// The bulk NDJSON ingest's preparing threads. Reading, parsing, validating and preparing a
// filing (the schema, the canonical document and its hash) costs about as much as storing it.
// Worker threads do it for batch after batch while the main thread does nothing but store; they
// run at a lower priority, so storing, the bottleneck, is never starved of CPU. Batches arrive
// in file order.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { NdjsonLineSplitter, parseRawLine, type RawLine } from './ndjson-lines.js';
import { prepareItem, type PreparedItem } from './prepare-item.js';
import { batchOf, isPrepareReply, preparerOf, READY, type PrepareRequest } from './prepare-messages.js';

export interface PreparedBatch {
  items: PreparedItem[];
  /** bytes of the file read so far (for a progress bar) */
  bytesRead: number;
}

export interface PrepareFileOptions {
  /** records per batch (the first few batches are smaller) */
  batchSize: number;
  /** batches each worker may prepare ahead of the consumer (bounds the memory held) */
  ahead?: number;
  /** preparing threads; by default as many as the machine has cores, at most 4 */
  workers?: number;
}

/**
 * The worker runs the compiled module next to this one; when Tandem runs from its TypeScript
 * sources (tests), the worker registers the same TypeScript loader first.
 */
function workerSource(): string {
  const fromSources = import.meta.url.endsWith('.ts');
  const target = new URL(fromSources ? './prepare-worker.ts' : './prepare-worker.js', import.meta.url).href;
  if (!fromSources) return `import(${JSON.stringify(target)});`;
  const loader = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
}

interface Preparer {
  worker: Worker;
  /** where this worker's replies wait, serialized, until taken */
  replies: MessagePort;
  /** replies announced and not yet taken */
  waiting: number;
}

function cannotRead(path: string, err: unknown): Error {
  return new Error(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/**
 * The first batch, read and prepared on this thread while the workers start: a few hundred
 * records from the head of the file. Null when the file holds no record at all.
 */
function prepareFirstBatch(path: string, fd: number, length: number, batchSize: number): PreparedBatch | null {
  const inFirst = (index: number) => batchOf(index, batchSize) === 0;
  const splitter = new NdjsonLineSplitter(inFirst);
  const lines: RawLine[] = [];
  const buffer = Buffer.allocUnsafe(256 * 1024);
  let bytesRead = 0;
  try {
    while (inFirst(splitter.records)) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, length - bytesRead), null);
      bytesRead += n;
      lines.push(...(n === 0 ? splitter.end() : splitter.push(buffer.subarray(0, n))));
      if (n === 0) break;
    }
  } catch (err) {
    throw cannotRead(path, err);
  }
  if (splitter.records === 0) return null;
  return { items: lines.map((raw) => prepareItem(parseRawLine(raw))), bytesRead };
}

/**
 * Reads an NDJSON file on worker threads and yields its records prepared for storage, in
 * batches, in file order (the first one prepared here, while the workers start). A file that
 * cannot be read fails the iteration; bad records come back as items with their problems.
 * Stopping the iteration early stops the workers.
 */
export async function* prepareNdjsonFile(path: string, options: PrepareFileOptions): AsyncGenerator<PreparedBatch> {
  // The file's size now bounds what every thread reads: records appended during the ingest are
  // left for the next one, and all threads see the same records.
  let fd: number;
  let length: number;
  try {
    fd = openSync(path, 'r');
    length = fstatSync(fd).size;
  } catch (err) {
    throw cannotRead(path, err);
  }
  const count = Math.max(1, Math.floor(options.workers ?? Math.min(4, availableParallelism())));
  const ahead = Math.max(1, options.ahead ?? 2);
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const preparers: Preparer[] = Array.from({ length: count }, (_, worker) => {
    const { port1, port2 } = new MessageChannel();
    const p: Preparer = { worker: new Worker(workerSource(), { eval: true }), replies: port1, waiting: 0 };
    const request: PrepareRequest = { kind: 'file', path, length, batchSize: options.batchSize, ahead, worker, workers: count, replies: port2 };
    p.worker.postMessage(request, [port2]);
    p.worker.on('message', (msg: unknown) => {
      if (msg === READY) p.waiting++;
      else failure ??= new Error('an ingest worker answered something unexpected');
      notify();
    });
    p.worker.on('error', (err) => {
      failure ??= err;
      notify();
    });
    p.worker.on('exit', (code) => {
      failure ??= new Error(`an ingest worker stopped (exit code ${code})`);
      notify();
    });
    return p;
  });
  try {
    const first = prepareFirstBatch(path, fd, length, options.batchSize);
    if (!first) return;
    yield first;
    for (let batch = 1; ; ) {
      const p = preparers[preparerOf(batch, count)];
      if (!p) throw new Error('no ingest worker');
      if (p.waiting === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      p.waiting--;
      const reply = receiveMessageOnPort(p.replies)?.message;
      if (!isPrepareReply(reply)) throw new Error('an ingest worker answered something unexpected');
      if (reply.kind === 'failed') throw new Error(`cannot read ${path}: ${reply.message}`);
      if (reply.kind === 'end') {
        if (reply.batches !== batch) throw new Error(`the ingest workers lost batch ${batch} of ${reply.batches}`);
        return;
      }
      if (reply.batch !== batch) throw new Error(`the ingest workers sent batch ${reply.batch} where ${batch} was due`);
      p.worker.postMessage({ kind: 'credit' } satisfies PrepareRequest);
      batch++;
      yield { items: reply.items, bytesRead: reply.bytesRead };
    }
  } finally {
    closeSync(fd);
    await Promise.all(
      preparers.map((p) => {
        p.worker.removeAllListeners('exit');
        p.replies.close();
        return p.worker.terminate();
      }),
    );
  }
}
