import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import SQLite from 'better-sqlite3';
import { openStorage } from './database.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

interface T {
  t: { n: number; pad: string };
}

const pageCount = async (db: ReturnType<typeof openStorage<T>>['db']) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(db)).rows[0]?.n);

describe('background WAL checkpoints', () => {
  it('copies committed pages back into the database file off the committing thread', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-ckpt-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const storage = openStorage<T>({ kind: 'sqlite', file, backgroundCheckpoints: true });
    assert.ok(storage.sqlite);
    // the serving connection no longer checkpoints on commit
    assert.equal(storage.sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
    await sql`CREATE TABLE t (n INTEGER, pad TEXT)`.execute(storage.db);
    const sizeBefore = statSync(file).size;
    for (let i = 0; i < 200; i++) await storage.db.insertInto('t').values({ n: i, pad: 'x'.repeat(2000) }).execute();
    // the worker checkpoints every 250 ms: wait until the rows' pages reach the main file
    const deadline = Date.now() + 10_000;
    while (statSync(file).size <= sizeBefore + 200 * 2000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(statSync(file).size > sizeBefore + 200 * 2000, 'pages were checkpointed into the database file');
    assert.equal(await pageCount(storage.db), 200);
    await storage.close();
    // reopened without the worker: everything is there
    const again = openStorage<T>({ kind: 'sqlite', file });
    assert.equal(again.sqlite?.pragma('wal_autocheckpoint', { simple: true }), 16_384);
    assert.equal(await pageCount(again.db), 200);
    await again.close();
  });

  it('is not started for an in-memory database', async () => {
    const storage = openStorage<T>({ kind: 'sqlite', file: ':memory:', backgroundCheckpoints: true });
    assert.notEqual(storage.sqlite?.pragma('wal_autocheckpoint', { simple: true }), 0);
    await storage.close();
  });

  it('keeps the WAL bounded while writes never stop', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-ckpt-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (n INTEGER, pad TEXT)');
    const checkpointer = startWalCheckpointer(db, { intervalMs: 20, restartFrames: 256 });
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    // The bound holds once the worker runs: wait for its first checkpoint (it starts in a few
    // milliseconds on a quiet machine, in hundreds on a loaded one, while writes would pile up).
    const started = Date.now() + 10_000;
    while ((await checkpointer.stats()).runs === 0) {
      assert.ok(Date.now() < started, 'the checkpoint worker never ran');
      await new Promise((r) => setTimeout(r, 5));
    }
    let largest = 0;
    // about 20 MB/s of commits for 1.5 s, yielding between bursts so the worker runs alongside.
    // Every 10 bursts (0.6 MB) the writer waits for one more checkpoint run: on a loaded machine
    // the worker may be scheduled late, and the bound under test is per checkpoint, not per
    // millisecond.
    const until = Date.now() + 1500;
    for (let i = 0, burst = 0; Date.now() < until; burst++) {
      for (let k = 0; k < 20; k++) insert.run(i++, 'y'.repeat(3000));
      largest = Math.max(largest, statSync(`${file}-wal`).size);
      await new Promise((r) => setTimeout(r, 2));
      if (burst % 10 === 9) {
        const { runs } = await checkpointer.stats();
        const giveUp = Date.now() + 10_000;
        while ((await checkpointer.stats()).runs <= runs) {
          assert.ok(Date.now() < giveUp, 'the checkpoint worker stopped running');
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    }
    const stats = await checkpointer.stats();
    await checkpointer.stop();
    assert.ok(stats.restarts > 0, 'the WAL was restarted');
    // bounded by the limit plus what is written between two checks, far below the data written
    const written = Number(db.prepare('SELECT count(*) AS n FROM t').pluck().get()) * 3000;
    assert.ok(largest < written / 4, `largest WAL ${largest} bytes for ${written} bytes written`);
    db.close();
  });
});
