// Runs a storage test suite on both engines: an SQLite file in a temporary folder, and a fresh
// schema on the PostgreSQL server named by TANDEM_TEST_PG (default: the local test database).
// PostgreSQL is not optional: if it cannot be reached the suite fails with a clear message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, before, after } from 'node:test';
import { openStorage, createPostgresSchema, dropPostgresSchema, type Storage, type DialectName } from '../storage/database.js';
import { migrate, type Migration } from '../storage/migrations.js';

export const TEST_PG_URL = process.env.TANDEM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StorageFixture<DB> {
  readonly storage: Storage<DB>;
  readonly dialect: DialectName;
}

export async function openTestStorage<DB>(dialect: DialectName, migrations: Migration[]): Promise<{ storage: Storage<DB>; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-test-'));
    const storage = openStorage<DB>({ kind: 'sqlite', file: join(dir, 'test.db') });
    await migrate(storage.db, 'sqlite', migrations);
    return {
      storage,
      dispose: async () => {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  try {
    await createPostgresSchema(TEST_PG_URL, schema);
  } catch (err) {
    throw new Error(
      `PostgreSQL is required for the storage suites and was not reachable at ${TEST_PG_URL} (${String(err)}). ` +
        'Start it (see .ci/run) or set TANDEM_TEST_PG.',
      { cause: err },
    );
  }
  const storage = openStorage<DB>({ kind: 'postgres', url: TEST_PG_URL, schema, poolSize: 4 });
  await migrate(storage.db, 'postgres', migrations);
  return {
    storage,
    dispose: async () => {
      await storage.close();
      await dropPostgresSchema(TEST_PG_URL, schema);
    },
  };
}

/**
 * describe() the same suite once per engine. Inside, `fx.storage` is a migrated, empty database.
 * Each engine gets one database for the whole suite; tests should use distinct keys.
 */
export function describeStorage<DB>(name: string, migrations: Migration[], suite: (fx: StorageFixture<DB>) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${dialect}]`, () => {
      let opened: { storage: Storage<DB>; dispose(): Promise<void> } | undefined;
      const fx: StorageFixture<DB> = {
        get storage() {
          if (!opened) throw new Error('storage not opened yet');
          return opened.storage;
        },
        dialect,
      };
      before(async () => {
        opened = await openTestStorage<DB>(dialect, migrations);
      });
      after(async () => {
        await opened?.dispose();
      });
      suite(fx);
    });
  }
}
