// What the bulk ingest's main thread and its prepare workers say to each other, and how a file's
// records are cut into batches: every worker computes the same cut, so none has to ask.
// Replies travel on a port of their own and wait there, still serialized, until the main thread
// takes them (receiveMessageOnPort): batches prepared ahead cost no memory on its heap. A small
// READY signal on the worker's ordinary channel says that one more reply is waiting.
import { MessagePort } from 'node:worker_threads';
import type { PreparedItem } from './prepare-item.js';

export const READY = 'ready';

export type PrepareRequest =
  /**
   * Read the first `length` bytes of this file (its size when the ingest began: every thread
   * reads the same records even if the file grows meanwhile); prepare the batches `preparerOf`
   * gives this worker, at most `ahead` batches in front of the reader.
   */
  | { kind: 'file'; path: string; length: number; batchSize: number; ahead: number; worker: number; workers: number; replies: MessagePort }
  /** one batch was taken: one more may be prepared */
  | { kind: 'credit' };

export type PrepareReply =
  | { kind: 'batch'; batch: number; items: PreparedItem[]; bytesRead: number }
  /** this worker has sent all its batches; `batches` is the number of batches in the file */
  | { kind: 'end'; batches: number }
  /** the file could not be read (records with problems are answered in batches instead) */
  | { kind: 'failed'; message: string };

/**
 * The first batches are small and double up to the requested size, so storing starts while
 * the preparing threads are still cold instead of waiting for a whole first batch.
 */
export const FIRST_BATCH = 200;

/**
 * Who prepares a batch: the main thread prepares the first itself while the workers start up
 * (it has the code loaded already); the others go round the workers. -1 is the main thread.
 */
export function preparerOf(batch: number, workers: number): number {
  return batch === 0 ? -1 : (batch - 1) % workers;
}

/** The batch a record belongs to, by its index in the file. */
export function batchOf(index: number, batchSize: number): number {
  let start = 0;
  let batch = 0;
  for (let size = Math.min(FIRST_BATCH, batchSize); size < batchSize; size = Math.min(size * 2, batchSize)) {
    if (index < start + size) return batch;
    start += size;
    batch++;
  }
  return batch + Math.floor((index - start) / batchSize);
}

function hasKind(value: unknown): value is { kind: unknown } {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

const isNumber = (v: object, key: string) => key in v && typeof Reflect.get(v, key) === 'number';

export function isPrepareRequest(value: unknown): value is PrepareRequest {
  if (!hasKind(value)) return false;
  if (value.kind === 'credit') return true;
  return (
    value.kind === 'file' &&
    'path' in value &&
    typeof value.path === 'string' &&
    ['length', 'batchSize', 'ahead', 'worker', 'workers'].every((k) => isNumber(value, k)) &&
    'replies' in value &&
    value.replies instanceof MessagePort
  );
}

export function isPrepareReply(value: unknown): value is PrepareReply {
  if (!hasKind(value)) return false;
  switch (value.kind) {
    case 'batch':
      return 'items' in value && Array.isArray(value.items) && isNumber(value, 'batch') && isNumber(value, 'bytesRead');
    case 'end':
      return isNumber(value, 'batches');
    case 'failed':
      return 'message' in value && typeof value.message === 'string';
    default:
      return false;
  }
}
