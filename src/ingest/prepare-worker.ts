// Worker-thread side of the bulk ingest pipeline: parses, validates and prepares batches of
// NDJSON lines while the main thread writes the previous batch to storage.
import { parentPort } from 'node:worker_threads';
import { prepareItem, type PreparedItem } from './ingest-service.js';
import { parseRawLine, type RawLine } from './record-sources.js';

function isRawLines(value: unknown): value is RawLine[] {
  return Array.isArray(value);
}

parentPort?.on('message', (batch: unknown) => {
  if (!isRawLines(batch)) return;
  const out: PreparedItem[] = batch.map((raw) => prepareItem(parseRawLine(raw)));
  parentPort?.postMessage(out);
});
