import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { openStorage } from './database.js';

interface T {
  t: { n: number };
}

// Another connection (in a worker thread, as the WAL checkpointer is) takes the write lock,
// signals, holds it for 300 ms and commits a row.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.exec('BEGIN IMMEDIATE');
db.prepare('INSERT INTO t VALUES (1000)').run();
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
db.exec('COMMIT');
db.close();
parentPort.postMessage('committed');
`;

type TestContext = { after(fn: () => void): void };

/** A fresh SQLite storage with an empty table t. */
async function storageWithTable(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'db.sqlite');
  const storage = openStorage<T>({ kind: 'sqlite', file });
  await sql`CREATE TABLE t (n INTEGER)`.execute(storage.db);
  return { file, storage };
}

/** Starts HOLDER on the file; resolves once it holds the write lock. */
async function holdWriteLock(file: string): Promise<{ exited: Promise<unknown>; messages: string[] }> {
  const worker = new Worker(HOLDER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
  const exited = new Promise((r) => worker.once('exit', r));
  const messages: string[] = [];
  await new Promise<void>((resolve) => worker.on('message', (m: string) => (messages.push(m), m === 'locked' ? resolve() : undefined)));
  return { exited, messages };
}

describe('SQLite storage', () => {
  it('waits for another connection\'s write lock in a transaction that reads before it writes', async (t) => {
    const { file, storage } = await storageWithTable(t);
    await storage.db.insertInto('t').values({ n: 1 }).execute();
    const { exited, messages } = await holdWriteLock(file);
    // read, then write: with a deferred BEGIN the snapshot read here is stale once the other
    // connection commits, and SQLite refuses the write at once ("database is locked")
    const total = await storage.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('t').select((eb) => eb.fn.sum<number>('n').as('s')).executeTakeFirstOrThrow();
      await tx.insertInto('t').values({ n: Number(before.s) + 1 }).execute();
      return Number(before.s);
    });
    await exited;
    assert.deepEqual(messages, ['locked', 'committed']);
    assert.equal(total, 1001, 'the transaction began after the other commit and saw its row');
    const rows = await storage.db.selectFrom('t').select('n').orderBy('n').execute();
    assert.deepEqual(rows.map((r) => r.n), [1, 1000, 1002]);
    await storage.close();
  });

  it('runs a statement again when the database is busy, without blocking the event loop', async (t) => {
    const { file, storage } = await storageWithTable(t);
    // no synchronous waiting in SQLite's busy handler: every wait must be the driver's own
    storage.sqlite?.pragma('busy_timeout = 0');
    const { exited } = await holdWriteLock(file);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      await storage.db.insertInto('t').values({ n: 1 }).execute(); // alone: retried
      await storage.db.transaction().execute(async (tx) => tx.insertInto('t').values({ n: 2 }).execute()); // BEGIN retried
    } finally {
      clearInterval(timer);
    }
    await exited;
    assert.ok(ticks >= 5, `the event loop ran meanwhile (${ticks} ticks)`);
    const rows = await storage.db.selectFrom('t').select('n').orderBy('n').execute();
    assert.deepEqual(rows.map((r) => r.n), [1, 2, 1000]);
    await storage.close();
  });
});
