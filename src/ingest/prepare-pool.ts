// The bulk ingest pipeline's second thread. Validating and preparing a filing (JSON parse, the
// schema, the canonical document and its hash) costs about as much as storing it; on a worker
// thread it overlaps with the main thread's writes, so a long NDJSON file goes in on two cores.
// Batches are answered in the order they were sent.
import { Worker } from 'node:worker_threads';
import type { PreparedItem } from './ingest-service.js';
import type { RawLine } from './record-sources.js';

export interface PreparePool {
  prepare(batch: RawLine[]): Promise<PreparedItem[]>;
  close(): Promise<void>;
}

function isPreparedItems(value: unknown): value is PreparedItem[] {
  return Array.isArray(value);
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

export function createPreparePool(): PreparePool {
  const worker = new Worker(workerSource(), { eval: true });
  const waiting: { resolve: (items: PreparedItem[]) => void; reject: (err: Error) => void }[] = [];
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure = err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  worker.on('message', (msg: unknown) => {
    const next = waiting.shift();
    if (!next) return;
    if (isPreparedItems(msg)) next.resolve(msg);
    else next.reject(new Error('the ingest worker answered something other than prepared records'));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`the ingest worker stopped (exit code ${code})`)));
  return {
    prepare(batch) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(batch);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
