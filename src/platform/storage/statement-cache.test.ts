import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { withStatementCache } from './statement-cache.js';

function fixture() {
  const raw = new SQLite(':memory:');
  raw.exec('CREATE TABLE t (n INTEGER)');
  raw.exec('INSERT INTO t VALUES (1), (2), (3)');
  return raw;
}

describe('SQLite statement cache', () => {
  it('prepares a statement text once and re-runs it with new parameters', () => {
    const db = withStatementCache(fixture());
    const a = db.prepare('SELECT n FROM t WHERE n > ?');
    const b = db.prepare('SELECT n FROM t WHERE n > ?');
    assert.equal(a, b);
    assert.deepEqual(a.all([1]), [{ n: 2 }, { n: 3 }]);
    assert.deepEqual(b.all([2]), [{ n: 3 }]);
    assert.deepEqual(db.stats(), { hits: 1, misses: 1, size: 1 });
    db.close();
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const db = withStatementCache(fixture());
    const outer = db.prepare('SELECT n FROM t ORDER BY n');
    const seen: number[] = [];
    for (const row of outer.iterate([])) {
      const inner = db.prepare('SELECT n FROM t ORDER BY n');
      assert.notEqual(inner, outer);
      assert.equal(inner.all([]).length, 3);
      if (typeof row === 'object' && row !== null && 'n' in row && typeof row.n === 'number') seen.push(row.n);
    }
    assert.deepEqual(seen, [1, 2, 3]);
    // once the iteration is over, the cached statement is handed out again
    assert.equal(db.prepare('SELECT n FROM t ORDER BY n'), outer);
    db.close();
  });

  it('keeps at most its capacity, dropping the least recently used text', () => {
    const db = withStatementCache(fixture(), 2);
    const one = db.prepare('SELECT 1');
    db.prepare('SELECT 2');
    db.prepare('SELECT 1'); // 1 is now the most recent
    db.prepare('SELECT 3'); // evicts 2
    assert.equal(db.stats().size, 2);
    assert.equal(db.prepare('SELECT 1'), one);
    const missesBefore = db.stats().misses;
    db.prepare('SELECT 2');
    assert.equal(db.stats().misses, missesBefore + 1);
    db.close();
  });

  it('sees schema changes made after a statement was cached', () => {
    const db = withStatementCache(fixture());
    assert.deepEqual(Object.keys(db.prepare('SELECT * FROM t LIMIT 1').all([])[0] ?? {}), ['n']);
    db.prepare('ALTER TABLE t ADD COLUMN m TEXT').run([]);
    assert.deepEqual(Object.keys(db.prepare('SELECT * FROM t LIMIT 1').all([])[0] ?? {}), ['n', 'm']);
    db.close();
  });
});
