// Background WAL checkpoints for the embedded SQLite database.
//
// SQLite's automatic checkpoint runs inside the commit that crosses the threshold, on the
// committing thread: with a busy node that is a pause of tens to hundreds of milliseconds on
// the event loop every second or two, which is what a targeter's feed sees as its slowest
// answers. Instead, the serving connection turns automatic checkpoints off and a worker thread
// with its own connection runs PASSIVE checkpoints every few hundred milliseconds. PASSIVE never
// takes the write lock, so commits go on while pages are copied back into the database file, on
// the machine's other core. If the worker cannot start or fails, the connection goes back to
// automatic checkpoints.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** Pages of WAL after which SQLite checkpoints by itself when no worker does it. */
export const AUTO_CHECKPOINT_PAGES = 16_384;
/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 250;
/**
 * WAL frames (pages) past which the worker restarts the WAL: the bound on the WAL file (about
 * 128 MB of 4 KB pages, plus what one interval writes). Restarting costs writers a few
 * milliseconds, and a small WAL would make bulk ingest copy hot pages back far more often.
 */
export const WAL_RESTART_FRAMES = 32_768;

// Plain JavaScript evaluated in the worker (a file path would differ between the compiled
// build and the TypeScript sources run by tests).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Short: a RESTART that finds the node mid-transaction gives up and tries on the next tick.
db.pragma('busy_timeout = 20');
let stopped = false;
let runs = 0;
let frames = 0;
let restarts = 0;
const checkpoint = () => {
  if (stopped) return;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    runs++;
    if (row && row.checkpointed > 0) frames += row.checkpointed;
    // Under steady writes a commit always lands while a PASSIVE checkpoint runs, so the WAL is
    // never found fully copied and never starts over by itself. Past the limit, RESTART copies
    // the few frames written meanwhile (the next writer waits a few milliseconds) and makes the
    // next writer start the WAL from its beginning. (TRUNCATE would also shrink the file, which
    // costs tens of milliseconds of freeing blocks while writers wait.)
    if (row && row.log > workerData.restartFrames) {
      const [done] = db.pragma('wal_checkpoint(RESTART)');
      if (done && done.busy === 0) restarts++;
    }
  } catch (err) {
    if (!(err && err.code === 'SQLITE_BUSY')) throw err;
  }
  timer = setTimeout(checkpoint, workerData.intervalMs);
};
let timer = setTimeout(checkpoint, workerData.intervalMs);
parentPort.on('message', (msg) => {
  if (msg === 'stats') parentPort.postMessage({ runs, frames, restarts });
  if (msg === 'stop') {
    stopped = true;
    clearTimeout(timer);
    db.close();
    parentPort.postMessage('stopped');
  }
});
parentPort.postMessage('ready');
`;

export interface WalCheckpointer {
  /** Checkpoints run, WAL frames copied back and WAL restarts so far (tests, diagnostics). */
  stats(): Promise<{ runs: number; frames: number; restarts: number }>;
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  intervalMs?: number;
  restartFrames?: number;
}

export function startWalCheckpointer(database: SQLite.Database, opts: WalCheckpointerOptions = {}): WalCheckpointer {
  const intervalMs = opts.intervalMs ?? CHECKPOINT_INTERVAL_MS;
  const restartFrames = opts.restartFrames ?? WAL_RESTART_FRAMES;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: database.name, driver, intervalMs, restartFrames } });
  worker.unref();
  database.pragma('wal_autocheckpoint = 0');
  let failed = false;
  const fallBack = (err: unknown) => {
    if (failed) return;
    failed = true;
    if (database.open) database.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    console.error('storage: background checkpoints stopped, SQLite checkpoints on commit again:', err);
  };
  worker.on('error', fallBack);
  worker.on('exit', (code) => (code !== 0 ? fallBack(new Error(`checkpoint worker exited with ${code}`)) : undefined));
  const reply = <T>(ask: string, accept: (msg: unknown) => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(new Error('the checkpoint worker has stopped'));
      const onMessage = (msg: unknown) => {
        const value = accept(msg);
        if (value === undefined) return;
        worker.off('message', onMessage);
        resolve(value);
      };
      worker.on('message', onMessage);
      worker.postMessage(ask);
    });
  return {
    stats: () =>
      reply('stats', (msg) =>
        typeof msg === 'object' && msg !== null && 'runs' in msg && 'frames' in msg && 'restarts' in msg && typeof msg.runs === 'number' && typeof msg.frames === 'number' && typeof msg.restarts === 'number'
          ? { runs: msg.runs, frames: msg.frames, restarts: msg.restarts }
          : undefined,
      ),
    async stop() {
      if (failed) return;
      await reply('stop', (msg) => (msg === 'stopped' ? true : undefined));
      failed = true; // no fallback on the orderly exit
      await worker.terminate();
    },
  };
}
