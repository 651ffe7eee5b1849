// Kysely's SQLite driver prepares every query anew; on better-sqlite3 preparing costs more than
// running most of our statements. This wrapper keeps the compiled statements by SQL text (Kysely
// emits the same text for the same query shape, values are bound parameters) in a bounded
// least-recently-used map. A statement still being iterated (a streamed query) is busy and can't
// be re-run, so a fresh one is prepared for that call.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct statement texts kept; queries with IN-lists of varying length make new texts. */
export const STATEMENT_CACHE_SIZE = 512;

export interface StatementCacheStats {
  hits: number;
  misses: number;
  size: number;
}

export function withStatementCache(database: SQLite.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase & { stats(): StatementCacheStats } {
  const cache = new Map<string, SQLite.Statement>();
  let hits = 0;
  let misses = 0;
  return {
    close: () => database.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        hits++;
        cache.delete(text); // re-insert: Map order is recency order
        cache.set(text, cached);
        return cached;
      }
      misses++;
      const statement = database.prepare(text);
      if (!cached) {
        cache.set(text, statement);
        if (cache.size > capacity) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      return statement;
    },
    stats: () => ({ hits, misses, size: cache.size }),
  };
}
