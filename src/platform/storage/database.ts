// Storage: one Kysely instance over SQLite (embedded default, one file under the data
// directory) or PostgreSQL (scaled mode). Repositories are written once against Kysely and
// run unchanged on both. Dialect differences are confined to this folder: JSON is stored as
// text and timestamps as ISO-8601 text in both engines, so rows compare and sort the same way.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import { withStatementCache } from './statement-cache.js';
import { AUTO_CHECKPOINT_PAGES, startWalCheckpointer } from './wal-checkpointer.js';

export type DialectName = 'sqlite' | 'postgres';

export type StorageTarget =
  | {
      kind: 'sqlite';
      file: string;
      /** WAL checkpoints on a worker thread instead of inside commits (serving nodes). */
      backgroundCheckpoints?: boolean;
    }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Storage<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
  /**
   * The raw SQLite handle, for the one bulk path that needs prepared statements (filing ingest).
   * Statements run on it inside a Kysely transaction belong to that transaction: SQLite has a
   * single connection here, held by the transaction for its whole callback.
   */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/** Either the root handle or an open transaction: repositories accept both. */
export type Executor<DB> = Kysely<DB> | Transaction<DB>;

/**
 * Transactions on SQLite begin IMMEDIATE: the write lock is taken at BEGIN, where the busy
 * timeout applies. A deferred transaction that reads first and then writes cannot wait for the
 * lock once another connection (the WAL checkpointer restarting the log) has moved the WAL on:
 * SQLite answers "database is locked" at once rather than risk a deadlock. This node has a single
 * writing connection, so taking the lock early costs nothing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  #inTransaction = false;

  // SQLite has one connection here (Kysely holds a mutex around it), so one flag tells whether a
  // statement runs alone: a statement outside a transaction is atomic and safe to run again.
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery: (query) => (this.#inTransaction ? connection.executeQuery(query) : whenNotBusy(() => connection.executeQuery(query))),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.#inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.#inTransaction = false;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction = false;
    await super.rollbackTransaction(connection);
  }
}

/** About ten seconds of retries (30 at 1 ms, then every 50 ms) before a busy database is reported. */
const BUSY_ATTEMPTS = 200;

/**
 * While the checkpoint worker restarts the WAL it holds the write lock and waits for readers,
 * and SQLite may answer a writer with "busy" at once rather than deadlock. The worker finishes
 * or gives up within milliseconds: try again after short asynchronous waits, so the event loop
 * is never blocked meanwhile.
 */
async function whenNotBusy<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isBusy(err) || attempt >= BUSY_ATTEMPTS) throw err;
      // every millisecond at first (the usual wait is a WAL restart of a few ms), then every 50 ms
      await new Promise((r) => setTimeout(r, attempt < 30 ? 1 : 50));
    }
  }
}

function isBusy(err: unknown): boolean {
  return err instanceof SQLite.SqliteError && err.code.startsWith('SQLITE_BUSY');
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

// PostgreSQL returns BIGINT (int8) and NUMERIC as strings by default; our counts and sequence
// numbers fit in a double, so parse them to numbers for parity with SQLite.
pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1700, (v: string) => Number(v));

export function openStorage<DB>(target: StorageTarget): Storage<DB> {
  if (target.kind === 'sqlite') {
    const database = new SQLite(target.file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL'); // durable across process crashes; WAL keeps commits atomic
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    // A 64 MiB page cache and memory-mapped reads keep index maintenance of bulk ingest in memory.
    database.pragma('cache_size = -65536');
    database.pragma('mmap_size = 268435456');
    database.pragma('temp_store = MEMORY');
    database.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    const checkpointer = target.backgroundCheckpoints && !database.memory ? startWalCheckpointer(database) : null;
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
    const close = async () => {
      await checkpointer?.stop();
      await db.destroy();
    };
    return { db, dialect: 'sqlite', sqlite: database, close };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Creates a schema on a PostgreSQL server (tests use one schema each, dropped afterwards). */
export async function createPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export { sql };
